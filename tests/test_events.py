"""The events component: triggers, coding, flags, actors, counts, and the classifier."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus.codebooks import PLOVER_TYPES, load_codebooks, read_table
from tacitus.event_classifier import load_classifier
from tacitus.nlp.event_actors import ActorIndex
from tacitus.nlp.event_merging import times_conflict
from tacitus.nlp.event_places import contains, contradicts, odd_country, qualifier_pairs
from tacitus.nlp.event_syntax import prepositional_objects
from tacitus.schema import Event

PUBLISHED = date(2016, 12, 6)


def events_of(doc_of, text: str) -> list[dict]:
    doc = doc_of(text, PUBLISHED)
    for event in doc._.events:
        Event.model_validate(event)
    return doc._.events


def factual(events: list[dict], plover: str) -> list[dict]:
    return [e for e in events if e["type"] == plover and not (e["negated"] or e["hypothetical"])]


def actor_names(doc_of, text: str, ids: list[str]) -> set[str]:
    actors = {a["id"]: a for a in doc_of(text, PUBLISHED)._.actors or []}
    return {actors[i]["name"] for i in ids if i in actors}


def test_veto_by_two_states_of_a_resolution_tabled_by_three(doc_of):
    text = (
        "Russia and China vetoed a UN Security Council resolution for a seven-day cease-fire "
        "tabled by Spain, Egypt and New Zealand."
    )
    events = events_of(doc_of, text)
    (veto,) = factual(events, "REJECT")
    assert veto["trigger"]["text"] == "vetoed"
    assert (veto["mode"], veto["cameo"], veto["case_code"]) == ("veto", "129", "DIPLO")
    assert veto["evidence"] == {"start": 0, "end": len(text)}
    ceasefire = [e for e in events if e["trigger"]["text"] == "cease-fire"]
    assert ceasefire and all(e["hypothetical"] for e in ceasefire)
    doc = doc_of(text, PUBLISHED)
    if doc._.actors:  # with the actors component: two sources, the sponsors as targets
        assert len(veto["source_actors"]) == 2
        assert not set(veto["source_actors"]) & set(veto["target_actors"])


def test_ground_advance_with_its_day(doc_of):
    text = "Syrian troops pressed their advance into eastern Aleppo on Monday."
    (advance,) = factual(events_of(doc_of, text), "ASSAULT")
    assert advance["trigger"]["text"] == "advance"
    assert advance["acled_type"] == "Battles"
    if doc_of(text, PUBLISHED)._.times:
        assert advance["time"]["precision"] == "day"
        assert advance["time"]["first_day"] == "2016-12-05"


def test_shelling_with_two_killed_is_one_event_with_its_toll(doc_of):
    text = "A field hospital was shelled and two Russian nurses were killed."
    events = factual(events_of(doc_of, text), "ASSAULT")
    assert len(events) == 1
    (shelling,) = events
    assert shelling["case_code"] == "ART_MISS_ATTACK"
    assert shelling["acled_sub_type"] == "Shelling/artillery/missile attack"
    if doc_of(text, PUBLISHED)._.counts:
        assert shelling["fatalities"]["best"] == 2


def test_airstrikes_killing_dozens(doc_of):
    text = "Airstrikes in Idlib province killed dozens, activists said."
    (strike,) = factual(events_of(doc_of, text), "ASSAULT")
    assert strike["case_code"] == "AIR_STRIKE"
    assert strike["mode"] == "aerial" and strike["cameo"] == "195"
    if doc_of(text, PUBLISHED)._.counts:
        fatalities = strike["fatalities"]
        assert fatalities["low"] < fatalities["high"] and fatalities["low"] >= 12


def test_demand(doc_of):
    text = "The Russian foreign minister demanded that all rebel fighters leave the city."
    (demand,) = factual(events_of(doc_of, text), "REQUEST")
    assert demand["trigger"]["text"] == "demanded" and demand["cameo"].startswith("10")


def test_reported_obligation_is_a_demand(doc_of):
    text = "Ukraine said on Wednesday that Poland must hand back the drone."
    assert factual(events_of(doc_of, text), "REQUEST")


def test_denunciation(doc_of):
    text = "Albania on Friday denounced the crackdown on ethnic Albanians in Montenegro."
    (denunciation,) = factual(events_of(doc_of, text), "ACCUSE")
    assert denunciation["mode"] == "disapprove" and denunciation["cameo"] == "111"


def test_name_calling_is_a_denunciation(doc_of):
    events = events_of(doc_of, "The White House called the attacks disgraceful.")
    assert [e["trigger"]["text"] for e in factual(events, "ACCUSE")] == ["called"]


def test_what_a_name_calling_judges_is_not_an_event_of_its_author(doc_of):
    events = events_of(doc_of, 'The White House called the attacks "disgraceful".')
    assert [(e["type"], e["trigger"]["text"]) for e in events] == [("ACCUSE", "called")]


def test_refusal_flags_what_was_refused(doc_of):
    events = events_of(doc_of, "US officials refused to confirm whether talks would begin.")
    assert [e["trigger"]["text"] for e in factual(events, "REJECT")] == ["refused"]
    talks = [e for e in events if e["trigger"]["text"] == "talks"]
    assert all(e["hypothetical"] for e in talks)


@pytest.mark.parametrize(
    "text",
    [
        "The resolution would have implemented a seven-day cease-fire.",
        "If all sides agree, the army will withdraw from the city.",
        "The government proposed talks with the rebels.",
    ],
)
def test_hypothetical_events_are_not_facts(doc_of, text):
    events = events_of(doc_of, text)
    assert events, "the hypothetical event is still reported, flagged"
    main = [e for e in events if e["type"] in ("RETREAT", "CONSULT")]
    assert main and all(e["hypothetical"] for e in main)


def test_negated_event(doc_of):
    events = events_of(doc_of, "Police did not arrest anyone at the rally in Dhaka.")
    arrests = [e for e in events if e["mode"] == "arrest"]
    assert arrests and all(e["negated"] for e in arrests)


def test_opinion_paragraph_yields_nothing(doc_of):
    text = (
        "The war has been a tragedy for everyone involved. In my view, the world should not "
        "look away. Diplomacy must be given a chance, and it is time for leaders to show "
        "courage. Perhaps history will judge us all."
    )
    doc = doc_of(text, PUBLISHED)
    assert doc._.events == []
    assert doc._.case_code is None


def test_definite_mention_of_a_reported_attack_is_merged(doc_of):
    text = (
        "Militants attacked a police station in the town of Bannu on Sunday. "
        "The attack was the third this month."
    )
    attacks = factual(events_of(doc_of, text), "ASSAULT")
    assert len(attacks) == 1


def test_a_merged_event_keeps_every_evidence_span(doc_of):
    text = (
        "Syrian troops shelled the town on Monday. "
        "The shelling by Syrian troops destroyed a school."
    )
    [shelling] = factual(events_of(doc_of, text), "ASSAULT")
    second = text.index("The shelling")
    assert shelling["evidence"] == {"start": 0, "end": second - 1}
    assert shelling["evidence_spans"] == [
        {"start": 0, "end": second - 1},
        {"start": second, "end": len(text)},
    ]


def test_snippet_case_code(doc_of):
    assert (
        doc_of("A suicide bomber blew himself up outside a police station.")._.case_code
        == "SUIC_BOMB"
    )
    assert (
        doc_of("Thousands of teachers marched peacefully to demand higher pay.")._.case_code
        == "PEACE_PROTEST"
    )


def test_codebooks_are_consistent_and_complete():
    books = load_codebooks()
    assert len(books.case_codes) == 30
    assert {t.plover for t in books.triggers} <= set(PLOVER_TYPES)
    assert books.cameo_to_plover("0874").plover == "RETREAT"
    assert books.cameo_to_plover("1951").plover == "ASSAULT"
    assert books.case_of_acled("Battles", "Armed clash").code == "ARMED_CLASH"


def test_case_codes_match_the_task_label_set(gold_data):
    listed = (gold_data / "case2021" / "event_types.txt").read_text().split()
    extra = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
    assert set(load_codebooks().case_codes) == set(listed) | extra


def test_every_case_code_is_reachable_by_the_classifier():
    """Each of the 30 codes is predicted for at least one of its own written examples."""
    classifier = load_classifier()
    examples = read_table("case_examples.tsv")
    reached = {
        row["case_code"]
        for row in examples
        if classifier.predict(row["text"])[0] == row["case_code"]
    }
    assert reached == set(load_codebooks().case_codes)


def test_classifier_restricted_to_a_family():
    classifier = load_classifier()
    code, probability = classifier.predict(
        "Police fired tear gas at the crowd.", ("PEACE_PROTEST", "PROTEST_WITH_INTER")
    )
    assert code == "PROTEST_WITH_INTER" and 0.5 < probability <= 1.0


def test_inherited_time_is_widened_to_its_calendar_unit():
    from tacitus.nlp.event_times import lowered

    day = {"first_day": "2016-12-07", "last_day": "2016-12-07", "precision": "day"}
    assert lowered(day) == {
        "first_day": "2016-12-05",
        "last_day": "2016-12-11",
        "precision": "week",
    }
    month = {"first_day": "2016-09-01", "last_day": "2016-09-30", "precision": "month"}
    assert lowered(month) == {
        "first_day": "2016-07-01",
        "last_day": "2016-09-30",
        "precision": "quarter",
    }


def test_event_without_any_time_gets_none_not_the_publication_date(doc_of):
    events = events_of(doc_of, "Rebels shelled the city centre.")
    assert events and all(e["time"] is None for e in events)


@pytest.mark.parametrize(
    ("text", "plover", "case_code"),
    [
        ("Russian aircraft conducted twelve aerial strikes on Idlib.", "ASSAULT", "AIR_STRIKE"),
        ("Police found a bomb under the seat of his van in Grozny.", "COERCE", "DISR_WEAP"),
        ("Russia blocked the French attempt to refer Syria to the court.", "REJECT", None),
    ],
)
def test_the_sense_of_an_ambiguous_trigger_decides_its_event(doc_of, text, plover, case_code):
    events = factual(events_of(doc_of, text), plover)
    assert events
    if case_code:
        assert events[0]["case_code"] == case_code


@pytest.mark.parametrize(
    "text",
    [
        "The group released a video of its leader on Tuesday.",  # not a release of captives
        "Russia has a history of mounting assaults when western leaders meet.",  # habitual
        "The militia was trying to wipe out anyone who opposed it.",  # generic
        "Five children whose parents are in detention were brought home.",  # a state
        "Fires caused by cooking stoves have killed two children in the camp.",  # accident
        "Relatives are seeking at least 700 women in the camps.",  # a search, not a request
        "Isis fighters had dispersed before the last stand.",  # no crowd was dispersed
    ],
)
def test_words_that_report_no_event_give_no_fact(doc_of, text):
    types = {"RETREAT", "ASSAULT", "ACCUSE", "COERCE", "REQUEST"}
    assert not [e for e in events_of(doc_of, text) if e["type"] in types and not e["hypothetical"]]


@pytest.mark.parametrize(
    "text",
    [
        "Renewed fighting is a possibility.",
        "The village will be recaptured within the next week.",
        "Gunmen nearly killed the governor of Kano.",
        "Turkey persuaded Russia to hold off from shelling Idlib.",
    ],
)
def test_predicted_and_averted_events_are_not_facts(doc_of, text):
    events = [e for e in events_of(doc_of, text) if e["type"] in ("ASSAULT", "THREATEN")]
    assert events, "the event is still reported, flagged"
    assert all(e["hypothetical"] and e["type"] == "ASSAULT" for e in events)


def test_a_known_refusal_stays_a_fact_under_a_modal_verb(doc_of):
    text = "A court case argues that France's refusal to repatriate children would breach the law."
    (refusal,) = [e for e in events_of(doc_of, text) if e["trigger"]["text"] == "refusal"]
    assert not refusal["hypothetical"]


def test_advancing_forces_are_the_source_of_the_advance(doc_of):
    text = "Trapped by advancing Syrian Democratic Forces, the militants surrendered."
    (advance,) = [e for e in events_of(doc_of, text) if e["trigger"]["text"] == "advancing"]
    assert not advance["target_actors"]
    names = actor_names(doc_of, text, advance["source_actors"])
    if doc_of(text, PUBLISHED)._.actors:
        assert names == {"Syrian Democratic Forces"}


def test_cue_words_pair_a_protest_with_its_intervention():
    from tacitus.event_classifier import cue_words

    words = cue_words("Residents protested in Lagos; police arrested two of them.").split()
    assert {"cueprotest", "cueintervention", "cueprotestxintervention"} <= set(words)
    assert cue_words("The weather was fine.") == ""


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Hamas threatened on Monday to resume attacks in Israel.", "violence"),
        ("Russia threatened to stop negotiations with the United States.", "relations"),
        ("The president threatened to impose a curfew in Algiers.", "curfew"),
    ],
)
def test_the_mode_of_a_threat_is_the_act_threatened(doc_of, text, mode):
    (threat,) = factual(events_of(doc_of, text), "THREATEN")
    assert threat["mode"] == mode


def test_weapon_of_the_trigger_bounds_its_case_code(doc_of):
    """Gunfire and battles are clashes or attacks; they are never coded shelling or mob
    violence, however the sentence classifier leans."""
    text = (
        "Gunfire echoed through the streets of Kidal on Monday as rebels fought a fierce battle "
        "with army troops, while a crowd of residents watched from their rooftops."
    )
    violent = [e for e in events_of(doc_of, text) if e["type"] == "ASSAULT"]
    assert violent
    firearms = load_codebooks().mode_codes["firearms"]
    for event in violent:
        if event["mode"] == "firearms":
            assert event["case_code"] in firearms


def test_aircraft_attacking_is_an_air_strike(doc_of):
    events = events_of(
        doc_of, "On Sunday US jets and helicopters attacked Isis positions in Baghuz."
    )
    (attack,) = factual(events, "ASSAULT")
    assert (attack["mode"], attack["case_code"]) == ("aerial", "AIR_STRIKE")


def test_police_meeting_is_a_consultation_but_not_diplomacy(doc_of):
    events = events_of(
        doc_of, "The Delhi police held meetings with community leaders on Friday to keep peace."
    )
    (meeting,) = factual(events, "CONSULT")
    assert meeting["case_code"] is None


def test_frequency_adjective_makes_a_pattern_not_an_event(doc_of):
    text = "She said she was subjected to regular interrogations and police visits at home."
    assert not [e for e in events_of(doc_of, text) if e["type"] == "CONSULT"]


def test_mode_case_codes_name_known_codes():
    books = load_codebooks()
    for mode, codes in books.mode_codes.items():
        assert codes <= set(books.case_codes), mode
    assert books.mode_codes["aerial"] == {"AIR_STRIKE"}


def test_a_repeated_clause_with_the_same_parties_is_a_new_event(doc_of):
    """Only a noun ("the firing") refers back; a second clause reports a second action."""
    text = (
        "Police opened fire at rioters in Vadodara on Monday morning. "
        "In the evening, police opened fire at a crowd of arsonists in Godhra."
    )
    firings = [e for e in factual(events_of(doc_of, text), "ASSAULT") if e["mode"] == "firearms"]
    assert len(firings) == 2


def test_mob_violence_needs_a_crowd(doc_of):
    """A code whose ACLED distinction is a crowd is not chosen for an armed group's attack."""
    text = "Kurdish fighters attacked a convoy of government officials near Hasakah on Sunday."
    needs = load_codebooks().code_cues
    crowd_codes = {code for code, cues in needs.items() if cues & {"mob", "protest"}}
    for event in factual(events_of(doc_of, text), "ASSAULT"):
        assert event["case_code"] not in crowd_codes


def test_prepositional_objects_by_preposition_and_passive_agent(nlp):
    attack = nlp("The attack on the base by militants killed two soldiers.")[1]
    assert [t.text for t in prepositional_objects(attack)] == ["base", "militants"]
    assert [t.text for t in prepositional_objects(attack, ("by",))] == ["militants"]
    assert prepositional_objects(attack, frozenset()) == []
    killed = nlp("The soldier was killed by militants in the town.")[3]
    assert [t.text for t in prepositional_objects(killed, relation="agent")] == ["militants"]
    assert prepositional_objects(killed) == []  # "in the town" hangs on "militants"


def test_recoding_senses_name_their_trigger_once_parsed():
    books = load_codebooks()
    senses = [sense for group in books.senses.values() for sense in group]
    recoding = [sense for sense in senses if sense.action == "as"]
    assert recoding and all(books.trigger_named(sense.recoded_as) for sense in recoding)
    assert all(not sense.recoded_as for sense in senses if sense.action != "as")
    assert any(sense.recoded_as == ("liberate",) for sense in books.senses[("free",), "V"])


def test_their_advance_is_the_subjects(doc_of):
    text = "Syrian troops pressed their advance into eastern Aleppo on Monday."
    (advance,) = factual(events_of(doc_of, text), "ASSAULT")
    assert actor_names(doc_of, text, advance["source_actors"]) == {"Syrian troops"}


def test_injuries_at_a_dispersed_protest_are_no_armed_clash(doc_of):
    text = (
        "Police fired tear gas on Tuesday to disperse about 2,000 protesters. At least 15 "
        "people were injured and 23 were arrested, a police spokesman said."
    )
    injury_sentence = text.index("At least 15")
    injured = [
        e
        for e in factual(events_of(doc_of, text), "ASSAULT")
        if any(span["start"] == injury_sentence for span in e["evidence_spans"])
    ]
    assert injured and all(e["case_code"] != "ARMED_CLASH" for e in injured)


def test_a_past_event_does_not_take_a_later_clauses_future_time(doc_of):
    text = (
        "Police dispersed the protesters on Tuesday. Organisers said the demonstration had "
        "been peaceful and called for another march next week."
    )
    (demonstration,) = [
        e for e in events_of(doc_of, text) if e["trigger"]["text"] == "demonstration"
    ]
    assert demonstration["time"] is None or demonstration["time"]["first_day"] <= "2016-12-06"


# --- the event's place ---------------------------------------------------------------------------


def place_names(doc_of, text: str) -> dict[str, str | None]:
    """Each event's trigger text -> the name of its place."""
    doc = doc_of(text, PUBLISHED)
    names = {p["id"]: p["name"] for p in doc._.places or []}
    return {e["trigger"]["text"]: names.get(e["place"] or "") for e in doc._.events}


def test_the_town_before_its_province_is_the_events_place(doc_of):
    text = "On Friday, in Rosario, Santa Fe, dock workers protested against a wage freeze."
    assert place_names(doc_of, text)["protested"] == "Rosario"


def test_a_later_sentence_inherits_the_scene_of_its_paragraph(doc_of):
    text = (
        "On Friday, in Rosario, Santa Fe, police raided a warehouse near the port. "
        "Four men were arrested."
    )
    assert place_names(doc_of, text)["arrested"] == "Rosario"


def test_a_demand_after_a_protest_is_made_where_the_protest_was(doc_of):
    text = (
        "On Friday, hundreds of teachers protested outside the provincial legislature in "
        "Rosario. The teachers demanded a pay rise."
    )
    assert place_names(doc_of, text)["demanded"] == "Rosario"


def test_a_demand_inherits_no_place_from_a_sentence_without_an_event_on_the_ground(doc_of):
    text = (
        "The finance minister met union leaders in Rosario on Friday. "
        "The teachers demanded a pay rise."
    )
    assert place_names(doc_of, text)["demanded"] is None


def test_a_nationality_is_not_the_events_place(doc_of):
    doc = doc_of("Kenyan police arrested three men on Tuesday.", PUBLISHED)
    countries = {p["id"] for p in doc._.places or [] if p["feature"] == "country"}
    (arrest,) = factual(doc._.events, "COERCE")
    assert arrest["place"] not in countries


def place(name: str, feature: str, country: str, admin1: str | None = None) -> dict:
    return {"id": name, "name": name, "feature": feature, "country": country, "admin1": admin1}


def mentioned(text: str, name: str, feature: str, country: str, admin1: str | None = None):
    start = text.index(name)
    return start, start + len(name), place(name, feature, country, admin1)


def test_a_province_contains_its_towns_and_a_country_its_provinces():
    town = place("Rosario", "city", "ARG", "Santa Fe")
    province = place("Santa Fe", "admin1", "ARG", "Santa Fe")
    assert contains(province, town)
    assert not contains(town, province)
    assert not contains(place("Chaco", "admin1", "ARG", "Chaco"), town)
    assert contains(place("Argentina", "country", "ARG"), province)


def test_a_qualifier_in_another_country_or_province_contradicts_the_place():
    assert contradicts(place("Urozgan", "admin2", "AFG"), place("Chora", "locality", "GRC"))
    # a city named as its province stands for the province ("Town, Donetsk")
    donetsk = place("Donetsk", "city", "UKR", "Donetsk")
    assert contradicts(donetsk, place("Kamianka", "locality", "UKR", "Cherkasy"))
    assert not contradicts(donetsk, place("Kamianka", "locality", "UKR", "Donetsk"))


def test_qualifiers_in_the_forms_news_and_acled_write():
    text = "in Rosario, Santa Fe and in Tonala (Jalisco) near Karama in eastern Raqqa countryside"
    candidates = [
        mentioned(text, "Rosario", "city", "ARG", "Santa Fe"),
        mentioned(text, "Santa Fe", "admin1", "ARG", "Santa Fe"),
        mentioned(text, "Tonala", "city", "MEX", "Jalisco"),
        mentioned(text, "Jalisco", "admin1", "MEX", "Jalisco"),
        mentioned(text, "Karama", "locality", "SYR", "Raqqa"),
        mentioned(text, "Raqqa", "city", "SYR", "Raqqa"),
    ]
    pairs = {(fine[2]["id"], coarse[2]["id"]) for fine, coarse in qualifier_pairs(candidates, text)}
    # "Santa Fe and in Tonala" joins two places: neither qualifies the other
    assert pairs == {("Rosario", "Santa Fe"), ("Tonala", "Jalisco"), ("Karama", "Raqqa")}


def test_a_province_after_a_district_the_places_component_missed_still_qualifies():
    text = "fired on a market near Lugo (Mahagi, Ituri) and on Bunia"
    candidates = [
        mentioned(text, "Lugo", "locality", "ESP", "Galicia"),
        mentioned(text, "Ituri", "admin1", "COD", "Ituri"),
        mentioned(text, "Bunia", "city", "COD", "Ituri"),
    ]
    (pair,) = qualifier_pairs(candidates, text)
    assert (pair[0][2]["name"], pair[1][2]["name"]) == ("Lugo", "Ituri")
    assert contradicts(pair[1][2], pair[0][2])


def test_a_place_abroad_among_places_and_parties_of_one_country_is_odd():
    places = [place("Chora", "locality", "GRC"), place("Urozgan", "admin2", "AFG")]
    assert odd_country(places[0], places, ["AFG"])
    assert not odd_country(places[1], places, ["AFG"])


# --- one event per happening -------------------------------------------------------------------


def evidence_starts(event: dict) -> list[int]:
    return [span["start"] for span in event["evidence_spans"]]


def test_a_wounding_in_the_attack_is_that_shooting(doc_of):
    text = (
        "A gunman opened fire on the Peruvian consul at a gallery opening in Lyon on Thursday. "
        "Two visitors were wounded in the attack."
    )
    (shooting,) = factual(events_of(doc_of, text), "ASSAULT")
    assert shooting["trigger"]["text"] == "opened fire"  # the first mention's trigger
    assert evidence_starts(shooting) == [0, text.index("Two visitors")]


@pytest.mark.parametrize("charged", ["The two men were charged", "They were charged"])
def test_a_charge_of_the_people_just_arrested_is_that_arrest(doc_of, charged):
    text = (
        "Police in Leeds arrested two brothers on Friday over the robbery of a jewellery shop. "
        f"{charged} with armed robbery on Saturday."
    )
    (arrest,) = factual(events_of(doc_of, text), "COERCE")
    assert arrest["trigger"]["text"] == "arrested"
    assert evidence_starts(arrest) == [0, text.index(charged)]


def test_a_charge_naming_someone_anew_stays_its_own_event(doc_of):
    text = "Police in Leeds arrested two brothers on Friday. Karim Ashdown was charged with fraud."
    assert len(factual(events_of(doc_of, text), "COERCE")) == 2


def test_two_arrests_in_neighbouring_sentences_stay_two_events(doc_of):
    text = (
        "Police arrested five men in Leeds on Friday. "
        "Police in Bradford also arrested three women on Friday."
    )
    assert len(factual(events_of(doc_of, text), "COERCE")) == 2


def test_a_toll_without_a_party_keeps_the_weapon_of_its_clause(doc_of):
    text = "One person was killed in police firing in the old city on Tuesday."
    (firing,) = factual(events_of(doc_of, text), "ASSAULT")
    assert firing["mode"] == "firearms"


def test_the_blast_of_a_suicide_bombing_adds_its_toll_to_the_bombing(doc_of):
    text = (
        "A suicide bomber detonated his vest beside a tea stall in Jalalabad on Sunday "
        "afternoon. The blast killed four traffic wardens."
    )
    (bombing,) = factual(events_of(doc_of, text), "ASSAULT")
    assert bombing["acled_sub_type"] == "Suicide bomb"
    assert evidence_starts(bombing) == [0, text.index("The blast")]
    if doc_of(text, PUBLISHED)._.counts:  # the largest toll one sentence of the event gives
        assert bombing["fatalities"]["best"] == 4


def test_a_later_reference_adds_its_sentence_and_the_lead_keeps_its_place(doc_of):
    text = (
        "Armed herders killed three cattle traders near a market in Benue State late on "
        "Tuesday. The attack was the third in the area this month."
    )
    (attack,) = factual(events_of(doc_of, text), "ASSAULT")
    assert attack["trigger"]["text"] == "killed"
    assert evidence_starts(attack) == [0, text.index("The attack")]
    doc = doc_of(text, PUBLISHED)
    places = {p["id"]: p for p in doc._.places or []}
    if places:
        assert "Benue" in places[attack["place"]]["name"]
    if doc._.counts:
        assert attack["fatalities"]["best"] == 3


@pytest.mark.parametrize(
    "text",
    [
        # two places far apart
        "Jets struck a market in Mosul on Monday. Jets struck a bridge in Basra on Monday.",
        # two days
        "Rebels shelled the airport in Taiz on 3 March. Rebels shelled the airport in Taiz "
        "again on 9 March.",
        # two weapons of different kinds of violence
        "Gunmen opened fire on a bus in Quetta on Friday. A car bomb exploded outside a "
        "hospital in Quetta on Friday.",
    ],
)
def test_neighbouring_mentions_of_two_happenings_stay_two_events(doc_of, text):
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 2


def test_two_specific_weapons_in_neighbouring_sentences_are_two_events(doc_of):
    text = (
        "Warplanes carried out airstrikes on the outskirts of Maarat on Sunday. "
        "Government artillery shelled the town centre the same day."
    )
    events = factual(events_of(doc_of, text), "ASSAULT")
    assert {e["acled_sub_type"] for e in events} == {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    }


def test_a_weak_trigger_with_no_party_and_no_event_before_it_is_dropped(doc_of):
    assert factual(events_of(doc_of, "Four guards were killed."), "ASSAULT") == []


def test_stated_times_a_day_apart_may_date_one_happening():
    day = {"first_day": "2016-12-05", "last_day": "2016-12-05", "precision": "day"}
    next_day = {"first_day": "2016-12-06", "last_day": "2016-12-06", "precision": "day"}
    week_later = {"first_day": "2016-12-12", "last_day": "2016-12-12", "precision": "day"}
    month = {"first_day": "2016-12-01", "last_day": "2016-12-31", "precision": "month"}
    assert not times_conflict(day, next_day, max_days_apart=1)
    assert times_conflict(day, next_day, max_days_apart=0)
    assert times_conflict(day, week_later, max_days_apart=1)
    assert not times_conflict(week_later, month, max_days_apart=0)
    assert not times_conflict(day, None, max_days_apart=0)


# --- non-events: refusals to comment, questions, summaries, generic statements, word senses ----


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the report, the minister declined to comment.",
        "He refused to answer questions about the deal on Friday.",
    ],
)
def test_a_refusal_to_comment_is_no_event(doc_of, text):
    assert factual(events_of(doc_of, text), "REJECT") == []


def test_a_question_reports_no_event(doc_of):
    events = events_of(doc_of, "Why were the villages shelled day and night?")
    assert events and all(e["hypothetical"] for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "More than 5,000 people have been killed since the conflict began in June 2012.",
        "Thousands of families have lost their homes because of the war.",
    ],
)
def test_a_conflict_toll_is_background(doc_of, text):
    assert factual(events_of(doc_of, text), "ASSAULT") == []


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Movement for Justice rarely claims responsibility for its raids.", "ACCUSE"),
        ("The army strikes rebel positions in the hills on a daily basis.", "ASSAULT"),
    ],
)
def test_generic_statements_are_no_events(doc_of, text, plover):
    assert factual(events_of(doc_of, text), plover) == []


def test_a_frequency_adverb_in_the_past_still_reports_events(doc_of):
    # "last week": within the days a report covers (a year back would be background)
    text = "The army often fired on protesters in the capital last week."
    assert factual(events_of(doc_of, text), "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "The minister's battle of words with the union leader went on all week.",
        "The recession has hit confidence in the government hard.",
        "Firefighters battled the blaze in the warehouse for six hours on Sunday.",
        "The central bank fought inflation with higher interest rates last year.",
    ],
)
def test_other_senses_of_violent_words_are_no_assault(doc_of, text):
    assert factual(events_of(doc_of, text), "ASSAULT") == []


# --- actors: appositions and references ---------------------------------------------------------


def test_a_title_and_the_name_in_apposition_are_one_party(doc_of):
    text = "The Chilean president, Gabriel Lopez, met Peruvian President Ana Vargas in Lima."
    (meeting,) = factual(events_of(doc_of, text), "CONSULT")
    if doc_of(text, PUBLISHED)._.actors:
        assert actor_names(doc_of, text, meeting["source_actors"]) == {"Gabriel Lopez"}


def test_what_a_group_says_it_did_is_its_act(doc_of):
    text = "The Popular Liberation Front said it attacked a police post in Mardan on Sunday."
    (attack,) = factual(events_of(doc_of, text), "ASSAULT")
    if doc_of(text, PUBLISHED)._.actors:
        (name,) = actor_names(doc_of, text, attack["source_actors"])
        assert "Liberation Front" in name


def test_a_definite_short_name_refers_back_to_the_full_name(doc_of):
    text = (
        "The Popular Liberation Front attacked a police post in Mardan on Sunday. "
        "On Monday the Front ambushed an army convoy near Swabi."
    )
    first, second = factual(events_of(doc_of, text), "ASSAULT")
    if doc_of(text, PUBLISHED)._.actors:
        assert first["source_actors"] and second["source_actors"] == first["source_actors"]


@pytest.mark.parametrize(
    "text",
    [
        "Six men were detained during raids by city police in Karachi on Friday.",
        "Police raids in the old town of Karachi led to the arrest of nine suspects.",
    ],
)
def test_a_raid_in_the_clause_of_an_arrest_is_that_arrest(doc_of, text):
    events = events_of(doc_of, text)
    (arrest,) = factual(events, "COERCE")
    assert arrest["mode"] == "arrest"
    assert factual(events, "ASSAULT") == []
    if doc_of(text, PUBLISHED)._.actors:
        assert any(
            "police" in n.lower() for n in actor_names(doc_of, text, arrest["source_actors"])
        )


# --- restatements, background and plans ----------------------------------------------------


def test_an_attack_told_again_with_its_toll_is_one_event(doc_of):
    text = (
        "Militants kill 23 in raid on border villages\n\n"
        "Militants killed 23 people in a night raid on two villages near the border on "
        "Tuesday, officials said. Residents said the gunmen arrived on motorbikes."
    )
    attacks = factual(events_of(doc_of, text), "ASSAULT")
    assert len(attacks) == 1
    assert len(attacks[0]["evidence_spans"]) >= 2


def test_the_same_act_in_the_same_town_is_one_event(doc_of):
    text = (
        "Government jets bombed the market of Saraqib on Monday morning. Doctors at the "
        "hospital treated dozens of people. Witnesses said the jets bombed Saraqib twice "
        "within an hour."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def test_an_act_of_the_same_type_told_next_without_place_or_day_continues_the_scene(doc_of):
    text = (
        "Artillery shelled the northern districts of Hodeidah on Friday. "
        "The shells hit a school and two houses."
    )
    (shelling,) = factual(events_of(doc_of, text), "ASSAULT")
    assert evidence_starts(shelling) == [0, text.index("The shells")]


def test_two_attacks_with_different_tolls_in_two_towns_stay_two_events(doc_of):
    text = (
        "Gunmen killed four farmers in Bokkos on Sunday. "
        "In Mangu, gunmen killed nine herders on Sunday."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 2


@pytest.mark.parametrize(
    "recalled",
    [
        "In August 2013 a chemical attack on the suburbs killed dozens of children.",
        "The group first captured the town in early 2014.",
        "In May, more than 60 civilians were killed by barrel bombs on the town.",
    ],
)
def test_an_earlier_incident_recalled_as_background_is_no_event(doc_of, recalled):
    text = f"Air strikes hit the town of Kafr Nabl on Monday, killing seven people. {recalled}"
    events = [e for e in events_of(doc_of, text) if not (e["negated"] or e["hypothetical"])]
    recalled_start = text.index(recalled)
    assert events and all(e["trigger"]["start"] < recalled_start for e in events)


def test_an_incident_of_the_last_days_is_reported_not_recalled(doc_of):
    text = "Police arrested three men in Leeds on 1 December over the robbery."
    assert factual(events_of(doc_of, text), "COERCE")  # published 6 December


@pytest.mark.parametrize(
    "plan",
    [
        "The party leader will visit the Hindu temple in Neasden on Sunday.",
        "Troops will be deployed to the border next week.",
    ],
)
def test_the_narrators_future_is_a_plan(doc_of, plan):
    events = events_of(doc_of, plan)
    assert events and all(e["hypothetical"] for e in events)


def test_a_future_act_someone_announces_is_their_stated_intent(doc_of):
    text = "The rebel commander said his fighters will attack the airport."
    (threat,) = [e for e in events_of(doc_of, text) if e["type"] == "THREATEN"]
    assert not threat["hypothetical"]


@pytest.mark.parametrize(
    "summary",
    [
        "Since Saturday at least 68 civilians have been killed in aerial attacks on the town.",
        "At least 72 civilians have been killed in the bombing of the city over the past few days.",
    ],
)
def test_a_toll_summed_over_a_stretch_of_days_is_no_event(doc_of, summary):
    assert factual(events_of(doc_of, summary), "ASSAULT") == []


def test_a_toll_in_the_present_perfect_of_one_happening_is_an_event(doc_of):
    text = "Gunmen have killed five people in Kaduna, police said on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


def test_what_someone_will_announce_is_not_yet_reported(doc_of):
    text = "Trump will announce next week that the group has been defeated and destroyed."
    assert all(e["hypothetical"] for e in events_of(doc_of, text))


def test_a_future_act_with_its_speaker_after_it_is_their_stated_intent(doc_of):
    text = (
        "The Red Cross will provide 400 tonnes of food aid to the camps in Chad, a spokesman said."
    )
    events = [e for e in events_of(doc_of, text) if not e["hypothetical"]]
    assert events and events[0]["type"] == "AGREE"


@pytest.mark.parametrize(
    "standing",
    [
        "Aid reached Idlib on Monday. Turkey, which backs the rebel groups, sent trucks.",
        "Aid reached Idlib on Monday. The opposition accuses ministers of ignoring the camps.",
        "Aid reached Idlib on Monday. The air force strikes the hideouts of the militants.",
    ],
)
def test_the_narrators_simple_present_in_the_body_is_no_happening(doc_of, standing):
    second = standing.index(". ") + 2
    events = [e for e in events_of(doc_of, standing) if not (e["negated"] or e["hypothetical"])]
    assert all(not (e["trigger"]["text"].endswith("s") and e["trigger"]["start"] > second)
               or e["type"] == "AID" for e in events)  # fmt: skip
    assert not any(e["type"] in ("SUPPORT", "ACCUSE") for e in events)
    assert not any(e["type"] == "ASSAULT" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Army kills 12 rebels near Hama\n\nThe fighting went on through the night.",
        "Refugees returned to the town on Friday. Protesters march through the town on Sunday.",
        'The mayor said: "Soldiers arrest our sons at the checkpoint."',
    ],
)
def test_a_present_in_a_headline_a_dated_clause_or_a_quotation_still_reports(doc_of, text):
    assert [e for e in events_of(doc_of, text) if not (e["negated"] or e["hypothetical"])]


def test_the_lead_tells_the_happening_the_headline_announced(doc_of):
    text = (
        "Airstrikes kill five rescue workers in Aleppo\n\n"
        "Regime airstrikes killed five volunteers of the civil defence and a driver in the "
        "Sakhour district of Aleppo on Monday, the group said."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def test_a_date_stamp_and_headline_run_into_the_first_sentence_head_the_lead(doc_of):
    text = (
        "12 May 2016 Rebels Shell Army Posts Near Hama. Rebel fighters shelled three army "
        "checkpoints outside the town of Suran on Wednesday, a monitor said."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def test_a_restated_toll_is_one_attack_whoever_the_victims_are_said_to_be(doc_of):
    text = (
        "A car bomb killed 14 people at a checkpoint in Azaz on Tuesday. Doctors said the "
        "dead were mostly children; the blast killed 14 villagers queuing for bread."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def asserted(doc_of, text: str, published: date | None = PUBLISHED) -> list[dict]:
    doc = doc_of(text, published)
    return [e for e in doc._.events if not (e["negated"] or e["hypothetical"])]


@pytest.mark.parametrize(
    "text",
    [
        "The envoy, who has visited the camps near Mosul, spoke to reporters in Erbil.",
        "The rebel leader, who has been jailed since 2009, wrote to the council on Monday.",
        "The militia handed the villages it had taken over to the army on Friday.",
    ],
)
def test_a_relative_clause_in_the_perfect_is_background_about_its_noun(doc_of, text):
    triggers = {e["trigger"]["text"] for e in asserted(doc_of, text)}
    assert not triggers & {"visited", "jailed", "taken over"}


def test_a_relative_clause_about_an_event_noun_still_tells_the_event(doc_of):
    text = "A car bomb, which has killed at least six people, exploded in Azaz on Tuesday."
    assert factual(events_of(doc_of, text), "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Fighting resumed near Hama on Monday. The Dutch government had vowed to cut its aid.",
        "Talks opened in Geneva on Monday. Jordan had been urging the rebels to attend them.",
    ],
)
def test_the_narrators_pluperfect_verbal_act_is_background(doc_of, text):
    assert not any(e["type"] in ("AGREE", "REQUEST") for e in asserted(doc_of, text))


def test_a_pluperfect_act_in_reported_speech_is_still_news(doc_of):
    text = "The army said on Monday that the last rebels had surrendered in the old city."
    assert factual(events_of(doc_of, text), "RETREAT")


def test_a_bare_participle_describing_someones_standing_is_no_accusation(doc_of):
    text = (
        "Four men were freed on Sunday. The men were held for two years, accused of links "
        "to a banned group."
    )
    assert not any(e["type"] == "ACCUSE" for e in asserted(doc_of, text))


def test_a_noun_of_a_verbal_act_in_the_narrators_present_is_a_standing_state(doc_of):
    text = (
        "Aid convoys reached Idlib on Monday. The bloc's offer of money gives Brussels "
        "some leverage over Damascus."
    )
    assert not any(e["type"] == "AGREE" for e in asserted(doc_of, text))


def test_what_the_narrator_says_someone_must_do_is_not_done(doc_of):
    text = "Aid reached Idlib on Monday. Western governments must recognise the new council."
    assert not any(e["type"] == "SUPPORT" for e in asserted(doc_of, text))


def test_must_have_infers_what_happened(doc_of):
    text = "Police said the gunmen must have killed the guard in Kano before dawn on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


def test_an_act_without_which_something_happened_did_not_happen(doc_of):
    text = "The jets could not fly over the valley without Damascus agreeing to it."
    assert not any(e["type"] == "AGREE" for e in asserted(doc_of, text))


@pytest.mark.parametrize(
    "text",
    [
        "No group claimed responsibility for the blast in Quetta on Friday.",
        "Nobody was arrested after the clashes in Lahore on Friday.",
    ],
)
def test_an_act_whose_every_doer_is_denied_is_negated(doc_of, text):
    events = events_of(doc_of, text)
    denied = [e for e in events if e["trigger"]["text"] in ("claimed responsibility", "arrested")]
    assert denied and all(e["negated"] for e in denied)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The ministry released the text of the agreement on Monday.", "released"),
        ("Before delivering a statement to parliament, the minister visited a school.",
         "delivering"),
        ('"The militants have 40 hostages in the school," the governor told reporters.',
         "hostages"),
    ],
)  # fmt: skip
def test_other_senses_of_release_deliver_and_hostages_are_no_events(doc_of, text, trigger):
    assert not any(e["trigger"]["text"] == trigger for e in asserted(doc_of, text))


def test_holding_people_hostage_is_still_an_abduction(doc_of):
    text = "Strikers held the manager hostage at the mine in Marikana on Friday."
    assert any(e["trigger"]["text"] == "hostage" for e in asserted(doc_of, text))


def test_a_pronoun_subject_is_the_person_named_before_it(doc_of):
    text = (
        "President Emmanuel Macron arrived in Berlin on Monday. He urged Germany to raise "
        "its defence spending."
    )
    (request,) = factual(events_of(doc_of, text), "REQUEST")
    if doc_of(text, PUBLISHED)._.actors:
        assert actor_names(doc_of, text, request["source_actors"]) == {"Emmanuel Macron"}


def test_a_pronoun_is_not_the_subject_of_the_clause_that_holds_it(doc_of):
    text = "The ministry says they were freed after the court ruled in their favour."
    for event in events_of(doc_of, text):
        assert "ministry" not in " ".join(actor_names(doc_of, text, event["target_actors"]))


def test_a_party_only_a_pronoun_stands_for_does_not_make_a_weak_trigger_an_event(doc_of):
    text = "Ankara sent troops to the border on Monday. It has vowed to keep them there."
    assert not any(e["trigger"]["text"] == "vowed" for e in asserted(doc_of, text))


def test_a_surname_names_the_person_named_in_full_before(doc_of):
    text = (
        "Gordon Brown arrived in Nairobi on Monday for a three-day visit. On Tuesday "
        "Mr Brown met President Mwai Kibaki at State House."
    )
    meetings = factual(events_of(doc_of, text), "CONSULT")
    if doc_of(text, PUBLISHED)._.actors:
        assert any("Gordon Brown" in actor_names(doc_of, text, m["source_actors"])
                   for m in meetings)  # fmt: skip


def test_a_must_in_a_quotation_is_the_speakers_demand(doc_of):
    text = (
        'Jan Larsen, an adviser to the envoy, said on Monday: "The army and the rebels must '
        'respect the truce and let the convoys through."'
    )
    requests = factual(events_of(doc_of, text), "REQUEST")
    assert requests
    if doc_of(text, PUBLISHED)._.actors:
        assert any("Jan Larsen" in actor_names(doc_of, text, r["source_actors"])
                   for r in requests)  # fmt: skip


def test_without_a_publication_date_an_incident_years_before_the_news_is_background(doc_of):
    text = (
        "On 6 May 2020, people protested in Lviv against the arrest of an activist. The "
        "activist stabbed a man during a fight in Odessa on 24 May 2018."
    )
    triggers = {e["trigger"]["text"] for e in asserted(doc_of, text, None)}
    assert "protested" in triggers and "stabbed" not in triggers


@pytest.mark.parametrize(
    "text",
    [
        "Two men were remanded in custody by a court in Leeds on Monday.",
        "Police took three suspects into custody in Lagos on Friday.",
        "Three suspects were taken into custody in Lagos on Friday.",
    ],
)
def test_remands_and_taking_into_custody_are_arrests(doc_of, text):
    (arrest,) = factual(events_of(doc_of, text), "COERCE")
    assert arrest["case_code"] == "ARREST"


def test_being_in_custody_is_a_state_not_an_arrest(doc_of):
    assert not factual(events_of(doc_of, "The suspect died in police custody."), "COERCE")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The minister denied on Monday that he had been pressed by the palace.", "REJECT"),
        ("Turkish officials disputed the White House account of the call.", "REJECT"),
        ("The foreign ministry hailed the decision of the envoy on Tuesday.", "SUPPORT"),
        ("The president vilified the opposition at a rally in Izmir on Sunday.", "ACCUSE"),
    ],
)
def test_denials_disputes_praise_and_vilification_are_verbal_acts(doc_of, text, plover):
    assert factual(events_of(doc_of, text), plover)


def test_a_snippets_main_code_is_the_named_code_that_fits_the_text_best(nlp):
    component = nlp.get_pipe("tacitus_events")
    text = (
        "Unidentified gunmen shot dead a shopkeeper and threw a grenade at his house in the "
        "village on Monday night."
    )
    doc = nlp(text)
    named = {e["case_code"] for e in doc._.events if e["case_code"]}
    if len(named) < 2:
        pytest.skip("the triggers name one code")
    whole = component.classifier.probabilities([doc.text])[0]
    _, probability = component.classifier.best(whole)
    if probability >= component.snippet_min_probability:
        assert doc._.case_code == component.classifier.best(whole)[0]
    else:
        best = max(named, key=lambda c: component.classifier.probability_of(whole, c))
        assert doc._.case_code == best


def test_one_speakers_act_of_one_type_told_twice_is_one_statement(doc_of):
    text = (
        "Hamas condemned the raid on the camp on Monday. Ministers visited three towns in the "
        "north. Police arrested four men in Hebron. Schools reopened in the west. Hamas also "
        "condemned the raid in a statement to reporters."
    )
    doc = doc_of(text, PUBLISHED)
    if doc._.actors:
        assert len(factual(doc._.events, "ACCUSE")) == 1


def test_a_dispute_is_a_rejection_only_of_what_someone_said(doc_of):
    text = "Norway accepted a formula for ending its fishing dispute with its neighbours."
    events = asserted(doc_of, text)
    assert not any(e["type"] == "REJECT" for e in events)
    said = "The ministry disputed the account of the talks given by the rebels."
    assert factual(events_of(doc_of, said), "REJECT")


def test_a_present_participle_of_support_after_a_noun_names_an_alliance(doc_of):
    text = "Militias backing the general shelled the airport in Tripoli on Monday."
    events = asserted(doc_of, text)
    assert not any(e["type"] == "SUPPORT" for e in events)
    assert any(e["type"] == "ASSAULT" for e in events)


def test_asking_whether_is_a_question_not_a_request(doc_of):
    asked = "The minister was also asked whether the war had made the country safer."
    assert not any(e["type"] == "REQUEST" for e in asserted(doc_of, asked))
    request = "The mayor asked residents of Hilo to stay indoors on Monday."
    assert factual(events_of(doc_of, request), "REQUEST")


def test_a_past_form_the_parser_hung_on_the_root_noun_is_the_sentences_verb(doc_of):
    text = (
        "On 2 June 2021, medical students protested in Freedom Square of Tbilisi city, "
        "demanding lower fees and better housing."
    )
    assert [e for e in asserted(doc_of, text, None) if e["type"] == "PROTEST"]


def test_a_plural_common_noun_subject_names_the_doers_of_a_weak_trigger(doc_of):
    text = "Hundreds of taxi drivers marched through the centre of Accra on Monday."
    assert factual(events_of(doc_of, text), "PROTEST")


def test_a_later_mention_dates_the_happening_its_lead_left_undated(doc_of):
    text = (
        "Militants attacked a police station in the town of Bannu, killing three officers. "
        "The attack began on Sunday night, officials said."
    )
    [attack] = factual(events_of(doc_of, text), "ASSAULT")
    assert attack["time"]["precision"] == "day"
    assert attack["time"]["first_day"] == "2016-12-04"


# --- acled-rows helper: the main event of a short report, and wordings the triggers missed ---


def most_confident(events: list[dict]) -> dict:
    return min(events, key=lambda e: (-e["confidence"], e["trigger"]["start"]))


def test_a_short_reports_main_event_takes_the_whole_texts_code(doc_of):
    text = (
        "On 3 March 2021, about 200 farmers staged a protest outside the district office in "
        "Sialkot against the arrest of a union leader, and demanded his release."
    )
    doc = doc_of(text, None)
    events = [e for e in doc._.events if not (e["negated"] or e["hypothetical"])]
    main = most_confident(events)
    assert main["type"] == "PROTEST"
    assert main["case_code"] == doc._.case_code


def test_the_main_event_keeps_a_code_its_weapon_allows(nlp):
    component = nlp.get_pipe("tacitus_events")
    assert not component.mode_allows("heavy-weapons", "MOB_VIOL")
    assert component.mode_allows("heavy-weapons", "ARMED_CLASH")
    assert component.mode_allows(None, "MOB_VIOL")


def test_the_text_classifiers_agreement_adds_to_an_events_confidence(nlp):
    from tacitus.nlp.event_mentions import find_matches
    from tacitus.nlp.events import confidence_of

    component = nlp.get_pipe("tacitus_events")
    sentence = next(nlp("Police arrested four men in Hebron on Monday.").sents)
    [mention] = [m for m in map(component.mention_of, find_matches(sentence)) if m]
    alone = confidence_of(mention)
    mention.text_probability = 0.8
    assert alone < confidence_of(mention) <= 0.99
    mention.text_probability = 0.0
    assert confidence_of(mention) == alone


@pytest.mark.parametrize(
    "text",
    [
        "On 4 April 2021, IS militants killed two shepherds near Kirkuk.",
        "Around 9 June 2021, gunmen of an armed group shot at a bus near Arish, with no "
        "resulting injuries.",
    ],
)
def test_a_past_form_misread_as_a_reduced_relative_is_the_sentences_verb(doc_of, text):
    assert factual(events_of(doc_of, text), "ASSAULT")


def test_a_reduced_relative_beside_the_sentences_verb_stays_a_description(doc_of):
    text = "The village captured by the rebels was shelled by the army on Monday."
    events = factual(events_of(doc_of, text), "ASSAULT")
    assert [e["trigger"]["text"] for e in events] == ["shelled"]


def test_events_counted_by_a_total_are_events(doc_of):
    text = "On Friday, monitors observed a total of 14 explosions near the village of Marinka."
    assert factual(events_of(doc_of, text), "ASSAULT")
    told_elsewhere = "The damage from the explosions was extensive, residents said."
    assert not factual(events_of(doc_of, told_elsewhere), "ASSAULT")


def test_a_body_found_is_a_killing(doc_of):
    text = "Two farmers were found dead in a field near the village of Ayotla on Sunday."
    assert factual(events_of(doc_of, text), "ASSAULT")


def test_reinforcements_arriving_are_a_mobilization(doc_of):
    text = "Army reinforcements arrived in the district of Marib on Tuesday."
    assert factual(events_of(doc_of, text), "MOBILIZE")


def test_a_plural_subject_the_parser_took_for_a_relatives_noun_names_the_doers(doc_of):
    text = "On 3 June 2021 nurses marched in Lagos demanding unpaid wages."
    assert factual(events_of(doc_of, text), "PROTEST")


# events-gold helper: campaigns, named events, standing relations, plans, weapons as things
# and senses of ambiguous triggers (all sentences written for these tests).


@pytest.mark.parametrize(
    "text",
    [
        "Army units have been fighting several militias in the northern hills.",
        "Rebel fighters have been shelling villages in the valley.",
    ],
)
def test_an_activity_in_the_present_perfect_progressive_is_a_campaign(doc_of, text):
    assert not factual(events_of(doc_of, text), "ASSAULT")


def test_an_act_in_the_present_perfect_or_past_is_still_an_event(doc_of):
    text = "Army units have attacked a militia post near the town of Kalo, officials said."
    assert factual(events_of(doc_of, text), "ASSAULT")
    text = "Army units fought militiamen near the town of Kalo on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of volunteers have given their lives to the fight against the militia.",
        "The alliance led the battle against the insurgents in the north.",
    ],
)
def test_the_struggle_against_an_enemy_is_a_campaign(doc_of, text):
    assert not factual(events_of(doc_of, text), "ASSAULT")


def test_a_battle_against_militants_on_a_day_is_an_event(doc_of):
    text = "Six soldiers died in a battle against militants near Kunduz on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


@pytest.mark.parametrize(
    "text, plover",
    [
        ("The Lisbon talks were marked by anger over the proposals.", "CONSULT"),
        ("The minister, who chaired the Harrow inquiry, resigned on Monday.", "ACCUSE"),
    ],
)
def test_an_event_named_after_a_place_or_person_is_a_reference(doc_of, text, plover):
    assert not factual(events_of(doc_of, text), plover)


def test_talks_held_in_a_named_place_are_an_event(doc_of):
    text = "The foreign ministers of France and Spain held talks in Lisbon on Monday."
    assert factual(events_of(doc_of, text), "CONSULT")


def test_a_present_relative_clause_tells_a_standing_relation(doc_of):
    text = "The minister criticised Ankara, which backs the opposition groups."
    assert not factual(events_of(doc_of, text), "SUPPORT")
    assert factual(events_of(doc_of, text), "ACCUSE")


def test_a_conjunct_shares_its_heads_future_auxiliary(doc_of):
    text = "The senator will tour the region on Friday and call for an end to the blockade."
    assert not factual(events_of(doc_of, text), "REQUEST")
    text = "The senator toured the region on Friday and called for an end to the blockade."
    assert factual(events_of(doc_of, text), "REQUEST")


@pytest.mark.parametrize(
    "text",
    [
        "The union is set to stage a protest outside parliament.",
        "The union is due to stage a protest outside parliament.",
    ],
)
def test_a_scheduled_act_is_not_yet_an_event(doc_of, text):
    assert not factual(events_of(doc_of, text), "PROTEST")


@pytest.mark.parametrize(
    "text",
    [
        "Farmland around the village was littered with mortars and rockets.",
        "The heavy arms including tanks, rockets and mortars will be stored away.",
        "The troops had used weapons like mortars and rockets.",
    ],
)
def test_a_weapon_named_as_a_thing_is_no_attack(doc_of, text):
    assert not factual(events_of(doc_of, text), "ASSAULT")


def test_a_weapon_fired_is_an_attack(doc_of):
    text = "Militants hit an army post near Kalo with mortars on Monday, killing two soldiers."
    assert factual(events_of(doc_of, text), "ASSAULT")


def test_senses_conditions_met_and_an_alleged_report(doc_of):
    text = "The rebels have met the conditions for a truce, the envoy said."
    assert not factual(events_of(doc_of, text), "CONSULT")
    text = "The minister is alleged to have told his deputy to resign."
    assert not factual(events_of(doc_of, text), "ACCUSE")
    text = "The opposition alleged fraud in the vote count on Monday."
    assert factual(events_of(doc_of, text), "ACCUSE")


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Residents held a protest sit-in outside the town hall of Tiznit on Monday.", "PROTEST"),
        ("Teachers staged a dharna outside the district office in Haflong on Tuesday.", "PROTEST"),
        ("Villagers threw stones at the police near the market in Halol on Friday.", "ASSAULT"),
        ("A crowd pelted the officers with stones in the town of Busia on Friday.", "ASSAULT"),
        ("A projectile hit a school in the village of Vodiane on Tuesday.", "ASSAULT"),
        ("Monitors heard three bursts of fire near the village of Lozove on Monday.", "ASSAULT"),
    ],
)
def test_protest_and_violence_wordings_the_trigger_table_names(doc_of, text, plover):
    assert factual(events_of(doc_of, text), plover)


def test_what_protesters_demand_in_their_protests_clause_is_the_protest(doc_of):
    text = "Nurses protested outside the ministry in Accra on Monday, demanding unpaid wages."
    events = asserted(doc_of, text)
    assert factual(events, "PROTEST")
    assert not [e for e in events if e["type"] == "REQUEST"]
    own_demand = "The minister demanded the release of the prisoners on Monday."
    assert factual(events_of(doc_of, own_demand), "REQUEST")


# events-gold helper: the day a report was made is not the day of the happening it tells.


@pytest.mark.parametrize(
    "text",
    [
        "Militants bombed a crowded market in the town of Kalo on Monday. The monitor said on "
        "Thursday that the bombing killed six people.",
        "Militants bombed a crowded market in the town of Kalo on Monday. Speaking to reporters "
        "on Thursday, the governor said the bombing killed six people.",
    ],
)
def test_a_happening_reported_on_a_later_day_is_one_event(doc_of, text):
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def test_a_happening_on_its_own_later_day_is_another_event(doc_of):
    text = (
        "Militants bombed a crowded market in the town of Kalo on Monday. On Thursday, a "
        "second bombing killed six people in Kalo."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 2


# --- merge: a happening told again is one event (issue 16, repeats) ---

FILLER = (
    " The town lies on the main road to the coast. Its market draws traders from the whole"
    " region. Many families have left in recent months."
)


def test_an_act_told_as_done_in_the_attack_refers_back_to_it(doc_of):
    text = (
        "Gunmen attacked a police post in the town of Baro on Monday." + FILLER + " Officials"
        " said four civilians were killed in the attack."
    )
    assert len(factual(events_of(doc_of, text), "ASSAULT")) == 1


def test_an_arrest_named_by_the_people_arrested_refers_back(doc_of):
    text = (
        "Police arrested three men in the city of Leeds on Friday." + FILLER + " A lawyer for"
        " the family said the men's arrest was unlawful."
    )
    assert len(factual(events_of(doc_of, text), "COERCE")) == 1


def test_a_quoted_threat_restates_the_threat_told(doc_of):
    text = (
        "President Alvaro Mendes threatened to destroy the rebel bases in the north."
        + FILLER
        + ' "We will destroy all rebel bases, one by one," President Alvaro Mendes said.'
    )
    events = [e for e in events_of(doc_of, text) if e["type"] == "THREATEN"]
    assert len(events) == 1
    assert len(events[0]["evidence_spans"]) == 2


def test_a_headline_without_place_is_told_by_its_lead(doc_of):
    text = (
        "5 December 2016 Syrian Monitor Mourns Five Rescue Workers Killed by Airstrikes. "
        "Government airstrikes killed five rescue workers in the city of Idlib on Monday, the "
        "civil defence said."
    )
    doc = doc_of(text, PUBLISHED)
    events = factual(doc._.events, "ASSAULT")
    assert len(events) == 1
    lead = text.index("Government")
    assert events[0]["trigger"]["start"] > lead
    places = {p["id"]: p["name"] for p in doc._.places}
    assert places.get(events[0]["place"]) == "Idlib"
    assert len(events[0]["evidence_spans"]) == 2


# --- actors: missing and wrong actors (issue 16, classes 2 and 3) ---


def sides_of(doc_of, text: str, plover: str) -> tuple[set[str], set[str]]:
    (event,) = factual(events_of(doc_of, text), plover)
    return (
        actor_names(doc_of, text, event["source_actors"]),
        actor_names(doc_of, text, event["target_actors"]),
    )


@pytest.mark.parametrize(
    ("text", "plover", "target"),
    [
        ("Mr Smith held talks with Angela Merkel on Friday over the budget.", "CONSULT",
         "Angela Merkel"),
        ("The minister rejected calls by Senator John Smith to resign.", "REJECT", "John Smith"),
        ("The finance minister of France has denied being pressured by Senator John Smith.",
         "REJECT", "John Smith"),
    ],
)  # fmt: skip
def test_the_party_below_the_object_is_the_target(doc_of, text, plover, target):
    assert target in sides_of(doc_of, text, plover)[1]


def test_a_poster_accusing_is_the_act_of_who_unveiled_it(doc_of):
    text = "The SPD unveiled a poster near the Reichstag accusing the German government of theft."
    sources, targets = sides_of(doc_of, text, "ACCUSE")
    assert sources == {"SPD"} and targets == {"German government"}


def test_a_party_and_its_spokesman_are_one_source(doc_of):
    text = "Labour and a Labour Party spokesman condemned the raid in Leeds."
    doc = doc_of(text, PUBLISHED)
    index = ActorIndex.of(doc)
    by_name = {a["name"]: a["id"] for a in doc._.actors}
    both = [by_name["Labour"], by_name["Labour Party spokesman"]]
    assert index.distinct_parties(both, doc) == [by_name["Labour Party spokesman"]]


def test_a_state_beside_its_own_group_is_no_second_party(doc_of):
    text = "Syria and the Syrian army shelled the rebels in Homs."
    doc = doc_of(text, PUBLISHED)
    index = ActorIndex.of(doc)
    by_name = {a["name"]: a["id"] for a in doc._.actors}
    both = [by_name["Syria"], by_name["Syrian army"]]
    assert index.distinct_parties(both, doc) == [by_name["Syrian army"]]


# --- places helper: a seat of government as the event's place; a title's name is no place ---


@pytest.mark.parametrize(
    "text",
    [
        "In the House of Lords, the minister rejected a demand by Lord Mackay to publish the text.",
        "Protesters gathered outside the Palace of Westminster on Monday to denounce the war.",
    ],
)
def test_a_seat_of_parliament_places_the_event_in_its_capital(doc_of, text):
    doc = doc_of(text, PUBLISHED)
    places = {place["id"]: place for place in doc._.places}
    placed = [places[e["place"]] for e in doc._.events if e["place"] in places]
    assert placed, doc._.events
    assert {(place["name"], place["country"]) for place in placed} == {("London", "GBR")}


# --- nonevents: other word senses of triggers (trigger_senses.tsv) ---


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # Conditions met ("few of the conditions") are fulfilled, not a meeting.
        (
            "Few of the conditions set by the council have been met, officials in Dakar said.",
            "CONSULT",
        ),
        # A document as the speaker of a demand.
        ("The draft resolution also called for new elections in Lomé within a year.", "REQUEST"),
        # A battle with a person is a dispute.
        (
            "The rules changed after the mayor's battle with Peter Okonjo over the budget.",
            "ASSAULT",
        ),
        # A ban coming into effect is a law.
        ("The ban on smoking in bars comes into effect in Ghana on Monday.", "COERCE"),
        # A visit as the frame of a statement reports no meeting.
        (
            "Poverty is the real enemy, the premier said during a visit to Nairobi on Friday.",
            "CONSULT",
        ),
    ],
)
def test_other_word_senses_give_no_event(doc_of, text, plover):
    assert not factual(events_of(doc_of, text), plover)


def test_a_battle_with_troops_stays_a_clash(doc_of):
    text = "Rebels fought a fierce battle with government troops near Goma on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


# --- tolltime: event dates and tolls (issue 16) ---


def assault_on(events: list[dict], trigger: str) -> dict:
    return next(e for e in factual(events, "ASSAULT") if e["trigger"]["text"] == trigger)


def test_an_inherited_time_passes_over_a_future_one(doc_of):
    # Class: the previous sentence names a later plan ("talks planned for next week");
    # the past act continues the story's own day (its week, `lowered`), not the plan's.
    events = events_of(
        doc_of,
        "The opposition walked out of the meeting on Monday, ahead of talks planned for next "
        "week. Militiamen then attacked the council building in the town of Dael.",
    )
    attack = assault_on(events, "attacked")
    assert attack["time"]["first_day"] == "2016-12-05"


def test_an_act_running_for_the_nth_day_starts_days_before(doc_of):
    # Class: "for a fifth day", "for the second consecutive day", "over the past three days"
    # date the act from its first day to the day it is told.
    events = events_of(
        doc_of, "Government forces shelled the town of Kafr Nabl for a fourth day on Tuesday."
    )
    shelling = assault_on(events, "shelled")
    assert shelling["time"] == {
        "first_day": "2016-12-03", "last_day": "2016-12-06", "precision": "range"
    }  # fmt: skip


def test_days_running_reads_the_ways_a_running_act_is_told(nlp):
    from tacitus.nlp.event_times import days_running

    def running(text: str) -> int:
        return days_running(next(nlp(text).sents))

    assert running("The siege went on for the third consecutive day.") == 3
    assert running("Clashes raged for the seventh day in a row.") == 7
    assert running("Jets struck the hills over the past two days.") == 2
    assert running("Jets struck the hills for a day.") == 1
    assert running("The fifth day of talks began.") == 1


def test_a_report_time_yields_to_a_later_mention_of_the_act_own_day(doc_of):
    # Class: the first mention is dated only by its report ("the group said Monday it
    # shelled ..."); a later mention's own clause dates the act ("the shelling started on
    # Sunday night").
    events = events_of(
        doc_of,
        "The Free Army said Monday it shelled the army base at Kafr Hamra. The shelling of "
        "the base started on Sunday night, residents said.",
    )
    assert assault_on(events, "shelled")["time"]["first_day"] == "2016-12-04"


def test_a_lead_in_the_present_perfect_is_dated_by_the_report(doc_of):
    # Class: an undated lead in the present perfect tells the news of the report's day.
    events = events_of(doc_of, "Gunmen have stormed a police station in the town of Sehwan.")
    storming = factual(events, "ASSAULT")
    assert storming and storming[0]["time"]["first_day"] == PUBLISHED.isoformat()


# --- fp2: support told in a relative clause, agentless passives of a commitment ---


@pytest.mark.parametrize(
    "text",
    [
        # Support inside a relative clause on another event describes how that event went.
        "The memo was leaked on the eve of a key Senate vote in which senators backed the plan.",
        # A contact clause ("militias it had backed") the parser misreads as the verb's own.
        "The ministry said that militias it had backed to drive the rebels out of Goma would "
        "guard the border.",
        # A non-restrictive relative clause in the past states the side its noun was on.
        "Qatar, which backed the opposition in 2012, hosted the talks in Doha on Monday.",
    ],
)
def test_support_in_a_relative_clause_is_background(doc_of, text):
    assert not factual(events_of(doc_of, text), "SUPPORT")


def test_support_in_the_main_clause_stays_an_event(doc_of):
    text = "Senators backed the tariff plan in a vote in Washington on Tuesday."
    assert factual(events_of(doc_of, text), "SUPPORT")


@pytest.mark.parametrize(
    "text",
    [
        "An extra 30m pounds was promised on Friday so that 500 new nurses can be hired.",
        "New funds were pledged on Monday for the clinics in Juba.",
    ],
)
def test_agentless_promise_of_a_thing_is_no_event(doc_of, text):
    assert not factual(events_of(doc_of, text), "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        # An agent names who committed.
        "New funds were pledged by donors in Juba on Monday.",
        # An event noun as subject tells the agreement itself.
        "A ceasefire was agreed in Juba on Monday.",
    ],
)
def test_commitment_with_an_agent_or_an_event_subject_stays(doc_of, text):
    assert factual(events_of(doc_of, text), "AGREE")


# --- fp2: governors the lemmatizer misreads, denied inferences ---


def test_aid_under_a_misread_third_person_hope_is_hypothetical(doc_of):
    # spaCy lemmatizes "hopes" as "hop": the -s form's stem still marks the wish.
    text = "The bloc still hopes to fold western aid into the peace talks in Geneva."
    assert not factual(events_of(doc_of, text), "AID")


def test_complement_of_a_denied_inference_is_not_asserted(doc_of):
    text = "The monitors said on Monday this does not mean the militia has disappeared."
    assert not factual(events_of(doc_of, text), "ASSAULT")


def test_complement_of_an_affirmed_inference_stays(doc_of):
    text = "The footage shows that soldiers abducted the journalist in Goma on Monday."
    assert factual(events_of(doc_of, text), "ASSAULT")


# --- recall3: calls and conversations by phone; holding a party responsible ---


@pytest.mark.parametrize(
    "text",
    [
        "The Egyptian president spoke by phone with King Abdullah of Jordan on Monday.",
        "The Kenyan president held a phone call with his Ugandan counterpart on Sunday.",
    ],
)
def test_a_call_or_a_talk_by_phone_is_a_consultation(doc_of, text):
    (call,) = factual(events_of(doc_of, text), "CONSULT")
    assert call["mode"] == "phone" and call["cameo"] == "041"


@pytest.mark.parametrize(
    "text",
    [
        "The opposition council held the government responsible for the collapse of the economy.",
        "Israel was held responsible for the blast by the Lebanese army.",
        # a name as the object: the parser hangs "responsible" on it as its modifier
        "The ruling party held Kenya responsible for the border raid.",
    ],
)
def test_holding_a_party_responsible_is_an_accusation(doc_of, text):
    (accusation,) = factual(events_of(doc_of, text), "ACCUSE")
    assert accusation["trigger"]["text"] == "responsible" and accusation["cameo"] == "112"


def test_being_responsible_for_a_task_accuses_no_one(doc_of):
    text = "The minister responsible for roads met the governor accountable for the budget."
    assert not [e for e in events_of(doc_of, text) if e["type"] == "ACCUSE"]


# --- fp3: a bare month told in the past tense is last year's when it lies after the story ---

JULY_STORY = date(2016, 7, 15)


@pytest.mark.parametrize(
    "recalled",
    [
        "Turkey began carrying out air strikes on the militants in late October.",
        "Government troops stormed the rebel camp near Homs in November.",
    ],
)
def test_a_bare_later_month_under_a_past_verb_is_last_years_background(doc_of, recalled):
    text = f"Jets bombed a market in Idlib on Thursday, killing nine people. {recalled}"
    events = asserted(doc_of, text, JULY_STORY)
    assert events and all(e["trigger"]["start"] < text.index(recalled) for e in events)


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # the month of a plan or a promise is the coming one
        ("The two parties agreed on Wednesday to hold talks in Geneva in September.", "AGREE"),
        # a month with its year written keeps that year
        ("Militants attacked a police post in Kirkuk in September 2016.", "ASSAULT"),
    ],
)
def test_a_later_month_of_a_plan_or_with_its_year_is_not_recalled(doc_of, text, plover):
    assert [e for e in asserted(doc_of, text, JULY_STORY) if e["type"] == plover]


@pytest.mark.parametrize(
    ("text", "bare"),
    [("late September", True), ("Nov.", True), ("early March", True), ("September 2015", False),
     ("May '15", False), ("this month", False), ("last month", False), ("Monday", False)],
)  # fmt: skip
def test_a_bare_month_is_a_month_named_without_its_year(text, bare):
    from tacitus.nlp.event_factuality import is_bare_month

    assert is_bare_month(text) is bare


def test_a_relative_month_under_a_past_verb_stays_the_storys(doc_of):
    text = "Gunmen killed two traders near Makurdi on Friday. It was the third attack this month."
    assert [e for e in asserted(doc_of, text) if e["type"] == "ASSAULT"]


# --- fp3: an undated change in a campaign ("has intensified its shelling") is a trend ---


@pytest.mark.parametrize(
    "trend",
    [
        "The army has intensified its shelling of rebel districts in Deraa.",
        "Russian jets have lately stepped up air strikes on the province.",
        "The militia escalated its raids on villages along the river.",
    ],
)
def test_an_undated_change_in_a_campaign_is_a_trend_not_an_event(doc_of, trend):
    assert not [e for e in asserted(doc_of, trend) if e["type"] == "ASSAULT"]


def test_a_dated_change_in_a_campaign_reports_that_days_act(doc_of):
    text = "The army intensified its shelling of Deraa on Monday, killing six people."
    assert [e for e in asserted(doc_of, text) if e["type"] == "ASSAULT"]


# --- fp3: a participle joined to a present perfect shares it, so a stretch toll is summed ---


def test_a_toll_summed_over_days_with_a_joined_participle_is_background(doc_of):
    text = (
        "At least 40 civilians including nine children have been killed and over 100 wounded "
        "in the shelling of Deraa over the past few days."
    )
    assert not [e for e in asserted(doc_of, text) if e["type"] == "ASSAULT"]


def test_a_toll_of_one_day_with_a_joined_participle_stays(doc_of):
    text = "Gunmen have killed five villagers and wounded ten in Zamfara on Monday, police said."
    assert [e for e in asserted(doc_of, text) if e["type"] == "ASSAULT"]
