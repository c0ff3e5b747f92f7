"""Geoparsing gold sets: GeoWebNews (``gwn``) and LGL (``lgl``).

Toponym recognition is scored on span overlap (precision over predicted mentions, recall
over gold toponyms). Geocoding is scored on gold toponyms, each matched to the predicted
mention that overlaps it most:

- ``*_found``: over the gold toponyms the system found (a found place without a point,
  such as a region, counts as wrong);
- ``*_all``: over all gold toponyms, an unfound one counted wrong (and, for the median,
  as the largest possible error, half the Earth's circumference).

Accuracy within 161 km (100 miles) and the median error use great-circle distances; the
country of a gold toponym is its GeoNames country (LGL), or for GeoWebNews the country of
its GeoNames id in the gazetteer (none for a continent), else of the nearest GeoNames
place within 200 km of its point (gold points in the open sea have no country); gold
toponyms without a country are left out of country accuracy. A place found without a
point or country (a street the gazetteer does not know, a region) counts as wrong;
``acc161_resolved`` is the accuracy over the found toponyms that got a point.

Schema v1 gives the listed regions and seas ("the Middle East", "the Gulf", "the
Atlantic") no point and a country only when they lie in one, while GeoWebNews gives them
both. ``acc161_places`` and ``country_acc_places`` are the ``*_found`` figures over the
found toponyms other than those, whose names the gazetteer lists as regions: the figures
a system keeping that contract can reach.

GeoWebNews annotates adjectival uses of place names ("Syrian", "French") and names
embedded in other names ("The Washington Post", "US Census Bureau") as toponyms; schema
v1 treats the first as demonyms and the second as part of an organisation's name, so
neither is required nor counted against a prediction. The scored GeoWebNews toponyms are
the others that have coordinates.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import great_circle_km, overlap, overlaps, prf, ratio
from tacitus.gazetteer import Gazetteer, iso3_codes, load_gazetteer, name_key
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.outlet_lexicon import outlet_key
from tacitus.nlp.pipeline import DocInput, annotate, forget_outlets
from tacitus.nlp.places import demonyms

#: Within this distance a place counts as correctly resolved (100 miles).
CORRECT_KM = 161.0
#: The error given to an unfound toponym or a place without a point: the farthest possible.
WORST_KM = 20_037.5
#: A GeoWebNews gold point farther than this from every GeoNames place has no country.
COUNTRY_SEARCH_KM = 200.0
#: GeoWebNews types of place names inside other names ("The Washington Post").
EMBEDDED_TYPES = ("Embedded_",)


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO2


@dataclass(frozen=True)
class GoldArticle:
    text: str
    published: date | None
    toponyms: tuple[GoldToponym, ...]
    #: Annotated spans that are neither required nor counted against a prediction.
    ignored: tuple[tuple[int, int], ...] = ()
    outlet: str | None = None


# --- readers ----------------------------------------------------------------------------


def read_gwn(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """GeoWebNews articles with their toponyms that have coordinates."""
    gazetteer = load_gazetteer()
    articles = []
    pending: list[tuple[float, float]] = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms, ignored = [], []
        for element in article.iter("toponym"):
            span = (int(element.findtext("start")), int(element.findtext("end")))
            lat, lon = element.findtext("latitude"), element.findtext("longitude")
            if not lat or not lon or not 0 <= span[0] < span[1] <= len(text):
                continue
            if element.findtext("modifierType") == "Adjective" or element.findtext(
                "type"
            ).startswith(EMBEDDED_TYPES):
                ignored.append(span)
                continue
            geonames_id = element.findtext("geonamesID")
            known = gazetteer.by_geonames_id(int(geonames_id)) if geonames_id else None
            country = known.country if known is not None else None
            toponyms.append(
                GoldToponym(
                    *span, element.findtext("extractedName") or "", float(lat), float(lon), country
                )
            )
            if known is None:
                pending.append((float(lat), float(lon)))
        outlet = outlet_key(None, article.findtext("link"))
        articles.append(GoldArticle(text, None, tuple(toponyms), tuple(ignored), outlet))
        if limit is not None and len(articles) >= limit:
            break
    return _fill_countries(articles, pending)


def read_lgl(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """LGL articles with their GeoNames-resolved toponyms; toponyms without a GeoNames
    entry, and demonyms ("Russian", "Palestinians"), are ignored."""
    gazetteer = load_gazetteer()
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms, ignored = [], []
        for element in article.iter("toponym"):
            span = (int(element.findtext("start")), int(element.findtext("end")))
            tag = element.find("gaztag")
            phrase = element.findtext("phrase") or ""
            if tag is None or not tag.findtext("lat") or name_key(phrase) in demonyms():
                ignored.append(span)
                continue
            country = tag.find("country")
            iso2 = (
                _country_of_id(gazetteer, int(country.get("geonameid")))
                if country is not None and country.get("geonameid")
                else None
            )
            toponyms.append(
                GoldToponym(
                    *span, phrase, float(tag.findtext("lat")), float(tag.findtext("lon")), iso2
                )
            )
        published = _date_of(article.findtext("dltime"))
        outlet = outlet_key(article.findtext("domain"))
        articles.append(GoldArticle(text, published, tuple(toponyms), tuple(ignored), outlet))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _date_of(stamp: str | None) -> date | None:
    try:
        return datetime.fromisoformat(stamp[:10]).date() if stamp else None
    except ValueError:
        return None


def _country_of_id(gazetteer: Gazetteer, geonames_id: int) -> str | None:
    """The ISO2 country of a GeoNames id the gazetteer knows."""
    place = gazetteer.by_geonames_id(geonames_id)
    return place.country if place is not None else None


def _fill_countries(
    articles: list[GoldArticle], points: list[tuple[float, float]]
) -> list[GoldArticle]:
    """Give gold toponyms without a known GeoNames id the country of the nearest place."""
    if not points:
        return articles
    import reverse_geocoder

    nearest = reverse_geocoder.search(points, mode=1, verbose=False)
    countries = {
        point: row["cc"]
        for point, row in zip(points, nearest, strict=True)
        if great_circle_km(*point, float(row["lat"]), float(row["lon"])) <= COUNTRY_SEARCH_KM
    }
    filled = []
    for article in articles:
        toponyms = tuple(
            t
            if t.country or (t.lat, t.lon) not in countries
            else GoldToponym(t.start, t.end, t.name, t.lat, t.lon, countries[(t.lat, t.lon)])
            for t in article.toponyms
        )
        filled.append(replace(article, toponyms=toponyms))
    return filled


# --- scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None  # ISO3


def predictions_of(places: Sequence[dict]) -> list[Prediction]:
    return [
        Prediction(start, end, place["lat"], place["lon"], place["country"])
        for place in places
        for start, end in place["mentions"]
    ]


def score_geoparsing(articles: Sequence[GoldArticle], ctx: EvalContext) -> Metrics:
    iso3 = iso3_codes()
    gazetteer = load_gazetteer()
    predicted = true_positive_pred = found = resolved = 0
    errors_found: list[float] = []
    country_found = country_right = country_gold = 0
    place_errors: list[float] = []
    place_countries: list[bool] = []
    gold_total = sum(len(article.toponyms) for article in articles)
    forget_outlets(ctx.nlp)  # each gold set is a run of its own
    docs = annotate(ctx.nlp, (DocInput(a.text, a.published, a.outlet) for a in articles))
    for article, doc in zip(articles, docs, strict=True):
        predictions = predictions_of(list_extension(doc, "places"))
        gold_spans = [(t.start, t.end) for t in article.toponyms]
        for prediction in predictions:
            span = (prediction.start, prediction.end)
            if any(overlaps(span, g) for g in gold_spans):
                predicted += 1
                true_positive_pred += 1
            elif not any(overlaps(span, ignored) for ignored in article.ignored):
                predicted += 1
        for toponym, match in _matches(article.toponyms, predictions):
            if toponym.country:
                country_gold += 1
            if match is None:
                continue
            found += 1
            errors_found.append(_error_km(toponym, match))
            resolved += match.lat is not None
            right_country = iso3.get(toponym.country or "") == match.country
            if toponym.country:
                country_found += 1
                country_right += right_country
            if not _is_listed_region(gazetteer, toponym.name):
                place_errors.append(errors_found[-1])
                if toponym.country:
                    place_countries.append(right_country)
    metrics: Metrics = {
        f"toponym_{name}": value
        for name, value in prf(true_positive_pred, predicted, found, gold_total).items()
    }
    correct = sum(error <= CORRECT_KM for error in errors_found)
    errors_all = errors_found + [WORST_KM] * (gold_total - found)
    metrics |= {
        "gold_toponyms": gold_total,
        "found_toponyms": found,
        "acc161_found": ratio(correct, found),
        "acc161_all": ratio(correct, gold_total),
        "resolved_toponyms": resolved,
        "acc161_resolved": ratio(correct, resolved),
        "median_km_found": round(statistics.median(errors_found), 1) if errors_found else 0.0,
        "median_km_all": round(statistics.median(errors_all), 1) if errors_all else 0.0,
        "country_acc_found": ratio(country_right, country_found),
        "country_acc_all": ratio(country_right, country_gold),
        "found_places": len(place_errors),
        "acc161_places": ratio(sum(e <= CORRECT_KM for e in place_errors), len(place_errors)),
        "country_acc_places": ratio(sum(place_countries), len(place_countries)),
    }
    return metrics


def _is_listed_region(gazetteer: Gazetteer, name: str) -> bool:
    """Whether a name is one of the regions schema v1 gives no point ("the Middle East")."""
    return any(c.primary and c.place.is_listed_region for c in gazetteer.candidates(name))


def _matches(
    toponyms: Sequence[GoldToponym], predictions: Sequence[Prediction]
) -> Iterator[tuple[GoldToponym, Prediction | None]]:
    """Each gold toponym with the prediction overlapping it most (None when none does)."""
    for toponym in toponyms:
        span = (toponym.start, toponym.end)
        best = max(predictions, key=lambda p: overlap(span, (p.start, p.end)), default=None)
        yield toponym, best if best and overlaps(span, (best.start, best.end)) else None


def _error_km(toponym: GoldToponym, prediction: Prediction) -> float:
    if prediction.lat is None or prediction.lon is None:
        return WORST_KM
    return great_circle_km(toponym.lat, toponym.lon, prediction.lat, prediction.lon)


@gold_set("gwn", "GeoWebNews: toponym recognition and geocoding (Acc@161) on 200 articles")
def score_gwn(ctx: EvalContext) -> Metrics:
    return score_geoparsing(read_gwn(ctx.path("geoparsing/GWN.xml"), ctx.limit), ctx)


@gold_set("lgl", "LGL local news: toponym recognition and geocoding (Acc@161), 588 articles")
def score_lgl(ctx: EvalContext) -> Metrics:
    return score_geoparsing(read_lgl(ctx.path("geoparsing/lgl.xml"), ctx.limit), ctx)
