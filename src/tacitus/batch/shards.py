"""Shards: the units of work of a batch run, named so that a rerun finds what it wrote.

A JSONL or CSV file is cut into runs of `shard_size` articles in file order. Files that hold
one article each (HTML, plain text) are grouped by folder into runs of `shard_size` files in
the order `tacitus extract` reads them, so a folder of 100,000 pages is not 100,000 tasks.

A shard's name is `<source stem>-<8 hex of the source's absolute path>-<index>`: the same
input read again gives the same names, two inputs of the same stem in different folders
get different ones. Its digest covers everything the pipeline reads of its articles (text,
id, title, URL, outlet, author, date), so a shard whose input changed is done again under
its old name instead of being skipped.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tacitus.sources import ReadOptions, SourceArticle, count_articles, read_articles
from tacitus.sources.readers import READERS, expand_paths, read_csv, read_jsonl

#: Articles in a shard: a task of a few minutes on one core (a few seconds of scheduling
#: overhead is then lost in it), small enough that a lost worker costs little.
DEFAULT_SHARD_SIZE = 200
#: Characters of a source's stem kept in its shards' names.
_STEM_CHARS = 40


@dataclass
class Shard:
    """A run of articles from one source (a JSONL or CSV file, or a folder's pages)."""

    name: str
    source: str
    index: int
    articles: list[SourceArticle]

    @property
    def digest(self) -> str:
        """A fingerprint of what the pipeline reads of the shard's articles."""
        hasher = hashlib.sha256()
        for article in self.articles:
            hasher.update(article.to_schema().model_dump_json().encode("utf-8"))
            hasher.update(b"\n")
        return hasher.hexdigest()


def holds_many_articles(name: str) -> bool:
    """JSONL and CSV files hold many articles; every other format one per file."""
    return READERS.get(Path(name).suffix.lower()) in (read_jsonl, read_csv)


def plan_shards(paths: Iterable[str], options: ReadOptions, shard_size: int) -> Iterator[Shard]:
    """The shards of `paths`, read lazily; unreadable inputs are reported through `options`
    as `tacitus extract` reports them."""
    pages: list[SourceArticle] = []
    folder: str | None = None
    indexes: defaultdict[str, int] = defaultdict(int)

    def shard_of(source: str, articles: list[SourceArticle]) -> Shard:
        index = indexes[source]
        indexes[source] += 1
        return Shard(shard_name(source, index), source, index, articles)

    for name in expand_paths(paths, options):
        if holds_many_articles(name):
            articles = read_articles([name], options)
            while chunk := _take(articles, shard_size):
                yield shard_of(name, chunk)
            continue
        parent = str(Path(name).parent)
        if pages and (parent != folder or len(pages) >= shard_size):
            yield shard_of(folder, pages)
            pages = []
        folder = parent
        pages.extend(read_articles([name], options))
    if pages:
        yield shard_of(folder, pages)


def count_shards(paths: Iterable[str], shard_size: int) -> int:
    """How many shards `paths` make at most (a bad record still counts), for a progress bar."""
    existing = [name for name in paths if Path(name).exists()]
    pages_per_folder: defaultdict[str, int] = defaultdict(int)
    shards = 0
    for name in expand_paths(existing, ReadOptions()):
        if holds_many_articles(name):
            shards += math.ceil((count_articles([name]) or 0) / shard_size)
        else:
            pages_per_folder[str(Path(name).parent)] += 1
    return shards + sum(math.ceil(pages / shard_size) for pages in pages_per_folder.values())


def shard_name(source: str, index: int) -> str:
    path = Path(source).resolve()
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem or path.name or "input")[:_STEM_CHARS]
    where = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    return f"{stem.lstrip('._') or 'input'}-{where}-{index:05d}"


def _take(articles: Iterator[SourceArticle], size: int) -> list[SourceArticle]:
    return list(islice(articles, size))
