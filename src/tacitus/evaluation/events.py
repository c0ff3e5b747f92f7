"""Gold sets of the events component: `acled-types`, `plover` and `india-police`.

- acled-types: the CASE 2021 code (= ACLED sub-event type) and the ACLED event type that the
  pipeline gives each ACLED note (``doc._.case_code``), on the held-out fold of the 2020 dev
  file (``tacitus.event_classifier.is_held_out``: one row in five by a hash of ``data_id``),
  which the committed classifier never saw. Weighted and macro F1 over the CASE codes.
- plover: the PLOVER type and mode of the main event of each hand-coded PLOVER sentence.
  The gold file uses PLOVER 0.5 names, mapped here to PLOVER 2021 (DEMAND -> REQUEST,
  DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
- india-police: Times of India sentences labelled with police actions; a sentence gets a
  label when an event of the matching kind reports it (the sentence is one of the event's
  evidence spans: a merged event reports every sentence it merged) and it names the police.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable

from tacitus.codebooks import load_codebooks
from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import prf, ratio
from tacitus.event_classifier import is_held_out
from tacitus.nlp.pipeline import annotate

ACLED_FILE = "acled/acled_global_2020-05_dev.csv"
PLOVER_FILE = "plover/PLOVER_GSR_CAMEO_dev.json"
INDIA_DOCS = "india_police_events/docs.jsonl"
INDIA_SENTENCES = "india_police_events/sents.jsonl"

#: PLOVER 0.5 names in the gold file -> PLOVER 2021 names the component outputs.
PLOVER_RENAMED = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
#: PLOVER 0.5 mode names -> the PLOVER 2021 mode names of the codebook.
PLOVER_MODES = {"strike-hun": "hunger", "strike-gen": "strike", "demo-org": "demo",
                "demo-spon": "demo", "riot-spon": "riot", "detain": "arrest",
                "confiscate": "seize", "deport": "deport", "troops": "troops"}  # fmt: skip
NO_CODE = "NONE"


def weighted_and_macro_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """F1 per gold class, averaged by gold support (weighted) and evenly (macro)."""
    support = Counter(gold)
    predicted_count = Counter(predicted)
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    per_class = {
        label: prf(hits[label], predicted_count[label], hits[label], support[label])["f1"]
        for label in support
    }
    weighted = sum(per_class[label] * n for label, n in support.items()) / len(gold)
    macro = sum(per_class.values()) / len(per_class)
    return {"weighted_f1": round(weighted, 4), "macro_f1": round(macro, 4)}


@gold_set("acled-types", "CASE 2021 code / ACLED event type from ACLED notes (held-out fold)")
def score_acled_types(ctx: EvalContext) -> Metrics:
    books = load_codebooks()
    with ctx.path(ACLED_FILE).open(encoding="utf-8") as handle:
        rows = [
            row for row in csv.DictReader(handle)
            if is_held_out(row["data_id"]) and row["notes"].strip()
        ]  # fmt: skip
    rows = rows[: ctx.limit] if ctx.limit else rows
    gold_codes = [books.case_of_acled(r["event_type"], r["sub_event_type"]).code for r in rows]
    docs = annotate(ctx.nlp, ((row["notes"], None) for row in rows))
    predicted_codes = [doc._.case_code or NO_CODE for doc in docs]

    def acled_type(code: str) -> str:
        case = books.case(code)
        return case.acled_type if case and case.acled_type else NO_CODE

    sub = weighted_and_macro_f1(gold_codes, predicted_codes)
    coarse = weighted_and_macro_f1(
        [acled_type(c) for c in gold_codes], [acled_type(c) for c in predicted_codes]
    )
    return {
        "notes": len(rows),
        "sub_event_weighted_f1": sub["weighted_f1"],
        "sub_event_macro_f1": sub["macro_f1"],
        "sub_event_accuracy": ratio(
            sum(g == p for g, p in zip(gold_codes, predicted_codes, strict=True)), len(rows)
        ),
        "event_type_weighted_f1": coarse["weighted_f1"],
        "event_type_macro_f1": coarse["macro_f1"],
        "coded_share": ratio(sum(p != NO_CODE for p in predicted_codes), len(rows)),
    }


def main_event(events: list[dict]) -> dict | None:
    """The event a one-sentence report is about: factual before hypothetical, then the most
    confident, then the first."""
    if not events:
        return None
    return min(
        events,
        key=lambda e: (e["negated"] or e["hypothetical"], -e["confidence"], e["trigger"]["start"]),
    )


def mode_matches(gold: str, predicted: str | None) -> bool:
    return predicted is not None and PLOVER_MODES.get(gold, gold) == predicted


@gold_set("plover", "PLOVER event type and mode of hand-coded PLOVER sentences (dev)")
def score_plover(ctx: EvalContext) -> Metrics:
    records = json.loads(ctx.path(PLOVER_FILE).read_text(encoding="utf-8"))
    records = [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    records = records[: ctx.limit] if ctx.limit else records
    docs = annotate(ctx.nlp, ((r["text"], None) for r in records))
    type_hits = mode_hits = with_mode = extracted = 0
    for record, doc in zip(records, docs, strict=True):
        event = main_event(doc._.events)
        extracted += event is not None
        gold_type = PLOVER_RENAMED.get(record["event"], record["event"])
        type_hits += event is not None and event["type"] == gold_type
        if record.get("mode"):
            with_mode += 1
            mode_hits += event is not None and mode_matches(record["mode"], event["mode"])
    return {
        "sentences": len(records),
        "type_accuracy": ratio(type_hits, len(records)),
        "mode_accuracy": ratio(mode_hits, with_mode),
        "sentences_with_mode": with_mode,
        "event_found_share": ratio(extracted, len(records)),
    }


#: A sentence's police-action labels read from the events extracted in it.
POLICE = re.compile(
    r"\b(?:police\w*|cops?|constables?|jawans?|sp|dsp|ssp|sho|inspectors?|rapid action force|"
    r"raf|crpf|bsf|cisf|pac|army|troops|security forces|paramilitary)\b",
    re.IGNORECASE,
)
FAILURE = re.compile(
    r"\bfail(?:ed|ure|s)?\b|\bmute spectators?\b|\binaction\b|\bnegligen|\blapses?\b"
    r"|\bdid not (?:act|intervene|stop|prevent)\b|\bstood by\b|\bcomplicity\b",
    re.IGNORECASE,
)
FORCE_MODES = frozenset({"repression", "firearms", "beat", "heavy-weapons", "torture"})
INDIA_LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")


def police_labels(sentence: str, events: list[dict]) -> set[str]:
    """Arrests are police actions whoever is named; killing, force, failure and other
    actions count when the sentence names the police or security forces."""
    labels: set[str] = set()
    factual = [e for e in events if not (e["negated"] or e["hypothetical"])]
    if any(e["mode"] == "arrest" for e in factual):
        labels.add("ARREST")
    if POLICE.search(sentence):
        if any(e["type"] == "ASSAULT" and e["fatalities"] for e in factual):
            labels.add("KILL")
        if any(e["type"] == "ASSAULT" and e["mode"] in FORCE_MODES for e in factual):
            labels.add("FORCE")
        if FAILURE.search(sentence) or any(e["negated"] for e in events):
            labels.add("FAIL")
        if factual:
            labels.add("ANY_ACTION")
    if labels:
        labels.add("ANY_ACTION")
    return labels


def reported_in(event: dict, span: tuple[int, int]) -> bool:
    """Whether the labelled sentence at `span` reports the event: it holds the trigger, or it
    lies in one of the other sentences the event merged (schema v1 ``evidence_spans``). The
    gold splits some sentences finer than the product ("AHMEDABAD:" alone), so the evidence
    span of the trigger's own sentence counts only for the labelled sentence of the trigger."""
    trigger = event["trigger"]["start"]
    if span[0] <= trigger < span[1]:
        return True
    return any(
        e["start"] < span[1] and span[0] < e["end"]
        for e in event.get("evidence_spans") or []
        if not e["start"] <= trigger < e["end"]
    )


def sentence_spans(doc_text: str, sentences: Iterable[str]) -> list[tuple[int, int] | None]:
    """Where each labelled sentence lies in its document (in order; None when not found)."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for sentence in sentences:
        found = doc_text.find(sentence.strip(), cursor)
        if found < 0 or not sentence.strip():
            spans.append(None)
            continue
        spans.append((found, found + len(sentence.strip())))
        cursor = found + len(sentence.strip())
    return spans


@gold_set(
    "india-police", "police KILL/ARREST/FAIL/FORCE/ANY_ACTION sentence labels (Times of India)"
)
def score_india_police(ctx: EvalContext) -> Metrics:
    with ctx.path(INDIA_DOCS).open(encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle if line.strip()]
    documents = documents[: ctx.limit] if ctx.limit else documents
    by_doc: dict[int, list[dict]] = {}
    with ctx.path(INDIA_SENTENCES).open(encoding="utf-8") as handle:
        for line in handle:
            sentence = json.loads(line)
            by_doc.setdefault(sentence["doc_id"], []).append(sentence)
    tallies = {label: Counter() for label in INDIA_LABELS}
    docs = annotate(ctx.nlp, ((d["doc_text"], None) for d in documents))
    for document, doc in zip(documents, docs, strict=True):
        sentences = sorted(by_doc.get(document["doc_id"], []), key=lambda s: s["sent_id"])
        spans = sentence_spans(document["doc_text"], (s["sent_text"] for s in sentences))
        for sentence, span in zip(sentences, spans, strict=True):
            events = [] if span is None else [
                e for e in doc._.events if reported_in(e, span)
            ]  # fmt: skip
            predicted = police_labels(sentence["sent_text"], events)
            gold = set(sentence["sent_labels"])
            for label in INDIA_LABELS:
                tallies[label]["tp"] += label in predicted and label in gold
                tallies[label]["predicted"] += label in predicted
                tallies[label]["gold"] += label in gold
    metrics: Metrics = {"documents": len(documents)}
    for label, tally in tallies.items():
        scores = prf(tally["tp"], tally["predicted"], tally["tp"], tally["gold"])
        metrics[f"{label.lower()}_f1"] = scores["f1"]
        metrics[f"{label.lower()}_precision"] = scores["precision"]
        metrics[f"{label.lower()}_recall"] = scores["recall"]
    return metrics
