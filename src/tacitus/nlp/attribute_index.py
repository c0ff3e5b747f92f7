"""spaCy's attribute ruler with its patterns looked up by token instead of tried at every token.

The model's `attribute_ruler` maps each tag to its universal POS and morphology and fixes a
few words ("gets" -> "get"), with about 180 Matcher patterns of one or two tokens. spaCy's
Matcher tries every pattern at every token, which made the ruler a tenth of spaCy's own
pipeline time. Nearly all of these patterns pin the first token to a word or a tag, so they
are indexed by that value: a token is tried only against the patterns that can start on it,
and what its attributes alone decide is remembered, as most tokens repeat a word, tag and
arc seen before. The matches, their order and the attributes set are the ruler's own (`match`
returns what `AttributeRuler.match` returns); a pattern the index cannot express
(quantifiers, extension attributes, other operators) stays with a spaCy Matcher, so any
model's ruler works.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

#: The token attributes an indexed pattern may test, read for all tokens at once; a pattern
#: is indexed by the first of them it pins to values (words before tags: fewer candidates).
INDEXED_ATTRIBUTES: tuple[str, ...] = ("LOWER", "ORTH", "NORM", "TAG", "POS", "DEP", "IS_SPACE")
_ATTRIBUTE_IDS = [LOWER, ORTH, NORM, TAG, POS, DEP, IS_SPACE]
_COLUMN = {name: column for column, name in enumerate(INDEXED_ATTRIBUTES)}
_COLUMN["TEXT"] = _COLUMN["ORTH"]  # the Matcher's other name for ORTH

#: A token's indexed attributes as `Doc.to_array` gives them (string hashes, flags as 0/1).
Row = tuple[int, ...]
#: (column, test of the column's value): one condition on one token.
Test = tuple[int, Callable[[int], bool]]
#: The tests of each token of a pattern, in order.
CompiledPattern = tuple[tuple[Test, ...], ...]
#: A rule's pattern: (rule number, rule key, pattern).
Rule = tuple[int, int, CompiledPattern]
#: A match as `AttributeRuler.match` gives it: (rule number, rule key, start, end).
RulerMatch = tuple[int, int, int, int]
#: What a token's attributes decide: the one-token rules it matches (rule number, rule key)
#: and the longer rules it can start.
Candidates = tuple[tuple[tuple[int, int], ...], tuple[Rule, ...]]


@Language.factory(
    "tacitus_attribute_ruler", default_config={"validate": False, "cache_size": 200_000}
)
def make_indexed_attribute_ruler(
    nlp: Language, name: str, validate: bool, cache_size: int
) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, cache_size=cache_size)


class IndexedAttributeRuler(AttributeRuler):
    """An `AttributeRuler` that finds its matches through an index of first-token values."""

    def __init__(
        self,
        vocab: Vocab,
        name: str = "attribute_ruler",
        *,
        validate: bool = False,
        cache_size: int = 200_000,
    ) -> None:
        """`cache_size`: distinct token attribute rows whose candidate rules are remembered
        (the memory is emptied when it is full)."""
        super().__init__(vocab, name, validate=validate)
        self.cache_size = cache_size
        self._reset_index()

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def _reset_index(self) -> None:
        #: column -> value -> the rules whose first token needs that value there.
        self._by_first_value: dict[int, dict[int, list[Rule]]] = defaultdict(
            lambda: defaultdict(list)
        )
        #: Rules whose first token is pinned to no value (only exclusions, expressions).
        self._unanchored: list[Rule] = []
        #: Patterns the index cannot express, matched by spaCy's Matcher.
        self._residual = Matcher(self.vocab, validate=self.validate)
        self._seen: dict[Row, Candidates] = {}

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        super().add(patterns, attrs, index)
        self._seen.clear()  # what a token can start has changed
        number = len(self.attrs) - 1
        key = self.vocab.strings[str(number)]
        for pattern in patterns:
            compiled = self._compiled(pattern)
            if compiled is None:
                self._residual.add(key, [pattern])
                continue
            anchor = _anchor(pattern[0])
            if anchor is None:
                self._unanchored.append((number, key, compiled))
                continue
            column, values = anchor
            for value in map(self._value_id, values):
                self._by_first_value[column][value].append((number, key, compiled))

    def _compiled(self, pattern: list[dict[str, Any]]) -> CompiledPattern | None:
        """The pattern's tests, or None when one of them is not a value, set or expression
        test on an indexed attribute."""
        compiled = []
        for token in pattern:
            tests = [self._test(name, wanted) for name, wanted in token.items()]
            if not tests or any(test is None for test in tests):
                return None
            compiled.append(tuple(tests))
        return tuple(compiled) or None

    def _test(self, name: str, wanted: Any) -> Test | None:
        column = _COLUMN.get(name.upper())
        if column is None:
            return None
        if not isinstance(wanted, dict):
            value = self._value_id(wanted)
            return column, value.__eq__
        if len(wanted) != 1:
            return None
        ((operator, argument),) = wanted.items()
        if operator in ("IN", "NOT_IN"):
            values = frozenset(map(self._value_id, argument))
            return column, values.__contains__ if operator == "IN" else _not_in(values)
        if operator == "REGEX" and column != _COLUMN["IS_SPACE"]:
            return column, _searches(re.compile(argument), self.vocab.strings)
        return None

    def _value_id(self, value: Any) -> int:
        """A value as `Doc.to_array` gives it: a string's hash, a flag's 0 or 1."""
        return self.vocab.strings.add(value) if isinstance(value, str) else int(value)

    def match(self, doc: Doc) -> list[RulerMatch]:
        rows: list[Row] = list(map(tuple, doc.to_array(_ATTRIBUTE_IDS).tolist()))
        found: set[RulerMatch] = set()
        for start, row in enumerate(rows):
            single, longer = self._starting_on(row)
            found.update((number, key, start, start + 1) for number, key in single)
            for number, key, pattern in longer:
                if _matches_at(pattern, rows, start):
                    found.add((number, key, start, start + len(pattern)))
        if len(self._residual):
            found.update(
                (int(self.vocab.strings[key]), key, start, end)
                for key, start, end in self._residual(doc, allow_missing=True, as_spans=False)
            )
        return sorted(found)

    def set_annotations(self, doc: Doc, matches: list[RulerMatch]) -> None:
        """`AttributeRuler.set_annotations` without building a Span per match."""
        for number, key, start, end in matches:
            index = self.indices[number]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:  # the ruler's own error for a bad index
                super().set_annotations(doc, [(number, key, start, end)])
            set_token_attrs(doc[position], self.attrs[number])

    def _starting_on(self, row: Row) -> Candidates:
        known = self._seen.get(row)
        if known is not None:
            return known
        single: list[tuple[int, int]] = []
        longer: list[Rule] = []
        for number, key, pattern in self._candidates(row):
            if _passes(pattern[0], row):
                if len(pattern) == 1:
                    single.append((number, key))
                else:
                    longer.append((number, key, pattern))
        if len(self._seen) >= self.cache_size:
            self._seen.clear()
        self._seen[row] = known = (tuple(single), tuple(longer))
        return known

    def _candidates(self, row: Row) -> Iterator[Rule]:
        for column, by_value in self._by_first_value.items():
            yield from by_value.get(row[column], ())
        yield from self._unanchored


def _anchor(token: dict[str, Any]) -> tuple[int, list[Any]] | None:
    """The column and values a pattern's first token is indexed by: the first attribute in
    `INDEXED_ATTRIBUTES` order that it pins to a value or a set of values."""
    pinned = {}
    for name, wanted in token.items():
        if not isinstance(wanted, dict):
            pinned[_COLUMN[name.upper()]] = [wanted]
        elif wanted.keys() == {"IN"}:
            pinned[_COLUMN[name.upper()]] = list(wanted["IN"])
    if not pinned:
        return None
    column = min(pinned)
    return column, pinned[column]


def _not_in(values: frozenset[int]) -> Callable[[int], bool]:
    return lambda value: value not in values


def _searches(expression: re.Pattern[str], strings: Any) -> Callable[[int], bool]:
    """The Matcher's REGEX test: a search in the attribute's string."""
    return lambda value: expression.search(strings[value]) is not None


def _passes(tests: tuple[Test, ...], row: Row) -> bool:
    return all(test(row[column]) for column, test in tests)


def _matches_at(pattern: CompiledPattern, rows: list[Row], start: int) -> bool:
    if start + len(pattern) > len(rows):
        return False
    return all(map(_passes, pattern, rows[start : start + len(pattern)]))


def use_indexed_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Swap the model's attribute ruler `name` for an indexed one with the same patterns."""
    if name not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, "tacitus_attribute_ruler").add_patterns(patterns)
