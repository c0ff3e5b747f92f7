"""Text clean-up: hard-wrapped lines joined, paragraphs re-joined where a break split a sentence.

Curly quotes and dashes are kept in the output text (it is the user's text, and every
offset points into it); `for_matching` gives a same-length copy with them normalized, so
a pattern written with straight quotes matches at the same offsets.
"""

from __future__ import annotations

import re

from tacitus.settings import HARD_WRAP_FULL_SHARE, HARD_WRAP_MAX_WIDTH

_MATCHING_TABLE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACES_TO_FOLD = str.maketrans({"\u00a0": " ", "\t": " ", "\u200b": None, "\ufeff": None})

_SENTENCE_END = re.compile(r"""[.!?:;"'\u201d\u2019)\]]\s*$""")
_BLANK_LINE = re.compile(r"\n[ \t]*\n+")
_STARTS_LOWER = re.compile(r"^[a-z(]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")


def for_matching(text: str) -> str:
    """`text` with curly quotes, dashes and no-break spaces made plain, at the same offsets."""
    return text.translate(_MATCHING_TABLE)


def clean_text(raw: str) -> str:
    """Paragraphs separated by one blank line, each paragraph on one line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES_TO_FOLD)
    paragraphs = [_join_wrapped_lines(block) for block in _BLANK_LINE.split(text)]
    paragraphs = [p for p in paragraphs if p]
    return "\n\n".join(_rejoin_split_sentences(paragraphs))


def _join_wrapped_lines(block: str) -> str:
    """Join the lines of one block unless a line clearly ends a paragraph of its own."""
    lines = [re.sub(r" {2,}", " ", line.strip()) for line in block.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    wrap_width = _hard_wrap_width(lines)
    joined = [lines[0]]
    for previous_line, line in zip(lines, lines[1:], strict=False):
        previous = joined[-1]
        if _is_own_paragraph(previous_line, line, wrap_width):
            joined.append(line)
        elif previous.endswith("-") and _STARTS_LOWER.match(line):
            joined[-1] = previous + line
        else:
            joined[-1] = f"{previous} {line}"
    return "\n\n".join(joined)


def _hard_wrap_width(lines: list[str]) -> int | None:
    """The column a block was wrapped at, when its lines look hard-wrapped (else None)."""
    if len(lines) < 3:
        return None
    width = max(len(line) for line in lines)
    full = sum(len(line) >= HARD_WRAP_FULL_SHARE * width for line in lines[:-1])
    if width <= HARD_WRAP_MAX_WIDTH and full >= HARD_WRAP_FULL_SHARE * (len(lines) - 1):
        return width
    return None


def _is_own_paragraph(previous: str, line: str, wrap_width: int | None) -> bool:
    """A single line break separates paragraphs when a sentence ended and a new one begins.

    In hard-wrapped text a sentence may end at the wrap column; only a short line ends a
    paragraph there.
    """
    if _LIST_ITEM.match(line):
        return True
    if not _SENTENCE_END.search(previous) or _STARTS_LOWER.match(line):
        return False
    return wrap_width is None or len(previous) < HARD_WRAP_FULL_SHARE * wrap_width


def _rejoin_split_sentences(paragraphs: list[str]) -> list[str]:
    """A paragraph ending mid-sentence followed by one starting in lower case is one sentence."""
    merged: list[str] = []
    for paragraph in paragraphs:
        if merged and not _SENTENCE_END.search(merged[-1]) and _STARTS_LOWER.match(paragraph):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)
    return merged
