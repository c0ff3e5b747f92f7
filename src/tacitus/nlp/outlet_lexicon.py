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

from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tacitus import settings

#: A first-level division as (ISO2 country, admin1 name); admin1 is None for a place the
#: gazetteer gives no division.
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
    #: The articles counted last: one read again (a batch retried article by article after
    #: a component failed, a republished copy) is not counted twice.
    recent: deque = field(default_factory=lambda: deque(maxlen=settings.PLACES_OUTLET_RECENT))

    def count(self, reading: Reading, sign: int) -> None:
        self.articles += sign
        keys: dict[Division, set[str]] = defaultdict(set)
        for key, division in reading:
            keys[division].add(key)
        for division, names in keys.items():
            self.naming[division] += sign
            if len(names) == 1:
                self.naming_only[(division, next(iter(names)))] += sign

    def halve(self) -> None:
        self.articles //= 2
        self.naming = Counter({k: v // 2 for k, v in self.naming.items() if v >= 2})
        self.naming_only = Counter({k: v // 2 for k, v in self.naming_only.items() if v >= 2})


class OutletLexicon:
    """Per outlet, how many of its articles name places in each division."""

    def __init__(self) -> None:
        #: outlets in the order they were last read
        self._outlets: dict[str, _OutletCounts] = {}

    def add(self, outlet: str | None, article: int, reading: Reading) -> None:
        """Count the reading of one article (`article` identifies it, a hash of its text)."""
        if outlet is None:
            return
        counts = self._outlets.pop(outlet, None) or _OutletCounts()
        self._outlets[outlet] = counts
        if article not in counts.recent:
            counts.recent.append(article)
            counts.count(reading, 1)

    @contextmanager
    def without(self, outlet: str | None, reading: Reading) -> Iterator[None]:
        """The lexicon with one counted article's reading left out: an article is no
        evidence for itself."""
        counts = self._outlets.get(outlet) if outlet is not None else None
        if counts is None:
            yield
            return
        counts.count(reading, -1)
        try:
            yield
        finally:
            counts.count(reading, 1)

    def age(self) -> None:
        """Keep a long run's lexicon bounded: an outlet's counts are halved when it reaches
        PLACES_OUTLET_MEMORY articles (recent articles weigh more, names not seen lately
        drop out), and past PLACES_OUTLET_MAX_OUTLETS outlets the least recently read one
        is forgotten."""
        for counts in self._outlets.values():
            if counts.articles >= settings.PLACES_OUTLET_MEMORY:
                counts.halve()
        while len(self._outlets) > settings.PLACES_OUTLET_MAX_OUTLETS:
            del self._outlets[next(iter(self._outlets))]

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
