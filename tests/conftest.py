"""Shared fixtures: the pipeline (loaded once per test session) and the gold data."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from tacitus.nlp import shared_nlp
from tacitus.nlp.pipeline import annotate
from tacitus.settings import DEFAULT_DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return shared_nlp()


@pytest.fixture(scope="session")
def doc_of(nlp) -> Callable[..., Doc]:
    """Run the full pipeline over `text` as an article published on `published`."""

    def run(text: str, published: date | None = None) -> Doc:
        return next(annotate(nlp, [(text, published)]))

    return run


@pytest.fixture(scope="session")
def gold_data() -> Path:
    """../shared/data: skipped locally when absent, a failure in CI (CI=true)."""
    data = DEFAULT_DATA_DIR.resolve()
    if not data.is_dir():
        message = f"gold data not found at {data}; set TACITUS_DATA to ../shared/data"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return data
