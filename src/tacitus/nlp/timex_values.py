"""TimeML value arithmetic: calendar units as values, shifts, and the days a value covers."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
SEASON_OF_MONTH = {
    m: s for s, (first, last) in SEASON_MONTHS.items() for m in range(first, last + 1)
}
SEASON_OF_MONTH |= {1: "WI", 2: "WI"}


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    year, month = shift_month(year, month, 0)
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    year += (quarter - 1) // 4
    return f"{year:04d}-Q{(quarter - 1) % 4 + 1}"


def season_value(day: date) -> str:
    """The season containing `day`; January and February belong to the previous winter."""
    season = SEASON_OF_MONTH[day.month]
    year = day.year - 1 if day.month < 3 else day.year
    return f"{year:04d}-{season}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def shift_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def shift_months_of_day(day: date, months: int) -> date:
    year, month = shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def weekday_near(dct: date, weekday: int, direction: int) -> date:
    """The `weekday` (1=Monday) nearest `dct` looking back (-1), forward (+1) or the same week (0).

    An article's own weekday is the article's day itself unless the direction is explicit.
    """
    delta = weekday - dct.isoweekday()
    if direction < 0:
        delta = delta - 7 if delta >= 0 else delta
    elif direction > 0:
        delta = delta + 7 if delta <= 0 else delta
    return dct + timedelta(days=delta)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` `weekday` (1=Monday) of a month; nth=-1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday of `year` (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_skips, leap_rest = divmod(century, 4)
    moon_fix = (century + 8) // 25
    epact_fix = (century - moon_fix + 1) // 3
    epact = (19 * golden + century - leap_skips - epact_fix + 15) % 30
    year_quads, year_rest = divmod(rest, 4)
    weekday_fix = (32 + 2 * leap_rest + 2 * year_quads - epact - year_rest) % 7
    correction = (golden + 11 * epact + 22 * weekday_fix) // 451
    month, day = divmod(epact + weekday_fix - 7 * correction + 114, 31)
    return date(year, month, day + 1)


def shift_value(value: str, years: int = 0, months: int = 0, days: int = 0) -> str | None:
    """`value` moved by the given amount, keeping its granularity.

    None when `value` is not a calendar value or cannot move by that amount.
    """
    match = CALENDAR_VALUE.match(value)
    if not match:
        return None
    year = int(match["year"]) + years
    rest = match["rest"] or ""
    if match["month"] and match["day"]:
        day = date(year, int(match["month"]), int(match["day"]))
        day = shift_days(shift_months_of_day(day, months), days)
        return day.isoformat() + (match["time"] or "")
    if match["month"]:
        return month_value(*shift_month(year, int(match["month"]), months))
    if match["quarter"] and months % 3 == 0:
        return quarter_value(year, int(match["quarter"]) + months // 3)
    if not months and not days:
        return f"{year:04d}{rest}"
    return None


CALENDAR_VALUE = re.compile(
    r"^(?P<year>\d{4})(?P<rest>(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?P<time>T.*)?)?)"
    r"|-Q(?P<quarter>\d)|-H\d|-(?:SP|SU|FA|WI)|-W\d\d(?:-WE)?)?$"
)


def at_granularity(value: str, unit: str) -> str | None:
    """A calendar value cut to a coarser unit ("1998-10-23" as a month is "1998-10");
    None when `value` is coarser than `unit`."""
    match = CALENDAR_VALUE.match(value)
    if not match:
        return None
    year = match["year"]
    month = int(match["month"]) if match["month"] else None
    if unit == "year":
        return year
    if unit == "quarter":
        if match["quarter"]:
            return f"{year}-Q{match['quarter']}"
        return quarter_value(int(year), (month - 1) // 3 + 1) if month else None
    if unit == "month":
        return f"{year}-{month:02d}" if month else None
    if unit == "day":
        return value[:10] if match["day"] else None
    return None


_BOUNDS = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?|-W(?P<week>\d\d)(?P<weekend>-WE)?"
    r"|-Q(?P<quarter>\d)|-H(?P<half>\d)|-(?P<season>SP|SU|FA|WI))?(?:T.*)?$"
)
_DECADE = re.compile(r"^(?P<prefix>\d{2,3})$")


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last calendar day a date value covers; (None, None) for anything else."""
    if not value:
        return None, None
    match = _BOUNDS.match(value)
    if match:
        try:
            first, last = _calendar_bounds(match)
        except ValueError:  # year 0, week 53 of a 52-week year: a value but no calendar days
            return None, None
        return first.isoformat(), last.isoformat()
    match = _DECADE.match(value)
    if match:
        span = 10 ** (4 - len(match["prefix"]))
        start = int(match["prefix"]) * span
        # the first century or decade ("00", "000") starts in year 1: there is no year 0
        first = date(max(start, date.min.year), 1, 1)
        return first.isoformat(), date(start + span - 1, 12, 31).isoformat()
    return None, None


def _calendar_bounds(match: re.Match) -> tuple[date, date]:
    year = int(match["year"])
    if match["day"]:
        day = date(year, int(match["month"]), int(match["day"]))
        return day, day
    if match["month"]:
        month = int(match["month"])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if match["week"]:
        monday = date.fromisocalendar(year, int(match["week"]), 1)
        if match["weekend"]:
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if match["quarter"]:
        return _month_range(year, (int(match["quarter"]) - 1) * 3 + 1, 3)
    if match["half"]:
        return _month_range(year, (int(match["half"]) - 1) * 6 + 1, 6)
    if match["season"]:
        first, last = SEASON_MONTHS[match["season"]]
        return _month_range(year, first, last - first + 1)
    return date(year, 1, 1), date(year, 12, 31)


def _month_range(year: int, first_month: int, months: int) -> tuple[date, date]:
    end_year, end_month = shift_month(year, first_month, months - 1)
    last = calendar.monthrange(end_year, end_month)[1]
    return date(year, first_month, 1), date(end_year, end_month, last)


PRECISIONS = (
    (re.compile(r"^\d{4}-\d\d-\d\d"), "day"),
    (re.compile(r"^\d{4}-W\d\d"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{2,3}$|^\d{4}-H\d$"), "range"),
)


def date_precision(value: str | None) -> str:
    """The schema precision of a date value ("unknown" for references and unresolved values)."""
    if value:
        for pattern, precision in PRECISIONS:
            if pattern.match(value):
                return precision
    return "unknown"
