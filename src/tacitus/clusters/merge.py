"""A cluster's merged view: what its reports agree on, and each source's word where they don't.

Nothing is averaged away. The toll shown is the best-supported report's (the figure most
outlets give; on a tie the higher, since tolls rise as bodies are found and later reports
are better informed), with the lowest and highest figure of any report beside it, and every
report's own figure, outlet and evidence kept in `tolls`. Blame is kept the same way: the
source actors of each report, so "the army" in one and "the rebels" in another both show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from tacitus.clusters.reports import EventReport, ReportPlace


@dataclass(frozen=True)
class SourceToll:
    outlet: str | None
    article_id: str
    event_id: str
    best: int
    evidence: tuple[int, int]


@dataclass(frozen=True)
class ClusterView:
    id: str
    type: str
    acled_type: str | None
    acled_sub_type: str | None
    first_day: date | None
    last_day: date | None
    place: ReportPlace | None
    country: str | None
    source_actors: tuple[str, ...]
    target_actors: tuple[str, ...]
    fatalities: tuple[int, int, int] | None
    reports: tuple[EventReport, ...]
    tolls: tuple[SourceToll, ...] = field(default=())
    #: Source actors named by some reports and not others ("blames the army" / "the rebels").
    disputed_sources: bool = False

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({r.outlet for r in self.reports if r.outlet}))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.article_id for r in self.reports))

    def to_row(self) -> dict:
        """One flat row (table, CSV and JSON output): each source's toll as "outlet: figure"."""
        place = self.place
        best, low, high = self.fatalities or (None, None, None)
        return {
            "id": self.id,
            "type": self.type,
            "acled_sub_type": self.acled_sub_type,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "place": place.name if place else None,
            "admin1": place.admin1 if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "country": self.country,
            "source": "; ".join(self.source_actors),
            "target": "; ".join(self.target_actors),
            "disputed_source": self.disputed_sources,
            "fatalities": best,
            "fatalities_low": low,
            "fatalities_high": high,
            "tolls": "; ".join(f"{t.outlet or t.article_id}: {t.best}" for t in self.tolls),
            "reports": len(self.reports),
            "outlets": len(self.outlets),
            "outlet_names": "; ".join(self.outlets),
            "articles": "; ".join(self.articles),
            "events": "; ".join(f"{r.article_id}/{r.event_id}" for r in self.reports),
        }


def merged_view(cluster_id: str, reports: list[EventReport]) -> ClusterView:
    """The merged view of a cluster's reports (in the order they were clustered)."""
    if not reports:
        raise ValueError(f"cluster {cluster_id} has no reports")
    sources_per_report = [frozenset(a.name for a in r.source_actors) for r in reports]
    named = [names for names in sources_per_report if names]
    first_day, last_day = _best_window(reports)
    return ClusterView(
        id=cluster_id,
        type=_most_common(r.type for r in reports),
        acled_type=_most_common(r.acled_type for r in reports if r.acled_type),
        acled_sub_type=_most_common(r.acled_sub_type for r in reports if r.acled_sub_type),
        first_day=first_day,
        last_day=last_day,
        place=_best_place(reports),
        country=_most_common(r.country for r in reports if r.country),
        source_actors=_names(a for r in reports for a in r.source_actors),
        target_actors=_names(a for r in reports for a in r.target_actors),
        fatalities=_toll(reports),
        reports=tuple(reports),
        tolls=tuple(
            SourceToll(r.outlet, r.article_id, r.event_id, r.fatalities[0], r.evidence)
            for r in reports
            if r.fatalities
        ),
        disputed_sources=len(set(named)) > 1 and not frozenset.intersection(*named),
    )


def _most_common(values) -> str | None:
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def _best_window(reports: list[EventReport]) -> tuple[date | None, date | None]:
    """The narrowest dated window, else the narrowest window of any report."""
    windows = [r for r in reports if r.first_day and r.last_day]
    dated = [r for r in windows if r.dated] or windows
    if not dated:
        return None, None
    best = min(dated, key=lambda r: (r.last_day - r.first_day, r.first_day))
    return best.first_day, best.last_day


def _best_place(reports: list[EventReport]) -> ReportPlace | None:
    """The finest place, the one most reports name at that precision."""
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    finest = min(p.geo_precision for p in places)
    counts = Counter(p for p in places if p.geo_precision == finest)
    return counts.most_common(1)[0][0]


def _names(actors) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.name for a in actors))


def _toll(reports: list[EventReport]) -> tuple[int, int, int] | None:
    """(best, low, high): best the figure the most outlets give, the higher on a tie."""
    tolled = [r for r in reports if r.fatalities]
    if not tolled:
        return None
    outlets_per_figure: dict[int, set[str]] = {}
    for report in tolled:
        outlets_per_figure.setdefault(report.fatalities[0], set()).add(
            report.outlet or report.article_id
        )
    best = max(outlets_per_figure, key=lambda figure: (len(outlets_per_figure[figure]), figure))
    return best, min(r.fatalities[1] for r in tolled), max(r.fatalities[2] for r in tolled)
