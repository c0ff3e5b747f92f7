"""Builds the spaCy pipeline with the Tacitus components, once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus import settings
from tacitus.nlp import extensions  # noqa: F401  (registers the Doc._ extensions)
from tacitus.nlp.attribute_index import use_indexed_attribute_ruler

#: The Tacitus components in the order they run; later ones read earlier ones' output.
COMPONENTS: tuple[str, ...] = (
    "tacitus_document",
    "tacitus_times",
    "tacitus_places",
    "tacitus_actors",
    "tacitus_counts",
    "tacitus_quotes",
    "tacitus_events",
)


def build_nlp(
    components: Sequence[str] = COMPONENTS,
    model: str = settings.SPACY_MODEL,
    actor_dictionaries: tuple[str, ...] = (),
) -> Language:
    """A fresh spaCy pipeline: `model` followed by the named Tacitus components.

    `actor_dictionaries` are the user's extra actor files (YAML or PETRARCH .actors.txt).
    """
    _import_component_modules()
    nlp = spacy.load(model)
    nlp.max_length = settings.MAX_ARTICLE_CHARS
    use_indexed_attribute_ruler(nlp)  # the same POS, morphology and lemmas, an eighth the cost
    configs = {"tacitus_actors": {"extra_dictionaries": list(actor_dictionaries)}}
    for name in components:
        nlp.add_pipe(name, config=configs.get(name, {}))
    return nlp


@lru_cache(maxsize=4)
def shared_nlp(
    components: tuple[str, ...] = COMPONENTS,
    model: str = settings.SPACY_MODEL,
    actor_dictionaries: tuple[str, ...] = (),
) -> Language:
    """The pipeline shared by every caller in this process (loading costs seconds)."""
    return build_nlp(components, model, actor_dictionaries)


def _import_component_modules() -> None:
    """Importing a component module runs its `Language.factory` registration."""
    import importlib
    import pkgutil

    import tacitus.nlp as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"tacitus.nlp.{module.name}")


def forget_outlets(nlp: Language) -> None:
    """Start a new run: the places component forgets the outlets' lexicons it learned."""
    if "tacitus_places" in nlp.pipe_names:
        nlp.get_pipe("tacitus_places").forget_outlets()


class DocInput(NamedTuple):
    """What the pipeline reads besides the text: when and where it was published."""

    text: str
    published: date | None = None
    #: The outlet's key (`tacitus.nlp.outlet_lexicon.outlet_key`).
    outlet: str | None = None


def annotate(
    nlp: Language,
    texts: Iterable[DocInput | tuple[str, date | None]],
    batch_size: int = settings.PIPE_BATCH_SIZE,
) -> Iterator[Doc]:
    """Run `nlp` over texts with their publication date (and outlet), in batches through
    `nlp.pipe`."""

    def docs() -> Iterator[Doc]:
        for item in texts:
            given = DocInput(*item)
            doc = nlp.make_doc(given.text)
            doc._.published = given.published
            doc._.outlet = given.outlet
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)
