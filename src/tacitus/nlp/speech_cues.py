"""Cue lexicon of the quotes component and the syntax helpers that read a cue's frame.

The lexicon (``resources/quotes/cues.yaml``) lists lemmas: verbs of saying, of belief
and of evidence. The helpers find a cue verb's subject (the speaker or source) and
its clausal complement (the reported content) in spaCy's dependency parse.

The gender of a person, which "he" and "she" must agree with, comes from their first
name (the US Census 1990 first-name frequencies by sex shipped by the PyPI package
``names``) or from an honorific in the article ("Mrs. Clinton").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from tacitus import settings
from tacitus.nlp.extensions import text_of

CUES_RESOURCE = ("tacitus.resources", "quotes/cues.yaml")
PERSON_NOUNS_RESOURCE = ("tacitus.resources", "quotes/person_nouns.yaml")
TITLES_RESOURCE = ("tacitus.resources", "quotes/titles.yaml")
PERSONAL_TITLES_RESOURCE = ("tacitus.resources", "actors/personal_titles.yaml")

#: Dependencies of a subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Dependencies of a reported clause.
COMPLEMENT_DEPS = frozenset({"ccomp"})
#: Clauses that share their subject with the verb they hang from ("..., adding that").
SUBJECT_SHARING_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acomp"})
#: Dependents kept in a speaker phrase to the right of its head ("a spokesman for X").
PHRASE_RIGHT_DEPS = frozenset(
    {"prep", "pobj", "compound", "amod", "nummod", "flat", "nmod", "cc", "conj", "case", "acl"}
)
#: Pronoun -> class of antecedent it may refer to.
PRONOUN_CLASSES = {
    "he": "person",
    "him": "person",
    "she": "person",
    "her": "person",
    "they": "group",
    "them": "group",
    "we": "group",
    "it": "group",
}
#: Gender of the third-person singular pronouns.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: Gender of the honorifics before a surname.
HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}
#: First-name frequency tables by sex in the ``names`` package.
FIRST_NAME_TABLES = {"m": "dist.male.first", "f": "dist.female.first"}
#: The surname frequency table of the ``names`` package (US Census 1990).
SURNAME_TABLE = "dist.all.last"
#: Entity labels of names that are groups, not people.
GROUP_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(frozen=True)
class Cues:
    speech: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    stance: frozenset[str]
    addressee: frozenset[str]
    scare_markers: frozenset[str]

    @cached_property
    def all_verbs(self) -> frozenset[str]:
        return self.speech | self.cognition | self.evidence | self.stance

    @cached_property
    def object_verbs(self) -> frozenset[str]:
        """Cue verbs whose direct object is the content ("announced a cease-fire")."""
        return (self.speech | self.evidence | self.stance) - self.addressee


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cue lexicon, read once per process."""
    package, name = CUES_RESOURCE
    data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    return Cues(**{key: frozenset(data[key]) for key in Cues.__dataclass_fields__})


@dataclass(frozen=True)
class TitleWords:
    """Words that make a quotation the title of a work ("his book 'The Long Road'")."""

    title_nouns: frozenset[str]
    linking_words: frozenset[str]
    naming_words: frozenset[str]


@lru_cache(maxsize=1)
def load_title_words() -> TitleWords:
    """The title lexicon, read once per process."""
    package, name = TITLES_RESOURCE
    data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    return TitleWords(**{key: frozenset(data[key]) for key in TitleWords.__dataclass_fields__})


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, str | None]:
    """Lemma of a common noun naming a person -> the gender it gives ("actress" -> "f",
    "senator" -> None), read once per process."""
    package, name = PERSON_NOUNS_RESOURCE
    data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    genders = {"female": "f", "male": "m", "neutral": None}
    return {noun: genders[group] for group, nouns in data.items() for noun in nouns}


@dataclass(frozen=True)
class PersonalTitles:
    """Titles before a person's name (``resources/actors/personal_titles.yaml``)."""

    honorifics: frozenset[str]
    offices: frozenset[str]
    #: titles that also begin town names ("Prince George"): a name after one may be a place
    begin_town_names: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.honorifics | self.offices | self.begin_town_names

    @property
    def never_town_names(self) -> frozenset[str]:
        """Titles after which a name is a person, never a town ("Lord Mackay")."""
        return self.honorifics | self.offices


@lru_cache(maxsize=1)
def personal_titles() -> PersonalTitles:
    """The personal-title lexicon, read once per process."""
    package, name = PERSONAL_TITLES_RESOURCE
    data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    return PersonalTitles(
        **{key: frozenset(data[key]) for key in PersonalTitles.__dataclass_fields__}
    )


def is_person_noun(token: Token) -> bool:
    """A singular common noun naming a person ("the actress", "a spokesman")."""
    return token.tag_ == "NN" and token.lemma_.lower() in person_nouns()


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it depends on when it has none of its own
    ("..., adding that ...", "declined to say"); a relative "who" gives its antecedent."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in ("who", "that") and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ not in SUBJECT_SHARING_DEPS or current.head == current:
            return None
        current = current.head
    return None


def complement_of(verb: Token) -> Token | None:
    """The clausal complement of a cue verb ("said [that the talks failed]"), else its
    open complement ("vowed [to retake the city]")."""
    open_complement = None
    for child in verb.children:
        if child.dep_ in COMPLEMENT_DEPS:
            return child
        if child.dep_ == "xcomp" and open_complement is None:
            open_complement = child
    return open_complement


def object_of(verb: Token) -> Token | None:
    """The direct object of a cue verb, or the object of its "for" ("called for a truce")."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "for":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def phrase_of(head: Token) -> Span:
    """The noun phrase headed by `head`, without appositions or relative clauses
    ("Marine Le Pen, leader of ..." -> "Marine Le Pen"; "a spokesman for the mayor")."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_DEPS or child.is_punct:
            break
        end = child.right_edge.i + 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def clause_chars(head: Token) -> tuple[int, int]:
    """Character span of `head`'s subtree without leading/trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return span_chars(doc[start], doc[end])


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name (lower case) -> "m" or "f", for names borne far more often by one sex
    ("jordan" is "m"); names the tables lack, or share evenly, have no gender."""
    tables = resources.files("names")
    frequencies = {sex: _frequencies(tables.joinpath(f)) for sex, f in FIRST_NAME_TABLES.items()}
    male, female = frequencies["m"], frequencies["f"]
    ratio = settings.QUOTES_NAME_GENDER_RATIO
    genders = {}
    for name in male.keys() | female.keys():
        his, hers = male.get(name, 0.0), female.get(name, 0.0)
        if his > ratio * hers:
            genders[name] = "m"
        elif hers > ratio * his:
            genders[name] = "f"
    return genders


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Surnames (lower case) of the US Census table: evidence that a bare capitalised word
    the tagger took for an organisation ("Vasquez") may be a person's surname."""
    return frozenset(_frequencies(resources.files("names").joinpath(SURNAME_TABLE)))


def _frequencies(table: resources.abc.Traversable) -> dict[str, float]:
    """'JAMES          3.318  3.318      1' lines -> {"james": 3.318}."""
    rows = (line.split() for line in table.read_text(encoding="ascii").splitlines())
    return {row[0].lower(): float(row[1]) for row in rows if len(row) >= 2}


def honorific_genders(doc: Doc) -> dict[str, str]:
    """Surname (lower case) -> gender, for names the article gives an honorific."""
    genders = {}
    for token in doc[:-1]:
        gender = HONORIFIC_GENDER.get(token.lower_)
        if gender is None or token.nbor(1).pos_ != "PROPN":
            continue
        name = token.nbor(1)
        while name.i + 1 < len(doc) and name.nbor(1).pos_ == "PROPN":
            name = name.nbor(1)
        genders[name.lower_] = gender
    return genders


def name_gender(name: str, honorifics: dict[str, str]) -> str | None:
    """Gender of a person's name: an honorific the article gives its surname or that opens
    it, else its first known first name ("Crooked Hillary Clinton" -> "f"); None when
    unknown. A lone word is taken for a surname ("Jordan", "Warren")."""
    words = [word.lower().rstrip(".") for word in name.split()]
    if not words:
        return None
    gender = honorifics.get(words[-1]) or HONORIFIC_GENDER.get(words[0])
    if gender is not None:
        return gender
    genders = first_name_genders()
    # A hyphenated first name takes the gender of its first part ("Marie-Claire").
    firsts = [word.split("-")[0] for word in words[:-1]]
    return next((genders[word] for word in firsts if word in genders), None)


def mention_gender(mention: str, fullest: dict[str, str], honorifics: dict[str, str]) -> str | None:
    """Gender of a person mentioned as `mention`: from the mention when it is a full name
    ("Ivanka Trump"), else from the article's fullest name ending with it; a lone name
    the article never completes is a first name ("Melanie")."""
    if len(mention.split()) > 1:
        return name_gender(mention, honorifics)
    key = mention.lower()
    full = fullest.get(key, mention)
    if len(full.split()) > 1:
        return name_gender(full, honorifics)
    return honorifics.get(key) or first_name_genders().get(key)


def person_gender(
    token: Token, fullest: dict[str, str], honorifics: dict[str, str]
) -> tuple[str, str | None]:
    """The person mention `token` heads (its PERSON entity, else its own word) and the
    gender it gives: a role noun's ("actress"), else its name's."""
    mention = _person_entity_text(token)
    if is_person_noun(token):
        return mention, person_nouns()[token.lemma_.lower()]
    return mention, mention_gender(mention, fullest, honorifics)


def _person_entity_text(token: Token) -> str:
    """The PERSON entity covering `token`, found from its IOB tags (spaCy rebuilds
    `doc.ents` at every access), else the token's own text."""
    if token.ent_type_ != "PERSON":
        return token.text
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _name_words(entity: Span) -> list[str]:
    """The words of a PERSON name as written, a hyphenated part kept whole ("Jean-Pierre
    Lacroix", "al-Masri"), without a possessive or a byline's dash ("-Michelle")."""
    tokens = [t for t in entity if t.tag_ != "POS" and t.lower_ not in ("'s", "’s")]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return []
    return entity.doc[tokens[0].i : tokens[-1].i + 1].text.lstrip("-―—–").split()


def _surname_key(word: str) -> str:
    """The key a name is found by: its last hyphenated part, the token a parse heads the
    name with ("Al-Sadr" -> "sadr")."""
    return re.split(r"[-‐‑]", word)[-1].lower()


def fullest_person_names(doc: Doc) -> dict[str, str]:
    """Surname (lower case) -> the longest PERSON name of the article ending with it; a
    first name used alone maps to the one full name it opens ("Sarah" -> "Sarah Palin")."""
    names: dict[str, str] = {}
    heading_end = text_of(doc).find("\n")
    entities = [e for e in doc.ents if e.label_ == "PERSON"]
    # A headline's capitals mislead the tagger ("Lawmakers Rip Donald Trump"): its names
    # only complete names the body gives no full form of.
    body = [e for e in entities if e.start_char > heading_end]
    heading = [e for e in entities if e.start_char <= heading_end]
    for group in (body, heading):
        found: dict[str, str] = {}
        for entity in group:
            words = _name_words(entity)
            if not words:
                continue
            key = _surname_key(words[-1])
            known = len(names.get(key, "").split())
            if known <= 1 and len(words) > max(known, len(found.get(key, "").split())):
                found[key] = " ".join(words)
        names.update(found)
    openers: dict[str, set[str]] = {}
    for full in names.values():
        words = full.split()
        if len(words) > 1:
            openers.setdefault(words[0].lower(), set()).add(full)
    for first, fulls in openers.items():
        if len(fulls) == 1 and len(names.get(first, "").split()) <= 1:
            names[first] = next(iter(fulls))
    return names
