"""Readers for each input format, chosen by file suffix from one registry.

A reader yields articles and reports what it could not read through `report`, one line
each; it never raises for bad input, so one bad file or line never stops a run.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tacitus.settings import MAX_ARTICLE_CHARS
from tacitus.sources.article import SourceArticle
from tacitus.sources.cleaning import clean_text
from tacitus.sources.metadata import parse_date, split_header

#: The metadata fields a structured record (JSONL line, CSV row) may carry.
RECORD_FIELDS = ("id", "title", "url", "outlet", "author", "published")
#: Other names used for them in common exports.
FIELD_ALIASES = {"date": "published", "source": "outlet", "link": "url", "headline": "title"}
#: Bytes looked at to tell a binary file from text.
_SNIFF_BYTES = 8192


class UnreadableInput(Exception):
    """An input that yields no article at all; the message is the one line shown."""


@dataclass
class ReadOptions:
    text_column: str | None = None
    published: date | None = None
    #: The inputs' text encoding (any Python codec name); None: UTF-8.
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    failed_inputs: int = 0

    @property
    def text_field(self) -> str:
        return self.text_column or "text"

    def report(self, message: str) -> None:
        self.problems.append(message)
        print(f"tacitus: {message}", file=sys.stderr)


Reader = Callable[[str, str, ReadOptions], Iterator[SourceArticle]]


def read_plain_text(raw: str, origin: str, options: ReadOptions) -> Iterator[SourceArticle]:
    header = split_header(clean_text(raw))
    yield _checked(
        SourceArticle(
            text=header.body,
            origin=origin,
            title=header.title,
            author=header.author,
            published=header.published,
        )
    )


def read_html(raw: str, origin: str, options: ReadOptions) -> Iterator[SourceArticle]:
    import trafilatura  # only HTML needs it, and it is slow to import

    document = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    if document is None or not document.text:
        raise UnreadableInput(f"{origin}: no article text found in the HTML")
    text = clean_text(document.text)
    if document.title and text.startswith(document.title):
        text = text[len(document.title) :].lstrip()
    yield _checked(
        SourceArticle(
            text=text,
            origin=origin,
            title=document.title,
            author=document.author,
            url=document.url,
            outlet=document.sitename,
            published=parse_date(document.date) if document.date else None,
        )
    )


def read_jsonl(raw: str, origin: str, options: ReadOptions) -> Iterator[SourceArticle]:
    found = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            options.report(f"{where}: malformed JSON ({error.msg}); line skipped")
            continue
        article = _from_record(record, where, options)
        if article:
            found += 1
            yield article
    if not found:
        raise UnreadableInput(f"{origin}: no readable article in this JSONL file")


def read_csv(raw: str, origin: str, options: ReadOptions) -> Iterator[SourceArticle]:
    rows = csv.DictReader(raw.splitlines())
    column = options.text_field
    if not rows.fieldnames or column not in rows.fieldnames:
        raise UnreadableInput(
            f"{origin}: no column {column!r} (columns: {', '.join(rows.fieldnames or [])});"
            " name the text column with --text-column"
        )
    for number, row in enumerate(rows, start=2):
        record = {key: value for key, value in row.items() if key is not None}
        article = _from_record(record, f"{origin}:{number}", options)
        if article:
            yield article


READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".md": read_plain_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
}


def _from_record(record: object, where: str, options: ReadOptions) -> SourceArticle | None:
    """An article from one JSONL object or CSV row, or None after reporting why not."""
    if not isinstance(record, dict):
        options.report(f"{where}: expected a JSON object; line skipped")
        return None
    text_field = options.text_field
    text = record.get(text_field)
    if not isinstance(text, str) or not text.strip():
        options.report(f"{where}: no {text_field!r}; record skipped")
        return None
    fields = {
        FIELD_ALIASES.get(key, key): value for key, value in record.items() if key != text_field
    }
    meta = {name: str(fields[name]) for name in RECORD_FIELDS if fields.get(name) not in (None, "")}
    published = meta.pop("published", None)
    try:
        return _checked(
            SourceArticle(
                text=clean_text(text),
                origin=where,
                published=parse_date(published) if published else None,
                **meta,
            )
        )
    except UnreadableInput as error:
        options.report(f"{error}; record skipped")
        return None


def _checked(article: SourceArticle) -> SourceArticle:
    if not article.text.strip():
        raise UnreadableInput(f"{article.origin}: the article has no text")
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise UnreadableInput(
            f"{article.origin}: article of {len(article.text):,} characters is over the"
            f" {MAX_ARTICLE_CHARS:,} limit; split it into articles"
        )
    return article


def decode(data: bytes, origin: str, options: ReadOptions) -> str:
    """Bytes to text in `options.encoding` (UTF-8 by default): bad bytes replaced and reported;
    binary data refused."""
    if not data.strip():
        raise UnreadableInput(f"{origin}: empty file")
    encoding = options.encoding or "utf-8-sig"
    if b"\x00" in data[:_SNIFF_BYTES] and not _is_wide(encoding):
        raise UnreadableInput(f"{origin}: binary file, not text")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        named = options.encoding or "UTF-8"
        options.report(
            f"{origin}: not valid {named} (first bad byte at offset {error.start});"
            " undecodable bytes replaced with U+FFFD; name the encoding with --encoding"
        )
        return data.decode(encoding, errors="replace")


def _is_wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 text is full of NUL bytes: they do not mean it is binary."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def reader_for(name: str, raw: str) -> Reader:
    """The reader registered for the suffix of `name`; stdin is sniffed (JSONL or text)."""
    suffix = Path(name).suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if name == "-" and raw.lstrip().startswith("{"):
        return read_jsonl
    return read_plain_text


def expand_paths(paths: Iterable[str], options: ReadOptions) -> Iterator[str]:
    """Files named, and the readable files under directories named, in a stable order."""
    for name in paths:
        path = Path(name)
        if name == "-" or path.is_file():
            yield name
        elif path.is_dir():
            yield from _readable_files_under(path)
        else:
            options.report(f"{name}: no such file or directory")
            options.failed_inputs += 1


def _readable_files_under(folder: Path) -> Iterator[str]:
    for child in sorted(folder.rglob("*")):
        if child.is_file() and child.suffix.lower() in READERS:
            yield str(child)


def count_articles(paths: Iterable[str], encoding: str | None = None) -> int | None:
    """How many articles `paths` hold at most, for a progress bar: a JSONL line or CSV record
    each, one per other file; None when that cannot be known before reading (stdin)."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        files = [name] if path.is_file() else _readable_files_under(path) if path.is_dir() else []
        total += sum(_articles_in(Path(file), encoding or "utf-8-sig") for file in files)
    return total


def _articles_in(path: Path, encoding: str) -> int:
    reader = READERS.get(path.suffix.lower())
    if reader not in (read_jsonl, read_csv):
        return 1
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as text:
            if reader is read_jsonl:
                return sum(1 for line in text if line.strip())
            return max(sum(1 for _ in csv.reader(text)) - 1, 0)  # a cell may span lines
    except (OSError, csv.Error):
        return 0
