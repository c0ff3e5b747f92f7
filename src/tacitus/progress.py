"""Progress on stderr (never stdout, which carries the data) for runs of several articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

T = TypeVar("T")

stderr = Console(stderr=True)


def with_progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, showing a live count on stderr once there is more than one; with a
    `total` (the input size, when known) a bar and the time left too."""
    iterator = iter(items)
    head = list(islice(iterator, 2))
    if len(head) < 2:
        yield from head
        return
    with Progress(*progress_columns(label, total), console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in chain(head, iterator):
            yield item
            progress.advance(task)


def progress_columns(label: str, total: int | None) -> tuple[ProgressColumn, ...]:
    if total is None:
        return (SpinnerColumn(), TextColumn(label), MofNCompleteColumn(), TimeElapsedColumn())
    return (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("elapsed,"),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
