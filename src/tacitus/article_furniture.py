"""The text forms of an article's furniture: headline, byline, dateline with its agency
credit, and the closing credit lines. Plain text in, character spans out, no spaCy: the
plain-text reader (`tacitus.sources.metadata`) takes the header lines off with these forms,
and the document component (`tacitus.nlp.document`) writes them to the Doc for the others.

Forms recognised, the wire services' and the papers' own:

- headline: a short first line without a final full stop, with more text after it;
- byline: a line "By <Name>[ and <Name>]" among the first lines;
- dateline, at the start of a line near the top: "BEIRUT (Reuters) -", "ALEPPO --",
  "THE HAGUE, Netherlands —", "NEW DELHI:", "MOSUL, Iraq, Oct 3 (Reuters) -" in capitals, or
  "Kabul, Afghanistan (AP) —" in title case with a dash; its name must be a place name
  (a dateline names a place: "UPDATE —" or "UN: 70% of youth ..." is not one);
- agency credit: the bracketed agency of a dateline ("(Reuters)", "(AP)");
- publication stamp: a date (and time) opening the text, run into the headline and the first
  sentence as scraped pages have it ("Thursday 18 May 2017 22:35 ISIS kills ...");
- credit lines: "Reporting by ...", "Additional reporting by ...", "Editing by ...",
  "Writing by ...", in brackets or not, anywhere in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

HEADLINE = "HEADLINE"
BYLINE = "BYLINE"
DATELINE = "DATELINE"
DATELINE_PLACE = "DATELINE_PLACE"
AGENCY = "AGENCY"
CREDIT = "CREDIT"
STAMP = "STAMP"

#: Month names and their abbreviations -> month number.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
#: Date parts shared by the date forms of headers (`tacitus.sources.metadata`) and stamps.
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_DAY, _MONTH, _YEAR = (_NAMED_GROUP.sub("(?:", part) for part in (DAY, MONTH, YEAR))
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
#: A publication stamp opening a scraped page, run into its headline and first sentence:
#: "12 February 2015 ...", "Published October 1 2014 ...", "Thursday 18 May 2017 22:35 ...",
#: "Thu Jul 7 2016 ...", "21.02.2015 ...", "24-08-2014 ...", "2017-05-03 ...".
_STAMP = re.compile(
    rf"^\s*(?:(?:published|updated|posted)(?: on)?:?\s+)?(?:{_WEEKDAY}\s+)?"
    rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    r"|[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"(?:\s+\d{1,2}:\d\d(?:\s*(?:GMT|UTC|[AP]M))?)?(?=\s*(?-i:[(A-Z\d\"\u201c]))",
    re.IGNORECASE,
)

#: "By Maria Lopez", "by John Smith and Jane Doe", "By Ahmed al-Rashid".
BYLINE_PATTERN = re.compile(
    r"^\s*by\s+(?P<author>[A-Z][\w.'\u2019-]*"
    r"(?:\s+(?:[A-Z][\w.'\u2019-]*|and|de|da|van|von|bin|al-\w+))*)",
    re.IGNORECASE,
)
_REGION = r",[ \t]+[A-Z][\w.' ]{1,30}?"  # ", Iraq", ", Oct 3"
#: A dateline in capitals at the start of a line: "BEIRUT (Reuters) -", "ALEPPO --",
#: "THE HAGUE, Netherlands —", "NEW DELHI:"; never "NATO-led" or "UN, EU condemn".
_CAPITALS_DATELINE = re.compile(
    r"^[ \t]*(?:THE )?(?P<name>[A-Z][A-Z'’.\-]*[A-Z.](?: [A-Z][A-Z'’.\-]*[A-Z.]){0,3})"
    rf"(?P<separator>[ \t]*(?:\(|--|—|–)|[ \t]+-[ \t]|:"
    rf"|(?:{_REGION}){{1,2}}[ \t]*(?:\(|--|—|–|[ \t]-[ \t]))",
    re.MULTILINE,
)
#: "Kabul, Afghanistan (AP) —", "Gaza City (Reuters) -": in title case a dateline always
#: ends in a dash, which a sentence opening with a place name does not.
_TITLE_CASE_DATELINE = re.compile(
    r"^[ \t]*(?P<name>[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,3})"
    rf"(?P<separator>(?:{_REGION}){{0,2}}[ \t]*(?:\([^)\n]{{1,40}}\)[ \t]*)?"
    r"(?:--|—|–|[ \t]-[ \t]))",
    re.MULTILINE,
)
#: The agency's bracket of a dateline: "(Reuters)", "(AP)".
_AGENCY = re.compile(r"\((?P<agency>[^)\n]{1,40})\)")
#: What may follow the place and its region: "(Reuters) -", "(AP) —".
_AGENCY_AND_DASH = re.compile(r"\([^)\n]{1,40}\)[ \t]*(?:--|—|–|-|:)?")
_CREDIT_LINE = re.compile(
    r"^[ \t]*\(?[ \t]*(?:additional[ \t]+)?(?:reporting|editing|writing|compiled|"
    r"produced)[ \t]+by\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


class Part(NamedTuple):
    """One part of the furniture: characters `start`-`end` of the text, and its label."""

    start: int
    end: int
    label: str


class FurnitureFinder:
    """Finds the headline, bylines, dateline and credit lines of a text."""

    def __init__(
        self,
        is_place_name: Callable[[str, bool], bool],
        dateline_within_chars: int,
        headline_max_chars: int,
        header_lines: int,
    ) -> None:
        self.is_place_name = is_place_name
        self.dateline_within_chars = dateline_within_chars
        self.headline_max_chars = headline_max_chars
        self.header_lines = header_lines

    def find(self, text: str) -> list[Part]:
        """Every part found in `text`, in text order."""
        found: list[Part] = []
        headline = self.headline(text)
        if headline is not None:
            found.append(Part(*headline, HEADLINE))
        found += [Part(*span, BYLINE) for span in self.bylines(text)]
        found += self.dateline(text, after=headline[1] if headline else 0)
        found += [Part(m.start(), m.end(), CREDIT) for m in _CREDIT_LINE.finditer(text)]
        stamp = _STAMP.match(text)
        if headline is None and stamp is not None:
            found.append(Part(len(text) - len(text.lstrip()), stamp.end(), STAMP))
        return sorted(found)

    def headline(self, text: str) -> tuple[int, int] | None:
        """A short first line, not a sentence, that more text follows."""
        line_end = text.find("\n")
        if line_end < 0 or not text[line_end:].strip():
            return None
        line = text[:line_end].rstrip()
        start = len(line) - len(line.lstrip())
        if not line.strip() or len(line) > self.headline_max_chars or line.endswith("."):
            return None
        if BYLINE_PATTERN.match(line) or self._dateline_match(line + " ") is not None:
            return None
        return start, len(line)

    def bylines(self, text: str) -> Iterator[tuple[int, int]]:
        """ "By <Name>" lines among the first `header_lines` lines."""
        offset = 0
        for line in text.split("\n")[: self.header_lines]:
            match = BYLINE_PATTERN.match(line)
            if match is not None and len(line) <= self.headline_max_chars:
                yield offset + len(line) - len(line.lstrip()), offset + len(line.rstrip())
            offset += len(line) + 1

    def dateline(self, text: str, after: int) -> list[Part]:
        """The dateline near the top of the text (past the headline), with its place and
        agency credit."""
        head = text[: self.dateline_within_chars]
        match = self._dateline_match(head, after)
        if match is None:
            return []
        start, name_end, end = match.start("name"), match.end("name"), match.end()
        if text[end - 1] == "(":  # the capitals form stops at the agency's bracket
            end -= 1
        following = _AGENCY_AND_DASH.match(text, end)
        end = following.end() if following is not None else end
        parts = [Part(start, end, DATELINE), Part(start, name_end, DATELINE_PLACE)]
        agency = _AGENCY.search(text, name_end, end)
        if agency is not None:
            parts.append(Part(agency.start("agency"), agency.end("agency"), AGENCY))
        return parts

    def _dateline_match(self, head: str, after: int = 0) -> re.Match[str] | None:
        """The first dateline form at a line start whose name is a place's. A bare "NAME:"
        or "Name —" must name a populous place ("NEW DELHI:", "Gaza —"), not "UN:" or
        "Police —"; with a region or an agency bracket the form itself is the evidence."""
        for pattern in (_CAPITALS_DATELINE, _TITLE_CASE_DATELINE):
            for match in pattern.finditer(head, after):
                separator = match.group("separator")
                if pattern is _CAPITALS_DATELINE:
                    populous = separator == ":"
                else:
                    populous = "," not in separator and "(" not in separator
                if self.is_place_name(match.group("name"), populous):
                    return match
        return None
