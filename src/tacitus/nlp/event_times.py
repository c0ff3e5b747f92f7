"""The time of an event: the time its own clause states when in the past tense, else the
plausible time around it (coarsened by `lowered` when inherited), as schema v1 time dicts."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from tacitus import settings
from tacitus.nlp.document import OPENING, in_part
from tacitus.nlp.event_actors import SPEECH_VERBS
from tacitus.nlp.event_context import DocContext
from tacitus.nlp.event_mentions import Mention
from tacitus.nlp.event_syntax import clause_span, clause_verb

#: Verbs of saying whose time is the report's, not the event's (`dates_the_report`).
REPORT_VERBS = SPEECH_VERBS | {"speak", "report", "confirm"}
#: Precision of an inherited time -> the coarser precision it gets, by calendar unit.
LOWERED_PRECISION = {
    "day": "week", "week": "month", "month": "quarter", "quarter": "year", "season": "year",
    "year": "year", "range": "range",
}  # fmt: skip


def is_past(verb: Token) -> bool:
    """A clause in a past tense ("fired", "had been", "was killed")."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def time_of(mention: Mention, context: DocContext) -> dict | None:
    """The time the event's first mention states (`stated_time`), else the first its later
    mentions state (a lead told again "on Friday"); else the previous sentence's or the
    opening's (headline, dateline, lede) time with a coarser precision; never the
    publication date."""
    stated = next(
        (m.stated_time for m in (mention, *mention.merged) if m.stated_time is not None), None
    )
    if stated is not None:
        return stated
    sentence = mention.sentence
    earlier = [t for t in context.times if t["end"] <= sentence.start_char and plausible(t)
               and t["precision"] not in ("duration", "set")]  # fmt: skip
    previous_sentence_start = context.doc[max(sentence.start - 1, 0)].sent.start_char
    inherited = [t for t in earlier if t["start"] >= previous_sentence_start]
    opening = [t for t in earlier if in_part(context.doc, OPENING, t["start"], t["end"])]
    source = (inherited or opening or [None])[-1]
    if source is None:
        return None
    return lowered(source)


def stated_time(mention: Mention, context: DocContext, *, own: bool = False) -> dict | None:
    """The time expression of the trigger's clause, else of the sentence. A time that dates
    the report ("the monitor said Sunday") dates the event when nothing else does (coders
    take the day it was told), but it is not the event's `own` time: two reports of one
    happening said on two days do not make two happenings (`event_merging`)."""
    in_clause, in_sentence = times_around(mention, context)
    verb = clause_verb(mention.match.head)
    if own:
        in_clause = [t for t in in_clause if not dates_the_report(t, verb, context)]
        in_sentence = [t for t in in_sentence if not dates_the_report(t, verb, context)]
    if not in_clause and context.published and is_past(verb):
        # "the demonstration had been peaceful and they called for a march next week"
        published = context.published.isoformat()
        in_sentence = [t for t in in_sentence if t["first_day"] <= published]
    chosen = (in_clause or in_sentence or [None])[0]
    if chosen is None:
        return None
    return event_time(chosen["first_day"], chosen["last_day"], chosen["precision"])


def dates_the_report(time: dict, verb: Token, context: DocContext) -> bool:
    """A time after a verb of saying other than the event's own ("the monitor said Sunday",
    "speaking to AFP on Wednesday, the governor reported the attacks") dates the report, which
    may come days after the event it tells. A time before it ("On Monday, police said ...")
    is often the event's own and is kept."""
    span = context.doc.char_span(time["start"], time["end"], alignment_mode="expand")
    if span is None:
        return False
    holder = span.root.head
    while holder.dep_ in ("prep", "pobj", "npadvmod") and holder.head != holder:
        holder = holder.head
    return (
        holder != verb
        and holder.lemma_.lower() in REPORT_VERBS
        and holder.i < span.start
        and verb not in holder.ancestors
    )


def times_around(mention: Mention, context: DocContext) -> tuple[list[dict], list[dict]]:
    """The dated time expressions of the trigger's clause, and of its sentence."""
    sentence = mention.sentence
    clause = clause_span(mention.match.head)
    in_sentence = [
        t
        for t in context.times
        if sentence.start_char <= t["start"] and t["end"] <= sentence.end_char and plausible(t)
        and t["precision"] not in ("duration", "set")
    ]  # fmt: skip
    return [t for t in in_sentence if clause[0] <= t["start"] < clause[1]], in_sentence


def plausible(time: dict) -> bool:
    """Modern news reports modern events: a resolved year before 1900 is a misreading."""
    return time["first_day"] >= settings.EVENTS_EARLIEST_DAY


def event_time(first_day: str | None, last_day: str | None, precision: str) -> dict:
    return {"first_day": first_day, "last_day": last_day or first_day, "precision": precision}


def lowered(time: dict) -> dict:
    """The calendar unit around an inherited time: a day becomes its week, a week its month."""
    precision = LOWERED_PRECISION.get(time["precision"], "unknown")
    first = date.fromisoformat(time["first_day"])
    last = date.fromisoformat(time["last_day"] or time["first_day"])
    if precision == "week":
        first, last = first - timedelta(days=first.weekday()), last + timedelta(6 - last.weekday())
    elif precision == "month":
        first, last = first.replace(day=1), _month_end(last)
    elif precision == "quarter":
        first = first.replace(month=3 * ((first.month - 1) // 3) + 1, day=1)
        last = _month_end(last.replace(month=3 * ((last.month - 1) // 3) + 3, day=1))
    elif precision == "year":
        first, last = first.replace(month=1, day=1), last.replace(month=12, day=31)
    return event_time(first.isoformat(), last.isoformat(), precision)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
