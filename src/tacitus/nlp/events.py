"""The `tacitus_events` component: who did what to whom, where and when, coded at once in
PLOVER (type, mode), CAMEO, ACLED (event type, sub-event type) and CASE 2021.

Events come from trigger words listed in ``resources/codebooks/triggers.tsv``; the dependency
parse gives the trigger's source and target actors (read from ``doc._.actors``), its place
(``doc._.places``), time (``doc._.times``), fatalities (``doc._.counts``) and attribution
(``doc._.attributions``, ``doc._.quotes``). The CASE code of a violent or protest event the
trigger alone does not decide comes from the linear classifier of ``tacitus.event_classifier``
applied to the event's sentence, restricted to the codes of the trigger's PLOVER type.

Precision comes first: opinion and background sentences give no event, weak triggers need an
actor or a casualty count, triggers of one clause that describe one event are merged (a raid in
the clause of an arrest is that arrest), and the mentions of an article that report one
happening become one event (`merge_happenings`): a later definite mention ("the attack"), a
weak trigger with no party of its own ("two others were wounded") and a charge of the people
just arrested join the event they tell of, unless they state another place, day or party. An
ambiguous trigger is read by its neighbours (``trigger_senses.tsv``: "released a video" is no
release, "aerial strikes" are airstrikes, "declined to comment" no rejection); habitual and
generic statements ("has a history of mounting assaults", "rarely claims"), states ("in
detention"), accidents ("fires killed two children") and events named only inside another noun
phrase ("the damage from shelling") give no event; predicted, averted and nearly-done events
and questions are flagged hypothetical. Actors: a title and the name in apposition to it are
one party, a bare definite name ("the Front") refers back to the fuller name, and the pronoun
subject of what a speaker says it did ("the group said it attacked") is the speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus import settings
from tacitus.codebooks import Codebooks, Trigger, load_codebooks
from tacitus.event_classifier import cues_in, load_classifier
from tacitus.nlp.counts import fatalities_of
from tacitus.nlp.document import OPENING, in_part
from tacitus.nlp.extensions import list_extension
from tacitus.nlp.places import DIVISION_WORDS, TOWN_FEATURES

#: Words whose complement is wanted, offered, refused or feared, not done: events under them
#: are hypothetical ("refused to confirm", "a resolution for a ceasefire", "threatened to cut").
HYPOTHETICAL_GOVERNORS = frozenset([
    "refuse", "decline", "reject", "threaten", "threat", "propose", "proposal", "plan",
    "want", "demand", "urge", "call", "ask", "seek", "request", "agree", "promise",
    "pledge", "offer", "vow", "aim", "intend", "hope", "try", "attempt", "prepare",
    "resolution", "draft", "bid", "effort", "fear", "risk", "possibility", "prospect",
    "danger", "chance", "warn", "expect", "consider", "would", "could", "might", "may",
    "able", "ready", "willing", "prepared", "insist", "veto", "block", "oppose", "need",
    "avoid", "evade", "prevent", "avert", "refrain", "persuade", "sure", "likely", "unlikely",
    "bound", "nearly", "almost",
])  # fmt: skip
#: Phrasal verbs whose complement does not happen ("hold off from an attack").
HYPOTHETICAL_PHRASALS = frozenset({("hold", "off"), ("call", "off"), ("put", "off")})
#: Predicates of a copular clause that make its subject unreal ("fighting is a possibility").
UNREAL_PREDICATES = frozenset([
    "possibility", "possible", "likely", "unlikely", "risk", "threat", "danger", "prospect",
    "option", "goal", "aim", "plan", "hope", "expected",
])  # fmt: skip
#: Closing quotes and brackets after a question mark.
QUESTION_CLOSERS = "\"'\u201d\u2019)]"
#: Adverbs saying that the event did not quite happen ("nearly succeeded in killing").
UNREALIZED_ADVERBS = frozenset({"nearly", "almost"})
#: A relative clause states a fact about its noun, whatever governs the noun ("it is
#: unrealistic to expect women who were being detained ...": the detention is real).
CLAUSE_BOUNDARIES = frozenset({"relcl"})
#: Verbs whose infinitive complement happened ("continued to send arms").
ASPECT_VERBS = frozenset({"begin", "start", "continue", "keep", "resume", "go", "manage"})
#: Auxiliaries of an unreal or conditional clause.
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would"})
PRESENT_PERFECT_AUX = frozenset({"have", "has", "'ve"})
#: Adverbials of a stretch of time a toll is summed over ("since Saturday", "over the past
#: few days", "in the last two weeks").
STRETCH_OF_TIME = re.compile(
    r"\bsince\b|\b(?:over|in|during|for) the (?:past|last)\b|\bso far this\b", re.IGNORECASE
)
CONDITION_MARKERS = frozenset({"if", "unless", "whether"})
#: A statement of intent to do a cooperative act is an AGREE event, of a hostile act THREATEN.
INTENT_TYPE = {
    "AGREE": "AGREE", "CONSULT": "AGREE", "SUPPORT": "AGREE", "CONCEDE": "AGREE",
    "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "AGREE", "ASSAULT": "THREATEN",
    "COERCE": "THREATEN", "SANCTION": "THREATEN", "MOBILIZE": "THREATEN", "PROTEST": "THREATEN",
    "REJECT": "REJECT", "REQUEST": "REQUEST", "ACCUSE": "ACCUSE", "THREATEN": "THREATEN",
}  # fmt: skip
INTENT_CAMEO = {"AGREE": "03", "THREATEN": "13", "MOBILIZE": "15"}
#: The PLOVER mode of a threat, by the type of the act threatened ("threatened to resume
#: attacks" is a threat of violence, "to stop negotiations" one against relations).
THREAT_MODES = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "restrict", "SANCTION": "restrict",
    "COERCE": "restrict", "CONSULT": "relations", "COOPERATE": "relations", "AGREE": "relations",
    "SUPPORT": "relations", "AID": "relations",
}  # fmt: skip
#: Threatened coercion modes that PLOVER names as threat modes of their own.
THREAT_MODE_OF_COERCION = {"curfew": "curfew", "martial-law": "curfew"}
#: Readying for a hostile act is a show of force (PLOVER MOBILIZE), not a stated threat.
PREPARATION_GOVERNORS = frozenset({"ready", "prepare", "prepared", "gear"})
#: Governors that state the intent of their subject ("is willing to withdraw" = AGREE).
INTENT_GOVERNORS = frozenset([
    "willing", "ready", "prepared", "plan", "intend", "aim", "would", "will",
])  # fmt: skip
#: Reporting uses of these verbs ("he claimed that ...") are speech, not events.
REPORTING_ONLY = frozenset({"claim", "allege", "warn"})
SPEECH_VERBS = frozenset([
    "say", "tell", "declare", "announce", "state", "reiterate", "insist", "warn", "add",
    "issue", "stress", "write",
])  # fmt: skip
#: "X said Y must ..." is a demand of X (PLOVER REQUEST).
OBLIGATION_AUX = frozenset({"must"})

#: Subject pronouns of a reported act that stand for the speaker ("X said it attacked"), and
#: the verbs of claiming that report acts besides SPEECH_VERBS.
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})
PERSON_PRONOUNS = frozenset({"he", "she"})
CLAIM_VERBS = frozenset({"claim", "admit", "confirm", "acknowledge", "boast"})

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr"})
TARGET_PREPS = frozenset({"on", "against", "at", "to", "with", "into", "upon"})
NOMINAL_SOURCE_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
#: Movements go "to" and "into" places: those are destinations, not parties acted on.
MOVEMENT_LEMMAS = frozenset([
    "retreat", "withdraw", "withdrawal", "pull", "evacuate", "deploy", "deployment", "flee",
    "move", "redeploy", "reinforce",
])  # fmt: skip
MOVEMENT_TARGET_PREPS = TARGET_PREPS - {"to", "into", "at"}
#: Prepositions that put an event in a place ("in Town", "near the border", "outside Town");
#: the weak ones also name origins, destinations and owners ("from Town", "the governor of X").
LOCATIVE_PREPS = frozenset([
    "in", "at", "near", "outside", "inside", "across", "around", "throughout", "within",
])  # fmt: skip
WEAK_LOCATIVE_PREPS = frozenset({"on", "of", "from", "into", "towards", "toward"})
#: How coarse a feature is: a country holds provinces (admin1), which hold districts (admin2),
#: which hold towns and their quarters.
FEATURE_RANK = {
    "country": 0, "region": 0, "admin1": 1, "admin2": 2, "city": 3, "locality": 4, "other": 4,
}  # fmt: skip
#: What links a place to the place it lies in ("Town, Province", "Town (Province)", "Village
#: in Province", "Town district of Province"), once division and settlement words are left out.
QUALIFIER_LINKS = frozenset({(",",), ("(",), ("in",), ("of",), (",", "in"), (",", "(")})
#: The longest district name ACLED's parenthesis holds before the province ("Town (District,").
QUALIFIER_MAX_PARENTHESIS = 40
QUALIFIER_WORD = re.compile(r"[^\W\d_]+|[,(]")
#: Words a link between two places may hold besides DIVISION_WORDS ("Karama in eastern Raqqa
#: countryside", "Myrzakent town of Turkistan region"): they name no other place.
LINK_FILLER_WORDS = frozenset([
    "city", "town", "village", "area", "community", "neighborhood", "neighbourhood", "sector",
    "countryside", "the", "rural", "eastern", "western", "northern", "southern", "central",
])  # fmt: skip
#: Weights of the features of a candidate place of an event (`place_features`) and the score a
#: candidate needs: a place a locative preposition governs in the trigger's own clause wins; a
#: province or country loses to the town it contains ("in Town, Province"); a country no
#: preposition governs ("Kenyan police") is a nationality, not a place, and never reaches it.
PLACE_WEIGHTS = {
    "strong_locative": 3.0,
    "weak_locative": 1.5,
    "same_clause": 1.0,
    "country": -3.5,
    "contains_other": -4.0,
    "inside_other": 1.5,
    "qualifier": -2.0,
    "contradicted": -3.0,
    "odd_country": -3.0,
    "in_source_actor": -2.0,
    "no_point": -1.0,
    "token_distance": -0.05,
    "threshold": -2.0,
}

#: An event tied to one of these words by its clause is reported opinion, not news.
OPINION = re.compile(
    r"\b(?:I|we) (?:think|believe|feel|fear|hope)\b|\bin (?:my|our) (?:view|opinion)\b"
    r"|\bit is (?:time|clear|high time)\b|\barguabl|\bperhaps\b|\bought to\b"
    r"|\b(?:should|must) (?:not )?(?:be|have|stop|end|act|do|look|never)\b",
    re.IGNORECASE,
)
#: Summaries of a long past are background, not the news of the day.
BACKGROUND = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|\d{4})|\bover the (?:past|last) "
    r"(?:\w+ )?(?:years|decades?)\b|\bin recent years\b|\bthroughout the (?:war|conflict)\b"
    r"|\bbegan in (?:\w+ )?\d{4}\b|\bfor (?:years|decades)\b"
    r"|\bsince the (?:war|conflict|uprising|revolution|crisis|fighting) (?:began|started|erupted"
    r"|broke out)\b|\b(?:because|as a result) of (?:this|the) (?:war|conflict)\b",
    re.IGNORECASE,
)
#: Heads of habitual or generic statements ("has a history of mounting assaults", "journalists
#: visit each year"): they describe what tends to happen, not an event. Adverbs ("routinely
#: beat detainees") are not among them: PLOVER codes such reports as events.
HABITUAL_HEADS = frozenset(["history", "habit", "practice", "tendency", "repertoire", "pattern",
                            "tradition", "record"])  # fmt: skip
GENERIC_DETERMINERS = frozenset({"every", "each", "any"})
#: Adverbs that make a simple-present clause a generic statement (`is_generic_present`).
FREQUENCY_ADVERBS = frozenset([
    "rarely", "seldom", "often", "usually", "regularly", "frequently", "routinely", "always",
    "typically", "generally",
])  # fmt: skip
#: Frequency adjectives make a noun trigger a pattern, not one event ("regular police visits",
#: "routine patrols"); a count of past events ("repeated attacks") stays an event.
HABITUAL_MODIFIERS = frozenset({"regular", "routine", "frequent", "periodic", "daily", "weekly",
                                "monthly", "constant"})  # fmt: skip
#: Antecedents of a relative clause that make it generic ("anyone who criticised them").
GENERIC_ANTECEDENTS = frozenset(["anyone", "anybody", "everyone", "everybody", "whoever",
                                 "nobody", "one", "someone", "times", "occasions"])  # fmt: skip
#: "just as the Taliban regained ground": a comparison with another event, not this news.
COMPARISON_MARKERS = frozenset({"as", "like"})
#: "in detention", "in custody": a state the person is in, not an arrest.
STATE_PREPS = frozenset({"in", "from", "into"})
STATE_NOUNS = frozenset({"detention", "custody", "captivity", "prison", "jail", "exile", "hiding"})
#: Causes that kill without an attacker: the death is an accident or a disaster, not an ASSAULT.
ACCIDENTAL_CAUSES = frozenset([
    "fire", "blaze", "flood", "flooding", "storm", "earthquake", "quake", "disease", "illness",
    "cold", "heat", "hunger", "starvation", "accident", "crash", "collapse", "landslide",
    "avalanche", "cyclone", "hurricane", "typhoon", "tornado", "lightning", "virus", "outbreak",
    "epidemic", "dysentery", "cholera", "malnutrition", "stove", "exposure", "heatwave",
    "mudslide", "covid-19", "coronavirus", "pneumonia", "infection", "wave", "tsunami",
])  # fmt: skip
HARM_LEMMAS = frozenset({"kill", "injure", "wound", "claim"})
#: Nouns through which an event is reported by its consequences, parts or course ("the toll
#: from the attack", "as part of a deal", "the first day of a strike", "10 days of war games"):
#: a trigger under them is still the event.
CARRIER_NOUNS = frozenset([
    "toll", "wake", "aftermath", "victim", "casualty", "death", "result", "site", "scene",
    "survivor", "number", "part", "term", "day", "week", "month", "hour", "round", "start",
    "beginning", "end", "resumption", "launch", "outcome", "course", "series", "wave", "spate",
    "string", "session", "stage", "phase", "framework",
])  # fmt: skip
#: A trigger noun inside another noun phrase ("the damage from airstrikes", "breaches of a
#: truce deal") refers to an event told elsewhere; only a specific weapon trigger stays an event.
REFERENCE_MIN_RANK = 4
#: Verbs whose direct object names an event their subject carries out ("held talks").
LIGHT_VERBS = frozenset([
    "hold", "launch", "carry", "conduct", "stage", "mount", "begin", "start", "continue",
    "make", "wage", "open", "lead", "organise", "organize", "issue", "sign", "reach", "strike",
    "announce", "impose", "resume", "step", "intensify", "escalate", "unleash", "perpetrate",
    "commit", "claim", "order", "host", "join", "file", "lodge", "call", "declare", "renew",
    "restart", "complete", "conclude", "attend", "chair", "propose",
])  # fmt: skip
#: Parts of a noun phrase that name other things than its head ("the decision to cancel
#: Begum's passport", "advocates, who said that children ..."): actors there are not parties.
NON_PARTY_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "prep"})
#: Event types that need a political party: talks of "residents" or "journalists" are no
#: consultation. The police are a party (they meet community leaders, visit a site), but their
#: meetings are no diplomacy: the diplomatic CASE code needs a party of another kind.
POLITICAL_PARTY_TYPES = frozenset({"CONSULT"})
#: Prepositions that name the members of a meeting ("a meeting of officers", "talks with").
MEMBER_PREPS = frozenset({"of", "with", "between", "among"})
NON_POLITICAL_KINDS = frozenset({"civilians", "media", "other", None})
NON_DIPLOMATIC_KINDS = NON_POLITICAL_KINDS | {"police"}
DIPLOMATIC_CODES = frozenset({"DIPLO"})

#: Judgements that make "X called Y <judgement>" a denunciation.
DISAPPROVING_WORDS = frozenset([
    "disgraceful", "shameful", "unacceptable", "outrageous", "barbaric", "criminal",
    "illegal", "irresponsible", "deplorable", "appalling", "reckless", "provocative",
    "cowardly", "heinous", "inhumane", "abhorrent",
])  # fmt: skip
#: Event types that happen where the paragraph's place is; talks and vetoes need their own.
GROUNDED_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})

#: The key of the whole text's probabilities among the sentences' (which start at token >= 0).
WHOLE_TEXT = -1

#: When two mentions of one article are one happening (`merge_happenings`): how many sentences
#: after the event a mention with no party of its own or a charge may join it, and how far
#: apart their places (km) and stated days may lie before they are two happenings.
MERGE_RULES = {"max_sentences": 2, "max_km": 50.0, "max_days_apart": 1}

#: Searches by force that arrests are made in (`raids_as_arrests`).
RAID_LEMMAS = frozenset({"raid", "swoop", "sweep"})
#: Steps of the judicial procedure that follows an arrest (`follows_up`).
FOLLOW_UP_LEMMAS = frozenset({"charge", "indict", "remand", "arraign"})

#: The rank from which a trigger's CASE code is its own happening's ("shelled", "airstrike").
SPECIFIC_RANK = 4

#: Actor kinds too vague to make two differently named actors the same party.
VAGUE_ACTOR_KINDS = frozenset({"other", "person", None})

#: Precision of an inherited time -> the coarser precision it gets, by calendar unit.
LOWERED_PRECISION = {
    "day": "week", "week": "month", "month": "quarter", "quarter": "year", "season": "year",
    "year": "year", "range": "range",
}  # fmt: skip


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: its tokens and its syntactic head."""

    trigger: Trigger
    start: int  # token index
    end: int
    head: Token


@dataclass
class Mention:
    """One event mention, before merging; becomes a schema v1 event dict."""

    match: Match
    sentence: Span
    plover: str
    mode: str | None
    cameo: str
    case_code: str | None
    negated: bool
    hypothetical: bool
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    rank: int = 0
    depth: int = 0
    #: The place (id) and time its own sentence states, read before merging.
    stated_place: str | None = None
    stated_time: dict | None = None
    #: A weak trigger with no party ("the blast killed four guards"): too little to report an
    #: event alone, it may only add its sentence to an event already told.
    dependent: bool = False
    #: Later mentions of the same happening, merged into this one (`merge_happenings`).
    merged: list[Mention] = field(default_factory=list)

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)

    @property
    def mentions(self) -> list[Mention]:
        return [self, *self.merged]

    @property
    def sentences(self) -> list[Span]:
        return list(dict.fromkeys(m.sentence for m in self.mentions))


@lru_cache(maxsize=1)
def trigger_index() -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]]]:
    """Single-word triggers by lemma, multi-word triggers by first lemma (longest first)."""
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for trigger in load_codebooks().triggers:
        table = multi if len(trigger.lemmas) > 1 else single
        table.setdefault(trigger.lemmas[0], []).append(trigger)
    for triggers in multi.values():
        triggers.sort(key=lambda t: -len(t.lemmas))
    return single, multi


def token_keys(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


POS_OF = {"V": frozenset({"VERB"}), "N": frozenset({"NOUN", "PROPN"})}


def fits_pos(trigger: Trigger, token: Token) -> bool:
    return trigger.pos == "*" or token.pos_ in POS_OF[trigger.pos]


def find_matches(sentence: Span) -> list[Match]:
    """Trigger matches in `sentence`; a multi-word trigger wins over its single words."""
    single, multi = trigger_index()
    matches: list[Match] = []
    i, end = sentence.start, sentence.end
    doc = sentence.doc
    while i < end:
        keys = token_keys(doc[i])
        found = _multi_word_match(doc, i, end, keys, multi)
        if found is None:
            candidates = single.get(keys[0], []) or single.get(keys[1], [])
            trigger = next((t for t in candidates if fits_pos(t, doc[i])), None)
            if trigger is not None:
                found = Match(trigger, i, i + 1, doc[i])
        if found is not None:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


def _multi_word_match(doc: Doc, i: int, end: int, keys, multi) -> Match | None:
    for first in keys:
        for trigger in multi.get(first, ()):
            stop = i + len(trigger.lemmas)
            if stop > end:
                continue
            if all(trigger.lemmas[k] in token_keys(doc[i + k]) for k in range(len(trigger.lemmas))):
                span = doc[i:stop]
                return Match(trigger, i, stop, span.root)
    return None


# --- the clause around a trigger ----------------------------------------------------------------


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds `token` (the token itself when it is a verb)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current


def ancestors_within(token: Token, sentence: Span) -> Iterator[Token]:
    for ancestor in token.ancestors:
        if sentence.start <= ancestor.i < sentence.end:
            yield ancestor


def prepositional_objects(
    head: Token, words: Collection[str] | None = None, relation: str = "prep"
) -> list[Token]:
    """The objects of `head`'s prepositions ("attacks on Aleppo"), in text order: of those
    spelled as one of `words` when given, of the passive's "by" when `relation` is "agent"."""
    return [
        obj
        for preposition in head.children
        if preposition.dep_ == relation and (words is None or preposition.lower_ in words)
        for obj in preposition.children
        if obj.dep_ == "pobj"
    ]


def is_negated(token: Token, verb: Token) -> bool:
    """ "did not arrest", "no attack": a noun shares its verb's negation only as its subject
    or object ("not seen even in the major battles" does not deny the battles)."""
    if any(child.lower_ in ("no", "never") for child in token.children):
        return True
    shares_verb = token == verb or token.dep_ in SUBJECT_DEPS | OBJECT_DEPS
    return shares_verb and any(child.dep_ == "neg" for child in verb.children)


def is_conditional(verb: Token, sentence: Span) -> bool:
    """Inside an if/unless clause, or an unreal 'would have'/'could' clause."""
    chain = [verb, *ancestors_within(verb, sentence)]
    for clause in chain:
        if has_condition_marker(clause):
            return True
    if any(c.dep_ == "advcl" and has_condition_marker(c) for c in verb.children):
        return True  # the main clause of "if all sides agree, the army will withdraw"
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & CONDITIONAL_AUX) and (
        "have" in auxiliaries or not auxiliaries & FUTURE_AUX
    )


def has_condition_marker(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in clause.children)


def is_past(verb: Token) -> bool:
    """A clause in a past tense ("fired", "had been", "was killed")."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def is_cumulative_toll(mention: Mention, verb: Token, context: DocContext) -> bool:
    """A death toll in the present perfect over a stretch of time: the sum of many
    happenings, not one."""
    if not is_present_perfect(verb) or sentence_toll(mention.sentence, context) is None:
        return False
    start, end = clause_span(mention.match.head)
    return bool(STRETCH_OF_TIME.search(context.text, start, end))


def is_present_perfect(verb: Token) -> bool:
    """ "have been killed", "has killed" (not the pluperfect "had killed")."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & PRESENT_PERFECT_AUX)


def is_future(verb: Token) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    lowered = {c.lower_ for c in auxiliaries}
    return bool(lowered & FUTURE_AUX) and "have" not in lowered


def first_conjunct(token: Token) -> Token:
    """The first of the words `token` is coordinated with ("shelled and bombed": shelled)."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def speech_verb_of(verb: Token) -> Token | None:
    """The speech verb whose content the clause of `verb` is ("said it will retaliate",
    '"We will strike back," he said'), past coordination; None when no one says it."""
    clause = first_conjunct(verb)
    if clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in SPEECH_VERBS:
        return clause.head
    # "The UN will provide food aid, the agency said": the parser may hang the speech verb
    # after the clause from it
    return next(
        (
            c
            for c in clause.children
            if c.dep_ in ("ccomp", "parataxis")
            and c.i > clause.i
            and c.lemma_.lower() in SPEECH_VERBS
        ),
        None,
    )


def is_unsaid(verb: Token, sentence: Span) -> bool:
    """What someone will or would say is not yet said: "Trump will announce that the group
    has been defeated" reports no defeat."""
    speech = speech_verb_of(verb)
    return speech is not None and (is_future(speech) or is_conditional(speech, sentence))


def embedding_governor(match: Match, sentence: Span) -> Token | None:
    """The word that wants, offers, refuses or fears the event ("refused to meet"), or the
    word whose purpose it is ("a resolution for a cease-fire", "called for talks")."""
    head = match.head
    purpose = head.head if head.dep_ == "dobj" and head.head.dep_ == "pcomp" else head
    if purpose.dep_ in ("pobj", "pcomp") and purpose.head.lower_ == "for":
        return purpose.head.head  # "a resolution for a cease-fire", "used for perpetrating attacks"
    current = head
    while current.dep_ not in CLAUSE_BOUNDARIES and current.head != current:
        coordinated = current.dep_ == "conj"  # a conjunct is not what its sibling governs
        current = current.head
        if not sentence.start <= current.i < sentence.end:
            return None
        if not coordinated and is_unreal_governor(current):
            return current
    return None


def is_question(sentence: Span) -> bool:
    """A question asks whether or why something happened; it does not report it ("Why are we
    bombed day and night?")."""
    return sentence.text.rstrip().rstrip(QUESTION_CLOSERS).endswith("?")


def is_unreal_governor(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in HYPOTHETICAL_GOVERNORS:
        return True
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    return any((lemma, particle) in HYPOTHETICAL_PHRASALS for particle in particles)


def has_unreal_predicate(head: Token, verb: Token) -> bool:
    """ "Renewed fighting is a possibility": the subject of an unreal copular predicate."""
    if head.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() != "be":
        return False
    return any(
        c.dep_ in ("attr", "acomp") and c.lemma_.lower() in UNREAL_PREDICATES for c in verb.children
    )


def is_unrealized(verb: Token, sentence: Span) -> bool:
    """ "nearly succeeded in killing": an adverb of the clause or of a governing verb."""
    chain = [verb, *ancestors_within(verb, sentence)]
    return any(
        c.dep_ == "advmod" and c.lower_ in UNREALIZED_ADVERBS
        for clause in chain
        if clause.pos_ in ("VERB", "AUX")
        for c in clause.children
    )


def has_active_subject(governor: Token) -> bool:
    """The governor of a stated intention has an agent: "Russia is ready to attack", not
    "weapons intended for use in an attack"."""
    holder = governor.head if governor.dep_ in ("acomp", "amod") else governor
    return any(c.dep_ == "nsubj" for c in holder.children) or any(
        c.dep_ == "nsubj" for c in governor.children
    )


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def noun_attachment(head: Token) -> str:
    """How a trigger noun hangs in its clause: 'argument' of a verb, 'presupposed' (its own
    determiner or possessor makes it a known event: "France's refusal"), or 'reference' (inside
    another noun phrase: "the damage from airstrikes")."""
    anchor = first_conjunct(head)
    governor = anchor.head.head if anchor.dep_ in ("pobj", "pcomp") else anchor.head
    if (
        anchor.dep_ in ("pobj", "pcomp")
        and governor.pos_ in ("NOUN", "PROPN")
        and governor.lemma_.lower() not in CARRIER_NOUNS
        and anchor.head.lower_ != "for"
    ):
        return "reference"
    if any(c.dep_ == "poss" for c in head.children) or is_definite(head):
        return "presupposed"
    return "argument"


def is_habitual(head: Token, sentence: Span) -> bool:
    """Generic or habitual statements: "has a history of mounting assaults", "at every
    explosion", "journalists visit each year", "anyone who criticised them"."""
    if has_generic_determiner(head) or any(
        has_generic_determiner(obj) for obj in prepositional_objects(head)
    ):
        return True  # "at every explosion", "beaten on every level"
    if head.pos_ == "NOUN" and is_frequent(head):
        return True
    if is_generic_present(head) or any(
        is_frequency_phrase(obj) for obj in prepositional_objects(clause_verb(head), ("on",))
    ):
        return True  # "Israel rarely claims responsibility", "strikes on a daily basis"
    chain = [head, *ancestors_within(head, sentence)]
    for token in chain:
        if token.lemma_.lower() in HABITUAL_HEADS:
            return True
        for child in token.children:
            if child.dep_ == "npadvmod" and has_generic_determiner(child):
                return True
        if token.dep_ == "relcl" and token.head.lower_ in GENERIC_ANTECEDENTS:
            return True
        if is_comparison(token):
            return True
    return False


def is_generic_present(head: Token) -> bool:
    """A verb in the simple present with an adverb of frequency states what tends to happen
    ("rarely claims", "usually strikes"); the past ("often fired") still reports events."""
    if head.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in FREQUENCY_ADVERBS for c in head.children)


def is_frequency_phrase(noun: Token) -> bool:
    """ "on a daily basis", "on a regular basis"."""
    return noun.lemma_.lower() == "basis" and any(
        c.dep_ == "amod" and c.lower_ in HABITUAL_MODIFIERS for c in noun.children
    )


def is_frequent(noun: Token) -> bool:
    """ "regular interrogations and police visits": the adjective spans the coordination."""
    nouns = [noun, noun.head] if noun.dep_ == "conj" else [noun]
    return any(
        c.dep_ == "amod" and c.lower_ in HABITUAL_MODIFIERS for n in nouns for c in n.children
    )


def has_generic_determiner(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in token.children)


def is_comparison(clause: Token) -> bool:
    """ "just as the Taliban regained ground after 2001": a clause compared with the news."""
    markers = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in COMPARISON_MARKERS]
    just = any(c.dep_ == "advmod" and c.lower_ == "just" for c in clause.children)
    return any(
        m.lower_ == "like" or just or any(a.lower_ == "just" for a in m.children) for m in markers
    )


def is_state(head: Token) -> bool:
    """ "in detention", "dead or imprisoned": a condition someone is in, not an event."""
    if (
        head.lemma_.lower() in STATE_NOUNS
        and head.dep_ == "pobj"
        and head.head.lower_ in STATE_PREPS
    ):
        return not any(c.dep_ in ("det", "poss", "amod") for c in head.children)
    return head.dep_ == "conj" and head.head.pos_ == "ADJ"


def is_accident(head: Token) -> bool:
    """ "fires caused by stoves have killed two children": a death without an attacker."""
    if head.lemma_.lower() not in HARM_LEMMAS:
        return False
    for subject in subjects_of(head):
        if subject.tag_ == "WDT" and head.dep_ == "relcl":
            subject = head.head
        if subject.lemma_.lower() in ACCIDENTAL_CAUSES:
            return True
    return False


def is_descriptor(match: Match) -> bool:
    """A trigger used to describe something else is no event: "detention centres",
    "battle-tested fighters", "the group captured over five years", "the sum demanded"."""
    head = match.head
    if head.dep_ in ("compound", "amod", "npadvmod") and match.trigger.rank < 5:
        return True
    return head.dep_ == "acl" and head.tag_ in ("VBN", "VBD")


def is_purpose(verb: Token) -> bool:
    """An infinitive of purpose or manner ("armed to fight Isis", "ways to advance a
    transfer") is not a fact, unless an aspect verb makes it one ("continued to send")."""
    if not any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children):
        return False
    return verb.head.lemma_.lower() not in ASPECT_VERBS


def is_theme(match: Match, trigger_heads: dict[Token, str], plover: str) -> bool:
    """A trigger noun that is the object of another event ("lifted the curfew", "accepted the
    demands") names what that event acts on, not an event of its own."""
    head = match.head
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("dobj", "nsubjpass", "attr"):
        return False
    governing = trigger_heads.get(head.head)
    return governing is not None and governing != plover


def neighbours(head: Token, relation: str) -> set[str]:
    """The lemmas (and entity labels, as "ent:GPE") of a trigger's neighbours by relation."""
    if relation == "object":
        tokens = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        tokens += prepositional_objects(head, ("of",))
    elif relation == "modifier":
        tokens = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    elif relation == "governor":
        governor = head.head.head if head.dep_ == "pobj" else head.head
        tokens = [governor] if governor != head else []
    elif relation == "prep":
        return {c.lower_ for c in head.children if c.dep_ in ("prep", "prt")}
    elif relation == "agent":
        tokens = agents_of(head)
    elif relation == "complement":
        clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
        tokens = clauses + [a for c in clauses for a in c.children if a.dep_ == "aux"]
    else:
        raise ValueError(f"unknown sense relation {relation}")
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    return words | {f"ent:{t.ent_type_}" for t in tokens if t.ent_type_}


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


def is_participle_modifier(head: Token) -> bool:
    """A present participle describing the noun it stands with: "advancing forces", also in
    spaCy's parse of "by advancing forces" as a gerund with an object."""
    if head.tag_ != "VBG":
        return False
    return head.dep_ == "amod" or (head.dep_ == "pcomp" and head.head.lower_ == "by")


def depth_of(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


# --- actors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorIndex:
    mentions: tuple[tuple[int, int, str], ...]
    kinds: dict[str, str]
    countries: dict[str, str | None] = field(default_factory=dict)
    sectors: dict[str, str | None] = field(default_factory=dict)

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
        )

    def of_tokens(self, tokens: Iterable[Token]) -> list[str]:
        """Actors named by the noun phrases of `tokens`, without their clauses and
        prepositional phrases ("the decision to cancel Begum's passport" names no party)."""
        found: list[str] = []
        for token in tokens:
            for actor in self.of_phrase(token):
                if actor not in found:
                    found.append(actor)
        return found

    def of_phrase(self, token: Token) -> list[str]:
        """The actors one noun phrase names. A title and the name in apposition to it are one
        party, the name ("the Turkish president, Recep Tayyip Erdogan"; "Mr Brown, the
        chancellor"); a definite noun no actor covers refers back to the latest actor named
        before it whose name ends in that noun ("the Coalition" after "the Syrian Coalition")."""
        named = [a for a in token.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        if token.pos_ == "NOUN" and (by_name := self.of_tokens(named)):
            others = [c for c in token.children if c.dep_ == "conj"]
            return by_name + [a for a in self.of_tokens(others) if a not in by_name]
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
        elif not found and token.lower_ in SPEAKER_PRONOUNS:
            found = self.speaker_of(token)
        return list(dict.fromkeys(found))

    def speaker_of(self, pronoun: Token) -> list[str]:
        """ "The Front said it attacked a post": the subject pronoun of what a speaker says
        is the speaker, when it is a group ("it", "they") or a person ("he", "she")."""
        clause = pronoun.head
        speech = clause.head
        if pronoun.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp" or speech == clause:
            return []
        if speech.lemma_.lower() not in SPEECH_VERBS | CLAIM_VERBS:
            return []
        speakers = self.of_tokens(c for c in speech.children if c.dep_ == "nsubj")
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

    def covering(self, token: Token) -> list[str]:
        start, end = token.idx, token.idx + len(token)
        return [a for s, e, a in self.mentions if s <= start and end <= e]

    def alike(self, a: str, b: str) -> bool:
        """The same party: one actor, or two of one country and sector that are not vague kinds
        ("Lyon police" and "the police" of one country; not two different persons)."""
        if a == b:
            return True
        if self.kinds.get(a) in VAGUE_ACTOR_KINDS or self.kinds.get(b) in VAGUE_ACTOR_KINDS:
            return False
        country, sector = self.countries.get(a), self.sectors.get(a)
        return bool(country and sector) and (country, sector) == (
            self.countries.get(b),
            self.sectors.get(b),
        )

    def share(self, these: list[str], those: list[str]) -> bool:
        return any(self.alike(a, b) for a in these for b in those)

    def political(
        self, actors: list[str], excluded: frozenset[str | None] = NON_POLITICAL_KINDS
    ) -> bool:
        """Whether one of `actors` can take part in talks (not residents or reporters)."""
        return any(self.kinds.get(actor) not in excluded for actor in actors)


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


def nominal_roles(
    noun: Token, preps: frozenset[str] = TARGET_PREPS
) -> tuple[list[Token], list[Token]]:
    """ "Russian and Syrian attacks on Aleppo": sources Russian, Syrian; target Aleppo."""
    sources = [c for c in noun.children if c.dep_ in NOMINAL_SOURCE_DEPS]
    sources += prepositional_objects(noun, ("by",))
    return sources, prepositional_objects(noun, preps - {"by"})


def has_participant(match: Match, verb: Token) -> bool:
    """A weak trigger must name who acted or was acted on (an entity or a person noun)."""
    nodes = subjects_of(verb) + objects_of(verb) + sum(nominal_roles(match.head), [])
    return any(
        t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or t.pos_ == "PROPN"
        or t.lemma_.lower() in PARTICIPANT_NOUNS
        for node in nodes
        for t in node.subtree
    )


PARTICIPANT_NOUNS = frozenset([
    "police", "policeman", "army", "troop", "soldier", "force", "militant", "rebel",
    "fighter", "insurgent", "gunman", "protester", "demonstrator", "student", "worker",
    "farmer", "people", "civilian", "villager", "resident", "man", "woman", "child",
    "government", "ministry", "official", "minister", "president", "leader", "party",
    "group", "militia", "jihadist", "terrorist", "attacker", "assailant", "mob", "crowd",
    "activist", "journalist", "prisoner", "detainee", "refugee", "authority", "council",
    "parliament", "regime", "opposition", "security",
])  # fmt: skip


# --- the component -----------------------------------------------------------------------------


@dataclass
class DocContext:
    """What the component reads from one Doc, indexed once."""

    doc: Doc
    #: doc.text, which spaCy rebuilds from the tokens at every access.
    text: str
    actors: ActorIndex
    places: list[tuple[int, int, dict]]
    times: list[dict]
    counts: list[dict]
    attributions: list[dict]
    quotes: list[dict]
    published: date | None
    #: Place id -> place, and the first token of each sentence -> its number in the doc.
    place_by_id: dict[str, dict] = field(default_factory=dict)
    sentence_numbers: dict[int, int] = field(default_factory=dict)
    #: First tokens of the sentences that report an event on the ground: the story's scene,
    #: whose place a later event of the paragraph without a place of its own inherits.
    scenes: set[int] = field(default_factory=set)
    #: First token of a sentence -> the death toll it states (`sentence_toll`).
    tolls: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        places = [
            (start, end, place)
            for place in list_extension(doc, "places")
            for start, end in place.get("mentions", [])
        ]
        return cls(
            doc=doc,
            text=doc.text,
            actors=ActorIndex.of(doc),
            places=sorted(places, key=lambda p: p[0]),
            times=[t for t in list_extension(doc, "times") if t.get("first_day")],
            counts=list_extension(doc, "counts"),
            attributions=list_extension(doc, "attributions"),
            quotes=list_extension(doc, "quotes"),
            published=doc._.published,
            place_by_id={place["id"]: place for place in list_extension(doc, "places")},
            sentence_numbers={sentence.start: n for n, sentence in enumerate(doc.sents)},
        )


class EventsComponent:
    def __init__(
        self,
        min_confidence: float,
        snippet_max_chars: int,
        snippet_min_probability: float,
        classifier_max_rank: int,
        place_weights: dict[str, float] | None = None,
        merge_rules: dict[str, float] | None = None,
        background_days: int = settings.EVENTS_BACKGROUND_DAYS,
    ) -> None:
        self.books: Codebooks = load_codebooks()
        self.classifier = load_classifier()
        trigger_index()
        self.min_confidence = min_confidence
        self.snippet_max_chars = snippet_max_chars
        self.snippet_min_probability = snippet_min_probability
        self.classifier_max_rank = classifier_max_rank
        self.place_weights = {**PLACE_WEIGHTS, **(place_weights or {})}
        self.merge_rules = {**MERGE_RULES, **(merge_rules or {})}
        self.background_days = background_days
        #: Classifier probabilities of the current doc's sentences by first token index, and of
        #: the whole text under WHOLE_TEXT: computed in one batch, as vectorizing is the cost.
        self.sentence_probabilities: dict[int, np.ndarray] = {}
        #: The current doc's sentences holding a trigger: the only ones worth classifying.
        self.triggered_sentences: list[Span] = []
        self.codes_of_type = {
            plover: tuple(c.code for c in self.books.case_codes.values() if c.plover == plover)
            for plover in {c.plover for c in self.books.case_codes.values() if c.plover}
        }

    def __call__(self, doc: Doc) -> Doc:
        context = DocContext.of(doc)
        self.sentence_probabilities.clear()
        matches = {sentence: find_matches(sentence) for sentence in doc.sents}
        self.triggered_sentences = [sentence for sentence, found in matches.items() if found]
        mentions = [
            m
            for sentence, found in matches.items()
            for m in self.sentence_mentions(sentence, found, context)
        ]
        for mention in mentions:
            mention.stated_place = stated_place(mention, context, self.place_weights)
            mention.stated_time = stated_time(mention, context)
        mentions = [m for m in mentions if not self.is_background(m, context)]
        merged = merge_happenings(mentions, context, self.books, self.merge_rules)
        events = [m for m in merged if confidence_of(m) >= self.min_confidence]
        context.scenes = {
            s.start for m in events if m.factual and m.plover in GROUNDED_TYPES for s in m.sentences
        }
        doc._.events = [self.as_dict(i, m, context) for i, m in enumerate(events, start=1)]
        doc._.case_code = self.main_case_code(context, events)
        return doc

    def is_background(self, mention: Mention, context: DocContext) -> bool:
        """Background, not the news: an earlier incident recalled ("In May, 60 civilians were
        killed in the town", "a chemical attack in August 2013", "first captured the city in
        2014"), whose clause's time ended more than `background_days` before the article was
        published; or a toll summed over a stretch of days ("since Saturday at least 68
        civilians have been killed", "bombardment in the last two weeks has killed more than
        100"). The reports of their own days tell them as events."""
        verb = clause_verb(mention.match.head)
        if is_cumulative_toll(mention, verb, context):
            return True
        in_clause, _ = times_around(mention, context)  # a sentence may join old and new
        if not in_clause or context.published is None:
            return False
        ended = date.fromisoformat(in_clause[0]["last_day"] or in_clause[0]["first_day"])
        return (context.published - ended).days > self.background_days

    # --- mentions of one sentence

    def sentence_mentions(
        self, sentence: Span, matches: list[Match], context: DocContext
    ) -> list[Mention]:
        text = sentence.text
        if OPINION.search(text) and not self.reported(sentence) or BACKGROUND.search(text):
            return []
        name_callings = self.name_callings(sentence)
        trigger_heads = {m.head: m.trigger.plover for m in matches}
        trigger_heads.update({m.match.head: m.plover for m in name_callings})
        mentions = [
            mention
            for match in matches
            if not is_theme(match, trigger_heads, match.trigger.plover)
            and not is_descriptor(match)
            and (mention := self.mention_of(match)) is not None
        ]
        mentions.extend(self.reported_demands(sentence))
        mentions.extend(name_callings)
        for mention in mentions:
            self.assign_actors(mention, context)
        for mention in mentions:
            mention.dependent = not (
                mention.rank >= settings.EVENTS_SELF_SUFFICIENT_RANK
                or mention.sources
                or mention.targets
                or has_participant(mention.match, clause_verb(mention.match.head))
            )
        mentions = [m for m in mentions if m.plover not in POLITICAL_PARTY_TYPES
                    or context.actors.political(self.parties(m, context))]  # fmt: skip
        for mention in mentions:
            if mention.case_code in DIPLOMATIC_CODES and not context.actors.political(
                self.parties(mention, context), NON_DIPLOMATIC_KINDS
            ):
                mention.case_code = None
        assign_threat_modes(mentions)
        raids_as_arrests(mentions)
        return merge_clause(mentions)

    @staticmethod
    def parties(mention: Mention, context: DocContext) -> list[str]:
        """The event's actors, else the subjects of its clause ("X renewed negotiations") and
        who a meeting is of or with ("held a meeting of senior police officers")."""
        if mention.sources or mention.targets:
            return mention.sources + mention.targets
        head = mention.match.head
        members = prepositional_objects(head, MEMBER_PREPS)
        return context.actors.of_tokens(subjects_of(clause_verb(head)) + members)

    @staticmethod
    def reported(sentence: Span) -> bool:
        """An opinion held by a named speaker ("X said Y must go") is that speaker's demand."""
        return any(t.lemma_.lower() in SPEECH_VERBS and t.dep_ == "ROOT" for t in sentence)

    def mention_of(self, match: Match) -> Mention | None:
        sentence = match.head.sent
        head = match.head
        verb = clause_verb(head)
        if head.lemma_.lower() in REPORTING_ONLY and any(c.dep_ == "ccomp" for c in head.children):
            return None
        match = self.sense_of(match)
        if match is None or is_habitual(head, sentence) or is_state(head) or is_accident(head):
            return None
        nominal = head.pos_ in ("NOUN", "PROPN") or head.dep_ == "pcomp"
        attachment = noun_attachment(head) if nominal else "argument"
        if attachment == "reference" and match.trigger.rank < REFERENCE_MIN_RANK:
            return None
        trigger = match.trigger
        plover, mode, cameo, case_code = (
            trigger.plover,
            trigger.mode,
            trigger.cameo,
            trigger.case_code,
        )
        governor = embedding_governor(match, sentence)
        if (
            attachment == "presupposed"
            and governor is not None
            and governor not in (head.head, head.head.head)
        ):
            governor = None  # "seeking to prove that France's refusal ...": the refusal is known
        stated_intent = (
            governor is not None
            and governor.lemma_.lower() in INTENT_GOVERNORS
            and has_active_subject(governor)
        )
        modal = attachment == "argument"  # the clause's mood binds its own arguments only
        future = modal and is_future(verb)
        # "Russia said it will retaliate" is Russia's threat; the narrator's "the leader will
        # visit the temple" or "troops will be deployed" is a plan, not yet an event.
        stated_future = future and speech_verb_of(verb) is not None and not is_passive(verb)
        hypothetical = (
            (governor is not None and not stated_intent)
            or (modal and is_conditional(verb, sentence))
            or (verb == head and not stated_intent and is_purpose(verb))
            or has_unreal_predicate(head, verb)
            or is_unrealized(verb, sentence)
            or (future and not stated_future)
            or is_unsaid(verb, sentence)
            or is_question(sentence)
        )
        intent = stated_intent or stated_future
        if not hypothetical and intent and INTENT_TYPE[plover] != plover:
            plover = INTENT_TYPE[plover]
            if governor is not None and governor.lemma_.lower() in PREPARATION_GOVERNORS:
                plover = "MOBILIZE" if plover == "THREATEN" else plover
            threat_mode = threat_mode_of(trigger.plover, mode) if plover == "THREATEN" else None
            cameo, mode, case_code = INTENT_CAMEO[plover], threat_mode, None
        if case_code is None or trigger.rank <= self.classifier_max_rank:
            case_code = self.refine_case_code(plover, mode, case_code, sentence)
        return Mention(
            match=match,
            sentence=sentence,
            plover=plover,
            mode=mode,
            cameo=cameo,
            case_code=case_code,
            negated=is_negated(head, verb),
            hypothetical=hypothetical,
            rank=trigger.rank,
            depth=depth_of(head),
        )

    def sense_of(self, match: Match) -> Match | None:
        """The reading of an ambiguous trigger (trigger_senses.tsv): no event, or the event of
        another trigger ("aerial strikes" are airstrikes, "found a bomb" a disrupted weapon)."""
        senses = self.books.senses.get((match.trigger.lemmas, match.trigger.pos), ())
        if not senses:
            return match
        matched = [s for s in senses if s.matches(neighbours(match.head, s.relation))]
        if any(s.action == "drop" for s in matched):
            return None
        recoded = next((s for s in matched if s.action == "as"), None)
        if recoded is not None:
            trigger = self.books.trigger_named(recoded.recoded_as)
            return Match(trigger, match.start, match.end, match.head)
        needs_reading = any(s.action == "only" for s in senses)
        if needs_reading and not any(s.action == "only" for s in matched):
            return None
        return match

    def refine_case_code(
        self, plover: str, mode: str | None, case_code: str | None, sentence: Span
    ) -> str | None:
        """The classifier's code for the sentence among the codes of this PLOVER type that the
        trigger's weapon or manner allows (the sentence is classified once, however many
        triggers it holds): "gunfire" may be a clash or an attack, never shelling."""
        allowed = self.allowed_codes(plover, mode, sentence.text)
        if len(allowed) < 2:
            return case_code
        probabilities = self.probabilities_of(sentence.doc).get(sentence.start)
        if probabilities is None:  # a sentence without a trigger ("X said Y must ...")
            probabilities = self.classifier.probabilities([sentence.text])[0]
            self.sentence_probabilities[sentence.start] = probabilities
        predicted, _ = self.classifier.best(probabilities, allowed)
        if predicted is None:
            return case_code
        # The override reads the code's probability among all codes: narrowing the choice to
        # the allowed codes must not make an unsure classifier look sure.
        probability = self.classifier.probability_of(probabilities, predicted)
        if case_code and probability < settings.EVENTS_CLASSIFIER_OVERRIDE_PROBABILITY:
            return case_code  # the trigger named the type; an unsure classifier keeps it
        return predicted

    def allowed_codes(self, plover: str, mode: str | None, text: str) -> tuple[str, ...]:
        """The codes of a PLOVER type compatible with a mode (mode_case_codes.tsv) whose cue,
        if they need one (code_cues.tsv), the sentence shows."""
        codes = self.codes_of_type.get(plover, ())
        compatible = self.books.mode_codes.get(mode) if mode else None
        if compatible is not None:
            codes = tuple(c for c in codes if c in compatible)
        if any(c in self.books.code_cues for c in codes):
            found = set(cues_in(text))
            needs = self.books.code_cues
            codes = tuple(c for c in codes if c not in needs or needs[c] & found)
        return codes

    def is_snippet(self, doc: Doc) -> bool:
        """Short enough to be coded as a whole (a CASE snippet, an ACLED note)."""
        return not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) <= self.snippet_max_chars

    def probabilities_of(self, doc: Doc) -> dict[int, np.ndarray]:
        """Class probabilities of the doc's sentences holding a trigger, and of its whole text
        when it is a snippet (only then is it coded as a whole), computed once per doc."""
        sentences = self.triggered_sentences
        whole = [doc.text] if self.is_snippet(doc) else []
        if not self.sentence_probabilities and (whole or sentences):
            rows = self.classifier.probabilities(whole + [s.text for s in sentences])
            if whole:
                self.sentence_probabilities[WHOLE_TEXT] = rows[0]
            for sentence, row in zip(sentences, rows[len(whole) :], strict=True):
                self.sentence_probabilities[sentence.start] = row
        return self.sentence_probabilities

    def reported_demands(self, sentence: Span) -> list[Mention]:
        """ "Chirac said Iraq must cooperate": a REQUEST by the speaker."""
        mentions = []
        for token in sentence:
            if token.lower_ not in OBLIGATION_AUX or token.dep_ != "aux":
                continue
            speech = token.head.head
            if speech.lemma_.lower() not in SPEECH_VERBS or token.head.dep_ != "ccomp":
                continue
            trigger = Trigger((speech.lemma_.lower(),), "V", "REQUEST", None, "10", None, 2)
            match = Match(trigger, speech.i, speech.i + 1, speech)
            mentions.append(
                Mention(
                    match,
                    sentence,
                    "REQUEST",
                    None,
                    "10",
                    None,
                    False,
                    False,
                    rank=2,
                    depth=depth_of(speech),
                )  # fmt: skip
            )
        return mentions

    def name_callings(self, sentence: Span) -> list[Mention]:
        """ "The White House called the attacks disgraceful": a denunciation (CAMEO 111)."""
        mentions = []
        for token in sentence:
            if token.lemma_.lower() != "call" or token.pos_ != "VERB":
                continue
            judgement = [c for c in token.children if c.dep_ in ("oprd", "ccomp", "xcomp")
                         and c.pos_ == "ADJ" and c.lower_ in DISAPPROVING_WORDS]  # fmt: skip
            if not judgement:
                continue
            trigger = Trigger(("call",), "V", "ACCUSE", "disapprove", "111", "DIPLO", 3)
            match = Match(trigger, token.i, token.i + 1, token)
            mentions.append(
                Mention(
                    match,
                    sentence,
                    "ACCUSE",
                    "disapprove",
                    "111",
                    None,
                    is_negated(token, token),
                    False,
                    rank=3,
                    depth=depth_of(token),
                )  # fmt: skip
            )
        return mentions

    @staticmethod
    def assign_actors(mention: Mention, context: DocContext) -> None:
        head = mention.match.head
        verb = clause_verb(head)
        movement = head.lemma_.lower() in MOVEMENT_LEMMAS
        preps = MOVEMENT_TARGET_PREPS if movement else TARGET_PREPS
        light = head.dep_ in ("dobj", "attr") and verb.lemma_.lower() in LIGHT_VERBS | {"be"}
        own = head.dep_ == "dobj" and any(is_pronoun_possessor(c) for c in head.children)
        # "troops pressed their advance": the possessor is the clause's subject
        sources = (
            context.actors.of_tokens(subjects_of(verb)) if verb == head or light or own else []
        )
        targets = context.actors.of_tokens(objects_of(verb, preps)) if verb == head else []
        if is_participle_modifier(head):  # "advancing Kurdish forces", "by advancing troops"
            modified = [head.head] if head.dep_ == "amod" else objects_of(head, frozenset())
            sources, targets = context.actors.of_tokens(modified), []
        if head.pos_ in ("NOUN", "PROPN"):
            nominal_sources, nominal_targets = nominal_roles(head, preps)
            sources += context.actors.of_tokens(nominal_sources)
            targets += context.actors.of_tokens(nominal_targets)
            if head.dep_ in SUBJECT_DEPS:  # "airstrikes killed dozens": the verb's objects
                targets += context.actors.of_tokens(objects_of(verb))
        mention.sources = list(dict.fromkeys(sources))
        mention.targets = [t for t in dict.fromkeys(targets) if t not in mention.sources]

    # --- output

    def as_dict(self, number: int, mention: Mention, context: DocContext) -> dict:
        books = self.books
        case = books.case(mention.case_code)
        sentences = mention.sentences
        trigger_span = context.doc[mention.match.start : mention.match.end]
        event_id = f"ev{number}"
        fatalities = self.fatalities(mention, sentences, context, event_id)
        return {
            "id": event_id,
            "type": mention.plover,
            "mode": mention.mode,
            "cameo": mention.cameo,
            "acled_type": case.acled_type if case else None,
            "acled_sub_type": case.acled_sub_type if case else None,
            "case_code": mention.case_code,
            "trigger": {
                "text": trigger_span.text,
                "start": trigger_span.start_char,
                "end": trigger_span.end_char,
            },
            "source_actors": mention.sources,
            "target_actors": mention.targets,
            "place": place_of(mention, context, self.place_weights),
            "time": time_of(mention, context),
            "fatalities": fatalities,
            "negated": mention.negated,
            "hypothetical": mention.hypothetical,
            "attribution": attribution_of(trigger_span, context),
            "evidence": {"start": mention.sentence.start_char, "end": mention.sentence.end_char},
            "confidence": confidence_of(mention, has_toll=fatalities is not None),
            "evidence_spans": [{"start": s.start_char, "end": s.end_char} for s in sentences],
        }

    @staticmethod
    def fatalities(
        mention: Mention, sentences: list[Span], context: DocContext, event_id: str
    ) -> dict | None:
        if mention.plover != "ASSAULT" or not mention.factual:
            return None
        counts = [
            c
            for c in context.counts
            if any(s.start_char <= c["start"] and c["end"] <= s.end_char for s in sentences)
            and c.get("event") is None
        ]
        for count in counts:  # the counts component leaves `event` for us to fill
            count["event"] = event_id
        # Each mention's sentence tells the toll as it stands ("killed four" in the lead,
        # "the four victims" below); a later sentence restates it rather than adding to it,
        # so the event's toll is the largest one sentence gives, as ACLED codes it.
        figures = [
            fatalities_of(
                [c for c in counts if s.start_char <= c["start"] < s.end_char], context.text
            )
            for s in sentences
        ]
        return max((f for f in figures if f), key=lambda f: f["best"], default=None)

    def main_case_code(self, context: DocContext, events: list[Mention]) -> str | None:
        """The CASE code of the main event the text reports. A snippet is coded as a whole by
        the classifier, unless an unmistakable trigger (suicide bombing, chemical weapon)
        decides, or the classifier is unsure and a trigger named the event type; a longer
        text gets the code of its first factual event."""
        factual = [m for m in events if m.factual and m.case_code]
        decisive = [m for m in factual if m.rank >= settings.EVENTS_DECISIVE_RANK]
        if decisive:
            return max(decisive, key=lambda m: m.rank).case_code
        if not self.is_snippet(context.doc):
            return factual[0].case_code if factual else None
        code, probability = self.classifier.best(self.probabilities_of(context.doc)[WHOLE_TEXT])
        if probability >= self.snippet_min_probability:
            return code
        named = [m for m in factual if m.match.trigger.case_code]
        if named:
            return max(named, key=lambda m: m.rank).case_code
        return code if events or probability >= settings.EVENTS_SNIPPET_MIN_EVENTLESS else None


def threat_mode_of(plover: str, mode: str | None) -> str | None:
    return THREAT_MODE_OF_COERCION.get(mode or "") or THREAT_MODES.get(plover)


def assign_threat_modes(mentions: list[Mention]) -> None:
    """ "threatened to resume attacks": the mode of the threat is read from the act threatened,
    the most specific event of the threatening verb's complement."""
    for threat in mentions:
        if threat.plover != "THREATEN" or threat.mode is not None:
            continue
        complement = {t.i for t in threat.match.head.subtree} - {threat.match.head.i}
        threatened = [m for m in mentions if m.match.head.i in complement and m is not threat]
        if threatened:
            act = min(threatened, key=lambda m: (-m.rank, m.match.start))
            threat.mode = threat_mode_of(act.plover, act.mode)


def raids_as_arrests(mentions: list[Mention]) -> None:
    """A raid in the clause of an arrest ("detained during raids by city police", "police raids
    led to the arrest of nine") is how the arrest was made, not an assault: it takes the
    arrest's code, so that `merge_clause` makes one arrest of them with the raid's agents."""
    arrests = [m for m in mentions if m.mode == "arrest" and m.factual]
    for raid in mentions:
        if raid.match.head.lemma_.lower() not in RAID_LEMMAS or raid.plover == "COERCE":
            continue
        verb = clause_verb(raid.match.head)
        arrest = next((a for a in arrests if clause_verb(a.match.head) == verb
                       or a.match.head in raid.match.head.ancestors
                       or raid.match.head in a.match.head.ancestors), None)  # fmt: skip
        if arrest is not None:
            raid.plover, raid.mode, raid.cameo = arrest.plover, arrest.mode, arrest.cameo
            raid.case_code, raid.rank = arrest.case_code, min(raid.rank, arrest.rank)


def merge_clause(mentions: list[Mention]) -> list[Mention]:
    """Triggers of one clause describing one event ("airstrikes killed dozens", "was shelled
    and two nurses were killed") become one mention, coded by the most specific trigger."""
    kept: list[Mention] = []
    # A dependent trigger ("were killed" with no party) only adds to a trigger that can report
    # the event alone, whose code and mode it must not take over ("killed in police firing").
    for mention in sorted(mentions, key=lambda m: (m.dependent, -m.rank, m.depth)):
        partner = next((k for k in kept if same_clause_event(k, mention)), None)
        if partner is None:
            kept.append(mention)
            continue
        partner.dependent = partner.dependent and mention.dependent
        partner.sources = list(dict.fromkeys(partner.sources + mention.sources))
        partner.targets = [
            t for t in dict.fromkeys(partner.targets + mention.targets) if t not in partner.sources
        ]
    return sorted(kept, key=lambda m: m.match.start)


def same_clause_event(a: Mention, b: Mention) -> bool:
    if a.plover != b.plover or a.factual != b.factual:
        return False
    head_a, head_b = a.match.head, b.match.head
    linked = (
        head_a in head_b.ancestors
        or head_b in head_a.ancestors
        or head_a.head == head_b.head
        or head_b in head_a.conjuncts
    )
    return linked and a.plover in (
        "ASSAULT",
        "PROTEST",
        "COERCE",
        a.plover if a.rank == b.rank else "",
    )


def merge_happenings(
    mentions: list[Mention], context: DocContext, books: Codebooks, rules: dict[str, float]
) -> list[Mention]:
    """The mentions of an article that report one happening become one event: the first
    mention, with its trigger, carrying the later ones in `merged` (every evidence sentence).
    A later mention joins the latest earlier event it is compatible with (`same_happening`);
    the event takes the code of its most specific trigger and the actors of every mention. A
    dependent mention that joins no event is dropped."""
    events: list[Mention] = []
    for mention in mentions:
        earlier = next(
            (e for e in reversed(events) if same_happening(mention, e, context, books, rules)),
            None,
        )
        if earlier is None:
            if not mention.dependent:
                events.append(mention)
            continue
        earlier.merged.append(mention)
        earlier.sources = list(dict.fromkeys(earlier.sources + mention.sources))
        earlier.targets = [
            t for t in dict.fromkeys(earlier.targets + mention.targets) if t not in earlier.sources
        ]
    for event in events:
        take_most_specific_code(event)
    return events


def same_happening(
    later: Mention,
    event: Mention,
    context: DocContext,
    books: Codebooks,
    rules: dict[str, float],
) -> bool:
    """Whether `later` reports the happening of `event` (a mention and those merged into it):
    both factual, compatible in type with every mention of the event and stating no other
    place, time or party than any of them, and linked: `later` refers back to it ("the
    attack"), shares a sentence with it, or, told within `rules["max_sentences"]` sentences of
    it, names no party of its own (`dependent`) or follows up its arrest (`follows_up`).
    Nearness alone links nothing: a report tells of many arrests and clashes in a row."""
    if not (later.factual and event.factual):
        return False
    if not all(
        compatible_types(later, m, books) and not conflicting(later, m, context, rules)
        for m in event.mentions
    ):
        return False
    apart = min(sentences_apart(m, later, context) for m in event.mentions)
    near = apart <= rules["max_sentences"]
    return (
        refers_back(later)
        or apart == 0
        or (near and later.dependent)
        or (near and follows_up(later, event))
        or (near and continues_scene(later, event))
        or restates_toll(later, event, context)
        or same_town(later, event, context)
    )


def continues_scene(later: Mention, event: Mention) -> bool:
    """An act of the same type told just after, stating no place or time of its own, goes on
    with the scene just told ("the planes struck the market ... the bombs killed twelve"):
    its place and day are that scene's. Its parties must not conflict (`same_happening`)."""
    return later.plover == event.plover and later.stated_place is None and later.stated_time is None


def restates_toll(later: Mention, event: Mention, context: DocContext) -> bool:
    """An attack told again with the toll already given ("ISIS kills more than 50" in the
    headline, "killed more than 50 people in an attack" in the lead): two attacks of one
    article with the very same death toll are one attack told twice."""
    if later.plover != "ASSAULT" or event.plover != "ASSAULT":
        return False
    toll = sentence_toll(later.sentence, context)
    return toll is not None and any(
        sentence_toll(m.sentence, context) == toll for m in event.mentions
    )


def same_town(later: Mention, event: Mention, context: DocContext) -> bool:
    """An act of the same type in the same town, on a day and by parties that do not
    conflict (checked by `same_happening`), is the act already told: a report goes back to
    its scene ("air strikes on Douma ... the bombs dropped on the city"). A country or a
    province holds many happenings; a town on one day holds one of a type."""
    if later.plover != event.plover or later.stated_place is None:
        return False
    place = context.place_by_id.get(later.stated_place) or {}
    return place.get("feature") in TOWN_FEATURES and any(
        m.stated_place == later.stated_place for m in event.mentions
    )


def sentence_toll(sentence: Span, context: DocContext) -> int | None:
    """The death toll one sentence states, if any (memoized per sentence)."""
    if sentence.start not in context.tolls:
        counts = [
            c for c in context.counts if sentence.start_char <= c["start"] < sentence.end_char
        ]
        figure = fatalities_of(counts, context.text) if counts else None
        context.tolls[sentence.start] = figure["best"] if figure and figure["best"] else None
    return context.tolls[sentence.start]


def follows_up(later: Mention, event: Mention) -> bool:
    """A step of the procedure an arrest begins, said of the people just arrested ("The two
    men were charged with robbery"), is that arrest. One naming its people anew ("Ali was
    charged") may be another arrest."""
    if later.match.head.lemma_.lower() not in FOLLOW_UP_LEMMAS:
        return False
    if not any(m.mode == "arrest" and m.match.head.lemma_.lower() not in FOLLOW_UP_LEMMAS
               for m in event.mentions):  # fmt: skip
        return False
    verb = clause_verb(later.match.head)
    people = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass"}]
    return bool(people) and all(is_anaphoric(p) for p in people)


def is_anaphoric(token: Token) -> bool:
    """A pronoun or a definite noun phrase naming no one ("they", "the two men")."""
    if token.pos_ == "PRON":
        return True
    return (
        token.pos_ == "NOUN"
        and is_definite(token)
        and not any(t.pos_ == "PROPN" for t in token.subtree)
    )


def compatible_types(a: Mention, b: Mention, books: Codebooks) -> bool:
    """The same PLOVER type, with triggers whose weapon or manner allows a common ACLED event
    type: a shooting and an assassination (violence against civilians), a suicide bombing and
    "the blast" (explosions); not gunfire and a bombing. A killing, a wounding or "the attack",
    which name no weapon, fit any assault; a charge or a detention fits its arrest."""
    if a.plover != b.plover or names_other_sub_type(a, b):
        return False
    types_a, types_b = acled_types_allowed(a, books), acled_types_allowed(b, books)
    return types_a is None or types_b is None or bool(types_a & types_b)


def names_other_sub_type(a: Mention, b: Mention) -> bool:
    """Two specific triggers naming different sub-types ("airstrikes ... shelling") report two
    happenings; a generic one ("the blast", "an explosion") may tell the outcome of a specific
    one ("a suicide bomber ...")."""
    codes = [m.match.trigger.case_code for m in (a, b) if m.rank >= SPECIFIC_RANK]
    return len(codes) == 2 and None not in codes and codes[0] != codes[1]


def acled_types_allowed(mention: Mention, books: Codebooks) -> set[str] | None:
    """The ACLED event types the mention's trigger allows; None when it names no weapon or
    manner, and so allows any."""
    trigger = mention.match.trigger
    if trigger.case_code:
        codes: Collection[str] = (trigger.case_code,)
    elif mention.mode in books.mode_codes:
        codes = books.mode_codes[mention.mode]
    else:
        return None
    return {case.acled_type for code in codes if (case := books.case(code)) is not None}


def conflicting(a: Mention, b: Mention, context: DocContext, rules: dict[str, float]) -> bool:
    """Two mentions stating different places, days or parties report two happenings."""
    return (
        places_conflict(a.stated_place, b.stated_place, context, rules["max_km"])
        or times_conflict(a.stated_time, b.stated_time, int(rules["max_days_apart"]))
        or parties_conflict(a.sources, b.sources, context)
        or parties_conflict(a.targets, b.targets, context)
    )


def places_conflict(a: str | None, b: str | None, context: DocContext, max_km: float) -> bool:
    """Two places conflict unless one holds the other or they lie within `max_km` ("Aleppo"
    and "eastern Aleppo", "Syria" and "Homs")."""
    if a is None or b is None or a == b:
        return False
    place_a, place_b = context.place_by_id.get(a), context.place_by_id.get(b)
    if place_a is None or place_b is None:
        return False
    if contains(place_a, place_b) or contains(place_b, place_a):
        return False
    points = [(p.get("lat"), p.get("lon")) for p in (place_a, place_b)]
    if any(lat is None or lon is None for lat, lon in points):
        return True
    return distance_km(*points[0], *points[1]) > max_km


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def times_conflict(a: dict | None, b: dict | None, max_days_apart: int) -> bool:
    """Stated times conflict when more than `max_days_apart` days lie between their spans: a
    report may date one happening a day apart (overnight, "yesterday" in a headline written
    the next day)."""
    if a is None or b is None:
        return False
    gap = max(
        date.fromisoformat(b["first_day"]) - date.fromisoformat(a["last_day"]),
        date.fromisoformat(a["first_day"]) - date.fromisoformat(b["last_day"]),
    )
    return gap.days > max_days_apart


def parties_conflict(these: list[str], those: list[str], context: DocContext) -> bool:
    """Both name a side and no party of one is a party of the other."""
    return bool(these and those) and not context.actors.share(these, those)


def sentences_apart(earlier: Mention, later: Mention, context: DocContext) -> int:
    numbers = context.sentence_numbers
    return abs(numbers[later.sentence.start] - numbers[earlier.sentence.start])


def refers_back(later: Mention) -> bool:
    """A definite noun names an event already told ("the attack", "this raid"), and so does
    an act whose subject is one ("the attack on two villages killed 15 civilians", "the
    blast wounded a guard")."""
    head = later.match.head
    if head.pos_ == "NOUN":
        return is_definite(head)
    return any(is_definite(s) and is_event_noun(s) for s in subjects_of(head))


def is_definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in noun.children)


def is_event_noun(token: Token) -> bool:
    """A noun the trigger lexicon knows as an event ("attack", "blast", "raid")."""
    single, _ = trigger_index()
    return token.pos_ == "NOUN" and any(
        t.pos in ("N", "*") for t in single.get(token.lemma_.lower(), ())
    )


def take_most_specific_code(event: Mention) -> None:
    """The event is coded by its most specific trigger (the highest rank, the first on a tie):
    "opened fire ... assassinated" is an assassination."""
    specific = max(event.mentions, key=lambda m: m.rank)
    if specific is not event and specific.rank > event.rank:
        event.mode, event.cameo, event.case_code = specific.mode, specific.cameo, specific.case_code
        event.rank = specific.rank


# --- place, time, attribution, confidence -------------------------------------------------------


def place_of(
    mention: Mention, context: DocContext, weights: dict[str, float] | None = None
) -> str | None:
    """The event's place: the best-scored candidate place of its first mention's sentence
    (`stated_place`, see `place_features`); else the best place of the nearest earlier
    sentence of its paragraph that names one, for an event on the ground ("In Town, Province,
    police raided a house. Two men were arrested.") or one told after such an event
    ("Protesters also demanded ..."); else none (never the first place the article names).
    Later mentions only refine it to a place inside it (`finest_within`); they do not move it
    elsewhere: their places often belong to what the report adds around the event (where the
    wounded were taken, where an earlier attack struck)."""
    weights = weights or PLACE_WEIGHTS
    sentence = mention.sentence
    if mention.stated_place is not None:
        return finest_within(mention, context)
    grounded = mention.plover in GROUNDED_TYPES
    paragraph_start = context.text.rfind("\n", 0, sentence.start_char) + 1
    for earlier in reversed(list(context.doc[: sentence.start].sents)):
        if earlier.end_char <= paragraph_start:
            break
        found = best_place(sentence_places(earlier, context), None, context, weights)
        if found is not None:
            return found if grounded or earlier.start in context.scenes else None
    return None


def finest_within(event: Mention, context: DocContext) -> str | None:
    """The first mention's place, or the finest place a merged mention states inside it: a
    headline's "attack in Syria" told again as "the bombing of a market in Azaz" took place
    in Azaz, as ACLED codes the most precise location a report gives."""
    place = context.place_by_id.get(event.stated_place or "")
    if place is None:
        return event.stated_place
    for later in event.merged:
        finer = context.place_by_id.get(later.stated_place or "")
        if finer is not None and contains(place, finer):
            place = finer
    return place["id"]


def stated_place(mention: Mention, context: DocContext, weights: dict[str, float]) -> str | None:
    """The best place of the mention's own sentence (see `place_features`)."""
    return best_place(sentence_places(mention.sentence, context), mention, context, weights)


def sentence_places(sentence: Span, context: DocContext) -> list[tuple[int, int, dict]]:
    return [
        (start, end, place)
        for start, end, place in context.places
        if sentence.start_char <= start and end <= sentence.end_char
    ]


def best_place(
    candidates: list[tuple[int, int, dict]],
    mention: Mention | None,
    context: DocContext,
    weights: dict[str, float],
) -> str | None:
    """The candidate with the highest weighted feature sum, the first on a tie; None when
    no candidate reaches the weights' `threshold`."""
    scored = [
        (sum(weights[name] * value for name, value in features.items()), -start, place["id"])
        for start, _, place, features in place_features(candidates, mention, context)
    ]
    if not scored:
        return None
    score, _, place_id = max(scored)
    return place_id if score >= weights["threshold"] else None


def place_features(
    candidates: list[tuple[int, int, dict]], mention: Mention | None, context: DocContext
) -> Iterator[tuple[int, int, dict, dict[str, float]]]:
    """Each candidate place mention with its named features. With no mention (a place read
    from an earlier sentence) the features tied to the trigger are left out."""
    doc = context.doc
    places = [p for _, _, p in candidates]
    qualifiers = qualifier_pairs(candidates, context.text)
    qualified = {id(fine): coarse for fine, coarse in qualifiers}
    qualifying = {id(coarse) for _, coarse in qualifiers}
    actor_spans = (
        [(s, e) for s, e, a in context.actors.mentions if a in mention.sources] if mention else []
    )
    clause = clause_span(mention.match.head) if mention else None
    party_countries = (
        [context.actors.countries.get(a) for a in mention.sources + mention.targets]
        if mention
        else []
    )
    for candidate in candidates:
        start, end, place = candidate
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        strength = locative_strength(span.root)
        qualifier = qualified.get(id(candidate))
        features = {
            "strong_locative": float(strength == 2),
            "weak_locative": float(strength == 1),
            "country": float(place.get("feature") == "country"),
            "contains_other": float(any(contains(place, other) for other in places)),
            "inside_other": float(
                any(contains(other, place) for other in places)
                or (qualifier is not None and names_province_of(qualifier[2], place))
            ),
            "qualifier": float(id(candidate) in qualifying),
            "contradicted": float(qualifier is not None and contradicts(qualifier[2], place)),
            "odd_country": float(odd_country(place, places, party_countries)),
            # "Kenyan police", "forces of Chile": the source's name; "residents in Town": located
            "in_source_actor": float(
                strength < 2 and any(s <= start and end <= e for s, e in actor_spans)
            ),
            "no_point": float(place.get("lat") is None),
        }
        if mention is not None and clause is not None:
            features["same_clause"] = float(clause[0] <= start < clause[1])
            features["token_distance"] = float(abs(span.root.i - mention.match.head.i))
        yield start, end, place, features


def qualifier_pairs(
    candidates: list[tuple[int, int, dict]], text: str
) -> list[tuple[tuple[int, int, dict], tuple[int, int, dict]]]:
    """(place, its qualifier) for each place followed by a place no finer that names where it
    lies, as news and ACLED write it: "Town, Province", "Town (District, Province)", "Town
    district of Province", "Village in Province"."""
    pairs = []
    for fine, coarse in zip(candidates, candidates[1:], strict=False):
        no_finer = FEATURE_RANK.get(coarse[2].get("feature"), 0) <= FEATURE_RANK.get(
            fine[2].get("feature"), 0
        )
        linked = is_qualifier_link(text[fine[1] : coarse[0]])
        if linked and no_finer and fine[2]["id"] != coarse[2]["id"]:
            pairs.append((fine, coarse))
    return pairs


def is_qualifier_link(between: str) -> bool:
    """Whether the text between two places ties the second to the first as where it lies:
    ", ", " (", " district of ", " in eastern ", or ACLED's parenthesis with a district the places
    component did not find ("Town (District, Province)")."""
    if between.lstrip().startswith("(") and ")" not in between:
        return len(between) <= QUALIFIER_MAX_PARENTHESIS
    link = tuple(
        word
        for word in QUALIFIER_WORD.findall(between.lower())
        if word not in DIVISION_WORDS and word not in LINK_FILLER_WORDS
    )
    return link in QUALIFIER_LINKS


def contradicts(qualifier: dict, place: dict) -> bool:
    """Whether the qualifier names a country or province the place is not in: the place is
    then the wrong one of its namesakes ("Chora, Urozgan" read as a Greek village)."""
    if qualifier.get("country") and place.get("country") != qualifier.get("country"):
        return True
    return names_province(qualifier) and folded(place.get("admin1")) != folded(
        qualifier.get("admin1")
    )


def names_province(place: dict) -> bool:
    """A province, or a district or city named as its province ("Town, Donetsk")."""
    if place.get("feature") == "admin1":
        return True
    return (
        place.get("feature") in ("admin2", "city")
        and bool(place.get("admin1"))
        and (folded(place["name"]) == folded(place["admin1"]))
    )


def names_province_of(qualifier: dict, place: dict) -> bool:
    return (
        names_province(qualifier)
        and place.get("country") == qualifier.get("country")
        and folded(place.get("admin1")) == folded(qualifier.get("admin1"))
    )


def folded(name: str | None) -> str:
    """A name without accents, case, spaces or hyphens ("Ar-Raqqah" = "Ar Raqqah")."""
    if not name:
        return ""
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", bare.lower())


def odd_country(place: dict, places: list[dict], party_countries: list[str | None]) -> bool:
    """Whether the place lies in another country than the one every other place of the
    sentence and every party of the event agree on: a namesake abroad."""
    evidence = {p.get("country") for p in places if p["id"] != place["id"]}
    evidence |= set(party_countries)
    evidence.discard(None)
    return len(evidence) == 1 and bool(place.get("country")) and place["country"] not in evidence


def clause_span(head: Token) -> tuple[int, int]:
    """Character offsets of the clause of `head`'s verb, without the verbs conjoined to it."""
    verb = clause_verb(head)
    conjoined = {
        t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
        for t in c.subtree
    }  # fmt: skip
    clause = [t for t in verb.subtree if t.i not in conjoined] or [verb]
    return clause[0].idx, clause[-1].idx + len(clause[-1])


def locative_strength(token: Token) -> int:
    """2 when a locative preposition ("in", "near", "outside") governs the place, directly or
    through the phrase it is part of ("in Town, Province", "in the Town area"); 1 for a
    preposition that only sometimes locates ("on", "of", "from"); 0 otherwise."""
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            return 2
        if token.dep_ == "pobj" and token.head.lower_ in WEAK_LOCATIVE_PREPS:
            return 1
        if token.dep_ not in ("compound", "amod", "appos", "conj", "poss", "nmod", "npadvmod"):
            return 0
        token = token.head
    return 0


def contains(coarse: dict, fine: dict) -> bool:
    """Whether `coarse` is the country, province or district `fine` lies in, by the places
    component's own country and admin1 of each ("Town, Province": the province holds the town)."""
    if coarse["id"] == fine["id"] or not coarse.get("country"):
        return False
    if coarse.get("country") != fine.get("country"):
        return False
    coarse_rank = FEATURE_RANK.get(coarse.get("feature"), len(FEATURE_RANK))
    if coarse_rank >= FEATURE_RANK.get(fine.get("feature"), len(FEATURE_RANK)):
        return False
    if coarse.get("feature") == "country":
        return True
    same_province = bool(coarse.get("admin1")) and folded(coarse["admin1"]) == folded(
        fine.get("admin1")
    )
    return same_province and coarse.get("feature") in ("admin1", "admin2")


def time_of(mention: Mention, context: DocContext) -> dict | None:
    """The time the event's first mention states (`stated_time`); else the previous
    sentence's or the opening's (headline, dateline, lede) time with a coarser precision;
    never the publication date."""
    if mention.stated_time is not None:
        return mention.stated_time
    sentence = mention.sentence
    earlier = [t for t in context.times if t["end"] <= sentence.start_char and plausible(t)
               and t["precision"] not in ("duration", "set")]  # fmt: skip
    previous_sentence_start = context.doc[max(sentence.start - 1, 0)].sent.start_char
    inherited = [t for t in earlier if t["start"] >= previous_sentence_start]
    opening = [t for t in earlier if in_part(context.doc, OPENING, t["start"], t["end"])]
    source = (inherited or opening or [None])[-1]
    if source is None:
        return None
    return lowered(source)


def stated_time(mention: Mention, context: DocContext) -> dict | None:
    """The time expression of the trigger's clause, else of the sentence."""
    in_clause, in_sentence = times_around(mention, context)
    if not in_clause and context.published and is_past(clause_verb(mention.match.head)):
        # "the demonstration had been peaceful and they called for a march next week"
        published = context.published.isoformat()
        in_sentence = [t for t in in_sentence if t["first_day"] <= published]
    chosen = (in_clause or in_sentence or [None])[0]
    if chosen is None:
        return None
    return event_time(chosen["first_day"], chosen["last_day"], chosen["precision"])


def times_around(mention: Mention, context: DocContext) -> tuple[list[dict], list[dict]]:
    """The dated time expressions of the trigger's clause, and of its sentence."""
    sentence = mention.sentence
    clause = clause_span(mention.match.head)
    in_sentence = [
        t
        for t in context.times
        if sentence.start_char <= t["start"] and t["end"] <= sentence.end_char and plausible(t)
        and t["precision"] not in ("duration", "set")
    ]  # fmt: skip
    return [t for t in in_sentence if clause[0] <= t["start"] < clause[1]], in_sentence


def plausible(time: dict) -> bool:
    """Modern news reports modern events: a resolved year before 1900 is a misreading."""
    return time["first_day"] >= settings.EVENTS_EARLIEST_DAY


def event_time(first_day: str | None, last_day: str | None, precision: str) -> dict:
    return {"first_day": first_day, "last_day": last_day or first_day, "precision": precision}


def lowered(time: dict) -> dict:
    """The calendar unit around an inherited time: a day becomes its week, a week its month."""
    precision = LOWERED_PRECISION.get(time["precision"], "unknown")
    first = date.fromisoformat(time["first_day"])
    last = date.fromisoformat(time["last_day"] or time["first_day"])
    if precision == "week":
        first, last = first - timedelta(days=first.weekday()), last + timedelta(6 - last.weekday())
    elif precision == "month":
        first, last = first.replace(day=1), _month_end(last)
    elif precision == "quarter":
        first = first.replace(month=3 * ((first.month - 1) // 3) + 1, day=1)
        last = _month_end(last.replace(month=3 * ((last.month - 1) // 3) + 3, day=1))
    elif precision == "year":
        first, last = first.replace(month=1, day=1), last.replace(month=12, day=31)
    return event_time(first.isoformat(), last.isoformat(), precision)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def attribution_of(trigger: Span, context: DocContext) -> str | None:
    """Whose word the event rests on: an attribution or quotation covering the trigger."""
    start, end = trigger.start_char, trigger.end_char
    for attribution in context.attributions:
        if attribution["start"] <= start and end <= attribution["end"]:
            return attribution["source"]
    for quote in context.quotes:
        if quote["start"] <= start and end <= quote["end"] and quote.get("speaker"):
            return quote["speaker"]
    return None


def confidence_of(mention: Mention, has_toll: bool = False) -> float:
    """Specific triggers, named parties and a casualty toll make an event more certain."""
    score = 0.45 + 0.07 * min(mention.rank, 5)
    score += 0.1 if mention.sources else 0.0
    score += 0.05 if mention.targets or has_toll else 0.0
    score -= 0.15 if mention.hypothetical else 0.0
    score += 0.05 if mention.match.head.dep_ == "ROOT" else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


@Language.factory(
    "tacitus_events",
    default_config={
        "min_confidence": settings.EVENTS_MIN_CONFIDENCE,
        "snippet_max_chars": settings.EVENTS_SNIPPET_MAX_CHARS,
        "snippet_min_probability": settings.EVENTS_SNIPPET_MIN_PROBABILITY,
        "classifier_max_rank": settings.EVENTS_CLASSIFIER_MAX_RANK,
        "place_weights": PLACE_WEIGHTS,
        "merge_rules": MERGE_RULES,
        "background_days": settings.EVENTS_BACKGROUND_DAYS,
    },
)
def make_events(
    nlp: Language,
    name: str,
    min_confidence: float,
    snippet_max_chars: int,
    snippet_min_probability: float,
    classifier_max_rank: int,
    place_weights: dict[str, float],
    merge_rules: dict[str, float],
    background_days: int,
) -> EventsComponent:
    return EventsComponent(
        min_confidence,
        snippet_max_chars,
        snippet_min_probability,
        classifier_max_rank,
        place_weights,
        merge_rules,
        background_days,
    )
