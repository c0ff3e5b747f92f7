"""The Python API: extraction of articles, and a run that survives a failing component."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus import Extractor, SourceArticle, extract


@Language.component("test_fails_on_marker")
def fails_on_marker(doc: Doc) -> Doc:
    if "MARKER" in doc.text:
        raise KeyError("S")
    return doc


def test_extract_gives_schema_v1_with_article_metadata():
    extraction = extract(
        "Police arrested 12 protesters in the capital\non Monday.",
        published="2021-03-02",
        title="Arrests",
    )
    assert extraction.article.text == "Police arrested 12 protesters in the capital on Monday."
    assert extraction.article.published == "2021-03-02"
    assert extraction.article.title == "Arrests"
    assert extraction.to_json_dict()["schema"] == "tacitus/1"


def test_a_failing_article_is_reported_and_the_rest_extracted():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fails_on_marker")
    failures: list[tuple[str, str]] = []
    extractor = Extractor(nlp, on_error=lambda a, e: failures.append((a.origin, repr(e))))
    articles = [
        SourceArticle(text=text, origin=origin)
        for origin, text in [("one", "A quiet day."), ("two", "MARKER here."), ("three", "Rain.")]
    ]
    extracted = [e.article.text for e in extractor.pipe(articles, batch_size=8)]
    assert extracted == ["A quiet day.", "Rain."]
    assert failures == [("two", "KeyError('S')")]
