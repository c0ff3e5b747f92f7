"""From articles to schema v1 extractions: the Python API behind `tacitus extract`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from tacitus import settings
from tacitus.nlp import shared_nlp
from tacitus.nlp.extensions import LIST_EXTENSIONS, list_extension
from tacitus.schema import Extraction
from tacitus.sources import SourceArticle
from tacitus.sources.cleaning import clean_text
from tacitus.sources.metadata import parse_date


class Extractor:
    """Runs the Tacitus pipeline over articles, batching through `nlp.pipe`."""

    def __init__(
        self, nlp: Language | None = None, actor_dictionaries: tuple[str, ...] = ()
    ) -> None:
        """`actor_dictionaries`: extra actor files (YAML or PETRARCH .actors.txt) to use."""
        self.nlp = nlp if nlp is not None else shared_nlp(actor_dictionaries=actor_dictionaries)

    def pipe(
        self, articles: Iterable[SourceArticle], batch_size: int = settings.PIPE_BATCH_SIZE
    ) -> Iterator[Extraction]:
        """One extraction per article, in input order."""
        with_docs = ((self._make_doc(article), article) for article in articles)
        for doc, article in self.nlp.pipe(with_docs, as_tuples=True, batch_size=batch_size):
            yield extraction_of(doc, article)

    def __call__(self, article: SourceArticle) -> Extraction:
        return next(self.pipe([article]))

    def _make_doc(self, article: SourceArticle) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.published = article.published
        return doc


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
