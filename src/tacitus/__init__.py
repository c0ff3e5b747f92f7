"""Tacitus: structured, sourced event data from news reports on conflict and politics."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tacitus.extractor import Extractor, extract
    from tacitus.schema import Extraction
    from tacitus.sources import SourceArticle

__all__ = ["Extraction", "Extractor", "SourceArticle", "extract"]
__version__ = "0.1.0"

#: Where each public name lives: imported on first use, so that `tacitus --help` and the
#: commands that never extract do not load spaCy.
_PUBLIC = {
    "Extraction": "tacitus.schema",
    "Extractor": "tacitus.extractor",
    "SourceArticle": "tacitus.sources",
    "extract": "tacitus.extractor",
}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'tacitus' has no attribute {name!r}")
    return getattr(import_module(_PUBLIC[name]), name)
