"""Whether a trigger reports an event that happened: negation, conditional, future and
hypothetical clauses, what is not yet said, questions, nearly-done events, habitual and generic
statements, states ("in detention"), accidents ("fires killed two children"), cumulative tolls,
purpose infinitives, events named only inside another noun phrase, obligations ("must"),
acts "without" which something happened, negative subjects ("no group"), and background told
in a perfect relative clause or the narrator's pluperfect."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc, Span, Token

from tacitus.nlp.event_actors import PARTICIPANT_NOUNS, SPEECH_VERBS, is_event_word, subjects_of
from tacitus.nlp.event_context import DocContext, sentence_toll
from tacitus.nlp.event_mentions import Match, Mention, trigger_index
from tacitus.nlp.event_syntax import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    clause_span,
    clause_verb,
    is_definite,
    prepositional_objects,
)

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
#: Verbs of inference: negated, their complement is not asserted (`is_denied_inference`).
INFERENCE_VERBS = frozenset({"mean", "imply", "prove", "show", "suggest", "indicate"})
#: Predicates of a timetable: their infinitive is planned, not done (`is_scheduled`).
SCHEDULE_PREDICATES = frozenset({"set", "due", "scheduled", "slated"})
#: Weapons, and the prepositions that list them or tell what holds them (`is_weapon_object`).
WEAPON_NOUNS = frozenset([
    "mortar", "mine", "landmine", "rocket", "missile", "grenade", "artillery", "tank", "rifle",
    "bomb", "explosive", "ied", "boobytrap", "shell", "gun", "weapon", "drone",
])  # fmt: skip
WEAPON_OBJECT_PREPS = frozenset({"including", "with", "like"})
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
#: Types of a standing relation, which a relative clause states as a property of its noun
#: ("Turkey, which backs the rebels"); an accusation or threat there may still be news.
STANCE_TYPES = frozenset({"SUPPORT"})
#: Entity labels of a noun that dates its verb ("Monday it struck"), not one it leaves out.
TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Relations of a noun that belongs to a phrase of its own, not a clause's left-out object.
FRAMING_NOUN_DEPS = frozenset({"pobj", "poss", "appos", "compound", "conj"})
#: Types of a commitment between parties: their agentless passive with a thing as subject
#: names no one committing to anyone (`is_agentless_commitment`).
COMMITMENT_TYPES = frozenset({"AGREE", "SUPPORT"})
#: Entity labels of a party: such a subject is someone backed or promised to, not a thing.
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
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
#: Subjects that deny every doer of the act ("nobody was hurt", "none claimed it").
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "noone"})
#: The auxiliary of what someone ought to do ("the government must recognise it"); "must
#: have" infers what happened and stays a fact.
OBLIGATION_AUX = frozenset({"must"})
#: Nouns of a struggle that, definite and "against" an enemy, name a campaign (`is_campaign`).
#: Not "offensive": an offensive is one operation, launched on a day and ended on another.
CAMPAIGN_NOUNS = frozenset({"fight", "battle", "war", "struggle", "campaign"})
#: Entities whose name before an event noun names the event ("the Sochi talks").
NAMING_ENTITIES = frozenset({"GPE", "LOC", "PERSON", "ORG", "FAC", "NORP", "EVENT"})
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
#: "in detention", "in custody": a state the person is in, not an arrest ("taken into
#: custody" is the arrest).
STATE_PREPS = frozenset({"in", "from"})
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


def ancestors_within(token: Token, sentence: Span) -> Iterator[Token]:
    for ancestor in token.ancestors:
        if sentence.start <= ancestor.i < sentence.end:
            yield ancestor


def is_negated(token: Token, verb: Token) -> bool:
    """ "did not arrest", "no attack": a noun shares its verb's negation only as its subject
    or object ("not seen even in the major battles" does not deny the battles). An act "without"
    which something happened did not happen ("left without paying", "fell without a fight"),
    and one whose every doer is denied did not either ("no group claimed responsibility",
    "nobody was arrested")."""
    if any(child.lower_ in ("no", "never") for child in token.children):
        return True
    if token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "without":
        return True
    shares_verb = token == verb or token.dep_ in SUBJECT_DEPS | OBJECT_DEPS
    if token == verb and has_negative_subject(verb):
        return True
    return shares_verb and any(child.dep_ == "neg" for child in verb.children)


def has_negative_subject(verb: Token) -> bool:
    """ "no group claimed", "nobody was arrested", "none of the attackers was caught"."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass"}]
    return bool(subjects) and all(
        s.lower_ in NEGATIVE_PRONOUNS
        or any(c.dep_ == "det" and c.lower_ == "no" for c in s.children)
        for s in subjects
    )


def is_conditional(verb: Token, sentence: Span) -> bool:
    """Inside an if/unless clause, or an unreal 'would have'/'could' clause."""
    chain = [verb, *ancestors_within(verb, sentence)]
    for clause in chain:
        if has_condition_marker(clause):
            return True
    if any(c.dep_ == "advcl" and has_condition_marker(c) for c in verb.children):
        return True  # the main clause of "if all sides agree, the army will withdraw"
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & OBLIGATION_AUX and "have" not in auxiliaries:
        return True  # an obligation is not an act: "the allies must recognise it as such"
    return bool(auxiliaries & CONDITIONAL_AUX) and (
        "have" in auxiliaries or not auxiliaries & FUTURE_AUX
    )


def has_condition_marker(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in clause.children)


def is_cumulative_toll(mention: Mention, verb: Token, context: DocContext) -> bool:
    """A death toll in the present perfect over a stretch of time: the sum of many
    happenings, not one."""
    if not is_present_perfect(verb) or sentence_toll(mention.sentence, context) is None:
        return False
    start, end = clause_span(mention.match.head)
    return bool(STRETCH_OF_TIME.search(context.text, start, end))


#: Verbs of change whose object is a campaign's course, not one act: "have intensified aerial
#: bombardment", "escalated its raids", "stepped up attacks" (`is_trend`).
TREND_VERBS = frozenset({"intensify", "escalate", "redouble"})
TREND_PHRASALS = frozenset({("step", "up"), ("ramp", "up")})


#: A year written in a time expression: then its month is that year's, whatever the tense.
WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|'\d\d\b")
#: A month's name ("late September", "Sept."): relative months ("this month") are the story's.
MONTH_NAME = re.compile(
    r"\b(?:" + "|".join(name[:3] for name in calendar.month_name[1:]) + r")[a-z]*\.?(?!\w)",
    re.IGNORECASE,
)


def is_bare_month(text: str) -> bool:
    """ "in late September", "Nov.": a month named without its year ("this month" names none)."""
    return bool(MONTH_NAME.search(text)) and not WRITTEN_YEAR.search(text)


def clause_time_end(time: dict, doc: Doc, reference: date) -> date:
    """The last day of a clause's time. A bare month name told in the past tense and resolved
    after the reference day ("Russia began carrying out strikes in late September" in a July
    article, "the talks collapsed in November" in a March one) is last year's month: a past
    verb rules out the coming one, which is where a resolver reads a month without a year. The
    month must hang on the past verb itself, or on the verb an aspect verb in the past carries
    ("began carrying out ... in September"); under a plan or a promise ("agreed to hold a vote
    in September", "will meet in October") it is the coming month and keeps its day."""
    ended = date.fromisoformat(time["last_day"] or time["first_day"])
    if time["precision"] != "month" or ended <= reference or not is_bare_month(time["text"]):
        return ended
    span = doc.char_span(time["start"], time["end"], alignment_mode="expand")
    governor = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if governor is not None and governor.dep_ == "xcomp":
        governor = governor.head if governor.head.lemma_.lower() in ASPECT_VERBS else None
    if governor is None or governor.tag_ != "VBD" or is_future(governor):
        return ended
    year = date.fromisoformat(time["first_day"]).year - 1
    return date(year, ended.month, calendar.monthrange(year, ended.month)[1])


def is_trend(head: Token) -> bool:
    """An event noun as the object of a verb of change ("the army has intensified its
    shelling of the districts", "militants stepped up attacks on convoys") tells a trend, how a
    campaign goes, not one act; the caller keeps it when its clause dates it ("intensified the
    shelling on Monday, killing six" reports that day's shelling)."""
    if head.pos_ != "NOUN" or head.dep_ != "dobj":
        return False
    verb = head.head
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return lemma in TREND_VERBS or any((lemma, p) in TREND_PHRASALS for p in particles)


def is_present_perfect(verb: Token) -> bool:
    """ "have been killed", "has killed" (not the pluperfect "had killed"); a participle
    joined to one shares its auxiliaries: without a subject of its own ("have killed five and
    wounded ten"; not "they have fled and he stayed"), or gapped, its count joined in their
    place ("have been killed and over 100 wounded", parsed as a participle on "100")."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    joined = verb
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "conj":
        joined = verb.head  # the gapped count
    elif any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in verb.children):
        joined = None
    if not auxiliaries and joined is not None and joined.dep_ == "conj":
        head = first_conjunct(joined)
        auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxiliaries & PRESENT_PERFECT_AUX)


def is_perfect(verb: Token) -> bool:
    """ "has visited", "had backed", "has been jailed", "have so far refused"."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def is_pluperfect(verb: Token) -> bool:
    """ "had vowed", "had been urging": a time before the story's own."""
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def is_characterizing_clause(verb: Token) -> bool:
    """A relative clause in the perfect says what its noun has been through ("the MP, who
    has visited the camps", "the leader, who has been jailed since 1999", "areas it had
    taken over", "concessions they have refused"): a property of a participant recalled as
    background, not the news. A clause about an event noun ("the blast, which has killed
    five") tells that event and stays. Support told in a relative clause, in any tense and
    whatever its noun (`STANCE_TYPES`: "Turkey, which backs the rebels", "a vote in which
    MPs backed the plan", "the rebels it had backed"), describes the noun: the side it stands
    on or how it went, background to the sentence's own news."""
    antecedent = relative_antecedent(verb)
    if antecedent is None:
        return False
    single, _ = trigger_index()
    if any(t.plover in STANCE_TYPES for t in single.get(verb.lemma_.lower(), ())):
        return True
    if not is_perfect(verb):
        return False
    return not any(t.pos in ("N", "*") for t in single.get(antecedent.lemma_.lower(), ()))


def relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause describes: the head of a `relcl`, or the noun of a contact
    clause the parser misread ("that the fighters it had armed would ..." parsed with
    "fighters" as an adverbial or a stray of "armed"): a bare noun right before the verb's
    pronoun subject, the verb having no object of its own, so the noun is the object the
    clause leaves out. A noun with a preposition ("in Goma they fought") or a date ("Monday
    it struck") frames the clause instead."""
    if verb.dep_ == "relcl":
        return verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PRON"]
    if not subjects or subjects[0].i == 0 or any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return None
    before = verb.doc[subjects[0].i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ in FRAMING_NOUN_DEPS:
        return None
    return None if before.ent_type_ in TIME_ENTITIES else before


def is_agentless_commitment(head: Token, plover: str) -> bool:
    """An agentless passive of a promise, agreement or support verb whose subject is a thing
    ("an extra 40m was promised on Monday", "new funds were pledged", "the budget lines were
    agreed"): it names no one committing and no one committed to, so it is no event. An
    agent ("pledged by donors"), a party as subject ("the candidate was backed") or an event
    noun ("a ceasefire was agreed", which tells the agreement itself) keeps the event."""
    if plover not in COMMITMENT_TYPES or head.pos_ != "VERB":
        return False
    if any(c.dep_ == "agent" for c in head.children):
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    return bool(subjects) and all(is_thing(s) for s in subjects)


def is_thing(noun: Token) -> bool:
    """A subject that names neither a party (a name, a pronoun, "the rebels") nor an event the
    trigger lexicon knows: a sum, funds, the lines of a budget. A sum's unit may be misread
    as a verb ("50 m"), so the part of speech only rules out names and pronouns."""
    if noun.pos_ in ("PROPN", "PRON") or noun.ent_type_ in PARTY_ENTITIES:
        return False
    return not is_event_word(noun) and noun.lemma_.lower() not in PARTICIPANT_NOUNS


def is_narrated_pluperfect(verb: Token) -> bool:
    """The narrator's pluperfect steps back before the story's time ("The US had vowed to
    ...", "Turkey had been urging it to attend"): background. In reported speech ("they said
    the fighters had surrendered") it is the speaker's past and still news."""
    if not is_pluperfect(verb):
        return False
    return speech_verb_of(verb) is None and first_conjunct(verb).dep_ not in ("ccomp", "parataxis")


def is_future(verb: Token) -> bool:
    """ "will visit", and a verb coordinated with one that has no auxiliary or subject of its
    own: "he will highlight the anger and call for calm" calls for nothing yet."""
    lowered = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if (
        not lowered
        and verb.tag_ == "VB"
        and verb.dep_ == "conj"
        and not any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in verb.children)
    ):
        lowered = {c.lower_ for c in first_conjunct(verb).children if c.dep_ == "aux"}
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
        complement = current.dep_ == "ccomp"
        current = current.head
        if not sentence.start <= current.i < sentence.end:
            return None
        if not coordinated and is_unreal_governor(current):
            return current
        if complement and is_denied_inference(current):
            return current
    return None


def is_denied_inference(verb: Token) -> bool:
    """ "this does not mean the group has disappeared", "the video does not prove that police
    fired": a denied inference leaves its complement unasserted. Its subject ("the attack does
    not mean ...") is still told as a fact, so only a complement clause is under it."""
    return verb.lemma_.lower() in INFERENCE_VERBS and any(c.dep_ == "neg" for c in verb.children)


def is_question(sentence: Span) -> bool:
    """A question asks whether or why something happened; it does not report it ("Why are we
    bombed day and night?")."""
    return sentence.text.rstrip().rstrip(QUESTION_CLOSERS).endswith("?")


def is_unreal_governor(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in HYPOTHETICAL_GOVERNORS or is_scheduled(token):
        return True
    # The lemmatizer misreads some third-person forms ("hopes" as "hop"): their stem is read.
    if (
        token.tag_ == "VBZ"
        and token.lower_.endswith("s")
        and token.lower_[:-1] in HYPOTHETICAL_GOVERNORS
    ):
        return True
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    return any((lemma, particle) in HYPOTHETICAL_PHRASALS for particle in particles)


def is_scheduled(token: Token) -> bool:
    """ "is set to address a rally", "is due to visit", "is scheduled to meet": what is on
    the calendar has not happened yet (a plan told as the narrator's fact)."""
    return token.lemma_.lower() in SCHEDULE_PREDICATES and any(
        c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in token.children
    )


def is_weapon_object(head: Token) -> bool:
    """A weapon named as a thing, not used: listed among arms ("heavy weapons including
    tanks, mortars and artillery") or what a place or load holds ("littered with mines",
    "a truck packed with explosives"). Fired, planted or hit "with" (a trigger governing
    it) it reports an attack."""
    if head.lemma_.lower() not in WEAPON_NOUNS:
        return False
    anchor = first_conjunct(head)
    if anchor.dep_ != "pobj" or anchor.head.lower_ not in WEAPON_OBJECT_PREPS:
        return False
    single, _ = trigger_index()
    return anchor.head.head.lemma_.lower() not in single


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
    ) or is_named_event(head):
        return "reference"
    if any(c.dep_ == "poss" for c in head.children) or is_definite(head):
        return "presupposed"
    return "argument"


def is_campaign(noun: Token) -> bool:
    """ "the fight against Isis", "led the battle against the group": the definite struggle
    against an enemy is a campaign waged over months or years, not one clash ("a battle
    against militants in Kunduz on Monday" is one and keeps its indefinite article)."""
    if noun.lemma_.lower() not in CAMPAIGN_NOUNS or not (
        is_definite(noun) or any(c.dep_ == "poss" for c in noun.children)
    ):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)


def is_named_event(head: Token) -> bool:
    """An event noun named by a place, person or body ("the Sochi talks", "the Butler
    inquiry", "the Houla massacre") is the name of a known event, used to refer to it: a
    reference, not a report of a new act ("talks in Sochi" and "Russian strikes" are reports)."""
    if head.pos_ != "NOUN" or not is_definite(head):
        return False
    return any(
        c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.ent_type_ in NAMING_ENTITIES
        for c in head.children
    )


def is_habitual(head: Token, sentence: Span) -> bool:
    """Generic or habitual statements: "has a history of mounting assaults", "at every
    explosion", "journalists visit each year", "anyone who criticised them"."""
    if has_generic_determiner(head) or any(
        has_generic_determiner(obj) for obj in prepositional_objects(head)
    ):
        return True  # "at every explosion", "beaten on every level"
    if head.pos_ == "NOUN" and (is_frequent(head) or is_campaign(head)):
        return True
    if is_generic_present(head) or any(
        is_frequency_phrase(obj) for obj in prepositional_objects(clause_verb(head), ("on",))
    ):
        return True  # "Israel rarely claims responsibility", "strikes on a daily basis"
    chain = [head, *ancestors_within(head, sentence)]
    for token in chain:
        if token.lemma_.lower() in HABITUAL_HEADS or (is_continuing(token) and is_combat(head)):
            return True
        for child in token.children:
            if child.dep_ == "npadvmod" and has_generic_determiner(child):
                return True
        if token.dep_ == "relcl" and token.head.lower_ in GENERIC_ANTECEDENTS:
            return True
        if is_comparison(token):
            return True
    return False


def is_continuing(verb: Token) -> bool:
    """The present perfect progressive tells an activity that has gone on for a while and
    still does ("government forces have been fighting rebel groups", "the battle has been
    raging since June", "fighters have been helping the army fend off attacks"): for fighting
    (`is_combat`), a campaign, the background of the news, not one happening. The simple "has
    fought" or "fought" are."""
    if verb.tag_ != "VBG":
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "been" in auxiliaries and bool(auxiliaries & PRESENT_PERFECT_AUX)


def is_combat(head: Token) -> bool:
    """A trigger of fighting: told as going on for a while, it is the war's background (PLOVER
    still codes other ongoing acts: "has been holding civilians as human shields")."""
    single, _ = trigger_index()
    return any(t.plover == "ASSAULT" for t in single.get(head.lemma_.lower(), ()))


def is_simple_present(verb: Token) -> bool:
    """ "backs", "accuse", "strikes": a present verb with no auxiliary ("is backing", "has
    struck" and "are held" are other tenses)."""
    return verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def is_generic_present(head: Token) -> bool:
    """A verb in the simple present with an adverb of frequency states what tends to happen
    ("rarely claims", "usually strikes"); the past ("often fired") still reports events."""
    if not is_simple_present(head):
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
    """ "in detention", "dead or imprisoned", "littered with mines": a condition someone or
    something is in, not an event."""
    if is_weapon_object(head):
        return True
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


def is_purpose(verb: Token) -> bool:
    """An infinitive of purpose or manner ("armed to fight Isis", "ways to advance a
    transfer") is not a fact, unless an aspect verb makes it one ("continued to send")."""
    if not any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children):
        return False
    return verb.head.lemma_.lower() not in ASPECT_VERBS
