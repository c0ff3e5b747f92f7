"""The actor dictionary: phrases that name actors, each with country, sector, kind and code.

Tacitus's own dictionary is the YAML in ``tacitus/resources/actors/`` (countries with their
demonyms and capitals, organizations, persons, role words). Users add YAML files in the same
layout, or PETRARCH/Phoenix ``.actors.txt`` files, through ``load_dictionary(extra_paths)``.

Text is matched on a light token sequence of its own (``tokenize``), so a free actor text and
a spaCy Doc are matched the same way: lower case, dots and curly apostrophes removed, hyphens
dropped ("al-Nusra" = "al Nusra"). Proper names also have to be capitalised as in the
dictionary, and short all-capital abbreviations ("US", "WHO", "IS") must be written so.
`ActorDictionary.misspelt` finds the one country, capital, demonym or known person a
capitalised word misspells by one letter ("Quatar", "Dehli", "Mitterand").

One entry is one actor. A name that two entries bear on purpose ("Brussels": the European
Union and the Belgian capital) is marked ``ambiguous`` on the entries where it is the less
usual reading; the entry that does not mark it wins the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry
import yaml

#: How an entry names its actor; decides how the resolver combines matches.
STATE, DEMONYM, METONYM, REGION, CITY, ORG, PERSON, ROLE = (
    "state",
    "demonym",
    "metonym",
    "region",
    "city",
    "org",
    "person",
    "role",
)
#: Entry types that are proper names and must be capitalised in the text.
PROPER_TYPES = {STATE, DEMONYM, METONYM, REGION, CITY, ORG, PERSON}

#: Kind of actor by sector when the dictionary gives no kind.
KIND_BY_SECTOR = {
    "GOV": "government",
    "LEG": "government",
    "JUD": "government",
    "SPY": "government",
    "MIL": "military",
    "COP": "police",
    "REB": "rebel",
    "INS": "rebel",
    "PRM": "militia",
    "PTY": "party",
    "OPP": "other",
    "IGO": "igo",
    "NGO": "ngo",
    "JRN": "media",
    "CVL": "civilians",
    "REF": "civilians",
}
#: Sectors implied by the non-state first codes of PETRARCH (militarized groups, NGOs, firms).
NON_STATE_SECTORS = {"IMG": "REB", "NGO": "NGO", "NGM": "NGO", "MNC": "BUS"}

TOKEN_PATTERN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+|'s\b|[^\w\s]")
ABBREVIATION_MAX_LETTERS = 5


@dataclass(frozen=True)
class ActorEntry:
    """What a dictionary phrase stands for."""

    name: str
    type: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    bloc: str | None = None  # the IGO family (UNO, EUR, NAT...) for international bodies
    person_title: bool = False  # a role word that can title a personal name
    standalone: bool = True  # False: a vague role word that is an actor only with a modifier
    #: (first day, last day, code) periods from PETRARCH dictionaries; empty otherwise.
    periods: tuple[tuple[date | None, date | None, str], ...] = ()

    def at(self, when: date | None) -> ActorEntry:
        """The entry as coded on `when` (PETRARCH entries change code with office)."""
        if not self.periods:
            return self
        fields = _fields_of_code(_choose_period(self.periods, when))
        if self.type == PERSON:
            fields["kind"] = self.kind  # a former leader is still a person
        return replace(self, **fields, periods=())


@dataclass(frozen=True)
class Phrase:
    surface: tuple[str, ...]  # the phrase's tokens as written in the dictionary
    entry: ActorEntry
    case_sensitive: bool
    #: marked ambiguous: the entry is the less usual reading of the phrase
    secondary: bool = False


@dataclass(frozen=True)
class Match:
    """A dictionary phrase found in a text: token positions, character offsets, entry."""

    first: int
    last: int  # exclusive
    start: int
    end: int
    entry: ActorEntry


@dataclass
class ActorDictionary:
    phrases: dict[tuple[str, ...], list[Phrase]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    #: surname -> the persons of the dictionary who bear it ("Obama" -> Barack Obama)
    surnames: dict[str, list[ActorEntry]] = field(default_factory=dict)
    #: one-letter deletions of one-word proper names and surnames -> those words
    _deletions: dict[str, set[str]] | None = field(default=None, repr=False)
    _name_words: dict[ActorEntry, frozenset[str]] | None = field(default=None, repr=False)

    def misspelt(self, word: str) -> ActorEntry | None:
        """The one country, capital, region or person a capitalised word misspells by one
        letter added, dropped, changed or swapped ("Quatar", "Phillippines", "Mitterand",
        "Khatmandu"); None when there is no such name or more than one."""
        key = word.lower()
        if len(key) < MISSPELLING_MIN_LETTERS or not word[:1].isupper():
            return None
        if (key,) in self.phrases or key in self.surnames:
            return None  # a name of its own
        names = {
            name
            for variant in (key, *_deletions(key))
            for name in self._deletion_index().get(variant, ())
            if name[0] == key[0] and _one_edit_apart(name, key)
        }
        entries = {e for name in names for e in self._entries_of(name)}
        if len({(e.country, e.bloc, e.type == PERSON) for e in entries}) != 1:
            return None
        return next(iter(entries))

    def _entries_of(self, name: str) -> list[ActorEntry]:
        places = [
            p.entry for p in self.phrases.get((name,), ()) if p.entry.type in MISSPELLABLE_TYPES
        ]
        return places or self.surnames.get(name, [])

    def _deletion_index(self) -> dict[str, set[str]]:
        if self._deletions is None:
            words = [
                key[0]
                for key, phrases in self.phrases.items()
                if len(key) == 1 and any(p.entry.type in MISSPELLABLE_TYPES for p in phrases)
            ]
            self._deletions = {}
            for word in [*words, *self.surnames]:
                if len(word) >= MISSPELLING_MIN_LETTERS:
                    for variant in (word, *_deletions(word)):
                        self._deletions.setdefault(variant, set()).add(word)
        return self._deletions

    def name_words(self, entry: ActorEntry) -> frozenset[str]:
        """The lower-case words of every spelling of a person's names ("recep", "tayyip",
        "erdogan"), to tell the person from a namesake ("Maria Erdogan")."""
        if self._name_words is None:
            words: dict[ActorEntry, set[str]] = {}
            for key, phrases in self.phrases.items():
                for phrase in phrases:
                    if phrase.entry.type == PERSON:
                        words.setdefault(phrase.entry, set()).update(key)
            self._name_words = {entry: frozenset(found) for entry, found in words.items()}
        return self._name_words.get(entry, frozenset())

    def person_by_surname(self, name: str, when: date | None = None) -> ActorEntry | None:
        """The one known person a bare surname can mean ("President Obama"), as coded on
        `when`; None when the surname is unknown or its bearers differ in country or sector."""
        words = name.split()
        if len(words) != 1 or not words[0][:1].isupper():
            return None
        bearers = self.surnames.get(words[0].lower(), [])
        if not bearers or len({(b.country, b.bloc, b.sector) for b in bearers}) > 1:
            return None
        return bearers[0].at(when)

    def add(
        self,
        alias: str,
        entry: ActorEntry,
        case_sensitive: bool | None = None,
        secondary: bool = False,
    ) -> None:
        """Add a phrase for `entry`; a `secondary` phrase (marked ambiguous) gives way to the
        other entries of the same phrase, whatever the order they are loaded in."""
        surface = tuple(token for token, _, _ in tokenize(alias))
        if len(surface) > 1 and surface[0].lower() == "the":
            surface = surface[1:]  # "The Pentagon" is matched as "Pentagon", in any case of "the"
        if not surface:
            return
        key = tuple(normalize(token) for token in surface)
        if case_sensitive is None:
            case_sensitive = entry.type in PROPER_TYPES
        bucket = self.phrases.setdefault(key, [])
        if any(p.entry == entry and p.surface == surface for p in bucket):
            return
        phrase = Phrase(surface, entry, case_sensitive, secondary)
        if secondary:
            bucket.append(phrase)
        else:
            first_secondary = next((i for i, p in enumerate(bucket) if p.secondary), len(bucket))
            bucket.insert(first_secondary, phrase)
        for length in range(1, len(key) + 1):
            self.prefixes.add(key[:length])

    def find(self, tokens: Sequence[tuple[str, int, int]]) -> list[Match]:
        """Longest dictionary phrases in a token sequence, left to right, not overlapping."""
        keys = [normalize(token) for token, _, _ in tokens]
        surfaces = [token for token, _, _ in tokens]
        whole_upper = _mostly_upper(surfaces)
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            found = self._longest_at(keys, surfaces, i, whole_upper)
            if found is None:
                i += 1
                continue
            length, entry = found
            matches.append(Match(i, i + length, tokens[i][1], tokens[i + length - 1][2], entry))
            i += length
        return matches

    def _longest_at(
        self, keys: list[str], surfaces: list[str], i: int, whole_upper: bool
    ) -> tuple[int, ActorEntry] | None:
        best = None
        length = 1
        while i + length <= len(keys) and tuple(keys[i : i + length]) in self.prefixes:
            key = tuple(keys[i : i + length])
            for phrase in self.phrases.get(key, ()):
                if _case_fits(phrase, surfaces[i : i + length], whole_upper):
                    best = (length, phrase.entry)
                    break
            length += 1
        return best


#: Names shorter than this are not corrected: too many short words are one letter apart.
MISSPELLING_MIN_LETTERS = 5
#: Entry types whose one-word names are corrected when misspelt.
MISSPELLABLE_TYPES = {STATE, DEMONYM, METONYM, REGION}


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit_apart(first: str, second: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of `text`; hyphens inside words are left out so compounds join, but a
    dash standing between spaces ("BEIRUT - Syrian troops") separates what it stands between."""
    text = text.replace("\u2019", "'")
    return [
        (m.group(), m.start(), m.end())
        for m in TOKEN_PATTERN.finditer(text)
        if m.group() not in _HYPHENS or _between_spaces(text, m.start(), m.end())
    ]


_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def _between_spaces(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isspace() and text[end].isspace()


def normalize(token: str) -> str:
    return token.lower().replace(".", "") or token


def _mostly_upper(surfaces: list[str]) -> bool:
    """An all-capitals text (headline, dateline, PETRARCH phrase) cannot show case."""
    letters = [s for s in surfaces if s[:1].isalpha()]
    return bool(letters) and sum(s.isupper() for s in letters) > 0.8 * len(letters) > 1


def _case_fits(phrase: Phrase, surfaces: list[str], whole_upper: bool) -> bool:
    if not phrase.case_sensitive or whole_upper:
        return True
    for written, seen in zip(phrase.surface, surfaces, strict=True):
        letters = written.replace(".", "")
        if letters.isupper() and len(letters) <= ABBREVIATION_MAX_LETTERS:
            if seen.replace(".", "") != letters:
                return False
        elif written[:1].isupper() and not seen[:1].isupper():
            return False
    return True


# --- loading -------------------------------------------------------------------------------


def load_dictionary(extra_paths: Iterable[str | Path] = ()) -> ActorDictionary:
    """Tacitus's own dictionary plus the user's files (YAML, or PETRARCH ``.actors.txt``)."""
    dictionary = ActorDictionary()
    package = resources.files("tacitus.resources").joinpath("actors")
    # The first entry of a phrase wins: a user's own entries go first, so they win over the
    # built-in ones of the same name. Then organizations: on a shared alias ("Brussels") the
    # named body wins over the capital. Leaders before persons: a head of state's dated
    # tenure wins over a plain entry.
    for path in extra_paths:
        add_file(dictionary, Path(path))
    for name in (
        "organizations.yaml",
        "countries.yaml",
        "leaders.yaml",
        "persons.yaml",
        "roles.yaml",
    ):
        add_yaml(dictionary, yaml.safe_load(package.joinpath(name).read_text(encoding="utf-8")))
    return dictionary


@dataclass(frozen=True)
class Professions:
    """The words that make an organisation a national professional body
    (`resources/actors/professions.yaml`)."""

    body_words: frozenset[str]
    #: profession word -> sector ("medical" -> MED, "bar" -> JUD)
    sectors: dict[str, str]
    #: sector -> kind of its bodies, "other" when not given
    kinds: dict[str, str]

    def body(self, words: Sequence[str]) -> tuple[str, str] | None:
        """The (sector, kind) of an organisation name's words, when they name a body of a
        profession ("Medical Association"); None otherwise."""
        keys = [word.lower() for word in words]
        if not self.body_words & set(keys):
            return None
        sector = next((self.sectors[key] for key in keys if key in self.sectors), None)
        return (sector, self.kinds.get(sector, "other")) if sector else None


@lru_cache(maxsize=1)
def professions() -> Professions:
    package = resources.files("tacitus.resources").joinpath("actors")
    data = yaml.safe_load(package.joinpath("professions.yaml").read_text(encoding="utf-8"))
    return Professions(
        frozenset(data["body_words"]),
        {word: sector for sector, words in data["sectors"].items() for word in words},
        dict(data.get("kinds") or {}),
    )


@lru_cache(maxsize=8)
def shared_dictionary(extra_paths: tuple[str, ...] = ()) -> ActorDictionary:
    """The dictionary built once per process for a given set of extra files."""
    return load_dictionary(extra_paths)


def add_file(dictionary: ActorDictionary, path: Path) -> None:
    if not path.is_file():
        raise FileNotFoundError(f"actor dictionary not found: {path}")
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in {".yaml", ".yml"}:
        add_yaml(dictionary, yaml.safe_load(text) or {})
    else:
        add_petrarch(dictionary, text)


def add_yaml(dictionary: ActorDictionary, data: dict) -> None:
    """Add the sections of a Tacitus-layout YAML file (any of them may be absent)."""
    for country in data.get("countries", []):
        _add_country(dictionary, country)
    for organization in data.get("organizations", []):
        _add_organization(dictionary, organization)
    for owner, people in (data.get("persons") or {}).items():
        for person in people:
            _add_person(dictionary, owner, person)
    for owner, offices in (data.get("leaders") or {}).items():
        _add_leaders(dictionary, owner, offices)
    vague = set(data.get("needs_modifier", []))
    for role in data.get("roles", []):
        _add_role(dictionary, role, vague)


COUNTRY_PHRASE_LISTS = ("names", "metonyms", "demonyms", "regions", "cities")


def _add_country(dictionary: ActorDictionary, country: dict) -> None:
    iso3, name = country["iso3"], country["name"]
    ambiguous = _ambiguous_names(
        country, [name, *(a for key in COUNTRY_PHRASE_LISTS for a in country.get(key, []))]
    )
    state = ActorEntry(name, STATE, "state", iso3, None, iso3)
    for alias in [name, *country.get("names", [])]:
        dictionary.add(alias, state, secondary=alias in ambiguous)
    government = ActorEntry(
        f"Government of {name}", METONYM, "government", iso3, "GOV", f"{iso3}GOV"
    )
    for alias in country.get("metonyms", []):
        dictionary.add(alias, government, secondary=alias in ambiguous)
    people = ActorEntry(name, DEMONYM, "state", iso3, None, iso3)
    for alias in country.get("demonyms", []):
        dictionary.add(alias, people, secondary=alias in ambiguous)
        if not alias.endswith(("s", "ese", "ish", "ch", "US", "U.S.")):
            # "Russians", "Afghans"; an ambiguous demonym has an ambiguous plural
            dictionary.add(f"{alias}s", people, secondary=alias in ambiguous)
    for alias in country.get("regions", []):
        region = ActorEntry(alias, REGION, "state", iso3, "PRE", f"{iso3}PRE")
        dictionary.add(alias, region, secondary=alias in ambiguous)
    city_entry = ActorEntry(name, CITY, "civilians", iso3, "CVL", f"{iso3}CVL")
    for alias in country.get("cities", []):
        dictionary.add(alias, city_entry, secondary=alias in ambiguous)


def _ambiguous_names(record: dict, names: list[str]) -> set[str]:
    """The names a record marks ambiguous; each must be one of its own names, so that a
    mistyped mark cannot pass unnoticed."""
    ambiguous = set(record.get("ambiguous", []))
    unknown = ambiguous - set(names)
    if unknown:
        raise ValueError(f"{record.get('name')}: ambiguous names it does not bear: {unknown}")
    return ambiguous


def _add_organization(dictionary: ActorDictionary, organization: dict) -> None:
    sector = organization.get("sector")
    entry = ActorEntry(
        name=organization["name"],
        type=ORG,
        kind=organization.get("kind") or KIND_BY_SECTOR.get(sector or "", "other"),
        country=organization.get("country"),
        sector=sector,
        code=organization.get("code") or _code(organization.get("country"), sector),
        bloc=organization.get("bloc"),
        periods=tuple(tuple(period) for period in organization.get("periods", [])),
    )
    names = [organization["name"], *organization.get("aliases", [])]
    ambiguous = _ambiguous_names(organization, names)
    for alias in names:
        dictionary.add(alias, entry, secondary=alias in ambiguous)


def _add_person(
    dictionary: ActorDictionary,
    owner: str,
    person: str,
    periods: tuple[tuple[date | None, date | None, str], ...] = (),
) -> None:
    spellings, _, sector = (part.strip() for part in person.partition("|"))
    # "Alexander Lukashenko / Aleksandr Lukashenko": one person, the first spelling the name
    names = [spelling.strip() for spelling in spellings.split("/")]
    name = names[0]
    sector = sector or "GOV"
    is_country = owner in _iso3_codes()
    entry = ActorEntry(
        name=name,
        type=PERSON,
        kind="person",
        country=owner if is_country else None,
        sector=sector if is_country else "IGO",
        code=_code(owner, sector) if is_country else f"IGO{owner}",
        bloc=None if is_country else owner,
        periods=periods if is_country else (),
    )
    for spelling in names:
        dictionary.add(spelling, entry)
        words = spelling.split()
        if len(words) > 1 and len(words[-1]) > 2:
            bearers = dictionary.surnames.setdefault(words[-1].lower(), [])
            if entry not in bearers:
                bearers.append(entry)


#: "Ronald Reagan 1981-1989", "Xi Jinping 2012-": a leader and the years in office (the
#: leader's spellings separated by "/").
LEADER_TERM = re.compile(r"^(?P<name>.+?)\s+(?P<first>\d{4})-(?P<last>\d{4})?$")


def _add_leaders(dictionary: ActorDictionary, owner: str, offices: dict) -> None:
    """Heads of state and government with their terms: GOV in office, ELI after it on a
    dated document; without a date, GOV (the office they are in the news for)."""
    terms: dict[str, list[tuple[int, int | None]]] = {}
    for people in offices.values():
        for person in people:
            found = LEADER_TERM.match(person)
            if found is None:
                raise ValueError(f"leader without years in office: {person!r} ({owner})")
            last = int(found["last"]) if found["last"] else None
            terms.setdefault(found["name"], []).append((int(found["first"]), last))
    for name, spans in terms.items():
        _add_person(dictionary, owner, name, _tenure_periods(owner, sorted(spans)))


def _tenure_periods(
    owner: str, spans: list[tuple[int, int | None]]
) -> tuple[tuple[date | None, date | None, str], ...]:
    office, former = f"{owner}GOV", f"{owner}ELI"
    # before taking office only the country is known: a title in the text gives the sector
    periods: list[tuple[date | None, date | None, str]] = [
        (None, date(spans[0][0] - 1, 12, 31), owner)
    ]
    for index, (first, last) in enumerate(spans):
        periods.append((date(first, 1, 1), date(last, 12, 31) if last else None, office))
        if last is not None:
            following = spans[index + 1][0] if index + 1 < len(spans) else None
            if following is None or following > last + 1:
                until = date(following - 1, 12, 31) if following else None
                periods.append((date(last + 1, 1, 1), until, former))
    periods.append((None, None, office))  # undated: the office, listed last as the default
    return tuple(periods)


def _add_role(dictionary: ActorDictionary, role: dict, vague: set[str]) -> None:
    sector, kind, person = role["sector"], role["kind"], bool(role.get("person"))
    for word in role["words"]:
        entry = ActorEntry(
            word,
            ROLE,
            kind,
            None,
            sector,
            sector,
            person_title=person,
            standalone=word not in vague,
        )
        for form in {word, *plural_forms(word)}:
            dictionary.add(form, entry, case_sensitive=False)


def plural_forms(phrase: str) -> list[str]:
    """Regular plurals of the last word ("minister" -> "ministers", "militia" -> "militias")."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith(("s", "x", "ch", "sh")):
        forms = [f"{last}es"] if not last.endswith("s") else []
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [f"{last[:-1]}ies"]
    elif last.endswith("man"):
        forms = [f"{last[:-3]}men"]
    else:
        forms = [f"{last}s"]
    return [prefix + form for form in forms]


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def _code(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return f"{country}{sector}"
    return country or sector


# --- PETRARCH / Phoenix .actors.txt --------------------------------------------------------

PETRARCH_CODE = re.compile(r"\[([^\]]+)\]")
PETRARCH_DATE = re.compile(r"(\d{6})")


def add_petrarch(dictionary: ActorDictionary, text: str) -> None:
    """Add a PETRARCH/Phoenix actors file: NAME_ [CODE] blocks, +synonyms, tab-indented codes.

    A block starts with an unindented phrase; lines starting with "+" are its synonyms;
    codes in square brackets follow on the same or indented lines, optionally with a date
    range ("[RUSGOV 991231-080507]", "[RUSGOV >080508]").
    """
    names: list[str] = []
    codes: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in "+ \t[":
            _add_petrarch_block(dictionary, names, codes)
            names, codes = [line.split("[", 1)[0].strip()], []
        elif line.startswith("+"):
            names.append(line[1:].split("[", 1)[0].strip())
        codes.extend(PETRARCH_CODE.findall(line))
    _add_petrarch_block(dictionary, names, codes)


def _add_petrarch_block(dictionary: ActorDictionary, names: list[str], codes: list[str]) -> None:
    periods = tuple(p for p in (_period(code) for code in codes) if p[2])
    if not names or not periods:
        return
    display = _petrarch_phrase(names[0]).title()
    fields = _fields_of_code(_choose_period(periods, None))
    dated = any(start or end for start, end, _ in periods)
    if dated:
        fields["kind"] = "person"
    entry = ActorEntry(
        name=display, type=PERSON if dated else ORG, periods=periods if dated else (), **fields
    )
    for name in names:
        phrase = _petrarch_phrase(name)
        if phrase:
            dictionary.add(phrase, entry, case_sensitive=False)


def _petrarch_phrase(name: str) -> str:
    return " ".join(name.replace("_", " ").split())


def _period(code_text: str) -> tuple[date | None, date | None, str]:
    parts = code_text.split()
    code = parts[0].lstrip("~") if parts else ""
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        days = [_petrarch_date(d) for d in PETRARCH_DATE.findall(span)]
        if span.startswith(">"):
            start = days[0]
        elif span.startswith("<"):
            end = days[0]
        elif len(days) == 2:
            start, end = days
    return start, end, code


def _petrarch_date(yymmdd: str) -> date | None:
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year += 2000 if year <= 25 else 1900  # PETRARCH dates run from the 1930s to the 2010s
    try:
        return date(year, max(month, 1), max(day, 1))
    except ValueError:
        return None


def _choose_period(
    periods: Sequence[tuple[date | None, date | None, str]], when: date | None
) -> str:
    """The code valid on `when`; without a date, the current (open-ended or latest) one."""
    if when is not None:
        for start, end, code in periods:
            if (start is None or start <= when) and (end is None or when <= end) and (start or end):
                return code
    open_ended = [code for start, end, code in periods if end is None]
    if open_ended:
        return open_ended[-1]
    return max(periods, key=lambda p: p[1] or date.min)[2]


def _fields_of_code(code: str) -> dict:
    """Country, sector, kind and bloc of a CAMEO actor code such as RUSGOV or IGOUNOHLH."""
    head, rest = code[:3], code[3:]
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if head == "IGO":
        return {
            "kind": "igo",
            "country": None,
            "sector": "IGO",
            "code": code,
            "bloc": chunks[0] if chunks else "IGO",
        }
    if head in _iso3_codes():
        sector = chunks[0] if chunks else None
        return {
            "kind": KIND_BY_SECTOR.get(sector or "", "state"),
            "country": head,
            "sector": sector,
            "code": code,
            "bloc": None,
        }
    sector = NON_STATE_SECTORS.get(head) or (chunks[0] if chunks else None)
    return {
        "kind": KIND_BY_SECTOR.get(sector or "", "other"),
        "country": None,
        "sector": sector,
        "code": code,
        "bloc": None,
    }


# --- resolving a phrase --------------------------------------------------------------------

#: Words after which a country names the target or a place, not the actor itself.
PHRASE_CUT_WORDS = {"to", "against", "with", "toward", "towards", "on", "over", "for", "by", "from"}
#: A country or demonym alone: the state itself, its government (metonym), its people.
PLACE_TYPES = {STATE, DEMONYM, METONYM, CITY}


def resolve_matches(matches: Sequence[Match], possessive_at: int | None = None) -> dict | None:
    """Combine the dictionary matches of one actor phrase into country, sector, code, kind.

    Named organizations and persons give the actor; a role word gives the sector and a
    country, demonym or capital beside it the country ("Syrian troops" -> SYR MIL). After a
    possessive the head follows ("Assad's forces" -> SYR MIL, not Assad himself).
    """
    if not matches:
        return None
    if possessive_at is not None:
        head = [m for m in matches if m.first > possessive_at]
        owner = [m for m in matches if m.first < possessive_at]
        resolved = resolve_matches(head)
        owner_resolved = resolve_matches(owner)
        if (
            resolved
            and owner_resolved
            and resolved["kind"] == "person"
            and owner_resolved["sector"]
        ):
            # "Hezbollah's leader", "the rebels' commander": the person is of the group
            return {**owner_resolved, "name": resolved["name"], "kind": "person", "named": False}
        # The owner's country wins: "Chile's Defense Department" is Chilean whatever the
        # dictionary's default owner of "Defense Department" is.
        if resolved and owner_resolved and (owner_resolved["country"] or owner_resolved["bloc"]):
            resolved = with_country(resolved, owner_resolved["country"], owner_resolved["bloc"])
        return resolved or owner_resolved
    named = [m.entry for m in matches if m.entry.type in {ORG, PERSON, REGION}]
    places = [m.entry for m in matches if m.entry.type in PLACE_TYPES]
    roles = [m.entry for m in matches if m.entry.type == ROLE]
    country = next((p.country for p in places), None)
    head = matches[-1].entry
    if named and named[0].type == PERSON and head.type == ROLE and not head.person_title:
        # "Assad regime", "Bush administration": the role is the actor, of the person's country
        return with_country(resolve_matches(matches[-1:]), named[0].country, named[0].bloc)
    if named:
        entry = named[0]
        resolved = _as_dict(entry)
        if entry.kind == "igo" and roles and roles[-1].sector not in {None, "IGO"}:
            resolved.update(sector=roles[-1].sector, code=f"{entry.code}{roles[-1].sector}")
        elif entry.type == PERSON and resolved["sector"] is None and roles:
            # a leader before taking office: the title says the role ("Senator Marco Rubio")
            resolved.update(sector=roles[-1].sector, code=_code(entry.country, roles[-1].sector))
        if not resolved["country"] and not resolved["bloc"] and country:
            resolved = with_country(resolved, country, None)
        return resolved
    if roles:
        role = roles[-1]
        kind = "person" if role.person_title else role.kind
        return {
            "name": role.name,
            "kind": kind,
            "country": country,
            "sector": role.sector,
            "code": _code(country, role.sector),
            "bloc": None,
            "named": False,
        }
    place = places[0]
    sector = {METONYM: "GOV", CITY: "CVL"}.get(place.type)
    kind = {METONYM: "government", CITY: "civilians"}.get(place.type, "state")
    return {
        "name": place.name,
        "kind": kind,
        "country": place.country,
        "sector": sector,
        "code": _code(place.country, sector),
        "bloc": None,
        "named": False,
    }


def _as_dict(entry: ActorEntry) -> dict:
    return {
        "name": entry.name,
        "kind": entry.kind,
        "country": entry.country,
        "sector": entry.sector,
        "code": entry.code,
        "bloc": entry.bloc,
        "named": entry.type in {ORG, PERSON},
    }


def with_country(resolved: dict, country: str | None, bloc: str | None) -> dict:
    if resolved["kind"] == "igo" or (resolved["country"] is None and resolved["bloc"]):
        return resolved
    if bloc:
        code = f"IGO{bloc}{resolved['sector'] or ''}"
        return {**resolved, "bloc": bloc, "code": code}
    return {**resolved, "country": country, "code": _code(country, resolved["sector"])}


def phrase_matches(
    dictionary: ActorDictionary, text: str, when: date | None = None
) -> tuple[list[Match], int | None]:
    """The matches of a short actor text up to a target-introducing word, and where its
    possessive "'s" is (token index) if it has one."""
    tokens = tokenize(text)
    cut = next(
        (i for i, (token, _, _) in enumerate(tokens) if i and token.lower() in PHRASE_CUT_WORDS),
        len(tokens),
    )
    tokens = tokens[:cut]
    matches = [replace(m, entry=m.entry.at(when)) for m in dictionary.find(tokens)]
    matches = sorted([*matches, *_misspelt_places(dictionary, tokens, matches)], key=_first)
    possessive = next(
        (
            i
            for i, (token, _, _) in enumerate(tokens)
            if token.lower() == "'s"
            and any(m.last <= i for m in matches)
            and any(m.first > i for m in matches)
        ),
        None,
    )
    return matches, possessive


def _first(match: Match) -> int:
    return match.first


def _misspelt_places(
    dictionary: ActorDictionary, tokens: list[tuple[str, int, int]], matches: list[Match]
) -> list[Match]:
    """Countries, capitals and demonyms one letter off ("Dehli police") among the words no
    dictionary phrase covers."""
    covered = {i for m in matches for i in range(m.first, m.last)}
    found = []
    for index, (word, start, end) in enumerate(tokens):
        entry = None if index in covered else dictionary.misspelt(word)
        if entry is not None and entry.type != PERSON:
            found.append(Match(index, index + 1, start, end, entry))
    return found


def resolve_actor_text(
    text: str, when: date | None = None, extra_paths: tuple[str, ...] = ()
) -> dict | None:
    """Resolve a free actor text ("Russian Foreign Minister Sergei Lavrov", "Syrian troops",
    "Beijing") to {name, kind, country, sector, code, bloc}; None when nothing is known.

    `country` is ISO 3166-1 alpha-3 or None; `bloc` names the IGO family (UNO, EUR, NAT...)
    of international bodies; `code` is CAMEO-style (RUSGOV, SYRMIL, IGOUNO).
    """
    dictionary = shared_dictionary(tuple(extra_paths))
    matches, possessive = phrase_matches(dictionary, text, when)
    resolved = resolve_matches(matches, possessive)
    tokens = tokenize(text)
    if tokens and not (matches and matches[-1].end == tokens[-1][2]):
        if _bare_surname(tokens, matches):
            resolved = with_known_surname(dictionary, resolved, tokens[-1][0], when)
    elif resolved and not resolved["country"] and matches[0].start > tokens[0][1]:
        resolved = with_owner_surname(dictionary, resolved, tokens[0][0])
    return as_former(resolved, text)


def with_owner_surname(dictionary: ActorDictionary, resolved: dict, name: str) -> dict:
    """ "Bush administration", "Obama's aides": the known person's country goes to the role."""
    bearer = dictionary.person_by_surname(name)
    if bearer is None or resolved["kind"] == "person":
        return resolved
    return with_country(resolved, bearer.country, bearer.bloc)


def _bare_surname(tokens: list[tuple[str, int, int]], matches: list[Match]) -> bool:
    """The last word stands alone or after a title: "Obama", "President Obama", but not
    "Adam Curtis Brown", whose first names are not the known Brown's."""
    if len(tokens) < 2:
        return True
    word, start, _ = tokens[-2]
    titled = any(m.start <= start < m.end for m in matches)
    return titled or not word[:1].isupper()


def with_known_surname(
    dictionary: ActorDictionary, resolved: dict | None, name: str, when: date | None = None
) -> dict | None:
    """A bare surname, alone or after a title ("President Obama"), is the one known person
    who bears it, unless the title says another country."""
    bearer = dictionary.person_by_surname(name, when)
    if bearer is None or (resolved is not None and resolved["kind"] != "person"):
        return resolved
    if resolved and resolved["country"] not in {None, bearer.country}:
        return resolved
    return _as_dict(bearer)


FORMER = re.compile(r"\b(?:former|ex-|retired|disgraced former)\s*", re.IGNORECASE)


def as_former(resolved: dict | None, text: str) -> dict | None:
    """A former office holder is coded ELI (elites), with the country of the office."""
    if resolved is None or resolved["kind"] != "person" or not FORMER.search(text):
        return resolved
    return {**resolved, "sector": "ELI", "code": _code(resolved["country"], "ELI")}
