"""Merging mentions into events: triggers of one clause that describe one event (a raid in the
clause of an arrest is that arrest), and mentions of one article that report one happening
(`merge_happenings`, ruled by `MERGE_RULES`), unless they state another place, day or party."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from spacy.tokens import Doc, Span, Token

from tacitus.codebooks import Codebooks
from tacitus.nlp.document import HEADLINE, LEDE, STAMP, document_span
from tacitus.nlp.event_actors import subjects_of
from tacitus.nlp.event_context import DocContext, sentence_toll
from tacitus.nlp.event_mentions import Mention, trigger_index
from tacitus.nlp.event_places import contains, distance_km
from tacitus.nlp.event_syntax import SUBJECT_DEPS, clause_verb, is_definite
from tacitus.nlp.event_times import stated_time
from tacitus.nlp.places import TOWN_FEATURES

#: When two mentions of one article are one happening (`merge_happenings`): how many sentences
#: after the event a mention with no party of its own or a charge may join it, and how far
#: apart their places (km) and stated days may lie before they are two happenings.
MERGE_RULES = {"max_sentences": 2, "max_km": 50.0, "max_days_apart": 1}

#: Searches by force that arrests are made in (`raids_as_arrests`).
RAID_LEMMAS = frozenset({"raid", "swoop", "sweep"})
#: Steps of the judicial procedure that follows an arrest (`follows_up`).
FOLLOW_UP_LEMMAS = frozenset({"charge", "indict", "remand", "arraign"})

#: Prepositions that tell the event an act was part of ("killed in the attack", "during the
#: raid", "wounded by the blast").
REFERRING_PREPS = frozenset({"in", "during", "by"})
#: Acts done by saying: one speaker's act of one type in one report is one statement.
STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "AGREE", "SUPPORT", "THREATEN"})
#: The rank from which a trigger's CASE code is its own happening's ("shelled", "airstrike").
SPECIFIC_RANK = 4


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
    events = [body_first(event, context) for event in events]
    for event in events:
        take_most_specific_code(event)
    return events


def body_first(event: Mention, context: DocContext) -> Mention:
    """An event a headline announces with no place ("Five Rescuers Killed by Airstrikes") is
    told by the body's first sentence (`opens_story`) where that states one: the headline's
    telegraphic grammar misreads parties and a date stamp gives the day of publishing, where
    the lead states who, where and when. The headline stays one of its evidence sentences."""
    headline = headline_of(context.doc)
    if headline is None or not in_span(event.sentence, headline):
        return event
    lead = lead_after(context.doc, headline)
    told = next((m for m in event.merged if m.sentence == lead), None)
    if told is None or event.stated_place is not None or told.stated_place is None:
        return event
    told.merged = [event, *(m for m in event.merged if m is not told)]
    event.merged = []
    told.sources, told.targets = event.sources, event.targets
    told.dependent = False
    return told


def headline_of(doc: Doc) -> Span | None:
    """The headline, or where a scraped page runs its date stamp and headline into the first
    sentence (`STAMP`), that sentence."""
    headline = document_span(doc, HEADLINE)
    if headline is None and document_span(doc, STAMP) is not None:
        headline = document_span(doc, LEDE)
    return headline


def in_span(sentence: Span, part: Span) -> bool:
    return part.start_char <= sentence.start_char < part.end_char


def same_happening(
    later: Mention,
    event: Mention,
    context: DocContext,
    books: Codebooks,
    rules: dict[str, float],
) -> bool:
    """Whether `later` reports the happening of `event` (a mention and those merged into it):
    both factual, compatible in type with every mention of the event and stating no other
    place, time or attacker than any of them, and linked. A strong link (`later` refers back
    to it, "the attack"; restates its toll; or is the lead the headline announced) holds
    whoever the victims are said to be: one report names them many ways ("11 civilians",
    "three children", "a nurse"). A weaker link needs no other victims as well: `later`
    shares a sentence with it, or, told within `rules["max_sentences"]` sentences of it,
    names no party of its own (`dependent`), follows up its arrest (`follows_up`), goes on
    with its scene or is set in its town. Nearness alone links nothing: a report tells of
    many arrests and clashes in a row."""
    if not (later.factual and event.factual):
        return False
    if not all(
        compatible_types(later, m, books) and not setting_conflicts(later, m, context, rules)
        for m in event.mentions
    ):
        return False
    # A headline's telegraphic grammar misreads its parties ("Workers Killed by Airstrikes"
    # makes the airstrikes a party): the lead it announces is linked whoever it names.
    if opens_story(later, event, context):
        return True
    if any(parties_conflict(later.sources, m.sources, context) for m in event.mentions):
        return False
    if (
        refers_back(later)
        or restates_toll(later, event, context)
        or restates_statement(later, event, context)
    ):
        return True
    if any(parties_conflict(later.targets, m.targets, context) for m in event.mentions):
        return False
    apart = min(sentences_apart(m, later, context) for m in event.mentions)
    near = apart <= rules["max_sentences"]
    return (
        apart == 0
        or (near and later.dependent)
        or (near and follows_up(later, event))
        or (near and continues_scene(later, event))
        or same_town(later, event, context)
    )


def opens_story(later: Mention, event: Mention, context: DocContext) -> bool:
    """The headline announces the happening its lead tells (the inverted pyramid): an act of
    the same type in the headline and in the first sentence of the body is one act ("Syrian
    Army Kills 50 Fighters in Daraa" over "The army killed at least 50 fighters ..."). Where
    a scraped page runs its date stamp and headline into the first sentence (`STAMP`), that
    sentence plays the headline's part and the next one is the lead."""
    if later.plover != event.plover:
        return False
    doc = context.doc
    opening = headline_of(doc)
    if opening is None or not in_span(event.mentions[0].sentence, opening):
        return False
    return later.sentence == lead_after(doc, opening)


def lead_after(doc: Doc, headline: Span) -> Span | None:
    """The first sentence of the body, which tells what the headline announces."""
    body = next((t for t in doc[headline.end :] if not t.is_space), None)
    return body.sent if body is not None else None


def restates_statement(later: Mention, event: Mention, context: DocContext) -> bool:
    """A verbal act of the type and speaker already told is that act told again: a report
    comes back to what one speaker said ("X rejects the claims" in the lead, "X rejected them
    at a news conference" below), on the day and at the place it said (`same_happening`
    checks that neither conflicts), however far apart the two mentions stand."""
    if later.plover != event.plover or later.plover not in STATEMENT_TYPES:
        return False
    speakers, told = speakers_of(later, context), speakers_of(event, context)
    return bool(speakers and told) and context.actors.share(speakers, told)


def speakers_of(mention: Mention, context: DocContext) -> list[str]:
    """Who does the verbal act: its sources, or else the speaker of the quotation it stands
    in ('"We will crush them," the minister said' is the minister's threat, which a report
    first tells as "the minister threatened to crush them")."""
    if mention.sources:
        return mention.sources
    start = mention.match.head.idx
    return [
        q["speaker_actor"]
        for q in context.quotes
        if q.get("speaker_actor") and q["start"] <= start < q["end"]
    ][:1]


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


def setting_conflicts(a: Mention, b: Mention, context: DocContext, rules: dict[str, float]) -> bool:
    """Two mentions stating different places or days report two happenings (different
    attackers too, unless the link is the headline's, and other victims only where the link is
    weak: `same_happening`)."""
    return places_conflict(
        a.stated_place, b.stated_place, context, rules["max_km"]
    ) or times_conflict(own_time(a, context), own_time(b, context), int(rules["max_days_apart"]))


def own_time(mention: Mention, context: DocContext) -> dict | None:
    """The day the mention's own clause gives its happening, not the day it was reported."""
    if mention.stated_time is None:
        return None
    return stated_time(mention, context, own=True)


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
    """A definite noun names an event already told ("the attack", "this raid", "the men's
    arrest"), and so does an act whose subject is one ("the attack on two villages killed 15
    civilians", "the blast wounded a guard") or that is told as done in or by one ("five were
    killed in the attack", "wounded by the blast")."""
    head = later.match.head
    if head.pos_ == "NOUN":
        return names_known_event(head)
    told_in = [
        o
        for p in head.children
        if p.dep_ in ("prep", "agent") and p.lower_ in REFERRING_PREPS
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return any(names_known_event(s) and is_event_noun(s) for s in subjects_of(head) + told_in)


def names_known_event(noun: Token) -> bool:
    """A definite determiner, or a possessor that is a definite noun naming no one ("the
    men's arrest"). A named possessor ("Russia's attack") may introduce a new event, and a
    pronoun one ("its attacks") often names a campaign or a habit of the party rather than the
    event just told."""
    return is_definite(noun) or any(
        c.dep_ == "poss" and c.pos_ == "NOUN" and is_anaphoric(c) for c in noun.children
    )


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
