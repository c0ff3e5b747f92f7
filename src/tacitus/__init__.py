"""Tacitus: structured, sourced event data from news reports on conflict and politics."""

from tacitus.extractor import Extractor, extract
from tacitus.schema import Extraction
from tacitus.sources import SourceArticle

__all__ = ["Extraction", "Extractor", "SourceArticle", "extract"]
__version__ = "0.1.0"
