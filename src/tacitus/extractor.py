"""From articles to schema v1 extractions: the Python API behind `tacitus extract`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from tacitus import settings
from tacitus.nlp import shared_nlp
from tacitus.nlp.extensions import LIST_EXTENSIONS, list_extension
from tacitus.nlp.outlet_lexicon import outlet_key
from tacitus.nlp.pipeline import DocInput, annotate
from tacitus.schema import Extraction
from tacitus.sources import SourceArticle
from tacitus.sources.cleaning import clean_text
from tacitus.sources.metadata import parse_date

ErrorReporter = Callable[[SourceArticle, Exception], None]


def report_to_stderr(article: SourceArticle, error: Exception) -> None:
    print(
        f"tacitus: {article.origin}: extraction failed ({type(error).__name__}: {error});"
        " article skipped",
        file=sys.stderr,
    )


def doc_input(article: SourceArticle) -> DocInput:
    return DocInput(article.text, article.published, outlet_key(article.outlet, article.url))


class Extractor:
    """Runs the Tacitus pipeline over articles, batching through `nlp.pipe`."""

    def __init__(
        self,
        nlp: Language | None = None,
        actor_dictionaries: tuple[str, ...] = (),
        on_error: ErrorReporter = report_to_stderr,
    ) -> None:
        """`actor_dictionaries`: extra actor files (YAML or PETRARCH .actors.txt) to use.
        `on_error` hears of each article a component failed on; the run goes on without it."""
        self.nlp = nlp if nlp is not None else shared_nlp(actor_dictionaries=actor_dictionaries)
        self.on_error = on_error

    def pipe(
        self, articles: Iterable[SourceArticle], batch_size: int = settings.PIPE_BATCH_SIZE
    ) -> Iterator[Extraction]:
        """One extraction per article, in input order; an article that fails is reported."""
        iterator = iter(articles)
        while batch := list(islice(iterator, batch_size)):
            yield from self._extract_batch(batch)

    def __call__(self, article: SourceArticle) -> Extraction:
        """The extraction of one article; errors are raised, not reported."""
        # nlp.pipe, not nlp(): spaCy's __call__ rewrites a component's KeyError as E109
        return extraction_of(next(annotate(self.nlp, [doc_input(article)])), article)

    def _extract_batch(self, batch: list[SourceArticle]) -> Iterator[Extraction]:
        try:
            docs = list(annotate(self.nlp, map(doc_input, batch), len(batch)))
        except Exception:  # one article broke a component: redo the batch so only it is lost
            yield from self._extract_one_by_one(batch)
            return
        for doc, article in zip(docs, batch, strict=True):
            yield from self._guarded(partial(extraction_of, doc, article), article)

    def _extract_one_by_one(self, batch: list[SourceArticle]) -> Iterator[Extraction]:
        for article in batch:
            yield from self._guarded(partial(self, article), article)

    def _guarded(
        self, work: Callable[[], Extraction], article: SourceArticle
    ) -> Iterator[Extraction]:
        try:
            yield work()
        except Exception as error:  # a component's bug must not stop a run of many articles
            self.on_error(article, error)


def extraction_of(doc: Doc, article: SourceArticle) -> Extraction:
    """The schema v1 object for an annotated Doc; validates every component's output."""
    lists = {name: list_extension(doc, name) for name in LIST_EXTENSIONS}
    return Extraction.model_validate(
        {"article": article.to_schema(), "case_code": doc._.case_code, **lists}
    )


def extract(text: str, published: date | str | None = None, **meta: str) -> Extraction:
    """Extract everything from one article text (cleaned first), dated `published`."""
    if isinstance(published, str):
        parsed = parse_date(published)
        if parsed is None:
            raise ValueError(f"cannot read the publication date {published!r} (use YYYY-MM-DD)")
        published = parsed
    article = SourceArticle(text=clean_text(text), origin="<text>", published=published, **meta)
    return Extractor()(article)
