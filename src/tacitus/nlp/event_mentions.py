"""Recognising event triggers: the trigger index of ``resources/codebooks/triggers.tsv``, the
matches of its single- and multi-word triggers in a sentence, and the `Mention` a match becomes
before merging (its coding, flags, parties, place and time)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from tacitus.codebooks import Trigger, load_codebooks


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: its tokens and its syntactic head."""

    trigger: Trigger
    start: int  # token index
    end: int
    head: Token


@dataclass
class Mention:
    """One event mention, before merging; becomes a schema v1 event dict."""

    match: Match
    sentence: Span
    plover: str
    mode: str | None
    cameo: str
    case_code: str | None
    negated: bool
    hypothetical: bool
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    rank: int = 0
    depth: int = 0
    #: The place (id) and time its own sentence states, read before merging.
    stated_place: str | None = None
    stated_time: dict | None = None
    #: A weak trigger with no party ("the blast killed four guards"): too little to report an
    #: event alone, it may only add its sentence to an event already told.
    dependent: bool = False
    #: The actor id of the quotation's speaker whose demand this is ('X said: "Y must go"').
    speaker: str | None = None
    #: Later mentions of the same happening, merged into this one (`merge_happenings`).
    merged: list[Mention] = field(default_factory=list)
    #: The probability the classifier of a short report's whole text gives this event's code,
    #: when it is the happening the report tells (`EventsComponent.code_main_event`).
    text_probability: float | None = None

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)

    @property
    def mentions(self) -> list[Mention]:
        return [self, *self.merged]

    @property
    def sentences(self) -> list[Span]:
        return list(dict.fromkeys(m.sentence for m in self.mentions))


@lru_cache(maxsize=1)
def trigger_index() -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]]]:
    """Single-word triggers by lemma, multi-word triggers by first lemma (longest first)."""
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for trigger in load_codebooks().triggers:
        table = multi if len(trigger.lemmas) > 1 else single
        table.setdefault(trigger.lemmas[0], []).append(trigger)
    for triggers in multi.values():
        triggers.sort(key=lambda t: -len(t.lemmas))
    return single, multi


def token_keys(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


POS_OF = {"V": frozenset({"VERB"}), "N": frozenset({"NOUN", "PROPN"})}


def fits_pos(trigger: Trigger, token: Token) -> bool:
    return trigger.pos == "*" or token.pos_ in POS_OF[trigger.pos]


def find_matches(sentence: Span) -> list[Match]:
    """Trigger matches in `sentence`; a multi-word trigger wins over its single words."""
    single, multi = trigger_index()
    matches: list[Match] = []
    i, end = sentence.start, sentence.end
    doc = sentence.doc
    while i < end:
        keys = token_keys(doc[i])
        found = _multi_word_match(doc, i, end, keys, multi)
        if found is None:
            candidates = single.get(keys[0], []) or single.get(keys[1], [])
            trigger = next((t for t in candidates if fits_pos(t, doc[i])), None)
            if trigger is not None:
                found = Match(trigger, i, i + 1, doc[i])
        if found is not None:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


def _multi_word_match(doc: Doc, i: int, end: int, keys, multi) -> Match | None:
    for first in keys:
        for trigger in multi.get(first, ()):
            stop = i + len(trigger.lemmas)
            if stop > end:
                continue
            if all(trigger.lemmas[k] in token_keys(doc[i + k]) for k in range(len(trigger.lemmas))):
                span = doc[i:stop]
                return Match(trigger, i, stop, span.root)
    return None
