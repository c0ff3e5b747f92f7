"""Progress on stderr (never stdout, which carries the data) for runs of several articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

T = TypeVar("T")

stderr = Console(stderr=True)


def with_progress(items: Iterable[T], label: str) -> Iterator[T]:
    """Yield `items`, showing a live count on stderr once there is more than one."""
    iterator = iter(items)
    head = list(islice(iterator, 2))
    if len(head) < 2:
        yield from head
        return
    columns = (SpinnerColumn(), TextColumn(label), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in chain(head, iterator):
            yield item
            progress.advance(task)
