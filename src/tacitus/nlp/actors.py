"""The `tacitus_actors` component: who acts, one canonical actor per article.

Mentions are found with the actor dictionary (countries, demonyms, capitals as metonyms,
organizations, persons, role words) and spaCy's PERSON and ORG entities; adjacent pieces
form one actor phrase ("Russian Foreign Minister Sergei Lavrov", "Syrian troops"), and
coordinated demonyms share their head ("Russian and Syrian planes" is two actors); a known
name misspelt by one letter still counts ("Phillippines", "Francois Mitterand").
An actor whose phrase names no country takes it from where it is (`Whereabouts`, which
reads the places component): a place in its own phrase ("protesters in Cairo"), else the
one country of its sentence, else the article's main country; ethnic groups live where their
place is ("ethnic Albanians in southern Serbia" are SRB).
Mentions of one actor are merged: a person's surname, a title with the same country
("Russia's foreign minister"), an apposition and a clear "he"/"she" join the person; groups
merge by code.

Writes ``doc._.actors`` (schema v1 Actor dicts) and ``doc._.actor_spans``, a sorted list of
(start, end, actor id) character spans, read with `actors_at(doc, start, end)`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus import settings
from tacitus.actor_dictionary import (
    CITY,
    DEMONYM,
    METONYM,
    PERSON,
    PLACE_TYPES,
    ROLE,
    STATE,
    ActorDictionary,
    ActorEntry,
    Match,
    normalize,
    professions,
    resolve_matches,
    shared_dictionary,
    tokenize,
    with_country,
    with_known_surname,
)
from tacitus.nlp.document import in_furniture
from tacitus.nlp.extensions import list_extension, text_of
from tacitus.nlp.places import PLACE_LABELS
from tacitus.nlp.speech_cues import personal_titles

if not Doc.has_extension("actor_spans"):
    Doc.set_extension("actor_spans", default=None)

#: Words allowed between two pieces of one actor phrase ("Russia's foreign minister",
#: "King Hassan of Morocco", "president of the European Council").
CONNECTORS = {"'s", "of", "the"}
#: Words that may stand inside a title ("Taiwan's Vice Foreign Minister", "Lebanon's new
#: President Elias Hrawi").
TITLE_MODIFIERS = {
    "vice",
    "deputy",
    "acting",
    "new",
    "former",
    "top",
    "senior",
    "chief",
    "outgoing",
    "interim",
    "incoming",
    "then",
    "caretaker",
    "first",
}
#: Reflexive pronouns point back to an actor named elsewhere ("Putin himself"): never an
#: actor of their own, whatever the tagger calls a capitalised one ("Themselves ...").
REFLEXIVES = {"himself", "herself", "itself", "themselves", "themself", "ourselves", "myself"}
#: An acronym in brackets after the name it abbreviates: "Reporters Without Borders (RSF)".
BRACKETED_ACRONYM = re.compile(r"\(\s*(?P<acronym>[A-Z][A-Za-z]{0,2}[A-Z]{1,5})\s*\)")
#: Small words inside an organisation's name ("Democratic Forces for the Liberation of").
NAME_LINKS = {"of", "for", "the", "and", "in", "on", "de", "du", "des", "la", "al", "el", "&"}
#: Words a definition needs, at least ("Athletics Union (AU)").
MIN_DEFINITION_WORDS = 2
#: Words joining coordinated demonyms that share one head ("Russian and Syrian planes").
COORDINATORS = {"and", ",", "or"}
#: A country or capital after these words is a place, not an actor.
LOCATIVE_WORDS = {
    "in",
    "at",
    "near",
    "into",
    "inside",
    "across",
    "throughout",
    "outside",
    "around",
    "within",
    "via",
    "through",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
}
#: A capital after these too is a destination or origin ("fled to Damascus"), while a country
#: after them is often the target of an act ("aid to Mozambique").
CAPITAL_LOCATIVE_WORDS = LOCATIVE_WORDS | {"to", "from", "of", "toward", "towards"}
PRONOUNS = {"he", "she"}
#: Nouns of acts whose demonym is their author ("an Australian ultimatum": AUS acts).
ACT_NOUNS = {
    "ultimatum",
    "proposal",
    "plan",
    "demand",
    "offer",
    "offensive",
    "attack",
    "raid",
    "strike",
    "airstrike",
    "bombardment",
    "blockade",
    "incursion",
    "invasion",
    "occupation",
    "crackdown",
    "sanction",
    "veto",
    "warning",
    "threat",
    "accusation",
    "decision",
    "announcement",
    "statement",
    "request",
    "protest",
    "riot",
    "campaign",
    "operation",
    "shelling",
    "bombing",
    "change",
    "initiative",
    "intervention",
    "retaliation",
    "reply",
    "response",
    "complaint",
    "refusal",
    "assault",
    "advance",
    "withdrawal",
    "pullout",
}
#: Dependencies of a word that modifies the next noun instead of naming an actor.
MODIFIER_DEPENDENCIES = {"amod", "compound", "nmod", "poss", "npadvmod"}
#: spaCy labels of entities that are actors even when the dictionary does not know them.
ENTITY_LABELS = {"PERSON", "ORG", "NORP"}
#: Words of a personal name after a title ("Vice-President Moody Awori").
MAX_TITLED_NAME_WORDS = 3
#: spaCy labels of names that may be a misspelt country, capital or demonym.
MISSPELT_PLACE_LABELS = {"GPE", "LOC", "NORP", "ORG"}
#: spaCy labels of groups: organizations and nationalities, religious or political groups.
GROUP_LABELS = {"ORG", "NORP"}
#: Prefixes of a stance toward a country ("anti-Syria", "pro-Russian").
STANCE_PREFIXES = ("anti-", "pro-", "anti\u2011", "pro\u2011")
#: A country's name before a currency sign or word names the money ("US $50 million",
#: "Australian dollars"), not an actor.
CURRENCY_TYPES = {STATE, DEMONYM}
CURRENCY_AFTER = re.compile(r"\s*(?:\$|dollars?\b|cents?\b)", re.IGNORECASE)
#: Prepositions by which a place locates the actor it follows ("police in Cairo", "the
#: government of Sindh province", "students throughout Indonesia", "refugees from Syria").
LOCATING_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "throughout",
    "across",
    "inside",
    "within",
    "around",
    "outside",
    "from",
    "of",
    "on",
}
#: A place after these is where someone goes, not where the sentence happens ("fled to Jordan").
DESTINATION_PREPOSITIONS = {"to", "into", "toward", "towards", "onto"}
#: The preposition by which a people lives in a place abroad ("the Kurds of northern Iraq").
RESIDENCE_PREPOSITIONS = {"of"}
#: Links to another clause, which a locating place does not cross: in "refugees who had lived
#: in Iraq" Iraq is not where the refugees are.
CLAUSE_DEPENDENCIES = {"relcl", "ccomp", "advcl", "conj", "parataxis", "xcomp", "csubj"}
SUBJECT_DEPENDENCIES = {"nsubj", "nsubjpass"}
SINGULAR_NOUN_TAGS = {"NN", "NNP"}
#: Verbs whose subject reports an event rather than takes part in it.
REPORTING_VERBS = {"say", "tell", "report", "add", "state", "announce", "claim", "quote"}
#: Sectors of state organs that act at home: their country is where their sentence happens.
DOMESTIC_SECTORS = {"GOV", "COP", "JUD", "LEG", "SPY"}
#: Vague role words that are an actor once located: "the authorities in Croatia", "officials
#: in Kabul", and, with "the", the government of where the sentence is set ("the
#: government"). Other vague words ("state", "office", "party") too often are no actor.
LOCATABLE_VAGUE_WORDS = {
    "government",
    "authority",
    "authorities",
    "administration",
    "regime",
    "cabinet",
    "official",
    "officials",
}
#: Sectors of groups that often act abroad: a place locates them, it does not give their
#: country ("peacekeepers in Iraq" may be Pakistani). A named general is of where he is.
UNLOCATED_SECTORS = {"MIL", "IGO"}
#: Sectors whose country is their origin, which where they are does not tell ("refugees at
#: the Greek border" are seldom Greek): only a place in their own phrase locates them.
ORIGIN_SECTORS = {"REF"}
#: Owners the text gives by a pronoun, which a place cannot override ("its forces in Lebanon").
POSSESSIVE_DETERMINERS = {"its", "their", "his", "her", "our", "my", "your"}
#: "the" right before a phrase, which makes a bare title someone known ("the prime minister").
DEFINITE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: The endings of a possessive name ("Michael Howard's", "the Jones'"), not part of the name.
POSSESSIVE_ENDINGS = ("'s", "'")
#: A demonym after these names an ethnic group, which lives in the country of its place
#: ("ethnic Albanians in southern Serbia" are Serbian residents).
ETHNIC_MARKERS = {"ethnic"}


@dataclass(frozen=True)
class Reading:
    """A Doc with its text, light tokens and entities, computed once (``Doc.text`` and
    ``Doc.ents`` are rebuilt on every access)."""

    doc: Doc
    text: str
    tokens: list[tuple[str, int, int]]
    ents: tuple[Span, ...]
    #: Surnames of the dictionary's persons borne in the article by someone else ("Maria
    #: Erdogan"): a bare "Erdogan" there is that namesake, not the known person.
    namesakes: frozenset[str] = frozenset()
    #: Character spans of the role words ("fighters" of "fighters from Chad").
    role_spans: tuple[tuple[int, int], ...] = ()


@dataclass
class Piece:
    """One dictionary match or spaCy entity inside a phrase."""

    start: int
    end: int
    first: int  # index in the light token sequence
    last: int
    match: Match | None  # None for an entity the dictionary does not know
    label: str = ""


@dataclass
class Mention:
    start: int
    end: int
    text: str
    resolved: dict
    person_name: str | None = None  # the personal name in the phrase, if any
    title: str | None = None  # the title role word of a person ("foreign minister")
    extra_spans: list[tuple[int, int]] = field(default_factory=list)
    vague: bool = False  # a vague role word, an actor only once located ("authorities in X")
    people: bool = False  # a demonym naming a people ("the Albanians")
    located: bool = False  # the country comes from where the actor is, not from its name
    #: The people word of a group with no country of its own ("Kurdish" of "Kurdish
    #: fighters"): "Kurdish and Arab fighters" are two groups, though of one code.
    qualifier: str | None = None


@dataclass
class ActorRecord:
    id: str
    resolved: dict
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    index_spans: list[tuple[int, int]] = field(default_factory=list)
    surname: str | None = None
    titles: set[str] = field(default_factory=set)


@Language.factory(
    "tacitus_actors",
    default_config={"extra_dictionaries": [], "resolve_pronouns": True},
)
def make_actors(
    nlp: Language, name: str, extra_dictionaries: list[str], resolve_pronouns: bool
) -> ActorsComponent:
    return ActorsComponent(shared_dictionary(tuple(extra_dictionaries)), resolve_pronouns)


class ActorsComponent:
    def __init__(self, dictionary: ActorDictionary, resolve_pronouns: bool = True) -> None:
        self.dictionary = dictionary
        self.resolve_pronouns = resolve_pronouns

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        reading = Reading(doc, text, tokenize(text), doc.ents)
        pieces, namesakes = self._pieces(reading)
        role_spans = tuple((piece.start, piece.end) for piece in pieces if _is_role(piece))
        reading = replace(reading, namesakes=namesakes, role_spans=role_spans)
        groups = _group(reading, pieces)
        mentions = [
            mention
            for index, group in enumerate(groups)
            for mention in _mentions(self.dictionary, reading, group, groups[index + 1 :])
        ]
        _titled_referents(reading, mentions)
        mentions = Whereabouts(reading, pieces, mentions).locate()
        _join_appositions(reading, mentions)
        records = _merge(mentions)
        if self.resolve_pronouns:
            _resolve_pronouns(doc, records)
        doc._.actors = [_as_schema(record) for record in records]
        doc._.actor_spans = sorted(
            (start, end, record.id) for record in records for start, end in record.index_spans
        )
        return doc

    def _pieces(self, reading: Reading) -> tuple[list[Piece], frozenset[str]]:
        """The phrase pieces of the article, and the surnames its namesakes of known persons
        bear."""
        starts = [start for _, start, _ in reading.tokens]
        published = reading.doc._.published
        person_spans = [(e.start_char, e.end_char) for e in reading.ents if e.label_ == "PERSON"]
        matches = _as_defined(reading, self.dictionary.find(reading.tokens))
        matches, namesakes = self._without_namesakes(reading, matches)
        matches, party_names = _longer_party_names(reading, matches)
        pieces = [
            Piece(m.start, m.end, m.first, m.last, replace(m, entry=m.entry.at(published)))
            for m in matches
            if not (m.entry.type in PLACE_TYPES and _is_stance(reading.text, m.start))
            and not _is_given_name(m, person_spans, matches)
            and not (m.entry.type in CURRENCY_TYPES and CURRENCY_AFTER.match(reading.text, m.end))
        ]
        pieces += party_names
        taken = [(p.start, p.end) for p in pieces]
        pieces += self._misspelt_pieces(reading, taken)
        taken = [(p.start, p.end) for p in pieces]
        pieces += self._possessive_surnames(reading, pieces, taken)
        taken = [(p.start, p.end) for p in pieces]
        for ent in reading.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = _uncovered_tail(ent, taken)
            end = _without_possessive(reading.text, start, end)
            if end - start < 2 or not reading.text[start:end].strip()[:1].isupper():
                continue
            if reading.text[start:end].strip().lower() in REFLEXIVES:
                continue
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            if first < last:
                pieces.append(Piece(start, end, first, last, None, ent.label_))
        # The dateline, byline and credit lines name the place of writing, an agency and
        # journalists, never an actor ("KABUL, Afghanistan (AP) —", "Reporting by ...").
        pieces = [p for p in pieces if not in_furniture(reading.doc, p.start, p.end)]
        return sorted(pieces, key=lambda p: p.start), namesakes

    def _without_namesakes(
        self, reading: Reading, matches: list[Match]
    ) -> tuple[list[Match], frozenset[str]]:
        """The matches without the known persons whose surname a namesake of the article
        bears: "Maria Erdogan" is not Recep Tayyip Erdogan, nor, once she is named, is a bare
        "Erdogan" of the article. Returns the matches kept and the namesakes' surnames."""
        people = [e for e in reading.ents if e.label_ == "PERSON" and len(e.text.split()) > 1]
        taken = [(m.start, m.end) for m in matches]
        namesakes: set[str] = set()
        for ent in people:
            surname = surname_of(ent.text)
            given = _given_names(ent, taken) - {surname}
            inside = [
                m.entry
                for m in matches
                if m.entry.type == PERSON and ent.start_char <= m.start and m.end <= ent.end_char
            ]
            bearers = inside or self.dictionary.surnames.get(surname, [])
            if given and bearers and all(given - self.dictionary.name_words(b) for b in bearers):
                namesakes.add(surname)
        kept = [
            m
            for m in matches
            if not (
                m.entry.type == PERSON
                and surname_of(reading.text[m.start : m.end]) in namesakes
                and not _full_name_fits(reading, m, self.dictionary)
            )
        ]
        return kept, frozenset(namesakes)

    def _misspelt_pieces(self, reading: Reading, taken: list[tuple[int, int]]) -> list[Piece]:
        """Names the dictionary knows under another spelling: a country or demonym one
        letter off ("Phillippines"), a person whose surname is ("Francois Mitterand") when
        the other names match. Words the gazetteer knows as places are left alone."""
        places = [tuple(m) for p in list_extension(reading.doc, "places") for m in p["mentions"]]
        taken = [*taken, *places]
        pieces: list[Piece] = []
        for index, (word, start, end) in enumerate(reading.tokens):
            entry = self.dictionary.misspelt(word)  # None for most words, and fast
            if (
                entry is None
                or word.lower() in REFLEXIVES
                or _is_stance(reading.text, start)
                or _overlaps((start, end), [*taken, *_piece_spans(pieces)])
            ):
                continue
            token = _root_at(reading.doc, start, end)
            if token is None:
                continue
            if entry.type == PERSON:
                piece = _misspelt_person(reading, token, index, entry, taken)
            elif token.ent_type_ in MISSPELT_PLACE_LABELS or (
                token.pos_ == "PROPN" and not token.ent_type_ and not token.is_sent_start
            ):  # a proper noun outside any entity: "the Phillippines military"
                match = Match(index, index + 1, start, end, entry)
                piece = Piece(start, end, index, index + 1, match)
            else:
                piece = None
            if piece is not None:
                pieces.append(piece)
        return pieces

    def _possessive_surnames(
        self, reading: Reading, pieces: list[Piece], taken: list[tuple[int, int]]
    ) -> list[Piece]:
        """A known surname written as a possessive without its apostrophe, right before a
        role ("Assads troops", "Assads regime" in a text stripped of apostrophes): the role
        is that person's, so the name is a person piece the role joins."""
        found: list[Piece] = []
        role_firsts = {piece.first for piece in pieces if _is_role(piece)}
        for index, (word, start, end) in enumerate(reading.tokens):
            if (
                index + 1 not in role_firsts
                or len(word) < 3
                or not word[:1].isupper()
                or not word.endswith("s")
                or _overlaps((start, end), taken)
                or self.dictionary.person_by_surname(word[:-1]) is None
            ):
                continue
            found.append(Piece(start, end, index, index + 1, None, "PERSON"))
        return found


def _longer_party_names(reading: Reading, matches: list[Match]) -> tuple[list[Match], list[Piece]]:
    """A party the dictionary knows by its last word only, inside a longer capitalised
    name ("the Liberal Democrats", "the Social Democrats" are not the US Democrats): the
    longer name wins, as a party of its own of no known country (the country where it
    is, once located). Returns the matches kept and the pieces of the longer names."""
    kept: list[Match] = []
    names: list[Piece] = []
    taken = [(m.start, m.end) for m in matches]
    for match in matches:
        first = match.first
        while first > 0 and _name_word(reading, first - 1, taken):
            first -= 1
        if match.entry.kind != "party" or first == match.first:
            kept.append(match)
            continue
        start = reading.tokens[first][1]
        name = reading.text[start : match.end]
        party = replace(match.entry, name=name, country=None, bloc=None, code=match.entry.sector)
        longer = Match(first, match.last, start, match.end, party)
        names.append(Piece(start, match.end, first, match.last, longer))
    return kept, names


def _name_word(reading: Reading, index: int, taken: list[tuple[int, int]]) -> bool:
    """Whether token `index` is a capitalised word of a name outside the dictionary's
    matches: not "The", nor a sentence's first word unless the tagger calls it a name."""
    word, start, end = reading.tokens[index]
    if not (word[:1].isupper() and word.isalpha()) or word.lower() in NAME_LINKS:
        return False
    if _overlaps((start, end), taken):
        return False
    token = _root_at(reading.doc, start, end)
    if token is None or token.ent_type_ in PLACE_LABELS:
        return False  # a place qualifies a party: "Ohio Democrats" are the party's, in Ohio
    return not token.is_sent_start or token.pos_ == "PROPN"


def _without_possessive(text: str, start: int, end: int) -> int:
    """The end of a name without its possessive ending: the tagger's "Michael Howard's"
    entity names Michael Howard."""
    name = text[start:end].replace("\u2019", "'")
    for ending in POSSESSIVE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return start + len(name[: -len(ending)].rstrip())
    return end


def _given_names(ent: Span, taken: list[tuple[int, int]]) -> set[str]:
    """The capitalised words of a personal name outside the dictionary's matches, but for
    honorifics ("Maria" of "Maria Erdogan", none of "Mr Putin")."""
    return {
        normalize(word)
        for word, start, end in tokenize(ent.text)
        if word[:1].isupper()
        and normalize(word) not in personal_titles().honorifics
        and not _overlaps((ent.start_char + start, ent.start_char + end), taken)
    }


def _full_name_fits(reading: Reading, match: Match, dictionary: ActorDictionary) -> bool:
    """Whether a match of a person is the person's own full name ("Recep Tayyip Erdogan"),
    not a bare surname a namesake of the article shares."""
    words = {normalize(w) for w, _, _ in tokenize(reading.text[match.start : match.end])}
    return len(words) > 1 and words <= dictionary.name_words(match.entry)


def _as_defined(reading: Reading, matches: list[Match]) -> list[Match]:
    """The matches with each acronym the article defines read as its definition: after
    "Reporters Without Borders (RSF)", "RSF" is that body, not the dictionary's usual RSF;
    after "the Azawad National Alliance (ANA)", "ANA" is no dictionary entry at all."""
    definitions = _acronym_definitions(reading)
    if not definitions:
        return matches
    kept = []
    for match in matches:
        acronym = reading.text[match.start : match.end]
        if acronym not in definitions:
            kept.append(match)
            continue
        start, end = definitions[acronym]
        inside = [m for m in matches if start <= m.start and m.end <= end]
        defined = max(inside, key=lambda m: m.end - m.start, default=None)
        if defined is not None:  # "United Arab Emirates (UAE)" too
            kept.append(replace(match, entry=defined.entry))
        # otherwise the acronym is the article's own body: the tagger's entity names it
    return kept


def _acronym_definitions(reading: Reading) -> dict[str, tuple[int, int]]:
    """Acronym -> the character span of the name it is defined by, for each "Long Name
    (ACRONYM)" of the text: the capitalised words (and the small words between them) right
    before the bracket."""
    definitions: dict[str, tuple[int, int]] = {}
    tokens = reading.tokens
    starts = [start for _, start, _ in tokens]
    for found in BRACKETED_ACRONYM.finditer(reading.text):
        acronym = found.group("acronym")
        index = bisect.bisect_left(starts, found.start("acronym"))
        if acronym in definitions or index < 2 or tokens[index - 1][0] != "(":
            continue
        first = index - 1
        while first > 0 and (
            tokens[first - 1][0][:1].isupper() or tokens[first - 1][0].lower() in NAME_LINKS
        ):
            first -= 1
        while first < index - 1 and (
            tokens[first][0].lower() in NAME_LINKS or tokens[first][0] == "The"
        ):
            first += 1
        if index - 1 - first >= MIN_DEFINITION_WORDS:
            definitions[acronym] = (tokens[first][1], tokens[index - 2][2])
    return definitions


def _piece_spans(pieces: list[Piece]) -> list[tuple[int, int]]:
    return [(piece.start, piece.end) for piece in pieces]


def _misspelt_person(
    reading: Reading, token: Token, index: int, entry: ActorEntry, taken: list[tuple[int, int]]
) -> Piece | None:
    """The whole personal name around a misspelt surname, when its other names are the
    known person's: "Francois Mitterand" is Francois Mitterrand."""
    if token.ent_type_ != "PERSON":
        return None
    ent = next((e for e in reading.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    starts = [start for _, start, _ in reading.tokens]
    first = bisect.bisect_left(starts, ent.start_char)
    last = bisect.bisect_left(starts, ent.end_char)
    word = reading.tokens[index][0]
    if not _other_names_fit(reading.tokens[first:last], word, entry, taken):
        return None
    start, end = reading.tokens[first][1], reading.tokens[last - 1][2]
    return Piece(start, end, first, last, Match(first, last, start, end, entry))


def _is_given_name(match: Match, person_spans: list[tuple[int, int]], matches: list[Match]) -> bool:
    """ "Karen Smith": a people's name that opens a longer personal name is a given name,
    unless the rest is in the dictionary too ("Bosnian Serbs" tagged as a person)."""
    return match.entry.type == DEMONYM and any(
        start == match.start
        and end > match.end
        and not any(match.end < other.start < end for other in matches)
        for start, end in person_spans
    )


def _is_stance(text: str, start: int) -> bool:
    """ "an anti-Syria journalist", "pro-Iranian groups": a country someone is for or
    against is not theirs, nor where they are."""
    return text[max(0, start - 5) : start].lower().endswith(STANCE_PREFIXES)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


def _other_names_fit(
    tokens: Sequence[tuple[str, int, int]],
    surname: str,
    entry: ActorEntry,
    taken: list[tuple[int, int]],
) -> bool:
    """ "Francois Mitterand" is Francois Mitterrand: the other names are the person's."""
    names = set(entry.name.lower().split())
    others = {
        word.lower()
        for word, start, end in tokens
        if word[:1].isupper() and word != surname and not _overlaps((start, end), taken)
    }
    return bool(others) and others <= names


def _uncovered_tail(ent: Span, taken: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of an entity after the dictionary matches inside it ("President [Trump]")."""
    start, end = ent.start_char, ent.end_char
    for first, last in taken:
        if first < end and start < last:
            if first <= start and last >= end:
                return start, start
            start = max(start, last)
    return start, end


# --- phrases -------------------------------------------------------------------------------


def _group(reading: Reading, pieces: list[Piece]) -> list[list[Piece]]:
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and _joins(reading, groups[-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _joins(reading: Reading, group: list[Piece], piece: Piece) -> bool:
    previous = group[-1]
    gap = [token for token, _, _ in reading.tokens[previous.last : piece.first]]
    if previous.match is None and piece.match is None:
        return False
    if piece.match is None and gap:
        # a name follows its title directly ("Foreign Minister Sergei Lavrov"); a group
        # follows its owner's "'s" ("Nicaragua's Sandinista government")
        return gap == ["'s"] and piece.label in GROUP_LABELS and previous.match is not None
    if any(p.match is None and p.label == "PERSON" for p in group):
        # after a personal name only "of Morocco" or a role ("Bush administration") continue
        # or, after its "'s", what the person commands ("Putin's forces")
        of_phrase = "of" in gap and all(word.lower() in CONNECTORS for word in gap)
        owned_role = gap in ([], ["'s"]) and _is_role(piece)
        return of_phrase or (owned_role and not piece.match.entry.person_title)
    if all(word.lower() in CONNECTORS or word.lower() in TITLE_MODIFIERS for word in gap):
        return not ("of" in gap and _is_role(piece) and not _is_role(previous))
    return _modifier_gap(reading, reading.tokens[previous.last : piece.first]) and _is_role(piece)


def _is_role(piece: Piece) -> bool:
    return piece.match is not None and piece.match.entry.type == ROLE


def _modifier_gap(reading: Reading, gap: Sequence[tuple[str, int, int]]) -> bool:
    """At most two adjectives or noun modifiers ("Syrian [regular] troops")."""
    if not gap or len(gap) > 2:
        return False
    for _, start, end in gap:
        span = reading.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not all(t.pos_ == "ADJ" or t.dep_ in {"amod", "compound"} for t in span):
            return False
    return True


def _mentions(
    dictionary: ActorDictionary,
    reading: Reading,
    group: list[Piece],
    followers: Sequence[list[Piece]],
) -> list[Mention]:
    """The actor mention of a phrase; none when it is a place or a lone vague word."""
    conjunct = _coordinated_demonym(reading, group, followers)
    if conjunct:
        return conjunct
    matches = [p.match for p in group if p.match is not None]
    person = next((p for p in group if p.match is None and p.label == "PERSON"), None)
    organization = next((p for p in group if p.match is None and p.label == "ORG"), None)
    if person is None and _titled_name(reading, group, organization):
        person, organization = organization, None
    start, end = group[0].start, group[-1].end
    text = reading.text[start:end]
    vague = not _is_actor(reading, group, matches)
    if vague and not _is_vague_role(group):
        return []
    possessive = next(
        (
            i
            for i in range(group[0].first, group[-1].last)
            if reading.tokens[i][0].lower() == "'s"
            and any(m.last <= i for m in matches)
            and any(m.first > i for m in matches)
        ),
        None,
    )
    resolved = resolve_matches(matches, possessive) if matches else None
    body = _professional_body(reading, group, organization, matches)
    if body is not None:
        return [Mention(start, end, text, body)]
    title = next((m.entry.name for m in reversed(matches) if m.entry.person_title), None)
    if person is not None:
        return [_person_mention(dictionary, group, person, resolved, title, reading)]
    if resolved is None:
        if organization is None:
            return []
        resolved = {
            "name": text,
            "kind": "other",
            "country": None,
            "sector": None,
            "code": None,
            "bloc": None,
        }
    person_name = (
        resolved["name"] if resolved["kind"] == "person" and _named_person(matches) else None
    )
    if _is_ethnic(reading, group):
        resolved = _as_ethnic_group(resolved, text)
    elif any(p.match is None and p.label == "NORP" for p in group):
        vague = False  # a group names whose they are: "Yoruba leaders", "Hutu rebels"
    elif resolved["kind"] == "person" and person_name is None and not resolved["country"]:
        vague = True  # "aides", "a spokesman": whose is unknown unless a place tells
    people = len(group) == 1 and _has_type(group[0], DEMONYM) and resolved["sector"] is None
    mention = Mention(start, end, text, resolved, person_name, title, vague=vague, people=people)
    mention.qualifier = _people_qualifier(reading, group, resolved)
    return [mention]


def _people_qualifier(reading: Reading, group: list[Piece], resolved: dict) -> str | None:
    """The people word of a group without a country ("Kurdish" of "Kurdish fighters")."""
    if resolved["country"] or resolved["bloc"]:
        return None
    word = next((p for p in group if p.match is None and p.label == "NORP"), None)
    return reading.text[word.start : word.end].lower() if word is not None else None


def _professional_body(
    reading: Reading, group: list[Piece], organization: Piece | None, matches: list[Match]
) -> dict | None:
    """ "The Nigerian Medical Association", "the Pakistan Bar Council": an organisation named
    after its country and a profession is that country's professional body, of the
    profession's sector (`resources/actors/professions.yaml`), not the state."""
    if organization is None or not matches:
        return None
    if not all(m.entry.type in {STATE, DEMONYM} for m in matches):
        return None
    country = matches[0].entry.country
    name = reading.text[organization.start : organization.end]
    body = professions().body([word for word, _, _ in tokenize(name)])
    if country is None or body is None:
        return None
    sector, kind = body
    text = reading.text[group[0].start : group[-1].end]
    return {
        "name": text,
        "kind": kind,
        "country": country,
        "sector": sector,
        "code": f"{country}{sector}",
        "bloc": None,
        "named": True,
    }


def _titled_name(reading: Reading, group: list[Piece], entity: Piece | None) -> bool:
    """ "Vice-President Moody Awori": a name right after a personal title is a person's,
    whatever entity label the tagger gave it."""
    if entity is None or entity is group[0] or entity is not group[-1]:
        return False
    title = group[group.index(entity) - 1]
    words = reading.text[entity.start : entity.end].split()
    return (
        title.match is not None
        and title.match.entry.person_title
        and title.last == entity.first
        and 2 <= len(words) <= MAX_TITLED_NAME_WORDS
        and all(word[:1].isupper() for word in words)
    )


def _person_mention(
    dictionary: ActorDictionary,
    group: list[Piece],
    person: Piece,
    resolved: dict | None,
    title: str | None,
    reading: Reading,
) -> Mention:
    """A phrase with a personal name: the person, or what follows the name ("Bush
    administration" is the administration, of the person's country)."""
    text = reading.text
    start, end = group[0].start, group[-1].end
    name = text[person.start : person.end]
    head = group[-1].match
    if (
        head is not None
        and head.entry.type == ROLE
        and not head.entry.person_title
        and group[-1].start > person.start
    ):
        # the role with any country beside it: "Turkish Kurd refugees" are Turkish refugees
        role = resolved if resolved is not None else resolve_matches([head])
        bearer = _possessor(dictionary, name)
        if bearer is not None and role["country"] is None:
            role = with_country(role, bearer.country, bearer.bloc)
        return Mention(start, end, text[start:end], role)
    resolved = _person_resolution(resolved, name)
    namesake = surname_of(name) in reading.namesakes  # "Netanyahu" after "David Netanyahu"
    if resolved["country"] is None and resolved["bloc"] is None and not namesake:
        resolved = with_known_surname(dictionary, resolved, name, reading.doc._.published)
    return Mention(start, end, text[start:end], resolved, resolved["name"], title)


def _possessor(dictionary: ActorDictionary, name: str) -> ActorEntry | None:
    """The known person a name before a role is: "Assad" of "Assad troops", also when the
    possessive lost its apostrophe ("Assads troops")."""
    bearer = dictionary.person_by_surname(name)
    if bearer is None and name.endswith("s") and len(name) > 3:
        bearer = dictionary.person_by_surname(name[:-1])
    return bearer


def _named_person(matches: list[Match]) -> bool:
    return any(m.entry.type == PERSON for m in matches)


def _person_resolution(resolved: dict | None, name: str) -> dict:
    base = resolved or {"country": None, "sector": None, "code": None, "bloc": None}
    return {**base, "name": name, "kind": "person"}


def _is_vague_role(group: list[Piece]) -> bool:
    return all(_is_role(piece) for piece in group)


def _is_ethnic(reading: Reading, group: list[Piece]) -> bool:
    """ "ethnic Albanians", "ethnic Turkish leaders": the demonym is an ethnicity."""
    first = group[0]
    before = reading.tokens[first.first - 1][0].lower() if first.first else ""
    return before in ETHNIC_MARKERS and _has_type(first, DEMONYM)


def _as_ethnic_group(resolved: dict, text: str) -> dict:
    """An ethnic group is civilians of no country of its own until a place locates it."""
    sector = resolved["sector"] or "CVL"
    kind = resolved["kind"] if resolved["sector"] else "civilians"
    ethnic = {"name": text, "kind": kind, "country": None, "sector": sector, "code": sector}
    return {**resolved, **ethnic, "bloc": None, "named": False}


def _is_actor(reading: Reading, group: list[Piece], matches: list[Match]) -> bool:
    if any(p.match is None for p in group):
        return any(p.label in {"PERSON", "ORG"} for p in group) or len(matches) > 0
    types = {m.entry.type for m in matches}
    if types <= PLACE_TYPES:
        return _is_state_actor(reading, group)
    return types != {ROLE} or any(m.entry.standalone for m in matches)


def _is_state_actor(reading: Reading, group: list[Piece]) -> bool:
    """A lone country, capital or demonym acts only when it is not a place or an adjective."""
    first, last = group[0], group[-1]
    types = {p.match.entry.type for p in group if p.match}
    if CITY in types:
        return False
    if reading.text[last.end : last.end + 1] in {"-", "\u2013"}:
        return False  # "US-backed", "Kurdish-led": a modifier of what follows
    before = _word_before(reading, first.first)
    if STATE in types and before in LOCATIVE_WORDS:
        return False
    if STATE in types and before == "from" and _origin_of_role(reading, first.start, last.end):
        return False  # "militants from Somalia": where the militants come from
    if METONYM in types and before in CAPITAL_LOCATIVE_WORDS:
        return False
    if types == {DEMONYM}:
        span = reading.doc.char_span(first.start, last.end, alignment_mode="expand")
        return span is not None and _demonym_acts(span[-1])
    return True


def _origin_of_role(reading: Reading, start: int, end: int) -> bool:
    """Whether the country at `start`-`end` hangs by "from" from a role word: "fighters
    from Chad" come from Chad; in "aid from Japan" and "withdrew the workers from Iraq" the
    country is the giver or the target."""
    token = _root_at(reading.doc, start, end)
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "from":
        return False
    holder = token.head.head
    if holder.head.lower_ == "of" and holder.head.head.lemma_.lower() in ACT_NOUNS:
        return False  # "the withdrawal of forces from Panama": the act's, not their origin
    return any(first <= holder.idx < last for first, last in reading.role_spans)


def _root_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the words covering characters `start`-`end`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _word_before(reading: Reading, index: int) -> str:
    """The word before token `index`, past an article: "in [the] Ivory Coast"."""
    index -= 1
    while index >= 0 and reading.tokens[index][0].lower() == "the":
        index -= 1
    return reading.tokens[index][0].lower() if index >= 0 else ""


def _demonym_acts(token: Token) -> bool:
    """ "the Russians", "an Israeli was killed", "an Australian ultimatum", "Israeli air
    raids" name actors; "the Syrian city", "Russian gas" do not."""
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in MODIFIER_DEPENDENCIES:
        return True
    head = token.head
    return token.dep_ in MODIFIER_DEPENDENCIES and head.lemma_.lower() in ACT_NOUNS


def _coordinated_demonym(
    reading: Reading, group: list[Piece], followers: Sequence[list[Piece]]
) -> list[Mention]:
    """ "Russian and Syrian planes", "Kurdish and Arab fighters", "Syrian, Iranian and
    Russian officials": a lone people word coordinated with a people word and a role shares
    the role, so it is an actor of its own with that role."""
    if len(group) != 1 or not _is_people_word(group[0]):
        return []
    previous = group[0]
    for following in followers:
        gap = [token.lower() for token, _, _ in reading.tokens[previous.last : following[0].first]]
        if len(gap) != 1 or gap[0] not in COORDINATORS or not _is_people_word(following[0]):
            return []
        if len(following) > 1 and _is_role(following[-1]):
            break
        if len(following) != 1:
            return []
        previous = following[0]
    else:
        return []
    roles = [p.match for p in following[1:] if p.match is not None]
    own = [group[0].match] if group[0].match is not None else []
    resolved = resolve_matches([*own, *roles])
    if resolved is None:
        return []
    text = reading.text[group[0].start : group[0].end]
    mention = Mention(group[0].start, group[0].end, text, resolved)
    mention.extra_spans.append((group[0].start, following[-1].end))
    mention.qualifier = _people_qualifier(reading, group, resolved)
    return [mention]


def _is_people_word(piece: Piece) -> bool:
    """A demonym of the dictionary or a people the tagger names ("Kurdish", "Sunni")."""
    return _has_type(piece, DEMONYM) or (piece.match is None and piece.label == "NORP")


def _has_type(piece: Piece, entry_type: str) -> bool:
    return piece.match is not None and piece.match.entry.type == entry_type


# --- where an actor is ---------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A mention of a place of the article with the country it lies in."""

    start: int
    end: int
    country: str


class Whereabouts:
    """Where the actors of an article are, for those the text gives no country of their own.

    A generic actor ("protesters", "security forces", "the government", "President Omar El
    Bashir") takes its country from the place it is located by ("police in Cairo"), else from
    the one country its sentence is set in (its places and its state organs: "Egyptian police
    dispersed demonstrators"), else from the article's main country. Vague role words
    ("authorities", "a spokesman") become actors only once located.
    """

    def __init__(self, reading: Reading, pieces: list[Piece], mentions: list[Mention]) -> None:
        self.reading = reading
        self.mentions = mentions
        self.sentence_starts = _sentence_starts(reading.doc)
        self.token_starts = [start for _, start, _ in reading.tokens]
        self.sentence_votes: dict[tuple[int, bool], set[str]] = {}
        spans = [(m.start, m.end) for m in mentions]
        #: mentions and places where things happen, not where they go or who reports them
        self.mentions_in_scene = [m for m in mentions if not self._in_attribution(m.start, m.end)]
        places = _places(reading, pieces)
        self.place_names = [(place.start, place.end) for place in places]
        scene = [
            place
            for place in places
            if not self._is_destination(place) and not self._in_attribution(place.start, place.end)
        ]
        #: places that may locate an actor: not part of an actor's name ("US troops")
        self.places = [
            place
            for place in places
            if not any(start <= place.start and place.end <= end for start, end in spans)
        ]
        owners = [place for place in map(self._owner_place, self.mentions_in_scene) if place]
        #: where a group's sentence is set: places outside actors' names, owning countries
        self.group_settings = [place for place in self.places if place in scene] + owners
        #: where an office holder's sentence is set: any country named ("Prime Minister Iyad
        #: Allawi" in a sentence on "Iraq's al-Qaeda")
        self.office_settings = scene
        self.article_countries: dict[bool, str | None] = {}

    def locate(self) -> list[Mention]:
        """The mentions with the countries their places give; vague ones left unlocated are
        dropped."""
        located = []
        for mention in self.mentions:
            if _locatable(mention):
                mention = self._located(mention)
            elif mention.people:
                mention = self._residents(mention)
            if not mention.vague:
                located.append(mention)
        return located

    def _residents(self, mention: Mention) -> Mention:
        """ "The Albanians of southern Serbia": a people of a place abroad is an ethnic group
        living there."""
        place = self._attached_place(mention, self._root(mention), RESIDENCE_PREPOSITIONS)
        if place is None or place.country == mention.resolved["country"]:
            return mention
        end = self._phrase_end(mention, place)
        text = self.reading.text[mention.start : end]
        resolved = with_country(_as_ethnic_group(mention.resolved, text), place.country, None)
        return replace(mention, end=end, text=text, resolved=resolved, located=True)

    def _located(self, mention: Mention) -> Mention:
        head = self._root(mention)
        if head is None or _modifies_outside(head, mention) or self._owned(mention):
            return mention  # "military policies", "its forces": nothing to locate
        if mention.vague:
            mention = self._qualified(mention, head)
        if mention.vague and head.lemma_.lower() not in LOCATABLE_VAGUE_WORDS:
            return mention
        place = self._attached_place(mention, head)
        if place is not None:
            resolved = with_country(mention.resolved, place.country, None)
            end = self._phrase_end(mention, place)
            text = self.reading.text[mention.start : end]
            return replace(
                mention, end=end, text=text, resolved=resolved, vague=False, located=True
            )
        sector = mention.resolved["sector"]
        if sector is None or sector in ORIGIN_SECTORS or (mention.vague and not _definite(head)):
            return mention  # an unknown organization; refugees; "a government", "officials"
        country = self._context_country(mention)
        if country is None:
            return mention
        resolved = with_country(mention.resolved, country, None)
        return replace(mention, resolved=resolved, vague=False, located=True)

    def _qualified(self, mention: Mention, head: Token) -> Mention:
        """A vague role with a proper name before it is a named group ("Ibo traditional
        elders", "Yoruba leaders"), an actor of the country where it is; a capitalised one
        is part of a name of its own ("National Union for ...")."""
        if head.text[:1].isupper():
            return mention
        names = [
            child.idx
            for child in head.children
            if child.dep_ in {"compound", "nmod", "amod"}
            and child.pos_ == "PROPN"
            and child.ent_type_ != "PERSON"  # "Clinton aides" are a person's, no group
            and child.i < head.i
        ]
        others = [(m.start, m.end) for m in self.mentions if m is not mention]
        if not names or _overlaps((min(names), mention.start), others):
            return mention
        if _overlaps((min(names), mention.end), self.place_names):
            return mention  # "Zamfara state" is a place
        start = min(mention.start, *names)
        text = self.reading.text[start : mention.end]
        resolved = {**mention.resolved, "name": text}
        return replace(mention, start=start, text=text, resolved=resolved, vague=False)

    def _root(self, item: Mention | Place) -> Token | None:
        return _root_at(self.reading.doc, item.start, item.end)

    def _attached_place(
        self, mention: Mention, head: Token | None, prepositions: set[str] = LOCATING_PREPOSITIONS
    ) -> Place | None:
        """The first place in the actor's own phrase after it, hanging from its head by a
        locating preposition: "Security forces in Guinea", "a newspaper based in Beirut"."""
        if head is None or self._owned(mention) or mention.resolved["kind"] == "person":
            return None
        last = head.right_edge.idx + len(head.right_edge)
        if head.dep_ in SUBJECT_DEPENDENCIES and head.head.idx > head.idx:
            # a phrase between a subject and its verb can only belong to the subject,
            # whatever the parse says: "Demonstrators in Baghdad blocked a road"
            last = max(last, head.head.idx)
        for place in self.places:
            if mention.end <= place.start < last:
                token = self._root(place)
                if token is not None and (
                    _hangs_by(token, head, prepositions)
                    or self._follows_as(mention, place, prepositions)
                ):
                    return place
        return None

    def _phrase_end(self, mention: Mention, place: Place) -> int:
        """The mention takes in a place close behind it ("Security forces in Guinea", "the
        Albanians of southern Serbia"); a farther one only gives the country."""
        gap = self.reading.text[mention.end : place.start].split()
        return place.end if len(gap) <= settings.ACTORS_MAX_PLACE_GAP_WORDS else mention.end

    def _follows_as(self, mention: Mention, place: Place, prepositions: set[str]) -> bool:
        """ "Demonstrators in Baghdad": a locating preposition right after the actor, and
        nothing but the place's own words up to the place."""
        gap = self.reading.text[mention.end : place.start].split()
        return bool(gap) and gap[0].lower() in prepositions and len(gap) <= 3

    def _owned(self, mention: Mention) -> bool:
        """ "its forces", "their government": the owner is someone the text named before."""
        tokens = self.reading.tokens
        index = bisect.bisect_left(self.token_starts, mention.start)
        return index > 0 and tokens[index - 1][0].lower() in POSSESSIVE_DETERMINERS

    def _context_country(self, mention: Mention) -> str | None:
        """The one country of the mention's sentence; the article's main country when the
        sentence has none; None when the sentence has several."""
        index = bisect.bisect_right(self.sentence_starts, mention.start) - 1
        person = mention.person_name is not None
        if (index, person) not in self.sentence_votes:
            self.sentence_votes[index, person] = set(self._votes(index, person))
        countries = set(self.sentence_votes[index, person])
        if len(countries) == 1:
            return countries.pop()
        return None if countries else self._article_country(person)

    def _votes(self, sentence: int | None, person: bool) -> list[str]:
        """Countries a sentence (or, for None, the article) is set in.

        For a group: its places where things happen and its state organs ("Egyptian police
        dispersed demonstrators"). For a named office holder: every country the sentence
        names, but for those of other named persons ("President Mitterrand welcomed South
        African leader de Klerk") and of armed forces, which act abroad.
        """
        starts = self.sentence_starts
        lo = starts[sentence] if sentence is not None else 0
        hi = starts[sentence + 1] if sentence is not None and sentence + 1 < len(starts) else None
        inside = lambda start: lo <= start and (hi is None or start < hi)  # noqa: E731
        places = self.office_settings if person else self.group_settings
        votes = [p.country for p in places if inside(p.start)]
        votes += [
            other.resolved["country"]
            for other in self.mentions_in_scene
            if inside(other.start) and _lends_country(other, person)
        ]
        return votes

    def _article_country(self, person: bool) -> str | None:
        if person not in self.article_countries:
            votes = Counter(self._votes(None, person))
            country, count = votes.most_common(1)[0] if votes else (None, 0)
            share = count / max(sum(votes.values()), 1)
            main = country if share >= settings.ACTORS_ARTICLE_COUNTRY_SHARE else None
            self.article_countries[person] = main
        return self.article_countries[person]

    def _in_attribution(self, start: int, end: int) -> bool:
        """Within who reports rather than where it happens: "[Thai police here] said",
        "according to [the US government]"."""
        token = _root_at(self.reading.doc, start, end)
        while token is not None and token.head.i != token.i:
            if token.dep_ in SUBJECT_DEPENDENCIES and token.head.lemma_ in REPORTING_VERBS:
                return True
            if token.dep_ == "pobj" and token.head.head.lower_ == "according":
                return True
            token = token.head
        return False

    def _owner_place(self, mention: Mention) -> Place | None:
        """A country owning a thing that is no act sets the scene: "Algeria's first
        multi-party elections", "Haiti's democratic elections"."""
        resolved = mention.resolved
        if resolved["kind"] != "state" or resolved["sector"] or not resolved["country"]:
            return None
        head = self._root(mention)
        if head is None or head.dep_ != "poss" or head.head.lemma_.lower() in ACT_NOUNS:
            return None
        return Place(mention.start, mention.end, resolved["country"])

    def _is_destination(self, place: Place) -> bool:
        token = self._root(place)
        preposition = _governing_preposition(token) if token is not None else None
        return preposition is not None and preposition.lower_ in DESTINATION_PREPOSITIONS


def _lends_country(other: Mention, person: bool) -> bool:
    """Whether an actor's country tells where its sentence is set: a state organ's for a
    group; for a person, any actor's but another named person's or armed forces'."""
    resolved = other.resolved
    if not resolved["country"]:
        return False
    if person:
        return not other.person_name and resolved["sector"] not in UNLOCATED_SECTORS
    return resolved["sector"] in DOMESTIC_SECTORS


def _sentence_starts(doc: Doc) -> list[int]:
    """Character offsets of the sentence starts (without building the sentence spans)."""
    rows = doc.to_array([SENT_START, IDX])
    return [int(idx) for first, idx in rows if first == 1] or [0]


def _places(reading: Reading, pieces: list[Piece]) -> list[Place]:
    """The place mentions of the places component with their countries; where the actor
    dictionary knows the name as a country, capital or region, its country wins (a gazetteer
    may prefer a same-named town abroad)."""
    known = [p for p in pieces if p.match is not None and p.match.entry.type in PLACE_TYPES]
    people = [(e.start_char, e.end_char) for e in reading.ents if e.label_ == "PERSON"]
    places = []
    for place in list_extension(reading.doc, "places"):
        for start, end in place.get("mentions", []):
            listed = next(
                (p.match.entry.country for p in known if p.start < end and start < p.end), None
            )
            if listed is None and any(first < end and start < last for first, last in people):
                continue  # a gazetteer town named like a person ("Kenzo Oshima"), not "Mali"
            if _is_stance(reading.text, start):
                continue
            country = listed or place.get("country")
            if country:
                places.append(Place(start, end, country))
    return sorted(places, key=lambda p: p.start)


def _locatable(mention: Mention) -> bool:
    """An actor with no country or international family of its own, and not a named
    organization (a transnational group such as al-Qaeda has none on purpose)."""
    resolved = mention.resolved
    if resolved["country"] or resolved["bloc"] or resolved["sector"] == "IGO":
        return False
    if resolved["kind"] == "person":
        return resolved["sector"] is not None  # a titled person: "President Omar El Bashir"
    return resolved["sector"] not in UNLOCATED_SECTORS and not resolved.get("named")


def _definite(head: Token) -> bool:
    return any(child.lower_ == "the" and child.dep_ == "det" for child in head.children)


def _modifies_outside(head: Token, mention: Mention) -> bool:
    return head.dep_ in {"amod", "compound", "nmod"} and head.head.idx >= mention.end


def _hangs_by(token: Token, head: Token, prepositions: set[str]) -> bool:
    """`token` hangs from `head` within a few edges, inside one clause, through one of the
    `prepositions` ("forces [in] Guinea", "refugees fleeing the war [in] Liberia")."""
    preposition = None
    for _ in range(settings.ACTORS_MAX_LOCATING_EDGES):
        if token.dep_ in CLAUSE_DEPENDENCIES or token.head.i == token.i:
            return False
        if token.dep_ == "prep" and preposition is None:
            preposition = token
        token = token.head
        if token.i == head.i:
            return preposition is not None and preposition.lower_ in prepositions
    return False


def _governing_preposition(token: Token) -> Token | None:
    """The preposition a place is the object of, if any ("to [the Syrian capital] Damascus")."""
    for _ in range(3):
        if token.dep_ == "prep":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _titled_referents(reading: Reading, mentions: list[Mention]) -> None:
    """ "Prime Minister Tony Blair ... the prime minister said": a definite title of no
    country is the one person the article named with that title before; with none or
    several such persons it stays a vague role."""
    for index, mention in enumerate(mentions):
        if (
            mention.person_name
            or not mention.title
            or mention.resolved["country"]
            or mention.resolved["kind"] != "person"
            or not _after_the(reading, mention.start)
        ):
            continue
        named = {
            earlier.person_name.lower(): earlier
            for earlier in mentions[:index]
            if earlier.person_name and earlier.title == mention.title
        }
        if len(named) == 1:
            (person,) = named.values()
            mention.person_name = person.person_name
            mention.resolved = dict(person.resolved)
            mention.vague = False


def _after_the(reading: Reading, start: int) -> bool:
    return DEFINITE_BEFORE.search(reading.text, max(0, start - 5), start) is not None


def _join_appositions(reading: Reading, mentions: list[Mention]) -> None:
    """ "Salaheddine Sidhoum, Algeria's leading human rights activist": a role in apposition
    to a named person is that person, and gives the person its country and sector."""
    heads = {}
    for mention in mentions:
        head = _root_at(reading.doc, mention.start, mention.end)
        if head is not None:
            heads[head.i] = mention
    for index, mention in heads.items():
        token = reading.doc[index]
        named = heads.get(token.head.i)
        if (
            token.dep_ == "appos"
            and token.tag_ in SINGULAR_NOUN_TAGS  # "aides" are not one person
            and named is not None
            and named.person_name
            and not mention.person_name
            and mention.resolved["sector"]
            and not mention.resolved.get("named")
        ):
            mention.person_name = named.person_name
            mention.resolved = {**mention.resolved, "kind": "person"}


def _merge(mentions: list[Mention]) -> list[ActorRecord]:
    records: list[ActorRecord] = []
    by_key: dict[str, ActorRecord] = {}
    for mention in mentions:
        record = _find_record(records, by_key, mention)
        if record is None:
            record = ActorRecord(f"a{len(records) + 1}", dict(mention.resolved))
            records.append(record)
        _add_mention(record, mention)
        by_key.setdefault(_key(mention), record)
    return records


def _key(mention: Mention) -> str:
    resolved = mention.resolved
    if mention.person_name:
        return f"person:{mention.person_name.lower()}"
    if resolved["kind"] == "person":
        return f"title:{resolved['country']}:{mention.title}:{mention.start}"
    if resolved.get("named"):
        return f"named:{resolved['name']}"
    if mention.located:
        # "the court" placed in the US is not every US court ("a district court judge")
        return f"located:{resolved['code']}:{resolved['name'].lower()}"
    if mention.qualifier:  # "Kurdish fighters" and "Arab fighters" are two groups
        return f"group:{resolved['code']}:{mention.qualifier}"
    if resolved["code"]:
        return f"group:{resolved['code']}:{resolved['name'] if resolved['kind'] == 'igo' else ''}"
    return f"group:{resolved['name'].lower()}"


def _find_record(
    records: list[ActorRecord], by_key: dict[str, ActorRecord], mention: Mention
) -> ActorRecord | None:
    key = _key(mention)
    if key in by_key:
        return by_key[key]
    if mention.person_name:
        surname = surname_of(mention.person_name)
        for record in reversed(records):
            if record.surname == surname and record.resolved["kind"] == "person":
                return record
        return None
    if mention.resolved["code"] is None:
        # an unknown entity that is the surname of a person named before ("Baghdadi")
        surname = surname_of(mention.text)
        return next((r for r in reversed(records) if r.surname == surname), None)
    if mention.resolved["kind"] == "person" and mention.title:
        country = mention.resolved["country"]
        for record in reversed(records):
            if (
                record.surname
                and mention.title in record.titles
                and (country is None or record.resolved["country"] == country)
            ):
                return record
    return None


def surname_of(name: str) -> str:
    """The last name, lower case, without possessive or Arabic article: "al-Baghdadi's" ->
    "baghdadi"."""
    last = (
        name.replace("\u2019", "'").removesuffix("'s").split()[-1].lower() if name.split() else ""
    )
    for article in ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-"):
        last = last.removeprefix(article)
    return last


def _add_mention(record: ActorRecord, mention: Mention) -> None:
    record.mentions.append((mention.start, mention.end))
    record.index_spans.append((mention.start, mention.end))
    record.index_spans.extend(mention.extra_spans)
    record.names.append(mention.person_name or mention.text)
    if mention.title:
        record.titles.add(mention.title)
    if mention.person_name:
        record.surname = surname_of(mention.person_name)
        if (
            len(mention.person_name) > len(record.resolved["name"])
            or record.resolved["kind"] != "person"
        ):
            record.resolved["name"] = mention.person_name
    for key in ("country", "sector", "code", "bloc"):
        if record.resolved.get(key) is None and mention.resolved.get(key) is not None:
            record.resolved[key] = mention.resolved[key]
    if record.resolved["country"] and record.resolved["sector"] and not record.resolved["bloc"]:
        record.resolved["code"] = f"{record.resolved['country']}{record.resolved['sector']}"


def _resolve_pronouns(doc: Doc, records: list[ActorRecord]) -> None:
    """'he'/'she' as a subject joins the person named last, when only one person was named
    in this sentence and the one before."""
    people = sorted(
        (
            (start, record)
            for record in records
            if record.resolved["kind"] == "person" and record.surname
            for start, _ in record.mentions
        ),
        key=lambda item: item[0],
    )
    if not people:
        return
    starts = [start for start, _ in people]
    sentences = list(doc.sents)
    for index, sentence in enumerate(sentences):
        window_start = sentences[index - 1].start_char if index else sentence.start_char
        for token in sentence:
            if token.lower_ not in PRONOUNS or not token.dep_.startswith("nsubj"):
                continue
            lo = bisect.bisect_left(starts, window_start)
            hi = bisect.bisect_left(starts, token.idx)
            candidates = {id(record): record for _, record in people[lo:hi]}
            if len(candidates) == 1:
                record = next(iter(candidates.values()))
                span = (token.idx, token.idx + len(token.text))
                record.mentions.append(span)
                record.index_spans.append(span)


def _as_schema(record: ActorRecord) -> dict:
    resolved = record.resolved
    name = resolved["name"]
    if resolved["kind"] not in {"person", "igo", "state"} and record.names:
        name = max(record.names, key=len)  # "the Syrian army" over "Damascus"
    aliases = sorted({n for n in record.names if n != name})
    return {
        "id": record.id,
        "name": name,
        "kind": resolved["kind"],
        "country": resolved["country"],
        "sector": resolved["sector"],
        "code": resolved["code"],
        "aliases": aliases,
        "mentions": [list(span) for span in sorted(set(record.mentions))],
    }


def actors_at(doc: Doc, start: int, end: int) -> list[str]:
    """Ids of the actors whose mention overlaps the characters [start, end) of `doc`."""
    spans = doc._.actor_spans or []
    return sorted({actor for first, last, actor in spans if first < end and start < last})
