"""Casualty counts against ACLED ``fatalities`` (from ``notes``) and GTD ``nkill`` / ``nwound``
(from ``summary``): exact match of the best figure, overall and on rows with a non-zero gold
count, as the scoring rules in ../shared/data/README.md ask.

A row's figure is the product's own, compared with the gold as it is: `figure_of` over the
counts the pipeline finds in the row's text (0 when nothing says anyone was killed, as ACLED
codes "no fatalities reported"), asked for one event's share (``per_event``: both datasets
code one row per event and divide a total reported for several) and, for GTD, for confirmed
deaths only (``confirmed_only``, its codebook's rule).

ACLED's notes are written by its coders and carry their bookkeeping, which no news article
contains. The ACLED figures are therefore reported twice: on the notes as they are (``exact``,
``exact_nonzero``, ...) and on the notes with the bookkeeping removed before extraction
(``news_exact``, ``news_exact_nonzero``, ...; the same after the ``southasia2015_`` and
``africa2016_`` prefixes). The removal prepares the input; the output is never touched.
Bookkeeping, after the codebook's conventions for notes, is:

- the coder's insertions about the coding, in square brackets or parentheses: the size tag
  ("[size=no report]"), the place or actor coded ("[coded to the capital]", "(coded as the
  local militia)"), the precision ("[Geo-precision 2 as ...]"), the fatalities ("(coded as
  10 fatalities total)", "[1 fatality split among 4 events]");
- tallies, sentences made of figures alone, without a verb: "3 fatalities.", "1 fatality, 2
  injured", "2 killed, 5 injured.", "At least 4 dead.", "No casualties reported.",
  "Casualties unknown.";
- sentences about the fatalities figure itself (ACLED's column): its coding ("Unknown
  fatalities coded as 10.", "20 fatalities split up between 3 events.", "Total fatalities
  divided equally across two events.") or its being reported ("Neither injuries nor
  fatalities were reported.", "Fatalities were not reported.");
- sentences about the events coded ("One event for each location (total 3 events) has been
  coded.") and about what the source says of the figure ("Source reported that there were no
  fatalities.", "The report makes no mention of fatalities.").

A sentence that reports the event stays, even in a coder's words: "No casualties were
reported." (a news form), "The clashes resulted in 20 fatalities, including 8 civilians."

Rows scored apart: ACLED's ``split_*`` rows, whose note says that its figure is split over
several events (read from the note, the input), and GTD's ``nkill_multiple_*`` rows, the
incidents of a multiple-incident attack (GTD's own ``multiple`` column). On ``news_split_*``
nothing but the removed bookkeeping said the figure was split.
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
from tacitus.nlp.pipeline import annotate

#: metric prefix -> ACLED file; the 2020 global dev file's metrics carry no prefix
ACLED_FILES = {
    "": "acled/acled_global_2020-05_dev.csv",
    "southasia2015_": "acled/acled_southasia_2015_katehara.csv",
    "africa2016_": "acled/acled_africa_2016-07_AschHarwood.csv",
}
GTD_FILE = "gtd/gtd_2011_dev.csv"

# --- ACLED's bookkeeping in its notes -----------------------------------------------------------

#: numbers in digits or words; the evaluator's own list, so that no product code reads the input
_NUMBER_WORDS = (
    r"\d[\d,]*|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|dozen"
)
_NUMBER = rf"(?:{_NUMBER_WORDS}|a dozen|dozens|tens|scores|hundreds|several|many|no)"
#: the figures a tally or a coder's statement is about
_FIGURE_NOUN = r"(?:fatalit\w*|casualt\w*|injur\w*|deaths?|dead|killed|wounded)"
_HEDGE = r"(?:at least|about|around|approximately|over|more than|nearly|some|an?)"
#: "3 fatalities", "at least 1 fatality", "an unknown number of reported casualties"
_TALLY_ITEM = (
    rf"(?:{_HEDGE}\s+)?(?:{_NUMBER}\s+(?:of\s+)?|unknown\s+(?:number\s+of\s+)?|unclear\s+)?"
    rf"(?:reported\s+)?{_FIGURE_NOUN}"
)
#: a sentence made of figures alone, with at most what was reported of them
TALLY = re.compile(
    rf"(?:neither\s+)?{_TALLY_ITEM}(?:\s*(?:,|and/or|and|nor|or)\s*{_TALLY_ITEM})*"
    r"(?:\s+(?:not\s+)?(?:reported|known|unknown|confirmed|recorded))?",
    re.I,
)
#: the subject of a sentence about the fatalities figure: "Unknown number of fatalities",
#: "Total fatalities", "Neither injuries nor fatalities", "20 fatalities"
_FATALITIES_SUBJECT = (
    rf"(?:(?:the|total|unknown|unclear|reported|number|of|neither|nor|no|{_NUMBER})\s+"
    r"|(?:injur\w*|casualt\w*)\s+(?:and|nor|or)\s+)*fatalit\w*"
)
#: what a coder's sentence says of the fatalities: coded, split, reported
_FIGURE_PREDICATE = r"\b(?:coded|split|spread|divided|distributed|reported|known|confirmed)\b"
FATALITIES_STATEMENT = re.compile(
    rf"^{_FATALITIES_SUBJECT}\b[^.;]*?{_FIGURE_PREDICATE}"
    rf"|\bfatalit\w*(?:\s+(?:and|or)\s+injur\w*)?\s+(?:are\s+|were\s+|have\s+been\s+)?"
    r"(?:coded|split|spread|divided|distributed)\b",
    re.I,
)
#: "total 3 events have been coded", "the events were spread over the city"
EVENTS_CODED = re.compile(
    r"\bevents?\b[^.;]{0,40}?\b(?:coded|split|spread|divided|distributed)\b", re.I
)
#: that the source gives no figure: "Source reported that there were no fatalities", "The
#: report makes no mention of fatalities"; not what it says happened ("Sources said two ...")
SOURCE_STATEMENT = re.compile(
    r"^(?:the\s+)?(?:sources?|reports?)\s+(?:(?:reported|stated|said)\s+(?:that\s+)?there\s+"
    r"(?:were|was)\s+no|does\s+not|did\s+not|makes\s+no|made\s+no|gives\s+no|gave\s+no)\b"
    rf"[^.;]*\b{_FIGURE_NOUN}",
    re.I,
)
#: a coder's insertion about the coding, in brackets or parentheses
CODER_INSERTION = re.compile(
    r"\s*(?:\[[^\[\]]*?|\([^()]*?)(?:\bcoded\b|\bcoding\b|fatalit|size\s*=|geo-?precision)"
    r"(?:[^\[\]]*\]|[^()]*\))",
    re.I,
)
#: where a note's sentences (and clauses after a semicolon) end; a period glued to the next
#: sentence ("vehicles.Unknown number of ...") ends one too, not one inside "7.62mm"
SENTENCE_END = re.compile(r"(?<=[.;!?])(?=\s|[A-Z])")
#: a note that says its figure is divided over several events (the `split_*` rows)
SPLIT_STATEMENT = re.compile(
    r"\b(?:split|spread|divided|distributed)\b[^.;\]]*?\b(?:between|across|among|over)\b"
    r"[^.;\]]*?\b(?:events|locations|days)\b",
    re.I,
)


def without_bookkeeping(note: str) -> str:
    """`note` without the coder's bookkeeping the module docstring lists, its other words
    unchanged."""
    text = CODER_INSERTION.sub("", note)
    kept = [piece for piece in SENTENCE_END.split(text) if not is_bookkeeping(piece)]
    return "".join(kept).strip()  # a sentence takes the space before it along


def is_bookkeeping(sentence: str) -> bool:
    words = sentence.strip().rstrip(".;!?").strip()
    return bool(words) and bool(
        TALLY.fullmatch(words)
        or FATALITIES_STATEMENT.search(words)
        or EVENTS_CODED.search(words)
        or SOURCE_STATEMENT.search(words)
    )


# --- GTD summaries that state the dead ------------------------------------------------------------

_DEATH = r"(?:killed|killing|kills|dead|died|deaths?|fatalities|lives)"
#: a summary that states how many died: a number and a death word in one clause
_STATED = rf"(?:{_NUMBER_WORDS}|dozens|hundreds|several|no|none|nobody)"
STATES_DEATHS = re.compile(
    rf"\b{_STATED}\b[^.;]{{0,60}}\b{_DEATH}\b|\b{_DEATH}\b[^.;]{{0,25}}\b{_STATED}\b", re.I
)


# --- reading and scoring ----------------------------------------------------------------------


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


def predicted_figures(ctx: EvalContext, texts: list[str], kinds: tuple[str, ...],
                      confirmed_only: bool = False) -> list[dict[str, int]]:  # fmt: skip
    """The product's best figure of each kind for each text, one event's share (`figure_of`
    with ``per_event``; `confirmed_only` as there); 0 when no count of that kind was found.
    A text met twice is annotated once."""
    distinct = list(dict.fromkeys(texts))
    figures = {}
    docs = annotate(ctx.nlp, ((text, None) for text in distinct))
    for text, doc in zip(distinct, docs, strict=True):
        counts = list_extension(doc, "counts")
        figures[text] = {
            kind: best_of(figure_of(counts, doc.text, kind, confirmed_only, per_event=True))
            for kind in kinds
        }
    return [figures[text] for text in texts]


def best_of(figure: dict | None) -> int:
    return figure["best"] if figure else 0


def exact_match(pairs: list[tuple[int, int]], prefix: str) -> Metrics:
    nonzero = [(p, g) for p, g in pairs if g > 0]
    zero = [(p, g) for p, g in pairs if g == 0]
    return {
        f"{prefix}exact": exact(pairs),
        f"{prefix}exact_nonzero": exact(nonzero),
        f"{prefix}exact_zero": exact(zero),
        f"{prefix}rows": len(pairs),
        f"{prefix}rows_nonzero": len(nonzero),
    }


def exact(pairs: list[tuple[int, int]]) -> float:
    return ratio(sum(p == g for p, g in pairs), len(pairs))


def scored_subset(pairs: list[tuple[int, int]], chosen: list[bool], name: str) -> Metrics:
    """Exact match on the rows `chosen`, and how many they are."""
    subset = [pair for pair, keep in zip(pairs, chosen, strict=True) if keep]
    return {f"{name}_exact": exact(subset), f"{name}_rows": len(subset)}


def score_acled_file(ctx: EvalContext, relative: str, prefix: str) -> Metrics:
    """Figures on the notes as they are and on the notes without bookkeeping (``news_``)."""
    rows = list(read_rows(ctx.path(relative), "notes", ("fatalities",), ctx.limit))
    golds = [row.gold["fatalities"] for row in rows]
    split = [bool(SPLIT_STATEMENT.search(row.text)) for row in rows]
    notes = [row.text for row in rows]
    news = [without_bookkeeping(note) for note in notes]
    predicted = predicted_figures(ctx, notes + news, ("killed",))  # a note left whole: once
    metrics: Metrics = {}
    for variant, figures in (("", predicted[: len(rows)]), ("news_", predicted[len(rows) :])):
        pairs = [(p["killed"], gold) for p, gold in zip(figures, golds, strict=True)]
        metrics |= exact_match(pairs, f"{prefix}{variant}")
        metrics |= scored_subset(pairs, split, f"{prefix}{variant}split")
    return metrics


@gold_set(
    "acled-fatalities",
    "ACLED notes -> fatalities (exact match; 2020 global dev, South Asia 2015, Africa 2016; "
    "news_: notes without the coders' bookkeeping)",
)
def score_acled(ctx: EvalContext) -> Metrics:
    metrics: Metrics = {}
    for prefix, relative in ACLED_FILES.items():
        metrics.update(score_acled_file(ctx, relative, prefix))
    return metrics


@gold_set("gtd", "GTD 2011 summaries -> nkill / nwound (exact match)")
def score_gtd(ctx: EvalContext) -> Metrics:
    columns = ("nkill", "nwound", "multiple")
    rows = list(read_rows(ctx.path(GTD_FILE), "summary", columns, ctx.limit))
    texts = [row.text for row in rows]
    predicted = predicted_figures(ctx, texts, ("killed", "injured"), confirmed_only=True)
    killed = [(p["killed"], row.gold["nkill"]) for p, row in zip(predicted, rows, strict=True)]
    injured = [(p["injured"], row.gold["nwound"]) for p, row in zip(predicted, rows, strict=True)]
    stated = [bool(STATES_DEATHS.search(text)) for text in texts]
    multiple = [row.gold["multiple"] == 1 for row in rows]
    return (
        exact_match(killed, "nkill_")
        | exact_match(injured, "nwound_")
        | scored_subset(killed, stated, "nkill_stated")
        | scored_subset(killed, multiple, "nkill_multiple")
    )
