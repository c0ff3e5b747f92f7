"""The `tacitus_actors` component: who acts, one canonical actor per article.

Mentions are found with the actor dictionary (countries, demonyms, capitals as metonyms,
organizations, persons, role words) and spaCy's PERSON and ORG entities; adjacent pieces
form one actor phrase ("Russian Foreign Minister Sergei Lavrov", "Syrian troops"), and
coordinated demonyms share their head ("Russian and Syrian planes" is two actors).
Mentions of one actor are merged: a person's surname, a title with the same country
("Russia's foreign minister") and a clear "he"/"she" join the person; groups merge by code.

Writes ``doc._.actors`` (schema v1 Actor dicts) and ``doc._.actor_spans``, a sorted list of
(start, end, actor id) character spans, read with `actors_at(doc, start, end)`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus.actor_dictionary import (
    CITY,
    DEMONYM,
    METONYM,
    PERSON,
    PLACE_TYPES,
    ROLE,
    STATE,
    ActorDictionary,
    Match,
    resolve_matches,
    shared_dictionary,
    tokenize,
    with_country,
    with_known_surname,
)
from tacitus.nlp import extensions  # noqa: F401  (registers the Doc._ extensions)

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


@dataclass(frozen=True)
class Reading:
    """A Doc with its text and light tokens, computed once (``Doc.text`` is rebuilt on
    every access)."""

    doc: Doc
    text: str
    tokens: list[tuple[str, int, int]]


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
        text = doc.text
        reading = Reading(doc, text, tokenize(text))
        pieces = self._pieces(reading)
        groups = _group(reading, pieces)
        mentions = [
            mention
            for group, following in zip(groups, [*groups[1:], None], strict=False)
            for mention in _mentions(self.dictionary, reading, group, following)
        ]
        records = _merge(mentions)
        if self.resolve_pronouns:
            _resolve_pronouns(doc, records)
        doc._.actors = [_as_schema(record) for record in records]
        doc._.actor_spans = sorted(
            (start, end, record.id) for record in records for start, end in record.index_spans
        )
        return doc

    def _pieces(self, reading: Reading) -> list[Piece]:
        starts = [start for _, start, _ in reading.tokens]
        published = reading.doc._.published
        pieces = [
            Piece(m.start, m.end, m.first, m.last, replace(m, entry=m.entry.at(published)))
            for m in self.dictionary.find(reading.tokens)
        ]
        taken = [(p.start, p.end) for p in pieces]
        for ent in reading.doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = _uncovered_tail(ent, taken)
            if end - start < 2 or not reading.text[start:end].strip()[:1].isupper():
                continue
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            if first < last:
                pieces.append(Piece(start, end, first, last, None, ent.label_))
        return sorted(pieces, key=lambda p: p.start)


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
        return False  # a name follows its title directly: "Foreign Minister Sergei Lavrov"
    if any(p.match is None and p.label == "PERSON" for p in group):
        # after a personal name only "of Morocco" or a role ("Bush administration") continue
        of_phrase = "of" in gap and all(word.lower() in CONNECTORS for word in gap)
        return of_phrase or (not gap and _is_role(piece) and not piece.match.entry.person_title)
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
    following: list[Piece] | None,
) -> list[Mention]:
    """The actor mention of a phrase; none when it is a place or a lone vague word."""
    conjunct = _coordinated_demonym(reading, group, following)
    if conjunct:
        return conjunct
    matches = [p.match for p in group if p.match is not None]
    person = next((p for p in group if p.match is None and p.label == "PERSON"), None)
    organization = next((p for p in group if p.match is None and p.label == "ORG"), None)
    start, end = group[0].start, group[-1].end
    text = reading.text[start:end]
    if not _is_actor(reading, group, matches):
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
    title = next((m.entry.name for m in reversed(matches) if m.entry.person_title), None)
    if person is not None:
        return [_person_mention(dictionary, group, person, resolved, title, reading.text)]
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
    if resolved["kind"] == "person" and person_name is None and not resolved["country"]:
        return []  # "aides", "a spokesman": whose is unknown
    return [Mention(start, end, text, resolved, person_name, title)]


def _person_mention(
    dictionary: ActorDictionary,
    group: list[Piece],
    person: Piece,
    resolved: dict | None,
    title: str | None,
    text: str,
) -> Mention:
    """A phrase with a personal name: the person, or what follows the name ("Bush
    administration" is the administration, of the person's country)."""
    start, end = group[0].start, group[-1].end
    name = text[person.start : person.end]
    head = group[-1].match
    if (
        head is not None
        and head.entry.type == ROLE
        and not head.entry.person_title
        and group[-1].start > person.start
    ):
        role = resolve_matches([head])
        bearer = dictionary.person_by_surname(name)
        if bearer is not None:
            role = with_country(role, bearer.country, bearer.bloc)
        return Mention(start, end, text[start:end], role)
    resolved = _person_resolution(resolved, name)
    if resolved["country"] is None and resolved["bloc"] is None:
        resolved = with_known_surname(dictionary, resolved, name)
    return Mention(start, end, text[start:end], resolved, resolved["name"], title)


def _named_person(matches: list[Match]) -> bool:
    return any(m.entry.type == PERSON for m in matches)


def _person_resolution(resolved: dict | None, name: str) -> dict:
    base = resolved or {"country": None, "sector": None, "code": None, "bloc": None}
    return {**base, "name": name, "kind": "person"}


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
    before = reading.tokens[first.first - 1][0].lower() if first.first else ""
    if STATE in types and before in LOCATIVE_WORDS:
        return False
    if METONYM in types and before in CAPITAL_LOCATIVE_WORDS:
        return False
    if METONYM in types and _is_dateline(reading, first.start):
        return False
    if types == {DEMONYM}:
        span = reading.doc.char_span(first.start, last.end, alignment_mode="expand")
        return span is not None and _demonym_acts(span[-1])
    return True


def _demonym_acts(token: Token) -> bool:
    """ "the Russians", "an Israeli was killed", "an Australian ultimatum", "Israeli air
    raids" name actors; "the Syrian city", "Russian gas" do not."""
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in MODIFIER_DEPENDENCIES:
        return True
    head = token.head
    return token.dep_ in MODIFIER_DEPENDENCIES and head.lemma_.lower() in ACT_NOUNS


def _is_dateline(reading: Reading, start: int) -> bool:
    """'MOSCOW (Reuters) -' or 'Damascus, Syria —' at the start of a line is a dateline."""
    line_start = reading.text.rfind("\n", 0, start) + 1
    return (
        not reading.text[line_start:start].strip()
        and reading.text[start:].split(None, 1)[0].isupper()
    )


def _coordinated_demonym(
    reading: Reading, group: list[Piece], following: list[Piece] | None
) -> list[Mention]:
    """ "Russian and Syrian planes": a lone demonym coordinated with "Syrian planes" shares
    its head, so it is an actor of its own with the same role."""
    if following is None or len(group) != 1 or not _has_type(group[0], DEMONYM):
        return []
    gap = [token.lower() for token, _, _ in reading.tokens[group[0].last : following[0].first]]
    if len(gap) != 1 or gap[0] not in COORDINATORS:
        return []
    if not _has_type(following[0], DEMONYM) or not _is_role(following[-1]):
        return []
    matches = [group[0].match, *(p.match for p in following[1:] if p.match is not None)]
    resolved = resolve_matches(matches)
    text = reading.text[group[0].start : group[0].end]
    mention = Mention(group[0].start, group[0].end, text, resolved)
    mention.extra_spans.append((group[0].start, following[-1].end))
    return [mention]


def _has_type(piece: Piece, entry_type: str) -> bool:
    return piece.match is not None and piece.match.entry.type == entry_type


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
        (start, record)
        for record in records
        if record.resolved["kind"] == "person" and record.surname
        for start, _ in record.mentions
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
