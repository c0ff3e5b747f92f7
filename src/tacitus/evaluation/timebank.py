"""TimeML (TimeBank + AQUAINT) and MEANTIME readers and the time-expression scorers.

A predicted time is *found* when its span overlaps a gold TIMEX3 span and *value-correct*
when, in addition, its TimeML ``value`` equals the gold value string (same granularity; an
ISO week the gold writes with one digit, "2000-W7", is compared as ISO 8601's "2000-W07").
Each document's creation time (DCT) is the publication date the pipeline resolves against.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import overlaps, prf, ratio
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.pipeline import annotate

TIMEBANK_DIR = "temporal/TBAQ-cleaned"
TIMEBANK_PARTS = ("TimeBank", "AQUAINT")
MEANTIME_DIR = "meantime/meantime_newsreader_english_oct15/intra-doc_annotation"

#: schema precision of a prediction -> the TIMEX3 type it corresponds to
PRECISION_TYPES = {"duration": "DURATION", "set": "SET"}
#: a date value with a time of day ("1998-08-07T10:35", "1998-08-07TMO")
CLOCK_VALUE = re.compile(r"\dT")
#: an ISO week written with one digit ("2000-W7"): ISO 8601 writes the week with two
UNPADDED_WEEK = re.compile(r"(?<=\d{4}-W)(\d)(?!\d)")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimexDocument:
    name: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]


def _dct_date(value: str | None) -> date | None:
    """The calendar day of a DCT value such as ``1998-01-08`` or ``1990-08-15T13:37``."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _flatten(element: ET.Element, parts: list[str], timexes: list[GoldTimex]) -> None:
    """Append the text under `element` to `parts`, recording TIMEX3 character spans."""
    start = sum(map(len, parts))
    if element.text:
        parts.append(element.text)
    for child in element:
        _flatten(child, parts, timexes)
        if child.tail:
            parts.append(child.tail)
    if element.tag == "TIMEX3":
        end = sum(map(len, parts))
        timexes.append(GoldTimex(start, end, element.get("type", ""), element.get("value", "")))


def read_timeml(path: Path) -> TimexDocument:
    """One TimeML file: the TEXT element's text, its TIMEX3s and the DCT."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    if body is not None:
        _flatten(body, parts, timexes)
    return TimexDocument(
        name=path.stem,
        text="".join(parts),
        published=_dct_date(dct.get("value") if dct is not None else None),
        timexes=tuple(t for t in timexes if t.end > t.start),
    )


def read_timebank(root: Path, limit: int | None = None) -> list[TimexDocument]:
    """TimeBank and AQUAINT documents of TBAQ-cleaned, in a stable order."""
    files = sorted(p for part in TIMEBANK_PARTS for p in (root / part).glob("*.tml"))
    return [read_timeml(p) for p in files[:limit]]


def read_meantime_file(path: Path) -> TimexDocument:
    """One MEANTIME (CAT XML) file: tokens joined into text, DCT from the CREATION_TIME TIMEX3.

    MEANTIME annotates only the title and the first sentences of each article, so the text
    stops after the last sentence holding any annotation (otherwise every correct
    expression further down would count as a false positive).
    """
    root = ET.parse(path).getroot()
    sentence_of = {t.get("t_id", ""): int(t.get("sentence", "0")) for t in root.iter("token")}
    markables = root.find("Markables")
    annotated = [
        sentence_of[a.get("t_id", "")]
        for a in (markables.iter("token_anchor") if markables is not None else ())
    ]
    last_sentence = max(annotated, default=-1)
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    previous_sentence = None
    position = 0
    for token in root.iter("token"):
        sentence = sentence_of[token.get("t_id", "")]
        if sentence > last_sentence:
            break
        if parts:
            parts.append("\n" if sentence != previous_sentence else " ")
            position += 1
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
        previous_sentence = sentence
    timexes: list[GoldTimex] = []
    published = None
    for timex in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = _dct_date(timex.get("value"))
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            timexes.append(GoldTimex(start, end, timex.get("type", ""), timex.get("value", "")))
    return TimexDocument(path.stem, "".join(parts), published, tuple(timexes))


def read_meantime(root: Path, limit: int | None = None) -> list[TimexDocument]:
    files = sorted(root.glob("corpus_*/*.xml"))
    return [read_meantime_file(p) for p in files[:limit]]


def predicted_type(time: dict) -> str:
    """The TIMEX3 type a predicted time corresponds to."""
    if time["precision"] in PRECISION_TYPES:
        return PRECISION_TYPES[time["precision"]]
    return "TIME" if time["value"] and CLOCK_VALUE.search(time["value"]) else "DATE"


def same_value(predicted: str | None, gold: str) -> bool:
    """Whether two TimeML values are the same string once ISO weeks are written with two
    digits, as ISO 8601 writes them: some TimeBank files have "2000-W7" for 2000-W07."""
    if predicted is None:
        return False
    return UNPADDED_WEEK.sub(r"0\1", predicted) == UNPADDED_WEEK.sub(r"0\1", gold)


def predictions(ctx: EvalContext, documents: list[TimexDocument]) -> Iterator[list[dict]]:
    """The pipeline's times for each document, in order."""
    docs = annotate(ctx.nlp, ((d.text, d.published) for d in documents))
    for doc in docs:
        yield list_extension(doc, "times")


def score_documents(
    documents: Iterable[TimexDocument], predicted: Iterable[list[dict]], only_type: str | None
) -> Metrics:
    """Span and value precision/recall/F1 over all documents, optionally one TIMEX3 type."""
    counts = dict.fromkeys(
        ("gold", "predicted", "span_pred", "span_gold", "value_pred", "value_gold"), 0
    )
    for document, times in zip(documents, predicted, strict=True):
        gold = [t for t in document.timexes if only_type in (None, t.type)]
        if only_type is not None:
            times = [t for t in times if predicted_type(t) == only_type]
        _count(gold, times, counts)
    span = prf(counts["span_pred"], counts["predicted"], counts["span_gold"], counts["gold"])
    value = prf(counts["value_pred"], counts["predicted"], counts["value_gold"], counts["gold"])
    metrics: Metrics = {"gold": counts["gold"], "predicted": counts["predicted"]}
    metrics |= {f"span_{k}": v for k, v in span.items()}
    metrics |= {f"value_{k}": v for k, v in value.items()}
    metrics["value_accuracy"] = ratio(counts["value_gold"], counts["span_gold"])
    return metrics


def _count(gold: list[GoldTimex], times: list[dict], counts: dict[str, int]) -> None:
    def spans_meet(g: GoldTimex, t: dict) -> bool:
        return overlaps((g.start, g.end), (t["start"], t["end"]))

    counts["gold"] += len(gold)
    counts["predicted"] += len(times)
    counts["span_gold"] += sum(any(spans_meet(g, t) for t in times) for g in gold)
    counts["span_pred"] += sum(any(spans_meet(g, t) for g in gold) for t in times)
    counts["value_gold"] += sum(
        any(spans_meet(g, t) and same_value(t["value"], g.value) for t in times) for g in gold
    )
    counts["value_pred"] += sum(
        any(spans_meet(g, t) and same_value(t["value"], g.value) for g in gold) for t in times
    )


def score_all_and_dates(ctx: EvalContext, documents: list[TimexDocument]) -> Metrics:
    """Metrics over every TIMEX3 type, then (prefixed ``date_``) over DATE alone."""
    predicted = list(predictions(ctx, documents))
    metrics = score_documents(documents, predicted, None)
    dates = score_documents(documents, predicted, "DATE")
    metrics |= {f"date_{k}": v for k, v in dates.items()}
    metrics["documents"] = len(documents)
    return metrics


@gold_set("timebank", "TimeBank + AQUAINT (TBAQ-cleaned): TIMEX3 spans and values vs the DCT")
def score_timebank(ctx: EvalContext) -> Metrics:
    return score_all_and_dates(ctx, read_timebank(ctx.path(TIMEBANK_DIR), ctx.limit))


@gold_set("meantime", "MEANTIME (Wikinews, English): TIMEX3 spans and values vs the DCT")
def score_meantime(ctx: EvalContext) -> Metrics:
    return score_all_and_dates(ctx, read_meantime(ctx.path(MEANTIME_DIR), ctx.limit))
