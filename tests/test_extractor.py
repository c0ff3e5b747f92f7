"""The Python API: extraction of articles, and a run that survives a failing component."""

from __future__ import annotations

from datetime import date

import pytest
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


def test_worker_processes_give_the_serial_extractions_in_input_order(nlp):
    from tacitus.workers import WorkerPool

    articles = [
        SourceArticle(text=text, origin=f"written-{number}", published=date(2021, 6, 7))
        for number, text in enumerate(
            [
                "Gunmen killed four farmers near Kaduna on Sunday, police said.",
                "Thousands of teachers marched in Santiago on Monday to demand higher pay.",
                "Police in Dhaka arrested 12 people after clashes outside a factory.",
                "An air strike hit a fuel depot in Sanaa overnight, killing two guards.",
                "The two ministers met in Geneva on Friday to discuss a ceasefire.",
            ]
        )
    ]
    serial = [e.to_json_dict() for e in Extractor(nlp=nlp).pipe(articles)]
    parallel = [e.to_json_dict() for e in WorkerPool(2).pipe(articles, batch_size=1)]
    assert parallel == serial
    assert [e["article"]["id"] for e in parallel] == [a.id for a in articles]


def test_a_worker_pool_of_one_is_refused():
    from tacitus.workers import WorkerPool

    with pytest.raises(ValueError, match="at least 2 workers"):
        WorkerPool(1)
