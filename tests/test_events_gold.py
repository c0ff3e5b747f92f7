"""The events-gold scorer: alignment, matching and field judgements on examples written here,
and the committed gold files against the shared texts they were coded on."""

from __future__ import annotations

import pytest

from tacitus.evaluation import events_gold
from tacitus.evaluation.events_gold import (
    CharMap,
    Tally,
    actors_right,
    evidence_sha1,
    metrics_of,
    score_article,
    sha1_mismatches,
)
from tacitus.evaluation.registry import load_gold_sets

RAW = (
    "Gunmen stormed a market in Lowtown on Monday,\nkilling four traders.\n"
    "The police arrested two suspects later that day.\n"
    "The mayor said the town would rebuild the market next year."
)
STORM = (0, RAW.index("\nThe police"))
ARREST = (RAW.index("The police"), RAW.index("\nThe mayor"))
REBUILD = (RAW.index("The mayor"), len(RAW))
LOWTOWN = {"name": "Lowtown", "lat": 10.0, "lon": 20.0, "country": "XXA", "precision": 1}
GUNMEN = {"name": "gunmen", "country": None, "sector": "UAF"}
TRADERS = {"name": "traders", "country": "XXA", "sector": "CVL"}
POLICE = {"name": "police", "country": "XXA", "sector": "COP"}


def gold_event(ident: str, plover: str, span: tuple[int, int], **fields) -> dict:
    event = {
        "id": ident,
        "main": fields.pop("main", False),
        "plover_type": plover,
        "acled_sub_type": None,
        "source_actors": [],
        "target_actors": [],
        "place": None,
        "date": None,
        "fatalities": None,
        "evidence": [{"start": span[0], "end": span[1], "sha1": evidence_sha1(RAW, *span)}],
    }
    return event | fields


def gold_article(*events: dict) -> dict:
    return {"source": {"set": "fakes", "key": "0"}, "published": "2020-03-04",
            "coder": "test", "events": list(events), "non_events": []}  # fmt: skip


def predicted(ident: str, plover: str, trigger: str, text: str = RAW, **fields) -> dict:
    """A schema v1 event whose trigger is the first `trigger` in `text` and whose evidence is
    the line around it."""
    start = text.index(trigger)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start) if "\n" in text[start:] else len(text)
    event = {
        "id": ident,
        "type": plover,
        "acled_sub_type": None,
        "trigger": {"text": trigger, "start": start, "end": start + len(trigger)},
        "source_actors": [],
        "target_actors": [],
        "place": None,
        "time": None,
        "fatalities": None,
        "negated": False,
        "hypothetical": False,
        "evidence": {"start": line_start, "end": line_end},
        "evidence_spans": [],
    }
    return event | fields


def extraction(*events: dict, text: str = RAW, actors=(), places=()) -> dict:
    return {"article": {"text": text}, "events": list(events), "actors": list(actors),
            "places": list(places)}  # fmt: skip


def scored(gold: dict, output: dict) -> dict:
    tally = Tally()
    score_article(tally, gold, RAW, output)
    return metrics_of(tally)


def test_the_scorer_is_registered():
    assert "events-gold" in load_gold_sets()


def test_charmap_carries_cleaned_offsets_back_to_the_raw_text():
    raw = "Troops  entered the\ntown.\n\n\nResidents fled."
    cleaned = "Troops entered the town.\n\nResidents fled."
    charmap = CharMap(cleaned, raw)
    for word in ("entered", "town", "Residents", "fled"):
        start = cleaned.index(word)
        raw_start, raw_end = charmap.span(start, start + len(word))
        assert raw[raw_start:raw_end] == word


def test_a_prediction_on_a_cleaned_text_matches_gold_offsets_in_the_raw_text():
    cleaned = RAW.replace(",\n", ", ").replace("on Monday", "on  Monday")
    gold = gold_article(gold_event("e1", "ASSAULT", STORM))
    metrics = scored(gold, extraction(predicted("p1", "ASSAULT", "stormed", cleaned), text=cleaned))
    assert (metrics["precision"], metrics["recall"]) == (1.0, 1.0)


def test_a_second_mention_of_a_matched_event_is_a_repeat():
    gold = gold_article(gold_event("e1", "ASSAULT", STORM, main=True))
    output = extraction(
        predicted("p1", "ASSAULT", "stormed"), predicted("p2", "ASSAULT", "killing")
    )
    metrics = scored(gold, output)
    assert metrics["repeats"] == 1
    assert metrics["precision"] == 0.5
    assert (metrics["recall"], metrics["main_recall"]) == (1.0, 1.0)


def test_a_prediction_on_a_sentence_of_no_gold_event_is_a_false_positive():
    gold = gold_article(gold_event("e1", "ASSAULT", STORM))
    output = extraction(predicted("p1", "ASSAULT", "stormed"), predicted("p2", "AID", "rebuild"))
    metrics = scored(gold, output)
    assert (metrics["false_positives"], metrics["repeats"]) == (1, 0)
    assert metrics["precision"] == 0.5


def test_hypothetical_and_negated_events_are_not_scored():
    gold = gold_article(gold_event("e1", "ASSAULT", STORM))
    output = extraction(
        predicted("p1", "ASSAULT", "stormed"),
        predicted("p2", "AID", "rebuild", hypothetical=True),
        predicted("p3", "ASSAULT", "killing", negated=True),
    )
    metrics = scored(gold, output)
    assert (metrics["predicted_events"], metrics["precision"]) == (1, 1.0)


def test_events_sharing_a_sentence_match_by_type_first():
    both = (STORM[0], ARREST[1])
    gold = gold_article(gold_event("e1", "ASSAULT", both), gold_event("e2", "COERCE", both))
    output = extraction(
        predicted("p1", "COERCE", "arrested", evidence={"start": 0, "end": len(RAW)}),
        predicted("p2", "ASSAULT", "stormed", evidence={"start": 0, "end": len(RAW)}),
    )
    metrics = scored(gold, output)
    assert (metrics["recall"], metrics["type_accuracy"]) == (1.0, 1.0)


def test_events_of_one_type_sharing_a_sentence_match_the_nearest():
    gold = gold_article(
        gold_event("e1", "ASSAULT", STORM, fatalities=4),
        gold_event("e2", "ASSAULT", ARREST, fatalities=0),
    )
    whole = {"start": 0, "end": len(RAW)}
    output = extraction(predicted("p1", "ASSAULT", "killing", evidence=whole,
                                  fatalities={"best": 4, "low": 4, "high": 4}))  # fmt: skip
    metrics = scored(gold, output)
    assert metrics["fatalities_accuracy"] == 1.0


def test_evidence_spans_beyond_the_first_count_for_matching():
    gold = gold_article(gold_event("e1", "COERCE", ARREST))
    arrest = {"start": ARREST[0], "end": ARREST[1]}
    output = extraction(predicted("p1", "COERCE", "stormed", evidence_spans=[arrest]))
    assert scored(gold, output)["recall"] == 1.0


def test_fields_of_a_matched_event_are_judged_against_the_gold():
    gold = gold_article(
        gold_event("e1", "ASSAULT", STORM, acled_sub_type="Attack", source_actors=[GUNMEN],
                   target_actors=[TRADERS], place=LOWTOWN, fatalities=4,
                   date={"first_day": "2020-03-02", "last_day": "2020-03-02", "precision": "day"})
    )  # fmt: skip
    actors = [
        {"id": "a1", "name": "Gunmen", "country": None, "sector": "UAF"},
        {"id": "a2", "name": "four traders", "country": "XXA", "sector": "CVL"},
    ]
    near = {"id": "p1", "name": "Lowtown", "lat": 10.2, "lon": 20.1}  # about 25 km away
    event = predicted(
        "p1", "ASSAULT", "stormed", acled_sub_type="Armed clash", source_actors=["a1"],
        target_actors=["a2"], place="p1", fatalities=None,
        time={"first_day": "2020-03-02", "last_day": "2020-03-02", "precision": "day"},
    )  # fmt: skip
    metrics = scored(gold, extraction(event, actors=actors, places=[near]))
    assert metrics["acled_sub_type_accuracy"] == 0.0
    assert metrics["actors_accuracy"] == 1.0
    assert metrics["place_accuracy"] == 1.0
    assert metrics["date_accuracy"] == 1.0
    assert metrics["fatalities_accuracy"] == 0.0  # no toll predicted counts as none killed


def test_a_place_farther_than_50_km_is_wrong_and_a_null_gold_place_wants_none():
    gold = gold_article(gold_event("e1", "ASSAULT", STORM, place=LOWTOWN),
                        gold_event("e2", "COERCE", ARREST))  # fmt: skip
    far = {"id": "p1", "name": "Lowtown", "lat": 11.0, "lon": 20.0}  # about 110 km away
    output = extraction(
        predicted("p1", "ASSAULT", "stormed", place="p1"),
        predicted("p2", "COERCE", "arrested", place="p1"),
        places=[far],
    )
    assert scored(gold, output)["place_accuracy"] == 0.0


def test_an_actor_is_found_by_its_codes_or_a_shared_name_word():
    army = {"name": "the national army", "country": "XXA", "sector": "MIL"}
    assert actors_right([army], [{"name": "soldiers", "country": "XXA", "sector": "MIL"}])
    assert actors_right([army], [{"name": "Army", "country": None, "sector": None}])
    assert not actors_right([army], [{"name": "army veterans", "country": None, "sector": "CVL"}])


def test_an_actor_side_needs_every_gold_actor_and_no_stray_one():
    assert actors_right([], [])
    assert not actors_right([], [POLICE])
    assert not actors_right([GUNMEN, POLICE], [GUNMEN])
    assert not actors_right([GUNMEN], [GUNMEN, TRADERS])  # the victim as a source


def test_the_sides_of_an_agreement_are_compared_as_one_pool():
    gold = gold_article(gold_event("e1", "AGREE", STORM, source_actors=[GUNMEN],
                                   target_actors=[POLICE]))  # fmt: skip
    actors = [{"id": "a1", "name": "police", "country": "XXA", "sector": "COP"},
              {"id": "a2", "name": "gunmen", "country": None, "sector": "UAF"}]  # fmt: skip
    event = predicted("p1", "AGREE", "stormed", source_actors=["a1"], target_actors=["a2"])
    assert scored(gold, extraction(event, actors=actors))["actors_accuracy"] == 1.0


def test_a_gold_span_that_does_not_match_its_text_is_reported():
    gold = gold_article(gold_event("e1", "ASSAULT", STORM))
    assert sha1_mismatches(gold, RAW) == []
    assert len(sha1_mismatches(gold, "X" + RAW)) == 1


@pytest.mark.gold
def test_every_gold_file_matches_the_shared_text_it_was_coded_on(gold_data):
    files = events_gold.gold_files()
    assert files, "no events gold files"
    for path in files:
        gold = events_gold.load_gold(path)
        source = gold["source"]
        texts = events_gold.raw_articles(
            gold_data / events_gold.SOURCE_FILES[source["set"]], source["set"]
        )
        assert source["key"] in texts, f"{path.name}: no article {source['key']!r}"
        assert sha1_mismatches(gold, texts[source["key"]].text) == [], path.name


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"}  # fmt: skip
ACLED_SUB_TYPES = {
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Abduction/forced disappearance",
    "Sexual violence", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Arrests",
    "Agreement", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other", "Government regains territory",
    "Non-state actor overtakes territory", "Chemical weapon", None,
}  # fmt: skip
SECTORS = {"GOV", "MIL", "REB", "OPP", "CVL", "MED", "IGO", "NGO", "BUS", "JUD", "LEG", "COP",
           "ELI", "UAF", "REL", "EDU", "HLH", "REF", "SPY", None}  # fmt: skip


@pytest.mark.parametrize("path", events_gold.gold_files(), ids=lambda p: p.name)
def test_every_gold_file_follows_the_coding_format(path):
    gold = events_gold.load_gold(path)
    source = gold["source"]
    assert path.name == f"{source['set']}-{source['key'].replace('/', '_')}.json"
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids))
    for event in gold["events"]:
        assert event["plover_type"] in PLOVER_TYPES, event["id"]
        assert event["acled_sub_type"] in ACLED_SUB_TYPES, event["id"]
        actors = event["source_actors"] + event["target_actors"]
        assert all(a["sector"] in SECTORS and a["name"] for a in actors), event["id"]
        assert event["place"] is None or event["place"]["precision"] in (1, 2, 3), event["id"]
        assert event["evidence"], event["id"]
