"""The ``events-gold`` set: Tacitus's events against 40 articles coded by hand.

The gold (``gold/events/*.json``, one file per article, README.md beside it) codes each real
event an article reports, as an ACLED and PLOVER coder would: PLOVER type, ACLED sub-event
type, source and target actors, place, date, fatalities and every sentence that reports it.
Its offsets point into the raw texts of ../shared/data, which this module reads with its own
csv/json code.

Each article goes through the public API (``tacitus.extract``) with the date and title the
set gives, as a user would run it. Events flagged ``hypothetical`` or ``negated`` are not
asserted events and are left out. The product's offsets point into its cleaned
``article.text``; they are carried to the raw text by a character alignment of the two
strings (difflib), so no product code reads the gold.

A predicted event matches a gold event when one of its evidence spans overlaps one of the
gold event's evidence sentences. Pairs are taken best first: same PLOVER type, then the
nearest (trigger to gold sentence), then the larger overlap; each gold event takes one
predicted event. A further predicted event overlapping an already matched gold event is a
repeat, one overlapping no gold event a false positive; both count against precision.
Field accuracies are over matched pairs (see README.md for actors, place and date).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import Span, great_circle_km, overlap, prf, ratio

GOLD_DIR = Path(__file__).parent / "gold" / "events"
FAKES_FILE = "news/FA-KES-Dataset.csv"
GUARDIAN_FILE = "ngec/Guardian_SDF_sample.csv"
BBC_FILE = "news/bbc_news_2225.jsonl"

#: A predicted place within this distance of the gold point is right (ACLED's tolerance).
PLACE_KM = 50.0
#: Event types whose two sides are interchangeable: actors are compared as one pool.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Words that name no one in particular: sharing one does not make two actors the same.
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "by", "from", "with",
     "its", "their", "his", "her", "s"}
)  # fmt: skip
#: The fields judged on matched events, each reported as ``<name>_accuracy``.
JUDGED_FIELDS = ("type", "acled_sub_type", "source_actor", "target_actor", "actors", "place",
                 "date", "fatalities")  # fmt: skip
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class RawArticle:
    text: str
    title: str | None


@dataclass
class Tally:
    """Counts summed over articles; the metrics are ratios of these."""

    articles: int = 0
    gold: int = 0
    gold_main: int = 0
    predicted: int = 0
    matched: int = 0
    matched_main: int = 0
    repeats: int = 0
    false_positives: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)

    def judge(self, name: str, right: bool) -> None:
        self.scored[name] = self.scored.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + right

    def accuracy(self, name: str) -> float:
        return ratio(self.hits.get(name, 0), self.scored.get(name, 0))


# --- reading the gold and the raw texts ----------------------------------------------------


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def evidence_sha1(text: str, start: int, end: int) -> str:
    return hashlib.sha1(text[start:end].encode()).hexdigest()[:8]


def sha1_mismatches(gold: dict, text: str) -> list[str]:
    """The gold spans whose sha1 does not match `text`: the gold was coded on another text."""
    spans = [s for e in gold["events"] for s in e["evidence"]] + gold.get("non_events", [])
    return [
        f"[{s['start']}, {s['end']}) sha1 {s['sha1']}"
        for s in spans
        if evidence_sha1(text, s["start"], s["end"]) != s["sha1"]
    ]


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(10**9)  # Guardian texts exceed the default field size
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        yield from csv.DictReader(handle)


@cache
def raw_articles(path: Path, set_name: str) -> dict[str, RawArticle]:
    """key -> raw text and title of one source set, read as the gold offsets expect."""
    if set_name == "fakes":
        rows = _read_csv(path)
        return {r["unit_id"]: RawArticle(r["article_content"], r["article_title"]) for r in rows}
    if set_name == "guardian":
        return {r[""]: RawArticle(r["text"], None) for r in _read_csv(path)}
    if set_name == "bbc":
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        return {r["id"]: RawArticle(r["text"], r.get("title")) for r in records}
    raise ValueError(f"unknown source set {set_name!r} in the events gold")


#: source set -> its file in the shared data
SOURCE_FILES = {"fakes": FAKES_FILE, "guardian": GUARDIAN_FILE, "bbc": BBC_FILE}


# --- aligning the product's cleaned text with the raw text ---------------------------------


class CharMap:
    """Carries offsets in a cleaned copy of a text back to the raw text.

    Characters the two strings share are aligned by difflib; a character the cleaning
    inserted (a space joining two lines) takes the position after the last aligned one.
    """

    def __init__(self, cleaned: str, raw: str) -> None:
        self._to_raw = [0] * (len(cleaned) + 1)
        matcher = SequenceMatcher(None, cleaned, raw, autojunk=False)
        position = 0
        cleaned_at = 0
        for block in matcher.get_matching_blocks():
            for i in range(cleaned_at, block.a):  # cleaned characters the raw text lacks
                self._to_raw[i] = position
            for k in range(block.size):
                self._to_raw[block.a + k] = block.b + k
            if block.size:
                position = block.b + block.size
            cleaned_at = block.a + block.size
        self._to_raw[len(cleaned)] = len(raw)

    def span(self, start: int, end: int) -> Span:
        """The raw span covering cleaned [start, end)."""
        if end <= start:
            return (self._to_raw[start], self._to_raw[start])
        return (self._to_raw[start], self._to_raw[end - 1] + 1)


# --- matching predicted events with gold events --------------------------------------------


def asserted_events(extraction: dict) -> list[dict]:
    """Events the product reports as having happened: hypothetical or negated ones are not."""
    return [e for e in extraction["events"] if not (e["hypothetical"] or e["negated"])]


def predicted_spans(event: dict, charmap: CharMap) -> list[Span]:
    """The event's evidence spans in raw offsets; the trigger when no evidence is given."""
    spans = [event["evidence"], *event.get("evidence_spans", [])]
    spans = [s for s in spans if s["end"] > s["start"]] or [event["trigger"]]
    return [charmap.span(s["start"], s["end"]) for s in spans]


def gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def match_events(
    predicted: list[dict], gold_events: list[dict], charmap: CharMap
) -> tuple[list[tuple[dict, dict]], int, int]:
    """(matched predicted/gold pairs, repeats, false positives) of one article."""
    candidates = []
    overlapping: set[int] = set()
    for p, event in enumerate(predicted):
        spans = predicted_spans(event, charmap)
        trigger = charmap.span(event["trigger"]["start"], event["trigger"]["end"])
        for g, gold in enumerate(gold_events):
            gold_spans = [(s["start"], s["end"]) for s in gold["evidence"]]
            shared = sum(overlap(a, b) for a in spans for b in gold_spans)
            if not shared:
                continue
            overlapping.add(p)
            nearest = min(gap(trigger, b) for b in gold_spans)
            candidates.append(((event["type"] != gold["plover_type"], nearest, -shared), p, g))
    pairs: list[tuple[dict, dict]] = []
    taken_predicted: set[int] = set()
    taken_gold: set[int] = set()
    for _, p, g in sorted(candidates):
        if p not in taken_predicted and g not in taken_gold:
            taken_predicted.add(p)
            taken_gold.add(g)
            pairs.append((predicted[p], gold_events[g]))
    repeats = len(overlapping - taken_predicted)
    false_positives = len(predicted) - len(overlapping)
    return pairs, repeats, false_positives


# --- judging the fields of a matched event -------------------------------------------------


def content_words(name: str) -> set[str]:
    return {w for w in WORD.findall(name.lower()) if w not in FUNCTION_WORDS}


def same_actor(gold: dict, predicted: dict) -> bool:
    """Same country and sector, or a shared name word without contradicting sectors."""
    same_codes = (gold["country"], gold["sector"]) == (predicted["country"], predicted["sector"])
    if gold["country"] and gold["sector"] and same_codes:
        return True
    sectors_agree = not (gold["sector"] and predicted["sector"]) or (
        gold["sector"] == predicted["sector"]
    )
    return sectors_agree and bool(content_words(gold["name"]) & content_words(predicted["name"]))


def actors_right(gold: list[dict], predicted: list[dict]) -> bool:
    """Every gold actor is found and every predicted actor is one of the gold actors."""
    if not gold:
        return not predicted
    return all(any(same_actor(g, p) for p in predicted) for g in gold) and all(
        any(same_actor(g, p) for g in gold) for p in predicted
    )


def actor_sides(gold: dict, event: dict, actors: dict[str, dict]) -> dict[str, tuple]:
    """side -> (gold actors, predicted actors); symmetric types compare one pool."""
    source = [actors[i] for i in event["source_actors"] if i in actors]
    target = [actors[i] for i in event["target_actors"] if i in actors]
    if gold["plover_type"] in SYMMETRIC_TYPES:
        pool = (gold["source_actors"] + gold["target_actors"], source + target)
        return {"source": pool, "target": pool}
    return {
        "source": (gold["source_actors"], source),
        "target": (gold["target_actors"], target),
    }


def place_right(gold_place: dict | None, predicted: dict | None) -> bool:
    if gold_place is None:
        return predicted is None
    if predicted is None or predicted.get("lat") is None or predicted.get("lon") is None:
        return False
    distance = great_circle_km(gold_place["lat"], gold_place["lon"], predicted["lat"],
                               predicted["lon"])  # fmt: skip
    return distance <= PLACE_KM


def judge_pair(tally: Tally, gold: dict, event: dict, extraction: dict) -> None:
    actors = {a["id"]: a for a in extraction["actors"]}
    places = {p["id"]: p for p in extraction["places"]}
    tally.judge("type", event["type"] == gold["plover_type"])
    if gold["acled_sub_type"]:
        tally.judge("acled_sub_type", event["acled_sub_type"] == gold["acled_sub_type"])
    sides = {side: actors_right(*pair) for side, pair in actor_sides(gold, event, actors).items()}
    tally.judge("source_actor", sides["source"])
    tally.judge("target_actor", sides["target"])
    tally.judge("actors", sides["source"] and sides["target"])
    tally.judge("place", place_right(gold["place"], places.get(event["place"] or "")))
    if gold["date"]:
        first_day = (event["time"] or {}).get("first_day")
        tally.judge("date", first_day == gold["date"]["first_day"])
    if gold["fatalities"] is not None:
        predicted = (event["fatalities"] or {}).get("best", 0)
        tally.judge("fatalities", predicted == gold["fatalities"])


def score_article(tally: Tally, gold: dict, raw_text: str, extraction: dict) -> None:
    """Add one article's counts to `tally`."""
    charmap = CharMap(extraction["article"]["text"], raw_text)
    predicted = asserted_events(extraction)
    pairs, repeats, false_positives = match_events(predicted, gold["events"], charmap)
    tally.articles += 1
    tally.gold += len(gold["events"])
    tally.gold_main += sum(e["main"] for e in gold["events"])
    tally.predicted += len(predicted)
    tally.matched += len(pairs)
    tally.matched_main += sum(g["main"] for _, g in pairs)
    tally.repeats += repeats
    tally.false_positives += false_positives
    for event, gold_event in pairs:
        judge_pair(tally, gold_event, event, extraction)


def metrics_of(tally: Tally) -> Metrics:
    scores = prf(tally.matched, tally.predicted, tally.matched, tally.gold)
    return {
        "articles": tally.articles,
        "gold_events": tally.gold,
        "predicted_events": tally.predicted,
        "precision": scores["precision"],
        "recall": scores["recall"],
        "main_recall": ratio(tally.matched_main, tally.gold_main),
        "f1": scores["f1"],
        "repeats": tally.repeats,
        "false_positives": tally.false_positives,
        "events_per_article": ratio(tally.predicted, tally.articles),
        **{f"{name}_accuracy": tally.accuracy(name) for name in JUDGED_FIELDS},
    }


@gold_set("events-gold", "events of 40 hand-coded FA-KES, Guardian and BBC articles")
def score_events_gold(ctx: EvalContext) -> Metrics:
    from tacitus import extract  # the public API, exactly as a user calls it

    files = gold_files()
    files = files[: ctx.limit] if ctx.limit else files
    tally = Tally()
    for path in files:
        gold = load_gold(path)
        source = gold["source"]
        raw = raw_articles(ctx.path(SOURCE_FILES[source["set"]]), source["set"])[source["key"]]
        if mismatches := sha1_mismatches(gold, raw.text):
            raise ValueError(f"{path.name}: evidence does not match the raw text: {mismatches}")
        meta = {"title": raw.title} if raw.title else {}
        extraction = extract(raw.text, gold["published"], **meta).to_json_dict()
        score_article(tally, gold, raw.text, extraction)
    return metrics_of(tally)
