"""Extraction on several cores of one machine: worker processes, the pipeline loaded once in
each, batches of articles handed out in turn and their extractions given back in input order.

Each process keeps its own outlet lexicons (`tacitus.nlp.outlet_lexicon`): an outlet's
articles are spread over the workers batch by batch, so each worker leans an outlet's
ambiguous names home from the articles of that outlet it has read itself. With one worker,
or articles of outlets that name no ambiguous place, the places are those of a serial run.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from tacitus.schema import Extraction
from tacitus.settings import PIPE_BATCH_SIZE
from tacitus.sources import SourceArticle

#: Batches handed out ahead of the one being read back, per worker: enough to keep every
#: worker busy, few enough that a long input is streamed, not read into memory.
BATCHES_AHEAD_PER_WORKER = 2

_extractor = None  # each worker process's own Extractor, made by `_start_worker`


def _start_worker(actor_dictionaries: tuple[str, ...]) -> None:
    global _extractor
    from tacitus.extractor import Extractor

    _extractor = Extractor(actor_dictionaries=actor_dictionaries)


def _extract_batch(batch: list[SourceArticle]) -> list[Extraction]:
    return list(_extractor.pipe(batch, batch_size=len(batch)))


class WorkerPool:
    """`pipe` as `Extractor.pipe` has it, run by `workers` processes."""

    def __init__(self, workers: int, actor_dictionaries: tuple[str, ...] = ()) -> None:
        if workers < 2:
            raise ValueError("a worker pool needs at least 2 workers; use Extractor for one")
        self.workers = workers
        self.actor_dictionaries = actor_dictionaries

    def pipe(
        self, articles: Iterable[SourceArticle], batch_size: int = PIPE_BATCH_SIZE
    ) -> Iterator[Extraction]:
        """One extraction per article, in input order; an article that fails is reported on
        stderr by the worker and left out, as `Extractor.pipe` does."""
        context = multiprocessing.get_context("spawn")  # no copy of the parent's threads
        with ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.actor_dictionaries,),
        ) as pool:
            pending: deque[Future[list[Extraction]]] = deque()
            batches = _batches(articles, batch_size)
            for batch in batches:
                pending.append(pool.submit(_extract_batch, batch))
                if len(pending) >= self.workers * BATCHES_AHEAD_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()


def _batches(articles: Iterable[SourceArticle], size: int) -> Iterator[list[SourceArticle]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch
