"""The ``case-snippets`` set: CASE 2021 codes on short texts that are not ACLED notes.

The event classifier was trained on ACLED notes, whose wording ("On 3 May 2020, ...",
"Fatalities coded as ...") no other source shares; this set measures it on four other kinds of
snippet, each given its CASE code by a rule written here from the two codebooks (never by the
product's own tables):

- ``gtd``: GTD 2011 summaries (``../shared/data/gtd``, their leading "MM/DD/YYYY: " date taken
  off), coded from GTD's own fields (`GTD_CODES`): a suicide attack is SUIC_BOMB; a bombing is
  GRENADE, ART_MISS_ATTACK or REM_EXPLOS by its weapon sub-type; a kidnapping ABDUCT_DISSAP; an
  armed assault on soldiers or police ARMED_CLASH (two armed, organised sides), on any other
  target, like an assassination by gunfire of someone who is neither, ATTACK; arson of a
  facility PROPERTY_DISTRUCT. Rows no rule codes are left out, and so are the incidents the
  classifier is trained on (``tacitus.event_classifier.is_gtd_training``: one fold in three,
  by a hash of the incident's day and country). At most `PER_CODE` per code, in file order, so
  that bombings do not swamp the other codes.
- ``plover``: the hand-coded PLOVER sentences whose PLOVER type and mode name one CASE code
  (`PLOVER_CODES`).
- ``india``: Times of India sentences labelled as a police arrest and nothing else (ARREST).
- ``written``: three news-style sentences for each of the 30 codes, written for Tacitus
  (``gold/case_snippets/written.jsonl``; none is in the classifier's training examples).

Each snippet goes through the pipeline alone, without a publication date, and is judged on
its ``case_code``. Weighted and macro F1 over the CASE codes present, as in CASE 2021 Task 2,
over all snippets and per source.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from tacitus.evaluation.events import NO_CODE, PLOVER_FILE, weighted_and_macro_f1
from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import ratio
from tacitus.event_classifier import is_gtd_training
from tacitus.nlp.pipeline import annotate

GTD_FILE = "gtd/gtd_2011_dev.csv"
INDIA_SENTENCES = "india_police_events/sents.jsonl"
WRITTEN_FILE = Path(__file__).parent / "gold" / "case_snippets" / "written.jsonl"
#: At most this many snippets of one code from one source.
PER_CODE = 60
GTD_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}:\s*")
#: GTD target types whose people are armed and organised: an armed assault on them is a clash.
ARMED_TARGETS = frozenset({"Military", "Police"})
#: GTD bombing weapon sub-types -> CASE code (the rest of the explosives are REM_EXPLOS).
BOMB_SUBTYPES = {
    "Grenade": "GRENADE",
    "Projectile (rockets, mortars, RPGs, etc.)": "ART_MISS_ATTACK",
}
#: (PLOVER 0.5 type, mode) -> the one CASE code it names.
PLOVER_CODES = {
    ("PROTEST", "demo-org"): "PEACE_PROTEST",
    ("PROTEST", "demo-spon"): "PEACE_PROTEST",
    ("PROTEST", "riot"): "VIOL_DEMONSTR",
    ("PROTEST", "riot-spon"): "VIOL_DEMONSTR",
    ("ASSAULT", "suicide-attack"): "SUIC_BOMB",
    ("ASSAULT", "explosives"): "REM_EXPLOS",
    ("FIGHT", "heavy-weapons"): "ART_MISS_ATTACK",
    ("FIGHT", "firearms"): "ARMED_CLASH",
    ("COERCE", "detain"): "ARREST",
}


def gtd_code(row: dict[str, str]) -> str | None:
    """The CASE code of a GTD incident by its codebook fields, or None when they name none."""
    attack, weapon = row["attacktype1_txt"], row["weaptype1_txt"]
    target = row["targtype1_txt"]
    if row["suicide"] == "1" and weapon.startswith("Explosives"):
        return "SUIC_BOMB"
    if attack == "Bombing/Explosion" and weapon.startswith("Explosives"):
        return BOMB_SUBTYPES.get(row["weapsubtype1_txt"], "REM_EXPLOS")
    if attack == "Hostage Taking (Kidnapping)":
        return "ABDUCT_DISSAP"
    if attack == "Armed Assault" and weapon == "Firearms":
        return "ARMED_CLASH" if target in ARMED_TARGETS else "ATTACK"
    if attack == "Assassination" and weapon == "Firearms" and target not in ARMED_TARGETS:
        return "ATTACK"
    if attack == "Facility/Infrastructure Attack" and weapon == "Incendiary":
        return "PROPERTY_DISTRUCT"
    return None


def capped(snippets: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """At most `PER_CODE` (code, text) pairs of each code, in the order given."""
    taken: dict[str, int] = {}
    kept = []
    for code, text in snippets:
        if taken.get(code, 0) < PER_CODE:
            taken[code] = taken.get(code, 0) + 1
            kept.append((code, text))
    return kept


def gtd_snippets(ctx: EvalContext) -> list[tuple[str, str]]:
    with ctx.path(GTD_FILE).open(encoding="utf-8", errors="replace") as handle:
        rows = [
            (gtd_code(row), GTD_DATE.sub("", row["summary"]))
            for row in csv.DictReader(handle)
            if not is_gtd_training(row["eventid"], row["country_txt"])
        ]
    return capped([(code, text) for code, text in rows if code and text.strip()])


def plover_snippets(ctx: EvalContext) -> list[tuple[str, str]]:
    records = json.loads(ctx.path(PLOVER_FILE).read_text(encoding="utf-8"))
    pairs = [
        (PLOVER_CODES.get((r.get("event"), r.get("mode"))), r.get("text", "")) for r in records
    ]
    return [(code, text) for code, text in pairs if code and text.strip()]


def india_snippets(ctx: EvalContext) -> list[tuple[str, str]]:
    with ctx.path(INDIA_SENTENCES).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    arrests = [
        ("ARREST", r["sent_text"].strip())
        for r in records
        if set(r["sent_labels"]) == {"ANY_ACTION", "ARREST"}
    ]
    return capped(arrests)


def written_snippets() -> list[tuple[str, str]]:
    lines = WRITTEN_FILE.read_text(encoding="utf-8").splitlines()
    return [(case["code"], case["text"]) for case in map(json.loads, filter(str.strip, lines))]


@gold_set("case-snippets", "CASE 2021 codes of GTD, PLOVER, India police and written snippets")
def score_case_snippets(ctx: EvalContext) -> Metrics:
    sources = {
        "gtd": gtd_snippets(ctx),
        "plover": plover_snippets(ctx),
        "india": india_snippets(ctx),
        "written": written_snippets(),
    }
    if ctx.limit:
        sources = {name: snippets[: ctx.limit] for name, snippets in sources.items()}
    metrics: Metrics = {}
    gold_all: list[str] = []
    predicted_all: list[str] = []
    for name, snippets in sources.items():
        docs = annotate(ctx.nlp, ((text, None) for _, text in snippets))
        predicted = [doc._.case_code or NO_CODE for doc in docs]
        gold = [code for code, _ in snippets]
        f1 = weighted_and_macro_f1(gold, predicted)
        metrics[f"{name}.snippets"] = len(gold)
        metrics[f"{name}.weighted_f1"] = f1["weighted_f1"]
        metrics[f"{name}.accuracy"] = ratio(
            sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold)
        )
        gold_all += gold
        predicted_all += predicted
    overall = weighted_and_macro_f1(gold_all, predicted_all)
    return {
        "snippets": len(gold_all),
        "codes": len(set(gold_all)),
        "weighted_f1": overall["weighted_f1"],
        "macro_f1": overall["macro_f1"],
        **metrics,
    }
