"""Speed and memory of Tacitus against spaCy's own pipeline, measured in the same run.

Ratios, not wall-clock limits: the machines are shared and noisy, so spaCy's pipeline on the
same articles in the same process is the yardstick.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus import settings
from tacitus.extractor import Extractor
from tacitus.nlp import shared_nlp
from tacitus.sources import SourceArticle

#: Articles run once through both pipelines before timing starts.
WARM_UP_ARTICLES = 5


@dataclass
class StageTiming:
    name: str
    seconds: float
    peak_rss_mb: float


@dataclass
class BenchReport:
    articles: int
    words: int
    spacy: StageTiming
    tacitus: StageTiming
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
            "component_share_of_spacy": {
                name: round(seconds / self.spacy.seconds, 4)
                for name, seconds in self.components.items()
            },
        }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timed(name: str, work: Callable[[], object]) -> StageTiming:
    started = time.perf_counter()
    work()
    return StageTiming(name, time.perf_counter() - started, peak_rss_mb())


def run_bench(articles: list[SourceArticle]) -> BenchReport:
    """spaCy alone, then the full Tacitus extraction, then each Tacitus component on its own."""
    texts = [article.text for article in articles]
    baseline = spacy.load(settings.SPACY_MODEL)
    baseline.max_length = settings.MAX_ARTICLE_CHARS
    extractor = Extractor(shared_nlp())
    _warm_up(baseline, extractor, articles[:WARM_UP_ARTICLES])
    baseline_docs: list[Doc] = []
    spacy_stage = _timed("spacy", lambda: baseline_docs.extend(baseline.pipe(texts)))
    tacitus_stage = _timed("tacitus", lambda: list(extractor.pipe(articles)))
    return BenchReport(
        articles=len(articles),
        words=sum(len(text.split()) for text in texts),
        spacy=spacy_stage,
        tacitus=tacitus_stage,
        components=_component_seconds(extractor, baseline_docs, articles),
    )


def _warm_up(baseline: Language, extractor: Extractor, articles: list[SourceArticle]) -> None:
    """Load lazily built resources and warm caches so neither side pays them in its timing."""
    list(baseline.pipe(article.text for article in articles))
    list(extractor.pipe(articles))


def _component_seconds(
    extractor: Extractor, docs: list[Doc], articles: list[SourceArticle]
) -> dict[str, float]:
    """Seconds each Tacitus component takes over docs already parsed by spaCy, in pipeline order."""
    for doc, article in zip(docs, articles, strict=True):
        doc._.published = article.published
    seconds: dict[str, float] = {}
    for name, component in extractor.nlp.pipeline:
        if not name.startswith("tacitus_"):
            continue
        started = time.perf_counter()
        for doc in docs:
            component(doc)
        seconds[name] = time.perf_counter() - started
    return seconds
