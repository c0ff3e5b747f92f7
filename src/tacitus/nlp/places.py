"""The `tacitus_places` component: toponyms found, resolved against the gazetteer, geocoded.

Recognition starts from spaCy's GPE/LOC/FAC entities and lets the gazetteer correct the
labels: a NORP or LANGUAGE entity that is a known place name ("Aleppo" tagged NORP) is a
place, a GPE that is a demonym ("Syrian") or a surname of the article ("Darren Ripley")
is not. "X province/governorate/district/county" is read as the division X; "Paris,
Texas" as Paris qualified by Texas. A name found as a place is a place at each of its
mentions, whatever the tagger called them ("Fargo Mayor Dennis Walaker"). "State of Ohio"
is Ohio; a town's own institution ("Cottonport Fire Station") names the town, however
small; "Readington Township", unknown to the gazetteer, stands on its town.

Resolution scores every candidate of a name by population, feature (countries and
first-level divisions win over small towns of the same name), whether the name is the
place's own or an alternate one, capitals, and the article's context: the countries and
divisions it mentions (places, demonyms, the dateline) vote (a bordering country's votes
count in part for a country the article does not name), and places named together
lie near one another (Paris and Henry County are the Tennessee ones); every name is
resolved again against that context. One name means one place throughout an article.
Over a run, each outlet's articles build its local lexicon (`tacitus.nlp.outlet_lexicon`):
a local paper's "Dublin" is the one in the state its other articles name. A
name the gazetteer does not know (a street, a building) takes the point of the place named
after it ("Le Bernardin in New York") or of the article's own town (its dateline's, else
its most-named one), as event coders place an event at the nearest named town; a river or
a mountain gets no point, only a country. Regions and seas ("the Middle East", "the
Atlantic") get their representative point (`resources/places/regions.yaml`).

Output: ``doc._.places``, one dict per distinct place (schema v1 ``Place``) with every
mention span and the ACLED geo-precision of its point (1 a town or finer, 2 near a town or
part of a region, 3 a region, province or country).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import takewhile

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from tacitus import settings
from tacitus.gazetteer import (
    Candidate,
    Gazetteer,
    Place,
    country_neighbours,
    iso3_codes,
    key_variants,
    load_gazetteer,
    name_key,
)
from tacitus.nlp.document import DATELINE_PLACE, document_span
from tacitus.nlp.extensions import text_of
from tacitus.nlp.outlet_lexicon import OutletLexicon, Reading
from tacitus.nlp.speech_cues import personal_titles

EARTH_RADIUS_KM = 6371.0088
#: Entity labels that name places; the others may, when the gazetteer agrees.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels spaCy's small model gives to place names in some sentences ("Aleppo" as NORP).
MISLABELLED_PLACE_LABELS = frozenset({"NORP", "LANGUAGE", "ORG", "PERSON"})
#: Words after a name that make it a division ("Idlib province").
DIVISION_WORDS = frozenset(
    {
        "province",
        "governorate",
        "district",
        "county",
        "parish",
        "state",
        "region",
        "oblast",
        "prefecture",
        "department",
        "municipality",
        "borough",
        "canton",
    }
)
#: The plural of a division word after a list of names makes each of them that division
#: ("Idlib and Hama provinces" is two provinces). Alone ("the Gulf states") it does not.
#: "departments" and "boroughs" are left out: "the Cambridge and Lore City departments" are
#: fire departments.
PLURAL_DIVISION_WORDS = {
    **{
        f"{word}s": word
        for word in DIVISION_WORDS - {"county", "parish", "municipality", "department", "borough"}
    },
    "counties": "county",
    "parishes": "parish",
}
#: Division words of the divisions named after their main town ("Hodeidah governorate"
#: holds the city of Hodeidah): when the gazetteer lacks the division's name, the division
#: holding the town stands in.
TOWN_NAMED_DIVISION_WORDS = frozenset({"province", "governorate", "prefecture", "oblast"})
_PLURAL_DIVISION = re.compile(r"\s+(?P<word>[a-z]+)\b")
#: A list of capitalised names before a plural word ("Becker, Clay and Otter Tail counties").
_LISTED_NAME = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*")
_DIVISION_LIST = re.compile(
    r"(?:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]*,[ \t]*)*"
    r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]*,?[ \t]+(?:and|or|&)[ \t]+"
    r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]+(?P<word>[a-z]+)\b"
)
#: Words before a name that say what kind of place it is and, with a nationality, in which
#: country ("the Turkish city of Hatay" is the city, "the Mexican state of Chihuahua" the
#: state, "the Lebanese city of Tripoli" the one in Lebanon); a name of a kind the gazetteer
#: has is read as one of that kind, however small ("the island of Lampedusa").
_KIND_CUE = re.compile(
    r"\b(?:(?P<demonym>[A-Z][\w'’-]+)\s+)?(?P<kind>port city|city|town|village|port|island"
    r"|state|province|region|governorate|district|county)\s+of\s+(?:the\s+)?$"
)
TOWN_KIND_WORDS = frozenset({"port city", "city", "town", "village", "port"})
#: Words before a name that place an event near it, not in it: ACLED's geo-precision 2.
_NEAR_CUE = re.compile(r"\b(?:near|outside|nearby|close to|on the outskirts of)\s+(?:the\s+)?$")
#: Words before a name that make a proper noun a place though the tagger missed it and the
#: place is small ("capsized off Lampedusa").
_OFF_CUE = re.compile(r"\boff\s+(?:the\s+coast\s+of\s+)?$")
#: "from X to Y", "between X and Y": a trip, whose two ends tend to lie in one country.
_TRIP_START = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_TRIP_LINKS = frozenset({"to", "and", "-", "–", "for"})
#: How much less plausible (in prior) a trip's two ends may be together in one country than
#: apart for the trip to start from that country: a factor of ten in population.
TRIP_JOINT_MARGIN = 1.0
#: Proper nouns after a place entity that may be the rest of its name ("Vista" of "Boa").
MAX_CUT_WORDS = 2
#: How far back from a name its cue may start, in tokens (a span's) and characters.
CUE_WINDOW_TOKENS = 8
CUE_WINDOW_CHARS = 60
#: ", OH" after a town: a division's postal abbreviation (`resources/places/postal_codes.tsv`).
_POSTAL_CODE = re.compile(r",[ \t]*(?P<code>[A-Z]{2,3})(?![\w'’&-])")
#: ACLED's and many wires' way of placing a town: "Goma (Goma, Nord-Kivu)", "Menakuru village
#: (Nellore, AP)", "Encarnacion (Itapua)": the divisions in parentheses hold the town before
#: them. The town's own kind word may stand between ("Bossaso town (Bossaso, Bari)").
_PARENTHESISED_DIVISIONS = re.compile(
    r"(?<![\w'’.-])(?P<head>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})"
    r"(?:[ \t]+(?P<kind>city|town|village|area|locality|township))?"
    r"[ \t]*\((?P<inner>[^()\n]{2,80})\)"
)
#: One division inside the parentheses: capitalised words, perhaps a division word after
#: them ("Poonch district").
_PARENTHESISED_PART = re.compile(
    r"[a-z]?[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*)*(?:[ \t]+[a-z]+)?"  # "iLembe" too
)
#: Capitalised words before a town in parentheses' form that are no part of its name.
_HEAD_LEADING_WORDS = frozenset({"In", "At", "On", "From", "Near", "Outside", "The", "Of"})
#: Words after a name that make a minor civil division named after its town
#: ("Readington Township"): when the gazetteer lacks the division, its town stands in.
TOWNSHIP_WORDS = frozenset({"township", "twp", "borough"})
#: Words after a town's name that make an organisation the town's own ("Cottonport Fire
#: Station", "Whitestown Town Hall", "Mansfield Police"): the name is the town, however
#: small, since only a town names its police or its town hall after itself. Keys of the
#: first word or two after the name.
LOCAL_INSTITUTIONS = frozenset(
    {
        "police",
        "fire",
        "sheriff",
        "mayor",
        "municipal",
        "council",
        "chamber of",
        "city hall",
        "city council",
        "city commission",
        "city manager",
        "town hall",
        "town council",
        "town board",
        "village hall",
        "village council",
        "village board",
        "township",
        "school district",
        "public schools",
        "board of education",
        "commonwealths",  # "Alexandria Commonwealth's Attorney", a local prosecutor
    }
)
#: Words after a name that make it a town's own office or school ("Athens City Council",
#: "Dublin Mayor", "the Jordan middle school"): the name is a town, not a country or a
#: province of the same name. Keys of the first words after the name.
TOWN_OFFICES = frozenset(
    {
        *("mayor", "city council", "city hall", "city manager", "city commission"),
        *("town hall", "town council", "town board", "village hall", "village council"),
        *("village board", "board of selectmen", "selectmen", "aldermen"),
        *("high school", "middle school", "elementary school", "public library"),
        *("public schools", "school district", "police department", "fire department"),
    }
)
#: Last and first words of natural features, which stretch far beyond any town named
#: near them: they do not take the point of the article's town.
NATURAL_FEATURE_LAST_WORDS = frozenset(
    {
        *("river", "rivers", "creek", "falls", "lake", "lakes", "sea", "ocean", "bay", "gulf"),
        *("strait", "straits", "delta", "coast", "island", "islands", "isles", "peninsula"),
        *("mountain", "mountains", "hills", "range", "valley", "plateau", "glacier"),
        *("desert", "forest", "basin"),
    }
)
NATURAL_FEATURE_FIRST_WORDS = frozenset({"mount", "mt", "lake"})
#: Last words of streets and venues named after a place ("Atlantic Avenue", "Hampton Road",
#: "Rogers Centre"): they lie wherever the street or venue is, not in the place of their
#: name, so the place named inside them is no mention of it.
STREET_AND_VENUE_WORDS = frozenset(
    {"avenue", "ave", "street", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway"}
    | {"parkway", "expressway", "freeway", "turnpike", "square", "plaza", "centre", "center"}
    | {"stadium", "arena", "tower", "bridge"}
)
#: An Arabic article assimilated to a sun letter and joined to its word ("Ezzor",
#: "Arraqqa", "Azzawiya"): the vowel, then the doubled letter starting the word.
_JOINED_ARTICLE = re.compile(r"^([AaEe])([tdrzsn])\2(?=[aeiou])", re.IGNORECASE)
#: Abbreviations of street words after a name ("Memphis St.", "Elm Ave."): "St." after a
#: name is a street, before one a saint.
STREET_ABBREVIATIONS = frozenset({"st.", "st", "ave.", "ave", "rd.", "blvd.", "blvd", "ln."})
#: Last words of harbours, bends and quays ("Pearl Harbor", "Paddock Hill Bend"): they lie
#: where they are, not in the town of their first word.
WATERSIDE_WORDS = frozenset({"harbor", "harbour", "bend", "cove", "marina", "pier", "wharf"})
#: A diplomatic mission's name: the state it represents is not where it is.
_DIPLOMATIC_MISSION = re.compile(
    r"\b(?:[Ee]mbassy|[Cc]onsulate(?: [Gg]eneral)?|[Hh]igh [Cc]ommission)\b"
)
#: The place a mission's name may end with ("British Embassy Tokyo", "Embassy in Kabul").
_MISSION_LOCATION = re.compile(r"(?:,?\s+in)?\s+(?P<place>[A-Z].*)$")
_SAINT = re.compile(r"(?:St\.?|Saint)\s")
#: Words after a possessive that make the possessor a person, not a town ("Wilson's Farm").
POSSESSED_BUILDINGS = frozenset(
    {"farm", "chapel", "church", "basilica", "cathedral", "abbey", "priory", "shrine"}
    | {"college", "hospital"}
)
#: What a saint's name in the possessive names besides a church ("St. Peter's Square").
SAINTS_PLACES = POSSESSED_BUILDINGS | {"square", "school", "university", "park", "cemetery"}

ADMIN_FEATURES = frozenset({"admin1", "admin2"})
#: ACLED's geo-precision of a place's own point, by feature: 1 a town or finer (an airport,
#: a building), 2 part of a region (a district), 3 a region, province or country.
FEATURE_PRECISION = {
    "city": 1,
    "locality": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 3,
    "region": 3,
}
#: The geo-precision of an unknown place (a street) at the town named after it ("Elm Street
#: in Dallas"), at the article's own town (near it, at best), and with no point.
WITHIN_TOWN_PRECISION = 1
NEAR_TOWN_PRECISION = 2
NO_POINT_PRECISION = 3
#: Features of the places that hold others ("Paris, Texas").
CONTAINER_FEATURES = frozenset({"country", "admin1", "admin2"})
#: Features of towns, big or small.
TOWN_FEATURES = frozenset({"city", "locality"})
#: Features with a meaningful point: places named together lie near these.
POINT_FEATURES = TOWN_FEATURES | {"admin2"}
#: Features of the places an outlet's lexicon counts: its towns and divisions.
LEXICON_FEATURES = POINT_FEATURES | {"admin1"}
#: Prior of each feature: countries and divisions beat towns of the same name.
FEATURE_PRIOR = {
    "country": 4.0,
    "admin1": 2.5,
    "admin2": 0.5,
    "city": 0.0,
    "locality": -0.5,
    "region": 3.0,
    "other": 0.0,
}
#: Words that GeoNames uses as division names ("Eastern", "Centre") but that alone are
#: ordinary English words far more often than places.
GENERIC_NAMES = frozenset(
    {
        "airport",
        "best",
        "capital",
        "center",
        "central",
        "centre",
        "city",
        "coast",
        "commonwealth",
        "county",
        "delta",
        "district",
        "east",
        "eastern",
        "federal",
        "greater",
        "island",
        "islands",
        "lakes",
        "lower",
        "man",
        "marine",
        "marines",
        "metro",
        "metropolitan",
        "national",
        "north",
        "northeast",
        "northern",
        "northwest",
        "olympic",
        "police",
        "province",
        "region",
        "republic",
        "river",
        "saint",
        "south",
        "southeast",
        "southern",
        "southwest",
        "state",
        "union",
        "university",
        "upper",
        "valley",
        "west",
        "western",
    }
)
#: Prepositions before a name that make an ORG or PERSON entity a likely place.
LOCATIVE_WORDS = frozenset({"in", "at", "near", "from", "outside", "across", "into", "around"})
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
#: "State of Ohio", "City of Mansfield": a designator before the name, and the features
#: the rest must have to be read as that place (tagged an organisation or not).
_DESIGNATOR = re.compile(
    r"^(?P<designator>State|Commonwealth|Province|City|Town|Village|Borough|Township)\s+of\s+",
    re.IGNORECASE,
)
DESIGNATED_FEATURES = {
    "state": frozenset({"admin1"}),
    "commonwealth": frozenset({"admin1", "country"}),
    "province": frozenset({"admin1"}),
    "city": frozenset({"city", "locality"}),
    "town": frozenset({"city", "locality"}),
    "village": frozenset({"city", "locality"}),
    "borough": frozenset({"city", "locality", "admin2"}),
    "township": frozenset({"city", "locality", "admin2"}),
}
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
#: " and Tobago": up to three capitalised words after "and" or "&".
_AND_NAME = re.compile(
    r"(?:\s+(?P<and>and|&)\s+|\s)(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym key -> ISO2 country, with the regular plurals ("Syrians")."""
    table = {}
    text = (resources.files("tacitus.resources") / "places" / "demonyms.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        demonym, country = (cell.strip() for cell in line.split("\t"))
        key = name_key(demonym)
        table[key] = country
        if not key.endswith(("ese", "ish", "ch", "ss", "men")):
            table.setdefault(key + "s", country)
    return table


@lru_cache(maxsize=1)
def postal_codes() -> dict[str, tuple[tuple[str, str], ...]]:
    """Postal abbreviation -> the (ISO2, division name) pairs it abbreviates."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    text = (resources.files("tacitus.resources") / "places" / "postal_codes.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, country, division = (cell.strip() for cell in line.split("\t"))
            table[code].append((country, division))
    return {code: tuple(divisions) for code, divisions in table.items()}


@lru_cache(maxsize=1)
def _currency_signs() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern of the currency signs before an amount, and sign -> ISO2 country."""
    table = {}
    text = (resources.files("tacitus.resources") / "places" / "currencies.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            sign, country = (cell.strip() for cell in line.split("\t"))
            table[sign] = country
    signs = "|".join(re.escape(sign) for sign in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w$])(?P<sign>{signs})[ \t]?\d"), table


def currency_countries(text: str) -> set[str]:
    """The countries whose money the text counts in ("$40,000", "£300", "C$12")."""
    pattern, table = _currency_signs()
    return {table[match.group("sign")] for match in pattern.finditer(text)}


@dataclass
class Toponym:
    """One mention of a place name in the text."""

    start: int
    end: int
    name: str
    key: str
    label: str
    division: bool = False
    qualifier: list[Candidate] = field(default_factory=list)
    #: The name qualifies the one before it ("Texas" in "Paris, Texas"): a country or division.
    container: bool = False
    #: The key of the name right after ", " or "in" ("Leicestershire" for "Donington Park,
    #: Leicestershire", "New York" for "Le Bernardin in New York").
    followed_by: str | None = None
    dateline: bool = False
    #: The keys of the names listed with it ("California or Washington").
    listed_with: set[str] = field(default_factory=set)
    #: A division's postal abbreviation after a town ("OH" in "Dayton, OH").
    postal: bool = False
    #: The text places an event near the place, not in it ("near Gao").
    near: bool = False
    #: The words before it say a place follows ("the island of", "off").
    cued: bool = False
    #: The features and country the words before it allow ("the Turkish city of").
    kinds: frozenset[str] | None = None
    country_hint: str | None = None
    #: A town's office or school follows ("Dublin City Council", "the Jordan middle school").
    town_office: bool = False
    #: The keys of the names a trip joins it with ("from Portland to Bangor").
    trip_with: set[str] = field(default_factory=set)
    #: The division word after the name, when it is not part of it ("province" of "Idlib
    #: province", "county" of "Jackson and Barrow counties").
    division_word: str | None = None
    #: The divisions the text places it in, as (country, first-level division or None for
    #: the whole country), when none holds a namesake ("Windsor (Johannesburg, Gauteng)":
    #: Gauteng, South Africa): its namesakes elsewhere are other places.
    qualifier_divisions: frozenset[tuple[str, str | None]] | None = None
    #: Divisions in parentheses place it ("Zinijbar (Zingibar, Abyan)"): a place though
    #: the gazetteer lacks it.
    parenthesised: bool = False


@dataclass
class Context:
    """What the article says about where it is: votes for countries and divisions."""

    countries: Counter = field(default_factory=Counter)
    #: The demonyms' share of the country votes ("Syrian troops", "a Nigerian migrant").
    people: Counter = field(default_factory=Counter)
    #: name key -> the divisions the article's other names may lie in, with their votes.
    co_divisions: dict[str, Counter] = field(default_factory=dict)
    #: The outlet's local lexicon, when the run has read other articles of the outlet.
    outlet: str | None = None
    lexicon: OutletLexicon | None = None

    def fresh(self, outlet: str | None = None, lexicon: OutletLexicon | None = None) -> Context:
        """A new context with this one's country votes and, when given, the outlet's
        lexicon."""
        return Context(
            Counter(self.countries), Counter(self.people), outlet=outlet, lexicon=lexicon
        )

    def add(self, place: Place, weight: float) -> None:
        if place.country:
            self.countries[place.country] += weight

    def remove(self, place: Place, weight: float) -> None:
        self.add(place, -weight)

    def country_share(self, country: str | None) -> float:
        total = sum(value for value in self.countries.values() if value > 0)
        return max(self.countries.get(country, 0.0), 0.0) / total if total and country else 0.0

    def neighbour_share(self, country: str | None) -> float:
        """The share of the article's country votes going to countries bordering `country`:
        an article about Israel names Gaza, one about Ohio names London, Ontario."""
        if not country:
            return 0.0
        return sum(self.country_share(other) for other in country_neighbours().get(country, ()))

    def outlet_share(self, place: Place, key: str) -> float:
        """How often the outlet's other articles name places in `place`'s division."""
        if self.lexicon is None:
            return 0.0
        share = self.lexicon.share(self.outlet, (place.country, place.admin1), key)
        floor = settings.PLACES_OUTLET_HOME_MIN_SHARE
        return max(share - floor, 0.0) / (1.0 - floor)

    def dominant_country(self) -> str | None:
        """The country the article is about, when its places and demonyms clearly agree."""
        return _dominant(self.countries)

    def setting_country(self) -> str | None:
        """The country the article's places clearly lie in, its people's nationalities
        aside: a Nigerian baptised in Rome is in Italy."""
        return _dominant(self.countries - self.people)


@dataclass
class ArticleReading:
    """An article's places as the article alone tells them."""

    outlet: str | None
    #: Identifies the article in its outlet's lexicon.
    article: int
    toponyms: list[Toponym]
    #: The demonyms' votes, before any place voted.
    votes: Context
    context: Context
    resolved: dict[str, Place | None]
    #: The divisions of the towns and divisions it names, for its outlet's lexicon.
    entry: Reading = field(init=False)

    def __post_init__(self) -> None:
        self.entry = tuple(
            (key, (place.country, place.admin1))
            for key, place in self.resolved.items()
            if place is not None and place.feature in LEXICON_FEATURES
        )


class PlacesComponent:
    """Finds, resolves and geocodes the places of a Doc into ``doc._.places``."""

    def __init__(
        self, gazetteer: Gazetteer, outlet_lexicon: bool = settings.PLACES_OUTLET_LEXICON
    ) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms()
        self.iso3 = iso3_codes()
        #: Whether outlets' local lexicons are learned and used; without them each article's
        #: places depend on its own text alone.
        self.use_outlet_lexicon = outlet_lexicon
        #: The outlets' local lexicons, learned over the run (`tacitus.nlp.outlet_lexicon`).
        self.lexicon = OutletLexicon()

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def forget_outlets(self) -> None:
        """Start a new run: no outlet's lexicon carries over (each gold set is a run)."""
        self.lexicon = OutletLexicon()

    def pipe(
        self, docs: Iterable[Doc], batch_size: int = settings.PIPE_BATCH_SIZE
    ) -> Iterator[Doc]:
        """A batch at a time: each article read on its own, its reading added to its
        outlet's lexicon; then an article whose outlet the run has read other articles of
        is resolved again with that lexicon. An article's places therefore depend on the
        articles of its outlet read before it and in its batch. Without the outlet lexicon,
        each article is read alone."""
        if not self.use_outlet_lexicon:
            for doc in docs:
                reading = self.read_alone(doc)
                doc._.places = self.to_places(reading.toponyms, reading.resolved, reading.context)
                yield doc
            return
        for batch in minibatch(docs, size=batch_size):
            readings = [self.read_alone(doc) for doc in batch]
            for reading in readings:
                self.lexicon.add(reading.outlet, reading.article, reading.entry)
            for doc, reading in zip(batch, readings, strict=True):
                doc._.places = self.places_with_lexicon(reading)
            self.lexicon.age()
            yield from batch

    def read_alone(self, doc: Doc) -> ArticleReading:
        """The article's places from its own text."""
        toponyms, votes = self.find(doc)
        context = votes.fresh()
        resolved = self.resolve(toponyms, context)
        return ArticleReading(doc._.outlet, hash(text_of(doc)), toponyms, votes, context, resolved)

    def places_with_lexicon(self, reading: ArticleReading) -> list[dict]:
        """The article's places, resolved again with its outlet's lexicon (leaving the
        article out) when the run has read other articles of the outlet."""
        context, resolved = reading.context, reading.resolved
        with self.lexicon.without(reading.outlet, reading.entry):
            if self.lexicon.knows(reading.outlet):
                context = reading.votes.fresh(reading.outlet, self.lexicon)
                resolved = self.resolve(reading.toponyms, context)
        return self.to_places(reading.toponyms, resolved, context)

    # --- recognition -------------------------------------------------------------------

    def find(self, doc: Doc) -> tuple[list[Toponym], Context]:
        """The toponyms of `doc`, and the country votes of its demonyms."""
        toponyms: list[Toponym] = []
        context = Context()
        text, ents = text_of(doc), doc.ents  # spaCy builds doc.ents anew on each access
        for country in currency_countries(text):  # "$40,000": a US paper, most likely
            context.countries[country] += settings.PLACES_CURRENCY_VOTE
            context.people[country] += settings.PLACES_CURRENCY_VOTE
        people = _people_words(ents)
        found = [self.toponym_of(ent, people) for ent in ents]
        surnames = frozenset(
            name_key(ent[-1].text) for ent in ents if ent.label_ == "PERSON" and len(ent) > 1
        )
        found += [self.untagged_toponym(run, surnames) for run in _proper_noun_runs(doc)]
        found = [t for t in found if t is None or not _is_quoted_title(text, t)]
        dateline = self.dateline_toponym(doc)
        if dateline is not None:  # it replaces the tagger's part of it ("GAZA" of "GAZA CITY")
            found = [
                t for t in found if t is None or t.end <= dateline.start or t.start >= dateline.end
            ]
            found.append(dateline)
        for toponym in self.join_pairs(text, sorted(filter(None, found), key=lambda t: t.start)):
            if toponym.key in self.demonyms:
                context.countries[self.demonyms[toponym.key]] += settings.PLACES_DEMONYM_VOTE
                context.people[self.demonyms[toponym.key]] += settings.PLACES_DEMONYM_VOTE
                continue
            toponyms.extend(self.split_qualified(toponym))
        toponyms = self.with_postal_codes(text, toponyms)
        toponyms = self.with_parenthesised_divisions(text, toponyms)
        repeated = self.repeated_mentions(doc, text, ents, people, toponyms)
        toponyms = self.with_listed_divisions(
            text, sorted(toponyms + repeated, key=lambda t: t.start)
        )
        for toponym in toponyms:
            self.read_cues(text, toponym)
        _share_plural_divisions(text, toponyms)
        _link_trips(text, toponyms)
        self.attach_qualifiers(text, toponyms)
        _attach_lists(text, toponyms)
        place = document_span(doc, DATELINE_PLACE)
        if place is not None:
            for toponym in toponyms:
                if toponym.start < place.end_char and place.start_char < toponym.end:
                    toponym.dateline = True
        return toponyms, context

    def with_listed_divisions(self, text: str, toponyms: list[Toponym]) -> list[Toponym]:
        """The toponyms with every name of a list before a plural division word made that
        division ("Becker, Clay and Wilkin counties": three counties), the names the tagger
        missed added when the gazetteer has such a division."""
        by_span = {(t.start, t.end): t for t in toponyms}
        added = []
        for listing in _DIVISION_LIST.finditer(text):
            word = PLURAL_DIVISION_WORDS.get(listing.group("word"))
            if word is None:
                continue
            names = _LISTED_NAME.finditer(text, listing.start(), listing.start("word"))
            for name in names:
                span = (name.start(), name.end())
                toponym = by_span.get(span) or Toponym(
                    *span, name.group(), name_key(name.group()), "GPE"
                )
                toponym.division, toponym.division_word = True, word
                if span not in by_span and any(
                    c.place.feature in ADMIN_FEATURES for c in self.candidates(toponym)
                ):
                    added.append(toponym)
        return sorted(toponyms + added, key=lambda t: t.start)

    def dateline_toponym(self, doc: Doc) -> Toponym | None:
        """The town of the dateline the document component found ("ALEPPO --", "MOSUL, Iraq
        --", "GAZA CITY (Reuters) -"), which the tagger often misses or calls a verb or an
        organisation, when the gazetteer knows it as a town's own name or a big place's."""
        place = document_span(doc, DATELINE_PLACE)
        if place is None:
            return None
        name = place.text
        toponym = Toponym(place.start_char, place.end_char, name, name_key(name), "GPE")
        toponym.dateline = True
        candidates = self.candidates(toponym)
        big = any(
            c.place.population >= settings.PLACES_UNTAGGED_MIN_POP or _is_major(c.place)
            for c in candidates
        )
        if text_of(doc)[place.end_char : place.end_char + 1] == ":":  # "NEW DELHI:", not "UN: ..."
            return toponym if big else None
        # "GAZA CITY" is an alternate name of a big town, "PLEASANTON" a town's own
        return toponym if big or any(c.primary for c in candidates) else None

    def repeated_mentions(
        self,
        doc: Doc,
        text: str,
        ents: tuple[Span, ...],
        people: frozenset[str],
        toponyms: list[Toponym],
    ) -> list[Toponym]:
        """Other mentions of a name found as a place: one name keeps one reading in an
        article, though the tagger calls "Fargo" a place in one sentence and a person or
        an organisation ("Fargo Mayor Dennis Walaker") in the next. A mention must start a
        name (not "York" in "New York") and not lie inside a person's name ("George
        Washington")."""
        known = {
            t.key: t.label
            for t in toponyms
            if t.key not in people
            and not t.postal
            and (
                (t.label in PLACE_LABELS and self.candidates(t))
                or any(  # "Mauritius" tagged an organisation, then a product
                    c.primary and c.place.feature == "country" for c in self.candidates(t)
                )
            )
        }
        if not known:
            return []
        first_words = {key.split()[0] for key in known}
        longest = max(len(key.split()) for key in known)
        person_length = {
            i: len(ent) for ent in ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)
        }
        covered = np.zeros(len(text) + 1, dtype=bool)
        for toponym in toponyms:
            covered[toponym.start : toponym.end] = True
        found: list[Toponym] = []
        index = 0
        while index < len(doc):
            token = doc[index]
            starts_name = (
                token.text[:1].isupper()
                and not covered[token.idx]
                and name_key(token.text) in first_words
                and not (index > 0 and _continues_name(doc[index - 1]))
            )
            match = self.known_at(doc, index, longest, known, covered) if starts_name else None
            if match is None or person_length.get(index, 0) > len(match):
                index += 1
                continue
            key = name_key(match.text)
            found.append(Toponym(match.start_char, match.end_char, match.text, key, known[key]))
            index = match.end
        return found

    @staticmethod
    def known_at(
        doc: Doc, index: int, longest: int, known: dict[str, str], covered: np.ndarray
    ) -> Span | None:
        """The longest known name starting at token `index` that no toponym covers."""
        for size in range(min(longest, len(doc) - index), 0, -1):
            span = doc[index : index + size]
            if span[-1].is_punct:  # "Hartford," is the name "Hartford"
                continue
            if name_key(span.text) in known and not covered[span.start_char : span.end_char].any():
                return span
        return None

    def toponym_of(self, ent: Span, people: frozenset[str]) -> Toponym | None:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELLED_PLACE_LABELS:
            return None
        ent = self.whole_name(ent)
        if after_personal_title(ent):
            return None  # "Lord Mackay", "Senator Warren": a person named after a town
        start, end, text = ent.start_char, ent.end_char, ent.text
        if _is_joined_by_plus(text_of(ent.doc), start, end):
            return None  # "Salt + Smoke" is a restaurant, wherever a town called Salt lies
        mission = _DIPLOMATIC_MISSION.search(text)
        if mission:  # "US Embassy", "Embassy of Armenia": the sending state is not the place
            located = _MISSION_LOCATION.match(text, mission.end())
            if located is None:
                return None
            start, text = start + located.start("place"), located.group("place")  # "... Tokyo"
        article = _LEADING_ARTICLE.match(text)
        if article:
            start, text = start + article.end(), text[article.end() :]
        building = _saints_building(ent) if _SAINT.match(text) else None
        if building is not None and (
            building.text[0].isupper()  # "St George’s Chapel", whatever town bears the name
            or self.is_saints_church(text)  # "St. Peter's church"
        ):
            name = text_of(ent.doc)[start : building.idx + len(building)]
            return Toponym(start, start + len(name), name, name_key(name), "FAC")
        possessive = _TRAILING_POSSESSIVE.search(text)
        if possessive and possessive.start() > 0:
            if self.is_saints_church(text):
                return None
            end, text = end - len(possessive.group()), text[: possessive.start()]
        designated = self.designated_place(start, text)
        if designated is not None:
            return designated
        division = False
        following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        division_word = None
        if following is not None and following.lower_ in DIVISION_WORDS:
            end, division = following.idx + len(following), True
            division_word = following.lower_
        elif text.split()[-1].lower() in DIVISION_WORDS and len(text.split()) > 1:
            division, division_word = True, text.split()[-1].lower()
        key = name_key(text)
        if not key or key in GENERIC_NAMES:
            return None
        toponym = Toponym(start, end, text, key, ent.label_, division)
        toponym.division_word = division_word
        if key in self.demonyms:
            return toponym
        if self.is_bare_acronym(toponym) or self.is_surname(toponym, people):
            return None
        if ent.label_ in PLACE_LABELS:
            return self.known_part(toponym) or toponym
        if division and any(c.place.feature in ADMIN_FEATURES for c in self.candidates(toponym)):
            toponym.label = "GPE"  # "Hodeidah governorate", whatever the tagger calls Hodeidah
            return toponym
        if self.is_place_name(toponym, ent, people):
            toponym.label = "GPE"  # a place at its other mentions too
            return toponym
        if ent.label_ == "PERSON":  # "Rapides Parish Fire" tagged a person
            return self.leading_place(toponym, divisions_only=True)
        return self.leading_place(toponym) if ent.label_ == "ORG" else None

    def whole_name(self, ent: Span) -> Span:
        """A place entity with the proper nouns the tagger cut from it: "Boa" and "Vista"
        (tagged a place and an organisation) are Boa Vista; "North State" before "Street" is
        North State Street, a street. A name of any label right before a street's
        abbreviation ("Memphis St.", tagged a place or an organisation) is that street."""
        doc, end = ent.doc, ent.end
        if len(ent) > 1 and _is_street_abbreviation(ent[-1]):
            return Span(doc, ent.start, end, label="FAC")  # "Augusta St.", not Augusta
        if end < len(doc) and _is_street_abbreviation(doc[end]) and doc[end - 1].whitespace_:
            return Span(doc, ent.start, end + 1, label="FAC")
        if ent.label_ not in PLACE_LABELS:
            return ent
        while (
            end < len(doc)
            and end - ent.end < MAX_CUT_WORDS
            and _continues_name(doc[end])
            and doc[end - 1].whitespace_ == " "
        ):
            end += 1
        street = end > ent.end and name_key(doc[end - 1].text) in STREET_AND_VENUE_WORDS
        if street and (end == len(doc) or not _continues_name(doc[end])):
            return Span(doc, ent.start, end, label="FAC")  # not "Florida Highway Patrol"
        for stop in range(end, ent.end, -1):
            longer = doc[ent.start : stop]
            if any(c.primary for c in self.gazetteer.candidates(longer.text)):
                return Span(doc, ent.start, stop, label=ent.label_)
        return ent

    def designated_place(self, start: int, text: str) -> Toponym | None:
        """The place of "State of Ohio" or "City of Mansfield" (often tagged an
        organisation): the longest leading part of the rest naming a place of the kind the
        designator says ("the State of Ohio Board" is Ohio)."""
        designator = _DESIGNATOR.match(text)
        if designator is None or self.gazetteer.candidates(text):
            return None
        features = DESIGNATED_FEATURES[designator.group("designator").lower()]
        offset = designator.end()
        for name in _leading_words(text[offset:]):
            if not name[0].isupper():
                continue
            toponym = Toponym(
                start + offset, start + offset + len(name), name, name_key(name), "GPE"
            )
            if any(c.primary and c.place.feature in features for c in self.candidates(toponym)):
                return toponym
        return None

    def is_saints_church(self, text: str) -> bool:
        """Whether "St Patrick's" names a church: it does unless a town of some size has
        that name ("St. John's", Newfoundland)."""
        if not _SAINT.match(text):
            return False
        return not any(
            c.place.population >= settings.PLACES_ORG_MIN_POP
            for c in self.gazetteer.candidates(text)
        )

    def is_surname(self, toponym: Toponym, people: frozenset[str]) -> bool:
        """A one-word name that is part of a person's full name in the article ("Darren
        Ripley" ... "Ripley pinned his man") is that person, unless it names a country or
        division."""
        if toponym.key not in people:
            return False
        return not any(_is_major(c.place) for c in self.candidates(toponym))

    def is_bare_acronym(self, toponym: Toponym) -> bool:
        """A name of at most three letters ("BA", "MoD") is a place only when it is a
        country's or division's own short form ("US", "UK", "DC")."""
        if len(toponym.key.replace(" ", "")) > settings.PLACES_ACRONYM_MAX_LETTERS:
            return False
        return not any(_is_major(c.place) and c.primary for c in self.candidates(toponym))

    def leading_place(self, toponym: Toponym, divisions_only: bool = False) -> Toponym | None:
        """The place an organisation is named after ("Alexandria Police", "U.S. Senate");
        with `divisions_only`, only a named division ("McMinn County Sheriff")."""
        for text in _leading_words(toponym.name, whole=False):
            rest = toponym.name[len(text) :]
            if set(name_key(rest).split()[-1:]) & STREET_AND_VENUE_WORDS:
                continue  # "Rogers Centre" is a venue, wherever it stands
            if rest.lstrip().startswith("of "):
                continue  # "the Summit of the Americas" is no town called Summit
            possessive = _TRAILING_POSSESSIVE.search(text)
            if possessive and possessive.start() > 0:  # "Gainesville’s Tom Thumb"
                if name_key(rest) in POSSESSED_BUILDINGS:
                    continue
                text = text[: possessive.start()]
            part = Toponym(toponym.start, toponym.start + len(text), text, name_key(text), "ORG")
            if part.key in GENERIC_NAMES or part.key in self.demonyms:
                continue
            if not (text[-1].isalnum() or text[-1] == "."):  # "Salt + Smoke" is not Salt
                continue
            division = text.split()[-1].lower() in DIVISION_WORDS  # "Montgomery County"
            if divisions_only and not division:
                continue
            local = _names_local_institution(rest)
            if any(
                c.primary
                and (
                    _is_major(c.place)
                    or c.place.population >= settings.PLACES_ORG_MIN_POP
                    or (division and c.place.feature == "admin2")
                    or (local and c.place.feature in TOWN_FEATURES)
                )
                for c in self.candidates(part)
            ):
                return part
        return None

    def known_part(self, toponym: Toponym) -> Toponym | None:
        """The known place name inside an unknown multi-word one ("Politics Ukraine")."""
        words = list(re.finditer(r"\S+", toponym.name))
        if len(words) < 2 or "," in toponym.name or self.candidates(toponym):
            return None
        last = words[-1].group()
        if name_key(last) in STREET_AND_VENUE_WORDS | WATERSIDE_WORDS or (
            last.lower() in STREET_ABBREVIATIONS
        ):
            return None  # "Atlantic Avenue" is a street, not the ocean; "Pearl Harbor" no Pearl
        parts = sorted(  # longest first; of two as long, the leading one ("Los Angeles City")
            [words[:i] for i in range(1, len(words))] + [words[i:] for i in range(1, len(words))],
            key=len,
            reverse=True,
        )
        for part in parts:
            start, end = part[0].start(), part[-1].end()
            text = toponym.name[start:end]
            candidate = Toponym(
                toponym.start + start, toponym.start + end, text, name_key(text), toponym.label
            )
            if not text[0].isupper() or all(w in GENERIC_NAMES for w in candidate.key.split()):
                continue  # "the City of", "North West"
            if toponym.name[end:].startswith(" of "):
                continue  # "Gulf of Alaska" is not the Gulf
            if toponym.name[end:].lstrip()[:1] in {"+", "&"}:
                continue  # "Salt + Smoke" is a restaurant, not Salt
            division = text.split()[-1].lower() in DIVISION_WORDS  # "Montgomery County"
            local = start == 0 and _names_local_institution(toponym.name[end:])
            if local:  # the town itself, though its fire station is a facility
                candidate.label = "GPE"
            if any(
                _is_major(c.place)
                or c.place.feature == "city"
                or (division and c.place.feature == "admin2")
                or (local and c.place.feature == "locality")
                for c in self.candidates(candidate)
                if c.primary
            ):
                return candidate
        return None

    def is_place_name(self, toponym: Toponym, ent: Span, people: frozenset[str]) -> bool:
        """Whether a NORP/LANGUAGE/ORG/PERSON entity is in fact a place name. A one-word
        "person" or "organisation" naming a big place ("Alexandria said") is the place
        unless the word is part of a person's full name in the article ("Michael Jordan")."""
        candidates = [  # airports named after people ("Indira Gandhi") are not them
            c for c in self.candidates(toponym) if c.primary and c.place.feature != "other"
        ]
        if not candidates:
            return False
        big = max(c.place.population for c in candidates) >= settings.PLACES_MISLABEL_MIN_POP
        major = any(_is_major(c.place) for c in candidates)
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if ent.label_ in {"NORP", "LANGUAGE"}:  # "Aleppo", not "Arab" (a town in Alabama)
            # "fishermen from Socotra": a division, or a town of some size, after "from"
            return (
                big
                or major
                or (
                    before in LOCATIVE_WORDS
                    and any(
                        c.place.feature in ADMIN_FEATURES
                        or c.place.population >= settings.PLACES_ORG_MIN_POP
                        for c in candidates
                    )
                )
            )
        if self.is_qualified(candidates, ent):
            return True
        if ent.label_ == "ORG" and major:
            return True
        if major and len(toponym.name.split()) > 1:  # "Tamil Nadu said" tagged PERSON
            return True
        if len(ent) == 1 and big and toponym.key not in people:
            return True
        if _place_cue_before(ent):  # "the island of Lampedusa"
            return True
        return before in LOCATIVE_WORDS and (big or major)

    def is_qualified(self, candidates: list[Candidate], ent: Span) -> bool:
        """Whether ", <division>" follows the name and holds one of its places ("Klamath
        Falls, Oregon" tagged a person)."""
        doc = ent.doc
        if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
            return False
        words = list(takewhile(_continues_name, doc[ent.end + 1 : ent.end + 4]))
        for size in range(len(words), 0, -1):
            containers = self.gazetteer.candidates(" ".join(w.text for w in words[:size]))
            if any(
                _within(c.place, container.place)
                for container in containers
                if container.place.feature in CONTAINER_FEATURES
                for c in candidates
            ):
                return True
        return False

    def untagged_toponym(self, run: Span, surnames: frozenset[str]) -> Toponym | None:
        """A proper-noun run outside every entity that names a well-known place, and is not
        the surname of a person of the article ("Lin-Manuel Miranda" ... "Miranda tweeted"
        is no Venezuelan state)."""
        key = name_key(run.text)
        if not key or key in GENERIC_NAMES or not run.text[0].isupper() and "-" not in run.text:
            return None
        if key in surnames:
            return None
        toponym = Toponym(run.start_char, run.end_char, run.text, key, "PROPN")
        if key in self.demonyms:
            return toponym
        if self.is_bare_acronym(toponym):
            return None
        candidates = self.candidates(toponym)
        known = any(
            _is_major(c.place)
            and c.primary
            or c.place.population >= settings.PLACES_UNTAGGED_MIN_POP
            for c in candidates
        )
        cued = _place_cue_before(run) and any(c.primary for c in candidates)
        return toponym if known or cued else None

    def join_pairs(self, text: str, toponyms: list[Toponym]) -> list[Toponym]:
        """Names split by the tagger at "and" ("Trinidad" and "Tobago", the second part
        often tagged a person or not at all) joined again when the whole is a country or
        division; toponyms inside the whole are dropped."""
        joined: list[Toponym] = []
        for toponym in toponyms:
            if joined and toponym.start < joined[-1].end:
                continue
            joined.append(self.joined_pair(text, toponym) or toponym)
        return joined

    def joined_pair(self, text: str, toponym: Toponym) -> Toponym | None:
        """`toponym` with the "and ..." after it, when the whole names a country or division."""
        tail = _AND_NAME.match(text, toponym.end)
        if tail is None:
            return None
        for part in _leading_words(tail.group("name")):
            end = tail.start("name") + len(part)
            name = text[toponym.start : end]
            whole = Toponym(toponym.start, end, name, name_key(name), toponym.label)
            if any(
                c.primary
                and (
                    _is_major(c.place)
                    or (
                        not tail.group("and")
                        and c.place.population >= settings.PLACES_UNTAGGED_MIN_POP
                    )
                )
                for c in self.candidates(whole)
            ):
                return whole
        return None

    def split_qualified(self, toponym: Toponym) -> list[Toponym]:
        """ "Paris, Texas" as one entity: Paris qualified by Texas, two mentions."""
        head, comma, tail = toponym.name.rpartition(",")
        if not comma or not head.strip() or not tail.strip():
            return [toponym]
        tail_start = toponym.start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
        first = Toponym(
            toponym.start,
            toponym.start + len(head.rstrip()),
            head.rstrip(),
            name_key(head),
            toponym.label,
        )
        # The qualifier is a town or division even when the whole was tagged a facility
        # ("Donington Park, Leicestershire").
        second = Toponym(
            tail_start, toponym.end, tail.strip(), name_key(tail), "GPE", toponym.division
        )
        second.postal = tail.strip() in postal_codes()
        if not self.candidates(second):
            return [toponym]
        return [*self.split_qualified(first), second]

    def with_postal_codes(self, text: str, toponyms: list[Toponym]) -> list[Toponym]:
        """The toponyms with the division abbreviation after each town ("Dayton, OH"), kept
        only where the town has a namesake in that division: "Paris, TX" is Paris, Texas, but
        in "Smith, OK with it" nothing is abbreviated."""
        codes = postal_codes()
        toponyms = sorted(toponyms, key=lambda t: t.start)
        by_start = {t.start: t for t in toponyms}
        added = []
        for toponym in toponyms:
            match = _POSTAL_CODE.match(text, toponym.end)
            if toponym.postal or match is None or match.group("code") not in codes:
                continue
            code = match.group("code")
            existing = by_start.get(match.start("code"))
            abbreviation = existing or Toponym(
                match.start("code"), match.end("code"), code, name_key(code), "GPE"
            )
            abbreviation.postal = True
            towns = [c.place for c in self.candidates(toponym) if c.primary]
            if any(
                _within(town, division.place)
                for division in self.candidates(abbreviation)
                for town in towns
            ):
                if existing is None:
                    added.append(abbreviation)
            elif existing is not None:
                existing.postal = False
        return sorted(toponyms + added, key=lambda t: t.start)

    def with_parenthesised_divisions(self, text: str, toponyms: list[Toponym]) -> list[Toponym]:
        """The toponyms with each "Town (Division, Division)" read as a town placed in its
        divisions (`_PARENTHESISED_DIVISIONS`), whatever the tagger made of the words (a
        work of art, an organisation). The divisions are containers; the town is the
        namesake inside them, or, when none of its namesakes lies in their country, a town
        the gazetteer lacks, at the point of the first division ("Mamelodi (Tshwane,
        Gauteng)" is no town of that name abroad). A division named like its town ("Goma
        (Goma, Nord-Kivu)") is the town itself."""
        read: list[Toponym] = []
        spans: list[tuple[int, int]] = []
        for match in _PARENTHESISED_DIVISIONS.finditer(text):
            parts = self.parenthesised_parts(match)
            head = self.parenthesised_head(match, toponyms, parts) if parts else None
            if head is None:
                continue
            # a state's code holds the town, or it is no code ("WASHINGTON (AP)")
            towns = [c.place for c in self.candidates(head)]
            parts = [part for part in parts if not part.postal or self.holds(part, towns)]
            inner = [part for part in parts if part.key != head.key]
            if not inner and all(part.postal for part in parts):
                continue
            for part in inner:
                part.container = True
            self.place_within(head, inner)
            spans.append((head.start, match.end()))
            read += [head, *parts]
        kept = [t for t in toponyms if not any(t.start < e and s < t.end for s, e in spans)]
        return sorted(kept + read, key=lambda t: t.start)

    def parenthesised_parts(self, match: re.Match) -> list[Toponym]:
        """The divisions inside the parentheses of a `_PARENTHESISED_DIVISIONS` match, when
        each part is a capitalised name and one at least is a division or country the
        gazetteer knows ("(Reuters)", "(as reported)" are none); unknown parts and acronyms
        are left out."""
        parts = []
        offset = match.start("inner")
        for piece in re.finditer(r"[^,]+", match.group("inner")):
            name = piece.group().strip()
            start = offset + piece.start() + piece.group().index(name[:1]) if name else 0
            if not _PARENTHESISED_PART.fullmatch(name):
                return []
            words = name.split()
            word = words[-1] if len(words) > 1 and words[-1].islower() else None
            if word is not None and word not in DIVISION_WORDS:
                return []
            bare = " ".join(words[:-1]) if word else name
            toponym = Toponym(start, start + len(bare), bare, name_key(bare), "GPE")
            toponym.division, toponym.division_word = word is not None, word
            if name.isupper():  # a state's code ("Muzaffarnagar (UP)"), else a gloss
                toponym.postal = name in postal_codes()
                if not toponym.postal:
                    continue
            if toponym.key not in self.demonyms and self.candidates(toponym):
                parts.append(toponym)
        known = any(
            c.place.feature in CONTAINER_FEATURES for part in parts for c in self.candidates(part)
        )
        return parts if known else []

    def parenthesised_head(
        self, match: re.Match, toponyms: list[Toponym], parts: list[Toponym]
    ) -> Toponym | None:
        """The town before the parentheses: the name the gazetteer knows (a leading "In" or
        "The" dropped), else an unknown one the tagger called a place or whose kind is said
        ("Zinijbar", "Menakuru village"), or one placed in two divisions, a district and its
        province ("Maphumulo (iLembe, KwaZulu-Natal)"); a person or a team followed by its
        country ("Eliud Kipchoge (Kenya)") is none."""
        start, name = match.start("head"), match.group("head")
        first, _, rest = name.partition(" ")
        if rest and first in _HEAD_LEADING_WORDS:
            start, name = start + len(first) + 1, rest.lstrip()
        key = name_key(name)
        if not key or key in GENERIC_NAMES or key in self.demonyms:
            return None
        if any(t.start < start < t.end for t in toponyms):
            return None  # the end of a longer name ("Republic of Korea (DPRK)")
        tagged = next((t for t in toponyms if t.start == start and t.label in PLACE_LABELS), None)
        head = Toponym(start, start + len(name), name, key, tagged.label if tagged else "GPE")
        if match.group("kind"):
            head.kinds = TOWN_FEATURES
        known = bool(self.candidates(head))
        placed = len({part.key for part in parts} - {key}) > 1
        return head if known or tagged is not None or match.group("kind") or placed else None

    def holds(self, division: Toponym, towns: list[Place]) -> bool:
        """Whether some place `division` names holds one of `towns`."""
        return any(_within(t, c.place) for c in self.candidates(division) for t in towns)

    def place_within(self, head: Toponym, divisions: list[Toponym]) -> None:
        """Place a town within the divisions named after it: the divisions holding one of
        its namesakes qualify it, its namesakes must lie in their country, and an unknown
        town takes the first division's point."""
        if not divisions:
            return
        towns = [c.place for c in self.candidates(head)]
        containers = [
            c
            for division in divisions
            for c in self.candidates(division)
            if c.place.feature in CONTAINER_FEATURES
        ]
        head.qualifier = [c for c in containers if any(_within(t, c.place) for t in towns)]
        head.followed_by, head.parenthesised = divisions[0].key, True
        spans = [_division_spans(self.candidates(division)) for division in divisions]
        countries = [{country for country, _ in span} for span in spans if span]
        shared = set.intersection(*countries) if countries else set()
        head.qualifier_divisions = (
            frozenset(pair for span in spans for pair in span if pair[0] in shared) or None
        )

    def read_cues(self, text: str, toponym: Toponym) -> None:
        """What the words before a name say of it: "near Gao" places the event near the town;
        "the Turkish city of" makes it a town in Turkey, "the Mexican state of" a state."""
        before = text[max(0, toponym.start - CUE_WINDOW_CHARS) : toponym.start]
        toponym.near = bool(_NEAR_CUE.search(before.lower()))
        toponym.cued = bool(_OFF_CUE.search(before))
        after = text[toponym.end : toponym.end + CUE_WINDOW_CHARS]
        toponym.town_office = not before.rstrip().endswith(",") and _names_town_office(after)
        cue = _KIND_CUE.search(before)
        if cue is None:
            return
        demonym = cue.group("demonym")
        country = self.demonym_country(demonym) if demonym else None
        if demonym and country is None:
            return  # "the Sadr City district of Baghdad": the kind is Sadr City's
        toponym.cued = True
        kind = cue.group("kind")
        if kind in TOWN_KIND_WORDS:
            toponym.kinds = TOWN_FEATURES
        elif kind != "island":
            toponym.division, toponym.division_word = True, kind
        toponym.country_hint = country

    def demonym_country(self, words: str) -> str | None:
        """The country of a nationality word or two ("Mexican", "South Korean")."""
        key = name_key(words)
        return self.demonyms.get(key) or self.demonyms.get(key.split()[-1]) if key else None

    def divisions_of_spelling(self, name: str) -> list[Candidate]:
        """The divisions of a name the gazetteer knows under another spelling: "Raqqa
        province" is the division spelt "Ar-Raqqah"."""
        for variant in key_variants(name_key(name)):
            spelt = [c for c in self.gazetteer.lookup(variant) if c.place.feature in ADMIN_FEATURES]
            if spelt:
                return spelt
        return []

    def divisions_of_towns(self, named: tuple[Candidate, ...]) -> list[Candidate]:
        """The first-level divisions holding the towns of a name: "Hodeidah governorate" is
        the one holding the city of Hodeidah."""
        found = []
        for town in named:
            if town.place.feature in TOWN_FEATURES and town.place.admin1:
                found += [
                    Candidate(c.place, False)
                    for c in self.gazetteer.candidates(town.place.admin1)
                    if c.place.feature == "admin1" and c.place.country == town.place.country
                ]
        return found

    def postal_candidates(self, code: str) -> tuple[Candidate, ...]:
        """The divisions a postal abbreviation stands for, as good as their own names."""
        return tuple(
            Candidate(c.place, True)
            for country, division in postal_codes().get(code, ())
            for c in self.gazetteer.candidates(division)
            if c.primary and c.place.feature == "admin1" and c.place.country == country
        )

    def attach_qualifiers(self, text: str, toponyms: list[Toponym]) -> None:
        """A name directly followed by ", <country or division>" is placed within it, when
        that division holds a place of that name ("Tacoma, Washington"; not "Washington,
        New York and Boston")."""
        for current, following in zip(toponyms, toponyms[1:], strict=False):
            between = text[current.end : following.start].strip()
            if between == "," or between.lower() in LOCATIVE_WORDS:  # "Le Bernardin in New York"
                current.followed_by = following.key
            if between != ",":
                continue
            places = [c.place for c in self.candidates(current) if c.primary]
            containers = [
                c
                for c in self.candidates(following)
                if c.place.feature in CONTAINER_FEATURES
                and any(_within(place, c.place) for place in places)
            ]
            if containers:
                current.qualifier = containers
                following.container = True
            elif (
                self.is_bare_division(following) or self.names_province_of(current, following)
            ) and not _in_list(text, current, following):
                # "Vertente do Lerio, Pernambuco": a town the gazetteer lacks, in Brazil, not
                # a namesake abroad
                current.qualifier_divisions = _division_spans(self.candidates(following))
                following.container = True

    def names_province_of(self, current: Toponym, following: Toponym) -> bool:
        """Whether `following` names the province `current` lies in, though it may also be a
        town: a district named with its division word ("Mesa district, Sonora") or the
        district of a parenthesised address ("Al Waht (Tuban, Lahij)") lies in a province,
        and is never listed with a town ("Paris, Bern"). Its namesakes in other provinces are
        other places."""
        named_division = current.division or current.division_word is not None
        if not (named_division or (current.container and following.container)):
            return False
        return any(c.place.feature == "admin1" for c in self.candidates(following) if c.primary)

    def is_bare_division(self, toponym: Toponym) -> bool:
        """Whether a name is only ever a province or district ("Pernambuco", "Aragua"), never
        a country or a town of some size: a name after ", " that may be a town ("Paris,
        Bern") or a country ("Chad, Niger") starts no qualifier by itself."""
        own = [c.place for c in self.candidates(toponym) if c.primary]
        return (
            bool(own)
            and all(
                place.feature in ADMIN_FEATURES
                or (
                    place.feature in TOWN_FEATURES
                    and place.population < settings.PLACES_ORG_MIN_POP
                )
                for place in own
            )
            and any(place.feature in ADMIN_FEATURES for place in own)
        )

    # --- resolution --------------------------------------------------------------------

    def candidates(self, toponym: Toponym) -> tuple[Candidate, ...]:
        if toponym.postal:
            return self.postal_candidates(toponym.name)
        found = self.gazetteer.candidates(toponym.name) or self.joined_article_candidates(
            toponym.name
        )
        in_capitals = toponym.dateline and len(toponym.key) > settings.PLACES_ACRONYM_MAX_LETTERS
        if _ACRONYM.fullmatch(toponym.name.rstrip("-‐")) and not in_capitals:
            # "UN" is no town called Un, "CHU" no town once called Chu, "SANA" (a news
            # agency) not Sanaa, spelt so among its other names; "US", "LA" resolve through
            # their listed short forms. A dateline is in capitals: "ROME --".
            found = tuple(
                c
                for c in found
                if c.primary and (_is_major(c.place) or name_key(c.place.name) != toponym.key)
            )
        if toponym.division:
            bare = " ".join(w for w in toponym.name.split() if w.lower() not in DIVISION_WORDS)
            named = self.gazetteer.candidates(bare)
            word = toponym.division_word
            worded = self.gazetteer.candidates(f"{bare} {word}") if word else ()  # Jackson County
            # Divisions whose own name has the division word ("Westmoreland County" of
            # Pennsylvania) beat those named without it (the parish of Jamaica).
            divisions = [c for c in worded if c.place.feature in ADMIN_FEATURES] or [
                c for c in found + named if c.place.feature in ADMIN_FEATURES
            ]
            if not divisions:
                divisions = self.divisions_of_spelling(bare)
            if not divisions and word in TOWN_NAMED_DIVISION_WORDS:
                divisions = self.divisions_of_towns(named)
            within = toponym.qualifier_divisions
            if within is not None and not any(_lies_in(c.place, within) for c in divisions):
                # "Cuauhtemoc municipality, Chihuahua": no division of that name lies in the
                # province the text names, the town it is named after (its seat) does
                seats = [c for c in named if c.primary and c.place.feature in TOWN_FEATURES]
                divisions = [c for c in seats if _lies_in(c.place, within)] or divisions
            return tuple(divisions) or found
        words = toponym.name.split()
        if not found and len(words) > 1 and words[-1].lower() in TOWNSHIP_WORDS:
            towns = self.gazetteer.candidates(" ".join(words[:-1]))
            return tuple(c for c in towns if c.primary and c.place.feature in TOWN_FEATURES)
        return found

    def joined_article_candidates(self, name: str) -> tuple[Candidate, ...]:
        """The candidates of an Arabic name whose article is written joined to the word it
        assimilates to ("Deir Ezzor" for "Deir ez-Zor", "Arraqqa" for "Ar-Raqqa"): the
        gazetteer spells the article apart."""
        words = name.split()
        split = [_JOINED_ARTICLE.sub(r"\1\2 \2", word) for word in words]
        if split == words:
            return ()
        return self.gazetteer.candidates(" ".join(split))

    def resolve(self, toponyms: list[Toponym], context: Context) -> dict[str, Place | None]:
        """Name key -> the place it denotes in this article (None when unknown)."""
        groups: dict[str, list[Toponym]] = defaultdict(list)
        for toponym in toponyms:
            groups[toponym.key].append(toponym)
        options = {key: self.options(groups[key]) for key in groups}
        priors = {
            key: [self.prior(c, groups[key]) for c in cands] for key, cands in options.items()
        }
        support = {key: division_spread(cands, priors[key]) for key, cands in options.items()}
        for key in options:
            others: Counter = Counter()
            for other, spread in support.items():
                if other != key:
                    others.update(spread)
            context.co_divisions[key] = others
        choice = {
            key: cands[priors[key].index(max(priors[key]))]
            for key, cands in options.items()
            if cands
        }
        best_in = _best_prior_by_country(options, priors)
        for key, country in _trip_countries(groups, best_in).items():  # both ends at once
            in_country = [
                (prior, i)
                for i, (c, prior) in enumerate(zip(options[key], priors[key], strict=True))
                if c.place.country == country
            ]
            choice[key] = options[key][max(in_country)[1]]
        votes = {key: self.vote_weight(groups[key], candidate) for key, candidate in choice.items()}
        for key, candidate in choice.items():
            context.add(candidate.place, votes[key])
        coherence = self.coherence(options)
        counties = _county_links(options)
        for _ in range(settings.PLACES_CONTEXT_ROUNDS):
            for key, cands in options.items():
                if len(cands) < 2:
                    continue
                context.remove(choice[key].place, votes[key])
                others = [c.place for other, c in choice.items() if other != key]
                nearby = _nearby_shares(cands, others)
                kinds = _sibling_kinds(groups[key], choice)
                scores = [
                    prior
                    + self.context_score(candidate.place, context, key)
                    + settings.PLACES_PROXIMITY_WEIGHT * near
                    + settings.PLACES_COHERENCE_WEIGHT * coherent
                    + settings.PLACES_LIST_KIND_WEIGHT * kinds[_kind(candidate.place)]
                    + settings.PLACES_COUNTY_WEIGHT * county
                    for candidate, prior, near, coherent, county in zip(
                        cands, priors[key], nearby, coherence[key], counties[key], strict=True
                    )
                ]
                best = cands[scores.index(max(scores))]
                choice[key] = best
                votes[key] = self.vote_weight(groups[key], best)
                context.add(best.place, votes[key])
        return {
            key: choice[key].place
            if key in choice and self.attested(choice[key].place, groups[key], context, votes[key])
            else None
            for key in groups
        }

    @staticmethod
    def attested(place: Place, mentions: list[Toponym], context: Context, vote: float) -> bool:
        """Whether a place of countrystatecity's lists that GeoNames' city file lacks (no
        population, no GeoNames id) is meant: only when the words before it say a place
        follows ("the island of Lesbos") or the article's other names vote for its country;
        else a rare name ("the Pyrenees", also a shire of Victoria) stays unknown."""
        backed = context.countries[place.country] - vote > 0
        if place.feature == "locality" and place.population:
            # A small town abroad that nothing else in the article points to, in an article
            # whose places lie in another country, is a name the gazetteer lacks ("Croft,
            # Yorkshire" in a report on English race tracks is no Virginia suburb).
            setting = context.setting_country()
            if setting not in {None, place.country} and not backed:
                return any(m.cued or m.qualifier for m in mentions)
        if place.population or place.geonames_id is not None or place.feature != "locality":
            return True
        return any(m.cued for m in mentions) or backed

    def coherence(self, options: dict[str, list[Candidate]]) -> dict[str, list[float]]:
        """Per candidate, how well it fits the article's other names: for each other name,
        the closeness of its nearest candidate, summed (capped).

        Local news names places near one another ("Paris and Henry County", "Hanover",
        "Bethel, Vt."): the sense of each name that has namesakes of the others nearby
        wins, whichever sense the others currently hold.
        """
        rows = [
            (index, key, i, c)
            for index, (key, cands) in enumerate(options.items())
            for i, c in enumerate(cands)
            if c.place.feature in POINT_FEATURES and c.place.lat is not None
        ]
        scores = {key: [0.0] * len(cands) for key, cands in options.items()}
        if len({index for index, *_ in rows}) < 2:
            return scores
        points = np.radians([(c.place.lat, c.place.lon) for *_, c in rows])
        owners = np.array([index for index, *_ in rows])
        identities = np.array([c.place.row for *_, c in rows])
        aliases = np.array([not c.primary for *_, c in rows])
        support = np.zeros(len(rows))
        for owner in np.unique(owners):
            columns = owners == owner
            km = _pairwise_km(points, points[columns])
            closeness = np.exp(-km / settings.PLACES_COHERENCE_KM)
            # A place met under an alternate name is no neighbour of itself named by its own
            # name: "Youngstown" is not the Mount Gilead (once called so) that the article
            # names as Mount Gilead; "DeKalb" is the DeKalb County it names too.
            itself = identities[:, None] == identities[columns][None, :]
            closeness[itself & aliases[:, None]] = 0.0
            nearest = closeness.max(axis=1)
            nearest[owners == owner] = 0.0
            support += nearest
        support = np.minimum(support, settings.PLACES_COHERENCE_CAP)
        for (_, key, i, _), value in zip(rows, support, strict=True):
            scores[key][i] = float(value)
        return scores

    def options(self, mentions: list[Toponym]) -> list[Candidate]:
        """The candidates of a name, best form of each place, namesake divisions dropped."""
        division = any(m.division for m in mentions)
        best: dict[int, Candidate] = {}
        for mention in mentions:
            for candidate in self.candidates(mention):
                known = best.get(candidate.place.row)
                if known is None or (candidate.primary and not known.primary):
                    best[candidate.place.row] = candidate
        candidates = sorted(best.values(), key=lambda c: self.prior(c, mentions), reverse=True)[
            : settings.PLACES_MAX_CANDIDATES
        ]
        if set(name_key(mentions[0].name).split()[-1:]) & STREET_AND_VENUE_WORDS:
            # "Washington Square" is the square, not the town once called so
            candidates = [c for c in candidates if c.primary]
        within = next((m.qualifier_divisions for m in mentions if m.qualifier_divisions), None)
        if within is not None:  # "Windsor (Johannesburg, Gauteng)": no Windsor abroad
            candidates = [c for c in candidates if _lies_in(c.place, within)]
        country = next((m.country_hint for m in mentions if m.country_hint), None)
        if country is not None:  # "the Lebanese city of Tripoli"
            candidates = [c for c in candidates if c.place.country == country] or candidates
        kinds = next((m.kinds for m in mentions if m.kinds), None)
        if kinds is not None:  # "the city of Hatay" is the city, not the province
            candidates = [c for c in candidates if c.place.feature in kinds] or candidates
        if any(m.town_office and not m.container for m in mentions):
            # A town's office makes the name a town, not a kingdom or a province of that
            # name; not so after a town ("Calamba City, Laguna Mayor" is Calamba's mayor).
            candidates = [c for c in candidates if c.place.feature in TOWN_FEATURES] or candidates
        if all(m.label == "FAC" for m in mentions):
            # A facility ("Heathrow") is an airport, not the hamlet of the same name.
            candidates = [
                c
                for c in candidates
                if _is_major(c.place) or c.place.feature in {"city", "admin2", "other"}
            ]
        if any(m.container for m in mentions):
            containers = [c for c in candidates if c.place.feature in CONTAINER_FEATURES]
            candidates = containers or candidates
        candidates = _without_shadowed_aliases(candidates)
        if division:
            return candidates
        # A city named like its own division ("Aleppo" in Aleppo governorate) is the city.
        cities = {
            (c.place.country, c.place.admin1)
            for c in candidates
            if c.place.feature in TOWN_FEATURES and c.primary
        }
        return [
            c
            for c in candidates
            if not (
                c.place.feature in ADMIN_FEATURES
                and (
                    (c.place.country, c.place.admin1) in cities
                    or (
                        c.place.feature == "admin2"
                        and c.place.admin1 is None
                        and any(country == c.place.country for country, _ in cities)
                    )
                )
            )
        ]

    def prior(self, candidate: Candidate, mentions: list[Toponym]) -> float:
        """Context-free plausibility of `candidate` for these mentions."""
        place = candidate.place
        score = settings.PLACES_POPULATION_WEIGHT * math.log10(place.population + 10)
        minor = 0 < place.population < settings.PLACES_MINOR_DIVISION_POPULATION
        dateline = any(m.dateline for m in mentions)
        if place.feature == "admin1" and not any(m.division for m in mentions):
            minor = minor or place.population < self.largest_town_abroad(mentions[0], place)
        if not (place.feature == "admin1" and minor) and not (
            dateline and place.feature in ADMIN_FEATURES  # "NEW YORK (Reuters)" is the city
        ):  # a parish of Jamaica is no California
            score += FEATURE_PRIOR[place.feature]
        if candidate.primary:
            score += settings.PLACES_PRIMARY_NAME_BONUS
        if place.capital and candidate.primary:
            score += settings.PLACES_CAPITAL_BONUS
        if place.is_listed_region:
            score += settings.PLACES_LISTED_REGION_BONUS
        if dateline and place.feature in TOWN_FEATURES:
            score += settings.PLACES_DATELINE_TOWN_BONUS  # "GAZA --" is the city
        qualifiers = [q.place for m in mentions for q in m.qualifier]
        placed = candidate.primary or any(m.parenthesised for m in mentions)
        if placed and any(_within(place, container) for container in qualifiers):
            score += settings.PLACES_QUALIFIER_BONUS
        return score

    def largest_town_abroad(self, toponym: Toponym, division: Place) -> int:
        """The population of the largest town of the name outside the division's country:
        a division smaller than a namesake town abroad is no better known than that town
        ("Gaza" is the city, not the province of Mozambique)."""
        return max(
            (
                c.place.population
                for c in self.gazetteer.candidates(toponym.name)
                if c.primary
                and c.place.feature in TOWN_FEATURES
                and c.place.country != division.country
            ),
            default=0,
        )

    def context_score(self, place: Place, context: Context, key: str) -> float:
        score = settings.PLACES_COUNTRY_CONTEXT_WEIGHT * max(
            context.country_share(place.country),
            settings.PLACES_NEIGHBOUR_SHARE * context.neighbour_share(place.country),
        )
        if place.feature not in {"country", "admin1"}:
            divisions = context.co_divisions[key]
            co_mentioned = divisions.get((place.country, place.admin1), 0.0)
            share = co_mentioned / max(sum(divisions.values()), 1.0)
            score += settings.PLACES_DIVISION_CONTEXT_WEIGHT * share
        if place.feature != "country":
            score += settings.PLACES_OUTLET_HOME_WEIGHT * context.outlet_share(place, key)
        return score

    def vote_weight(self, mentions: list[Toponym], candidate: Candidate) -> float:
        """How much a resolved name says about the article's country and division."""
        weight = settings.PLACES_FEATURE_VOTE.get(candidate.place.feature, 0.5)
        if any(m.dateline for m in mentions):
            weight += settings.PLACES_DATELINE_VOTE
        return weight

    # --- output --------------------------------------------------------------------------

    def containing_place(
        self,
        toponym: Toponym,
        by_key: dict[str, Toponym],
        resolved: dict[str, Place | None],
        town: Place | None,
    ) -> tuple[Place | None, bool]:
        """The known place an unknown one (a street, a building) lies in: the place named
        after it ("Donington Park, Leicestershire", "Le Bernardin in New York"), else the
        article's own `town`, unless the unknown place is a river or a mountain; and
        whether the text names it as the place's own."""
        seen = {toponym.key}
        current = toponym
        while current.followed_by and current.followed_by not in seen:
            seen.add(current.followed_by)
            after = resolved.get(current.followed_by)
            if after is not None and toponym.qualifier_divisions:
                # "Thackerville, Okla.": a town of the division, not its big namesake city;
                # the article's own town when it lies there
                return (town if town is not None and _within(town, after) else after), True
            if after is not None:
                return self.namesake_city(after) or after, True
            current = by_key[current.followed_by]  # "Kingsley Road in Estey's Bridge, N.B."
        return (None if _is_natural_feature(toponym) else town), False

    def namesake_city(self, division: Place) -> Place | None:
        """The big city a first-level division is named after, which a building "in" it
        lies in: "Le Bernardin in New York" is in the city, an office in Ohio in no town."""
        if division.feature != "admin1":
            return None
        return next(
            (
                c.place
                for c in self.gazetteer.candidates(division.name)
                if c.place.feature == "city"
                and c.place.population >= settings.PLACES_UNTAGGED_MIN_POP
                and _within(c.place, division)
            ),
            None,
        )

    def to_places(
        self, toponyms: list[Toponym], resolved: dict[str, Place | None], context: Context
    ) -> list[dict]:
        """One schema v1 Place per distinct place, mentions in text order. A name the
        gazetteer does not know (a street, a building) is a place of feature "other" with
        no GeoNames id; it takes the point of the town it lies in (`containing_place`), as
        an event coder places an event at the nearest named town, else only the country of
        the place it lies in or of the article, when its places clearly lie in one."""
        places: dict[object, dict] = {}
        #: Whether some mention places the event in the place, not near it.
        far: dict[object, bool] = {}
        dominant = context.dominant_country()
        by_key = {t.key: t for t in toponyms}
        town, datelined = home_town(toponyms, resolved)
        # A dateline is where the reporter is: the story may be elsewhere, its people say so
        # too ("MOSCOW -- Syrian guards ..."); a most-named town is in the story itself.
        if town is not None and datelined:  # the story's country, the reporter's seat aside
            dominant = _dominant(
                context.countries - Counter({town.country: settings.PLACES_DATELINE_VOTE})
            )
        setting = dominant if datelined else context.setting_country()
        if town is not None and setting not in {None, town.country}:
            town = None  # a Moscow dateline on a report from Syria
        for toponym in sorted(toponyms, key=lambda t: t.start):
            place = resolved.get(toponym.key)
            if place is None and not _may_stay_unresolved(toponym):
                continue
            identity = place.row if place is not None else ("unresolved", toponym.key)
            entry = places.get(identity)
            if entry is None:
                container, named = (
                    self.containing_place(toponym, by_key, resolved, town)
                    if place is None
                    else (None, False)
                )
                entry = places[identity] = _place_dict(
                    f"p{len(places) + 1}",
                    toponym,
                    place,
                    (container, named),
                    self.iso3.get(dominant or ""),
                )
            entry["mentions"].append([toponym.start, toponym.end])
            far[identity] = far.get(identity, False) or not toponym.near
        for identity, entry in places.items():
            if not far[identity] and entry["geo_precision"] == WITHIN_TOWN_PRECISION:
                entry["geo_precision"] = NEAR_TOWN_PRECISION  # only ever "near Gao"
        return list(places.values())


def _place_dict(
    place_id: str,
    toponym: Toponym,
    place: Place | None,
    lying_in: tuple[Place | None, bool],
    dominant: str | None,
) -> dict:
    """A schema v1 place; an unknown one (`place` None) takes the point of the place it lies
    in (`lying_in`: that place, and whether the text names it as its own)."""
    if place is None:
        container, named = lying_in
        pointed = (
            container is not None
            and container.feature in POINT_FEATURES
            and container.lat is not None
            and container.lon is not None
        )
        return {
            "id": place_id,
            "name": toponym.name,
            "lat": round(container.lat, 5) if pointed else None,
            "lon": round(container.lon, 5) if pointed else None,
            "country": container.country3 if container is not None else dominant,
            "admin1": container.admin1 if pointed else None,
            "feature": "other",
            "geonames_id": None,
            "geo_precision": _borrowed_precision(container, named)
            if pointed
            else NO_POINT_PRECISION,
            "mentions": [],
        }
    return {
        "id": place_id,
        "name": place.name,
        "lat": round(place.lat, 5) if place.lat is not None else None,
        "lon": round(place.lon, 5) if place.lon is not None else None,
        "country": place.country3,
        "admin1": place.admin1 if place.feature != "country" else None,
        "feature": place.feature,
        "geonames_id": place.geonames_id,
        "geo_precision": FEATURE_PRECISION[place.feature]
        if place.lat is not None
        else NO_POINT_PRECISION,
        "mentions": [],
    }


def _borrowed_precision(container: Place, named: bool) -> int:
    """ACLED's geo-precision of an unknown place at the point of the place it lies in: within
    a town the text names as its own ("Elm Street in Dallas"), 1; near the article's own town,
    or within a district, 2."""
    if container.feature in TOWN_FEATURES:
        return WITHIN_TOWN_PRECISION if named else NEAR_TOWN_PRECISION
    return max(FEATURE_PRECISION[container.feature], NEAR_TOWN_PRECISION)


def _dominant(votes: Counter) -> str | None:
    """The country with a clear majority of `votes`, if any."""
    positive = {country: value for country, value in votes.items() if value > 0}
    if not positive:
        return None
    country = max(positive, key=positive.__getitem__)
    if positive[country] < settings.PLACES_DOMINANT_MIN_VOTES:
        return None
    return (
        country
        if positive[country] / sum(positive.values()) >= settings.PLACES_DOMINANT_SHARE
        else None
    )


def division_spread(cands: list[Candidate], priors: list[float]) -> Counter:
    """The first-level divisions a name may lie in, one vote shared among them by the
    plausibility (`priors`) of its candidates: a name known in one division ("Henderson
    County, Texas") votes for it fully, "California" for the state, not for its namesake
    towns."""
    if not cands:
        return Counter()
    best = max(priors)
    weights: Counter = Counter()
    for candidate, prior in zip(cands, priors, strict=True):
        if candidate.place.admin1 and candidate.place.feature != "country":
            division = (candidate.place.country, candidate.place.admin1)
            weights[division] += math.exp(
                (prior - best) / settings.PLACES_DIVISION_SPREAD_TEMPERATURE
            )
    total = sum(weights.values())
    return Counter({division: weight / total for division, weight in weights.items()})


def _without_shadowed_aliases(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates less the towns met under an alternate name where a town of the country
    at least as populous bears the name as its own: "Youngstown" is Youngstown, Ohio, not the
    Ohio village once called so; "Bombay" is still Mumbai."""
    own = defaultdict(int)
    for c in candidates:
        if c.primary and c.place.feature in TOWN_FEATURES:
            own[c.place.country] = max(own[c.place.country], c.place.population)
    return [
        c
        for c in candidates
        if c.primary
        or c.place.feature not in TOWN_FEATURES
        or own.get(c.place.country, -1) < c.place.population
    ]


def _county_links(options: dict[str, list[Candidate]]) -> dict[str, list[float]]:
    """Per candidate, 1 when another name may be the county it lies in ("Huntsville" with
    "Walker County": the Texas ones) or, for a county, a town within it; else 0."""
    towns_in = {
        key: {_county_key(c.place) for c in cands if c.place.feature in TOWN_FEATURES}
        for key, cands in options.items()
    }
    counties = {
        key: {_county_key(c.place) for c in cands if c.place.feature == "admin2"}
        for key, cands in options.items()
    }
    links = {}
    for key, cands in options.items():
        other_towns_in = set().union(*(v for k, v in towns_in.items() if k != key))
        other_counties = set().union(*(v for k, v in counties.items() if k != key))
        links[key] = [
            float(
                _county_key(c.place) in other_counties
                if c.place.feature in TOWN_FEATURES
                else c.place.feature == "admin2" and _county_key(c.place) in other_towns_in
            )
            for c in cands
        ]
    return links


def _county_key(place: Place) -> tuple[str | None, str | None, str] | None:
    """The county a town lies in, or a county itself, as (country, admin1, name key)."""
    county = place.name if place.feature == "admin2" else place.admin2
    return (place.country, place.admin1, name_key(county)) if county else None


def _pairwise_km(here: np.ndarray, there: np.ndarray) -> np.ndarray:
    """Great-circle distances between two arrays of (lat, lon) points in radians."""
    dlat = here[:, None, 0] - there[None, :, 0]
    dlon = here[:, None, 1] - there[None, :, 1]
    h = (
        np.sin(dlat / 2) ** 2
        + np.cos(here[:, None, 0]) * np.cos(there[None, :, 0]) * np.sin(dlon / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _nearby_shares(cands: list[Candidate], others: list[Place]) -> list[float]:
    """For each candidate, the share of the article's other places (with a point) that
    lie within PLACES_PROXIMITY_KM of it: places named together tend to be close."""
    points = [(p.lat, p.lon) for p in others if p.lat is not None and p.feature != "region"]
    if not points:
        return [0.0] * len(cands)
    here = np.radians([(c.place.lat or 0.0, c.place.lon or 0.0) for c in cands])
    km = _pairwise_km(here, np.radians(points))
    shares = (km <= settings.PLACES_PROXIMITY_KM).mean(axis=1)
    return [
        float(share) if c.place.lat is not None else 0.0
        for c, share in zip(cands, shares, strict=True)
    ]


#: A name written as an acronym: it names a town only through a listed short form.
_ACRONYM = re.compile(r"[A-Z]{2,4}")


def _is_major(place: Place) -> bool:
    """Countries, first-level divisions and hand-listed regions."""
    return (
        place.feature in {"country", "admin1"}
        or place.is_listed_region
        or (place.feature == "region" and place.country is None)
    )


def _may_stay_unresolved(toponym: Toponym) -> bool:
    """Unknown names kept as places: streets, buildings, rivers (LOC/FAC) and multi-word
    GPEs; a one-word GPE the gazetteer does not know is most often a mistagged person."""
    if toponym.label in {"LOC", "FAC"} or toponym.parenthesised:
        return True  # "Zinijbar (Zingibar, Abyan)": the text says where it lies
    return toponym.label == "GPE" and len(toponym.name.split()) > 1


def home_town(
    toponyms: list[Toponym], resolved: dict[str, Place | None]
) -> tuple[Place | None, bool]:
    """The town an article is set in: its dateline's, else its most-named town; and whether
    it is the dateline's."""
    towns = [
        (t, place)
        for t in toponyms
        if (place := resolved.get(t.key)) is not None and place.feature in POINT_FEATURES
    ]
    if not towns:
        return None, False
    for t, place in towns:
        if t.dateline:
            return place, True
    counts = Counter(place.row for _, place in towns)
    return next(place for _, place in towns if counts[place.row] == max(counts.values())), False


#: Words between names that list them together ("Alaska, Hawaii and Washington").
_LIST_SEPARATORS = frozenset({",", "and", "or", "&", ", and", ", or"})


def _attach_lists(text: str, toponyms: list[Toponym]) -> None:
    """Link names listed together: they tend to be places of one kind."""
    chain: list[Toponym] = []
    for current, following in zip(toponyms, toponyms[1:], strict=False):
        between = text[current.end : following.start].strip()
        if between in _LIST_SEPARATORS and not following.container and current.key != following.key:
            chain = chain or [current]
            chain.append(following)
            continue
        _link(chain)
        chain = []
    _link(chain)


def _share_plural_divisions(text: str, toponyms: list[Toponym]) -> None:
    """Names listed before a plural division word are each that division ("Idlib and Hama
    provinces", "Borno, Yobe and Adamawa states")."""
    chain: list[Toponym] = []
    for current, following in zip(toponyms, [*toponyms[1:], None], strict=False):
        chain.append(current)
        listed = following is not None and current.key != following.key
        if listed and text[current.end : following.start].strip() in _LIST_SEPARATORS:
            continue
        word = _PLURAL_DIVISION.match(text, current.end)
        if len(chain) > 1 and word is not None and word.group("word") in PLURAL_DIVISION_WORDS:
            for toponym in chain:
                toponym.division = True
                toponym.division_word = PLURAL_DIVISION_WORDS[word.group("word")]
        chain = []


#: A list goes on after a name: ", and", " or", ", X".
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and|or)?\s*[A-Z]|(?:and|or|&)\s)")
#: A list came before a name: "X, " or "X and ".
_LIST_CAME = re.compile(r"(?:,|\band|\bor|&)\s*$")


def _in_list(text: str, current: Toponym, following: Toponym) -> bool:
    """Whether "A, B" is part of a list ("Aleppo, Idlib and Hama") or of a clause, not a town
    and its province."""
    after = text[following.end : following.end + 12]
    if re.match(r"[ \t]+[A-Z]", after):
        return True  # "Arlington, Nadia Moayyad said": a person's name goes on
    before = text[max(0, current.start - 6) : current.start]
    return bool(_LIST_GOES_ON.match(after) or _LIST_CAME.search(before))


def _link_trips(text: str, toponyms: list[Toponym]) -> None:
    """Link the two ends of a trip ("from Portland to Bangor", "between Perth and Dundee")."""
    for current, following in zip(toponyms, toponyms[1:], strict=False):
        between = text[current.end : following.start].strip().lower()
        before = text[max(0, current.start - CUE_WINDOW_CHARS) : current.start]
        if between in _TRIP_LINKS and _TRIP_START.search(before) and current.key != following.key:
            current.trip_with.add(following.key)
            following.trip_with.add(current.key)


def _best_prior_by_country(
    options: dict[str, list[Candidate]], priors: dict[str, list[float]]
) -> dict[str, dict[str | None, float]]:
    """Name key -> country -> the best prior of the name's namesakes in that country."""
    best_in: dict[str, dict[str | None, float]] = {}
    for key, cands in options.items():
        table: dict[str | None, float] = {}
        for candidate, prior in zip(cands, priors[key], strict=True):
            country = candidate.place.country
            table[country] = max(table.get(country, prior), prior)
        best_in[key] = table
    return best_in


def _trip_partners(groups: dict[str, list[Toponym]], key: str, best_in: dict) -> list[str]:
    return sorted({other for m in groups[key] for other in m.trip_with if best_in.get(other)})


def _trip_countries(
    groups: dict[str, list[Toponym]], best_in: dict[str, dict[str | None, float]]
) -> dict[str, str | None]:
    """Per name that ends a trip, the country where its namesakes and those of the trip's
    other end are most plausible together (the sum of their best priors there), unless that
    sum falls short of the ends' best priors apart by more than TRIP_JOINT_MARGIN: a trip
    between two towns of one country starts from namesakes in that country ("from Portland
    to Bangor": the American ones, though the largest Bangor is in Northern Ireland), but
    "from Dover to Calais" crosses the Channel."""
    countries = {}
    for key, table in best_in.items():
        partners = _trip_partners(groups, key, best_in)
        shared = [c for c in table if all(c in best_in[other] for other in partners)]
        if not partners or not shared:
            continue
        joint = {c: table[c] + sum(best_in[other][c] for other in partners) for c in shared}
        country = max(joint, key=joint.__getitem__)
        apart = max(table.values()) + sum(max(best_in[other].values()) for other in partners)
        if joint[country] >= apart - TRIP_JOINT_MARGIN:
            countries[key] = country
    return countries


def _place_cue_before(span: Span) -> bool:
    """Whether the words before `span` say a place follows ("the island of", "off"); read
    from the few tokens before it (``Doc.text`` is rebuilt on every access)."""
    before = span.doc[max(0, span.start - CUE_WINDOW_TOKENS) : span.start].text_with_ws
    return bool(_KIND_CUE.search(before) or _OFF_CUE.search(before))


def _link(chain: list[Toponym]) -> None:
    keys = {t.key for t in chain}
    for toponym in chain:
        toponym.listed_with |= keys - {toponym.key}


def _kind(place: Place) -> str:
    return "town" if place.feature in TOWN_FEATURES else place.feature


def _sibling_kinds(mentions: list[Toponym], choice: dict[str, Candidate]) -> Counter:
    """The share of the names listed with these mentions currently of each kind."""
    siblings = [choice[key].place for m in mentions for key in m.listed_with if key in choice]
    if not siblings:
        return Counter()
    kinds = Counter(_kind(place) for place in siblings)
    return Counter({kind: n / len(siblings) for kind, n in kinds.items()})


def _leading_words(text: str, whole: bool = True) -> Iterator[str]:
    """The leading parts of `text` that end at a word's end, longest first (with `whole`,
    the whole text first)."""
    ends = [word.end() for word in re.finditer(r"\S+", text)]
    for end in reversed(ends if whole else ends[:-1]):
        yield text[:end]


def _saints_building(ent: Span) -> Token | None:
    """The church or square (`SAINTS_PLACES`) a saint's name in the possessive names, in the
    entity or right after it: "Basilica" of "St. Peter's Basilica"."""
    tokens = ent.doc[ent.start : min(ent.end + 2, len(ent.doc))]
    for token, following in zip(tokens, tokens[1:], strict=False):
        if token.text in ("'s", "’s"):
            return following if following.lower_ in SAINTS_PLACES else None
    return None


def after_personal_title(ent: Span) -> bool:
    """Whether the name directly follows a personal title ("Lord Mackay", "Mr. Paris"), or
    begins with one that the tagger took into a person's name ("Lord Mackay" as PERSON)."""
    titles = personal_titles().never_town_names
    before = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    first = ent[0].lower_.rstrip(".")
    return before in titles or (ent.label_ == "PERSON" and len(ent) > 1 and first in titles)


def _is_natural_feature(toponym: Toponym) -> bool:
    """A river, mountain or island: it does not lie at the point of a town named nearby."""
    words = toponym.key.split()
    return bool(words) and (
        words[-1] in NATURAL_FEATURE_LAST_WORDS or words[0] in NATURAL_FEATURE_FIRST_WORDS
    )


def _names_town_office(after: str) -> bool:
    """Whether the words right after a name make it a town's own office (`TOWN_OFFICES`)."""
    if not re.match(r"[ \t]+[A-Za-z]", after):
        return False  # "in Dublin, Mayor Smith said" may be anyone's mayor
    words = name_key(after.split(".")[0]).split()
    return any(" ".join(words[:size]) in TOWN_OFFICES for size in (1, 2, 3))


#: A name that is the whole of a quotation ("the musical “Hamilton.”") is a title.
_OPENING_QUOTE = re.compile(r"[\"“‘']$")
_CLOSING_QUOTE = re.compile(r"^[.,!?]?[\"”’']")


def _is_joined_by_plus(text: str, start: int, end: int) -> bool:
    """Whether the name at `start`-`end` is joined by "+" to a capitalised word, as shops,
    restaurants and studios are named ("Salt + Smoke", "Bread + Butter"); no place is written
    so. ("&" joins the parts of countries too: "Trinidad & Tobago".)"""
    window = text[max(start - PLUS_REACH, 0) : end + PLUS_REACH]
    return bool(_JOINED_BY_PLUS.search(window))


#: How far around a name its "+" may stand: one space each side ("Salt + Smoke").
PLUS_REACH = 3
_JOINED_BY_PLUS = re.compile(r"[A-Za-z][ \t]?\+[ \t]?[A-Z]")


def _is_quoted_title(text: str, toponym: Toponym) -> bool:
    """Whether a name stands alone in quotation marks: a title (a musical, a film, a
    song), not a place."""
    return bool(
        _OPENING_QUOTE.search(text[max(0, toponym.start - 1) : toponym.start])
        and _CLOSING_QUOTE.match(text[toponym.end : toponym.end + 2])
    )


def _is_street_abbreviation(token: Token) -> bool:
    """Whether a token is a street word's abbreviation ending a street's name ("St." of
    "Memphis St."), not a saint's before a name ("St. Louis", "ST. PARIS")."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.lower_ in STREET_ABBREVIATIONS
        and token.text[1:].islower()
        and (following is None or not _continues_name(following))
    )


def _names_local_institution(rest: str) -> bool:
    """Whether the words after a name make it a town's own institution ("Fire Station")."""
    words = name_key(rest).split()
    return any(" ".join(words[:size]) in LOCAL_INSTITUTIONS for size in (1, 2, 3))


def _people_words(ents: tuple[Span, ...]) -> frozenset[str]:
    """The keys of the words of people's full names ("Michael Jordan"); of a town's
    institution tagged a person ("Huntsville Fire Chief Tom Grisham"), the town's name is
    none."""
    return frozenset(
        name_key(token.text)
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent[_institution_start(ent) :]
    )


def _institution_start(ent: Span) -> int:
    """Where a town's institution starts in an entity ("Fire" in "Huntsville Fire"), else 0."""
    return next((i for i in range(1, len(ent)) if _names_local_institution(ent[i:].text)), 0)


def _continues_name(token: Token) -> bool:
    """Whether a capitalised proper noun stands before: the next word is inside a name."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _proper_noun_runs(doc: Doc) -> list[Span]:
    """Maximal runs of proper nouns outside entities, hyphenated ones joined (ar-Raqqah)."""
    runs: list[Span] = []
    start = None
    for token in doc:
        joins = (
            token.text in {"-", "‐"}
            and start is not None
            and not token.whitespace_
            and not doc[token.i - 1].whitespace_
        )
        if token.ent_iob_ == "O" and (token.pos_ == "PROPN" or joins):
            start = token.i if start is None else start
            continue
        if start is not None:
            runs.append(doc[start : token.i])
            start = None
    if start is not None:
        runs.append(doc[start:])
    return [_strip_hyphens(run) for run in runs if _strip_hyphens(run) is not None]


def _strip_hyphens(run: Span) -> Span | None:
    start, end = run.start, run.end
    while start < end and run.doc[start].text in {"-", "‐"}:
        start += 1
    while end > start and run.doc[end - 1].text in {"-", "‐"}:
        end -= 1
    return run.doc[start:end] if end > start else None


def _division_spans(candidates: Iterable[Candidate]) -> frozenset[tuple[str, str | None]]:
    """The (country, first-level division) pairs the divisions and countries among
    `candidates` cover; None for a whole country or a district whose province is unknown."""
    return frozenset(
        (c.place.country, c.place.admin1 if c.place.feature in ADMIN_FEATURES else None)
        for c in candidates
        if c.place.feature in CONTAINER_FEATURES and c.place.country
    )


def _lies_in(place: Place, divisions: frozenset[tuple[str, str | None]]) -> bool:
    """Whether a place may lie in one of `divisions` (`_division_spans`): in the division
    itself, or anywhere in a country given whole, or in the country when the gazetteer does
    not say its division."""
    countries = {country for country, _ in divisions}
    return (
        (place.country, place.admin1) in divisions
        or (place.country, None) in divisions
        or (place.admin1 is None and place.country in countries)
    )


def _within(place: Place, container: Place) -> bool:
    """Whether `container` (a country or division) contains `place`."""
    if place.country is None or place.country != container.country or place.row == container.row:
        return False
    if container.feature == "country":
        return True
    if container.feature == "admin2":  # "Huntsville, Walker County"
        return (
            place.admin1 == container.admin1
            and place.admin2 is not None
            and name_key(place.admin2) == name_key(container.name)
        )
    return container.feature == "admin1" and place.admin1 == container.admin1


@Language.factory(
    "tacitus_places", default_config={"outlet_lexicon": settings.PLACES_OUTLET_LEXICON}
)
def make_places(nlp: Language, name: str, outlet_lexicon: bool) -> PlacesComponent:
    return PlacesComponent(load_gazetteer(), outlet_lexicon)
