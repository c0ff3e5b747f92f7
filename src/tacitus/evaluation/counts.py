"""Casualty counts against ACLED ``fatalities`` (from ``notes``) and GTD ``nkill`` / ``nwound``
(from ``summary``): exact match of the best figure, overall and on rows with a non-zero gold
count, as the scoring rules in ../shared/data/README.md ask.

A note's figure is `figure_of` over its counts (0 when nothing says anyone was killed, as
ACLED codes "no fatalities reported"), by each codebook's rule: both count every death of the
event, the attackers' too; ACLED codes a claimed figure, GTD only confirmed ones
(``confirmed_only``: no claims, conjectures or figures too vague to use). Both datasets split
one report's dead evenly over the events or incidents it covers: ACLED says so in the note
("20 fatalities split up between 3 events"), GTD gives one total for a multiple-incident attack
("60 people were killed across all ten incidents", "in the two blasts", "in one of two related
attacks ... In total, 35 people were killed"). For those rows the figure is divided the same
way and the rows are also scored apart (``split_*``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import ratio
from tacitus.nlp.counts import figure_of
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.numbers import UNITS
from tacitus.nlp.pipeline import annotate

#: metric prefix -> ACLED file; the 2020 global dev file's metrics carry no prefix
ACLED_FILES = {
    "": "acled/acled_global_2020-05_dev.csv",
    "southasia2015_": "acled/acled_southasia_2015_katehara.csv",
    "africa2016_": "acled/acled_africa_2016-07_AschHarwood.csv",
}
GTD_FILE = "gtd/gtd_2011_dev.csv"

#: "20 fatalities split up between 3 events", "spread across three locations"
SPLIT_NOTE = re.compile(
    r"\b(?:split|spread|divided)\b[^.]*?\b(?:between|across|among|over)\s+(?:the\s+)?"
    r"(\w+)\s+(?:events|locations|days|incidents)",
    re.I,
)
_INCIDENTS = r"(?:attacks|incidents|blasts|explosions|bombings)"
#: "across all ten incidents", "in the two blasts", "between all three sites": a GTD total
#: over several incidents
INCIDENTS_TOTAL = re.compile(
    r"\b(?:across|in|between|during|from)\s+(?:all\s+|the\s+|these\s+)?(\w+)\s+"
    rf"(?:related\s+|separate\s+|coordinated\s+)?(?:{_INCIDENTS}|sites)\b",
    re.I,
)
#: "in one of two related attacks": one of the incidents of a GTD multiple-incident attack ...
RELATED_INCIDENT = re.compile(
    rf"\bone of (\w+) (?:related |linked |coordinated )?{_INCIDENTS}\b", re.I
)
#: ... whose figures may be given for all of them: "In total, ...", "cumulatively"
CUMULATIVE_SENTENCE = re.compile(
    r"[^.]*\b(?:in total|a total of|cumulative(?:ly)?|both (?:linked |related )?"
    rf"{_INCIDENTS}|the {_INCIDENTS} (?:killed|left|wounded|injured))\b[^.]*",
    re.I,
)
KIND_WORDS = {
    "killed": re.compile(r"\b(?:killed|killing|dead|died|deaths?|fatalities)\b", re.I),
    "injured": re.compile(r"\b(?:injur\w*|wounded|wounding)\b", re.I),
}
_NUMBER = r"(?:\d[\d,]*|" + "|".join(UNITS) + r"|dozens|hundreds|several|no|none|nobody)"
_DEATH = r"(?:killed|killing|kills|dead|died|deaths?|fatalities|lives)"
#: a summary that states how many died: a number and a death word in one clause
STATES_DEATHS = re.compile(
    rf"\b{_NUMBER}\b[^.;]{{0,60}}\b{_DEATH}\b|\b{_DEATH}\b[^.;]{{0,25}}\b{_NUMBER}\b", re.I
)


@dataclass(frozen=True)
class Row:
    text: str
    gold: dict[str, int]


def read_rows(path: Path, text_column: str, gold_columns: tuple[str, ...], limit: int | None
              ) -> Iterator[Row]:  # fmt: skip
    """Rows with a text and integer gold figures; column names in any case (the 2015 ACLED
    file is upper-case); rows whose gold figure is blank are skipped."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        taken = 0
        for raw in csv.DictReader(handle):
            record = {(key or "").lower(): (value or "").strip() for key, value in raw.items()}
            golds = {column: record.get(column, "") for column in gold_columns}
            if not record.get(text_column) or not all(_is_number(v) for v in golds.values()):
                continue
            yield Row(record[text_column], {k: int(float(v)) for k, v in golds.items()})
            taken += 1
            if limit is not None and taken >= limit:
                return


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return float(value) >= 0


def predicted_figures(ctx: EvalContext, rows: list[Row], kinds: tuple[str, ...],
                      confirmed_only: bool = False) -> list[dict[str, int]]:  # fmt: skip
    """The best figure of each kind per row (0 when no count of that kind was found);
    `confirmed_only` as in `figure_of` (GTD's codebook)."""
    figures = []
    for doc in annotate(ctx.nlp, ((row.text, None) for row in rows)):
        counts = list_extension(doc, "counts")
        row_figures = {}
        for kind in kinds:
            figure = figure_of(counts, doc.text, kind, confirmed_only)
            row_figures[kind] = figure["best"] if figure else 0
        figures.append(row_figures)
    return figures


def split_share(total: int, text: str, split: re.Pattern = SPLIT_NOTE) -> tuple[int, bool]:
    """The share of `total` for one of the events (incidents) `text` says it is split over."""
    match = split.search(text)
    word = match.group(1).lower() if match else ""
    parts = int(word) if word.isdigit() else UNITS.get(word)
    if not parts or parts < 2:
        return total, False
    return int(total / parts + 0.5), True


def incidents_share(total: int, text: str, kind: str) -> tuple[int, bool]:
    """The share of `total` for the one incident of a GTD multiple-incident attack `text`
    reports, when its figure of `kind` is given for all the incidents."""
    share = split_share(total, text, INCIDENTS_TOTAL)
    related = RELATED_INCIDENT.search(text)
    if share[1] or related is None:
        return share
    sentences = CUMULATIVE_SENTENCE.findall(text, related.end())
    if any(KIND_WORDS[kind].search(sentence) for sentence in sentences):
        return split_share(total, related.group(0), RELATED_INCIDENT)
    return total, False


def exact_match(pairs: list[tuple[int, int]], prefix: str) -> Metrics:
    nonzero = [(p, g) for p, g in pairs if g > 0]
    zero = [(p, g) for p, g in pairs if g == 0]
    return {
        f"{prefix}exact": ratio(sum(p == g for p, g in pairs), len(pairs)),
        f"{prefix}exact_nonzero": ratio(sum(p == g for p, g in nonzero), len(nonzero)),
        f"{prefix}exact_zero": ratio(sum(p == g for p, g in zero), len(zero)),
        f"{prefix}rows": len(pairs),
        f"{prefix}rows_nonzero": len(nonzero),
    }


def score_acled_file(ctx: EvalContext, relative: str, prefix: str) -> Metrics:
    rows = list(read_rows(ctx.path(relative), "notes", ("fatalities",), ctx.limit))
    pairs, split_pairs = [], []
    for row, figures in zip(rows, predicted_figures(ctx, rows, ("killed",)), strict=True):
        predicted, is_split = split_share(figures["killed"], row.text)
        pair = (predicted, row.gold["fatalities"])
        pairs.append(pair)
        if is_split:
            split_pairs.append(pair)
    metrics = exact_match(pairs, prefix)
    metrics[f"{prefix}split_exact"] = ratio(sum(p == g for p, g in split_pairs), len(split_pairs))
    metrics[f"{prefix}split_rows"] = len(split_pairs)
    return metrics


@gold_set(
    "acled-fatalities",
    "ACLED notes -> fatalities (exact match; 2020 global dev, South Asia 2015, Africa 2016)",
)
def score_acled(ctx: EvalContext) -> Metrics:
    metrics: Metrics = {}
    for prefix, relative in ACLED_FILES.items():
        metrics.update(score_acled_file(ctx, relative, prefix))
    return metrics


@gold_set("gtd", "GTD 2011 summaries -> nkill / nwound (exact match)")
def score_gtd(ctx: EvalContext) -> Metrics:
    rows = list(read_rows(ctx.path(GTD_FILE), "summary", ("nkill", "nwound"), ctx.limit))
    killed, injured, split = [], [], []
    predicted = predicted_figures(ctx, rows, ("killed", "injured"), confirmed_only=True)
    for row, figures in zip(rows, predicted, strict=True):
        dead, is_split = incidents_share(figures["killed"], row.text, "killed")
        killed.append((dead, row.gold["nkill"]))
        injured.append(
            (incidents_share(figures["injured"], row.text, "injured")[0], row.gold["nwound"])
        )
        if is_split:
            split.append(killed[-1])
    stated = [
        pair for pair, row in zip(killed, rows, strict=True) if STATES_DEATHS.search(row.text)
    ]
    metrics = exact_match(killed, "nkill_") | exact_match(injured, "nwound_")
    metrics["nkill_stated_exact"] = ratio(sum(p == g for p, g in stated), len(stated))
    metrics["nkill_stated_rows"] = len(stated)
    metrics["nkill_split_exact"] = ratio(sum(p == g for p, g in split), len(split))
    metrics["nkill_split_rows"] = len(split)
    return metrics
