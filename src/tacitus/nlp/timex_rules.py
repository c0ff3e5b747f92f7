"""The time-expression grammar: one regular expression and one resolver per kind of expression.

Each rule finds expressions in raw text (spans follow TimeML conventions: "the third
quarter", "last week", "two weeks ago", but not "in"/"on"/"since") and its resolver turns a
match into a TimeML value against the article date, the tense of the clause and the last
date mentioned before it ("a year earlier"). Word tables live in
``resources/times/lexicon.yaml``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from tacitus.nlp import timex_values as tv

Tense = str | None  # "past", "present", "future" or None when the clause shows none


@dataclass(frozen=True)
class Timex:
    """A resolved expression: its TimeML value (None when unresolvable) and its kind."""

    value: str | None
    kind: str = "date"  # "date", "duration" or "set"
    #: resolved against an earlier expression, so it must not become the next one's anchor
    anaphoric: bool = False


#: ASCII upper case to lower case: folds text for matching without changing any offset
#: (str.lower() may lengthen some non-ASCII characters; case-insensitive regexes are 5x slower).
_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """The text the grammar runs on: ASCII letters lower-cased, offsets unchanged."""
    return text.translate(_ASCII_FOLD)


@dataclass
class Context:
    """What a resolver may look at besides its match (which is on the folded text)."""

    source: str  # the original text, for the case of what matched
    dct: date | None
    tense: Callable[[], Tense]
    anchor: str | None  # the last calendar value mentioned before this expression
    before: str  # up to 40 characters of text before the expression
    entity: str  # spaCy entity label at the expression's start ("" when none)


Resolver = Callable[[re.Match, Context], Timex | None]


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = resources.files("tacitus.resources").joinpath("times/lexicon.yaml").read_text()
    return yaml.safe_load(text)


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _fragments() -> dict[str, str]:
    lex = lexicon()
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = [*lex["units"], *lex["unit_plurals"]]
    full_months = [m for m in lex["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbreviations = [m for m in lex["months"] if m not in full_months]
    digits = "one|two|three|four|five|six|seven|eight|nine"
    small = "|".join(w for w, v in lex["numbers"].items() if " " not in w and 1 < v < 100)
    below_hundred = rf"(?:(?:{tens})[\s-](?:{digits})|{small})"
    # "two hundred", "one hundred and fifty", "a thousand"
    spelled = rf"(?:(?:a|an|one|{small})\s+)?(?:hundred|thousand)(?:\s+(?:and\s+)?{below_hundred})?"
    return {
        "MONTH": rf"(?:(?:{_alternation(full_months)})\b|(?:{_alternation(abbreviations)})\b\.?)",
        "WEEKDAY": rf"(?:{_alternation(lex['weekdays'])})",
        "NUM": (
            rf"(?:{_alternation(lex['fractions'])}|(?:{spelled}|(?:{tens})[\s-](?:{digits})"
            rf"|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\s+1/2|\.\d+)?|{_alternation(lex['numbers'])})"
            rf"(?:\s+and\s+a\s+half)?|{_alternation(lex['vague_numbers'])})"
        ),
        "DAY_WORD": rf"(?:{_hyphen_alternation(lex['ordinal_days'])})",
        "SPELLED_YEAR": (
            rf"(?:(?:nineteen|eighteen)\s+(?:{tens})(?:[\s-](?:{digits}))?"
            rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{digits}|ten))?)"
        ),
        "CLOCK_HOURS": rf"(?:1[0-2]|0?[1-9]|{small})",
        "CLOCK_MINUTES": rf"(?:[1-5]?\d|(?:twenty)[\s-](?:{digits})|{small})",
        "NTH": rf"(?:{_alternation(lex['weekday_ordinals'])})",
        "UNIT": rf"(?:{_alternation(units)})",
        "SEASON": rf"(?:{_alternation(lex['seasons'])})",
        "PART": rf"(?:{_alternation(lex['day_parts'])})",
        "MOD": r"(?:early|late|mid|middle|the\s+(?:middle|end|beginning|start)\s+of)",
        "APPROX": (
            r"(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly"
            r"|some|over|under|at\s+least|up\s+to|only|just|another|an\s+additional)"
        ),
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
        "HOLIDAY": rf"(?:{_alternation(lex['holidays'])})",
        "DECADE": rf"(?:{_alternation(lex['decades'])})",
    }


def _hyphen_alternation(words) -> str:
    """Like `_alternation`, a hyphen also matching a space ("twenty-first", "twenty first")."""
    return _alternation(words).replace(r"\-", r"[\s-]")


def _compile(template: str) -> re.Pattern:
    return re.compile(_fast_start(template.format(**_fragments())))


def _fast_start(pattern: str) -> str:
    """A leading word boundary as a look-behind: the same matches, but it lets the regex
    engine skip ahead to plausible first characters instead of trying every position."""
    return r"(?<!\w)" + pattern[2:] if pattern.startswith(r"\b") else pattern


# ---------------------------------------------------------------- reading the words


def number_of(text: str | None) -> float | None:
    """The number a quantity word stands for; None for vague quantities ("several")."""
    if text is None:
        return None
    words = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    if words.endswith(" and a half"):  # "two and a half"
        whole = number_of(words.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    lex = lexicon()
    if words in lex["numbers"]:
        return lex["numbers"][words]
    if words in lex["fractions"]:
        return lex["fractions"][words]
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    if re.fullmatch(r"\d+ 1/2", words):
        return int(words.split()[0]) + 0.5
    return spelled_number(words.split())


def spelled_number(words: list[str]) -> int | None:
    """The value of a number in words: "twenty five", "two hundred", "one hundred and fifty",
    "a thousand"; None when a word is no number word."""
    numbers = lexicon()["numbers"]
    total = current = 0
    for position, word in enumerate(words):
        if word in ("a", "an") and position == 0:
            current = 1
        elif word == "and" and position:
            continue
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif word in numbers and " " not in word:
            current += numbers[word]
        else:
            return None
    return total + current


def unit_of(text: str) -> str:
    word = text.lower()
    plurals = lexicon()["unit_plurals"]
    if word in plurals:
        return plurals[word]
    return word[:-1] if word.endswith("s") and word[:-1] in lexicon()["units"] else word


def month_of(text: str) -> int:
    return lexicon()["months"][text.lower().rstrip(".")]


def original(match: re.Match, group: str, ctx: Context) -> str:
    """What a group of the match reads in the original, unfolded text."""
    return ctx.source[match.start(group) : match.end(group)]


def is_month_word(text: str) -> bool:
    """Whether a month word is meant as a month: ambiguous ones must be capitalised."""
    word = text.rstrip(".")
    return word.lower() not in lexicon()["ambiguous_months"] or word[:1].isupper()


def weekday_of(text: str) -> int:
    return lexicon()["weekdays"][text.lower()]


def duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: P3W, PT24H, P20Y for two decades, PXY when the amount is vague."""
    letter, is_time, multiplier = lexicon()["units"][unit]
    if amount is None:
        number = "X"
    else:
        total = amount * multiplier
        if total != int(total):
            return _fractional_duration(total, letter, is_time)
        number = str(int(total))
    return f"PT{number}{letter}" if is_time else f"P{number}{letter}"


_SMALLER_UNIT = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "W": ("D", 7), "M": ("D", 30)}
_SMALLER_UNIT_OF_TIME = {"H": ("M", 60), "M": ("S", 60)}


def _fractional_duration(total: float, letter: str, is_time: bool) -> str:
    """Writes "2 1/2 years" as P2Y6M, "5 1/2 hours" as PT5H30M, "half a day" as PT12H;
    a unit with nothing smaller keeps its decimal ("2.5 seconds" is PT2.5S)."""
    prefix = "PT" if is_time else "P"
    smaller_units = _SMALLER_UNIT_OF_TIME if is_time else _SMALLER_UNIT
    if letter not in smaller_units:
        return f"{prefix}{total:g}{letter}"
    smaller, factor = smaller_units[letter]
    whole, rest = int(total), round((total - int(total)) * factor)
    if smaller == "H" and not is_time:  # days split into hours: the whole needs T
        return f"PT{whole * 24 + rest}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{rest}{smaller}"


# ---------------------------------------------------------------- resolvers


def resolve_reference(match: re.Match, ctx: Context) -> Timex:
    words = re.sub(r"\s+", " ", match[0].lower())
    return Timex(lexicon()["references"][words])


def resolve_then_current(match: re.Match, ctx: Context) -> Timex:
    """Reads "the then-current price": the present as seen from a time gone by, PAST_REF."""
    return Timex("PAST_REF")


def resolve_soon(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "soon" in a clause about what is to come ("will soon begin", "expects sales to
    soon grow") as FUTURE_REF; a past "soon" ("was soon released") is a narrative step, no
    time of its own."""
    return Timex("FUTURE_REF") if ctx.tense() == "future" else None


#: "the most recent model", "more recent figures": a comparison, not a time.
_COMPARED_BEFORE = re.compile(r"\b(?:most|more|less|least)\s+$")


def resolve_recent(match: re.Match, ctx: Context) -> Timex | None:
    """Reads the adjective "recent" ("the recent sale", "recent losses") as the vague past it
    points to, PAST_REF, as TimeML does; a comparison ("the most recent model") is none."""
    return None if _COMPARED_BEFORE.search(ctx.before) else Timex("PAST_REF")


#: "the Communist Party daily Granma", "the daily said", "Israel's largest daily": the noun,
#: a newspaper, names no times: before a capitalised name, or as the head of its phrase.
_NEWSPAPER_DAILY_AFTER = re.compile(
    r"'s\b|\s+(?:[A-Z]|(?:said|says|reported|reports|wrote|writes|quoted|quotes|published)\b)"
    r"|\s*[,.;:)]"
)
_NEWSPAPER_DAILY_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|newspaper|party|business|financial|national|local|official|state-run"
    r"|government|leading|largest|biggest|popular|independent|english-language)"
    r"|'s|\b[A-Z][\w-]*)\s+$"
)


def resolve_frequency(match: re.Match, ctx: Context) -> Timex | None:
    word = match[0].lower()
    if word == "daily" and _is_newspaper(match, ctx):
        return None
    return Timex(lexicon()["frequencies"][word], "set")


def _is_newspaper(match: re.Match, ctx: Context) -> bool:
    """ "daily" as a noun: a name, a reporting verb or the end of the phrase after it, and a
    determiner, adjective or name before it ("the daily Granma", "the Israeli daily said";
    not "held rallies almost daily." nor "its daily output")."""
    before = ctx.source[max(0, match.start() - 40) : match.start()]
    return bool(
        _NEWSPAPER_DAILY_AFTER.match(ctx.source, match.end())
        and _NEWSPAPER_DAILY_BEFORE.search(before)
    )


_RATE_CONTEXT = re.compile(
    r"(?:\d|%|\b(?:once|twice|times|percent|cents?|dollars?|million|billion|thousand|"
    r"hundred|one|two|three|four|five|six|seven|eight|nine|ten|dozen))\W*(?:[a-z]+\W+){0,2}$",
    re.IGNORECASE,
)


def resolve_rate(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "$5 million a year", "twice a week": a set, only after a quantity."""
    if not _RATE_CONTEXT.search(ctx.before):
        return None
    return Timex(duration_value(1, unit_of(match["unit"])), "set")


def resolve_every(match: re.Match, ctx: Context) -> Timex | None:
    what = match["what"].lower()
    lex = lexicon()
    if match["wd"]:
        return Timex(f"XXXX-WXX-{weekday_of(match['wd'])}", "set")
    if match["month"]:
        return Timex(f"XXXX-{month_of(match['month']):02d}", "set")
    if what.rstrip("s") in lex["seasons"]:
        return Timex(f"XXXX-{lex['seasons'][what.rstrip('s')]}", "set")
    if what.rstrip("s") in lex["day_parts"]:
        return Timex(f"XXXX-XX-XXT{lex['day_parts'][what.rstrip('s')]}", "set")
    amount = number_of(match["n"]) if match["n"] else 1
    if match["other"]:
        amount = 2
    return Timex(duration_value(amount, unit_of(what)), "set")


def resolve_weekday_set(match: re.Match, ctx: Context) -> Timex:
    part = f"T{lexicon()['day_parts'][match['part'].lower()]}" if match["part"] else ""
    return Timex(f"XXXX-WXX-{weekday_of(match['wd'])}{part}", "set")


#: Four digits read as hours and minutes of a 24-hour clock.
_MILITARY_CLOCK = re.compile(r"[01]\d[0-5]\d|2[0-3][0-5]\d")


#: "cut by a quarter", "up by a third": a share of something, not a stretch of time.
_BY_A_FRACTION = re.compile(r"\bby\s+$")


def resolve_duration(match: re.Match, ctx: Context) -> Timex | None:
    unit = unit_of(match["unit"])
    amount = number_of(match["n"]) if match["n"] else 1  # "another year", "an additional day"
    if amount is None and match["n"].lower() not in lexicon()["vague_numbers"]:
        return None
    if unit == "second" and match["n"] in ("a", "an"):  # "a second" is mostly the ordinal
        return None
    if match["n"] in ("a", "an") and match[0].endswith("-long"):
        return None  # "a week-long strike": the article is the strike's ("week-long" alone)
    if amount is not None and amount > 1000 and not match["n"][:1].isalpha():
        return None  # "1,500 days" is rarely a span; "two thousand years" is one
    if unit == "hour" and _MILITARY_CLOCK.fullmatch(match["n"]):
        return None  # "0600 hours", "1900 hours": a 24-hour clock time, not 600 hours
    if unit == "quarter" and amount == 1 and _BY_A_FRACTION.search(ctx.before):
        return None  # "fell by a quarter": a fourth of something, not three months
    if unit == "quarter" and _is_fraction_of(match, ctx):
        return None  # "three quarters of the vote"
    if amount is not None and match["half"]:  # "a minute and a half"
        amount += 0.5
    if _is_some_day_ahead(match, ctx):
        return Timex("FUTURE_REF")
    return Timex(duration_value(amount, unit), "duration")


#: A modal right before "one day" ("will one day be", "could one day replace").
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must|'ll)\s+$")


def _is_some_day_ahead(match: re.Match, ctx: Context) -> bool:
    """ "Islam will one day be ...": "one day" between a modal and its verb is no stretch of a
    day but an unnamed time to come, TimeML's FUTURE_REF."""
    return (
        match[0].lower() == "one day"
        and bool(_MODAL_BEFORE.search(ctx.before))
        and bool(re.match(r"\s+[a-z]+", ctx.source[match.end() :]))
    )


def resolve_unit_adjective(match: re.Match, ctx: Context) -> Timex:
    return Timex(duration_value(1, match["unit"] or match["long"]), "duration")


#: "between 60 and 90 days": "and" makes a range only after "between".
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$")


def resolve_range_start(match: re.Match, ctx: Context) -> Timex | None:
    """Reads the first number of "two to three weeks", "one or two days", "between 60 and 90
    days" as a duration of the unit the range shares: TimeML marks each end of such a range
    ("two" P2W, "three weeks" P3W), the second one being an ordinary duration."""
    if match["link"] == "and" and not _BETWEEN_BEFORE.search(ctx.before):
        return None
    amount = number_of(match["n"])
    if amount is None or amount > 1000 or match["n"] in ("a", "an"):
        return None
    return Timex(duration_value(amount, unit_of(match["unit"])), "duration")


#: "quarters of" right after the number: a fraction ("two quarters of the budget").
_OF_AFTER = re.compile(r"\s+of\b")


def _is_fraction_of(match: re.Match, ctx: Context) -> bool:
    """ "three quarters of the vote" is a share; "two consecutive quarters of growth" and
    "several quarters of losses" are stretches of time (a word between or a vague number)."""
    if not _OF_AFTER.match(ctx.source, match.end()):
        return False
    numeral_next_to_unit = re.search(rf"{re.escape(match['n'])}[\s-]+quarters$", match[0].lower())
    return bool(numeral_next_to_unit) and match["n"].lower() not in lexicon()["vague_numbers"]


def resolve_vague_duration(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "several weeks" as PXW; "(in) recent years" as the vague past it means; leaves
    "these days" to the references (the present)."""
    if re.sub(r"\s+", " ", match[0].lower()) in lexicon()["references"]:
        return None
    if match["unit"] == "quarter" and not (match["rel"] or match["q"]):
        return None  # bare "quarters": living quarters, "three quarters of the vote"
    if match["unit"] == "year" and match["rel"] in ("recent", "past") and not match["the"]:
        return Timex("PAST_REF")
    return Timex(duration_value(None, unit_of(match["unit"] + "s")), "duration")


_AGO_SHIFT = {
    "year": ("years", 1),
    "decade": ("years", 10),
    "century": ("years", 100),
    "month": ("months", 1),
    "quarter": ("months", 3),
    "week": ("days", 7),
    "day": ("days", 1),
    "night": ("days", 1),
}


def resolve_offset(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "two weeks ago", "a year earlier", "two days later": a date, at the granularity
    of the unit.

    "ago" counts from the article date, "earlier" and "later" from the last date mentioned
    ("arrested on March 3. Two days later ..." is March 5), which is also what "a year ago"
    means right after a quarter (1988-Q3 after "the third quarter"). "later" with no date
    to count from is the stretch of time it names.
    """
    unit = unit_of(match["unit"])
    amount = number_of(match["n"]) if match["n"] else None
    direction = match["dir"]
    backwards = direction in ("ago", "earlier")
    if amount is None or unit not in _AGO_SHIFT:
        if direction == "later":
            return Timex(duration_value(amount, unit), "duration")
        return Timex("PAST_REF" if backwards else "FUTURE_REF")
    field, factor = _AGO_SHIFT[unit]
    steps = int(amount * factor) * (-1 if backwards else 1)
    anaphoric = direction in ("earlier", "later")
    reporting_period = unit == "year" and _is_reporting_period(ctx.anchor)
    countable = unit != "day" or tv.date_precision(ctx.anchor) == "day"
    if ctx.anchor and (anaphoric or reporting_period) and countable:
        shifted = tv.shift_value(ctx.anchor, **{field: steps})
        if shifted:
            return Timex(shifted, anaphoric=True)
    if direction == "later":
        return Timex(duration_value(amount, unit), "duration")
    if ctx.dct is None:
        return Timex(None)
    return Timex(_offset_from_day(ctx.dct, unit, field, steps))


def _is_reporting_period(value: str | None) -> bool:
    """Quarters and halves: "a year ago" after one means the same period a year before."""
    return tv.date_precision(value) == "quarter" or bool(value and re.match(r"^\d{4}-H\d$", value))


def _offset_from_day(day: date, unit: str, field: str, steps: int) -> str:
    if field == "years":
        return f"{day.year + steps:04d}"
    if field == "months":
        moved = tv.shift_months_of_day(day, steps)
        if unit == "quarter":
            return tv.quarter_value(moved.year, tv.quarter_of(moved))
        return tv.month_value(moved.year, moved.month)
    return tv.shift_days(day, steps).isoformat()


def _year_for(month: int, day: int | None, ctx: Context, relation: str | None) -> int:
    """The year of a month (and day) given without one.

    "last"/"next" take the occurrence before/after the article date, and so does a bare
    month in a past or future clause ("stepped down in March"). A month and day is the
    occurrence nearest the article date, the tense only leaning on it: dated deadlines and
    effective dates are often reported in the past tense ("said the offer expires Dec. 15").
    """
    dct = ctx.dct
    target, now = (month, day or 1), (dct.month, dct.day if day else 1)
    if relation == "last":
        return dct.year if target < now else dct.year - 1
    if relation in ("next", "coming"):
        return dct.year if target > now else dct.year + 1
    tense = ctx.tense()
    if day is None and tense == "past":
        return dct.year if target <= now else dct.year - 1
    if day is None and tense == "future":
        return dct.year if target >= now else dct.year + 1

    def distance(year: int) -> float:
        months = (year - dct.year) * 12 + month - dct.month + ((day or dct.day) - dct.day) / 31
        against_tense = (months < 0 and tense == "future") or (months > 0 and tense == "past")
        ahead_untensed = months > 0 and day is None and tense is None
        return (
            abs(months)
            + (TENSE_PULL_MONTHS if against_tense else 0)
            + (UNTENSED_MONTH_PULL_MONTHS if ahead_untensed else 0)
        )

    return min((dct.year - 1, dct.year, dct.year + 1), key=distance)  # a tie: news looks back


#: How many months of distance the tense of the clause is worth for a month and day.
TENSE_PULL_MONTHS = 3
#: A month named where no tense shows ("a high in June from $29.75 in March") is more often
#: one gone by: a month ahead counts as this many months further away.
UNTENSED_MONTH_PULL_MONTHS = 2


#: "the fiscal year ended Jan. 31": a period that has ended, so the date is behind us.
_ENDED = re.compile(r"\b(?:year|quarter|period|months|weeks|half)\s+ended\s+(?:on\s+)?$")


def resolve_full_date(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "March 3", "3 March 2024", "the fifth of June", "June the fifth", "5 June '24"."""
    if not is_month_word(original(match, "month", ctx)):
        return None
    month = month_of(match["month"])
    day = int(match["day"]) if match["day"] else ordinal_day_of(match["dayword"])
    if match["year"]:
        year = int(match["year"])
    elif match["yy"]:
        year = clipped_year(int(match["yy"]), ctx.dct)
    elif ctx.dct is None:
        return Timex(None)
    elif match["year_rel"]:  # "March 3 last year"
        year = ctx.dct.year + _RELATION_STEP[match["year_rel"]]
    else:
        year = _year_for(month, day, ctx, "last" if _ENDED.search(ctx.before) else None)
    return _checked_date(year, month, day)


#: The first day of a pair: a month and a day right before "and"/"or" ("April 24 and").
PAIRED_DAY_BEFORE = r"\b{MONTH}\s*[0-3]?\d\s+(?:and|or)\s+$"


@lru_cache(maxsize=1)
def paired_day_before() -> re.Pattern:
    return re.compile(PAIRED_DAY_BEFORE.format(**_fragments()))


def resolve_paired_day(match: re.Match, ctx: Context) -> Timex | None:
    """Reads the "25" of "the summit on April 24 and 25" (TIMEX3 marks each day): the day of
    the month just named, in the year written after it or else that of the first day."""
    if not paired_day_before().search(ctx.before):
        return None
    first = tv.at_granularity(ctx.anchor, "day") if ctx.anchor else None
    if first is None:  # the first day is not resolved yet (or has no value)
        return Timex(None)
    year = int(match["year"]) if match["year"] else int(first[:4])
    return _checked_date(year, int(first[5:7]), int(match["day"]))


def ordinal_day_of(word: str) -> int:
    return lexicon()["ordinal_days"][re.sub(r"[\s-]+", "-", word.lower())]


#: Years of a clipped year ("'24") later than the article's by at most this much are ahead.
CLIPPED_YEAR_AHEAD = 5


def clipped_year(yy: int, dct: date | None) -> int:
    """The full year of "'24": the one of that century nearest the article's, never more than
    a few years ahead of it (without an article date, 00-30 are 20xx, as in numeric dates)."""
    if dct is None:
        return yy + (1900 if yy > 30 else 2000)
    year = dct.year // 100 * 100 + yy
    return year - 100 if year > dct.year + CLIPPED_YEAR_AHEAD else year


def _checked_date(year: int, month: int, day: int) -> Timex | None:
    try:
        return Timex(date(year, month, day).isoformat())
    except ValueError:
        return None


def resolve_numeric_date(match: re.Match, ctx: Context) -> Timex | None:
    year = int(match["year"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    return _checked_date(year, int(match["month"]), int(match["day"]))


def resolve_month_year(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "June 2024", "June of 2024", "June '24"."""
    if not is_month_word(original(match, "month", ctx)):
        return None
    if match["year"]:
        year = int(match["year"])
    elif match["spelled"]:
        year = spelled_year_of(match["spelled"])
    else:
        year = clipped_year(int(match["yy"]), ctx.dct)
    return Timex(tv.month_value(year, month_of(match["month"])))


def resolve_year_month(match: re.Match, ctx: Context) -> Timex | None:
    """Reads ISO "2024-11" as a month, but not a span of two years ("the 2010-11 season")."""
    year, month = int(match["year"]), int(match["month"])
    if month == (year + 1) % 100:
        return None
    return Timex(tv.month_value(year, month))


#: "the March for Life", "the March of the Mothers": a march, named, not the month...
_NAMED_MARCH_AFTER = re.compile(r"\s+(?:for|of|against)\s+(?:the\s+)?[A-Z]")
#: ... unless a word that introduces a time comes before ("elections in March for Parliament").
_TIME_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|from|through|during|before|after|last|next|this|early|late"
    r"|mid)\s+$"
)


def resolve_month(match: re.Match, ctx: Context) -> Timex | None:
    word = original(match, "month", ctx).rstrip(".")
    if not is_month_word(word) or (len(word) <= 4 and word.lower() not in ("may", "june", "july")):
        return None
    if (
        word.lower() == "march"
        and _NAMED_MARCH_AFTER.match(ctx.source, match.end())
        and not _TIME_PREPOSITION_BEFORE.search(ctx.before)
    ):
        return None
    if ctx.dct is None:
        return Timex(None)
    relation = match["rel"].lower() if match["rel"] else None
    if relation == "this":
        return Timex(tv.month_value(ctx.dct.year, month_of(word)))
    month = month_of(word)
    if match["year_rel"]:  # "July last year", "October of next year"
        return Timex(tv.month_value(ctx.dct.year + _RELATION_STEP[match["year_rel"]], month))
    return Timex(tv.month_value(_year_for(month, None, ctx, relation), month))


def resolve_year(match: re.Match, ctx: Context) -> Timex | None:
    if ctx.entity in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"):
        return None
    return Timex(match["year"])


#: A decade of life: "in his 30s", "their early 20s", "women in the 40-to-50 bracket".
_AGE_BEFORE = re.compile(
    r"\b(?:his|her|their|my|your|our|its|aged?)\s+(?:(?:early|mid|late)[\s-]+)?$"
)


def resolve_decade(match: re.Match, ctx: Context) -> Timex | None:
    if match["century"]:
        return Timex(f"{match['century']}{match['decade']}")
    if ctx.dct is None:
        return Timex(None)
    if match["short"] and "'" not in match[0] and _AGE_BEFORE.search(ctx.before):
        return None  # "in his 30s", "people in their early 20s": an age, not a decade
    century = ctx.dct.year // 100
    decade = int(match["short"]) if match["short"] else lexicon()["decades"][match["spelled"]]
    if decade * 10 > ctx.dct.year % 100:
        century -= 1
    return Timex(f"{century:02d}{decade}")


#: "since '82": a clipped year, only after a preposition ("'82 model" may be anything).
_CLIPPED_YEAR_SIGNAL = re.compile(r"\b(?:since|in|of|from|until|by|before|after|class\s+of)\s+$")


def resolve_clipped_year(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "since '82": the latest such year not after the article's."""
    if ctx.dct is None or not _CLIPPED_YEAR_SIGNAL.search(ctx.before):
        return None
    year = ctx.dct.year // 100 * 100 + int(match["yy"])
    return Timex(f"{year - 100 if year > ctx.dct.year else year:04d}")


def resolve_day_word(match: re.Match, ctx: Context) -> Timex:
    if ctx.dct is None:
        return Timex(None)
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last": -1, "this": 0}
    word = match["word"].lower()
    day = tv.shift_days(ctx.dct, offsets[word])
    part = match["part"] or ("night" if word in ("tonight", "last") else None)
    return Timex(day.isoformat() + _part_suffix(part))


def _part_suffix(part: str | None) -> str:
    return f"T{lexicon()['day_parts'][part.lower()]}" if part else ""


#: "as soon as Tuesday", "until Friday": words before a day that point forward
_FORWARD_SIGNAL = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|until|till|by)\s+(?:on\s+)?$", re.I)


def weekday_direction(tense: Tense) -> int:
    """Future clauses and present-tense schedules ("the court sits on Monday") look forward;
    past ones, and speech reported in the present ("Bush says Tuesday", read as past by the
    tagger), look back."""
    return 1 if tense in ("future", "present") else -1


def directed_weekday(weekday: int, ctx: Context, under_way: bool = False) -> date:
    """The day a weekday without "last"/"next" names: forward after "until", "as soon as" or
    in a future clause (a deferral, "postponed the vote until Tuesday", is one), else back.
    The article's own weekday is the article's day, unless the clause is future ("the
    committee will meet on Monday" in a Monday paper: a week on) and the day is not said to
    be under way ("later Monday")."""
    tense = ctx.tense()
    forward = tense != "past" and _FORWARD_SIGNAL.search(ctx.before)
    direction = 1 if forward else weekday_direction(tense)
    if weekday == ctx.dct.isoweekday() and (tense != "future" or under_way):
        direction = 0
    return tv.weekday_near(ctx.dct, weekday, direction)


_WEEKDAY_STEP = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
}


def resolve_weekday(match: re.Match, ctx: Context) -> Timex:
    if ctx.dct is None:
        return Timex(None)
    relation = (match["rel"] or "").lower()
    direction = _WEEKDAY_STEP.get(relation)
    anchor_day = tv.at_granularity(ctx.anchor, "day") if ctx.anchor else None
    if match["the"] and anchor_day:  # "down from the previous Friday": before the day just named
        day = tv.weekday_near(date.fromisoformat(anchor_day), weekday_of(match["wd"]), direction)
        return Timex(day.isoformat() + _part_suffix(match["part"]), anaphoric=True)
    weekday = weekday_of(match["wd"])
    if direction is not None:
        day = tv.weekday_near(ctx.dct, weekday, direction)
    else:
        day = directed_weekday(weekday, ctx, under_way=bool(_SAME_DAY_PREFIX.match(match[0])))
    return Timex(day.isoformat() + _part_suffix(match["part"]))  # TimeML: "Friday night" is TNI


#: "earlier Monday", "late Friday": a part of a day already under way or past.
_SAME_DAY_PREFIX = re.compile(r"(?:early|late|earlier|later)\s")


_RELATION_STEP = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "same": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}


def resolve_relative_unit(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "last week" 2016-W48, "this year" 2016, "the past year" (a date in TimeBank)."""
    unit = match["unit"].lower()
    relation = match["rel"].lower()
    if match["the"] and relation in ("previous", "same") and unit in _UNIT_SHIFT:
        return None  # "the previous year", "the same month": after the date just named
    if relation == "past" and unit in ("decade", "century"):
        # "over the past decade": the ten years up to now, as "the past ten years" is
        return Timex(duration_value(1, unit), "duration")
    step = _RELATION_STEP[relation]
    if ctx.dct is None:
        return Timex(None)
    if unit in lexicon()["seasons"]:
        return Timex(_season(ctx.dct, lexicon()["seasons"][unit], step))
    return Timex(_calendar_unit(ctx.dct, unit, step))


def _season(dct: date, season: str, step: int) -> str:
    """ "this winter" is the one under way, else this year's; "next spring" the first to begin
    after the article date and "last summer" the last to end before it ("next spring" in
    December is the coming year's, "last spring" the same year's)."""
    if step == 0:
        current = tv.season_value(dct)
        return current if current.endswith(season) else f"{dct.year:04d}-{season}"
    day = dct.isoformat()
    seasons = [f"{year:04d}-{season}" for year in range(dct.year - 2, dct.year + 2)]
    if step > 0:
        return next(value for value in seasons if tv.bounds(value)[0] > day)
    return next(value for value in reversed(seasons) if tv.bounds(value)[1] < day)


def _calendar_unit(dct: date, unit: str, step: int) -> str | None:
    if unit == "week":
        return tv.week_value(tv.shift_days(dct, 7 * step))
    if unit == "weekend":
        return tv.week_value(tv.shift_days(dct, 7 * step)) + "-WE"
    if unit == "month":
        return tv.month_value(*tv.shift_month(dct.year, dct.month, step))
    if unit == "quarter":
        return tv.quarter_value(dct.year, tv.quarter_of(dct) + step)
    if unit == "year":
        return f"{dct.year + step:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + step:03d}"
    if unit == "century":
        return f"{dct.year // 100 + step:02d}"
    return None


def resolve_quarter(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the third quarter", "third-quarter", "the first half of 1990", "last year's
    fourth quarter", "the last half of 1989", "the first two quarters of 1990" (a half),
    "the year-earlier fourth quarter"."""
    is_half = bool(match["pair"]) or match["unit"].lower() == "half"
    named_year = match["year"] or match["year_rel"]
    if match["ord"] in ("final", "last"):  # "the final quarter" of a game, unless a year is named
        if not named_year:
            return None
        number = 2 if is_half else 4
    else:
        number = lexicon()["ordinals"][match["ord"].lower()]
    if is_half and number > 2:
        return None
    year_text = match["year"] or match["yr"]
    if year_text:
        year = int(year_text)
    elif ctx.dct is None:
        return Timex(None)
    elif match["rel"] or match["year_rel"]:
        year = ctx.dct.year + _RELATION_STEP[match["rel"] or match["year_rel"]]
    else:
        year = _year_of_period(ctx, (number - 1) * (6 if is_half else 3) + 1)
    if match["year_ago"]:  # "the year-ago third quarter": that quarter of the year before
        year -= 1
    return Timex(f"{year:04d}-{'H' if is_half else 'Q'}{number}")


def _year_of_period(ctx: Context, first_month: int) -> int:
    """A quarter or half named without its year: the article's year, unless it has not begun
    and the clause is past ("rose in the fourth quarter" in a January article is last year's).
    A future clause does not move it on: "third-quarter results will show" is this year's."""
    if first_month > ctx.dct.month and ctx.tense() == "past":
        return ctx.dct.year - 1
    return ctx.dct.year


def resolve_reporting_quarter(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the quarter", "the latest quarter": in company news, the quarter just reported on."""
    if ctx.dct is None:
        return Timex(None)
    relation = (match["rel"] or match["period_rel"] or "").lower()
    if relation in ("current", "this"):
        return Timex(tv.quarter_value(ctx.dct.year, tv.quarter_of(ctx.dct)))
    reported = tv.quarter_value(ctx.dct.year, tv.quarter_of(ctx.dct) - 1)
    # "the year-ago quarter", and "the quarter a year ago": one expression, the quarter
    # discussed (else the one just reported) a year before
    if relation in ("year-earlier", "year-ago", "comparable") or match["year_ago"]:
        base = ctx.anchor if _is_reporting_period(ctx.anchor) else reported
        return Timex(tv.shift_value(base, years=-1), anaphoric=True)
    return Timex(reported)


def resolve_year_earlier(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "year-earlier", "the year-ago period", "last year's quarter": the period just
    discussed, a year before. "The year-earlier nine months" is a stretch of months, a
    duration as "the first nine months" is."""
    count = match.groupdict().get("n")
    months = number_of(count) if count else None
    if months is not None:
        return Timex(duration_value(months, "month"), "duration")
    base = ctx.anchor if _is_reporting_period(ctx.anchor) else None
    if base is None and ctx.dct is not None:
        base = tv.quarter_value(ctx.dct.year, tv.quarter_of(ctx.dct) - 1)
    return Timex(tv.shift_value(base, years=-1) if base else None, anaphoric=True)


def resolve_fiscal_year(match: re.Match, ctx: Context) -> Timex:
    """Reads "the current fiscal year" as a year, "the fiscal year ended June 30" as one
    year's span (TimeBank writes fiscal years as plain years, not FY1989)."""
    if match["ending"] is not None and not match["rel"]:
        return Timex(duration_value(1, "year"), "duration")
    if ctx.dct is None:
        return Timex(None)
    relation = (match["rel"] or "this").lower()
    step = (
        -1 if relation == "latest" else _RELATION_STEP.get(relation, 0)
    )  # latest: the last closed
    return Timex(f"{ctx.dct.year + step:04d}")


def resolve_season(match: re.Match, ctx: Context) -> Timex:
    """Reads "the summer of 1990", "the winter of nineteen ninety-four"."""
    season = lexicon()["seasons"][match["season"].lower()]
    year = int(match["year"]) if match["year"] else spelled_year_of(match["spelled"])
    return Timex(f"{year:04d}-{season}")


def resolve_clock(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "10:35 a.m.", "6 p.m. EST", "noon": a time of the article's day or of the named day."""
    hour, minute = _clock_of(match, ctx)
    if hour is None:
        return None
    day = _anchor_day(match["anchor"], ctx)
    if day is None:
        return Timex(None)
    clock = "T24" if (match["word"] or "").lower() == "midnight" else f"T{hour:02d}:{minute:02d}"
    return Timex(day.isoformat() + clock + _ZONE_SUFFIX.get(match["zone"] or "", ""))


#: ISO 8601 writes universal time as Z; other zones are left out, as TimeML corpora do.
_ZONE_SUFFIX = {"utc": "Z", "gmt": "Z"}


def _twenty_four_hour_clock(match: re.Match, ctx: Context) -> tuple[int | None, int]:
    """Reads "16:08 UTC", "0800 GMT", "1900 hours", "at 14:30": a four-digit number needs
    its zone or "hours" and "14:30" a zone or a preposition, so that years, scores and ratios
    stay what they are."""
    stated = (
        match["zone"] or match["military"] or (match["colon"] and _CLOCK_SIGNAL.search(ctx.before))
    )
    if not stated or (not match["colon"] and len(match["hour24"]) != 2):
        return None, 0
    return int(match["hour24"]), int(match["minute24"])


#: Words before a 24-hour clock time without a zone ("at 14:30") that make it a time of day.
_CLOCK_SIGNAL = re.compile(r"\b(?:at|by|until|till|from|after|before|around|of)\s+$")


#: "4 in the morning" is 4 a.m., "6 in the evening" 6 p.m.
_MERIDIEM_OF_PART = {"morning": "am", "afternoon": "pm", "evening": "pm"}


def _clock_of(match: re.Match, ctx: Context) -> tuple[int | None, int]:
    word = (match["word"] or "").lower()
    if word:
        return (0, 0) if word == "midnight" else (12, 0)
    if match["hour24"]:
        return _twenty_four_hour_clock(match, ctx)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    meridiem = _MERIDIEM_OF_PART.get((match["ampm"] or "").split()[-1], match["ampm"] or "")
    if hour > 12 and meridiem[:1] in ("a", "p"):
        return None, 0
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return hour, minute


#: Minutes a spoken clock time counts past or to the hour.
_CLOCK_FRACTIONS = {"quarter": 15, "half": 30}


def resolve_clock_words(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "a quarter past ten", "half past six", "twenty to three", "ten minutes to nine":
    a time of the last day mentioned, else of the article's. A bare number "to" an hour
    needs "minutes" ("ten to twelve" is as often a range of numbers)."""
    if match["fraction"]:
        minutes = _CLOCK_FRACTIONS[match["fraction"].split()[-1]]
    elif match["dir"] == "past" or match["unit"]:
        minutes = number_of(match["minutes"])
    else:
        return None
    hour = number_of(match["hour"])
    if minutes is None or hour is None or not 1 <= hour <= 12 or not 0 < minutes < 60:
        return None
    hour, minutes = int(hour), int(minutes)
    if match["dir"] == "to":
        hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
    written = match["ampm"] or ""
    meridiem = _MERIDIEM_OF_PART.get(written.split()[-1] if written else "", written)
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    day = _anchor_day(None, ctx)
    return Timex(f"{day.isoformat()}T{hour:02d}:{minutes:02d}" if day else None)


def _anchor_day(anchor: str | None, ctx: Context) -> date | None:
    if ctx.dct is None:
        return None
    if not anchor:
        if ctx.anchor and re.match(r"^\d{4}-\d\d-\d\d", ctx.anchor):
            return date.fromisoformat(ctx.anchor[:10])
        return ctx.dct
    word = anchor.lower()
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if word in offsets:
        return tv.shift_days(ctx.dct, offsets[word])
    return directed_weekday(weekday_of(word), ctx)


def resolve_weekend(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the weekend": the coming one in future clauses, else the last one."""
    if ctx.dct is None:
        return Timex(None)
    saturday = tv.weekday_near(ctx.dct, 6, weekday_direction(ctx.tense()))
    if ctx.dct.isoweekday() >= 6:
        saturday = tv.weekday_near(ctx.dct, 6, 0)
    return Timex(tv.week_value(saturday) + "-WE")


def resolve_year_period(match: re.Match, ctx: Context) -> Timex:
    """Reads "the 1988 period" after a quarter: that quarter of 1988; "the 1988 quarter" is
    that year's quarter of the one being reported on (see `resolve_reporting_quarter`)."""
    if _is_reporting_period(ctx.anchor):
        return Timex(match["year"] + ctx.anchor[4:], anaphoric=True)
    if match["unit"] == "quarter" and ctx.dct is not None:
        reported = tv.quarter_value(ctx.dct.year, tv.quarter_of(ctx.dct) - 1)
        return Timex(match["year"] + reported[4:], anaphoric=True)
    return Timex(match["year"])


def resolve_the_year(match: re.Match, ctx: Context) -> Timex:
    """Reads "the year ended June 30" as a year-long span, "for the (full) year" as the
    article's year, or, right after a quarter or half was named, as that period's year ("a
    loss in the fourth quarter of 2005 and for the entire year" in a January 2006 report)."""
    if match["ending"] is not None:
        return Timex(duration_value(1, "year"), "duration")
    if _is_reporting_period(ctx.anchor):
        return Timex(ctx.anchor[:4], anaphoric=True)
    return Timex(f"{ctx.dct.year:04d}" if ctx.dct else None)


def resolve_spelled_year(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "nineteen ninety-six", "two thousand one" (transcribed broadcasts)."""
    return Timex(f"{spelled_year_of(match[0]):04d}")


def spelled_year_of(text: str) -> int:
    """The year "nineteen ninety-six" or "two thousand and one" stands for."""
    words = re.sub(r"[\s-]+", " ", text.lower()).split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (spelled_number([w for w in words[2:] if w != "and"]) or 0)
    return spelled_number(words[:1]) * 100 + (spelled_number(words[1:]) or 0)


def resolve_century(match: re.Match, ctx: Context) -> Timex:
    return Timex(f"{int(match['nth']) - 1:02d}")


def resolve_year_end(match: re.Match, ctx: Context) -> Timex:
    """Reads "year-end", "the end of the year", "the beginning of 1990" as the article's year
    or the year named (TimeML puts the part in a mod="END" or "START")."""
    if match["year"]:
        return Timex(match["year"])
    return Timex(f"{ctx.dct.year:04d}" if ctx.dct else None)


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|every|each|one|that)\s+$")
#: A capitalised word right after a season makes it part of a name ("Winter Olympics").
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def resolve_bare_season(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the summer", "in spring": this year's, or last year's if it is yet to come in a
    past clause."""
    bare = not match[0].startswith("the")
    if _NAME_AFTER.match(ctx.source, match.end()) or (
        bare and (match["season"] == "fall" or _DETERMINER_BEFORE.search(ctx.before))
    ):
        return None  # "the Winter Olympics", "prices fall", "a spring offensive"
    if ctx.dct is None:
        return Timex(None)
    season = lexicon()["seasons"][match["season"].lower()]
    first_month = tv.SEASON_MONTHS[season][0]
    year = ctx.dct.year
    if first_month > ctx.dct.month and ctx.tense() == "past":
        year -= 1
    return Timex(f"{year:04d}-{season}")


def resolve_holiday(match: re.Match, ctx: Context) -> Timex | None:
    """Named days ("Christmas", "Easter Monday", "Thanksgiving"), written as names: the
    occurrence the tense points to (see `yearly_occurrence`). "Christmas week" is the ISO
    week holding the day, "Memorial Day weekend" the weekend next to it (see
    `holiday_weekend`)."""
    written = original(match, "name", ctx)
    name_end = match.end("stretch") if match["stretch"] else match.end("name")
    if not written[:1].isupper() or _NAME_AFTER.match(ctx.source, name_end):
        return None  # "his ascension to power", "Easter Island", "the Christmas Carol"
    name = re.sub(r"\s+", " ", match["name"].lower())
    rule = lexicon()["holidays"][name]
    stretch = (match["stretch"] or "").lower()

    def start_in(year: int) -> date:
        """The first day of what is named: the week's Monday, the weekend's Saturday, the day
        itself; a past clause "as Easter week began" looks back from that day, not Easter's."""
        day = _holiday_in(rule, year)
        if stretch == "week":
            return tv.shift_days(day, 1 - day.isoweekday())
        return holiday_weekend(day) if stretch == "weekend" else day

    if match["year"]:
        start = start_in(int(match["year"]))
    elif ctx.dct is None:
        return Timex(None)
    else:
        step = {"last": -1, "next": 1}.get((match["rel"] or "").lower(), 0)
        start = yearly_occurrence(start_in, ctx, step)
    if stretch == "week":
        return Timex(tv.week_value(start))
    if stretch == "weekend":
        return Timex(tv.week_value(start) + "-WE")
    return Timex(start.isoformat())


def holiday_weekend(day: date) -> date:
    """The Saturday of the weekend a holiday is named with: its own when it falls on one, the
    one before a Monday to Wednesday holiday ("Memorial Day weekend", "Easter Monday"), the
    one after a Thursday or Friday holiday ("Thanksgiving weekend", "Good Friday")."""
    weekday = day.isoweekday()
    if weekday >= 6:
        return tv.shift_days(day, 6 - weekday)
    if weekday <= 3:
        return tv.shift_days(day, -(weekday + 1))
    return tv.shift_days(day, 6 - weekday)


def yearly_occurrence(day_in: Callable[[int], date], ctx: Context, step: int = 0) -> date:
    """Which yearly occurrence of a day is meant: "last"/"next" the one before/after the
    article date; else the tense decides, a future or present clause ("will reopen after
    Christmas", "shops close on Easter Monday") the next one from the article's day on, a
    past one the last one up to it; with no tense, the nearest. A ValueError when none of
    the three years around the article's has one."""
    days = []
    for offset in (-1, 0, 1):
        try:
            days.append(day_in(ctx.dct.year + offset))
        except ValueError:  # "the fifth Sunday of May" of a year that has four
            continue
    if step < 0:
        return max(d for d in days if d < ctx.dct)
    if step > 0:
        return min(d for d in days if d > ctx.dct)
    tense = ctx.tense()
    if tense in ("future", "present"):
        return min(d for d in days if d >= ctx.dct)
    if tense == "past":
        return max(d for d in days if d <= ctx.dct)
    return min(days, key=lambda d: abs((d - ctx.dct).days))


def resolve_nth_weekday(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the second Sunday of May", "the last Friday of March 2024"."""
    return _nth_weekday_of_month(match, ctx, weekday_of(match["wd"]))


#: ISO 8601 counts a week in the month (or year) that holds most of its days, that is its
#: Thursday.
ISO_WEEK_DAY = 4


def resolve_nth_week(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the first week of June", "the last week of March 2009": the ISO week with most
    of its days in the month, the n-th (or last) one whose Thursday falls in the month."""
    thursday = _nth_weekday_of_month(match, ctx, ISO_WEEK_DAY)
    if thursday is None or thursday.value is None:
        return thursday
    return Timex(tv.week_value(date.fromisoformat(thursday.value)))


def _nth_weekday_of_month(match: re.Match, ctx: Context, weekday: int) -> Timex | None:
    """The n-th `weekday` of the month matched (its year named, else the one the tense points
    to); None when the month word is no month, Timex(None) without an article date."""
    if not is_month_word(original(match, "month", ctx)):
        return None
    month = month_of(match["month"])
    nth = lexicon()["weekday_ordinals"][match["nth"].lower()]

    def day_in(year: int) -> date:
        day = tv.nth_weekday(year, month, weekday, nth)
        if day.month != month:  # a fifth Monday the month does not have
            raise ValueError(f"no such weekday in {year}-{month:02d}")
        return day

    if match["year"]:
        return Timex(day_in(int(match["year"])).isoformat())
    if ctx.dct is None:
        return Timex(None)
    return Timex(yearly_occurrence(day_in, ctx).isoformat())


def _holiday_in(rule: str, year: int) -> date:
    """A holiday rule: "MM:DD" fixed, "MM:W:N" the N-th weekday W of month MM (N=-1 last),
    "MM:DD+W" the first weekday W on or after MM-DD, "E+N" N days from Easter Sunday."""
    if rule.startswith("E"):
        return tv.shift_days(tv.easter_sunday(year), int(rule[1:]))
    if "+" in rule:
        start, weekday = rule.split("+")
        month, day = (int(p) for p in start.split(":"))
        first = date(year, month, day)
        return tv.shift_days(first, (int(weekday) - first.isoweekday()) % 7)
    parts = [int(p) for p in rule.split(":")]
    if len(parts) == 2:
        return date(year, parts[0], parts[1])
    month, weekday, nth = parts
    return tv.nth_weekday(year, month, weekday, nth)


_ANAPHORIC_STEP = {
    "that": 0,
    "same": 0,
    "following": 1,
    "next": 1,
    "previous": -1,
    "preceding": -1,
    "before": -1,
}
_UNIT_SHIFT = {
    "year": ("years", 1),
    "quarter": ("months", 3),
    "month": ("months", 1),
    "day": ("days", 1),
}


def resolve_anaphoric_unit(match: re.Match, ctx: Context) -> Timex:
    """Reads "that year", "the following month", "earlier that day": the last date mentioned
    (the article date when none was)."""
    unit = match["unit"]
    field, factor = _UNIT_SHIFT[unit]
    step = _ANAPHORIC_STEP[match["rel"] or match.groupdict().get("rel2")] * factor
    base = tv.at_granularity(ctx.anchor, unit) if ctx.anchor else None
    if base is None and step and ctx.dct is not None:
        base = tv.at_granularity(ctx.dct.isoformat(), unit)  # "the previous year": before this one
    if base is None:
        return Timex(None)
    return Timex(tv.shift_value(base, **{field: step}) if step else base, anaphoric=True)


#: What makes "the day" the day being reported on: "late in the day", "ended the day",
#: "for the day", "the start of the day" (not "the day before ...", which needs its event).
_DAY_IN_PROGRESS = re.compile(
    r"(?:\b(?:early|earlier|late|later)\s+in|\b(?:start|end|beginning|rest|remainder|close"
    r"|middle)\s+of|\bfor|\b(?:end|finish|close|open|start|begin)(?:s|ed|ing)?)\s+$"
)


#: "At the end of the day, we are dealing with...": the idiom, not a day.
_IDIOM_END_OF_DAY = re.compile(r"\bat\s+the\s+end\s+of\s+$")


def resolve_the_day(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the day" of "ended the day up 3%": the last day mentioned, else the article's."""
    if not _DAY_IN_PROGRESS.search(ctx.before) or _IDIOM_END_OF_DAY.search(ctx.before):
        return None
    day = tv.at_granularity(ctx.anchor, "day") if ctx.anchor else None
    if day is None and ctx.dct is not None:
        day = ctx.dct.isoformat()
    return Timex(day, anaphoric=True)


#: "It is the third day of the strike", "today is the eighth day": the present day.
_PRESENT_DAY_SUBJECT = re.compile(r"\b(?:it|this|today)\s*(?:\s+is|'s|\u2019s)\s+(?:now\s+)?$")
#: "Tuesday was the second day of talks": the day just named.
_NAMED_DAY_SUBJECT = re.compile(
    r"\b(?:yesterday|tomorrow|[a-z]+day|\d{1,2})\s+(?:is|was|will\s+be)\s+$"
)


def resolve_nth_day_of(match: re.Match, ctx: Context) -> Timex | None:
    """Reads the n-th day of an event ("the second day of the offensive") as the calendar day
    a copula identifies it with: the article's day after "it is"/"today is", the day just
    named after "Tuesday was". Counted from an unknown start, it has no value otherwise,
    and is left out."""
    if _PRESENT_DAY_SUBJECT.search(ctx.before):
        return Timex(ctx.dct.isoformat() if ctx.dct else None, anaphoric=True)
    if _NAMED_DAY_SUBJECT.search(ctx.before):
        day = tv.at_granularity(ctx.anchor, "day") if ctx.anchor else None
        return Timex(day, anaphoric=True)
    return None


#: "the same period last year" is the period just named, a year before, at its granularity.
_SAME_PERIOD_UNIT = {"period": None, "month": "month", "quarter": "quarter"}


def resolve_same_period(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "the same period last year", "the corresponding quarter a year earlier": the
    last period mentioned, a year before (nothing when none finer than a year was)."""
    unit = _SAME_PERIOD_UNIT[match["unit"]]
    base = ctx.anchor
    if base and not unit and tv.date_precision(base) == "day":
        unit = "quarter"  # "the quarter ended Sept. 30 ... the same period last year"
    if base and unit:
        base = tv.at_granularity(base, unit)
    if not base or tv.date_precision(base) in ("year", "unknown"):
        return Timex(None)
    return Timex(tv.shift_value(base, years=-1), anaphoric=True)


#: What makes "the morning" a part of a day being reported on: "in the morning", "by mid
#: afternoon", "in morning trading".
_PART_OF_DAY_SIGNAL = re.compile(r"\b(?:in|during|by|until|till|at|from|since|through)\s+$")


def resolve_part_of_day(match: re.Match, ctx: Context) -> Timex | None:
    """Reads "in the morning", "by mid afternoon", "mid-afternoon yesterday": that part of the
    day named, else of the last day mentioned, else of the article's day."""
    if not (match["mod"] or match["anchor"] or _PART_OF_DAY_SIGNAL.search(ctx.before)):
        return None
    day = _anchor_day(match["anchor"], ctx)
    return Timex(day.isoformat() + _part_suffix(match["part"]) if day else None, anaphoric=True)


# ---------------------------------------------------------------- the grammar


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver


#: (name, regex template, resolver); on overlap the longest match wins, then the earlier rule.
GRAMMAR: tuple[tuple[str, str, Resolver], ...] = (
    (
        "every",
        r"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?"
        r"(?P<what>(?P<wd>{WEEKDAY})|(?P<month>{MONTH})|{SEASON}|{PART}|{UNIT})s?\b",
        resolve_every,
    ),
    ("frequency", None, resolve_frequency),
    (
        "rate",
        r"\b(?:a|per)\s+(?P<unit>day|week|month|year)\b(?![\s-]+(?:ago|earlier|later|old))",
        resolve_rate,
    ),
    (
        "weekday_set",
        r"\b(?P<wd>{WEEKDAY})s\b(?:\s+(?P<part>morning|afternoon|evening|night)s?\b)?",
        resolve_weekday_set,
    ),
    (
        "offset",
        r"\b(?:{APPROX}\s+)?(?:(?P<n>{NUM})\s+)?(?:(?:or\s+so|more)\s+)?(?P<unit>{UNIT})s?"
        r"\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence)\b(?!\s+than\b)",
        resolve_offset,
    ),
    (
        "duration",
        r"\b(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|latest|final"
        r"|following|remaining|recent|initial|same|second|other)\s+)?"
        r"(?:(?:another|an\s+additional|a\s+further)\s+(?=(?:{UNIT})\b)|(?:{APPROX}\s+)?"
        r"(?P<n>{NUM})(?:\s+(?:more|full|straight|consecutive|long|trading|business|working))?"
        r"[\s-]+)(?P<unit>{UNIT})s?(?:-long)?(?P<half>\s+and\s+a\s+half)?"
        r"\b(?![\s-]+old\b|-|(?<=quarter)\s*,?\s+of\b)",
        resolve_duration,
    ),
    # "a single-day decline", "a day-long meeting": a one-unit stretch written as an adjective
    (
        "unit_adjective",
        r"\b(?:single-(?P<unit>day|night|week|month|year|hour)\b(?:-long\b)?"
        r"|(?P<long>day|night|week|month|year|hour)-long\b)",
        resolve_unit_adjective,
    ),
    (
        "range_start",
        r"\b(?P<n>{NUM})(?=\s*(?:-|(?P<link>to|or|and)\s)\s*(?:{NUM})[\s-]+(?:more\s+)?"
        r"(?P<unit>{UNIT})s?\b(?![\s-]+(?:old|ago|earlier|later)\b))",
        resolve_range_start,
    ),
    (
        "vague_duration",
        r"\b(?:(?P<the>the|these|those)\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|early"
        r"|later|ensuing|intervening)\s+)?(?:(?P<q>a\s+few|few|several|some|many|a\s+number\s+of)\s+)?"
        r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centurie)s\b"
        r"(?!\s+old\b|-old)",
        resolve_vague_duration,
    ),
    (
        "full_date",
        r"\b(?:{WEEKDAY},?[ \t]+)?(?P<month>{MONTH})(?:\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
        r"(?![:.]\d)|\s+(?:the\s+)?(?P<dayword>{DAY_WORD})\b(?![\s-]+(?:quarter|half)\b|-))"
        r"(?:\s*,?\s+(?P<year>{YEAR})\b|\s+'(?P<yy>\d\d)\b(?!')"
        r"|,?\s+(?:of\s+)?(?P<year_rel>last|this|next)\s+year\b)?",
        resolve_full_date,
    ),
    (
        "full_date_dmy",
        r"\b(?:{WEEKDAY},?[ \t]+)?(?:(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        r"|the\s+(?P<dayword>{DAY_WORD})\s+of\s+)"
        r"(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR})\b|\s+'(?P<yy>\d\d)\b(?!')"
        r"|,?\s+(?:of\s+)?(?P<year_rel>last|this|next)\s+year\b)?",
        resolve_full_date,
    ),
    (
        "nth_weekday",
        r"\bthe\s+(?P<nth>{NTH})\s+(?P<wd>{WEEKDAY})\s+(?:of|in)\s+(?P<month>{MONTH})"
        r"(?:,?\s+(?P<year>{YEAR})\b)?",
        resolve_nth_weekday,
    ),
    # "April 24 and 25": the second day of the pair, its month written with the first
    (
        "paired_day",
        r"(?:(?<=\d and )|(?<=\d or ))(?P<day>3[01]|[12]\d|0?[1-9])\b(?![.,:/]\d|\s*%|-)"
        r"(?!\s+(?!(?:at|in|on|of|for|to|with|when|as|and|or|but|the|was|were|will|is|are)\b)"
        r"[a-z])"
        r"(?:,?\s+(?P<year>{YEAR})\b)?",
        resolve_paired_day,
    ),
    (
        "nth_week",
        r"\bthe\s+(?P<nth>{NTH})\s+week\s+(?:of|in)\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR})\b)?",
        resolve_nth_week,
    ),
    (
        "iso_date",
        r"\b(?P<year>{YEAR})(?P<sep>[-/])(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)\b",
        resolve_numeric_date,
    ),
    # dd.mm.yyyy and dd-mm-yyyy: dotted and dashed dates with the year last are day-first
    # wherever they are written (a month-first date is written with slashes: slash_date)
    (
        "dotted_date",
        r"\b(?P<day>3[01]|[12]\d|0?[1-9])(?P<sep>[.-])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
        r"(?P<year>(?:19|20)\d\d)\b",
        resolve_numeric_date,
    ),
    ("year_month", r"\b(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])\b(?!-\d)", resolve_year_month),
    (
        "slash_date",
        r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)\b",
        resolve_numeric_date,
    ),
    (
        "month_year",
        r"\b(?:{MOD}[\s-]+)?(?P<month>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b"
        r"|\s+'(?P<yy>\d\d)\b(?!')|\s+(?:of\s+)?(?P<spelled>{SPELLED_YEAR})\b)",
        resolve_month_year,
    ),
    (
        "month",
        r"\b(?:{MOD}[\s-]+)?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<month>{MONTH})"
        r"(?:,?\s+(?:of\s+)?(?P<year_rel>last|this|next)\s+year\b)?",
        resolve_month,
    ),
    (
        "year",
        r"(?<![$\d.,])\b(?:(?:{MOD}|fiscal(?:\s+year)?|calendar|the\s+year)[\s-]+)?"
        r"(?P<year>{YEAR})\b(?![\d%]|,\d|\.\d|-\d)",
        resolve_year,
    ),
    (
        "decade",
        r"(?:\bthe\s+)?(?:\b(?:early|late|mid)[\s-]+)?(?:\b(?P<century>1[5-9]|20)(?P<decade>\d)0"
        r"|(?<![\w$.,-])'?(?P<short>\d)0)'?s\b"
        r"|\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<spelled>{DECADE})\b",
        resolve_decade,
    ),
    ("clipped_year", r"(?<![\w'])'(?P<yy>\d\d)\b(?!')", resolve_clipped_year),
    (
        "day_word",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)\b"
        r"(?:\s+(?P<part>morning|afternoon|evening|night)\b)?",
        resolve_day_word,
    ),
    (
        "day_part",
        r"\b(?:(?:early|late|later|earlier)\s+)?(?P<word>this|last)\s+(?P<part>morning|afternoon"
        r"|evening|night)\b",
        resolve_day_word,
    ),
    (
        "weekday",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?:(?P<the>the)\s+(?=(?:previous|preceding"
        r"|following|next)\b))?(?:(?P<rel>last|next|this|coming|past|previous|preceding"
        r"|following)\s+)?(?P<wd>{WEEKDAY})\b(?!s)(?:\s+(?P<part>morning|afternoon|evening|night)\b)?",
        resolve_weekday,
    ),
    (
        "relative_unit",
        r"\b(?:{MOD}[\s-]+|(?:earlier|later)\s+)?(?:(?P<the>the)\s+)?(?:this\s+)?"
        r"(?P<rel>last|this|next|past|coming|current|previous|same)\s+"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century|{SEASON})\b",
        resolve_relative_unit,
    ),
    (
        "season",
        r"\b(?:{MOD}[\s-]+)?(?:(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?"
        r"(?:(?P<year>{YEAR})|(?P<spelled>{SPELLED_YEAR}))\b)",
        resolve_season,
    ),
    ("weekend", r"\bthe\s+weekend\b", resolve_weekend),
    ("year_period", r"\bthe\s+(?P<year>{YEAR})\s+(?P<unit>period|quarter)\b", resolve_year_period),
    (
        "the_year",
        r"\bthe\s+(?:(?:full|entire|whole)\s+)?year\b"
        r"(?![\s-]+(?:earlier|ago|before|after|end|two|of|previous)\b)"
        r"(?:(?=\s+(?:(?:ended|ending)\b|(?:to|through)\s+{MONTH}))(?P<ending>))?",
        resolve_the_year,
    ),
    ("the_day", r"\bthe\s+day\b", resolve_the_day),
    ("nth_day_of", r"\bthe\s+(?:{DAY_WORD}|[1-9]\d?(?:st|nd|rd|th))\s+day\b", resolve_nth_day_of),
    (
        "part_of_day",
        r"\b(?:(?P<mod>early|late|mid)[\s-]?)?(?:the\s+)?(?P<part>morning|afternoon|evening)\b"
        r"(?:\s+(?P<anchor>today|yesterday|tomorrow|{WEEKDAY})\b)?"
        r"(?!\s+(?:of|paper|papers|news|show|edition|prayers?|star|session|sessions)\b)",
        resolve_part_of_day,
    ),
    (
        "same_period",
        r"\bthe\s+(?:same|corresponding|comparable)\s+(?P<unit>period|month|quarter)\s+(?:of\s+)?"
        r"(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))\b",
        resolve_same_period,
    ),
    # "than the year before.": the clause ends there, so it is the year before the last one named
    (
        "unit_before",
        r"\bthe\s+(?P<unit>month|year)\s+(?P<rel>before|previous)\b(?=\s*(?:[.,;:)]|$))",
        resolve_anaphoric_unit,
    ),
    (
        "anaphoric_unit",
        r"\b(?:(?:earlier|later)\s+)?(?:(?P<rel>that)|the\s+(?P<rel2>same|following|next|previous"
        r"|preceding))\s+(?P<unit>day|month|quarter|year)\b",
        resolve_anaphoric_unit,
    ),
    ("spelled_year", r"\b{SPELLED_YEAR}\b", resolve_spelled_year),
    (
        "century",
        r"\b(?:the\s+)?(?P<nth>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century\b",
        resolve_century,
    ),
    (
        "year_end",
        r"\b(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?(?:year|(?P<year>{YEAR}))"
        r"|year[\s-]end"
        r"|(?:the\s+)?year's\s+end)\b(?!-)",
        resolve_year_end,
    ),
    (
        "bare_season",
        r"\b(?:the\s+(?:(?:early|late)\s+)?)?(?P<season>{SEASON})\b(?!\s+of\b)",
        resolve_bare_season,
    ),
    (
        "holiday",
        r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>{HOLIDAY})\b(?:\s+(?P<stretch>week|weekend)\b)?"
        r"(?:,?\s+(?P<year>{YEAR})\b)?",
        resolve_holiday,
    ),
    (
        "quarter",
        r"\b(?:the\s+)?(?:(?P<yr>{YEAR})(?:'s)?\s+|(?P<rel>this|last|next)(?:\s+year's)?\s+"
        r"|(?P<year_ago>year-(?:ago|earlier|before)|prior-year|previous-year)\s+)?"
        r"(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        r"[\s-]+(?:fiscal\s+)?(?:(?P<unit>quarter|half)\b(?!s)|(?P<pair>two\s+quarters)\b)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year>{YEAR})|(?P<year_rel>this|last|next)\s+year)\b)?",
        resolve_quarter,
    ),
    (
        "reporting_quarter",
        r"\bthe\s+(?:(?:(?P<rel>latest|last|past|recent|current|this|previous|prior|same"
        r"|year-earlier|year-ago|comparable)\s+)?(?:fiscal\s+)?quarter\b(?!s)"
        r"|(?P<period_rel>latest|year-earlier|year-ago|comparable)\s+period\b)"
        r"(?P<year_ago>\s+a\s+year\s+(?:ago|earlier|before)\b)?",
        resolve_reporting_quarter,
    ),
    (
        "last_years_period",
        r"\blast\s+year's\s+(?:(?:same|comparable|corresponding)\s+)?(?:fiscal\s+)?"
        r"(?:quarter|period)\b",
        resolve_year_earlier,
    ),
    (
        "year_earlier",
        r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:period|quarter|(?P<n>{NUM})\s+months))?\b",
        resolve_year_earlier,
    ),
    (
        "fiscal_year",
        r"\bthe\s+(?:(?P<rel>current|last|previous|next|past|latest|same)\s+)?"
        r"fiscal\s+year\b(?:(?=\s+(?:ended|ending)\b)(?P<ending>))?",
        resolve_fiscal_year,
    ),
    (
        "clock",
        r"\b(?:(?:about|around|approximately)\s+)?(?:(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>"
        r"[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?|o'clock|in\s+the\s+(?:morning|afternoon|evening))"
        r"|(?P<word>noon|midnight|midday)"
        r"|(?P<hour24>[01]?\d|2[0-3])(?P<colon>:?)(?P<minute24>[0-5]\d)\b"
        r"(?P<military>\s+(?:hours|hrs)\b)?)"
        r"(?:\s+(?P<zone>[ecmp][sd]t|gmt|utc|local\s+time)\b)?"
        r"(?:,?\s+(?:on\s+)?(?P<anchor>today|tonight|yesterday|tomorrow|{WEEKDAY})\b)?",
        resolve_clock,
    ),
    (
        "clock_words",
        r"\b(?:(?P<fraction>(?:a\s+)?quarter|half(?=\s+past))|(?P<minutes>{CLOCK_MINUTES})"
        r"(?P<unit>\s+minutes)?)\s+(?P<dir>past|to)\s+(?P<hour>{CLOCK_HOURS})\b"
        r"(?![.,]?\d|\s*(?:%|percent|per\s*cent|million|billion|thousand|hundred|points?|minutes"
        r"|hours|days|weeks|months|years)\b)"
        r"(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?|in\s+the\s+(?:morning|afternoon|evening)))?",
        resolve_clock_words,
    ),
    ("reference", None, resolve_reference),
    ("then_current", r"\bthen[\s-]+current\b", resolve_then_current),
    (
        "soon",
        r"\b(?:very\s+)?soon\b(?!\s+(?:as|after|afterwards|before|thereafter)\b|-)",
        resolve_soon,
    ),
    ("recent", r"\brecent\b(?![\s-]+(?:past|times)\b)", resolve_recent),
)

#: Rules whose pattern is an alternation of a lexicon table.
TABLE_RULES = {"reference": "references", "frequency": "frequencies"}


def _table_pattern(table: str) -> re.Pattern:
    return re.compile(_fast_start(rf"\b(?:{_alternation(lexicon()[table])})\b"))


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The grammar compiled once per process."""
    compiled = []
    for name, template, resolve in GRAMMAR:
        pattern = _compile(template) if template else _table_pattern(TABLE_RULES[name])
        compiled.append(Rule(name, pattern, resolve))
    return tuple(compiled)


#: An offset written before a date it moves ("the day before", "two weeks after"): see
#: `tacitus.nlp.times.composed_with_prefix`. It must end right where the date begins.
COMPOSITION = (
    r"\b(?:the\s+|(?P<n>{NUM})\s+)(?P<unit>day|week|month|year)s?\s+(?P<dir>before|after)\s+$"
)
COMPOSITION_SHIFT = {
    "day": ("days", 1),
    "week": ("days", 7),
    "month": ("months", 1),
    "year": ("years", 1),
}


@lru_cache(maxsize=1)
def composition_prefix() -> re.Pattern:
    return _compile(COMPOSITION)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def find_candidates(text: str, accept: Callable[[Candidate], bool]) -> list[Candidate]:
    """Non-overlapping accepted matches of all rules in text order.

    Longer matches win, then earlier rules; a match its resolver rejects ("may" the verb,
    "a year" not after a quantity) leaves its place to the next best.
    """
    found = [
        (m.end() - m.start(), -index, Candidate(m.start(), m.end(), rule, m))
        for index, rule in enumerate(rules())
        for m in rule.pattern.finditer(text)
    ]
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    taken: list[Candidate] = []
    for _, _, candidate in found:
        free = all(candidate.end <= t.start or candidate.start >= t.end for t in taken)
        if free and accept(candidate):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)
