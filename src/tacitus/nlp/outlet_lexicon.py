"""Where each outlet's news happens, learned from its own articles: a local lexicon.

A local paper names its town and county without their state ("Dublin", "Mansfield",
"London" for the London Free Press) because its readers live there; the famous namesake
is rarely meant. Lieberman, Samet and Sankaranarayanan (ICDE 2010), who built the LGL
gold set, infer each paper's local lexicon from its articles. Here an outlet's lexicon
counts, over the outlet's articles read so far in this run, how many name a place in
each first-level division; a candidate in a division the outlet's articles often name
gets a bonus in the places component (`PLACES_OUTLET_HOME_WEIGHT`).

A division's support for a name leaves out the articles that place only that name there:
"Dublin", wrongly put in Ireland by every article of an Ohio paper, does not vouch for
Ireland, while Franklin County and Columbus vouch for Ohio.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

#: A first-level division as (ISO2 country, admin1 name); admin1 is None for a country.
Division = tuple[str | None, str | None]
#: What one article says: each resolved name key with the division its place lies in.
Reading = tuple[tuple[str, Division], ...]


def outlet_key(outlet: str | None, url: str | None = None) -> str | None:
    """The outlet an article comes from: its name, else its URL's host ("lfpress.ca")."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


@dataclass
class _OutletCounts:
    articles: int = 0
    #: division -> articles naming a place in it
    naming: Counter = field(default_factory=Counter)
    #: (division, name key) -> articles whose only place in the division has that name
    naming_only: Counter = field(default_factory=Counter)


class OutletLexicon:
    """Per outlet, how many of its articles name places in each division."""

    def __init__(self) -> None:
        self._outlets: dict[str, _OutletCounts] = defaultdict(_OutletCounts)

    def add(self, outlet: str | None, reading: Reading, sign: int = 1) -> None:
        """Count one article's reading (`sign` -1 takes it back out)."""
        if outlet is None:
            return
        counts = self._outlets[outlet]
        counts.articles += sign
        keys: dict[Division, set[str]] = defaultdict(set)
        for key, division in reading:
            keys[division].add(key)
        for division, names in keys.items():
            counts.naming[division] += sign
            if len(names) == 1:
                counts.naming_only[(division, next(iter(names)))] += sign

    def remove(self, outlet: str | None, reading: Reading) -> None:
        self.add(outlet, reading, sign=-1)

    @contextmanager
    def without(self, outlet: str | None, reading: Reading) -> Iterator[None]:
        """The lexicon with one article's reading left out: an article is no evidence
        for itself."""
        self.remove(outlet, reading)
        try:
            yield
        finally:
            self.add(outlet, reading)

    def knows(self, outlet: str | None) -> bool:
        """Whether any article of `outlet` is counted."""
        return self._counts(outlet) is not None

    def share(self, outlet: str | None, division: Division, key: str) -> float:
        """The share of the outlet's counted articles that name a place in `division`
        under a name other than `key`."""
        counts = self._counts(outlet)
        if counts is None:
            return 0.0
        naming = counts.naming[division] - counts.naming_only[(division, key)]
        return naming / counts.articles

    def _counts(self, outlet: str | None) -> _OutletCounts | None:
        counts = self._outlets.get(outlet) if outlet is not None else None
        return counts if counts is not None and counts.articles > 0 else None
