"""The document component: headline, byline, dateline, agency, lede and credit lines found
once, and never an actor of the article."""

from __future__ import annotations

import pytest

from tacitus.article_furniture import BYLINE_PATTERN
from tacitus.nlp.document import (
    AGENCY,
    BYLINE,
    CREDIT,
    DATELINE,
    DATELINE_PLACE,
    HEADLINE,
    LEDE,
    STAMP,
    document_span,
    in_furniture,
)
from tacitus.nlp.pipeline import shared_nlp

WIRE_STORY = (
    "Rebels seize hilltop town after week of fighting\n\n"
    "By Maria Lopez\n\n"
    "KABUL, Afghanistan (AP) — Taliban fighters attacked a police checkpoint in Kunduz on "
    "Tuesday, killing four officers, the provincial governor said.\n\n"
    "The attackers fled into the hills.\n\n"
    "Reporting by John Smith; Editing by Jane Doe"
)


@pytest.fixture(scope="module")
def nlp():
    return shared_nlp()


def part(doc, label: str) -> str | None:
    span = document_span(doc, label)
    return span.text if span is not None else None


def test_every_part_of_a_wire_story(nlp):
    doc = nlp(WIRE_STORY)
    assert part(doc, HEADLINE) == "Rebels seize hilltop town after week of fighting"
    assert part(doc, BYLINE) == "By Maria Lopez"
    assert part(doc, DATELINE) == "KABUL, Afghanistan (AP) —"
    assert part(doc, DATELINE_PLACE) == "KABUL"
    assert part(doc, AGENCY) == "AP"
    assert part(doc, LEDE).startswith("KABUL, Afghanistan (AP) — Taliban fighters attacked")
    assert part(doc, LEDE).endswith("the provincial governor said.")
    assert part(doc, CREDIT) == "Reporting by John Smith; Editing by Jane Doe"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("BEIRUT (Reuters) - Two rockets hit the port.", "BEIRUT"),
        ("ALEPPO -- Government troops advanced on Monday.", "ALEPPO"),
        ("THE HAGUE, Netherlands — The court opened the trial.", "HAGUE"),
        ("NEW DELHI: Two soldiers were killed in a blast.", "NEW DELHI"),
        ("MOSUL, Iraq, Oct 3 (Reuters) - Iraqi forces pushed into the old city.", "MOSUL"),
        ("Pleasanton, Calif. (AP) — A man was shot outside a bar.", "Pleasanton"),
        ("Gaza City (Reuters) - Air strikes hit two houses.", "Gaza City"),
    ],
)
def test_dateline_forms_of_wire_services_and_papers(nlp, text: str, place: str):
    assert part(nlp(text), DATELINE_PLACE) == place


@pytest.mark.parametrize(
    "text",
    [
        "UN: 70% of young people are out of work\n\nThe report was published today.",
        "Police — who arrived late — arrested two men.\n\nThey were released.",
        "NATO-led troops withdrew from the base on Friday.",
        "UPDATE — The minister resigned on Friday.",
    ],
)
def test_no_dateline_where_the_name_is_not_a_place_or_the_form_is_loose(nlp, text: str):
    assert document_span(nlp(text), DATELINE) is None


def test_a_sentence_is_not_a_headline(nlp):
    doc = nlp("The army shelled the town.\n\nTen people died.")
    assert document_span(doc, HEADLINE) is None
    assert part(doc, LEDE) == "The army shelled the town."


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("14 March 2016 Rebels Shell Army Posts Near Hama. Rebels fired mortars.", "14 March 2016"),
        ("Published June 3 2015 Two soldiers died in a blast.", "Published June 3 2015"),
        ("Friday 09 June 2017 21:40 Coalition Condemns Raid.", "Friday 09 June 2017 21:40"),
        ("03.11.2016 Jets struck the market of Saraqib.", "03.11.2016"),
    ],
)
def test_a_date_stamp_run_into_the_first_sentence(nlp, text: str, stamp: str):
    doc = nlp(text)
    assert part(doc, STAMP) == stamp
    assert part(doc, LEDE).startswith(stamp)


@pytest.mark.parametrize(
    "text",
    [
        "March 3, 2015 was the coldest day of the year.",
        "On 14 March 2016 rebels shelled army posts.",
        "Army kills 12 rebels\n\n14 March 2016 The army said twelve rebels died.",
    ],
)
def test_no_stamp_in_a_sentence_or_under_a_headline(nlp, text: str):
    assert document_span(nlp(text), STAMP) is None


def test_the_lede_goes_past_a_dateline_the_segmenter_cut_off(nlp):
    doc = nlp("NEW DELHI: Two soldiers were killed in a blast. Police searched the area.")
    assert part(doc, LEDE) == "NEW DELHI: Two soldiers were killed in a blast."


def test_furniture_covers_dateline_byline_and_credits_not_the_body(nlp):
    doc = nlp(WIRE_STORY)
    kabul = WIRE_STORY.index("KABUL")
    assert in_furniture(doc, kabul, kabul + 5)
    smith = WIRE_STORY.index("John Smith")
    assert in_furniture(doc, smith, smith + 10)
    taliban = WIRE_STORY.index("Taliban")
    assert not in_furniture(doc, taliban, taliban + 7)


def test_no_actor_from_the_dateline_agency_or_credit_line(nlp):
    doc = nlp(WIRE_STORY)
    names = {actor["name"] for actor in doc._.actors}
    assert "Taliban fighters" in names
    assert not names & {"Afghanistan", "Associated Press", "John Smith", "Jane Doe"}
    (event,) = [e for e in doc._.events if e["type"] == "ASSAULT"]
    sources = {a["name"] for a in doc._.actors if a["id"] in event["source_actors"]}
    assert sources == {"Taliban fighters"}


def test_the_reader_and_the_component_share_one_byline_form():
    assert BYLINE_PATTERN.match("By Ahmed al-Rashid and Jane Doe")["author"].endswith("Jane Doe")
    assert BYLINE_PATTERN.match("Bystanders fled the square") is None
