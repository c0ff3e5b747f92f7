"""The article's furniture, found once: headline, byline, dateline with its place and
agency credit, lede and closing credit lines, written to ``doc.spans["tacitus_document"]``
with a label each (forms in `tacitus.article_furniture`).

Every component that needs them reads them here (`document_span`, `in_furniture`) instead
of looking for them again:

- places take the dateline's town as the reporter's seat;
- actors, and so events, never take an actor from the byline, the dateline or a credit
  line: "KABUL, Afghanistan (AP) —" names a place and an agency, "By Maria Lopez" and
  "Reporting by John Smith" journalists;
- events date a mention that states no time by the headline, dateline, stamp or lede, and
  take the lead for the happening the headline announced.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus import settings
from tacitus.article_furniture import (
    AGENCY,
    BYLINE,
    CREDIT,
    DATELINE,
    DATELINE_PLACE,
    HEADLINE,
    STAMP,
    FurnitureFinder,
    Part,
)
from tacitus.gazetteer import load_gazetteer
from tacitus.nlp.extensions import text_of

__all__ = [
    "AGENCY",
    "BYLINE",
    "CREDIT",
    "DATELINE",
    "DATELINE_PLACE",
    "HEADLINE",
    "LEDE",
    "STAMP",
    "document_span",
    "document_spans",
    "in_furniture",
]

SPAN_KEY = "tacitus_document"
#: The first sentence of the body.
LEDE = "LEDE"
#: The parts that name the place and day of writing, its agency and its journalists, never a
#: party to what the article reports.
FURNITURE = frozenset({BYLINE, DATELINE, STAMP, CREDIT})
#: The parts a mention that states no time of its own is dated by.
OPENING = frozenset({HEADLINE, DATELINE, STAMP, LEDE})


def document_spans(doc: Doc, label: str) -> list[Span]:
    """The spans of one part (`HEADLINE`, `DATELINE`, ...) of the article, in text order."""
    if SPAN_KEY not in doc.spans:
        return []
    return [span for span in doc.spans[SPAN_KEY] if span.label_ == label]


def document_span(doc: Doc, label: str) -> Span | None:
    """The article's headline, byline, dateline, dateline place, agency or lede, if any."""
    return next(iter(document_spans(doc, label)), None)


def in_part(doc: Doc, labels: frozenset[str], start: int, end: int) -> bool:
    """Whether characters `start`-`end` lie inside a part with one of `labels`."""
    if SPAN_KEY not in doc.spans:
        return False
    return any(
        span.label_ in labels and span.start_char <= start and end <= span.end_char
        for span in doc.spans[SPAN_KEY]
    )


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether characters `start`-`end` lie in the byline, the dateline or a credit line."""
    return in_part(doc, FURNITURE, start, end)


class DocumentComponent:
    """Finds the article's furniture once and writes it to ``doc.spans``."""

    def __init__(self, finder: FurnitureFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        parts = self.finder.find(text_of(doc))
        header_end = max((p.end for p in parts if p.label in {HEADLINE, BYLINE}), default=0)
        dateline_end = max((p.end for p in parts if p.label == DATELINE), default=0)
        lede = _lede(doc, header_end, dateline_end)
        if lede is not None:
            parts.append(lede)
        doc.spans[SPAN_KEY] = [
            span
            for part in sorted(parts)
            if (span := doc.char_span(*part, alignment_mode="expand")) is not None
        ]
        return doc


def _lede(doc: Doc, header_end: int, dateline_end: int) -> Part | None:
    """The first sentence of the body, from the first word past the header to the end of
    the first sentence that goes on past the dateline ("NEW DELHI:" alone is not one)."""
    text = text_of(doc)
    body_start = len(text) - len(text[header_end:].lstrip())
    if body_start >= len(text) or not doc.has_annotation("SENT_START"):
        return None
    past = max(body_start, dateline_end)
    for sentence in doc.sents:
        if sentence.end_char > past and text[past : sentence.end_char].strip():
            end = sentence.start_char + len(sentence.text.rstrip())
            return Part(body_start, end, LEDE)
    return None


def _knows_place(name: str, populous: bool) -> bool:
    """Whether `name` is a gazetteer name (`populous`: of a country, a first-level division
    or a town of `DOCUMENT_POPULOUS_DATELINE` people)."""
    candidates = load_gazetteer().candidates(name)
    if not populous:
        return bool(candidates)
    return any(
        c.place.feature in {"country", "admin1"}
        or c.place.population >= settings.DOCUMENT_POPULOUS_DATELINE
        for c in candidates
    )


@Language.factory(
    "tacitus_document",
    default_config={
        "dateline_within_chars": settings.DOCUMENT_DATELINE_WITHIN_CHARS,
        "headline_max_chars": settings.DOCUMENT_HEADLINE_MAX_CHARS,
        "header_lines": settings.DOCUMENT_HEADER_LINES,
    },
)
def make_document(
    nlp: Language,
    name: str,
    dateline_within_chars: int,
    headline_max_chars: int,
    header_lines: int,
) -> DocumentComponent:
    finder = FurnitureFinder(_knows_place, dateline_within_chars, headline_max_chars, header_lines)
    return DocumentComponent(finder)
