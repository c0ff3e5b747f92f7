"""The event codebooks (PLOVER, CAMEO, ACLED, CASE 2021) and the tables that map between them.

Each table is a TSV file in ``tacitus/resources/codebooks`` (``#`` lines are comments); they
are read once per process. ``load_codebooks()`` is the one entry point.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CODEBOOK_PACKAGE = "tacitus.resources.codebooks"
#: What a sense of an ambiguous trigger does (trigger_senses.tsv).
SENSE_ACTIONS = frozenset({"drop", "only", "as"})

#: The PLOVER 2021 event types (PLOVER manual draft 0.8).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that names an event, with its codes in every codebook."""

    lemmas: tuple[str, ...]
    pos: str  # "V" verb, "N" noun, "*" either
    plover: str
    mode: str | None
    cameo: str
    case_code: str | None
    rank: int


@dataclass(frozen=True)
class Sense:
    """A reading of an ambiguous trigger decided by one of its syntactic neighbours."""

    #: object | modifier | governor | prep | complement | agent | possessor | frame | partner
    relation: str
    words: frozenset[str]
    action: str  # drop | only | as
    #: The lemmas of the trigger row an "as" sense codes the event as ("as:liberate").
    recoded_as: tuple[str, ...] = ()

    def matches(self, neighbours: set[str]) -> bool:
        return bool(neighbours) and ("*" in self.words or bool(self.words & neighbours))


@dataclass(frozen=True)
class CaseCode:
    """One of the 30 CASE 2021 codes with its ACLED names and PLOVER/CAMEO equivalents."""

    code: str
    acled_type: str | None
    acled_sub_type: str | None
    plover: str | None
    mode: str | None
    cameo: str | None
    family: str  # violence | protest | strategic | other


@dataclass(frozen=True)
class CameoCode:
    code: str
    plover: str
    mode: str | None
    name: str


@dataclass(frozen=True)
class Codebooks:
    triggers: tuple[Trigger, ...]
    case_codes: dict[str, CaseCode]
    cameo: dict[str, CameoCode]
    #: (trigger lemmas, pos) -> its senses, from trigger_senses.tsv.
    senses: dict[tuple[tuple[str, ...], str], tuple[Sense, ...]]
    #: PLOVER mode -> the CASE codes an event of that mode may take, from mode_case_codes.tsv.
    mode_codes: dict[str, frozenset[str]]
    #: CASE code -> the cues (case_cues.tsv) one of which its sentence must show, from
    #: code_cues.tsv.
    code_cues: dict[str, frozenset[str]]

    def trigger_named(self, lemmas: tuple[str, ...]) -> Trigger | None:
        return next((t for t in self.triggers if t.lemmas == lemmas), None)

    def case(self, code: str | None) -> CaseCode | None:
        return self.case_codes.get(code) if code else None

    def case_of_acled(self, acled_type: str, acled_sub_type: str) -> CaseCode | None:
        """The CASE code of an ACLED (event type, sub-event type) pair."""
        for case in self.case_codes.values():
            if (case.acled_type, case.acled_sub_type) == (acled_type, acled_sub_type):
                return case
        return None

    def cameo_to_plover(self, code: str) -> CameoCode | None:
        """The PLOVER type of a CAMEO code: the longest listed prefix of `code` decides."""
        for length in range(len(code), 1, -1):
            found = self.cameo.get(code[:length])
            if found:
                return found
        return None

    def family_codes(self, family: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.case_codes.values() if c.family == family)


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a codebook TSV as dicts; comment lines start with '#'."""
    text = resources.files(CODEBOOK_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {key: (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def _or_none(value: str) -> str | None:
    return value or None


def _sense(row: dict[str, str]) -> Sense:
    """A trigger_senses.tsv row; its action "as:LEMMAS" is split here, once, into the action
    "as" and the lemmas of the trigger it names."""
    action, _, lemmas = row["action"].partition(":")
    words = frozenset(row["words"].lower().split(";"))
    return Sense(row["relation"], words, action, tuple(lemmas.split()))


@lru_cache(maxsize=1)
def load_codebooks() -> Codebooks:
    """All tables, read once per process and validated against each other."""
    case_codes = {
        row["case_code"]: CaseCode(
            code=row["case_code"],
            acled_type=_or_none(row["acled_type"]),
            acled_sub_type=_or_none(row["acled_sub_type"]),
            plover=_or_none(row["plover"]),
            mode=_or_none(row["mode"]),
            cameo=_or_none(row["cameo"]),
            family=row["family"],
        )
        for row in read_table("case_codes.tsv")
    }
    triggers = tuple(
        Trigger(
            lemmas=tuple(row["trigger"].lower().split()),
            pos=row["pos"],
            plover=row["plover"],
            mode=_or_none(row["mode"]),
            cameo=row["cameo"],
            case_code=_or_none(row["case_code"]),
            rank=int(row["rank"]),
        )
        for row in read_table("triggers.tsv")
    )
    cameo = {
        row["cameo"]: CameoCode(row["cameo"], row["plover"], _or_none(row["mode"]), row["name"])
        for row in read_table("cameo_plover.tsv")
    }
    senses: dict[tuple[tuple[str, ...], str], tuple[Sense, ...]] = {}
    for row in read_table("trigger_senses.tsv"):
        key = (tuple(row["trigger"].lower().split()), row["pos"])
        senses[key] = (*senses.get(key, ()), _sense(row))
    mode_codes = {
        row["mode"]: frozenset(row["case_codes"].split(";"))
        for row in read_table("mode_case_codes.tsv")
    }
    code_cues = {
        row["case_code"]: frozenset(row["cues"].split(";")) for row in read_table("code_cues.tsv")
    }
    books = Codebooks(
        triggers=triggers,
        case_codes=case_codes,
        cameo=cameo,
        senses=senses,
        mode_codes=mode_codes,
        code_cues=code_cues,
    )
    _check_consistency(books)
    return books


def _check_consistency(books: Codebooks) -> None:
    """A typo in a table must fail loudly at load time, not code events wrongly."""
    plover = set(PLOVER_TYPES)
    for trigger in books.triggers:
        if trigger.plover not in plover:
            raise ValueError(f"trigger {trigger.lemmas}: unknown PLOVER type {trigger.plover}")
        if trigger.case_code and trigger.case_code not in books.case_codes:
            raise ValueError(f"trigger {trigger.lemmas}: unknown CASE code {trigger.case_code}")
    for case in books.case_codes.values():
        if case.plover and case.plover not in plover:
            raise ValueError(f"CASE {case.code}: unknown PLOVER type {case.plover}")
    known = {(t.lemmas, t.pos) for t in books.triggers}
    for key, senses in books.senses.items():
        if key not in known:
            raise ValueError(f"sense of unknown trigger {key}")
        for sense in senses:
            recodes = sense.action == "as"
            if sense.action not in SENSE_ACTIONS or recodes != bool(sense.recoded_as):
                raise ValueError(f"sense of {key}: unknown action {sense.action}")
            if recodes and not books.trigger_named(sense.recoded_as):
                raise ValueError(f"sense of {key}: unknown trigger {' '.join(sense.recoded_as)}")
    for mode, codes in books.mode_codes.items():
        if unknown := codes - books.case_codes.keys():
            raise ValueError(f"mode {mode}: unknown CASE codes {sorted(unknown)}")
    cues = {row["cue"] for row in read_table("case_cues.tsv")}
    for case_code, needed in books.code_cues.items():
        if case_code not in books.case_codes or needed - cues:
            raise ValueError(f"code_cues {case_code}: unknown code or cues {sorted(needed - cues)}")
    for code in books.cameo.values():
        if code.plover not in plover:
            raise ValueError(f"CAMEO {code.code}: unknown PLOVER type {code.plover}")
