"""Reading articles: files, directories and stdin in every supported format."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tacitus.settings import MAX_ARTICLE_CHARS
from tacitus.sources.article import SourceArticle, content_id
from tacitus.sources.readers import (
    READERS,
    ReadOptions,
    UnreadableInput,
    count_articles,
    decode,
    expand_paths,
    reader_for,
)

__all__ = [
    "READERS",
    "ReadOptions",
    "SourceArticle",
    "content_id",
    "count_articles",
    "read_articles",
]

#: Bytes of a file above which it cannot hold one article of the allowed size and is
#: not a multi-article format either (JSONL and CSV are read whatever their size).
_MAX_SINGLE_ARTICLE_BYTES = 4 * MAX_ARTICLE_CHARS
_MULTI_ARTICLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}


def read_articles(paths: Iterable[str], options: ReadOptions) -> Iterator[SourceArticle]:
    """Every article in `paths`; problems go to `options.report`, never raise."""
    for name in expand_paths(paths, options):
        try:
            yield from _read_one(name, options)
        except UnreadableInput as error:
            options.report(str(error))
            options.failed_inputs += 1
        except OSError as error:
            options.report(f"{name}: cannot read ({error.strerror or error})")
            options.failed_inputs += 1


def _read_one(name: str, options: ReadOptions) -> Iterator[SourceArticle]:
    data = _load_bytes(name)
    raw = decode(data, name, options)
    for article in reader_for(name, raw)(raw, name, options):
        if options.published:
            article.published = options.published
        yield article


def _load_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    size = path.stat().st_size
    if size > _MAX_SINGLE_ARTICLE_BYTES and path.suffix.lower() not in _MULTI_ARTICLE_SUFFIXES:
        raise UnreadableInput(
            f"{name}: file of {size:,} bytes is too large for one article"
            f" (limit {MAX_ARTICLE_CHARS:,} characters); split it into articles"
        )
    return path.read_bytes()
