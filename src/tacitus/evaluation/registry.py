"""The registry of gold sets: each evaluation module registers its reader+scorer here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

Metrics = dict[str, float | int]


@dataclass
class EvalContext:
    """What a scorer gets: where the data is, how many records to read, the pipeline."""

    data_dir: Path
    limit: int | None = None
    _nlp: Language | None = field(default=None, repr=False)

    @property
    def nlp(self) -> Language:
        """The full Tacitus pipeline, built on first use and shared by all sets of one run."""
        if self._nlp is None:
            from tacitus.nlp import shared_nlp

            self._nlp = shared_nlp()
        return self._nlp

    def path(self, relative: str) -> Path:
        """A file of the gold data; a clear error when it is absent."""
        target = self.data_dir / relative
        if not target.exists():
            raise MissingGoldData(f"gold data not found: {target} (set --data or TACITUS_DATA)")
        return target


class MissingGoldData(FileNotFoundError):
    """The gold set is not on this machine."""


@dataclass(frozen=True)
class GoldSet:
    name: str
    description: str
    score: Callable[[EvalContext], Metrics]


GOLD_SETS: dict[str, GoldSet] = {}


def gold_set(name: str, description: str) -> Callable[[Callable[[EvalContext], Metrics]], Callable]:
    """Register `score` as the scorer of the gold set `name`."""

    def register(score: Callable[[EvalContext], Metrics]) -> Callable[[EvalContext], Metrics]:
        GOLD_SETS[name] = GoldSet(name, description, score)
        return score

    return register


def load_gold_sets() -> dict[str, GoldSet]:
    """Import every evaluation module so that each registers its gold sets."""
    import tacitus.evaluation as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"tacitus.evaluation.{module.name}")
    return GOLD_SETS
