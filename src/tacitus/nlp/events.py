"""The `tacitus_events` component: who did what to whom, where and when, coded at once in
PLOVER (type, mode), CAMEO, ACLED (event type, sub-event type) and CASE 2021.

Events come from trigger words listed in ``resources/codebooks/triggers.tsv``; the dependency
parse gives the trigger's source and target actors (read from ``doc._.actors``), its place
(``doc._.places``), time (``doc._.times``), fatalities (``doc._.counts``) and attribution
(``doc._.attributions``, ``doc._.quotes``). The CASE code of a violent or protest event the
trigger alone does not decide comes from the linear classifier of ``tacitus.event_classifier``
applied to the event's sentence, restricted to the codes of the trigger's PLOVER type. A
short report (an ACLED note, a CASE snippet) tells one happening: its main event takes the code
the classifier gives the whole text and that classifier's probability as added confidence.

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
and questions are flagged hypothetical, and so is what the narrator says someone must do; an
act "without" which something happened, or whose every doer is denied ("no group claimed"), is
negated. Background is no event: a relative clause in the perfect about a participant ("who
has visited the camps"), the narrator's pluperfect of a verbal act ("had vowed"), a bare
participle describing someone's standing ("accused of links"), an alliance named by a
participle ("forces backing Assad"), and, in a text without a publication date, an incident
dated long before its latest stated day. Actors: a title and the name in apposition to it are
one party, a bare definite name ("the Front") refers back to the fuller name, a surname to the
person named in full before it, the pronoun subject of what a speaker says it did ("the group
said it attacked") is the speaker, and another pronoun the latest subject of its kind before
it ("He urged ..."); a party only a pronoun stands for does not make a weak trigger an event.

This module holds the component (recognising events in sentences, coding them, confidence and
writing ``doc._.events``); its steps live in modules named by their job: `event_mentions`
(trigger matching), `event_syntax` (the clause around a trigger), `event_actors` (parties),
`event_context` (the Doc's indexes), `event_factuality` (negated, hypothetical and non-events),
`event_places`, `event_times` and `event_merging`.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus import settings
from tacitus.codebooks import Codebooks, Trigger, load_codebooks
from tacitus.event_classifier import cues_in, load_classifier
from tacitus.nlp.counts import fatalities_of
from tacitus.nlp.document import OPENING, in_part
from tacitus.nlp.event_actors import (
    NON_POLITICAL_KINDS,
    SPEECH_VERBS,
    TARGET_PREPS,
    agents_of,
    complement_parties,
    has_participant,
    is_event_word,
    is_pronoun_possessor,
    nominal_roles,
    objects_of,
    producers_of,
    subjects_of,
)
from tacitus.nlp.event_context import DocContext
from tacitus.nlp.event_factuality import (
    clause_time_end,
    embedding_governor,
    has_active_subject,
    has_unreal_predicate,
    is_accident,
    is_agentless_commitment,
    is_characterizing_clause,
    is_conditional,
    is_cumulative_toll,
    is_future,
    is_habitual,
    is_narrated_pluperfect,
    is_negated,
    is_purpose,
    is_question,
    is_simple_present,
    is_state,
    is_trend,
    is_unrealized,
    is_unsaid,
    noun_attachment,
    speech_verb_of,
)
from tacitus.nlp.event_mentions import Match, Mention, find_matches, trigger_index
from tacitus.nlp.event_merging import MERGE_RULES, merge_clause, merge_happenings, raids_as_arrests
from tacitus.nlp.event_places import GROUNDED_TYPES, PLACE_WEIGHTS, place_of, stated_place
from tacitus.nlp.event_syntax import SUBJECT_DEPS, clause_verb, prepositional_objects
from tacitus.nlp.event_times import stated_time, time_of, times_around
from tacitus.nlp.extensions import text_of

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
#: Acts done by saying (PLOVER's verbal types): a speaker's act on a day, so background,
#: standing views and descriptions of someone's standing are no such act.
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "AGREE", "CONSULT", "SUPPORT",
                          "THREATEN"})  # fmt: skip
#: Reporting uses of these verbs ("he claimed that ...") are speech, not events.
REPORTING_ONLY = frozenset({"claim", "allege", "warn"})
#: "X said Y must ..." is a demand of X (PLOVER REQUEST).
OBLIGATION_AUX = frozenset({"must"})
#: Movements go "to" and "into" places: those are destinations, not parties acted on.
MOVEMENT_LEMMAS = frozenset([
    "retreat", "withdraw", "withdrawal", "pull", "evacuate", "deploy", "deployment", "flee",
    "move", "redeploy", "reinforce",
])  # fmt: skip
MOVEMENT_TARGET_PREPS = TARGET_PREPS - {"to", "into", "at"}

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
#: A trigger noun inside another noun phrase ("the damage from airstrikes", "breaches of a
#: truce deal") refers to an event told elsewhere; only a specific weapon trigger stays an event.
REFERENCE_MIN_RANK = 4
#: What protesters say by protesting, and how its verb hangs on the protest's verb.
PROTEST_VOICE_TYPES = frozenset({"REQUEST", "ACCUSE"})
PROTEST_VOICE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl"})
#: Nouns that count the events named after them ("a total of 6 explosions").
COUNTING_NOUNS = frozenset({"total", "tally", "count"})
#: Verbs whose direct object names an event their subject carries out ("held talks").
LIGHT_VERBS = frozenset([
    "hold", "launch", "carry", "conduct", "stage", "mount", "begin", "start", "continue",
    "make", "wage", "open", "lead", "organise", "organize", "issue", "sign", "reach", "strike",
    "announce", "impose", "resume", "step", "intensify", "escalate", "unleash", "perpetrate",
    "commit", "claim", "order", "host", "join", "file", "lodge", "call", "declare", "renew",
    "restart", "complete", "conclude", "attend", "chair", "propose",
])  # fmt: skip
#: Event types that need a political party: talks of "residents" or "journalists" are no
#: consultation. The police are a party (they meet community leaders, visit a site), but their
#: meetings are no diplomacy: the diplomatic CASE code needs a party of another kind.
POLITICAL_PARTY_TYPES = frozenset({"CONSULT"})
#: Prepositions that name the members of a meeting ("a meeting of officers", "talks with").
MEMBER_PREPS = frozenset({"of", "with", "between", "among"})
NON_DIPLOMATIC_KINDS = NON_POLITICAL_KINDS | {"police"}
DIPLOMATIC_CODES = frozenset({"DIPLO"})

#: Judgements that make "X called Y <judgement>" a denunciation.
DISAPPROVING_WORDS = frozenset([
    "disgraceful", "shameful", "unacceptable", "outrageous", "barbaric", "criminal",
    "illegal", "irresponsible", "deplorable", "appalling", "reckless", "provocative",
    "cowardly", "heinous", "inhumane", "abhorrent",
])  # fmt: skip

#: The key of the whole text's probabilities among the sentences' (which start at token >= 0).
WHOLE_TEXT = -1


#: Quantifiers standing for the noun of their "of"-phrase ("few of the conditions").
QUANTIFIERS = frozenset({"few", "many", "none", "some", "all", "most", "several", "each", "any"})

#: Penn tags of finite verb forms.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_postposed_predicate(head: Token) -> bool:
    """An adjective after a verb's object, said of it ("held Kenya responsible"), which the
    parser hangs on the object as its modifier."""
    return (
        head.pos_ == "ADJ"
        and head.dep_ == "amod"
        and head.i > head.head.i
        and head.head.dep_ == "dobj"
    )


def is_descriptor(match: Match) -> bool:
    """A trigger used to describe something else is no event: "detention centres",
    "battle-tested fighters", "the group captured over five years", "the sum demanded"."""
    head = match.head
    if is_postposed_predicate(head):
        return False
    if head.dep_ in ("compound", "amod", "npadvmod") and match.trigger.rank < 5:
        return True
    if head.dep_ != "acl" or head.tag_ not in ("VBN", "VBD"):
        return False
    # A sentence whose root is the noun a past form hangs on has no other predicate: the
    # parser took "medical interns protested in the square" for a reduced relative, and the
    # past form is the sentence's verb.
    if head.head.dep_ == "ROOT" and head.head.pos_ in ("NOUN", "PROPN"):
        return False
    return not is_only_predicate(head)


def is_only_predicate(head: Token) -> bool:
    """No verb outside the past form's own phrase, and no auxiliary with a subject: the
    sentence has no predicate but this one, so the parser misread its verb as a reduced
    relative, as it does after a dateline-like opening or a capitalised acronym ("On 5 May
    workers protested in the city", "IS militants killed a soldier", where "IS" is read as
    the verb "is"). A true reduced relative ("the village captured last year was shelled")
    hangs on a noun that another verb governs."""
    own = {t.i for t in head.subtree}
    return not any(is_finite_predicate(t) for t in head.sent if t.i not in own)


def misread_subject(head: Token) -> Token | None:
    """The noun a past form hangs on when the form is its sentence's only predicate: the
    form's subject, which the parser took for the noun of a reduced relative."""
    if head.dep_ != "acl" or head.tag_ not in ("VBN", "VBD") or head.head.pos_ != "NOUN":
        return None
    return head.head if is_only_predicate(head) else None


def is_plural_doer(subject: Token | None) -> bool:
    """A plural common noun as a trigger's subject names the people who did it ("workers
    protested"), as only people and groups protest, march or clash in the plural."""
    return subject is not None and subject.tag_ == "NNS" and not is_event_word(subject)


def is_finite_predicate(token: Token) -> bool:
    """A verb in a finite form, a verb with an auxiliary, or an auxiliary with a subject; a
    bare participle or an infinitive ("demanding jobs", "with no resulting injuries", "to be
    sent home") predicates nothing."""
    if token.pos_ == "AUX":
        return any(c.dep_ in SUBJECT_DEPS for c in token.children)
    if token.pos_ != "VERB" or any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        return False
    return token.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") for c in token.children)


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
        # "few of the conditions have been met": the quantifier's "of"-object is the object.
        tokens += [o for t in tokens if t.lemma_.lower() in QUANTIFIERS
                   for o in prepositional_objects(t, ("of",))]  # fmt: skip
    elif relation == "modifier":
        tokens = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    elif relation == "governor":
        # the verb above a preposition, or above the object a postposed adjective is said of
        below = head.dep_ == "pobj" or is_postposed_predicate(head)
        governor = head.head.head if below else head.head
        tokens = [governor] if governor != head else []
    elif relation == "prep":
        return {c.lower_ for c in head.children if c.dep_ in ("prep", "prt")}
    elif relation == "agent":
        tokens = agents_of(head)
    elif relation == "possessor":
        tokens = [c for c in head.children if c.dep_ == "poss"]
    elif relation == "frame":  # the preposition a noun trigger is the object of ("during a visit")
        return {head.head.lower_} if head.dep_ == "pobj" else set()
    elif relation == "partner":  # who a trigger is done with or against ("a battle with X")
        tokens = prepositional_objects(head, ("with", "against"))
    elif relation == "complement":
        clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
        tokens = clauses + [a for c in clauses for a in c.children if a.dep_ in ("aux", "mark")]
    else:
        raise ValueError(f"unknown sense relation {relation}")
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    # The sense table is read in lower case ("ent:GPE" is stored as "ent:gpe").
    return words | {f"ent:{t.ent_type_}".lower() for t in tokens if t.ent_type_}


def is_counted(head: Token) -> bool:
    """A trigger noun counted by the noun it hangs on ("a total of 6 explosions", "a tally of
    12 shots") is those events themselves, not a reference inside another noun phrase."""
    if head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    return head.head.head.lemma_.lower() in COUNTING_NOUNS


def is_participle_modifier(head: Token) -> bool:
    """A present participle describing the noun it stands with: "advancing forces", also in
    spaCy's parse of "by advancing forces" as a gerund with an object."""
    if head.tag_ != "VBG":
        return False
    return head.dep_ == "amod" or (head.dep_ == "pcomp" and head.head.lower_ == "by")


def is_standing_participle(head: Token, plover: str) -> bool:
    """A bare past participle set beside a clause describes its subject's standing ("held for
    three years, accused of links to the group"; "a minister, criticised for the deal"), not
    an act of its own: it has no subject and no auxiliary. So does a present participle of
    support after a noun: "forces backing the president", "a group defending the faith" name
    an alliance the noun keeps."""
    if plover == "SUPPORT" and head.tag_ == "VBG" and head.dep_ == "acl":
        return True
    if head.tag_ != "VBN" or head.dep_ not in ("advcl", "acl"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent")
                   for c in head.children)  # fmt: skip


def depth_of(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


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
        mentions = [
            m
            for m in mentions
            if not self.is_background(m, context) and not tells_standing_state(m, context)
        ]
        merged = merge_happenings(mentions, context, self.books, self.merge_rules)
        events = [m for m in merged if confidence_of(m) >= self.min_confidence]
        context.scenes = {
            s.start for m in events if m.factual and m.plover in GROUNDED_TYPES for s in m.sentences
        }
        doc._.case_code = self.main_case_code(context, events)
        self.code_main_event(context, events, doc._.case_code)
        doc._.events = [self.as_dict(i, m, context) for i, m in enumerate(events, start=1)]
        return doc

    def is_background(self, mention: Mention, context: DocContext) -> bool:
        """Background, not the news: an earlier incident recalled ("In May, 60 civilians were
        killed in the town", "a chemical attack in August 2013", "first captured the city in
        2014"), whose clause's time ended more than `background_days` before the article was
        published; or a toll summed over a stretch of days ("since Saturday at least 68
        civilians have been killed", "bombardment in the last two weeks has killed more than
        100"). The reports of their own days tell them as events. A bare month a past verb
        tells is the latest such month before the story ("began strikes in late September" in
        a July article: last September), however a resolver read it (`clause_time_end`). An
        undated change in a campaign ("has intensified its shelling") is a trend (`is_trend`)."""
        verb = clause_verb(mention.match.head)
        if is_cumulative_toll(mention, verb, context):
            return True
        in_clause, _ = times_around(mention, context)  # a sentence may join old and new
        if not in_clause and is_trend(mention.match.head):
            return True
        reference = context.published or latest_stated_day(context)
        if not in_clause or reference is None:
            return False
        ended = clause_time_end(in_clause[0], context.doc, reference)
        return (reference - ended).days > self.background_days

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
        mentions.extend(self.reported_demands(sentence, context))
        mentions.extend(name_callings)
        for mention in mentions:
            self.assign_actors(mention, context)
        for mention in mentions:
            # A party only a pronoun stands for ("it has vowed") is inherited from an earlier
            # sentence: it does not make a weak trigger an event of its own.
            named = context.actors.named_within(
                mention.sources + mention.targets, sentence.start_char, sentence.end_char
            )
            mention.dependent = not (
                mention.rank >= settings.EVENTS_SELF_SUFFICIENT_RANK
                or named
                or has_participant(mention.match, clause_verb(mention.match.head))
                or is_plural_doer(misread_subject(mention.match.head))
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
        return merge_clause(protest_voices_folded(mentions))

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
        if is_characterizing_clause(verb) or is_agentless_commitment(head, match.trigger.plover):
            return None
        if match.trigger.plover in VERBAL_TYPES and (
            is_narrated_pluperfect(verb) or is_standing_participle(head, match.trigger.plover)
        ):
            return None
        nominal = head.pos_ in ("NOUN", "PROPN") or head.dep_ == "pcomp"
        attachment = noun_attachment(head) if nominal else "argument"
        if attachment == "reference" and is_counted(head):
            attachment = "argument"
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
        whole = [text_of(doc)] if self.is_snippet(doc) else []
        if not self.sentence_probabilities and (whole or sentences):
            rows = self.classifier.probabilities(whole + [s.text for s in sentences])
            if whole:
                self.sentence_probabilities[WHOLE_TEXT] = rows[0]
            for sentence, row in zip(sentences, rows[len(whole) :], strict=True):
                self.sentence_probabilities[sentence.start] = row
        return self.sentence_probabilities

    def reported_demands(self, sentence: Span, context: DocContext) -> list[Mention]:
        """ "Chirac said Iraq must cooperate": a REQUEST by the speaker. So is a "must" said in
        a quotation whose speaker is known ('X said: "... The army must withdraw."'): the
        speaker demands it of the clause's subject."""
        mentions = []
        for token in sentence:
            if token.lower_ not in OBLIGATION_AUX or token.dep_ != "aux":
                continue
            speech = token.head.head
            speaker = None
            if speech.lemma_.lower() not in SPEECH_VERBS or token.head.dep_ != "ccomp":
                speaker = quoted_speaker(token, context)
                if speaker is None:
                    continue
                speech = token.head  # the demanded act stands for the demand
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
                    speaker=speaker,
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
        if mention.speaker is not None:  # a quoted demand: the speaker asks the subject
            mention.sources = [mention.speaker]
            demanded = context.actors.of_tokens(subjects_of(head))
            mention.targets = [t for t in demanded if t != mention.speaker]
            return
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
        if verb == head:
            sources += context.actors.of_tokens(producers_of(head))
            targets += context.actors.of_tokens(complement_parties(verb))
        if is_participle_modifier(head):  # "advancing Kurdish forces", "by advancing troops"
            modified = [head.head] if head.dep_ == "amod" else objects_of(head, frozenset())
            sources, targets = context.actors.of_tokens(modified), []
        if head.pos_ in ("NOUN", "PROPN"):
            nominal_sources, nominal_targets = nominal_roles(head, preps)
            sources += context.actors.of_tokens(nominal_sources)
            targets += context.actors.of_tokens(nominal_targets)
            if head.dep_ in SUBJECT_DEPS:  # "airstrikes killed dozens": the verb's objects
                targets += context.actors.of_tokens(objects_of(verb))
        subject = misread_subject(head)
        if subject is not None:  # "On 5 May workers protested": the noun is the subject
            sources += context.actors.of_tokens([subject])
        distinct = context.actors.distinct_parties
        mention.sources = distinct(list(dict.fromkeys(sources)), context.doc)
        mention.targets = distinct(
            [t for t in dict.fromkeys(targets) if t not in mention.sources], context.doc
        )

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

    def code_main_event(
        self, context: DocContext, events: list[Mention], text_code: str | None
    ) -> None:
        """A short report tells one happening (an ACLED note, a CASE snippet): when the
        classifier codes the whole text with confidence, the event that reports it takes that
        code and is the text's main event. Each sentence alone ("police arrested five",
        "shells fell on the village") may read as another type; the text as a whole says
        which of its events is the happening told, here a protest the police broke up or a
        clash in which shells were fired. The main event is the most confident factual event
        of the code's PLOVER type whose trigger's weapon or manner allows the code
        (mode_case_codes.tsv): a shelling is never recoded as mob violence. When the text's
        code came from a trigger (a decisive one, or the one an unsure classifier found the
        best fit), the main event is an event already carrying that code."""
        case = self.books.case(text_code)
        if case is None or not self.is_snippet(context.doc):
            return
        whole = self.probabilities_of(context.doc).get(WHOLE_TEXT)
        if whole is None:
            return
        probability = self.classifier.probability_of(whole, text_code)
        confident = probability >= self.snippet_min_probability
        candidates = [
            m
            for m in events
            if m.factual
            and m.plover == case.plover
            and self.mode_allows(m.mode, text_code)
            and (m.case_code == text_code or confident and m.rank < settings.EVENTS_DECISIVE_RANK)
        ]
        if not candidates:
            return
        main = min(candidates, key=lambda m: (-confidence_of(m), m.match.start))
        main.case_code = text_code
        main.text_probability = probability

    def mode_allows(self, mode: str | None, code: str) -> bool:
        """Whether a trigger's weapon or manner (its PLOVER mode) admits a CASE code."""
        compatible = self.books.mode_codes.get(mode) if mode else None
        return compatible is None or code in compatible

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
        whole = self.probabilities_of(context.doc)[WHOLE_TEXT]
        code, probability = self.classifier.best(whole)
        if probability >= self.snippet_min_probability:
            return code
        named = [m for m in factual if m.match.trigger.case_code]
        if named:
            # The codes the triggers name, ranked by how well each fits the whole text (an
            # unsure classifier still tells "shot dead" in a robbery from one at a checkpoint);
            # the more specific trigger on a tie.
            best = max(
                named,
                key=lambda m: (self.classifier.probability_of(whole, m.case_code), m.rank),
            )
            return best.case_code
        return code if events or probability >= settings.EVENTS_SNIPPET_MIN_EVENTLESS else None


def protest_voices_folded(mentions: list[Mention]) -> list[Mention]:
    """What protesters demand or denounce in the clause of their protest ("workers protested,
    demanding their wages"; "held a sit-in denouncing the cuts and demanded his release") is
    what the protest says, told as one event: the demand or denunciation hanging on the
    protest's verb (its participle or a verb joined to it) is no event of its own."""
    protest_verbs = {clause_verb(m.match.head) for m in mentions if m.plover == "PROTEST"}
    protest_verbs |= {m.match.head for m in mentions if m.plover == "PROTEST"}
    return [m for m in mentions if not is_protest_voice(m, protest_verbs)]


def is_protest_voice(mention: Mention, protest_verbs: set[Token]) -> bool:
    head = mention.match.head
    if mention.plover not in PROTEST_VOICE_TYPES or head.pos_ != "VERB":
        return False
    return head.dep_ in PROTEST_VOICE_DEPS and head.head in protest_verbs


def tells_standing_state(mention: Mention, context: DocContext) -> bool:
    """The narrator's simple present outside the headline and lede tells a standing state, a
    habit or a view ("Turkey, which backs the opposition", "they accuse ministers of ...",
    "the army strikes their hideouts"), not a happening: a report tells what happened in the
    past tense; a verbal act named by a noun stands in its clause's present ("the EU's offer
    gives it leverage"). The present of a headline or a lede ("ISIS kills 50"), of a quotation
    ("Russia and Turkey agree"), or of a clause that dates itself (a caption's "march on
    Sunday") still reports a happening."""
    head = mention.match.head
    if head.pos_ in ("NOUN", "PROPN") and mention.plover in VERBAL_TYPES:
        head = clause_verb(head)  # "the EU's offer gives it leverage": the offer stands
    if not is_simple_present(head) or mention.stated_time is not None:
        return False
    start = head.idx
    if in_part(context.doc, OPENING, start, start + len(head.text)):
        return False
    return not any(q["start"] <= start < q["end"] for q in context.quotes)


def latest_stated_day(context: DocContext) -> date | None:
    """The latest day a text without a publication date states: its news is of that day or
    after, so an incident years before it is recalled background ("On 6 May 2020, people
    protested ... He had stabbed a man on 24 May 2018")."""
    days = [t.get("last_day") or t["first_day"] for t in context.times]
    return max((date.fromisoformat(d) for d in days), default=None)


def quoted_speaker(token: Token, context: DocContext) -> str | None:
    """The actor id of the known speaker of the quotation holding `token`, if any."""
    start = token.idx
    for quote in context.quotes:
        if quote["start"] <= start < quote["end"] and quote.get("speaker_actor"):
            return quote["speaker_actor"]
    return None


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


#: The most confidence a trigger's own evidence gives, and any event.
TRIGGER_MAX_CONFIDENCE = 0.95
MAX_CONFIDENCE = 0.99


def confidence_of(mention: Mention, has_toll: bool = False) -> float:
    """Specific triggers, named parties and a casualty toll make an event more certain. The
    main event of a short report (`Mention.text_probability`) has a second, independent
    witness, the classifier of the whole text: the two combine as independent evidence do
    (the event is wrong only if both are), so the happening the report tells outranks the
    side events told with it (the arrest of a blogger a protest was about)."""
    score = 0.45 + 0.07 * min(mention.rank, 5)
    score += 0.1 if mention.sources else 0.0
    score += 0.05 if mention.targets or has_toll else 0.0
    score -= 0.15 if mention.hypothetical else 0.0
    score += 0.05 if mention.match.head.dep_ == "ROOT" else 0.0
    score = max(0.05, min(score, TRIGGER_MAX_CONFIDENCE))
    if mention.text_probability is not None:
        score = 1.0 - (1.0 - score) * (1.0 - mention.text_probability)
    return round(min(score, MAX_CONFIDENCE), 2)


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
