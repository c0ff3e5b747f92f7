"""The `Doc._` extensions Tacitus components read and write.

Every component reads ``doc._.published`` (a ``datetime.date`` or None) and, for places,
``doc._.outlet`` (the outlet's key, see `tacitus.nlp.outlet_lexicon.outlet_key`), and writes
its own list of plain dicts whose keys are exactly the schema v1 fields of that
list (see ``tacitus.schema``). Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: extension name -> default factory; lists are created per Doc, never shared.
LIST_EXTENSIONS = (
    "times",
    "places",
    "actors",
    "counts",
    "quotes",
    "attributions",
    "events",
)


def register_extensions() -> None:
    """Register the extensions once; safe to call repeatedly."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("outlet"):
        Doc.set_extension("outlet", default=None)
    if not Doc.has_extension("case_code"):
        Doc.set_extension("case_code", default=None)
    if not Doc.has_extension("joined_text"):
        Doc.set_extension("joined_text", default=None)
    for name in LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def list_extension(doc: Doc, name: str) -> list[dict]:
    """The component output `name` of `doc`, an empty list when no component set it."""
    value = getattr(doc._, name)
    return value if value is not None else []


def text_of(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per Doc: spaCy joins them again on every
    access, and each component reads the text (no component changes the tokens)."""
    text = doc._.joined_text
    if text is None:
        text = doc._.joined_text = doc.text
    return text


register_extensions()
