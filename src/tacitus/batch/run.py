"""The Dask side of `tacitus batch`: a worker plugin holding the pipeline, one task per shard.

The client (the machine running `tacitus batch`) reads the inputs, cuts them into shards
(`shards.py`) and hands each shard's articles to the cluster; a worker extracts them with
the pipeline its plugin loaded when it joined, and sends the rows back; the client writes
them (`parquet_out.py`). Neither the inputs nor the output folder need be visible to the
workers, so any Dask deployment serves, shared filesystem or not. A few shards per worker
thread are in flight at a time: a long input is streamed, never read into memory whole.

Each shard starts with empty outlet lexicons (`tacitus.nlp.outlet_lexicon`): its places
depend on its own articles only, never on which worker ran which shard before, so a shard
done again after a restart or a lost worker comes out the same. A file of one shard gives
the places of `tacitus extract` on that file; a longer one may differ in an ambiguous place
name its outlet's earlier shards would have settled (and so the place of an event
there); event types and triggers do not read the lexicons.
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import Client, Future, WorkerPlugin, get_worker, wait

from tacitus import __version__, settings
from tacitus.batch.parquet_out import ShardMarker, is_complete, row_of, write_shard
from tacitus.batch.shards import DEFAULT_SHARD_SIZE, Shard, count_shards, plan_shards
from tacitus.progress import with_progress
from tacitus.sources import ReadOptions, SourceArticle

if TYPE_CHECKING:
    from distributed import Worker
    from spacy.language import Language

PLUGIN_NAME = "tacitus-pipeline"
#: Shards handed to the cluster ahead of the ones being written back, per worker thread.
SHARDS_AHEAD_PER_THREAD = 2
#: How long to try reaching a scheduler before giving up.
CONNECT_TIMEOUT = "20s"


class BatchError(Exception):
    """A batch that cannot start or go on; the message is the one line shown."""


class PipelinePlugin(WorkerPlugin):
    """Loads the Tacitus pipeline once on each worker, when it joins the cluster.

    The user's actor dictionaries travel inside the plugin (their bytes), so workers need
    no copy of the client's files. Tasks find the pipeline in `get_worker().plugins`; a worker
    with several threads runs one shard at a time through it (the pipeline keeps per-run
    state), so give workers one thread each and use more workers.
    """

    def __init__(self, actor_dictionaries: dict[str, bytes]) -> None:
        self.actor_dictionaries = actor_dictionaries
        self.nlp: Language | None = None
        self.lock: threading.Lock | None = None

    @property
    def fingerprint(self) -> str:
        """What, besides its articles, decides a shard's output: Tacitus, model, dictionaries."""
        hasher = hashlib.sha256(f"{__version__}\n{settings.SPACY_MODEL}\n".encode())
        for name, content in self.actor_dictionaries.items():
            hasher.update(name.encode("utf-8") + b"\n" + content)
        return hasher.hexdigest()

    async def setup(self, worker: Worker) -> None:
        # loading takes seconds: off the worker's event loop, which keeps its heartbeats
        await asyncio.get_running_loop().run_in_executor(None, self._load, worker.local_directory)

    def _load(self, local_directory: str) -> None:
        from tacitus.nlp import shared_nlp

        # a folder per content: a worker's cached pipeline is never one of older dictionaries
        folder = Path(local_directory) / "tacitus-actors" / self.fingerprint[:16]
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for number, (name, content) in enumerate(self.actor_dictionaries.items()):
            path = folder / f"{number}-{name}"  # the suffix tells YAML from PETRARCH
            path.write_bytes(content)
            paths.append(str(path))
        self.nlp = shared_nlp(actor_dictionaries=tuple(paths))
        self.lock = threading.Lock()


@dataclass
class ShardResult:
    rows: list[dict[str, str | None]]
    failed: list[str]


def extract_shard(articles: list[SourceArticle]) -> ShardResult:
    """The task: a shard's output rows, and a line for each article the pipeline failed on."""
    from tacitus.extractor import Extractor
    from tacitus.nlp.pipeline import forget_outlets

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin) or plugin.nlp is None:
        raise RuntimeError("this worker has no Tacitus pipeline (its plugin is not registered)")
    failed: list[str] = []

    def note_failure(article: SourceArticle, error: Exception) -> None:
        failed.append(
            f"{article.origin}: extraction failed ({type(error).__name__}: {error});"
            " article skipped"
        )

    with plugin.lock:
        forget_outlets(plugin.nlp)  # a shard's places depend on its own articles only
        extractor = Extractor(nlp=plugin.nlp, on_error=note_failure)
        rows = [row_of(extraction) for extraction in extractor.pipe(articles)]
    return ShardResult(rows, failed)


@dataclass
class BatchReport:
    shards_done: int = 0
    shards_skipped: int = 0
    articles_written: int = 0
    #: One line per article the pipeline failed on and per shard the cluster failed on.
    problems: list[str] = field(default_factory=list)
    failed_shards: int = 0


def read_actor_dictionaries(paths: Iterable[str]) -> dict[str, bytes]:
    """The user's actor dictionaries by file name, checked here, before any worker loads them."""
    import yaml

    from tacitus.actor_dictionary import load_dictionary

    names = [str(path) for path in paths]
    try:
        load_dictionary(names)
        return {Path(name).name: Path(name).read_bytes() for name in names}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        raise BatchError(f"cannot load the actor dictionary: {error}") from None


@contextmanager
def dask_client(scheduler: str | None, local_workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, else of a local cluster of processes."""
    from distributed import LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        yield client


def run_batch(
    client: Client,
    paths: list[str],
    out: Path,
    options: ReadOptions,
    shard_size: int = DEFAULT_SHARD_SIZE,
    actor_dictionaries: dict[str, bytes] | None = None,
    report: Callable[[str], None] = lambda line: print(f"tacitus: {line}", file=sys.stderr),
) -> BatchReport:
    """Extract every shard of `paths` not already complete in `out`, writing each as it
    comes back; problems go to `report` as they happen and into the returned report."""
    if "-" in paths:
        raise BatchError("batch reads files and folders, not stdin (a rerun could not resume)")
    if shard_size < 1:
        raise BatchError("a shard holds at least one article")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchError(f"cannot write to {out}: {error.strerror or error}") from None
    plugin = PipelinePlugin(actor_dictionaries or {})
    outcome = BatchReport()
    shards = plan_shards(paths, options, shard_size)
    finished = _run_shards(client, shards, out, plugin, outcome, report)
    try:
        for _shard in with_progress(finished, "shards", count_shards(paths, shard_size)):
            pass  # each shard is written as it comes back; the bar counts them
    except OSError as error:
        raise BatchError(f"cannot write to {out}: {error.strerror or error}") from None
    return outcome


def _run_shards(
    client: Client,
    shards: Iterator[Shard],
    out: Path,
    plugin: PipelinePlugin,
    outcome: BatchReport,
    report: Callable[[str], None],
) -> Iterator[str]:
    """Each shard's name once it is skipped or written, a few shards in flight at a time.
    The workers load the pipeline when the first shard needs it: a rerun with nothing left
    to do loads none."""
    pipeline = plugin.fingerprint
    pending: dict[Future, tuple[Shard, str]] = {}
    registered = False
    for shard in shards:
        digest = shard.digest
        if is_complete(out, shard.name, digest, pipeline):
            outcome.shards_skipped += 1
            yield shard.name
            continue
        if not registered:
            _register(client, plugin)
            registered = True
        pending[client.submit(extract_shard, shard.articles, pure=False)] = (shard, digest)
        while len(pending) >= SHARDS_AHEAD_PER_THREAD * max(sum(client.nthreads().values()), 1):
            yield from _write_finished(pending, out, pipeline, outcome, report)
    while pending:
        yield from _write_finished(pending, out, pipeline, outcome, report)


def _register(client: Client, plugin: PipelinePlugin) -> None:
    try:
        client.register_plugin(plugin, name=PLUGIN_NAME)
    except Exception as error:  # a worker without tacitus, or a pipeline that fails to load
        raise BatchError(f"the workers cannot load the Tacitus pipeline: {error}") from None


def _write_finished(
    pending: dict[Future, tuple[Shard, str]],
    out: Path,
    pipeline: str,
    outcome: BatchReport,
    report: Callable[[str], None],
) -> Iterator[str]:
    done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
    for future in done:
        shard, digest = pending.pop(future)
        try:
            result: ShardResult = future.result()
        except Exception as error:  # a lost worker, a task that raised: the other shards go on
            outcome.failed_shards += 1
            line = f"shard {shard.name} ({shard.source}) failed: {type(error).__name__}: {error}"
            outcome.problems.append(line)
            report(line)
            continue
        marker = ShardMarker(
            shard=shard.name,
            source=shard.source,
            index=shard.index,
            digest=digest,
            pipeline=pipeline,
            articles=len(shard.articles),
            failed=result.failed,
        )
        write_shard(out, marker, result.rows)
        for line in result.failed:
            outcome.problems.append(line)
            report(line)
        outcome.shards_done += 1
        outcome.articles_written += len(result.rows)
        yield shard.name
