"""Cue lexicon of the quotes component and the syntax helpers that read a cue's frame.

The lexicon (``resources/quotes/cues.yaml``) lists lemmas: verbs of saying, of belief
and of evidence. The helpers find a cue verb's subject (the speaker or source) and
its clausal complement (the reported content) in spaCy's dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

CUES_RESOURCE = ("tacitus.resources", "quotes/cues.yaml")

#: Dependencies of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Dependencies of a reported clause.
COMPLEMENT_DEPS = frozenset({"ccomp"})
#: Clauses that share their subject with the verb they hang from ("..., adding that").
SUBJECT_SHARING_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acomp"})
#: Dependents kept in a speaker phrase to the right of its head ("a spokesman for X").
PHRASE_RIGHT_DEPS = frozenset(
    {"prep", "pobj", "compound", "amod", "nummod", "flat", "nmod", "cc", "conj", "case", "acl"}
)
#: Pronoun -> class of antecedent it may refer to.
PRONOUN_CLASSES = {
    "he": "person",
    "him": "person",
    "she": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "we": "group",
    "it": "group",
}
#: Entity labels of names that are groups, not people.
GROUP_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    stance: frozenset[str]
    addressee: frozenset[str]
    scare_markers: frozenset[str]

    @property
    def all_verbs(self) -> frozenset[str]:
        return self.speech | self.cognition | self.evidence | self.stance

    @property
    def object_verbs(self) -> frozenset[str]:
        """Cue verbs whose direct object is the content ("announced a cease-fire")."""
        return (self.speech | self.evidence | self.stance) - self.addressee


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue lexicon, read once per process."""
    package, name = CUES_RESOURCE
    data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    return Cues(**{key: frozenset(data[key]) for key in Cues.__dataclass_fields__})


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it depends on when it has none of its own
    ("..., adding that ...", "declined to say"); a relative "who" gives its antecedent."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in ("who", "that") and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ not in SUBJECT_SHARING_DEPS or current.head is current:
            return None
        current = current.head
    return None


def complement_of(verb: Token) -> Token | None:
    """The clausal complement of a cue verb ("said [that the talks failed]"), else its
    open complement ("vowed [to retake the city]")."""
    open_complement = None
    for child in verb.children:
        if child.dep_ in COMPLEMENT_DEPS:
            return child
        if child.dep_ == "xcomp" and open_complement is None:
            open_complement = child
    return open_complement


def object_of(verb: Token) -> Token | None:
    """The direct object of a cue verb, or the object of its "for" ("called for a truce")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "for":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def phrase_of(head: Token) -> Span:
    """The noun phrase headed by `head`, without appositions or relative clauses
    ("Marine Le Pen, leader of ..." -> "Marine Le Pen"; "a spokesman for the mayor")."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_DEPS or child.is_punct:
            break
        end = child.right_edge.i + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def clause_chars(head: Token) -> tuple[int, int]:
    """Character span of `head`'s subtree without leading/trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return span_chars(doc[start], doc[end])
