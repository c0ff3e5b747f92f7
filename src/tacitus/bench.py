"""Speed and memory of Tacitus against spaCy's own pipeline, measured in the same run.

Ratios, not wall-clock limits: the machines are shared and noisy, so spaCy's pipeline on the
same articles in the same process is the yardstick.
"""

from __future__ import annotations

import os
import re
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import spacy

from tacitus import settings
from tacitus.extractor import Extractor, doc_input
from tacitus.gazetteer import Gazetteer, build_gazetteer, default_path
from tacitus.nlp import shared_nlp
from tacitus.nlp.pipeline import annotate, forget_outlets
from tacitus.sources import SourceArticle

#: The outlet given to benchmark articles that name none.
BENCH_OUTLET = "benchmark corpus"
#: Articles run once through both pipelines before timing starts.
WARM_UP_ARTICLES = 5
#: Distinct capitalised words of the articles looked up in the gazetteer when timing it.
GAZETTEER_LOOKUPS = 5_000
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]+")


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
class BenchReport:
    articles: int
    words: int
    spacy: StageTiming
    tacitus: StageTiming
    gazetteer: GazetteerTiming
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
    tacitus_stage = _timed("tacitus", lambda: _drain(extractor.pipe(articles, batch_size)))
    forget_outlets(extractor.nlp)
    return BenchReport(
        articles=len(articles),
        words=sum(len(text.split()) for text in texts),
        spacy=spacy_stage,
        tacitus=tacitus_stage,
        gazetteer=gazetteer,
        components=_component_seconds(extractor, articles, batch_size),
    )


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
    """Seconds each Tacitus component takes over docs already parsed by spaCy, in pipeline order."""
    nlp = extractor.nlp
    ours = [(name, component) for name, component in nlp.pipeline if name.startswith("tacitus_")]
    with nlp.select_pipes(disable=[name for name, _ in ours]):
        docs = list(annotate(nlp, map(doc_input, articles)))
    seconds: dict[str, float] = {}
    for name, component in ours:
        started = time.perf_counter()
        if hasattr(component, "pipe"):  # as nlp.pipe runs it: a batch at a time
            _drain(component.pipe(docs, batch_size=batch_size))
        else:
            for doc in docs:
                component(doc)
        seconds[name] = time.perf_counter() - started
    return seconds
