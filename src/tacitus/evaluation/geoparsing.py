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
toponyms without a country are left out of country accuracy. Every found toponym counts,
regions and seas included ("the Middle East" at its representative point, with no country
when it spans several); a place found without a point or country (a street the gazetteer
does not know) counts as wrong. ``acc161_resolved`` is the accuracy over the found
toponyms that got a point.

The places of an article depend on the articles of its outlet read before it (the outlet
lexicon, `tacitus.nlp.outlet_lexicon`), and LGL is ordered by outlet. Besides the figures
of the articles in file order, each set is scored twice more from the same parsed
articles, with the places component run anew: ``shuffled.*``, the articles in a fixed
shuffled order (seed `SHUFFLE_SEED`), so that each outlet's first articles are read with
little of its lexicon; ``no_lexicon.*``, without the outlet lexicon
(``outlet_lexicon=False``, ``TACITUS_OUTLET_LEXICON=0``), each article's places from its
own text alone.

GeoWebNews annotates adjectival uses of place names ("Syrian", "French") and names
embedded in other names ("The Washington Post", "US Census Bureau") as toponyms; schema
v1 treats the first as demonyms and the second as part of an organisation's name, so
neither is required nor counted against a prediction. The scored GeoWebNews toponyms are
the others that have coordinates.
"""

from __future__ import annotations

import random
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import great_circle_km, overlap, overlaps, prf, ratio
from tacitus.gazetteer import Gazetteer, iso3_codes, load_gazetteer
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.outlet_lexicon import outlet_key
from tacitus.nlp.pipeline import DocInput, annotate, forget_outlets
from tacitus.nlp.places import PlacesComponent

#: Within this distance a place counts as correctly resolved (100 miles).
CORRECT_KM = 161.0
#: The error given to an unfound toponym or a place without a point: the farthest possible.
WORST_KM = 20_037.5
#: A GeoWebNews gold point farther than this from every GeoNames place has no country.
COUNTRY_SEARCH_KM = 200.0
#: GeoWebNews types of place names inside other names ("The Washington Post").
EMBEDDED_TYPES = ("Embedded_",)
#: Endings of nationality words ("Russian", "Minnesotans", "Lebanese", "Irish", "Iraqi",
#: "Cypriot", "Czech"). A few place names end so too ("Callahan" for Callahan County, "Batumi"
#: for Bat'umi): left out with them, they are under 0.3% of LGL's toponyms.
NATIONALITY_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ot", "ots", "ch")
#: A nationality word begins with this many letters of its place's name ("Lebanese").
NATIONALITY_STEM = 3
#: The seed of the shuffled order the ``shuffled.*`` figures read the articles in.
SHUFFLE_SEED = 15
#: The figures given again for the shuffled order and without the outlet lexicon.
VARIANT_METRICS = ("toponym_f1", "acc161_found", "country_acc_found", "median_km_found")


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
    entry, and nationality words ("Russian", "Palestinians", `is_nationality_word`), are
    ignored."""
    gazetteer = load_gazetteer()
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms, ignored = [], []
        for element in article.iter("toponym"):
            span = (int(element.findtext("start")), int(element.findtext("end")))
            tag = element.find("gaztag")
            phrase = element.findtext("phrase") or ""
            if tag is None or not tag.findtext("lat") or is_nationality_word(phrase, tag):
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


def is_nationality_word(phrase: str, tag: ET.Element) -> bool:
    """Whether an LGL toponym is a nationality ("Russian" for the Russian Federation,
    "Ohioans" for Ohio), read from the gold alone: one word, none of the names the gold gives
    its place (its name, country and first-level division), that begins as one of their
    words begins and ends as nationalities do."""
    names = [tag.findtext(field) or "" for field in ("name", "country", "admin1")]
    word = phrase.strip().lower()
    words = {w for name in names for w in name.lower().split()}
    return (
        len(word.split()) == 1
        and word.endswith(NATIONALITY_ENDINGS)
        and word not in {name.lower() for name in names}
        and any(w[:NATIONALITY_STEM] == word[:NATIONALITY_STEM] for w in words)
    )


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
    """The figures of the articles read in file order, then (``shuffled``, ``no_lexicon``)
    those of the places component run again on the same parsed articles."""
    forget_outlets(ctx.nlp)  # each gold set is a run of its own
    docs = list(annotate(ctx.nlp, (DocInput(a.text, a.published, a.outlet) for a in articles)))
    metrics = _score_places(articles, [list_extension(doc, "places") for doc in docs])
    order = list(range(len(docs)))
    random.Random(SHUFFLE_SEED).shuffle(order)
    variants = {
        "shuffled": (PlacesComponent(load_gazetteer(), outlet_lexicon=True), order),
        "no_lexicon": (PlacesComponent(load_gazetteer(), outlet_lexicon=False), range(len(docs))),
    }
    for name, (component, reading_order) in variants.items():
        for _ in component.pipe(docs[i] for i in reading_order):
            pass
        again = _score_places(articles, [list_extension(doc, "places") for doc in docs])
        metrics[name] = {metric: again[metric] for metric in VARIANT_METRICS}
    return metrics


def _score_places(articles: Sequence[GoldArticle], places: Sequence[list[dict]]) -> Metrics:
    """Recognition and geocoding figures of each article's output places."""
    iso3 = iso3_codes()
    predicted = true_positive_pred = found = resolved = 0
    errors_found: list[float] = []
    country_found = country_right = country_gold = 0
    gold_total = sum(len(article.toponyms) for article in articles)
    for article, output in zip(articles, places, strict=True):
        predictions = predictions_of(output)
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
            if toponym.country:
                country_found += 1
                country_right += iso3.get(toponym.country) == match.country
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
    }
    return metrics


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
