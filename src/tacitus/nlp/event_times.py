"""The time of an event: the time its mentions state (their own clause's first), else the
time of the story around it (coarsened by `lowered`), as schema v1 time dicts."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from spacy.tokens import Span, Token

from tacitus import settings
from tacitus.nlp.document import OPENING, in_part
from tacitus.nlp.event_actors import SPEECH_VERBS
from tacitus.nlp.event_context import DocContext
from tacitus.nlp.event_mentions import Mention
from tacitus.nlp.event_syntax import clause_span, clause_verb
from tacitus.nlp.timex_rules import lexicon

#: Verbs of saying whose time is the report's, not the event's (`dates_the_report`).
REPORT_VERBS = SPEECH_VERBS | {"speak", "report", "confirm"}
#: Precision of an inherited time -> the coarser precision it gets, by calendar unit.
LOWERED_PRECISION = {
    "day": "week", "week": "month", "month": "quarter", "quarter": "year", "season": "year",
    "year": "year", "range": "range",
}  # fmt: skip
#: Words between "for the second" and "day" in an act told as running day after day.
RUNNING_WORDS = frozenset({"straight", "consecutive", "successive", "running"})


def is_past(verb: Token) -> bool:
    """A clause in a past tense ("fired", "had been", "was killed")."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def time_of(mention: Mention, context: DocContext) -> dict | None:
    """The event's time, carried over the days it lasted (`with_days_running`)."""
    time = event_day(mention, context)
    return with_days_running(time, mention) if time is not None else None


def event_day(mention: Mention, context: DocContext) -> dict | None:
    """The time its mentions state, the best first (`time_stated_by`); else the time of the
    sentence before (`inherited_time`); else, for a lead in the present perfect, the day of
    the report."""
    stated = [(rank, n, time) for n, m in enumerate(mention.mentions)
              for rank, time in [time_stated_by(m, context)] if time is not None]  # fmt: skip
    if stated:
        return min(stated, key=lambda s: s[:2])[2]
    inherited = inherited_time(mention, context)
    if inherited is not None:
        return inherited
    if context.published and tells_news_of_the_day(mention, context):
        return event_time(context.published.isoformat(), None, "day")
    return None


def time_stated_by(mention: Mention, context: DocContext) -> tuple[int, dict | None]:
    """The time one mention states and how surely it is the event's own: 0 when its clause
    states it, 1 when only its sentence does or the time dates the report ("the group said
    Wednesday its attack ..."). A later mention may date the happening better than the first
    ("... the talks, which ended on Friday"): the best rank wins, then the earliest mention."""
    if mention.stated_time is None:
        return 1, None
    in_clause, _ = times_around(mention, context)
    verb = clause_verb(mention.match.head)
    own = any(not dates_the_report(t, verb, context) for t in in_clause)
    return (0 if own else 1), mention.stated_time


def inherited_time(mention: Mention, context: DocContext) -> dict | None:
    """The time of the previous sentence or of the opening (headline, dateline, lede), with a
    coarser precision (`lowered`): a sentence that states no time continues the story's day,
    perhaps. When the events are told in the past, a time after the report ("talks planned
    for later this month") is another, future happening's and is passed over."""
    sentence = mention.sentence
    earlier = [t for t in context.times if t["end"] <= sentence.start_char and plausible(t)
               and t["precision"] not in ("duration", "set")]  # fmt: skip
    if context.published:
        published = context.published.isoformat()
        earlier = [t for t in earlier if (t["last_day"] or t["first_day"]) <= published] or earlier
    previous_sentence_start = context.doc[max(sentence.start - 1, 0)].sent.start_char
    inherited = [t for t in earlier if t["start"] >= previous_sentence_start]
    opening = [t for t in earlier if in_part(context.doc, OPENING, t["start"], t["end"])]
    source = (inherited or opening or [None])[-1]
    if source is None:
        return None
    return lowered(source)


def tells_news_of_the_day(mention: Mention, context: DocContext) -> bool:
    """A headline or lead in the present perfect with no time anywhere before it ("fighters
    have brokered a deal to leave the city") tells what happened by the day of the report,
    the date ACLED codes for an undated report."""
    head = mention.match.head
    verb = clause_verb(head)
    perfect = any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
        for c in verb.children
    )
    sentence = mention.sentence
    return (
        perfect
        and in_part(context.doc, OPENING, sentence.start_char, sentence.end_char)
        and not any(t["start"] < sentence.start_char for t in context.times)
    )


def with_days_running(time: dict, mention: Mention) -> dict:
    """An act told as going on "for a fifth day", "for the second consecutive day" or "for
    the tenth day in a row" began that many days before the day it is dated: the event
    spans from its first day (ACLED codes the whole span, from its start)."""
    running = max((days_running(m.sentence) for m in mention.mentions), default=1)
    if running <= 1 or time["precision"] != "day" or not time["first_day"]:
        return time
    last = date.fromisoformat(time["last_day"] or time["first_day"])
    first = last - timedelta(days=running - 1)
    return event_time(first.isoformat(), last.isoformat(), "range")


def days_running(sentence: Span) -> int:
    """N when the sentence says "for a/the N-th [straight|consecutive] day [in a row]" or
    "over/in/during the past/last N days"."""
    words = [t.lower_ for t in sentence]
    ordinals, numbers = ordinal_days(), cardinal_numbers()
    for i, word in enumerate(words[:-3]):
        nth, following = words[i + 2], words[i + 3 : i + 5]
        nth_day = following[:1] == ["day"] or (
            following[1:] == ["day"] and following[0] in RUNNING_WORDS
        )
        if word == "for" and words[i + 1] in ("a", "the") and nth in ordinals and nth_day:
            return ordinals[nth]
        past_days = following[:1] and following[0] in numbers and following[1:] == ["days"]
        if (
            word in ("over", "in", "during")
            and words[i + 1] == "the"
            and nth in ("past", "last")
            and past_days
        ):
            return numbers[following[0]]
    return 1


@cache
def ordinal_days() -> dict[str, int]:
    """Ordinal words of the times lexicon ("second" -> 2, "tenth" -> 10)."""
    return {str(word).lower(): int(n) for word, n in lexicon()["ordinal_days"].items()}


@cache
def cardinal_numbers() -> dict[str, int]:
    """Numbers of the times lexicon ("two" -> 2) and the figures 2 to 31."""
    words = {str(word).lower(): int(n) for word, n in lexicon()["numbers"].items()
             if float(n).is_integer()}  # fmt: skip
    return words | {str(n): n for n in range(2, 32)}


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
