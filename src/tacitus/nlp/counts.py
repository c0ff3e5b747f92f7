"""`tacitus_counts`: how many were killed, injured, displaced, trapped, arrested, abducted,
missing, or took part, with best/low/high figures and the victims (schema v1 ``counts``).

Two passes over the dependency parse, no regex over the text:

1. every written quantity ("320", "some 40", "dozens of", "between 5 and 7") is read with
   `tacitus.nlp.numbers`; the noun it quantifies is found through the parse, and the kind comes
   from the predicate that noun is the victim of ("killed 320 civilians", "31,000 civilians
   have fled", "two nurses were killed", "the bodies of 3 men", "the death toll rose to 45");
2. every casualty predicate whose victim carries no number counts one victim for a singular
   noun ("a man was shot dead", "killing a woman and her son", "the soldier later died") and
   zero for "no one" / "no casualties".

A quantity whose noun is the agent ("two airstrikes killed ...") or a year, age, duration,
percentage, sum of money or thing is not a count. `fatalities_of` turns the counts of a text or
an event into one fatality figure the way ACLED's codebook does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from tacitus import settings
from tacitus.nlp.numbers import UNITS, VAGUE, Quantity, read_quantity

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
    "municipality neighborhood neighbourhood school airstrike strike raid attack rocket "
    "missile bomb shell mortar round bullet shot weapon gun rifle grenade ied ransom usd "
    "bag explosion blast drone plane aircraft helicopter tank cattle cow goat sheep camel "
    "lamb dog chicken livestock animal number group time occasion incident event location "
    "case count total knee leg arm hand eye ankle shoulder hamstring wrist neck groin thigh "
    "calf back information data development"
)
#: "found dead", "left 3 injured", "shot dead two policemen": whoever the adjective describes
ANY_VICTIM_ROLE = frozenset({"nsubj", "nsubjpass", "dobj"})
PATIENT_DEPS = {
    "transitive": frozenset({"dobj", "nsubjpass"}),
    "intransitive": frozenset({"nsubj", "nsubjpass"}),
}
ADJECTIVE_DEPS = {"oprd", "acomp", "xcomp", "advmod", "ccomp", "dobj"}
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
PART_CUE_ANYWHERE = re.compile(
    r"\b(includ\w*|among them|among whom|among the \w+|of whom|of them|of which)\b", re.I
)


@dataclass(frozen=True)
class Predicate:
    kind: str
    roles: frozenset[str]


def predicate_of(token: Token) -> Predicate | None:
    """The casualty predicate `token` heads, if any: "killed", "fled", "found dead", "shot to
    death", "left 3 injured"."""
    lemma = token.lemma_.lower()
    if is_unreal(token):
        return None
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
        if child.dep_ in ADJECTIVE_DEPS and child_lemma in PREDICATE_ADJECTIVES:
            return Predicate(PREDICATE_ADJECTIVES[child_lemma], ANY_VICTIM_ROLE)
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(grandchild.lower_ == "death" for grandchild in child.children)
        ):
            return Predicate("killed", frozenset({"nsubjpass", "dobj"}))
    return None


#: verbs whose complement did not happen: "tried to lynch", "threatened to kill"
UNREAL_GOVERNORS = word_set(
    "try attempt threaten plan want vow intend seek fail aim plot order call demand urge"
)


def is_unreal(predicate: Token) -> bool:
    """No one was counted in "threatened to kill a soldier" or "were not killed"."""
    if predicate.dep_ == "xcomp" and predicate.head.lemma_.lower() in UNREAL_GOVERNORS:
        return True
    return any(child.dep_ == "neg" for child in predicate.children)


def transitive_roles(verb: Token) -> frozenset[str]:
    """A subject is the victim in a reduced passive ("two people killed in a raid", "1 killed,
    3 injured"): no object, and a participle or a bare number as subject."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return PATIENT_DEPS["transitive"]
    numeric_subject = any(c.dep_ == "nsubj" and c.like_num for c in verb.children)
    if verb.tag_ == "VBN" or numeric_subject:
        return PATIENT_DEPS["transitive"] | {"nsubj"}
    return PATIENT_DEPS["transitive"]


@dataclass
class Mention:
    """One count found in the parse, before it becomes a schema dict."""

    kind: str
    quantity: Quantity
    who: str | None
    first: Token
    last: Token

    def as_dict(self, doc: Doc) -> dict:
        start, end = self.first.idx, self.last.idx + len(self.last)
        return {
            "kind": self.kind,
            "best": self.quantity.best,
            "low": self.quantity.low,
            "high": self.quantity.high,
            "approximate": self.quantity.approximate,
            "who": self.who,
            "text": doc.text[start:end],
            "start": start,
            "end": end,
            "event": None,
        }


# --- pass 1: written quantities ---------------------------------------------------------------


def quantity_mentions(doc: Doc, words: list[str]) -> tuple[list[Mention], set[int]]:
    """Counts built from written numbers; also the token indices of the nouns they counted."""
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
        mention = classify_quantity(doc, quantity, first, end)
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
    """A number, a vague quantity ("dozens", "a handful") or "between" starts at words[i]."""
    if token.like_num:
        return True
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    return word in VAGUE_STARTS or (word in ARTICLES and following in VAGUE_AFTER_ARTICLE)


VAGUE_STARTS = word_set("dozens scores hundreds thousands millions tens several between")
ARTICLES = frozenset({"a", "an"})
VAGUE_AFTER_ARTICLE = word_set("handful few dozen number")


def classify_quantity(doc: Doc, quantity: Quantity, first: int, end: int) -> Mention | None:
    """What the quantity doc[first:end] counts, or None when it counts no victims."""
    anchor = phrase_anchor(doc, first, end)
    if end < len(doc) and doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].is_alpha:
        return None  # "seven-day", "three-member": a compound modifier, not a count
    noun = victim_noun(anchor, first, end)
    role = noun if noun is not anchor and anchor.dep_ in MODIFIER_DEPS else anchor
    if noun is anchor and anchor.dep_ == "appos":
        return None  # "Meshaal al-Tamo, 53,": an age
    if singular_key(noun.lower_) in NOT_VICTIMS or noun.ent_type_ in {"MONEY", "PERCENT", "TIME"}:
        return None
    negators = [child for child in noun.children if child.lower_ == "no" and child.dep_ == "det"]
    if negators:  # "no one was killed"
        quantity, first = Quantity(0, 0, 0, False), min(first, negators[0].i)
    kind, who, total_noun = kind_of(noun, role)
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
            if head.lower_ in PASS_THROUGH_PREPOSITIONS or is_along_with(head):
                x = head.head
                continue
            return kind_through_preposition(head)
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
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


def unnumbered_mentions(doc: Doc, counted_nouns: set[int]) -> list[Mention]:
    """Victims without a number: "a man was shot dead", "killing a woman and her son"."""
    mentions = []
    counted: set[tuple[int, str]] = set()  # "was kidnapped and killed": one victim, two counts
    for token in doc:
        if token.pos_ not in {"VERB", "AUX", "NOUN"}:
            continue
        for kind, victim in victims_of(token):
            if victim.i in counted_nouns or (victim.i, kind) in counted or kind in CROWD_KINDS:
                continue  # a crowd is counted only when its size is written
            quantity = unnumbered_quantity(victim)
            if quantity is not None:
                counted.add((victim.i, kind))
                anonymous = victim.pos_ == "PRON" or victim.lower_ in ONE_OF_SEVERAL
                who = None if anonymous and victim.lower_ not in REFLEXIVES else victim.text
                first = min([victim, *(c for c in victim.children if c.dep_ in {"det", "poss"})])
                mentions.append(Mention(kind, quantity, who, first, victim))
    return mentions


def victims_of(token: Token) -> Iterable[tuple[str, Token]]:
    """(kind, victim) for the victims of the casualty predicate or noun `token` heads."""
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
    predicate = predicate_of(token)
    if predicate is None:
        return
    victims = [child for child in token.children if child.dep_ in predicate.roles]
    if not victims:
        victims = misattached_subject(token)
    if not victims and token.dep_ == "conj":  # "was shot and died": the victim is shared
        first = token
        while first.dep_ == "conj":
            first = first.head
        victims = [c for c in first.children if c.dep_ in predicate.roles | {"nsubjpass"}]
    for victim in victims:
        yield from with_conjuncts(predicate.kind, victim)


def misattached_subject(verb: Token) -> list[Token]:
    """The passive subject the parser hung on the place before it ("..., Bahia, a drug
    trafficker was killed"): the noun right before "was"."""
    doc = verb.doc
    passive = verb.i >= 2 and doc[verb.i - 1].dep_ == "auxpass"
    candidate = doc[verb.i - 2] if passive else None
    if candidate is not None and candidate.pos_ == "NOUN" and candidate.dep_ != "nsubjpass":
        return [candidate]
    return []


def is_numbered_of(child: Token) -> bool:
    return (
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.pos_ == "NUM" for g in child.subtree)
    )


def with_conjuncts(kind: str, token: Token) -> Iterable[tuple[str, Token]]:
    yield kind, token
    for conjunct in token.conjuncts:
        yield kind, conjunct


def unnumbered_quantity(victim: Token) -> Quantity | None:
    """1 for a singular victim ("a man", "the soldier", "her son", "he"), 0 for "no one"."""
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
    if victim.pos_ == "PRON" or word in ONE_OF_SEVERAL:
        return Quantity(1, 1, 1, False) if word in SINGULAR_PRONOUNS else None
    singular = victim.tag_ in {"NN", "NNP"} and victim.lemma_.lower() not in NOT_VICTIMS
    if singular and victim.pos_ == "PROPN":
        if victim.dep_ in {"conj", "appos"} and victim.head.pos_ == "NOUN":
            return None  # "killed a civilian, Kawasi Dev,": the name of one already counted
        return Quantity(1, 1, 1, False) if victim.ent_type_ in {"PERSON", ""} else None
    has_poss = any(c.dep_ == "poss" for c in victim.children)
    determined = bool(determiners & (INDEFINITE | DEFINITE)) or has_poss
    # "Armed men killed former separatist leader": headline style drops the article
    bare_in_role = (
        victim.dep_ in {"dobj", "nsubjpass"}
        and not determiners
        and not victim.ent_type_
        and any(c.dep_ in {"amod", "compound"} for c in victim.children)
    )
    if singular and (determined or bare_in_role):
        return Quantity(1, 1, 1, False)
    return None


def suicide_attacker_mentions(doc: Doc, words: list[str]) -> list[Mention]:
    """A suicide bomber who detonated died: ACLED and GTD both count the attacker among the
    dead ("a suicide bomber detonated his vest" = 1 killed, "two suicide bombers attacked" = 2)."""
    mentions = []
    for token in doc:
        if token.lemma_.lower() not in SUICIDE_ATTACKERS or token.dep_ != "nsubj":
            continue
        if not any(c.lower_ == "suicide" for c in token.children):
            continue
        if token.head.lemma_.lower() not in DETONATION_VERBS or is_unreal(token.head):
            continue
        numbers = [c for c in token.children if c.dep_ == "nummod"]
        read = read_quantity(words, numbers[0].i) if numbers else None
        if read is not None:
            quantity = read[0]
        elif token.tag_ == "NN":
            quantity = Quantity(1, 1, 1, False)
        else:
            continue
        first = min([token, *(c for c in token.children if c.dep_ in {"det", "nummod"})])
        mentions.append(Mention("killed", quantity, token.text, first, token))
    return mentions


SUICIDE_ATTACKERS = frozenset({"bomber", "attacker"})
DETONATION_VERBS = word_set("detonate blow explode trigger ram attack strike target drive set")


# --- the component ----------------------------------------------------------------------------


def find_counts(doc: Doc) -> list[dict]:
    """The counts of `doc` in text order, as schema v1 dicts."""
    words = [token.lower_ for token in doc]
    mentions, counted_nouns = quantity_mentions(doc, words)
    mentions += unnumbered_mentions(doc, counted_nouns)
    mentions += suicide_attacker_mentions(doc, words)
    mentions.sort(key=lambda mention: mention.first.i)
    return [mention.as_dict(doc) for mention in mentions]


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


def figure_of(counts: Sequence[dict], text: str, kind: str) -> dict | None:
    """One fatality figure {best, low, high} for `counts` (of a text or of one event), the way
    ACLED's codebook counts:

    - a stated total ("7 fatalities", "the death toll rose to 7", "fatalities coded as 7")
      is the figure; when several are stated, the largest;
    - otherwise distinct victim groups are summed ("2 soldiers and 3 civilians" = 5);
    - a sub-count is part of its total ("320 civilians, including some 40 children" = 320);
    - a definite mention of victims already counted is the same victims ("a man was shot
      dead ... the man" = 1, "... his body was found" = 1).

    None when no count of `kind` was found. `text` is the text the offsets point into
    (``doc.text``): it shows the sub-count cues ("including", "among them").
    """
    of_kind = [c for c in counts if c["kind"] == kind]
    if not of_kind:
        return None
    wholes = [c for c, part in zip(of_kind, parts_of(of_kind, text), strict=True) if not part]
    of_kind = wholes or of_kind  # "one of the men was killed" is all there is
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
        if not any(g["best"] >= count["best"] for g in restated):  # "Three officers died..."
            groups.append(count)
    seen = {victim_key(c) for c in groups}
    for count in of_kind:  # definite mentions of victims not counted yet ("the man died")
        key = victim_key(count)
        if (
            is_anaphoric(count)
            and key not in seen
            and (not groups or (key is not None and None not in seen))
        ):
            groups.append(count)
            seen.add(key)
    summed = {key: sum(c[key] for c in groups) for key in ("best", "low", "high")}
    vague = max(totals, key=lambda count: count["best"], default=None)  # "dozens of deaths"
    return figure(vague) if vague and vague["best"] > summed["best"] else summed


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
    parts, whole_end = [], 0
    for count in counts:
        between = text[whole_end : count["start"]]
        listed = whole_end > 0 and PART_CUE_ANYWHERE.search(between) and "." not in between
        part = bool(listed or PARTITIVE.search(count["text"]))
        if not part:
            whole_end = count["end"]
        parts.append(part)
    return parts


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
SAME_VICTIM = {"himself": "bomber", "herself": "bomber"}
#: nouns that name whoever was already counted: "the victim died", "the bodies were found"
GENERIC_VICTIMS = frozenset({"victim", "body", "deceased", "corpse", "person"})
