"""`tacitus_counts`: every number form, every kind, the non-counts, and the ACLED aggregation."""

from __future__ import annotations

import pytest

from tacitus.evaluation.counts import without_bookkeeping
from tacitus.evaluation.registry import EvalContext, load_gold_sets
from tacitus.nlp.counts import (
    VerbReadings,
    fatalities_of,
    figure_of,
    misattached_objects,
    predicate_of,
    written_subject,
)
from tacitus.nlp.numbers import Quantity, read_quantity
from tacitus.nlp.pipeline import shared_nlp
from tacitus.schema import Count


@pytest.fixture(scope="module")
def counts_nlp():
    """spaCy plus this component alone, so these tests do not depend on the others."""
    return shared_nlp(("tacitus_counts",))


@pytest.fixture(scope="module")
def counts_of(counts_nlp):
    def run(text: str) -> list[dict]:
        return counts_nlp(text)._.counts

    return run


def summary(counts: list[dict]) -> list[tuple]:
    return [(c["kind"], c["best"], c["low"], c["high"], c["who"]) for c in counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits with separators, decimals with scale words, number words
        ("Aid agencies report that 31,000 civilians have fled.",
         [("displaced", 31000, 31000, 31000, "civilians")]),
        ("The floods displaced 1.5 million people.",
         [("displaced", 1_500_000, 1_500_000, 1_500_000, "people")]),
        ("Two Russian nurses were killed.", [("killed", 2, 2, 2, "nurses")]),
        ("Forty-one people died in the fighting.", [("killed", 41, 41, 41, "people")]),
        # vague quantities: ACLED's conservative best, the honest range in low/high
        ("Airstrikes in Idlib province killed dozens.", [("killed", 12, 12, 99, "dozens")]),
        ("Tens of thousands of people fled the city.",
         [("displaced", 10_000, 10_000, 99_999, "people")]),
        ("Hundreds of protesters gathered in the square.",
         [("participants", 100, 100, 999, "protesters")]),
        ("Scores of people were injured.", [("injured", 20, 20, 99, "people")]),
        ("Police arrested a handful of demonstrators.",
         [("arrested", 3, 2, 5, "demonstrators")]),
        ("Several soldiers were killed.", [("killed", 3, 3, 9, "soldiers")]),
        # hedges
        ("About 200 people were wounded.", [("injured", 200, 180, 220, "people")]),
        ("At least 12 soldiers were killed.", [("killed", 12, 12, 12, "soldiers")]),
        ("More than 20 rebels were killed.", [("killed", 20, 20, 20, "rebels")]),
        ("Upwards of 300 people were detained.", [("arrested", 300, 300, 300, "people")]),
        ("Up to 50 people are missing.", [("missing", 50, 1, 50, "people")]),
        ("Nearly 100 people were trapped under the rubble.",
         [("trapped", 100, 90, 100, "people")]),
        # ranges
        ("Between 5 and 7 policemen were abducted.", [("abducted", 5, 5, 7, "policemen")]),
        ("The attack killed 20 to 30 people.", [("killed", 20, 20, 30, "people")]),
        # victims without a number, numbers after the verb, totals
        ("A man was shot dead by gunmen.", [("killed", 1, 1, 1, "man")]),
        ("Gunmen killed two people in the market.", [("killed", 2, 2, 2, "people")]),
        ("No one was killed in the raid on the depot.", [("killed", 0, 0, 0, None)]),
        ("The death toll rose to 45.", [("killed", 45, 45, 45, None)]),
    ],
)  # fmt: skip
def test_number_forms_and_kinds(counts_of, text, expected):
    assert summary(counts_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China vetoed a resolution for a seven-day cease-fire.",
        "The 2011 civil war began in the spring.",
        "Two-thirds of the residents, or 50 percent of the town, left after two airstrikes.",
        "The ministry paid $5 million in compensation after the two sides fought for two hours.",
        "Militants tried to kill two soldiers.",
    ],
)
def test_years_ages_percentages_durations_money_weapons_are_not_counts(counts_of, text):
    assert counts_of(text) == []


def test_age_is_not_the_count(counts_of):
    assert summary(counts_of("A 25-year-old man was killed on 9 May 2020.")) == [
        ("killed", 1, 1, 1, "man")
    ]


def test_count_dicts_follow_schema_and_point_at_their_text(counts_nlp):
    doc = counts_nlp("The bombing had killed 320 civilians, including some 40 children.")
    assert len(doc._.counts) == 2
    for count in doc._.counts:
        Count.model_validate(count)
        assert doc.text[count["start"] : count["end"]] == count["text"]
        assert count["event"] is None
    assert [c["text"] for c in doc._.counts] == ["320 civilians", "some 40 children"]
    assert doc._.counts[1]["approximate"] is True


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The bombing had killed 320 civilians, including some 40 children.", 320),
        ("Eighty-two people were killed, among them 12 children.", 82),
        ("The explosion killed three soldiers and two civilians.", 5),
        ("A man was shot dead. The man was a teacher who died at the scene.", 1),
        ("A woman was killed and her body was found in a river.", 1),
        ("Two men were found dead in a car. 2 fatalities.", 2),
        ("Several soldiers were killed. Unknown fatalities coded as 10.", 10),
        ("The blast killed seven people and wounded 23 others.", 7),
        ("No one was killed in the raid on the depot.", 0),
        ("A suicide bomber detonated his vest, killing himself and two policemen.", 3),
        ("Nine fighters were reported killed and 8 others injured.", 9),
        ("Masked gunmen shot dead two military policemen in Karachi.", 2),
        ("A mob attacked a youth and 3 others. 1 killed 3 injured.", 1),
        ("Gunmen shot and killed Abdur Rehman. The gunmen killed Rehman outside a mosque.", 1),
        ("Four police officers were killed. Three officers died at the scene.", 4),
        # the subject or objects the parser hung on the places or verbs before them
        ("03/14/2012: On Tuesday, in Baiji, Salah ad Din, Iraq, Major Karim Saleh, deputy mayor "
         "of the town, was killed when a car bomb exploded.", 1),
        ("On Friday evening, in the Yopougon district of Abidjan, Lagunes, Cote D'ivoire, three "
         "gendarmes and one customs officer were killed when gunmen raided a checkpoint.", 4),
        ("Attackers fired on a minibus, killing three soldiers, one prison guard and six "
         "passengers.", 10),
        ("Five officers were wounded and another killed.", 1),
        ("Six militants died along with four soldiers.", 10),
        ("Both militants were killed by return fire.", 2),
        # the attackers among the dead
        ("A suicide bomber detonated his vest at a checkpoint. Thirteen policemen were killed.",
         14),
        ("Six people including the commander and the bomber died when a suicide bomber blew "
         "up his vest at the gate.", 6),
        ("Two suicide bombers detonated their vests at the entrance. At least one more insurgent "
         "and four Afghan soldiers were killed in the gunfight that followed.", 7),
        ("Three suicide bombers stormed the compound. A bomber detonated his vest, two more "
         "bombers detonated their vests. All three suicide bombers were killed.", 3),
        # one report across sentences: restatements, additions, totals and parts
        ("A bomb exploded, killing two people. Mari's two nephews died instantly.", 2),
        ("Two soldiers were killed. Three civilians were also killed.", 5),
        ("The governor was killed by a roadside bomb. His three guards were also killed.", 4),
        ("A bomber killed seven of his bodyguards. Twenty-one people were killed in the attack.",
         21),
        ("The explosion killed two civilians, a woman and a man.", 2),
        ("Gunmen killed a resistance fighter, Khader Abu Elbeh, near the border.", 1),
        ("Unknown gunmen shot and killed Pascal Mbuyi in Lubumbashi city, Haut-Katanga "
         "province, Congo.", 1),
        ("Gunmen shot and killed a cleric and also killed one of his guards.", 2),
        ("Two of the four attackers were killed by the guards.", 2),
        ("An explosion killed five members of one family.", 5),
        # deaths the report gives as its background
        ("Gunmen killed two guards to avenge the death of their commander.", 2),
    ],
)  # fmt: skip
def test_fatalities_follow_acled_rules(counts_nlp, text, best):
    doc = counts_nlp(text)
    assert fatalities_of(doc._.counts, doc.text)["best"] == best


@pytest.mark.parametrize(
    "text",
    [
        "Protesters demanded justice for the killing of a teenager last year.",
        "The attack came a day after the group's leader was killed.",
        "A suicide bomber was arrested before he could detonate his vest.",
    ],
)
def test_no_death_reported_gives_no_figure(counts_nlp, text):
    doc = counts_nlp(text)
    assert fatalities_of(doc._.counts, doc.text) is None


@pytest.mark.parametrize(
    ("text", "confirmed", "claimed"),
    [
        # rival claims for the same soldiers are one figure, the lowest (one_figure_per_source)
        ("Police said two soldiers were killed. The Taliban claimed that ten soldiers had died.",
         2, 2),
        ("Three insurgents may have been killed in the strike.", None, 3),
        ("It is possible that two villagers were also killed.", None, 2),
        ("A mine killed two civilians. The army patrol came under fire, killing several "
         "insurgents.", 2, 5),
    ],
)  # fmt: skip
def test_gtd_counts_confirmed_deaths_only(counts_nlp, text, confirmed, claimed):
    doc = counts_nlp(text)
    gtd = figure_of(doc._.counts, doc.text, "killed", confirmed_only=True)
    acled = figure_of(doc._.counts, doc.text, "killed")
    assert (gtd["best"] if gtd else None) == confirmed
    assert acled["best"] == claimed


def test_who_died_of_injuries_counts_among_the_dead_only(counts_nlp):
    doc = counts_nlp("A shopkeeper was badly injured and later succumbed to his injuries.")
    assert fatalities_of(doc._.counts, doc.text)["best"] == 1
    assert figure_of(doc._.counts, doc.text, "injured") is None


def test_injured_figure(counts_nlp):
    doc = counts_nlp("The blast killed seven people and wounded 23 others.")
    assert figure_of(doc._.counts, doc.text, "injured") == {"best": 23, "low": 23, "high": 23}


def test_number_words_join_only_as_numbers():
    """ "one six" is two numbers ("two children, one six and the other ten years old")."""
    quantity, _, end = read_quantity(["one", "six"], 0)
    assert (quantity.best, end) == (1, 1)
    assert read_quantity(["twenty", "one"], 0)[0].best == 21


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("31,000", Quantity(31000, 31000, 31000, False)),
        ("1.5 million", Quantity(1_500_000, 1_500_000, 1_500_000, False)),
        ("two hundred and fifty", Quantity(250, 250, 250, False)),
        ("forty - one", Quantity(41, 41, 41, False)),
        ("some 40", Quantity(40, 36, 44, True)),
        ("between 5 and 7", Quantity(5, 5, 7, True)),
        ("hundreds of thousands", Quantity(100_000, 100_000, 999_999, True)),
        ("a few", Quantity(3, 2, 5, True)),
    ],
)
def test_read_quantity(words, expected):
    tokens = words.split()
    start = 1 if tokens[0] in {"some"} else 0
    quantity, first, end = read_quantity(tokens, start)
    assert quantity == expected
    assert (first, end) == (0, len(tokens))


@pytest.mark.parametrize(
    ("text", "kind", "whole", "share"),
    [
        # ACLED's notes say how a total is split; a report may say it was spread out
        ("Heavy fighting killed 20 fighters on the northern fronts. 20 fatalities split up "
         "between 3 events.", "killed", 20, 7),
        ("Shelling killed 12 people; the deaths were spread across four villages.",
         "killed", 12, 3),
        ("Raids killed 18 herders, divided equally among six villages in the valley.",
         "killed", 18, 3),
        # GTD's multiple-incident attacks: one total for all the incidents
        ("Bombs went off at ten polling stations. At least 60 people were killed across all "
         "ten incidents.", "killed", 60, 6),
        ("Eight people were killed in the two blasts near the stadium.", "killed", 8, 4),
        ("In one of three coordinated attacks, a bomb exploded at a bus station. In total, 30 "
         "people were killed. Four people were injured in the blast.", "killed", 30, 10),
        # the total is of the dead only; the injured were counted in this incident
        ("In one of three coordinated attacks, a bomb exploded at a bus station. In total, 30 "
         "people were killed. Four people were injured in the blast.", "injured", 4, 4),
        # one of several attacks, with no total for all of them: its own figure
        ("In one of two related attacks, three people died.", "killed", 3, 3),
        ("Four farmers were killed in the village.", "killed", 4, 4),
    ],
)  # fmt: skip
def test_per_event_gives_one_events_share_of_a_total(counts_nlp, text, kind, whole, share):
    doc = counts_nlp(text)
    assert figure_of(doc._.counts, doc.text, kind)["best"] == whole
    assert figure_of(doc._.counts, doc.text, kind, per_event=True)["best"] == share


def test_per_event_divides_the_range_too(counts_nlp):
    doc = counts_nlp("Between 10 and 20 people were killed in the two explosions.")
    share = figure_of(doc._.counts, doc.text, "killed", per_event=True)
    assert share == {"best": 5, "low": 5, "high": 10}


def test_per_event_keeps_no_figure_and_a_zero(counts_nlp):
    nothing = counts_nlp("Protesters marched across three districts.")
    assert figure_of(nothing._.counts, nothing.text, "killed", per_event=True) is None
    nobody = counts_nlp("No one was killed in the three blasts.")
    assert figure_of(nobody._.counts, nobody.text, "killed", per_event=True)["best"] == 0


@pytest.mark.parametrize(
    ("note", "news"),
    [
        # tallies
        ("On 4 March, gunmen shot two traders at a market stall. 2 fatalities.",
         "On 4 March, gunmen shot two traders at a market stall."),
        ("A grenade was thrown at a bar. 1 fatality, 3 injured", "A grenade was thrown at a bar."),
        ("Gunmen stormed a checkpoint. 2 killed, 5 injured.", "Gunmen stormed a checkpoint."),
        ("A truck bomb went off at the gate. At least 4 dead.",
         "A truck bomb went off at the gate."),
        ("Police dispersed the crowd. No casualties reported.", "Police dispersed the crowd."),
        ("An armed group raided the camp. Casualties unknown.", "An armed group raided the camp."),
        # the coding of the fatalities figure, and how it is split
        ("Soldiers and rebels fought near the dam. Unknown fatalities coded as 10.",
         "Soldiers and rebels fought near the dam."),
        ("Clashes went on along the ridge. 15 fatalities split up between 3 events.",
         "Clashes went on along the ridge."),
        ("Militias traded fire; unclear fatalites coded as 4 and spread across two locations.",
         "Militias traded fire;"),
        ("Drones hit two depots.Total fatalities divided equally across two events.",
         "Drones hit two depots."),
        ("Rockets fell on the port. Neither injuries nor fatalities were reported.",
         "Rockets fell on the port."),
        # the events coded, and what the source gives of the figure
        ("Shelling hit four hamlets. One event for each hamlet (total 4 events) has been coded.",
         "Shelling hit four hamlets."),
        ("Troops raided the village. Source reported that there were no fatalities.",
         "Troops raided the village."),
        # the coder's insertions
        ("Nurses rallied outside the clinic. [size=around 50]",
         "Nurses rallied outside the clinic."),
        ("A guard died at an unknown location [1 fatality split among 5 events].",
         "A guard died at an unknown location."),
        ("The youth wing (coded as the party militia) attacked a rival office.",
         "The youth wing attacked a rival office."),
    ],
)  # fmt: skip
def test_bookkeeping_is_removed_from_acled_notes(note, news):
    assert without_bookkeeping(note) == news


@pytest.mark.parametrize(
    "note",
    [
        "A bomb exploded outside the bank. No casualties were reported.",
        "The clashes resulted in 14 fatalities, including 5 civilians.",
        "Two policemen were killed and 7 others injured. Police fired 7.62mm rounds.",
        "Sources said three guards were wounded in the attack.",
        "As the news spread, traders shut their shops.",
    ],
)
def test_news_sentences_stay_in_acled_notes(note):
    assert without_bookkeeping(note) == note


@pytest.mark.gold
def test_acled_gold_sample(gold_data, counts_nlp):
    scorer = load_gold_sets()["acled-fatalities"].score
    metrics = scorer(EvalContext(gold_data, limit=100, _nlp=counts_nlp))
    assert metrics["rows"] == metrics["news_rows"] == 100
    assert metrics["exact"] >= 0.9
    assert metrics["news_exact"] >= 0.8


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "On Thursday, in Samarra, Salah ad Din, Iraq, Colonel Jabbar, police chief of "
            "Samarra, was killed.",
            ["Jabbar"],
        ),
        ("Gunmen shot and killed a villager and a former village chief, and two were wounded.", []),
    ],
)
def test_verb_readings_are_read_once_and_equal_a_fresh_reading(counts_nlp, text, written):
    doc = counts_nlp(text)
    readings = VerbReadings()
    for token in doc:
        predicate = readings.predicate(token)
        assert predicate == predicate_of(token)
        assert readings.predicate(token) is predicate
        assert readings.subject(token) == written_subject(token)
        if predicate is not None:
            objects = readings.misattached(token, predicate)
            assert objects == misattached_objects(token, predicate)
            assert readings.misattached(token, predicate) is objects
    assert [s.text for subjects in readings.subjects.values() for s in subjects] == written


# --- issue 19: the count classes other projects' tests found ---------------------------------


def first_count(counts: list[dict]) -> tuple:
    count = counts[0]
    return count["kind"], count["best"], count["low"], count["high"], count["approximate"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "dozen" multiplies the number before it; an article or "half a" stands for the number
        ("Two dozen pilgrims were killed when the bus was ambushed.",
         ("killed", 24, 24, 24, False)),
        ("Rebels abducted three dozen farmers near the border.", ("abducted", 36, 36, 36, False)),
        ("A dozen miners were trapped by the collapse.", ("trapped", 12, 12, 12, False)),
        ("Half a dozen sailors are missing after the attack.", ("missing", 6, 6, 6, False)),
        # vague words count units of the scale after them; "dozens" stays ACLED's 12
        ("Several dozen villagers fled the shelling.", ("displaced", 36, 36, 108, True)),
        ("A few hundred students were detained.", ("arrested", 300, 200, 500, True)),
        ("Dozens of shoppers were wounded.", ("injured", 12, 12, 99, True)),
    ],
)  # fmt: skip
def test_dozen_multiples(counts_of, text, expected):
    assert first_count(counts_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A hundred fishermen were arrested at sea.", ("arrested", 100, 100, 100, False)),
        ("Gunmen killed a hundred cattle herders.", ("killed", 100, 100, 100, False)),
        ("Almost a thousand families fled the valley.", ("displaced", 1000, 900, 1000, True)),
        ("A million people have been displaced by the drought.",
         ("displaced", 1_000_000, 1_000_000, 1_000_000, False)),
    ],
)  # fmt: skip
def test_an_article_is_one_of_the_scale(counts_of, text, expected):
    assert first_count(counts_of(text)) == expected


def test_an_article_before_a_compound_is_no_count(counts_of):
    assert counts_of("A hundred-year-old bridge was destroyed by the blast.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The cyclone displaced 4 lakh people.", ("displaced", 400_000, 400_000, 400_000, False)),
        ("Some 2.5 lakh people fled the floods.", ("displaced", 250_000, 225_000, 275_000, True)),
        ("Three crore people were displaced by the monsoon.",
         ("displaced", 30_000_000, 30_000_000, 30_000_000, False)),
        ("Police said 1,20,000 people were evacuated.",
         ("displaced", 120_000, 120_000, 120_000, False)),
        ("Lakhs of devotees were evacuated from the riverbank.",
         ("displaced", 100_000, 100_000, 9_999_999, True)),
    ],
)  # fmt: skip
def test_lakh_and_crore(counts_of, text, expected):
    assert first_count(counts_of(text)) == expected


@pytest.mark.parametrize(
    ("words", "best"),
    [
        ("two point five million", 2_500_000),
        ("one point two five million", 1_250_000),
        ("3 point 5 million", 3_500_000),
        ("1.5 lakh", 150_000),
        ("2 lakh 50 thousand", 250_000),
        ("half a dozen", 6),
    ],
)
def test_number_words_read(words, best):
    quantity, _, end = read_quantity(words.split(), 0)
    assert (quantity.best, end) == (best, len(words.split()))


def test_point_without_digits_ends_the_number():
    quantity, _, end = read_quantity(["two", "point", "guards"], 0)
    assert (quantity.best, end) == (2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine point four million people have fled the fighting.",
         ("displaced", 9_400_000, 9_400_000, 9_400_000, False)),
        ("The conflict displaced one point two five million people.",
         ("displaced", 1_250_000, 1_250_000, 1_250_000, False)),
    ],
)  # fmt: skip
def test_spoken_decimals(counts_of, text, expected):
    assert first_count(counts_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Troops shot four marchers dead and wounded 30 others.",
        "Police shot two protesters dead and injured a third.",
    ],
)
def test_shot_dead_victims_are_killed_not_participants(counts_of, text):
    counts = counts_of(text)
    kinds = {(c["kind"], c["who"]) for c in counts}
    assert ("killed", "marchers") in kinds or ("killed", "protesters") in kinds
    assert not any(c["kind"] in {"participants", "injured"} and c["who"] in {"marchers",
               "protesters"} for c in counts)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine passengers were treated for injuries.", ("injured", 9)),
        ("Doctors treated 15 people for burns.", ("injured", 15)),
        ("Eleven workers were hospitalized after the blast.", ("injured", 11)),
        ("Three guards sustained gunshot wounds.", ("injured", 3)),
        ("Two girls received treatment for cuts and bruises.", ("injured", 2)),
        ("Six people were rushed to hospital.", ("injured", 6)),
        ("The pilot suffered fatal injuries in the crash.", ("killed", 1)),
    ],
)
def test_care_and_suffering_tell_injuries(counts_of, text, expected):
    assert [(c["kind"], c["best"]) for c in counts_of(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Five residents were treated for shock.",
        "The colonel was unhurt, although two of his guards were wounded.",
    ],
)
def test_no_injury_without_an_injury(counts_of, text):
    counts = counts_of(text)
    assert all(c["who"] != "residents" and c["who"] != "colonel" for c in counts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 9 miners died.", ("killed", 9, 9, 9, True)),
        ("More than 40 people were arrested.", ("arrested", 40, 40, 40, True)),
        ("In excess of 500 people fled.", ("displaced", 500, 500, 500, True)),
        ("No fewer than two dozen officers were injured.", ("injured", 24, 24, 24, True)),
    ],
)  # fmt: skip
def test_open_range_invents_no_high(counts_of, text, expected):
    assert first_count(counts_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rival sources for the same victims: the lowest claim, low/high spanning them
        ("Officials said four people were killed, while witnesses said nine died.", (4, 4, 9)),
        ("According to the army, 25 militants were killed; the rebels said three fighters died.",
         (3, 3, 25)),
        ("Six people were killed, police said, but medics said 11 people died.", (6, 6, 11)),
        ("The governor said 7 people died. Local media put the toll at 15.", (7, 7, 15)),
        # the hedge of a rival figure is no "more" victims
        ("The ministry put the toll at 12, but activists said more than 30 people died.",
         (12, 12, 30)),
        # one source naming two groups, two sources naming different victims, added victims
        ("Police said two soldiers and three civilians were killed.", (5, 5, 5)),
        ("The army said two soldiers were killed, while villagers said four civilians died.",
         (6, 6, 6)),
        ("Police said five people were killed, while residents said another 12 died.",
         (17, 17, 17)),
    ],
)  # fmt: skip
def test_rival_sources_give_one_figure(counts_nlp, text, expected):
    doc = counts_nlp(text)
    toll = fatalities_of(doc._.counts, doc.text)
    assert (toll["best"], toll["low"], toll["high"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll with its breakdown after a colon is one toll
        ("In all, eleven people were killed: eight villagers and three gunmen.", 11),
        # the event that left victims dead is no victim; the attackers killed count too
        ("The ambush left five soldiers dead; troops later killed two of the attackers.", 7),
        ("The bombing left four shoppers dead.", 4),
    ],
)
def test_several_tolls_of_one_attack(counts_nlp, text, expected):
    doc = counts_nlp(text)
    assert fatalities_of(doc._.counts, doc.text)["best"] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a victim named by party and role without an article ("<Party> (<ABBR>) activist, X")
        "Gunmen shot and killed Awami National Party (ANP) activist, Rashid.",
        "Gunmen shot and killed Pakistan Peoples Party (PPP) leader, Gul Khan.",
        # a title the parser took for a work of art is still the one killed
        "Militants hacked to death the former Sarpanch of Kodapali.",
    ],
)
def test_titled_victim_without_article_is_one_killed(counts_nlp, text):
    doc = counts_nlp(text)
    assert fatalities_of(doc._.counts, doc.text)["best"] == 1
