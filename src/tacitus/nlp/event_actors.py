"""The parties of an event: who carries out a trigger and who it acts on (subjects, objects,
"by" agents, nominal roles), and `ActorIndex`, which reads them as ``doc._.actors`` ids (a title
and the name in apposition to it are one party, a bare definite name refers back to the fuller
name, a surname the person named in full before it, the pronoun subject of what a speaker says
it did is the speaker, another pronoun the latest subject of its kind before it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tacitus.nlp.event_mentions import Match, trigger_index
from tacitus.nlp.event_syntax import (
    DEFINITE_DETERMINERS,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    prepositional_objects,
)
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.places import PLACE_LABELS
from tacitus.nlp.speech_cues import personal_titles

SPEECH_VERBS = frozenset([
    "say", "tell", "declare", "announce", "state", "reiterate", "insist", "warn", "add",
    "issue", "stress", "write",
])  # fmt: skip

#: Subject pronouns of a reported act that stand for the speaker ("X said it attacked"), and
#: the verbs of claiming that report acts besides SPEECH_VERBS.
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})
PERSON_PRONOUNS = frozenset({"he", "she"})
#: Object pronouns of a person ("shot him"), resolved like the subject ones.
PERSON_OBJECT_PRONOUNS = frozenset({"him", "her"})
RESOLVED_PRONOUNS = SPEAKER_PRONOUNS | PERSON_OBJECT_PRONOUNS
#: How many sentences before a pronoun's own its antecedent may be sought.
ANTECEDENT_SENTENCES = 2
CLAIM_VERBS = frozenset({"claim", "admit", "confirm", "acknowledge", "boast"})
TARGET_PREPS = frozenset({"on", "against", "at", "to", "with", "into", "upon"})
NOMINAL_SOURCE_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
#: Parts of a noun phrase that name other things than its head ("the decision to cancel
#: Begum's passport", "advocates, who said that children ..."): actors there are not parties.
NON_PARTY_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "prep"})
NON_POLITICAL_KINDS = frozenset({"civilians", "media", "other", None})

#: Actor kinds too vague to make two differently named actors the same party.
VAGUE_ACTOR_KINDS = frozenset({"other", "person", None})


def agents_of(head: Token) -> list[Token]:
    """Who or what carries out a trigger: its subjects and their conjuncts ("US jets and
    helicopters attacked"), a "by" agent of a noun ("bombardment by Russian planes"), or the
    object a purpose clause is said of ("sent in aircraft to attack")."""
    if head.pos_ in ("NOUN", "PROPN"):
        agents = prepositional_objects(head, ("by",))
    else:
        agents = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        agents += prepositional_objects(head, relation="agent")
        if not agents and head.dep_ in ("xcomp", "advcl"):
            agents = [c for c in head.head.children if c.dep_ in ("dobj", *SUBJECT_DEPS)]
    return agents + [c for a in agents for c in a.conjuncts]


#: A word of an actor's name.
NAME_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ActorIndex:
    mentions: tuple[tuple[int, int, str], ...]
    kinds: dict[str, str]
    countries: dict[str, str | None] = field(default_factory=dict)
    sectors: dict[str, str | None] = field(default_factory=dict)
    #: Actor id -> the lower-cased words of its name, as a set and in order.
    name_words: dict[str, frozenset[str]] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> ActorIndex:
        actors = list_extension(doc, "actors")
        return cls(
            tuple(
                (start, end, actor["id"])
                for actor in actors
                for start, end in actor.get("mentions", [])
            ),
            {actor["id"]: actor.get("kind", "other") for actor in actors},
            {actor["id"]: actor.get("country") for actor in actors},
            {actor["id"]: actor.get("sector") for actor in actors},
            {actor["id"]: frozenset(NAME_WORD.findall(actor["name"].lower())) for actor in actors},
            {actor["id"]: tuple(NAME_WORD.findall(actor["name"].lower())) for actor in actors},
        )

    def of_tokens(self, tokens: Iterable[Token], resolve: bool = True) -> list[str]:
        """Actors named by the noun phrases of `tokens`, without their clauses and
        prepositional phrases ("the decision to cancel Begum's passport" names no party);
        `resolve` reads pronouns through their antecedents (`antecedent_of`)."""
        found: list[str] = []
        for token in tokens:
            for actor in self.of_phrase(token, resolve):
                if actor not in found:
                    found.append(actor)
        return found

    def of_phrase(self, token: Token, resolve: bool = True) -> list[str]:
        """The actors one noun phrase names. A title and the name in apposition to it are one
        party, the name ("the Turkish president, Recep Tayyip Erdogan"; "Mr Brown, the
        chancellor"); a definite noun no actor covers refers back to the latest actor named
        before it whose name ends in that noun ("the Coalition" after "the Syrian Coalition")."""
        named = [a for a in token.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        if token.pos_ == "NOUN" and (by_name := self.of_tokens(named, resolve)):
            others = [c for c in token.children if c.dep_ == "conj"]
            return by_name + [a for a in self.of_tokens(others, resolve) if a not in by_name]
        titles = {
            t.i for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"
            and token.pos_ == "PROPN" for t in c.subtree
        }  # fmt: skip
        found = [
            actor
            for part in party_tokens(token)
            if part.i not in titles
            for actor in self.covering(part)
        ]
        if is_definite_reference(token) and (
            token.is_title or token.lemma_.lower() in PARTICIPANT_NOUNS
        ):  # a party: "the Front", "the militants"; not "the conference" of "Sochi conference"
            found = self.named_before(token) or found
        elif not found and token.pos_ == "PROPN":
            found = self.person_by_surname(token)
        elif not found and token.lower_ in SPEAKER_PRONOUNS:
            found = self.speaker_of(token) or (self.antecedent_of(token) if resolve else [])
        elif not found and resolve and token.lower_ in PERSON_OBJECT_PRONOUNS:
            found = self.antecedent_of(token)
        return list(dict.fromkeys(found))

    def person_by_surname(self, token: Token) -> list[str]:
        """ "Erdoğan condemned ...", "Mr Brown said": a surname, with its title, that no actor
        covers names the person named in full before it ("Recep Tayyip Erdoğan"); the latest
        such person when several share it."""
        words = [t.lower_ for t in token.lefts if t.dep_ == "compound"] + [token.lower_]
        titles = personal_titles().all  # not part of the name ("Mr Brown")
        words = [w for w in words if w.rstrip(".") not in titles]
        if not words:
            return []
        for start, _, actor in sorted(self.mentions, reverse=True):
            if start > token.idx or self.kinds.get(actor) != "person":
                continue
            name = self.names.get(actor, ())
            if len(name) > len(words) and list(name[-len(words) :]) == words:
                return [actor]
        return []

    def antecedent_of(self, pronoun: Token, depth: int = 0) -> list[str]:
        """The party a pronoun stands for, by the continuity of subjects a report keeps
        ("Erdogan spoke in Ankara. He urged NATO ...", "The army shelled the town. It then
        stormed it"): the latest subject before it, in its sentence or the
        `ANTECEDENT_SENTENCES` before, that names an actor of its kind (a person for "he",
        "she", "him", "her"; a group, state or force for "it" and "they")."""
        person = pronoun.lower_ in PERSON_PRONOUNS | PERSON_OBJECT_PRONOUNS
        for subject in subjects_before(pronoun):
            if subject.pos_ == "PRON" or subject.lower_ in RESOLVED_PRONOUNS:
                if depth >= 1 or (subject.lower_ in PERSON_PRONOUNS) != person:
                    continue
                found = self.speaker_of(subject) or self.antecedent_of(subject, depth + 1)
            else:
                found = self.of_phrase(subject, resolve=False)
            found = [
                a
                for a in found
                if (self.kinds.get(a) == "person") == person and self.kinds.get(a) != "media"
            ]
            if found:
                return found
        return []

    def speaker_of(self, pronoun: Token) -> list[str]:
        """ "The Front said it attacked a post": the subject pronoun of what a speaker says
        is the speaker, when it is a group ("it", "they") or a person ("he", "she")."""
        clause = pronoun.head
        speech = clause.head
        if pronoun.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp" or speech == clause:
            return []
        if speech.lemma_.lower() not in SPEECH_VERBS | CLAIM_VERBS:
            return []
        speakers = self.of_tokens((c for c in speech.children if c.dep_ == "nsubj"), False)
        person = pronoun.lower_ in PERSON_PRONOUNS
        return [a for a in speakers if (self.kinds.get(a) == "person") == person]

    def named_before(self, token: Token) -> list[str]:
        """The latest actor mention before `token` whose last word has `token`'s lemma."""
        doc, lemma = token.doc, token.lemma_.lower()
        for start, end, actor in sorted(self.mentions, reverse=True):
            if end > token.idx:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) > 1 and span[-1].lemma_.lower() == lemma:
                return [actor]
        return []

    def named_within(self, actors: list[str], start: int, end: int) -> list[str]:
        """Those of `actors` named between character offsets `start` and `end`."""
        return [a for a in actors if any(s >= start and e <= end and i == a
                                         for s, e, i in self.mentions)]  # fmt: skip

    def covering(self, token: Token) -> list[str]:
        start, end = token.idx, token.idx + len(token)
        return [a for s, e, a in self.mentions if s <= start and end <= e]

    def alike(self, a: str, b: str) -> bool:
        """The same party: one actor; one whose name is a part of the other's, as a headline
        shortens the lead's ("Army" and "the Syrian army", "Airstrikes" and "regime
        airstrikes"; not "Syrian army" and "Iraqi army"); or two of one country and sector
        that are not vague kinds ("Lyon police" and "the police"; not two different persons)."""
        if a == b:
            return True
        words_a, words_b = self.name_words.get(a), self.name_words.get(b)
        if words_a and words_b and (words_a <= words_b or words_b <= words_a):
            return True
        if self.kinds.get(a) in VAGUE_ACTOR_KINDS or self.kinds.get(b) in VAGUE_ACTOR_KINDS:
            return False
        country, sector = self.countries.get(a), self.sectors.get(a)
        return bool(country and sector) and (country, sector) == (
            self.countries.get(b),
            self.sectors.get(b),
        )

    def distinct_parties(self, actors: list[str], doc: Doc) -> list[str]:
        """One side of an event without the actors that repeat a party or only say where:
        - extra duplicate actors, class "a party and its spokesman": an actor whose name is a
          part of another's on the same side ("Labour" beside "a Labour Party spokesman") is
          that party, named in full once;
        - a state beside an actor of its own country names where the actor is ("al-Qaeda's
          Syria affiliate"), not a second party;
        - a place name of no known sector is where an act fell ("shelled the Bab district"),
          not whom it struck."""
        parties = []
        for actor in actors:
            words = self.name_words.get(actor, frozenset())
            fuller = bool(words) and any(
                words < self.name_words.get(other, frozenset()) for other in actors
            )
            if fuller or self.is_place_name(actor, doc) or self.is_own_state(actor, actors):
                continue
            parties.append(actor)
        return parties

    def is_own_state(self, actor: str, actors: list[str]) -> bool:
        country = self.countries.get(actor)
        return (
            self.kinds.get(actor) == "state"
            and not self.sectors.get(actor)
            and any(
                other != actor
                and self.countries.get(other) == country
                and self.kinds.get(other) != "state"
                for other in actors
            )
        )

    def is_place_name(self, actor: str, doc: Doc) -> bool:
        if self.kinds.get(actor) != "other" or self.sectors.get(actor) or self.countries.get(actor):
            return False
        spans = [
            doc.char_span(s, e, alignment_mode="expand") for s, e, a in self.mentions if a == actor
        ]
        return bool(spans) and all(
            span is not None and span.root.ent_type_ in PLACE_LABELS for span in spans
        )

    def share(self, these: list[str], those: list[str]) -> bool:
        return any(self.alike(a, b) for a in these for b in those)

    def political(
        self, actors: list[str], excluded: frozenset[str | None] = NON_POLITICAL_KINDS
    ) -> bool:
        """Whether one of `actors` can take part in talks (not residents or reporters)."""
        return any(self.kinds.get(actor) not in excluded for actor in actors)


def subjects_before(pronoun: Token) -> list[Token]:
    """Subjects before `pronoun`, nearest first: those of its own sentence, then of the
    `ANTECEDENT_SENTENCES` sentences before it."""
    doc, sentence = pronoun.doc, pronoun.sent
    start = sentence.start
    for _ in range(ANTECEDENT_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    # The subjects of the clauses that hold the pronoun's own are other parties ("the Pentagon
    # says they were freed"); a speaker's own pronoun is found by `speaker_of`.
    governors = {pronoun.head.i, *(a.i for a in pronoun.head.ancestors)}
    return [
        t
        for t in reversed(doc[start : pronoun.i])
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i not in governors
    ]


def is_definite_reference(token: Token) -> bool:
    """ "the Coalition", "the militants": a definite noun alone, which refers back to a fuller
    name; "the Syrian army" names its party itself."""
    children = list(token.children)
    return (
        token.pos_ in ("NOUN", "PROPN")
        and len(children) == 1
        and children[0].dep_ == "det"
        and children[0].lower_ in DEFINITE_DETERMINERS
    )


def party_tokens(token: Token) -> list[Token]:
    """The tokens of `token`'s noun phrase that can name a party: its head, modifiers,
    possessors, appositions and conjuncts, and "of" phrases ("leaders of Hamas")."""
    parts = [token]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            parts.extend(t for g in child.children if g.dep_ == "pobj" for t in party_tokens(g))
        elif child.dep_ not in NON_PARTY_DEPS and not is_pronoun_possessor(child):
            parts.extend(party_tokens(child))
    return parts


def is_pronoun_possessor(token: Token) -> bool:
    """ "her village" names the village, not her."""
    return token.dep_ == "poss" and token.pos_ == "PRON"


def subjects_of(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head != verb:
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    return subjects + prepositional_objects(verb, relation="agent")


def objects_of(verb: Token, preps: frozenset[str] = TARGET_PREPS) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    return objects + prepositional_objects(verb, preps)


#: Prepositions by which a noun object names whom a verbal act is aimed at ("held talks with
#: X", "rejected calls by X", "lodged a complaint against X"); "on" is its topic there.
COMPLEMENT_PREPS = frozenset({"with", "against", "by"})


def complement_parties(verb: Token) -> list[Token]:
    """Missing actors, class "the party hangs below the object": whom an act is aimed at when
    its object is not the party itself but a noun of what passed between them ("held talks
    with X", "rejected calls by X"), or the agent of a passive complement ("denied being
    pressured by X", "refused to be drawn by X")."""
    found = [
        obj
        for noun in verb.children
        if noun.dep_ == "dobj" and noun.pos_ == "NOUN"
        for obj in prepositional_objects(noun, COMPLEMENT_PREPS)
    ]
    for clause in verb.children:
        if clause.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in clause.children):
            found += prepositional_objects(clause, relation="agent")
    return found


def producers_of(head: Token) -> list[Token]:
    """Missing actors, class "a thing made by the source carries the act": a participle that
    describes an object its subject made or sent ("the party unveiled a poster accusing the
    government", "the ministry issued a statement condemning the raid") is that subject's act."""
    thing = head.head
    if head.dep_ != "acl" or head.tag_ != "VBG" or thing.dep_ != "dobj" or thing == head:
        return []
    return [c for c in thing.head.children if c.dep_ in SUBJECT_DEPS]


def nominal_roles(
    noun: Token, preps: frozenset[str] = TARGET_PREPS
) -> tuple[list[Token], list[Token]]:
    """ "Russian and Syrian attacks on Aleppo": sources Russian, Syrian; target Aleppo."""
    sources = [c for c in noun.children if c.dep_ in NOMINAL_SOURCE_DEPS]
    sources += prepositional_objects(noun, ("by",))
    return sources, prepositional_objects(noun, preps - {"by"})


def has_participant(match: Match, verb: Token) -> bool:
    """A weak trigger must name who acted or was acted on (an entity or a person noun). A
    plural common noun as the subject of a verb trigger names the people who did it ("medical
    interns protested", "musicians marched"): only people and groups protest, march or clash
    in the plural."""
    doers = subjects_of(verb) + root_noun_of(verb)
    if match.head == verb and any(s.tag_ == "NNS" and not is_event_word(s) for s in doers):
        return True
    nodes = subjects_of(verb) + objects_of(verb) + sum(nominal_roles(match.head), [])
    nodes += root_noun_of(verb)
    return any(
        t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or t.pos_ == "PROPN"
        or t.lemma_.lower() in PARTICIPANT_NOUNS
        for node in nodes
        for t in node.subtree
    )


def root_noun_of(verb: Token) -> list[Token]:
    """The noun a sentence's only predicate hangs on when the parser took the predicate for a
    reduced relative ("Medical interns protested in the square": ROOT "interns", acl
    "protested"; "Three men arrested in Lagos" in a headline)."""
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]
    return []


def is_event_word(token: Token) -> bool:
    """A word the trigger lexicon knows ("clashes", "protests"): an event, not its doers."""
    single, _ = trigger_index()
    return token.lemma_.lower() in single


PARTICIPANT_NOUNS = frozenset([
    "police", "policeman", "army", "troop", "soldier", "force", "militant", "rebel",
    "fighter", "insurgent", "gunman", "protester", "demonstrator", "student", "worker",
    "farmer", "people", "civilian", "villager", "resident", "man", "woman", "child",
    "government", "ministry", "official", "minister", "president", "leader", "party",
    "group", "militia", "jihadist", "terrorist", "attacker", "assailant", "mob", "crowd",
    "activist", "journalist", "prisoner", "detainee", "refugee", "authority", "council",
    "parliament", "regime", "opposition", "security",
])  # fmt: skip
