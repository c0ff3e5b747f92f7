"""Speed and memory of Tacitus against spaCy's own pipeline, measured in the same run.

Ratios, not wall-clock limits: the machines are shared and noisy, so spaCy's pipeline on the
same articles in the same process is the yardstick.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import spacy

from tacitus import settings
from tacitus.extractor import Extractor, doc_input
from tacitus.gazetteer import Gazetteer, build_gazetteer, default_path
from tacitus.nlp import shared_nlp
from tacitus.nlp.pipeline import annotate, forget_outlets
from tacitus.schema import Extraction
from tacitus.sources import SourceArticle

#: The outlet given to benchmark articles that name none.
BENCH_OUTLET = "benchmark corpus"
#: Articles run once through both pipelines before timing starts.
WARM_UP_ARTICLES = 5
#: Distinct capitalised words of the articles looked up in the gazetteer when timing it.
GAZETTEER_LOOKUPS = 5_000
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]+")
#: Cold starts timed per command; the fastest counts, as the others only add the machine's noise.
COLD_START_RUNS = 2
#: Articles in the store that clustering is timed over: copies of the bench's extractions, ...
CLUSTER_BENCH_ARTICLES = 10_000
#: ... each copy another week's news (dates shifted), so that a week holds one copy's events.
REPLICA_SHIFT_DAYS = 7


@dataclass
class StageTiming:
    name: str
    seconds: float
    peak_rss_mb: float


@dataclass
class GazetteerTiming:
    """Opening the built gazetteer index and looking names up, from cold."""

    lookups: int
    seconds: float
    added_rss_mb: float


@dataclass
class ClusteringTiming:
    """Ingesting `articles` articles into a new SQLite store, and the part of it spent
    clustering, against extracting as many articles at the rate measured."""

    articles: int
    events: int
    ingest_seconds: float
    clustering_seconds: float
    extraction_seconds: float


@dataclass
class ColdStart:
    """Seconds from process start to done: a bare `spacy.load` of the model, and `tacitus
    extract` of one article (loading, extracting, printing)."""

    spacy_load_seconds: float
    tacitus_extract_seconds: float


@dataclass
class BenchReport:
    articles: int
    words: int
    spacy: StageTiming
    tacitus: StageTiming
    gazetteer: GazetteerTiming
    clustering: ClusteringTiming
    cold_start: ColdStart
    components: dict[str, float] = field(default_factory=dict)

    def rate(self, stage: StageTiming) -> dict[str, float]:
        return {
            "words_per_s": round(self.words / stage.seconds, 1),
            "articles_per_s": round(self.articles / stage.seconds, 2),
        }

    def to_json(self) -> dict:
        return {
            "articles": self.articles,
            "words": self.words,
            "spacy": {
                "seconds": round(self.spacy.seconds, 2),
                **self.rate(self.spacy),
                "peak_rss_mb": self.spacy.peak_rss_mb,
            },
            "tacitus": {
                "seconds": round(self.tacitus.seconds, 2),
                **self.rate(self.tacitus),
                "peak_rss_mb": self.tacitus.peak_rss_mb,
            },
            "speed_ratio": round(self.spacy.seconds / self.tacitus.seconds, 3),
            "gazetteer": {
                "lookups": self.gazetteer.lookups,
                "seconds": round(self.gazetteer.seconds, 3),
                "added_rss_mb": self.gazetteer.added_rss_mb,
            },
            "clustering": {
                "articles": self.clustering.articles,
                "events": self.clustering.events,
                "ingest_seconds": round(self.clustering.ingest_seconds, 1),
                "clustering_seconds": round(self.clustering.clustering_seconds, 1),
                "extraction_seconds": round(self.clustering.extraction_seconds, 1),
                "share_of_extraction": round(
                    self.clustering.clustering_seconds / self.clustering.extraction_seconds, 4
                ),
            },
            "cold_start": {
                "spacy_load_seconds": round(self.cold_start.spacy_load_seconds, 2),
                "tacitus_extract_seconds": round(self.cold_start.tacitus_extract_seconds, 2),
                "ratio": round(
                    self.cold_start.tacitus_extract_seconds / self.cold_start.spacy_load_seconds, 2
                ),
            },
            "component_share_of_spacy": {
                name: round(seconds / self.spacy.seconds, 4)
                for name, seconds in self.components.items()
            },
        }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def current_rss_mb() -> float:
    """Resident memory of this process now (Linux's /proc; 0 where it is missing)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return round(resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def _timed(name: str, work: Callable[[], object]) -> StageTiming:
    started = time.perf_counter()
    work()
    return StageTiming(name, time.perf_counter() - started, peak_rss_mb())


def run_bench(articles: list[SourceArticle]) -> BenchReport:
    """spaCy alone, then the full Tacitus extraction, then each Tacitus component on its own.

    Peak memory is the process's peak so far: spaCy's stage runs first, so its figure is
    spaCy's own; Tacitus's adds the gazetteer, dictionaries and models.
    """
    # One outlet for articles that name none: places then resolves each article twice, as
    # it does for a real outlet's articles (`tacitus.nlp.outlet_lexicon`).
    articles = [a if a.outlet or a.url else replace(a, outlet=BENCH_OUTLET) for a in articles]
    texts = [article.text for article in articles]
    batch_size = settings.PIPE_BATCH_SIZE
    gazetteer = _gazetteer_timing(texts)
    # spaCy first, before Tacitus is even loaded, so that its peak memory is its own. Each side
    # is warmed up, then drains its output as it goes (nothing kept), in batches of one size.
    baseline = spacy.load(settings.SPACY_MODEL)
    baseline.max_length = settings.MAX_ARTICLE_CHARS
    _drain(baseline.pipe(texts[:WARM_UP_ARTICLES]))
    spacy_stage = _timed("spacy", lambda: _drain(baseline.pipe(texts, batch_size=batch_size)))
    extractor = Extractor(shared_nlp())
    _drain(extractor.pipe(articles[:WARM_UP_ARTICLES]))
    forget_outlets(extractor.nlp)
    extractions: list[Extraction] = []
    tacitus_stage = _timed(
        "tacitus", lambda: extractions.extend(extractor.pipe(articles, batch_size))
    )
    forget_outlets(extractor.nlp)
    return BenchReport(
        articles=len(articles),
        words=sum(len(text.split()) for text in texts),
        spacy=spacy_stage,
        tacitus=tacitus_stage,
        gazetteer=gazetteer,
        clustering=_clustering_timing(extractions, tacitus_stage.seconds / len(articles)),
        components=_component_seconds(extractor, articles, batch_size),
        cold_start=_cold_start(articles[0].text),
    )


def _cold_start(text: str) -> ColdStart:
    """Time a new process loading spaCy's model alone, and one running `tacitus extract` on
    one article, each `COLD_START_RUNS` times (the fastest run counts)."""
    load_spacy = [sys.executable, "-c", f"import spacy; spacy.load({settings.SPACY_MODEL!r})"]
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "one.txt"
        article.write_text(text, encoding="utf-8")
        extract = [sys.executable, "-c", "from tacitus.cli import app; app()", "extract",
                   str(article)]  # fmt: skip
        return ColdStart(_fastest_run(load_spacy), _fastest_run(extract))


def _fastest_run(command: list[str]) -> float:
    seconds = []
    for _ in range(COLD_START_RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def _clustering_timing(extractions: list[Extraction], seconds_per_article: float
                       ) -> ClusteringTiming:  # fmt: skip
    """Ingest `CLUSTER_BENCH_ARTICLES` copies of the extractions into a new store, timing the
    clustering inside the ingest."""
    from tacitus.store import ingest, open_store

    copies = _copies(extractions, CLUSTER_BENCH_ARTICLES)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/bench.db")
        started = time.perf_counter()
        report = ingest(engine, copies)
        seconds = time.perf_counter() - started
        engine.dispose()
    events = sum(len(e.events) for e in extractions) * CLUSTER_BENCH_ARTICLES // len(extractions)
    return ClusteringTiming(
        articles=report.stored,
        events=events,
        ingest_seconds=seconds,
        clustering_seconds=report.clustering_seconds,
        extraction_seconds=seconds_per_article * report.stored,
    )


def _copies(extractions: list[Extraction], total: int) -> Iterator[Extraction]:
    """`total` extractions: the given ones, then copies with new ids, each copy's dates a
    further `REPLICA_SHIFT_DAYS` later."""
    for number in range(total):
        copy, original = divmod(number, len(extractions))
        data = extractions[original].to_json_dict()
        if copy:
            data["article"]["id"] = f"{data['article']['id']}-copy{copy}"
            shift = timedelta(days=REPLICA_SHIFT_DAYS * copy)
            data["article"]["published"] = _shifted(data["article"]["published"], shift)
            for event in data["events"]:
                if event["time"]:
                    for key in ("first_day", "last_day"):
                        event["time"][key] = _shifted(event["time"][key], shift)
        yield Extraction.model_validate(data)


def _shifted(day: str | None, shift: timedelta) -> str | None:
    return (date.fromisoformat(day) + shift).isoformat() if day else None


def _gazetteer_timing(texts: list[str]) -> GazetteerTiming:
    """Open the gazetteer index (built first if missing, untimed: that happens once) and
    look up the articles' capitalised words, before anything else is loaded."""
    path = default_path()
    if not path.exists():
        build_gazetteer(path)
    words = dict.fromkeys(word for text in texts for word in _CAPITALISED.findall(text))
    names = list(words)[:GAZETTEER_LOOKUPS]
    before = current_rss_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    for name in names:
        gazetteer.candidates(name)
    seconds = time.perf_counter() - started
    return GazetteerTiming(len(names), seconds, round(current_rss_mb() - before, 1))


def _drain(items: Iterable[object]) -> None:
    deque(items, maxlen=0)


def _component_seconds(
    extractor: Extractor, articles: list[SourceArticle], batch_size: int
) -> dict[str, float]:
    """Seconds each component of Tacitus's pipeline takes, in pipeline order: the model's own
    (as Tacitus runs them: its attribute ruler is `tacitus.nlp.attribute_index`'s), then the
    Tacitus components over the docs the model annotated."""
    nlp = extractor.nlp
    with nlp.select_pipes(disable=nlp.pipe_names):
        docs = list(annotate(nlp, map(doc_input, articles)))
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):  # as nlp.pipe runs it: a batch at a time
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    return seconds
