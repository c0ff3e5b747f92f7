"""The indexed attribute ruler finds what spaCy's AttributeRuler finds, and sets the same."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from tacitus import settings
from tacitus.nlp.attribute_index import IndexedAttributeRuler, use_indexed_attribute_ruler

SENTENCES = [
    "Police said on Tuesday that 12 people were killed when gunmen opened fire in Kabul.",
    "There's nothin' y'all can do, ain't that right? She gets what she wants and got it.",
    "Mr. O'Neill wasn't there:  he'd gone to the U.S. embassy — 'n' stayed till 5 p.m.",
    "",
    "UNITED NATIONS (Reuters)\n\nThe Security Council voted 13-2 on a resolution.",
]


@pytest.fixture(scope="module")
def model():
    return spacy.load(settings.SPACY_MODEL)


def _annotations(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_models_ruler_is_swapped_and_annotates_alike(model):
    indexed = spacy.load(settings.SPACY_MODEL)
    use_indexed_attribute_ruler(indexed)
    ruler = indexed.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert indexed.pipe_names == model.pipe_names
    assert ruler.patterns == model.get_pipe("attribute_ruler").patterns
    for ours, theirs in zip(indexed.pipe(SENTENCES), model.pipe(SENTENCES), strict=True):
        assert _annotations(ours) == _annotations(theirs)


def test_the_models_patterns_all_go_to_the_index(model):
    ruler = IndexedAttributeRuler(model.vocab)
    ruler.add_patterns(model.get_pipe("attribute_ruler").patterns)
    assert len(ruler._residual) == 0


# Patterns of every kind the index reads, and one it cannot (a quantifier), on a vocab of
# their own: the matches must be spaCy's, in spaCy's order.
PATTERNS = [
    {"patterns": [[{"LOWER": "gets"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"TAG": {"IN": ["NNS", "NN"]}, "LOWER": {"NOT_IN": ["people"]}}]],
     "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"ORTH": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TEXT": "'"}, {"LOWER": "all"}]], "attrs": {"POS": "PRON"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the"]}, "IS_SPACE": False}]], "attrs": {"NORM": "x"}},
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], "attrs": {"POS": "ADJ"},
     "index": -1},
]  # fmt: skip


def test_matches_and_their_order_are_the_attribute_rulers():
    nlp = spacy.blank("en")
    theirs, ours = AttributeRuler(nlp.vocab), IndexedAttributeRuler(nlp.vocab)
    theirs.add_patterns(PATTERNS)
    ours.add_patterns(PATTERNS)
    assert len(ours._residual) == 1  # only the quantifier is left to spaCy's Matcher
    text = "Nothin' ai n't very very good, y' all know: the people gets\n\nthings nuthin"
    doc = nlp(text)
    doc[-1].tag_ = "NN"
    doc[-2].tag_ = "NNS"
    expected = theirs.match(doc)
    assert ours.match(doc) == expected
    assert ours.match(doc) == expected  # again, now from what it remembers of the tokens
    ours.set_annotations(doc, expected)
    assert doc[0].lemma_ == "nothing" and doc[-1].pos_ == "NOUN"
    assert doc[1].lemma_ == "be" and doc[5].pos_ == "ADJ" and doc[9].pos_ == "PRON"


def test_a_pattern_added_later_is_found_on_tokens_seen_before():
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add_patterns(PATTERNS[:1])
    doc = nlp("she gets up")
    assert [m[2] for m in ruler.match(doc)] == [1]
    ruler.add_patterns([{"patterns": [[{"LOWER": "up"}]], "attrs": {"LEMMA": "up"}}])
    assert [m[2] for m in ruler.match(doc)] == [1, 2]


def test_a_cleared_ruler_finds_nothing():
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add_patterns(PATTERNS)
    ruler.clear()
    assert ruler.match(nlp("she gets nothin'")) == []
