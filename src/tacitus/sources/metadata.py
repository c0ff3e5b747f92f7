"""Title, author byline and publication date found at the head of a plain-text article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tacitus import settings
from tacitus.article_furniture import BYLINE_PATTERN, DAY, MONTH, MONTHS, YEAR

#: Date forms of bylines and datelines, most specific first.
_DATE_PATTERNS = [
    re.compile(rf"\b{DAY}\s+{MONTH},?\s+{YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
]


@dataclass
class Header:
    title: str | None = None
    author: str | None = None
    published: date | None = None
    body: str = ""


def parse_date(text: str) -> date | None:
    """The first full calendar date written in `text` ("6 December 2016" -> 2016-12-06)."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found:
                return found
    return None


def _to_date(match: re.Match[str]) -> date | None:
    month = match["month"].lower().rstrip(".")
    month_number = int(month) if month.isdigit() else MONTHS[month]
    try:
        return date(int(match["year"]), month_number, int(match["day"]))
    except ValueError:
        return None


def split_header(text: str) -> Header:
    """Take the title, byline and date lines off the head of a cleaned plain-text article.

    The first short line without a final full stop is the title; a line starting "By" is the
    byline (it may carry the date too); a short line holding a full date is the dateline.
    """
    header = Header()
    paragraphs = text.split("\n\n")
    consumed = 0
    for index, line in enumerate(paragraphs[: settings.DOCUMENT_HEADER_LINES]):
        if len(line) > settings.DOCUMENT_HEADLINE_MAX_CHARS:
            break
        if not _take_header_line(header, line, is_first=index == 0):
            break
        consumed = index + 1
    header.body = "\n\n".join(paragraphs[consumed:]) if consumed < len(paragraphs) else ""
    if not header.body:
        return Header(body=text)
    return header


def _take_header_line(header: Header, line: str, is_first: bool) -> bool:
    byline = BYLINE_PATTERN.match(line)
    if byline and header.author is None:
        header.author = byline["author"].strip()
        header.published = header.published or parse_date(line)
        return True
    line_date = parse_date(line)
    short = len(line) < settings.DOCUMENT_HEADLINE_MAX_CHARS // 2
    if line_date and header.published is None and short:
        header.published = line_date
        return True
    if is_first and not line.rstrip().endswith("."):
        header.title = line.strip()
        return True
    return False
