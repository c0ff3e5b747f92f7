"""Reading quantities written in news text: "31,000", "1.5 million", "forty-one", "dozens",
"some 40", "more than 20", "between 5 and 7", "tens of thousands", "two dozen", "a hundred",
"2 lakh", "1.5 crore", "2,50,000" (South Asian grouping), "two point five million".

Works on lower-cased token texts, so any component can reuse it on spaCy tokens:
`read_quantity(words, i)` reads the quantity starting at ``words[i]`` and returns it with the
index just past it. The best/low/high rules are the one table `QUANTITY_RULES` below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
#: words that multiply the number before them ("two dozen", "3 lakh"); lakh and crore are the
#: South Asian hundred thousand and ten million, with their common spellings
SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000,
    "lac": 100_000, "lacs": 100_000, "million": 1_000_000, "crore": 10_000_000,
    "crores": 10_000_000, "billion": 1_000_000_000,
}  # fmt: skip
#: "31,000", "31 000", "1.5", and the South Asian grouping of lakhs and crores ("2,50,000")
DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f ]\d{3})+$|^\d+(?:\.\d+)?$|^\d{1,2}(?:,\d{2})+,\d{3}$")
ARTICLES = frozenset({"a", "an"})
#: "two point five million": the word that reads the digits after it as decimals
DECIMAL_POINT = "point"

# fmt: off
#: THE TABLE of best/low/high rules. ACLED's codebook is conservative: the best figure is the
#: lowest number the wording supports ("dozens" = 12, "more than 20" = 20, "20 to 30" = 20),
#: while low/high keep the honest range the words allow. N is the number written.
#:
#: wording                                  best     low         high        approximate
#: "40", "forty", "1.5 million", "two
#:  dozen", "a hundred", "2 lakh"            N        N           N           no
#: "some/about/around/approximately/
#:  roughly/an estimated/nearly/almost N"   N        0.9N (1)    1.1N / N    yes
#: "at least/more than/over/upwards of/
#:  in excess of/no fewer than N"           N        N           N   (2)     yes
#: "up to/as many as/fewer than/
#:  less than/at most N"                    N        1           N           yes
#: "20 to 30", "20-30", "between 20 and 30" low      20          30          yes
#: "a handful", "a few"                     3        2           5           yes
#: "several", "a number of"                 3        3           9           yes
#: "tens"                                   10       10          99          yes
#: "dozens"                                 12       12          99          yes
#: "several S" / "a few S" (S a scale
#:  word: "several dozen", "a few hundred") 3S       3S / 2S     9S / 5S     yes
#: "lakhs" / "crores"                       1e5/1e7  1e5/1e7     < 1e7/1e9   yes
#: "scores"                                 20       20          99          yes
#: "many"                                   10       10          99          yes
#: "hundreds" / "thousands" / "millions"    100 ...  100 ...     999 ...     yes
#: "tens of thousands" (of millions ...)    10 000   10 000      99 999      yes
#: "hundreds of thousands"                  100 000  100 000     999 999     yes
#: (1) "nearly/almost N": low 0.9N, high N.  (2) an open range has no figure above N in its
#: words, and schema v1 has no "unknown" high: high is N, the highest figure stated, and
#: `approximate` tells N is a floor. Nothing above it is invented.
#: A quantity that is also "approximately" written (vague words, hedges, ranges) has
#: approximate = True; exact figures have approximate = False.
# fmt: on

#: vague quantity word -> (best, low, high)
VAGUE = {
    "handful": (3, 2, 5),
    "few": (3, 2, 5),
    "several": (3, 3, 9),
    "number": (3, 3, 9),
    "tens": (10, 10, 99),
    "dozens": (12, 12, 99),
    "scores": (20, 20, 99),
    "many": (10, 10, 99),
    "hundreds": (100, 100, 999),
    "thousands": (1_000, 1_000, 9_999),
    "millions": (1_000_000, 1_000_000, 9_999_999),
    "lakhs": (100_000, 100_000, 9_999_999),
    "lacs": (100_000, 100_000, 9_999_999),
    "crores": (10_000_000, 10_000_000, 999_999_999),
}
#: vague words that count units of the scale word after them: "several hundred", "a few dozen"
VAGUE_MULTIPLES = frozenset({"few", "several"})
#: hedge words before a number -> how they turn N into (low, high)
HEDGES = {
    "some": "about", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "estimated": "about", "approx": "about", "circa": "about",
    "nearly": "below", "almost": "below", "close to": "below",
    "at least": "above", "more than": "above", "over": "above", "upwards of": "above",
    "in excess of": "above", "no fewer than": "above", "no less than": "above",
    "up to": "upto", "as many as": "upto", "fewer than": "upto", "less than": "upto",
    "at most": "upto", "under": "upto",
}  # fmt: skip
RANGE_JOINERS = frozenset({"to", "-", "–", "or"})


@dataclass(frozen=True)
class Quantity:
    best: int
    low: int
    high: int
    approximate: bool


def number_value(word: str) -> float | None:
    """The value of one token: "31,000" -> 31000, "1.5" -> 1.5, "forty" -> 40."""
    if DIGITS.match(word):
        return float(re.sub(r"[,\u202f ]", "", word))
    if word in UNITS:
        return float(UNITS[word])
    return None


def read_number(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """An exact number starting at words[i]: digits or number words, with scale words ("two
    dozen", "a hundred", "half a dozen", "1.5 lakh") and spoken decimals ("two point five")."""
    total, current, j, seen = 0.0, 0.0, i, False
    article = unit_article(words, i)
    if article is not None:  # "a hundred", "a dozen", "half a dozen"
        (current, j), seen = article, True
    fraction_read = False
    while j < len(words):
        word = words[j]
        value = number_value(word)
        if value is not None and not fraction_read and (not seen or adds_to(current, value, word)):
            current += value
            seen = True
        elif word in SCALES and seen:
            current = (current or 1) * SCALES[word]
            fraction_read = False
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word == DECIMAL_POINT and seen and not fraction_read and current == int(current):
            decimals = read_decimals(words, j + 1)
            if decimals is None:
                break
            fraction, j = decimals
            current, fraction_read = current + fraction, True
            continue
        elif word == "-" and seen and j + 1 < len(words) and words[j + 1] in UNITS:
            pass  # forty-one
        elif word == "and" and seen and j + 1 < len(words) and words[j + 1] in UNITS:
            pass  # two hundred and fifty
        else:
            break
        j += 1
    if not seen:
        return None
    return total + current, j


def unit_article(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """(value, index of the scale word) of an article standing for one unit of the scale
    word after it: "a hundred" (1), "a dozen" (1), "half a dozen" (0.5)."""
    if words[i] == "half" and i + 2 < len(words) and words[i + 1] in ARTICLES:
        return (0.5, i + 2) if words[i + 2] in SCALES else None
    if words[i] in ARTICLES and i + 1 < len(words) and words[i + 1] in SCALES:
        return 1.0, i + 1
    return None


def read_decimals(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """The digits spoken after "point", each one word ("five", "two five", "5"), as a
    fraction, with the index past them; None when no digit follows."""
    digits = []
    while i < len(words) and (digit := decimal_digit(words[i])) is not None:
        digits.append(digit)
        i += 1
    if not digits:
        return None
    return float("0." + "".join(digits)), i


def decimal_digit(word: str) -> str | None:
    if len(word) == 1 and word.isdigit():
        return word
    value = UNITS.get(word)
    return str(value) if value is not None and value < 10 else None


def adds_to(current: float, value: float, word: str) -> bool:
    """Whether number word `word` continues a number read so far: "twenty one", "hundred
    and five", not "one six" ("two children, one six and the other ten years old")."""
    if DIGITS.match(word):
        return not current
    tens = current >= 20 and current % 10 == 0 and value < 10
    return not current or tens or (current % 100 == 0 and value < 100)


def read_vague(words: Sequence[str], i: int) -> tuple[tuple[int, int, int], int] | None:
    """A vague quantity at words[i]: "dozens", "tens of thousands", "a handful", "a few"."""
    j = i + 1 if words[i] in {"a", "an"} and i + 1 < len(words) else i
    word = words[j]
    if word not in VAGUE or (word in {"few", "handful", "number"} and j == i):
        return None
    best, low, high = VAGUE[word]
    j += 1
    if word in VAGUE_MULTIPLES and j < len(words) and words[j] in SCALES:  # "several hundred"
        scale = SCALES[words[j]]
        return (best * scale, low * scale, high * scale), j + 1
    # "tens of thousands", "hundreds of thousands"
    if j + 1 < len(words) and words[j] == "of" and words[j + 1] in VAGUE | SCALES.keys():
        scale = VAGUE[words[j + 1]][0] if words[j + 1] in VAGUE else SCALES[words[j + 1]]
        best, low, high = best * scale, low * scale, (high + 1) * scale - 1
        j += 2
    return (best, low, high), j


def read_quantity(words: Sequence[str], i: int) -> tuple[Quantity, int, int] | None:
    """The quantity whose number starts at words[i], with any hedge written before it.

    Returns (quantity, first index including the hedge, index past the quantity).
    """
    hedge, first = hedge_before(words, i)
    if words[i] == "between":
        return read_between(words, i)
    vague = read_vague(words, i)
    if vague is not None:
        (best, low, high), end = vague
        return Quantity(best, low, high, True), first, end
    number = read_number(words, i)
    if number is None:
        return None
    value, end = number
    if end + 1 < len(words) and words[end] in RANGE_JOINERS:
        upper = read_number(words, end + 1)
        if upper is not None and upper[0] > value:
            return range_quantity(value, upper[0]), first, upper[1]
    return hedged(value, hedge), first, end


def read_between(words: Sequence[str], i: int) -> tuple[Quantity, int, int] | None:
    """A range written "between 5 and 7"."""
    lower = read_number(words, i + 1)
    if lower is None or lower[1] >= len(words) - 1 or words[lower[1]] != "and":
        return None
    upper = read_number(words, lower[1] + 1)
    if upper is None or upper[0] <= lower[0]:
        return None
    return range_quantity(lower[0], upper[0]), i, upper[1]


def range_quantity(low: float, high: float) -> Quantity:
    return Quantity(round(low), round(low), round(high), True)


def hedge_before(words: Sequence[str], i: int) -> tuple[str | None, int]:
    """The hedge ("some", "more than", "upwards of") ending just before words[i]."""
    for width in (3, 2, 1):
        if i - width >= 0:
            phrase = " ".join(words[i - width : i])
            if phrase in HEDGES:
                return HEDGES[phrase], i - width
    if i >= 2 and words[i - 1] == "estimated" and words[i - 2] == "an":
        return "about", i - 2
    return None, i


#: hedge -> (low, high) as multiples of N; a low of 0 means 1 ("up to 50": 1 to 50)
HEDGE_RANGES = {"about": (0.9, 1.1), "below": (0.9, 1.0), "above": (1.0, 1.0), "upto": (0.0, 1.0)}


def hedged(value: float, hedge: str | None) -> Quantity:
    """Apply the table above to the number N = value under `hedge`."""
    n = round(value)
    if hedge is None:
        return Quantity(n, n, n, False)
    low_factor, high_factor = HEDGE_RANGES[hedge]
    low = round(low_factor * value) if low_factor else min(1, n)
    return Quantity(n, low, round(high_factor * value), True)
