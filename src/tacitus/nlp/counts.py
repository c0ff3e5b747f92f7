"""`tacitus_counts`: how many were killed, injured, displaced, trapped, arrested, abducted,
missing, or took part, with best/low/high figures and the victims (schema v1 ``counts``).

Two passes over the dependency parse, no regex over the text, and a third for attackers:

1. every written quantity ("320", "some 40", "dozens of", "between 5 and 7") is read with
   `tacitus.nlp.numbers`; the noun it quantifies is found through the parse, and the kind comes
   from the predicate that noun is the victim of ("killed 320 civilians", "31,000 civilians
   have fled", "two nurses were killed", "the bodies of 3 men", "the death toll rose to 45");
2. every casualty predicate whose victim carries no number counts one victim for a singular
   noun ("a man was shot dead", "killing a woman and her son", "the soldier later died") and
   zero for "no one" / "no casualties";
3. a suicide attacker who blew himself up counts among the dead.

Injuries are also told by their care ("were treated for injuries", "were hospitalised",
"taken to hospital with wounds") or by their suffering ("sustained injuries"; "suffered fatal
injuries" is a death).

Victims the parser hung on the wrong words are found by position: the subject of "was
killed" written after a list of places ("..., Iraq, five policemen and a guard were killed"),
objects after the verb joined to earlier words. A death the report gives as its background
("after the leader was killed", "to avenge the death of") or that did not happen ("tried to
kill") is no count. A quantity whose noun is the agent ("two airstrikes killed ...") or a
year, age, duration, percentage, sum of money or thing is not a count. `fatalities_of` turns
the counts of a text or an event into one fatality figure the way ACLED's codebook does,
`figure_of` also the way GTD's does, and, with ``per_event``, as one event's share of a total
the text gives for several events (the figure of one row of ACLED's or GTD's tables).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from tacitus import settings
from tacitus.nlp.extensions import text_of
from tacitus.nlp.numbers import SCALES, UNITS, VAGUE, Quantity, number_value, read_quantity
from tacitus.nlp.places import PLACE_LABELS

# --- lexicons: which words make which kind of count -------------------------------------------


def words_to(words: str, kind: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), kind)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: verbs whose OBJECT (or passive subject) is the victim
TRANSITIVE_VERBS = {
    **words_to("kill murder execute behead massacre slaughter assassinate lynch slay", "killed"),
    **words_to("injure wound hurt maim", "injured"),
    **words_to("displace uproot evacuate", "displaced"),
    "trap": "trapped",
    **words_to("arrest detain apprehend nab jail imprison capture", "arrested"),
    **words_to("abduct kidnap", "abducted"),
}
#: verbs whose SUBJECT is the one counted
INTRANSITIVE_VERBS = {
    **words_to("die perish drown succumb", "killed"),
    "flee": "displaced",
    "disappear": "missing",
    **words_to("protest demonstrate march rally gather", "participants"),
}
#: verb + particle: "gunned down", "rounded up"
PHRASAL_VERBS = {("gun", "down"): "killed", ("mow", "down"): "killed", ("round", "up"): "arrested"}
#: adjectives that make a predicate of any verb: "found dead", "left 3 injured", "are missing"
PREDICATE_ADJECTIVES = {
    "dead": "killed",
    "injured": "injured",
    "wounded": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "homeless": "displaced",
    "trapped": "trapped",
    "hostage": "abducted",
}
#: adverbs that make any injury predicate a killing: "fatally shot", "fatally wounded"
FATAL_ADVERBS = frozenset({"fatally", "mortally"})
#: nouns that are themselves the count: "3 fatalities", "a death toll of 45"; `who` stays None
COUNT_NOUNS = {
    **words_to("fatality death dead toll body corpse life", "killed"),
    **words_to("injury wounded injured", "injured"),
    "casualty": "other",
    "arrest": "arrested",
    "abduction": "abducted",
    "kidnapping": "abducted",
}
#: nouns whose possessor is the victim: "the man's body", "his body"
CORPSE_NOUNS = frozenset({"body", "corpse"})
#: nouns whose "of" names the victims: "the killing of two journalists", "the lives of 5"
OF_NOUNS = {
    **words_to("death killing murder body corpse life assassination execution", "killed"),
    **words_to("arrest detention", "arrested"),
    **words_to("abduction kidnapping", "abducted"),
    "evacuation": "displaced",
}
#: people named by what happened to them: the count's kind when no predicate says otherwise
PERSON_NOUNS = {
    **words_to("protester protestor demonstrator marcher participant striker", "participants"),
    **words_to("refugee idp evacuee", "displaced"),
    **words_to("detainee prisoner", "arrested"),
    **words_to("hostage captive abductee", "abducted"),
}
#: quantified nouns that are never victims: units of time, money, measure, things, weapons
NOT_VICTIMS = word_set(
    "year month week day hour minute second decade century percent per cent % third half "
    "quarter fifth km kilometre kilometer mile metre meter foot feet kg ton tonne dollar "
    "usd euro pound rupee naira shilling vehicle car truck bus motorcycle house home "
    "building shop village state province district city town region area county "
    "municipality neighborhood neighbourhood governorate prefecture department oblast tehsil "
    "school airstrike strike raid attack rocket "
    "missile bomb shell mortar round bullet shot weapon gun rifle grenade ied ransom usd "
    "bag explosion blast drone plane aircraft helicopter tank cattle cow goat sheep camel "
    "lamb dog chicken livestock animal number group time occasion incident event location "
    "case count total knee leg arm hand eye ankle shoulder hamstring wrist neck groin thigh "
    "calf back information data development battle fight gunfight firefight clash encounter "
    # events that leave victims dead are their cause: "the assault left six policemen dead"
    "assault ambush bombing shooting violence fighting offensive siege shelling gunfire"
)
#: "found dead", "left 3 injured", "shot dead two policemen": whoever the adjective describes
ANY_VICTIM_ROLE = frozenset({"nsubj", "nsubjpass", "dobj"})
PATIENT_DEPS = {
    "transitive": frozenset({"dobj", "nsubjpass"}),
    "intransitive": frozenset({"nsubj", "nsubjpass"}),
}
#: how a parser hangs "dead" on its verb: "found dead", "shot two men dead" (also as "advcl"
#: when a conjoined verb follows: "shot three protesters dead and wounded 20 others"; an
#: adjective only, as a verb there is a clause of its own)
ADJECTIVE_DEPS = {"oprd", "acomp", "xcomp", "advmod", "ccomp", "dobj", "advcl"}
INDEFINITE = {"a", "an", "another", "one"}
DEFINITE = {"the", "this", "that", "these", "those", "both"}
NOBODY = {"nobody", "none", "noone"}
#: pronouns (and "the other", "another") that name one victim
SINGULAR_PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "other", "another", "himself", "herself"}
)
CROWD_KINDS = frozenset({"participants"})
#: nouns that are a number: "a couple was shot dead"
GROUP_SIZES = {"couple": 2, "pair": 2}
#: the attacker among the dead: "detonated his vest, killing himself and two policemen"
REFLEXIVES = frozenset({"himself", "herself"})
ONE_OF_SEVERAL = frozenset({"other", "another"})
DEFINITE_PREFIX = re.compile(
    r"^(the|this|that|these|those|both|his|her|their|its|our|he|she|him)\b", re.I
)
PARTITIVE = re.compile(r"\bof (the|them|those|these|whom)\b", re.I)
#: words that make a bare figure a stated total of its kind: "7 fatalities", "toll rose to 7"
TOTAL_WORDS = {
    "killed": re.compile(
        r"\b(fatalit|deaths?\b|dead\b|toll\b|lives\b|bod(y|ies)\b|corpses?\b)", re.I
    ),
    "injured": re.compile(r"\b(injur|wounded\b)", re.I),
}
#: words that make the counts after a total its parts; a colon too, which opens a breakdown
#: ("nine people died: six civilians and three attackers"; not a clock time, "10:30")
PART_CUE_ANYWHERE = re.compile(
    r"\b(includ\w*|among them|among whom|among the \w+|of whom|of them|of which)\b|:(?!\d)",
    re.I,
)


@dataclass(frozen=True)
class Predicate:
    kind: str
    roles: frozenset[str]


def predicate_of(token: Token) -> Predicate | None:
    """The casualty predicate `token` heads, if any: "killed", "fled", "found dead", "shot to
    death", "left 3 injured"; not one that did not happen or happened before the report."""
    predicate = written_predicate(token)
    if predicate is None or is_unreal(token) or is_background(token):
        return None
    return predicate


class VerbReadings:
    """The casualty predicates of one doc's tokens and the victims the parser hung on words
    around them (`written_subject`, `misattached_objects`), each read once per token:
    `written_subjects` and `victims_of` both need them."""

    def __init__(self) -> None:
        self.predicates: dict[int, Predicate | None] = {}
        self.subjects: dict[int, list[Token]] = {}
        self.objects: dict[int, list[Token]] = {}

    def predicate(self, token: Token) -> Predicate | None:
        if token.i not in self.predicates:
            self.predicates[token.i] = predicate_of(token)
        return self.predicates[token.i]

    def subject(self, verb: Token) -> list[Token]:
        if verb.i not in self.subjects:
            self.subjects[verb.i] = written_subject(verb)
        return self.subjects[verb.i]

    def misattached(self, verb: Token, predicate: Predicate) -> list[Token]:
        if verb.i not in self.objects:
            self.objects[verb.i] = misattached_objects(verb, predicate)
        return self.objects[verb.i]


def written_predicate(token: Token) -> Predicate | None:
    """The casualty predicate the words of `token` make, whatever its context."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and any(c.lower_ in FATAL_ADVERBS for c in token.children):
        return Predicate("killed", transitive_roles(token))
    if lemma in TRANSITIVE_VERBS and token.pos_ == "VERB":
        return Predicate(TRANSITIVE_VERBS[lemma], transitive_roles(token))
    if lemma in INTRANSITIVE_VERBS and token.pos_ == "VERB":
        return Predicate(INTRANSITIVE_VERBS[lemma], PATIENT_DEPS["intransitive"])
    if token.lower_ in PREDICATE_ADJECTIVES and token.pos_ in {"VERB", "ADJ"}:
        # "two people are missing", not "missing a drugs test"; "shot dead two policemen"
        roles = ANY_VICTIM_ROLE if token.pos_ == "ADJ" else PATIENT_DEPS["intransitive"]
        return Predicate(PREDICATE_ADJECTIVES[token.lower_], roles)
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if (lemma, particle) in PHRASAL_VERBS:
        return Predicate(PHRASAL_VERBS[lemma, particle], transitive_roles(token))
    for child in token.children:
        child_lemma = child.lower_
        if child.dep_ == "advcl" and child.pos_ != "ADJ":
            continue  # "was unhurt, although two guards were wounded": a clause of its own
        if child.dep_ in ADJECTIVE_DEPS and child_lemma in PREDICATE_ADJECTIVES:
            return Predicate(PREDICATE_ADJECTIVES[child_lemma], ANY_VICTIM_ROLE)
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(grandchild.lower_ == "death" for grandchild in child.children)
        ):
            return Predicate("killed", frozenset({"nsubjpass", "dobj"}))
    return care_predicate(token, lemma)


#: the injuries a victim is treated for, suffers or is taken to hospital with
INJURY_NOUNS = word_set(
    "injury wound burn fracture laceration bruise cut gunshot shrapnel concussion trauma"
)
#: adjectives that make the injury a death: "suffered fatal injuries"
FATAL_INJURY = frozenset({"fatal", "mortal"})
#: verbs that are an injury by themselves: "eight people were hospitalised" (with the
#: participles, which the tagger often leaves as their own lemma)
HOSPITALISE_VERBS = word_set("hospitalise hospitalize hospitalised hospitalized")
#: verbs whose subject has the injury that is their object: "four officers sustained injuries"
SUFFER_VERBS = word_set("sustain suffer receive incur")
#: verbs of medical care whose patient is injured when the care is for an injury or in a
#: hospital: "were treated for injuries", "treated 20 people for gunshot wounds", "were taken
#: to hospital with injuries", "admitted to hospital with stab wounds"
CARE_VERBS = word_set("treat admit take rush airlift fly bring")
CARE_NOUNS = word_set("treatment care")
HOSPITAL_NOUNS = word_set("hospital hospitals clinic infirmary")
#: "treated for injuries", "with wounds"; "to / in / at hospital"
INJURY_PREPOSITIONS = frozenset({"for", "with"})
HOSPITAL_PREPOSITIONS = frozenset({"to", "in", "at"})


def care_predicate(verb: Token, lemma: str) -> Predicate | None:
    """An injury told by its care or its suffering (GTD and ACLED count such people among
    the wounded): "were treated for injuries", "were hospitalised", "sustained injuries",
    "received treatment for shrapnel wounds"; "suffered fatal injuries" is a death. Not "were
    treated for shock", which names no injury."""
    if verb.pos_ != "VERB":
        return None
    if lemma in HOSPITALISE_VERBS or verb.lower_ in HOSPITALISE_VERBS:
        return Predicate("injured", transitive_roles(verb))
    if lemma in SUFFER_VERBS:
        for noun in (c for c in verb.children if c.dep_ == "dobj"):
            if noun.lemma_.lower() in INJURY_NOUNS:
                fatal = any(c.lower_ in FATAL_INJURY for c in noun.children)
                return Predicate("killed" if fatal else "injured", frozenset({"nsubj"}))
            if noun.lemma_.lower() in CARE_NOUNS and cares_for_injury(noun):
                return Predicate("injured", frozenset({"nsubj"}))
    if lemma in CARE_VERBS and cares_for_injury(verb):
        return Predicate("injured", transitive_roles(verb))
    return None


def cares_for_injury(token: Token) -> bool:
    """A complement of `token` or of its object ("treated 20 people for gunshot wounds") that
    is an injury ("for injuries", "with stab wounds") or a hospital ("to hospital")."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    preps = (c for t in (token, *objects) for c in t.children if c.dep_ == "prep")
    for prep in preps:
        objects = (o for c in prep.children if c.dep_ == "pobj" for o in (c, *c.conjuncts))
        for noun in objects:  # "for cuts and bruises"
            word, lemma = prep.lower_, noun.lemma_.lower()
            if word in INJURY_PREPOSITIONS and lemma in INJURY_NOUNS:
                return True
            if word in HOSPITAL_PREPOSITIONS and lemma in HOSPITAL_NOUNS:
                return True
    return False


#: verbs whose complement did not happen: "tried to lynch", "threatened to kill"
UNREAL_GOVERNORS = word_set(
    "try attempt threaten plan want vow intend seek fail aim plot order call demand urge"
)


def is_unreal(predicate: Token) -> bool:
    """No one was counted in "threatened to kill a soldier" or "were not killed"."""
    if predicate.dep_ == "xcomp" and predicate.head.lemma_.lower() in UNREAL_GOVERNORS:
        return True
    return any(child.dep_ == "neg" for child in predicate.children)


def is_background(event: Token) -> bool:
    """A death the text gives as the cause or the past of the event it reports: "the attack
    came the day after the leader was killed", "to avenge the death of", "in response to the
    killing of", "compensation for the 45 families who were killed"."""
    marks = {c.lower_ for c in event.children if c.dep_ == "mark"}
    if event.dep_ == "advcl" and marks & EARLIER_MARKS:
        return True
    if any(c.dep_ == "advmod" and c.lower_ in EARLIER_ADVERBS for c in event.children):
        return True  # "who had been killed earlier that day"
    ancestors = itertools.islice(event.ancestors, settings.COUNTS_MAX_WALK)
    return any(a.lemma_.lower() in BACKGROUND_WORDS for a in ancestors)


#: "... after the leader was killed": what the clause tells happened before the event
EARLIER_MARKS = frozenset({"after", "since"})
EARLIER_ADVERBS = frozenset({"earlier", "previously"})
#: words whose complement is a past death that explains the event
BACKGROUND_WORDS = word_set("avenge revenge retaliation response anniversary compensation due")


def transitive_roles(verb: Token) -> frozenset[str]:
    """A subject is the victim in a reduced passive ("two people killed in a raid", "1 killed,
    3 injured", "five were wounded and another killed"): no object, and a participle, a bare
    number as subject, or a passive verb before it whose auxiliary it shares."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return PATIENT_DEPS["transitive"]
    numeric_subject = any(c.dep_ == "nsubj" and c.like_num for c in verb.children)
    if verb.tag_ == "VBN" or numeric_subject or is_gapped_passive(verb):
        return PATIENT_DEPS["transitive"] | {"nsubj"}
    return PATIENT_DEPS["transitive"]


def is_gapped_passive(verb: Token) -> bool:
    """ "Five officers were wounded and another killed": no auxiliary of its own, and
    conjoined to a passive verb."""
    first = verb
    while first.dep_ == "conj":
        first = first.head
    head_passive = any(c.dep_ == "auxpass" for c in first.children)
    return verb.dep_ == "conj" and head_passive and not has_auxiliary(verb)


@dataclass
class Mention:
    """One count found in the parse, before it becomes a schema dict."""

    kind: str
    quantity: Quantity
    who: str | None
    first: Token
    last: Token

    def as_dict(self, doc: Doc, text: str) -> dict:
        """The schema v1 dict; `text` is ``doc.text``, which spaCy builds anew on each use."""
        start, end = self.first.idx, self.last.idx + len(self.last)
        return {
            "kind": self.kind,
            "best": self.quantity.best,
            "low": self.quantity.low,
            "high": self.quantity.high,
            "approximate": self.quantity.approximate,
            "who": self.who,
            "text": text[start:end],
            "start": start,
            "end": end,
            "event": None,
        }


# --- pass 1: written quantities ---------------------------------------------------------------


def quantity_mentions(
    doc: Doc, words: list[str], subjects: dict[int, str]
) -> tuple[list[Mention], set[int]]:
    """Counts built from written numbers; also the token indices of the nouns they counted;
    `subjects` are the victims `written_subjects` found."""
    mentions: list[Mention] = []
    counted_nouns: set[int] = set()
    not_counts = non_count_numbers(doc, words)
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in not_counts or not starts_quantity(token, words, i):
            i += 1
            continue
        read = read_quantity(words, i)
        if read is None:
            i += 1
            continue
        quantity, first, end = read
        mention = classify_quantity(doc, quantity, first, end, subjects)
        if mention is not None:
            mentions.append(mention)
            counted_nouns.add(mention.last.i)
        i = max(end, i + 1)
    return mentions, counted_nouns


def non_count_numbers(doc: Doc, words: list[str]) -> set[int]:
    """Tokens of times, sums of money, percentages, measures, ordinals, and of dates written
    with a month or a year ("9 May 2020", "the 2011 war"); a DATE entity spaCy puts on
    "between 5 and 7" is not enough to rule a count out."""
    excluded: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NON_COUNT_ENTITIES or (
            ent.label_ == "DATE" and any(is_calendar_word(words[t.i]) for t in ent)
        ):
            excluded.update(range(ent.start, ent.end))
    for i, word in enumerate(words):
        if word in MONTHS:
            excluded.update((i - 1, i + 1))
    return excluded


NON_COUNT_ENTITIES = frozenset({"TIME", "MONEY", "PERCENT", "ORDINAL"})
MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
CALENDAR_WORDS = word_set(
    "year years month months week weeks day days hour hours ago old aged decade decades "
    "century morning night evening afternoon today yesterday"
)


def is_calendar_word(word: str) -> bool:
    is_year = len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100
    return word in MONTHS or word in CALENDAR_WORDS or is_year


def starts_quantity(token: Token, words: list[str], i: int) -> bool:
    """A number, a vague quantity ("dozens", "a handful", "lakhs"), an article standing for one
    ("a hundred", "half a dozen") or "between" starts at words[i]."""
    if token.like_num:
        return True
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "half" and following in ARTICLES:
        return i + 2 < len(words) and words[i + 2] in SCALES
    return word in VAGUE_STARTS or (word in ARTICLES and following in VAGUE_AFTER_ARTICLE)


VAGUE_STARTS = frozenset({"several", "between", *(w for w in VAGUE if w.endswith("s"))})
ARTICLES = frozenset({"a", "an"})
VAGUE_AFTER_ARTICLE = frozenset({"handful", "few", "number", *SCALES})


def written_subjects(doc: Doc, readings: VerbReadings) -> dict[int, str]:
    """token index -> kind for the victims the parser hung on words before their predicate:
    subjects (`written_subject`) and objects (`misattached_objects`)."""
    subjects = {}
    for token in doc:
        predicate = readings.predicate(token) if token.pos_ == "VERB" else None
        if predicate is not None:
            victims = [*readings.subject(token), *readings.misattached(token, predicate)]
            subjects.update(dict.fromkeys((t.i for t in victims), predicate.kind))
            for victim in victims:  # "... four policemen, one prison warden and eight civilians"
                subjects.update((c.i, predicate.kind) for c in victim.conjuncts if c.i > victim.i)
    return subjects


def written_kind(noun: Token, subjects: dict[int, str]) -> tuple[str | None, str | None]:
    """(kind, who) of a quantified noun among or next to the victims `written_subjects`
    found: the noun itself, the noun the parser took for a modifier of the victim ("one
    [prison] warden"), or a numbered group set beside the victim ("officer X, two other
    soldiers")."""
    if noun.i in subjects:
        return subjects[noun.i], noun.text
    head = noun.head
    if head.i in subjects and noun.dep_ in VICTIM_MODIFIER_DEPS and noun.i < head.i:
        return subjects[head.i], head.text
    if head.i in subjects and noun.dep_ == "appos":
        return subjects[head.i], noun.text
    return None, None


VICTIM_MODIFIER_DEPS = frozenset({"compound", "nsubj", "nmod", "amod"})


def classify_quantity(
    doc: Doc, quantity: Quantity, first: int, end: int, subjects: dict[int, str]
) -> Mention | None:
    """What the quantity doc[first:end] counts, or None when it counts no victims;
    `subjects` are the victims `written_subjects` found."""
    anchor = phrase_anchor(doc, first, end)
    if end < len(doc) and doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].is_alpha:
        return None  # "seven-day", "three-member": a compound modifier, not a count
    noun = victim_noun(anchor, first, end)
    # "at least two more Taliban members": "two" hangs on "more", the phrase is the noun's
    role = noun if noun is not anchor and anchor.dep_ in MODIFIER_DEPS | {"npadvmod"} else anchor
    if noun is anchor and anchor.dep_ == "appos":
        return None  # "Meshaal al-Tamo, 53,": an age
    if first > noun.head.i and is_of_counted_noun(noun):
        return None  # "five members of one family": the family is no second count
    if singular_key(noun.lower_) in NOT_VICTIMS or noun.ent_type_ in {"MONEY", "PERCENT", "TIME"}:
        return None
    negators = [  # "no one was killed"; not the "no" of a hedge ("no fewer than two dozen")
        child
        for child in noun.children
        if child.lower_ == "no" and child.dep_ == "det" and not first <= child.i < end
    ]
    if negators:  # "no one was killed"
        quantity, first = Quantity(0, 0, 0, False), min(first, negators[0].i)
    kind, who, total_noun = kind_of(noun, role)
    if kind is None and noun.pos_ in NOUNS:
        kind, who = written_kind(noun, subjects)
    if kind is None:
        return None
    first, last = min(first, noun.i), doc[max(end - 1, noun.i)]
    if total_noun is not None and total_noun.i < first:
        first = total_noun.left_edge.i  # "the death toll rose to 45", "fatalities coded as 10"
    return Mention(kind, quantity, who, doc[first], last)


NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
#: a quantity attached by one of these modifies the noun it counts: "two [nurses]"
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "det", "amod", "compound", "nmod"})


def phrase_anchor(doc: Doc, first: int, end: int) -> Token:
    """The token of the quantity phrase that attaches it to the rest of the sentence."""
    for token in reversed(doc[first:end]):
        if not first <= token.head.i < end or token.head is token:
            return token
    return doc[end - 1]


def victim_noun(anchor: Token, first: int, end: int) -> Token:
    """The noun a quantity counts: "two [nurses]", "dozens of [people]", or the number itself."""
    if anchor.dep_ in MODIFIER_DEPS | {"npadvmod"}:
        head = anchor.head
        if head.dep_ in {"amod", "compound"} and head.pos_ not in NOUNS:
            head = head.head  # "Four [suspected] militants": the parser hung it on the adjective
        if head.dep_ in {"nmod", "compound"} and head.pos_ == "PROPN" and head.head.pos_ == "NOUN":
            head = head.head  # "one United Nations (WFP) [driver]": on the name before the noun
        if head.pos_ in NOUNS or head.lower_ in COUNT_NOUNS:
            return head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= end:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                    return obj
    return anchor


Governed = tuple[str | None, Token | None]


def kind_of(noun: Token, role: Token) -> tuple[str | None, str | None, Token | None]:
    """(kind, who, total noun) of the victims `noun` names; `role` is the token whose
    dependency carries the phrase's grammatical role; the total noun is the "toll" or
    "fatalities" a bare number is the figure of."""
    lemma = noun.lemma_.lower()
    if lemma in COUNT_NOUNS and noun.pos_ != "PROPN":
        return COUNT_NOUNS[lemma], None, None
    who = None if noun.like_num or noun.pos_ == "NUM" else noun.text
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and not has_object(child):
            predicate = predicate_of(child)  # "20 elements killed", not "two bombs that killed"
            if predicate is not None:
                return predicate.kind, who, None
        if child.dep_ in {"amod", "acomp", "oprd"} and child.lower_ in PREDICATE_ADJECTIVES:
            return PREDICATE_ADJECTIVES[child.lower_], who, None
    kind, total_noun = kind_from_governor(role)
    if kind is None:
        kind = kind_written_after(noun)
    if kind is None and lemma in PERSON_NOUNS:
        kind = PERSON_NOUNS[lemma]
    return kind, who, total_noun


def kind_written_after(noun: Token) -> str | None:
    """What the parser missed, read from the words after the noun (or its last conjunct):
    telegraphic style ("23 rebels dead", "1 killed, 3 injured") and a passive whose subject
    was hung elsewhere ("..., Tunisia, two soldiers and two policemen were killed")."""
    doc = noun.doc
    last = max([noun, *noun.conjuncts], key=lambda token: token.i)
    if last.i + 1 >= len(doc):
        return None
    after = doc[last.i + 1]
    if after.lower_ in PREDICATE_ADJECTIVES:
        return PREDICATE_ADJECTIVES[after.lower_]
    participle = after.tag_ in {"VBN", "VBD"} and after.lemma_.lower() in TRANSITIVE_VERBS
    if participle and last.like_num:
        return TRANSITIVE_VERBS[after.lemma_.lower()]
    predicate = predicate_of(after.head) if after.dep_ == "auxpass" else None
    if predicate is not None and not has_subject(after.head):
        return predicate.kind
    return None


def kind_from_governor(token: Token) -> Governed:
    """Walk up from the victim phrase to the predicate that makes it a casualty count."""
    x = token
    for _ in range(settings.COUNTS_MAX_WALK):
        head, dep = x.head, x.dep_
        if head is x:
            return None, None
        if dep in {"conj", "appos"}:
            x = head
            continue
        if dep == "pobj":
            if is_along_with(head):  # "died along with four soldiers"
                predicate = predicate_of(head.head)
                return (predicate.kind if predicate else None), None
            if head.lower_ in PASS_THROUGH_PREPOSITIONS:
                x = head.head
                continue
            return kind_through_preposition(head)
        if dep == "conj" and head.pos_ == "VERB" and x.pos_ in NOUNS and x.i > head.i:
            # "shot and killed a villager and two guards", the guards hung on "shot"
            return kind_of_shared_predicate(head, "dobj"), None
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            if dep == "npadvmod" and x.i > head.i and not has_object(head):
                dep = "dobj"  # "displaced one point two five million people": a long number
            return kind_of_shared_predicate(head, dep), None
        return None, None
    return None, None


def kind_of_shared_predicate(verb: Token, dep: str) -> str | None:
    """The kind `verb` or a verb conjoined with it gives its `dep` ("was shot and killed",
    "was shot and died")."""
    conjoined = (c for c in verb.children if c.dep_ == "conj" and not has_subject(c))
    for candidate in (verb, *conjoined):
        predicate = predicate_of(candidate)
        if predicate is not None and dep in predicate.roles:
            return predicate.kind
    if verb.lemma_.lower() in RAISING_VERBS:  # "nine fighters were reported killed"
        for complement in verb.children:
            predicate = predicate_of(complement) if complement.dep_ in COMPLEMENTS else None
            if predicate is not None:
                return predicate.kind
    return None


#: verbs whose subject is the victim of their complement: "were reported killed"
RAISING_VERBS = word_set("report confirm believe say fear presume declare feel")
COMPLEMENTS = frozenset({"xcomp", "oprd", "ccomp", "acomp"})


#: prepositions a victim phrase sits in without changing what it counts
PASS_THROUGH_PREPOSITIONS = frozenset({"including", "among", "include"})
#: prepositions that give a bare number to a total: "the toll rose TO 45", "coded AS 10"
TOTAL_PREPOSITIONS = frozenset({"to", "at", "as"})


#: words that make "the death of X" an earlier event the text is about, not one it reports:
#: "protested over the death of a teenager", "justice for the killing of"
GRIEVANCE_PREPOSITIONS = frozenset(
    {"over", "against", "for", "about", "into", "following", "after"}
)
GRIEVANCE_VERBS = word_set(
    "protest condemn denounce mourn commemorate investigate demand decry probe"
)


def of_noun_kind(noun: Token) -> str | None:
    """The kind of "the deaths of", "the lives of" ("the life of the nation" is no count)."""
    lemma = noun.lemma_.lower()
    if lemma == "life" and noun.tag_ != "NNS":
        return None
    if lemma in CORPSE_NOUNS and any(is_body_qualifier(c) for c in noun.children):
        return None  # "the governing body of men's tennis"
    return OF_NOUNS.get(lemma)


def is_body_qualifier(child: Token) -> bool:
    return child.dep_ in {"amod", "compound"} and child.lower_ not in PREDICATE_ADJECTIVES


def is_grievance(event_noun: Token) -> bool:
    if is_background(event_noun):
        return True
    head = event_noun.head
    if event_noun.dep_ == "pobj":  # "over the death", "in protest of the assassination"
        of_grievance = head.lower_ == "of" and head.head.lemma_.lower() in GRIEVANCE_VERBS
        return head.lower_ in GRIEVANCE_PREPOSITIONS or of_grievance
    return event_noun.dep_ == "dobj" and head.lemma_.lower() in GRIEVANCE_VERBS


def total_noun_of(noun: Token) -> Token | None:
    """The total `noun` names: "fatalities", or those of "the number of fatalities"."""
    if noun.lemma_.lower() in COUNT_NOUNS:
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [o for o in prep.children if o.lemma_.lower() in COUNT_NOUNS]
            return objects[0] if objects else None
    return None


def has_object(verb: Token) -> bool:
    return any(child.dep_ == "dobj" for child in verb.children)


def has_subject(verb: Token) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children)


def is_along_with(prep: Token) -> bool:
    """The same fate: "killed along with his son", "together with seven soldiers"."""
    return (
        prep.lower_ == "with"
        and prep.i > 0
        and prep.doc[prep.i - 1].lower_ in {"along", "together"}
    )


def kind_through_preposition(prep: Token) -> Governed:
    """The kind a preposition gives: "the deaths OF 3 soldiers", "the toll rose TO 45",
    "fatalities coded AS 10"; nothing for other prepositions ("killed in 2011")."""
    word, governor = prep.lower_, prep.head
    if word == "of" and of_noun_kind(governor):
        if is_grievance(governor):
            return None, None
        return of_noun_kind(governor), None
    if word == "of":  # "dozens of people", "upwards of 300 people": the quantity governs
        return kind_from_governor(governor)
    if word in TOTAL_PREPOSITIONS:
        for child in governor.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                total = total_noun_of(child)
                if total is not None:
                    return COUNT_NOUNS[total.lemma_.lower()], child
    return None, None


# --- pass 2: victims without a written number ------------------------------------------------


def unnumbered_mentions(
    doc: Doc, counted_nouns: set[int], subjects: dict[int, str], readings: VerbReadings
) -> list[Mention]:
    """Victims without a number: "a man was shot dead", "killing a woman and her son";
    `subjects` are the victims `written_subjects` found."""
    mentions = []
    counted: set[tuple[int, str]] = set()  # "was kidnapped and killed": one victim, two counts
    for token in doc:
        if token.pos_ not in {"VERB", "AUX", "NOUN"}:
            continue
        previous = None
        for kind, victim in victims_of(token, readings):
            named_again, previous = is_apposition_after(victim, previous), victim
            if victim.i in counted_nouns or (victim.i, kind) in counted or kind in CROWD_KINDS:
                continue  # a crowd is counted only when its size is written
            if named_again:
                continue
            quantity = unnumbered_quantity(victim, victim.i in subjects)
            if quantity is not None:
                counted.add((victim.i, kind))
                anonymous = victim.pos_ == "PRON" or victim.lower_ in ONE_OF_SEVERAL
                who = None if anonymous and victim.lower_ not in REFLEXIVES else victim.text
                first = min([victim, *(c for c in victim.children if c.dep_ in {"det", "poss"})])
                mentions.append(Mention(kind, quantity, who, first, victim))
    return mentions


def is_apposition_after(victim: Token, previous: Token | None) -> bool:
    """ "killed a Somali member of parliament, Khalif Jire Warfaa": the name right after the
    phrase of the victim before it is that victim's name, however it was parsed."""
    if previous is None or victim.pos_ != "PROPN" or previous.pos_ != "NOUN":
        return False
    start = min(t.i for t in victim.subtree if t.i <= victim.i)
    between = victim.doc[previous.i + 1 : start]
    ends_with_comma = len(between) > 0 and between[-1].text == ","
    return ends_with_comma and not any(t.dep_ == "cc" for t in between)


def victims_of(token: Token, readings: VerbReadings) -> Iterable[tuple[str, Token]]:
    """(kind, victim) for the victims of the casualty predicate or noun `token` heads;
    `readings` holds what `written_subjects` already read of the doc's verbs."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        if of_noun_kind(token) and not is_grievance(token):
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            yield from with_conjuncts(OF_NOUNS[lemma], obj)
                if child.dep_ == "poss" and lemma in CORPSE_NOUNS:
                    yield OF_NOUNS[lemma], child  # "the man's body", "his body"
        return
    predicate = readings.predicate(token)
    if predicate is None:
        return
    victims = [c for c in token.children if c.dep_ in predicate.roles and is_victim(c)]
    victims = victims or [c for c in token.children if c.dep_ == "det" and c.lower_ == "another"]
    first = token
    own_subject = readings.subject(token) if has_auxiliary(token) else []
    if not victims and not own_subject and token.dep_ == "conj":
        while first.dep_ == "conj":  # "was shot and died": the victim is shared
            first = first.head
        roles = predicate.roles | {"nsubjpass"}
        victims = [c for c in first.children if c.dep_ in roles and is_victim(c)]
    one_victim = any(
        c.lower_ in SINGULAR_AUXILIARIES and c.dep_ in AUXILIARY_DEPS for c in first.children
    )
    for victim in victims:  # "the chairman and president of the bar, X, was killed": one man
        yield from (
            [(predicate.kind, victim)] if one_victim else with_conjuncts(predicate.kind, victim)
        )
    if not victims:  # its conjuncts are in `written_subject` already
        yield from ((predicate.kind, victim) for victim in readings.subject(first))
    for noun in readings.misattached(token, predicate):
        yield from with_conjuncts(predicate.kind, noun)
    for child in token.children:  # "was killed along with his son"
        if is_along_with(child):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from with_conjuncts(predicate.kind, obj)


def misattached_objects(verb: Token, predicate: Predicate) -> list[Token]:
    """Objects of an active `verb` heading the casualty `predicate` the parser joined to words
    before it: "shot and killed a villager, identified as X, and a former village chief" (the
    chief hung on "shot"), "killing four policemen, one prison warden and eight civilians"
    (the warden hung on a noun at the start of the sentence). They come after the verb,
    before the next clause."""
    first = verb
    while first.dep_ == "conj":
        first = first.head
    if any(c.dep_ == "auxpass" for v in (verb, first) for c in v.children):
        return []  # "was beaten to death and a car set alight": no object
    if "dobj" not in predicate.roles:
        return []
    objects = []
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.lower_ in OBJECT_STRETCH_ENDS or is_clause_verb(token):
            break
        misattached = token.dep_ in {"conj", "appos"} and token.head.i <= verb.i
        if misattached and token.pos_ in {"NOUN", "PROPN"}:
            objects.append(token)
    return objects


#: words that end the stretch after a verb in which its objects are written
OBJECT_STRETCH_ENDS = frozenset({";", ":", ".", "while", "when", "before", "after", "as"})


def is_clause_verb(token: Token) -> bool:
    """A verb that starts a clause of its own, not a participle modifying a noun."""
    return token.pos_ == "VERB" and token.dep_ not in {"amod", "acl", "relcl", "compound"}


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
#: "X, chairman and president of the bar, was killed": one victim, however many conjuncts
SINGULAR_AUXILIARIES = frozenset({"was", "is", "has"})


def has_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in AUXILIARY_DEPS for c in verb.children)


#: entities a parser takes for the subject of "was killed": the date and places a report opens with
NOT_SUBJECT_ENTITIES = PLACE_LABELS | {"DATE", "TIME"}


def is_victim(token: Token) -> bool:
    """Objects are victims; subjects may be a date or place the parser took for them."""
    return token.dep_ not in SUBJECT_DEPS or is_victim_subject(token)


def is_victim_subject(token: Token) -> bool:
    """Not the date ("01/10/2011: ...") or the place the parser took for the victim."""
    if token.ent_type_ in NOT_SUBJECT_ENTITIES:
        return False
    return not (token.pos_ == "NUM" and not token.like_num)


def written_subject(verb: Token) -> list[Token]:
    """The subject of a passive `verb` that the parser hung on the words before it. After
    a list of places ("On Monday, in Hit, Al Anbar, Iraq, Colonel X, police chief of Hit,
    was killed", "..., Cote D'ivoire, five policemen and one guard were killed") the subject
    is parsed as one more place of the list and the opening date or place as the subject.
    The subject is the first phrase between the last place name and the auxiliary, with the
    nouns joined to it by "and" (not its appositions: "Colonel X, police chief")."""
    auxiliary = next((c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if auxiliary is None or any(
        c.dep_ in SUBJECT_DEPS and is_victim_subject(c) for c in verb.children
    ):
        return []
    doc = verb.doc
    start = subject_stretch_start(auxiliary)
    stretch = range(start, auxiliary.i)
    heads = [t for t in doc[start : auxiliary.i] if t.head.i not in stretch and t.pos_ in NOMINALS]
    before = doc[auxiliary.i - 1]
    if not heads and before.pos_ in NOUNS:  # "... a mosque and a local civilian was injured"
        heads = [before]
    if not heads or not is_victim_subject(heads[0]):
        return []
    subject = heads[0]
    joined = any(t.dep_ == "cc" for t in doc[subject.i : auxiliary.i])
    joined = joined and auxiliary.lower_ not in SINGULAR_AUXILIARIES
    conjuncts = [
        c for c in subject.conjuncts if c.i in stretch and c.i > subject.i and c.pos_ in NOUNS
    ]
    return [subject, *(conjuncts if joined else [])]


NOMINALS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NOT_PERSON_ENTITIES = NOT_SUBJECT_ENTITIES | {"NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
#: the entity types a name killed, wounded or seized cannot have: a product or a work of art
#: guessed for a victim's name ("killed Munda", "stabbed to death the deputy Sarpanch") is the
#: parser's mistake, as no thing is the object of these verbs
NOT_OBJECT_ENTITIES = NOT_PERSON_ENTITIES - {"PRODUCT", "WORK_OF_ART"}
#: words that end the stretch before a passive verb in which its subject can be written
SUBJECT_STRETCH_ENDS = frozenset({";", ":", "when", "while", "but"})
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl"})


def subject_stretch_start(auxiliary: Token) -> int:
    """The first token after the last place name, clause or sentence start before
    `auxiliary`."""
    doc = auxiliary.doc
    j = auxiliary.i - 1
    while j > auxiliary.sent.start:
        token, before = doc[j], doc[j - 1]
        if token.text == "," and is_place_name(before):
            return j + 1
        main_verb = token.pos_ in {"VERB", "AUX"} and token.dep_ in MAIN_CLAUSE_DEPS
        if token.lower_ in SUBJECT_STRETCH_ENDS or token.dep_ == "mark" or main_verb:
            return j + 1
        j -= 1
    return auxiliary.sent.start


def is_place_name(token: Token) -> bool:
    """A place name, or a name of a list of places ("Abidjan, Lagunes, Cote D'ivoire")."""
    if token.ent_type_ in PLACE_LABELS:
        return True
    listed = token.dep_ in {"conj", "appos"} and token.head is not token
    named = token.pos_ == "PROPN" and token.ent_type_ != "PERSON"
    return named and listed and is_place_name(token.head)


def is_of_counted_noun(noun: Token) -> bool:
    """`noun` is the "of" complement of a noun or number: "five members of [one family]"."""
    of, owner = noun.head, noun.head.head
    if noun.dep_ != "pobj" or of.lower_ != "of":
        return False
    if owner.like_num:  # "two of [the four perpetrators]": the set the two are taken from
        return True
    return owner.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in owner.children)


def is_numbered_of(child: Token) -> bool:
    return (
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.pos_ == "NUM" for g in child.subtree)
    )


def with_conjuncts(kind: str, token: Token) -> Iterable[tuple[str, Token]]:
    """`token` and the victims listed with it, also after a numbered group the parser took
    for an apposition ("The policeman, two employees and a former chairman were killed")."""
    yield kind, token
    for conjunct in token.conjuncts:
        yield kind, conjunct
    for apposition in token.children:
        if apposition.dep_ == "appos" and any(c.dep_ == "nummod" for c in apposition.children):
            for conjunct in apposition.conjuncts:
                yield kind, conjunct


def unnumbered_quantity(victim: Token, written: bool = False) -> Quantity | None:
    """1 for a singular victim ("a man", "the soldier", "her son", "he"), 0 for "no one";
    `written` for a subject `written_subject` found, whose article the parser hung elsewhere
    ("..., India, a [Council] militant was killed")."""
    determiners = {c.lower_ for c in victim.children if c.dep_ in {"det", "poss"}}
    word = victim.lower_
    if word in NOBODY or "no" in determiners or (word == "one" and "no" in determiners):
        return Quantity(0, 0, 0, False)
    if victim.like_num or any(c.dep_ in {"nummod", "quantmod"} for c in victim.children):
        return None
    if any(is_numbered_of(c) for c in victim.children):
        return None  # "a family of three" is counted by its number
    if word in VAGUE or word in UNITS:
        return None  # "a handful of", "a dozen": counted as quantities
    if word in GROUP_SIZES and determiners & INDEFINITE:
        size = GROUP_SIZES[word]
        return Quantity(size, size, size, False)
    if "both" in determiners and victim.tag_ == "NNS":  # "both militants were killed"
        return Quantity(2, 2, 2, False)
    if victim.pos_ == "PRON" or word in ONE_OF_SEVERAL:
        return Quantity(1, 1, 1, False) if word in SINGULAR_PRONOUNS else None
    singular = victim.tag_ in {"NN", "NNP"} and victim.lemma_.lower() not in NOT_VICTIMS
    if singular and victim.pos_ == "PROPN":
        titled = bool(determiners & INDEFINITE)  # "a former Council Chairman" is no name
        if victim.dep_ in {"conj", "appos"} and victim.head.pos_ == "NOUN" and not titled:
            return None  # "killed a civilian, Kawasi Dev,": the name of one already counted
        # "killed Ramakrishna, a general manager": a person whatever entity type was guessed
        described = any(c.dep_ == "appos" and c.tag_ == "NN" for c in victim.children)
        # the object of "killed Marius Gangale" is a person whatever the entity type guessed
        named_object = victim.dep_ == "dobj" and victim.ent_type_ not in NOT_OBJECT_ENTITIES
        person = victim.ent_type_ in {"PERSON", ""} or described or titled or named_object
        return Quantity(1, 1, 1, False) if person else None
    has_poss = any(c.dep_ == "poss" for c in victim.children)
    determined = bool(determiners & (INDEFINITE | DEFINITE)) or has_poss
    # "Armed men killed former separatist leader": headline style drops the article
    bare_in_role = (
        victim.dep_ in {"dobj", "nsubjpass"}
        and not determiners
        and not victim.ent_type_
        and any(c.dep_ in {"amod", "compound", "nmod"} for c in victim.children)
    )
    # "his two wives, two sons and daughter": the determiner of a list is shared, while "a
    # teacher and former supporter of the party" is one man
    shared_determiner = victim.dep_ == "conj" and any(
        c.tag_ == "NNS" for c in (victim.head, *victim.head.conjuncts)
    )
    if singular and (determined or bare_in_role or written or shared_determiner):
        return Quantity(1, 1, 1, False)
    return None


def suicide_attacker_mentions(doc: Doc, words: list[str]) -> list[Mention]:
    """A suicide attacker who detonated died: ACLED and GTD both count the attacker among the
    dead ("a suicide bomber detonated his vest" = 1 killed, "two suicide bombers attacked" = 2,
    "a militant drove a suicide car bomb into the gate" = 1). Only in a sentence that tells of
    the blast and not of a failure or an arrest."""
    mentions = []
    for sentence in doc.sents:
        lemmas = {token.lemma_.lower() for token in sentence}
        if lemmas & FAILED_ATTACK_WORDS or not any(is_blast(token) for token in sentence):
            continue
        attackers = [t for t in sentence if is_suicide_attacker(t)]
        for token in attackers:
            quantity = attacker_quantity(token, words)
            if quantity is not None:
                first = min([token, *(c for c in token.children if c.dep_ in {"det", "nummod"})])
                mentions.append(Mention("killed", quantity, token.text, first, token))
        device = next(
            (t for t in sentence if t.lower_ == "suicide" and t.head.pos_ == "NOUN"), None
        )
        if not attackers and device is not None:  # "detonated a suicide vest": one attacker
            one = Quantity(1, 1, 1, False)
            mentions.append(Mention("killed", one, UNNAMED_ATTACKER, device, device.head))
    return mentions


def is_blast(token: Token) -> bool:
    """A detonation that took place: "detonated", "blew himself up", not "to blow up"."""
    real = token.tag_ != "VB" and not is_unreal(token)
    return token.lemma_.lower() in DETONATION_VERBS and token.pos_ == "VERB" and real


def is_suicide_attacker(token: Token) -> bool:
    """ "suicide bomber(s)", "suicide car bomber", "suicide attacker"."""
    if token.lemma_.lower() not in SUICIDE_ATTACKERS:
        return False
    before = token.doc[max(token.i - 2, 0) : token.i]
    return any(c.lower_ == "suicide" for c in (*token.children, *before))


def attacker_quantity(attacker: Token, words: list[str]) -> Quantity | None:
    """How many attackers: "two suicide bombers" = 2, "a suicide bomber" = 1."""
    numbers = [c for c in attacker.children if c.dep_ == "nummod"]
    read = read_quantity(words, numbers[0].i) if numbers else None
    if read is not None:
        return read[0]
    return Quantity(1, 1, 1, False) if attacker.tag_ == "NN" else None


SUICIDE_ATTACKERS = frozenset({"bomber", "attacker"})
#: `who` of the attacker of "detonated a suicide vest", whom the text does not name
UNNAMED_ATTACKER = "attacker"
DETONATION_VERBS = word_set("detonate blow explode trigger ram attack strike target drive set")
#: words that tell the attacker did not blow himself up
FAILED_ATTACK_WORDS = word_set(
    "fail foil defuse thwart arrest capture apprehend detain intercept attempt"
)


# --- the component ----------------------------------------------------------------------------


def find_counts(doc: Doc) -> list[dict]:
    """The counts of `doc` in text order, as schema v1 dicts."""
    words = [token.lower_ for token in doc]
    readings = VerbReadings()
    subjects = written_subjects(doc, readings)
    mentions, counted_nouns = quantity_mentions(doc, words, subjects)
    mentions += unnumbered_mentions(doc, counted_nouns, subjects, readings)
    if "suicide" in words:
        mentions += suicide_attacker_mentions(doc, words)
    mentions = without_died_of_injuries(mentions)
    mentions.sort(key=lambda mention: mention.first.i)
    text = text_of(doc) if mentions else ""
    return [mention.as_dict(doc, text) for mention in mentions]


def without_died_of_injuries(mentions: list[Mention]) -> list[Mention]:
    """ "was injured and later succumbed": the victim counts among the dead only."""
    dead = {mention.last.i for mention in mentions if mention.kind == "killed"}
    return [m for m in mentions if m.kind != "injured" or m.last.i not in dead]


class CountsComponent:
    """Sets ``doc._.counts``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.counts = find_counts(doc)
        return doc


@Language.factory("tacitus_counts", default_config={})
def make_counts(nlp: Language, name: str) -> CountsComponent:
    return CountsComponent()


# --- from counts to one fatality figure -------------------------------------------------------


def fatalities_of(counts: Sequence[dict], text: str) -> dict | None:
    """One fatality figure {best, low, high} for `counts`; see `figure_of`."""
    return figure_of(counts, text, "killed")


def figure_of(
    counts: Sequence[dict],
    text: str,
    kind: str,
    confirmed_only: bool = False,
    per_event: bool = False,
) -> dict | None:
    """One fatality figure {best, low, high} for `counts` (of a text or of one event), the way
    ACLED's codebook counts:

    - a stated total ("7 fatalities", "the death toll rose to 7", "fatalities coded as 7")
      is the figure; when several are stated, the largest;
    - otherwise distinct victim groups are summed ("2 soldiers and 3 civilians" = 5);
    - a sub-count is part of its total ("320 civilians, including some 40 children" = 320);
    - a definite mention of victims already counted is the same victims ("a man was shot
      dead ... the man" = 1, "... his body was found" = 1), and so is a later sentence that
      does not say it adds victims ("killing two people. Mari's two nephews died");
    - the attackers who died count too ("a suicide bomber detonated his vest" = 1);
    - the figures rival sources give for the same victims are one figure, the lowest claim,
      with the highest as its high ("police said 5 were killed, residents said 12" = 5, low 5,
      high 12; `one_figure_per_source`).

    `confirmed_only` follows GTD's codebook instead, whose figure is the confirmed deaths:
    claims and conjectures ("the Taliban claimed that four officers died", "two militants may
    have been killed") and figures too vague to use ("several insurgents") are left out, while
    ACLED codes a claimed figure and a conservative number for a vague one.

    `per_event` gives the share of one event when the text gives one figure for several events
    (`events_sharing`): both codebooks code one row per event and divide such a total evenly
    over them, so an export of one row per event (ACLED's columns) asks for it; the figure of
    the text itself, what ``tacitus extract`` reports, is the whole.

    None when no count of `kind` was found. `text` is the text the offsets point into
    (``doc.text``): it shows the sub-count cues ("including", "among them").
    """
    whole = whole_figure(counts, text, kind, confirmed_only)
    if whole is None or not per_event:
        return whole
    return share_of_one(whole, events_sharing(text, kind))


def whole_figure(counts: Sequence[dict], text: str, kind: str, confirmed_only: bool) -> dict | None:
    """The figure of `kind` for all that `counts` report; the rules are `figure_of`'s."""
    of_kind = [
        c for c in counts if c["kind"] == kind and (not confirmed_only or is_confirmed(c, text))
    ]
    if not of_kind:
        return None
    wholes = [c for c, part in zip(of_kind, parts_of(of_kind, text), strict=True) if not part]
    if any(attacker_in_total(c, text) for c in wholes):
        wholes = [c for c in wholes if not is_attacker(c)]
    if any(is_attacker(c) and c["who"] != UNNAMED_ATTACKER for c in wholes):
        wholes = [c for c in wholes if c["who"] != UNNAMED_ATTACKER]  # "... killed the assailant"
    of_kind = one_figure_per_source(wholes or of_kind, text)  # "one of the men was killed"
    total_words = TOTAL_WORDS.get(kind)
    totals = [
        c for c in of_kind if c["who"] is None and total_words and total_words.search(c["text"])
    ]
    exact_totals = [c for c in totals if not c["approximate"]]
    if exact_totals:  # a figure stated exactly ("coded as 6") wins over "dozens of fatalities"
        return figure(max(exact_totals, key=lambda count: count["best"]))
    groups: list[dict] = []
    for count in of_kind:  # named groups and bare numbers not restating a group before them
        if is_anaphoric(count):
            continue
        key = victim_key(count)
        restated = [g for g in groups if key is None or victim_key(g) == key]
        if not is_new_group(count, groups, text):
            restated = groups  # "killing two people. Mari's two nephews died instantly"
            if key is None and is_total_of(count, groups):
                restated = []
                groups = [g for g in groups if is_attacker(g) != is_attacker(count)]
        same = [g for g in groups if key is not None and victim_key(g) == key]
        if len(same) > 1 and count["best"] >= sum(g["best"] for g in same):
            restated = []  # "a bomber ..., two more bombers ... All three bombers were killed"
            groups = [g for g in groups if g not in same]
        if not any(g["best"] >= count["best"] for g in restated):  # "Three officers died..."
            groups.append(count)
    seen = {victim_key(c) for c in groups}
    for count in of_kind:  # definite mentions of victims not counted yet ("the man died")
        key = victim_key(count)
        earlier = [g for g in groups if g["start"] < count["start"]]
        if (
            is_anaphoric(count)
            and key not in seen
            and (
                not groups
                or (
                    key is not None
                    and not has_unnamed_group(count, groups, text)
                    and (is_new_group(count, earlier, text) or POSSESSED.match(count["text"]))
                )
            )
        ):
            groups.append(count)
            seen.add(key)
    summed = {key: sum(c[key] for c in groups) for key in ("best", "low", "high")}
    vague = max(totals, key=lambda count: count["best"], default=None)  # "dozens of deaths"
    return figure(vague) if vague and vague["best"] > summed["best"] else summed


def one_figure_per_source(counts: Sequence[dict], text: str) -> list[dict]:
    """`counts` with the figures different sources give for the same victims made one:
    "police said five people were killed, while residents said 12 died" is one toll the
    sources disagree on, not 17 dead. Both codebooks code the most conservative figure when
    sources conflict (ACLED's rule; GTD codes the confirmed figure, the lowest claim): the best
    and low of the merged figure are the lowest claim's, its high the highest claim's. Figures
    are rivals when each is attributed in its own clause ("X said", "according to X") to a
    different source, they are in one sentence or the next, name the same victims (or one of
    them no victims: "12 died", "the toll at 35"; attackers both: "30 militants" / "four of
    its fighters") and the later one does not say it adds victims ("another 12")."""
    merged: list[dict] = []
    sources: list[set[str]] = []  # the sources of each merged figure
    for count in counts:
        source = source_of(count, text)
        rival = None if source is None else rival_of(count, source, merged, sources, text)
        if rival is None:
            merged.append(count)
            sources.append({source} if source else set())
            continue
        merged[rival] = claims_combined(merged[rival], count)
        sources[rival].add(source)
    return merged


def rival_of(
    count: dict, source: str, merged: Sequence[dict], sources: Sequence[set[str]], text: str
) -> int | None:
    """The index of the figure of `merged` another source gave for the victims of `count`."""
    return next(
        (
            index
            for index, (figure, given_by) in enumerate(zip(merged, sources, strict=True))
            if given_by and source not in given_by and are_rivals(figure, count, text)
        ),
        None,
    )


def claims_combined(first: dict, later: dict) -> dict:
    """One count for two claims: the lowest best and low, the highest high."""
    return {
        **first,
        "best": min(first["best"], later["best"]),
        "low": min(first["low"], later["low"]),
        "high": max(first["high"], later["high"]),
        "approximate": True,
        "who": first["who"] if first["who"] is not None else later["who"],
    }


#: what starts the clause of a figure: its sentence, or a clause of contrast or a new claim
CLAUSE_START = re.compile(r";|,?\s\b(?:while|but|whereas|however|although|though|and)\b", re.I)
#: the source a clause attributes its figure to, before it ("police said", "according to
#: the hospital", "local media put the toll at") or after it (", police said")
SOURCE_BEFORE = re.compile(
    r"\baccording to (?:the |local |some |other )?([\w-]+)"
    r"|\b([\w-]+) (?:said|say|says|told|claimed|claim|claims|reported|report|reports|"
    r"stated|estimated|put|gave)\b",
    re.I,
)
SOURCE_AFTER = re.compile(
    r"^[^.;]*?,\s*(?:according to (?:the |local )?([\w-]+)|(?:the |local )?([\w-]+) "
    r"(?:said|says|say|reported|claimed|added))\b",
    re.I,
)
#: words of SOURCE_BEFORE that are no source: "it said", "they claimed", "he told"
NO_SOURCE = word_set("it he she they we i who which that this and also later had have has")


def source_of(count: dict, text: str) -> str | None:
    """The source the clause of `count` attributes it to, lower-cased and singular."""
    start, end = sentence_bounds(text, count["start"])
    before = text[start : count["start"]]
    breaks = list(CLAUSE_START.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    matches = list(SOURCE_BEFORE.finditer(clause))
    if not matches:
        after = SOURCE_AFTER.match(text[count["end"] : end])
        matches = [after] if after else []
    if not matches:
        return None
    word = next(group for group in matches[-1].groups() if group).lower()
    return None if word in NO_SOURCE else singular_key(word)


def are_rivals(first: dict, later: dict, text: str) -> bool:
    """Whether `later` may be another source's figure for the victims of `first`."""
    first_key, later_key = victim_key(first), victim_key(later)
    same_victims = (
        first_key == later_key
        or None in (first_key, later_key)
        or (is_attacker(first) and is_attacker(later))
    )
    if not same_victims or not near_sentences(first, later, text):
        return False
    start, _ = sentence_bounds(text, later["start"])
    before = text[max(start, later["start"] - ADDITIVE_CUE_REACH_BEFORE) : later["start"]]
    after = text[later["end"] : later["end"] + ADDITIVE_CUE_REACH]
    # the words around the figure, not its own: "more than 50" is a hedge, not "50 more"
    return not (ADDITIVE_CUE.search(before) or ADDITIVE_CUE.search(after))


#: characters before a rival figure in which "another", "also" make it more victims
ADDITIVE_CUE_REACH_BEFORE = 40


def near_sentences(first: dict, later: dict, text: str) -> bool:
    """In one sentence or in two that follow each other."""
    starts = _sentence_starts(text)
    return bisect_right(starts, later["start"]) - bisect_right(starts, first["start"]) <= 1


def share_of_one(whole: dict, events: int) -> dict:
    """The share of one of `events` events in `whole`, rounded to the nearest death: ACLED
    gives the remainder to some of the events (20 over 3 events is coded 7, 7 and 6), so a
    share can be one off the coded figure of a given event."""
    return {key: int(value / events + 0.5) for key, value in whole.items()}


def events_sharing(text: str, kind: str) -> int:
    """How many events or incidents `text` gives its figure of `kind` for, 1 when it gives it
    for one: "20 fatalities split between 3 events", "deaths spread across two locations",
    "60 people were killed across all ten incidents", "in the two blasts"; or, for one of
    several related attacks, a figure the text says is their total ("in one of two related
    attacks ... In total, 35 people were killed"). A number of events smaller than 2 is none."""
    for pattern in (SHARED_OVER, TOTAL_OVER):
        match = pattern.search(text)
        events = number_value(match.group(1).lower()) if match else None
        if events is not None and events >= 2:
            return int(events)
    related = ONE_OF_RELATED.search(text)
    kind_words = KIND_WORDS.get(kind)
    if related is None or kind_words is None:
        return 1
    events = number_value(related.group(1).lower())
    cumulative = CUMULATIVE_SENTENCE.findall(text, related.end())
    if events is None or events < 2 or not any(kind_words.search(s) for s in cumulative):
        return 1
    return int(events)


#: a figure said to be divided over several events: "split up between 3 events", "spread
#: across three locations", "divided equally among four villages"
SHARED_OVER = re.compile(
    r"\b(?:split|spread|divided|distributed)\b(?: up| equally| evenly)?[^.;]*?"
    r"\b(?:between|across|among|over)\s+(?:the\s+|all\s+)?(\w+)\s+"
    r"(?:events|locations|days|incidents|villages|districts|sites)\b",
    re.I,
)
_INCIDENTS = r"(?:attacks|incidents|blasts|explosions|bombings|sites)"
#: a figure given for several incidents at once: "across all ten incidents", "in the two
#: blasts", "between all three sites"
TOTAL_OVER = re.compile(
    r"\b(?:across|in|between|during|from)\s+(?:all\s+|the\s+|these\s+)?(\w+)\s+"
    rf"(?:related\s+|separate\s+|coordinated\s+)?{_INCIDENTS}\b",
    re.I,
)
#: words that give a figure its kind in a sentence of totals: "In total, 35 were killed"
KIND_WORDS = {
    "killed": re.compile(r"\b(?:killed|killing|dead|died|deaths?|fatalities)\b", re.I),
    "injured": re.compile(r"\b(?:injur\w*|wounded|wounding)\b", re.I),
}
#: one incident of several: "in one of two related attacks" ...
ONE_OF_RELATED = re.compile(
    rf"\bone of (\w+) (?:related |linked |coordinated )?{_INCIDENTS}\b", re.I
)
#: ... with a sentence after it giving the figures of all of them: "In total, ...",
#: "cumulatively", "both attacks killed"
CUMULATIVE_SENTENCE = re.compile(
    r"[^.]*\b(?:in total|a total of|cumulative(?:ly)?|both (?:linked |related )?"
    rf"{_INCIDENTS}|the {_INCIDENTS} (?:killed|left|wounded|injured))\b[^.]*",
    re.I,
)


def is_total_of(count: dict, groups: Sequence[dict]) -> bool:
    """ "killing seven of his bodyguards. Twenty-one people were killed in the attack": a
    later figure of people that covers the victims counted before is their total."""
    same_side = [g for g in groups if is_attacker(g) == is_attacker(count)]
    return bool(same_side) and count["best"] >= sum(g["best"] for g in same_side)


def is_confirmed(count: dict, text: str) -> bool:
    """A figure GTD would code: not vague ("several insurgents"), not a claim or conjecture
    ("the Taliban claimed that four officers had died", "police suspect that 12 militants were
    killed", "two militants may have been killed", "..., but this was not confirmed")."""
    start, end = sentence_bounds(text, count["start"])
    sentence, before = text[start:end], text[start : count["start"]]
    after = text[count["end"] : count["end"] + 40]
    vague = VAGUE_WORDS.search(count["text"])  # "several insurgents": no figure to GTD
    return not (
        vague
        or UNCONFIRMED.search(sentence)
        or CLAIM_BEFORE.search(before)
        or HEDGE_AFTER.match(after)
    )


VAGUE_WORDS = re.compile(r"\b(" + "|".join(VAGUE) + r")\b", re.I)
#: a sentence that says its figures are not confirmed
UNCONFIRMED = re.compile(
    r"\b(not (been |yet )?(confirmed|verified)|unconfirmed|unverified|could not be confirmed)\b",
    re.I,
)
#: a claim or conjecture that governs the figure after it
CLAIM_BEFORE = re.compile(
    r"\b(claim(ed|s|ing)? (that|to have)|alleg(ed|es|ing) that|suspect(s|ed)? that|"
    r"(it is|it was) possible|possibly|"
    r"disput(ed|es|ing)\b[^.;]*\bsaying|(one|other|another|some) reports? "
    r"(said|says|indicated|indicates|stated|suggested|claimed))\b",
    re.I,
)
#: "two militants may have been killed"
HEDGE_AFTER = re.compile(r"[^.;]{0,20}?\b(may|might|could) have (been|died)\b", re.I)


def is_new_group(count: dict, groups: Sequence[dict], text: str) -> bool:
    """Whether `count` may name victims other than `groups`: it shares a sentence with one
    of them ("killed a man and his son"), or says so ("three guards were also killed",
    "another civilian died"), or names the attackers after their victims ("Three assailants
    were killed in the return fire"). A later sentence without such a cue names the victims
    again ("killing two people. Mari's two nephews died instantly")."""
    same_side = [group for group in groups if is_attacker(group) == is_attacker(count)]
    if not same_side or any(same_sentence(count, group, text) for group in same_side):
        return True
    start, _ = sentence_bounds(text, count["start"])
    clause = text[start : count["end"] + ADDITIVE_CUE_REACH]  # "... were also killed"
    return bool(ADDITIVE_CUE.search(clause))


#: characters after a count in which "also", "as well" make it a new group
ADDITIVE_CUE_REACH = 20


def has_unnamed_group(count: dict, groups: Sequence[dict], text: str) -> bool:
    """A bare number or "people" counted on the side (victims or attackers) of `count`,
    which then covers a definite mention like "the man"; not "two more victims"."""
    return any(
        victim_key(g) is None
        and is_attacker(g) == is_attacker(count)
        and not ADDITIVE_CUE.search(text[g["start"] : g["end"]])
        for g in groups
    )


#: "his son", "her driver": someone new, known through a victim counted before
POSSESSED = re.compile(r"^(his|her|their)\b", re.I)


#: words that add victims to those counted in earlier sentences
ADDITIVE_CUE = re.compile(
    r"\b(also|another|other|others|more|additional|as well|too|further|besides|"
    r"in addition|separately)\b",
    re.I,
)
SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def same_sentence(first: dict, second: dict, text: str) -> bool:
    start, end = sorted((first["start"], second["start"]))
    following = SENTENCE_BREAK.search(text, start)  # its lookahead reads past `end`
    return following is None or following.end() > end


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence of `text` around character `offset`."""
    starts = _sentence_starts(text)
    before = bisect_right(starts, offset)
    following = SENTENCE_BREAK.search(text, offset)
    return (starts[before - 1] if before else 0), (
        following.start() + 1 if following else len(text)
    )


@lru_cache(maxsize=8)
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence after the first starts: asked once per count of an article."""
    return tuple(m.end() for m in SENTENCE_BREAK.finditer(text))


def sentence_around(text: str, offset: int) -> str:
    start, end = sentence_bounds(text, offset)
    return text[start:end]


def attacker_in_total(count: dict, text: str) -> bool:
    """ "five people including the leader and the bomber were killed": the total of `count`
    includes the attacker."""
    return not is_attacker(count) and bool(
        ATTACKER_INCLUDED.search(sentence_around(text, count["start"]))
    )


ATTACKER_INCLUDED = re.compile(
    r"\b(including|included|among them|among whom|among the dead)\b"
    r"((?!\b(when|after|while|as|because)\b)[^.;]){0,60}?"
    r"\b(the|a|one|two|three) (suicide )?(bomber|attacker|assailant|perpetrator)s?\b",
    re.I,
)


def is_attacker(count: dict) -> bool:
    return victim_key(count) in ATTACKER_NOUNS


#: the perpetrators among the dead; GTD's and ACLED's figures count them too
ATTACKER_NOUNS = word_set(
    "militant assailant attacker gunman gunmen bomber insurgent perpetrator terrorist "
    "rebel fighter kidnapper abductor robber suspect"
)


def is_anaphoric(count: dict) -> bool:
    """A mention that may repeat victims counted before: "the man", "his son", "Rehman"."""
    named = count["who"] is not None and count["who"] == count["text"] and count["who"][0].isupper()
    return bool(named or DEFINITE_PREFIX.match(count["text"]))


def figure(count: dict) -> dict:
    return {"best": count["best"], "low": count["low"], "high": count["high"]}


def parts_of(counts: Sequence[dict], text: str) -> list[bool]:
    """Which counts are sub-counts: "including some 40 children", "among them 3 women",
    "2 of the victims", and the rest of a list that follows "including" in the same sentence
    ("17 people including eight French nationals, two Canadians and one Briton")."""
    parts, whole_end, keys = [], 0, set()
    for count in counts:
        between = text[whole_end : count["start"]]
        listed = whole_end > 0 and PART_CUE_ANYWHERE.search(between) and "." not in between
        part = bool(listed or (PARTITIVE.search(count["text"]) and is_of_counted(count, keys)))
        if not part:
            whole_end = count["end"]
        keys.add(victim_key(count))
        parts.append(part)
    return parts


def is_of_counted(partitive: dict, keys: set[str | None]) -> bool:
    """ "two of the victims", "three of them", "two of the soldiers" after the soldiers were
    counted; not "one of the Sheikh's guards", "three of the assailants" counted first."""
    match = PARTITIVE.search(partitive["text"])
    if match is None:
        return False
    key = victim_key(partitive)
    return key is None or key in keys or match.group(1).lower() != "the"


#: plural victim nouns whose singular is not the plural without "s"
IRREGULAR_SINGULARS = {"men": "man", "women": "woman", "children": "child", "people": "person"}


def victim_key(count: dict) -> str | None:
    """The same key for "men" and "man" (de-duplication); None for a bare number."""
    who = count["who"]
    if who is None:
        return None
    key = singular_key(who.lower())
    key = SAME_VICTIM.get(key, key)
    return None if key in GENERIC_VICTIMS else key


def singular_key(word: str) -> str:
    return IRREGULAR_SINGULARS.get(word, word[:-1] if word.endswith("s") else word)


#: "a suicide bomber detonated his vest, killing himself": one death
SAME_VICTIM = {"himself": "bomber", "herself": "bomber", "attacker": "bomber"}
#: nouns that name whoever was already counted: "the victim died", "the bodies were found"
GENERIC_VICTIMS = frozenset({"victim", "body", "deceased", "corpse", "person"})
