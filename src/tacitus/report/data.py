"""What a situation report shows, gathered from the store in a constant number of queries.

Figures count real-world events, not reports: one event is one cluster of the reports of it
across articles (`tacitus.store.clusters.cluster_views`), so an air strike two outlets report
is counted once, with the toll most outlets give and the lowest and highest any report gives.
Negated and hypothetical events are never clustered and never counted; with
`include_hypothetical` they are listed apart, each with its evidence.

Queries: three for the clusters, one for the negated and hypothetical events (only when asked
for), one for the articles the report cites (with their text, shown in its evidence section)
and one for their quotes: six at most, whatever the number of events.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session, aliased

from tacitus import __version__
from tacitus.clusters.merge import ClusterView
from tacitus.clusters.reports import ReportActor
from tacitus.export.acled import country as acled_country
from tacitus.store.clusters import cluster_views
from tacitus.store.models import ArticleRow, EventRow, PlaceRow, QuoteRow
from tacitus.store.queries import Filters, event_filters, place_of_event

#: How many quotes the report calls key, and at most how many of them one article gives (so
#: one long interview does not crowd out every other voice).
KEY_QUOTES = 10
KEY_QUOTES_PER_ARTICLE = 2
#: Quotes in the speaker's own words first, then partial quotes, then paraphrase.
QUOTE_KIND_RANK = {"direct": 0, "partial": 1, "indirect": 2}
#: The timeline's bar: a day while the period fits on a screen, then a week, a month, a year.
TIMELINE_UNITS = ((45, "day"), (366, "week"), (3660, "month"))
#: How many perpetrators the fatalities chart shows, those of the highest tolls.
TOP_ACTORS = 12
NO_PERPETRATOR = "no perpetrator named"
#: How many characters of an evidence sentence the events table quotes (the whole sentence is
#: in the evidence section, highlighted in its article).
EVIDENCE_PREVIEW_CHARS = 180


@dataclass(frozen=True)
class Span:
    """A stretch of an article the report links to: an event's evidence or a quote."""

    anchor: str
    start: int
    end: int
    kind: str  # "evidence" or "quote"


@dataclass
class ReportArticle:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return article_anchor(self.id)

    def excerpt(self, start: int, end: int) -> str:
        return self.text[start:end].strip()


@dataclass(frozen=True)
class ReportQuote:
    article_id: str
    text: str
    speaker: str
    cue: str | None
    kind: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return quote_anchor(self.article_id, self.start, self.end)


@dataclass(frozen=True)
class UnassertedEvent:
    """A negated ("did not attack") or hypothetical ("may attack") event, listed, not counted."""

    article_id: str
    event_id: str
    type: str
    status: str
    first_day: date | None
    place: str | None
    country: str | None
    evidence: tuple[int, int]

    @property
    def anchor(self) -> str:
        return evidence_anchor(self.article_id, self.event_id)


@dataclass(frozen=True)
class ActorToll:
    """The events a perpetrator is named in, and their tolls summed."""

    name: str
    code: str | None
    events: int
    best: int
    low: int
    high: int


@dataclass(frozen=True)
class TimelineBin:
    start: date
    counts: dict[str, int]


@dataclass(frozen=True)
class Headline:
    events: int
    reports: int
    #: Events more than one report tells of, merged into one.
    merged: int
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    #: Events whose reports give different tolls.
    disputed_tolls: int
    articles: int
    outlets: int
    first_day: date | None
    last_day: date | None
    located: int
    undated: int


@dataclass
class Report:
    title: str
    filters: Filters
    headline: Headline
    events: list[ClusterView]
    unasserted: list[UnassertedEvent]
    quotes: list[ReportQuote]
    articles: dict[str, ReportArticle]
    timeline_unit: str
    timeline: list[TimelineBin]
    types: list[str]
    actor_tolls: list[ActorToll]
    generated: datetime
    version: str = __version__

    def to_json(self) -> dict:
        """The data the report's charts and map draw (the rest is in its HTML)."""
        return {
            "events": [self._event_json(view) for view in self.events],
            "types": self.types,
            "timeline": {
                "unit": self.timeline_unit,
                "bins": [{"start": b.start.isoformat(), "counts": b.counts} for b in self.timeline],
            },
            "actors": [asdict(toll) for toll in self.actor_tolls[:TOP_ACTORS]],
        }

    def _event_json(self, view: ClusterView) -> dict:
        best, low, high = view.fatalities or (None, None, None)
        place = view.place
        return {
            "id": view.id,
            "anchor": event_anchor(view.id),
            "type": view.type,
            "sub_type": view.acled_sub_type,
            "first_day": view.first_day.isoformat() if view.first_day else None,
            "last_day": view.last_day.isoformat() if view.last_day else None,
            "place": place.name if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "country": view.country,
            "sources": list(view.source_actors),
            "targets": list(view.target_actors),
            "fatalities": best,
            "fatalities_low": low,
            "fatalities_high": high,
            "reports": len(view.reports),
            "outlets": list(view.outlets),
        }


def gather_report(engine: Engine, filters: Filters) -> Report:
    """Everything the report on `filters` shows, read from the store at `engine`."""
    events = cluster_views(engine, filters)
    with Session(engine) as session:
        unasserted = _unasserted_events(session, filters) if filters.include_hypothetical else []
        cited = {r.article_id for view in events for r in view.reports}
        cited |= {event.article_id for event in unasserted}
        articles = _articles(session, cited)
        quotes = _key_quotes(session, articles)
    _mark_spans(articles, events, unasserted, quotes)
    unit, timeline, types = timeline_of(events)
    return Report(
        title=report_title(filters),
        filters=filters,
        headline=_headline(events, articles.values(), filters),
        events=events,
        unasserted=unasserted,
        quotes=quotes,
        articles=articles,
        timeline_unit=unit,
        timeline=timeline,
        types=types,
        actor_tolls=actor_tolls(events),
        generated=datetime.now(UTC).replace(microsecond=0),
    )


def _unasserted_events(session: Session, filters: Filters) -> list[UnassertedEvent]:
    place = aliased(PlaceRow)
    query = (
        select(EventRow, place.name)
        .outerjoin(place, place_of_event(place))
        .where(or_(EventRow.negated.is_(True), EventRow.hypothetical.is_(True)))
    )
    query = event_filters(query, filters, place).order_by(
        EventRow.first_day.desc().nulls_last(), EventRow.article_id, EventRow.pk
    )
    return [
        UnassertedEvent(
            article_id=event.article_id,
            event_id=event.local_id,
            type=event.type,
            status="negated" if event.negated else "hypothetical",
            first_day=event.first_day,
            place=place_name,
            country=event.country,
            evidence=(event.evidence_start, event.evidence_end),
        )
        for event, place_name in session.execute(query)
    ]


def _articles(session: Session, article_ids: set[str]) -> dict[str, ReportArticle]:
    """The cited articles, oldest first (undated last), with their text."""
    if not article_ids:
        return {}
    query = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.url,
        ArticleRow.outlet,
        ArticleRow.published,
        ArticleRow.text,
    ).where(ArticleRow.id.in_(article_ids))
    found = [ReportArticle(*row) for row in session.execute(query)]
    found.sort(key=lambda a: (a.published is None, a.published or date.min, a.id))
    return {article.id: article for article in found}


def _key_quotes(session: Session, articles: dict[str, ReportArticle]) -> list[ReportQuote]:
    """The quotes with a named speaker in the cited articles, the speaker's own words first,
    then a speaker the extraction knows as an actor, then the ones earliest in their article
    (news puts what matters first); at most `KEY_QUOTES_PER_ARTICLE` from one article."""
    if not articles:
        return []
    query = select(QuoteRow).where(
        QuoteRow.article_id.in_(list(articles)), QuoteRow.speaker.is_not(None)
    )
    ranked = sorted(
        session.scalars(query),
        key=lambda q: (QUOTE_KIND_RANK.get(q.kind, len(QUOTE_KIND_RANK)),
                       q.speaker_actor is None, q.start, q.article_id),
    )  # fmt: skip
    chosen: list[ReportQuote] = []
    per_article: Counter[str] = Counter()
    for quote in ranked:
        if len(chosen) == KEY_QUOTES:
            break
        if per_article[quote.article_id] == KEY_QUOTES_PER_ARTICLE or not quote.speaker.strip():
            continue
        per_article[quote.article_id] += 1
        chosen.append(
            ReportQuote(
                article_id=quote.article_id,
                text=quote.text,
                speaker=quote.speaker,
                cue=quote.cue,
                kind=quote.kind,
                start=quote.start,
                end=quote.end,
            )
        )
    return chosen


def _mark_spans(
    articles: dict[str, ReportArticle],
    events: list[ClusterView],
    unasserted: list[UnassertedEvent],
    quotes: list[ReportQuote],
) -> None:
    """Give each cited article the stretches of it the report links to."""
    for view in events:
        for report in view.reports:
            start, end = report.evidence
            anchor = evidence_anchor(report.article_id, report.event_id)
            articles[report.article_id].spans.append(Span(anchor, start, end, "evidence"))
    for event in unasserted:
        start, end = event.evidence
        articles[event.article_id].spans.append(Span(event.anchor, start, end, "evidence"))
    for quote in quotes:
        articles[quote.article_id].spans.append(Span(quote.anchor, quote.start, quote.end, "quote"))


def _headline(events: list[ClusterView], articles: Iterable[ReportArticle], filters: Filters
              ) -> Headline:  # fmt: skip
    tolls = [view.fatalities for view in events if view.fatalities]
    cited = list(articles)
    days = [d for view in events for d in (view.first_day, view.last_day) if d]
    return Headline(
        events=len(events),
        reports=sum(len(view.reports) for view in events),
        merged=sum(1 for view in events if len(view.reports) > 1),
        fatalities=sum(best for best, _, _ in tolls),
        fatalities_low=sum(low for _, low, _ in tolls),
        fatalities_high=sum(high for _, _, high in tolls),
        disputed_tolls=sum(1 for view in events if len({t.best for t in view.tolls}) > 1),
        articles=len(cited),
        outlets=len({a.outlet for a in cited if a.outlet}),
        first_day=filters.since or (min(days) if days else None),
        last_day=filters.until or (max(days) if days else None),
        located=sum(1 for view in events if _coordinates(view) is not None),
        undated=sum(1 for view in events if view.first_day is None),
    )


def _coordinates(view: ClusterView) -> tuple[float, float] | None:
    place = view.place
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lon, place.lat


def timeline_of(events: list[ClusterView]) -> tuple[str, list[TimelineBin], list[str]]:
    """(unit, bins, types): the dated events counted by type per day, week (from Monday),
    month or year, every bin of the period listed, empty or not, so gaps show as gaps; the
    types most frequent first. An event counts in the bin of its first possible day."""
    dated = [view for view in events if view.first_day]
    types = [name for name, _ in Counter(view.type for view in events).most_common()]
    if not dated:
        return "day", [], types
    first = min(view.first_day for view in dated)
    last = max(view.first_day for view in dated)
    span = (last - first).days
    unit = next((name for days, name in TIMELINE_UNITS if span <= days), "year")
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for view in dated:
        counts[_bin_start(view.first_day, unit)][view.type] += 1
    bins = []
    start = _bin_start(first, unit)
    while start <= last:
        bins.append(TimelineBin(start, dict(counts.get(start, {}))))
        start = _next_bin(start, unit)
    return unit, bins, types


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_bin(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def actor_tolls(events: list[ClusterView]) -> list[ActorToll]:
    """The fatalities of the events each perpetrator (source actor) is named in by any report,
    most first. An actor is known by its code where that names one country's actor, else by
    its name (see `_perpetrator_key`); an event
    naming several perpetrators, jointly or in dispute, counts under each, so the bars may sum
    to more than the total; events with a toll and no perpetrator are one row of their own."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    codes: dict[str, str | None] = {}
    tolls: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for view in events:
        if not view.fatalities:
            continue
        keys = set()
        for report in view.reports:
            for actor in report.source_actors:
                key = _perpetrator_key(actor)
                keys.add(key)
                names[key][actor.name] += 1
                codes[key] = actor.code
        for key in keys or {NO_PERPETRATOR}:
            tolls[key].append(view.fatalities)
    rows = [
        ActorToll(
            name=names[key].most_common(1)[0][0] if key in names else NO_PERPETRATOR,
            code=codes.get(key),
            events=len(found),
            best=sum(t[0] for t in found),
            low=sum(t[1] for t in found),
            high=sum(t[2] for t in found),
        )
        for key, found in tolls.items()
    ]
    rows.sort(key=lambda row: (-row.best, -row.events, row.name.lower()))
    return rows


def _perpetrator_key(actor: ReportActor) -> str:
    """A code with a country (SYRMIL, Syria's military) names one actor, whatever the name a
    report gives it; a bare sector code (MIL, REB) names no one in particular: "warplanes" in
    Idlib and "warplanes" in Yemen are not one perpetrator, so those go by name."""
    if actor.code and actor.country:
        return actor.code
    return actor.name.lower()


def report_title(filters: Filters) -> str:
    """'Situation report: Syria, Idlib, ASSAULT' — the place and subject the filters pick."""
    scope = [acled_country(filters.country).name or filters.country] if filters.country else []
    scope += [value for value in (filters.admin1, filters.type, filters.actor) if value]
    if filters.bbox:
        scope.append("lon {} to {}, lat {} to {}".format(*_bbox_order(filters.bbox)))
    return "Situation report" + (": " + ", ".join(scope) if scope else "")


def _bbox_order(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    min_lon, min_lat, max_lon, max_lat = bbox
    return min_lon, max_lon, min_lat, max_lat


def filter_lines(filters: Filters) -> list[str]:
    """The filters as the command line gave them, for the report's footer."""
    values = {
        "--since": filters.since,
        "--until": filters.until,
        "--country": filters.country,
        "--type": filters.type,
        "--actor": filters.actor,
        "--admin1": filters.admin1,
        "--bbox": ",".join(f"{v:g}" for v in filters.bbox) if filters.bbox else None,
        "--min-confidence": filters.min_confidence,
    }
    lines = [f"{option} {value}" for option, value in values.items() if value is not None]
    return lines + (["--include-hypothetical"] if filters.include_hypothetical else [])


def event_anchor(cluster_id: str) -> str:
    return f"event-{_slug(cluster_id)}"


def article_anchor(article_id: str) -> str:
    return f"article-{_slug(article_id)}"


def evidence_anchor(article_id: str, event_id: str) -> str:
    return f"ev-{_slug(article_id)}-{_slug(event_id)}"


def quote_anchor(article_id: str, start: int, end: int) -> str:
    return f"q-{_slug(article_id)}-{start}-{end}"


def _slug(value: str) -> str:
    """`value` as a part of an HTML id and URL fragment: letters, digits, `_` and `-` kept;
    any other character replaced, with a hash of the whole value so ids stay distinct."""
    slug = re.sub(r"[^A-Za-z0-9_-]", "_", value)
    if slug == value:
        return value
    return f"{slug[:48]}_{hashlib.sha1(value.encode()).hexdigest()[:10]}"
