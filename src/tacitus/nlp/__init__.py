"""The spaCy side of Tacitus: one module per component, each a `Language.factory`."""

from tacitus.nlp.pipeline import COMPONENTS, build_nlp, shared_nlp

__all__ = ["COMPONENTS", "build_nlp", "shared_nlp"]
