"""The clause around a trigger: walks of the dependency parse that the event modules share (the
verb of a token's clause, the objects of its prepositions, the character span of its clause,
definiteness)."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds `token` (the token itself when it is a verb)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current


def prepositional_objects(
    head: Token, words: Collection[str] | None = None, relation: str = "prep"
) -> list[Token]:
    """The objects of `head`'s prepositions ("attacks on Aleppo"), in text order: of those
    spelled as one of `words` when given, of the passive's "by" when `relation` is "agent"."""
    return [
        obj
        for preposition in head.children
        if preposition.dep_ == relation and (words is None or preposition.lower_ in words)
        for obj in preposition.children
        if obj.dep_ == "pobj"
    ]


def is_definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in noun.children)


def clause_span(head: Token) -> tuple[int, int]:
    """Character offsets of the clause of `head`'s verb, without the verbs conjoined to it."""
    verb = clause_verb(head)
    conjoined = {
        t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
        for t in c.subtree
    }  # fmt: skip
    clause = [t for t in verb.subtree if t.i not in conjoined] or [verb]
    return clause[0].idx, clause[-1].idx + len(clause[-1])
