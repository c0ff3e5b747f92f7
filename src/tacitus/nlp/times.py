"""`tacitus_times`: every time expression, resolved against the article date, with its precision.

Expressions are found by the grammar in `timex_rules` (regular expressions over the raw text,
far cheaper than token matching), then resolved in document order so that anaphoric ones
("a year earlier") can lean on the last date mentioned. The tense of the governing verb
decides whether a bare "Friday" or "September" looks back or forward. Without a
publication date, relative expressions keep their span but get no value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus.nlp import timex_values as tv
from tacitus.nlp.extensions import text_of
from tacitus.nlp.timex_rules import (
    COMPOSITION_SHIFT,
    Candidate,
    Context,
    Tense,
    Timex,
    composition_prefix,
    find_candidates,
    fold,
    lexicon,
    number_of,
    rules,
)

FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo", "going"})
#: "would travel Thursday": the future seen from a past report
CONDITIONAL_WORDS = frozenset({"would", "'d"})
#: "may vote Friday", "should soon decide": a modal with a bare verb speaks of what lies ahead
MODAL_WORDS = frozenset({"may", "might", "must", "should", "can", "ca"})
PERFECT_WORDS = frozenset({"has", "have", "had", "'ve", "'s", "'d"})
VERB_POS = frozenset({"VERB", "AUX"})
#: Kinds of expression whose schema precision is the kind itself (and which cover no days).
PRECISION_OF_KIND = {"duration": "duration", "set": "set"}
#: Dependencies of an expression that modifies a noun ("a June agreement") rather than a verb.
NOUN_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
#: Words right before an expression that fix its direction whatever the tense of the clause:
#: "has risen since March", "the vote was scheduled for Monday", "a summit set for Washington
#: in April", a deferral ("postponed the vote until Tuesday", "gave them until 9 a.m. Friday").
TENSE_SIGNALS = (
    (
        re.compile(r"\bsince\s+(?:(?:shortly|just|soon)\s+)?(?:(?:after|before)\s+)?(?:the\s+)?$"),
        "past",
    ),
    (
        re.compile(
            r"\b(?:(?:plann|schedul|slated|due|expected)\w*\s+(?:for|on)|set\s+for)\s+"
            r"(?:(?:[\w.,']+\s+){1,3}?(?:in|on)\s+)?$"
        ),
        "future",
    ),
    (
        re.compile(
            r"\b(?:(?:postpon|delay|defer|extend|adjourn|put\s+off)\w*\s+(?:[\w,']+\s+){0,4}?"
            r"(?:until|till|to)|(?:gave|giv|grant)\w*\s+(?:[\w,']+\s+){0,4}?(?:until|till))"
            r"\s+(?:on\s+)?$"
        ),
        "future",
    ),
)
#: A title in quote marks, two words or more, every one capitalised: ABC's "This Week With
#: David Brinkley", CBS's ''60 Minutes.'' (a programme, film or book named after a time).
QUOTED_TITLE = re.compile(
    r"(?:\"|``|''|\u201c|\u2018)(?P<title>[A-Z0-9][\w'.-]*(?:\s+[A-Z0-9][\w'.-]*){1,6}?)"
    r"[,.]?(?:\"|''|\u201d|\u2019)"
)
#: What may separate a clock time from the day it belongs to ("5 p.m. EST, Nov. 6").
CLOCK_DAY_GAP = re.compile(r"^\s*,?\s+(?:on\s+)?$")


@Language.factory("tacitus_times", default_config={"max_head_hops": 4})
def make_times(nlp: Language, name: str, max_head_hops: int) -> TimeTagger:
    return TimeTagger(max_head_hops)


class TimeTagger:
    """Writes ``doc._.times``: schema v1 Time dicts in text order."""

    def __init__(self, max_head_hops: int = 4) -> None:
        self.max_head_hops = max_head_hops
        rules()  # compile the grammar now rather than on the first document

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = list(self.times_of(doc))
        return doc

    def times_of(self, doc: Doc) -> Iterator[dict]:
        anchor: str | None = None
        text = text_of(doc)
        folded = fold(text)
        candidates = find_candidates(
            folded, lambda c: self._resolve(doc, text, folded, c, None) is not None
        )
        records: list[dict] = []
        index = 0
        while index < len(candidates):
            candidate = candidates[index]
            timex = self._resolve(doc, text, folded, candidate, anchor)
            index += 1
            if timex is None:
                continue
            start, end = candidate.start, candidate.end
            if candidate.rule.name == "clock" and index < len(candidates):
                merged = self._clock_with_day(
                    doc, text, folded, (candidate, candidates[index]), timex, anchor
                )
                if merged is not None:
                    timex, end = merged, candidates[index].end
                    index += 1
            composed = composed_with_prefix(folded, start, timex) or week_of_day(
                folded, start, timex
            )
            if composed is not None:  # "the day before yesterday": one expression
                start, timex = composed
                while records and records[-1]["end"] > start:
                    records.pop()  # "the day", "two days" of the prefix
            if (
                timex.kind == "date"
                and not timex.anaphoric
                and tv.CALENDAR_VALUE.match(timex.value or "")
            ):
                anchor = timex.value
            records.append(time_record(text, start, end, timex))
        yield from records

    def _resolve(
        self, doc: Doc, text: str, folded: str, candidate: Candidate, anchor: str | None
    ) -> Timex | None:
        if is_quoted_title(text, candidate.start, candidate.end) or in_unit_comparison(
            folded, candidate.start, candidate.end
        ):
            return None
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        before = folded[max(0, candidate.start - 40) : candidate.start]
        context = Context(
            source=text,
            dct=publication_day(doc),
            tense=lambda: signalled_tense(before) or self.tense_of(span),
            anchor=anchor,
            before=before,
            entity=span[0].ent_type_ if span is not None and len(span) else "",
        )
        try:
            return candidate.rule.resolve(candidate.match, context)
        except (ValueError, OverflowError):  # a shift past year 1 or 9999: found, not resolved
            return Timex(None)

    def _clock_with_day(
        self,
        doc: Doc,
        text: str,
        folded: str,
        pair: tuple[Candidate, Candidate],
        timex: Timex,
        anchor: str | None,
    ) -> Timex | None:
        """Reads "5 p.m. EST Nov. 9" as one expression: the clock time on the date after it."""
        clock, following = pair
        if clock.match["anchor"] or not CLOCK_DAY_GAP.match(text[clock.end : following.start]):
            return None
        day = self._resolve(doc, text, folded, following, anchor)
        if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value or ""):
            return None
        return Timex(day.value + timex.value[10:]) if timex.value else Timex(None)

    def tense_of(self, span: Span | None) -> Tense:
        """The tense of the clause an expression sits in: its governing verb, else the sentence."""
        if span is None or not len(span):
            return None
        # "Wednesday's ruling", "a June agreement": the noun's time, not the clause's
        if span.root.dep_ in NOUN_MODIFIER_DEPS and span.root.head.pos_ in ("NOUN", "PROPN"):
            return None
        verb = self._governing_verb(span.root)
        if verb is not None:
            return verb_tense(verb)
        for token in span.sent if span.doc.has_annotation("SENT_START") else ():
            if token.pos_ in VERB_POS and (tense := verb_tense(token)):
                # another verb's present tense tells no schedule ("the index, which fell
                # 1.4% on Friday, ... is"): only a past or future one carries over
                return None if tense == "present" else tense
        return None

    def _governing_verb(self, token: Token) -> Token | None:
        for _ in range(self.max_head_hops):
            if token.pos_ in VERB_POS:
                return token
            if token.head is token:
                return None
            token = token.head
        return token if token.pos_ in VERB_POS else None


def is_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether an expression lies in a title in quote marks (see `QUOTED_TITLE`)."""
    window = max(0, start - 60)
    return any(
        title.start("title") <= start and end <= title.end("title")
        for title in QUOTED_TITLE.finditer(text, window, min(len(text), end + 60))
    )


#: A unit paired with itself ("quarter-to-quarter comparison", "year-over-year growth",
#: "day-to-day running", "month-on-month"): a way of comparing, not a period of its own.
_UNIT = r"(?:day|week|month|quarter|year)"
UNIT_COMPARISON_AFTER = re.compile(rf"-(?:to|over|on|by)-{_UNIT}\b")
UNIT_COMPARISON_BEFORE = re.compile(rf"\b{_UNIT}-(?:to|over|on|by)-$")


def in_unit_comparison(folded: str, start: int, end: int) -> bool:
    """Whether an expression is one half of a unit compared with itself (see above)."""
    return bool(
        UNIT_COMPARISON_AFTER.match(folded, end)
        or UNIT_COMPARISON_BEFORE.search(folded, max(0, start - 16), start)
    )


def composed_with_prefix(folded: str, start: int, timex: Timex) -> tuple[int, Timex] | None:
    """A date read with the offset written before it: "the day before yesterday", "the day
    after Christmas", "two weeks after March 3", "the year after 2019". The offset moves the
    date in its own granularity; None when nothing fits."""
    if timex.kind != "date" or not timex.value:
        return None
    prefix = composition_prefix().search(folded, max(0, start - 60), start)
    if prefix is None:
        return None
    unit = prefix["unit"]
    amount = number_of(prefix["n"]) if prefix["n"] else 1
    if amount is None or amount != int(amount):
        return None
    steps = int(amount) * (-1 if prefix["dir"] == "before" else 1)
    field, factor = COMPOSITION_SHIFT[unit]
    shifted = tv.shift_value(timex.value, **{field: steps * factor})
    if shifted is None or tv.date_precision(shifted) != tv.date_precision(timex.value):
        return None
    return prefix.start(), Timex(shifted, anaphoric=timex.anaphoric)


#: "the week of March 6": written right before a day, the week that holds it.
WEEK_OF = re.compile(r"\bthe\s+week\s+of\s+$")


def week_of_day(folded: str, start: int, timex: Timex) -> tuple[int, Timex] | None:
    """ "a hearing the week of March 6" names the ISO week holding that day (TIMEX3 writes
    it 2000-W10), not the day; None when no "the week of" comes right before a day."""
    if timex.kind != "date" or tv.date_precision(timex.value) != "day":
        return None
    prefix = WEEK_OF.search(folded, max(0, start - 20), start)
    if prefix is None:
        return None
    week = tv.week_value(date.fromisoformat(timex.value[:10]))
    return prefix.start(), Timex(week, anaphoric=timex.anaphoric)


def signalled_tense(before: str) -> Tense:
    """The direction the words just before an expression impose, if any."""
    return next((tense for signal, tense in TENSE_SIGNALS if signal.search(before)), None)


def publication_day(doc: Doc) -> date | None:
    """The article date as a calendar day (a datetime is cut to its date)."""
    published = doc._.published
    return published.date() if isinstance(published, datetime) else published


def verb_tense(verb: Token) -> Tense:
    """Future with will/shall/going to, an infinitive or a scheduled event; past with a past
    form or a perfect."""
    tense = finite_tense(verb)
    if (
        tense is None
        and verb.tag_ == "VB"
        and any(child.lower_ == "to" and child.dep_ == "aux" for child in verb.children)
    ):
        return infinitive_tense(verb)
    if tense == "past" and _schedules_an_event(verb):
        return "future"  # "planned a rally on Saturday", "has scheduled a vote Thursday"
    reporting = verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in lexicon()["reporting_verbs"]
    if tense == "present" and reporting:
        return "past"  # "the minister says Monday that ...": the saying is done
    return tense


def _schedules_an_event(verb: Token) -> bool:
    """A scheduling verb with the event as its object, its plan not put behind by a past
    perfect ("had scheduled ... for Friday")."""
    return (
        verb.lemma_ in lexicon()["scheduling_verbs"]
        and any(child.dep_ == "dobj" for child in verb.children)
        and not _is_past_perfect(verb)
    )


def _is_past_perfect(verb: Token) -> bool:
    return any(child.lower_ == "had" for child in verb.children)


def finite_tense(verb: Token) -> Tense:
    """The tense its form and auxiliaries give a verb (None for an infinitive)."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_WORDS or verb.lower_ in FUTURE_WORDS:
        return "future"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and words & PERFECT_WORDS:
        return "past"
    if verb.tag_ == "VBN" and not auxiliaries and verb.dep_ in ("acl", "amod"):
        return "past"  # "the plans announced in January": a done deed
    if words & (CONDITIONAL_WORDS | MODAL_WORDS) and not words & {"have", "'ve"}:
        return "future"  # not "would have gone", "may have left"
    if verb.tag_ == "VBP" and _has_singular_noun_subject(verb):
        return "past"  # "weakness hurt the index": a past form the tagger read as present
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        return "present"
    return None


def _has_singular_noun_subject(verb: Token) -> bool:
    """A singular noun subject, with which a present verb would end in -s: a base form beside
    one ("weakness hurt", "the company cut") is a past form such as hurt, cut, set or put."""
    return any(child.dep_ == "nsubj" and child.tag_ in ("NN", "NNP") for child in verb.children)


def infinitive_tense(verb: Token) -> Tense:
    """An infinitive lies ahead of the verb it depends on ("is set to begin Wednesday",
    "planned to leave Thursday"), except after a past perfect ("had been due to expire
    Friday") or a past verb that is not about intentions ("flew there to sign it Monday").
    One that completes a noun ("the first country to join on Friday") or is the subject of
    its clause ("among the first to vote on Sunday were ...") shows no tense."""
    if verb.dep_ in ("csubj", "csubjpass"):
        return None
    intentions = lexicon()["intention_verbs"]
    governor = verb.head
    if governor.pos_ not in VERB_POS:
        if governor.lemma_ not in intentions:  # "due to", "likely to": their copula decides
            return None
        governor = governor.head
    if governor is verb or finite_tense(governor) != "past":
        return "future"
    if _is_past_perfect(governor) or governor.lemma_ not in intentions:
        return "past"
    return "future"


def time_record(text: str, start: int, end: int, timex: Timex) -> dict:
    """A schema v1 Time dict; durations and sets have no first or last day."""
    if timex.kind in PRECISION_OF_KIND:
        first_day = last_day = None
        precision = PRECISION_OF_KIND[timex.kind]
    else:
        first_day, last_day = tv.bounds(timex.value)
        precision = tv.date_precision(timex.value)
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "value": timex.value,
        "first_day": first_day,
        "last_day": last_day,
        "precision": precision,
    }
