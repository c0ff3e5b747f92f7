"""The actors component: recognition, resolution within an article, dictionary loading."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tacitus.actor_dictionary import (
    ActorDictionary,
    add_file,
    add_petrarch,
    resolve_actor_text,
    shared_dictionary,
)
from tacitus.evaluation.actors import ngec_identities, same_name
from tacitus.nlp.actors import actors_at
from tacitus.schema import Actor

ALEPPO = (
    "Syrian troops pressed their advance into eastern Aleppo on Monday. Russia and China "
    "vetoed a UN Security Council resolution. Russian Foreign Minister Sergei Lavrov said all "
    'rebel fighters must leave. "We will not stop," Lavrov said. Russia\'s foreign minister '
    "added that Washington was to blame. He said the talks would continue. Russian and Syrian "
    "planes bombed Idlib, and US aircraft struck Islamic State. White House spokeswoman Jen "
    "Psaki called the attacks disgraceful. President-elect Donald Trump was silent. "
    "Aid agencies said 31,000 civilians had fled, the New York Times reported. Moscow denied "
    "it. The al-Nusra Front and anti-Assad forces held out, while the Iraqi army and Kurdish "
    "Peshmerga advanced and Islamist forces retreated. Brussels said the European Union would "
    "act, the Times of London reported. Beijing and Damascus welcomed the vote."
)


@pytest.fixture(scope="module")
def aleppo(doc_of):
    return doc_of(ALEPPO)


def actor_for(doc, phrase: str) -> dict:
    start = doc.text.index(phrase)
    ids = actors_at(doc, start, start + len(phrase))
    assert ids, f"no actor at {phrase!r}"
    by_id = {actor["id"]: actor for actor in doc._.actors}
    return by_id[ids[0]]


@pytest.mark.parametrize(
    ("phrase", "country", "sector", "kind"),
    [
        ("Syrian troops", "SYR", "MIL", "military"),
        ("Russia and", "RUS", None, "state"),
        ("China", "CHN", None, "state"),
        ("UN Security Council", None, "IGO", "igo"),
        ("Washington", "USA", "GOV", "government"),
        ("Moscow", "RUS", "GOV", "government"),
        ("Beijing", "CHN", "GOV", "government"),
        ("Damascus", "SYR", "GOV", "government"),
        ("US aircraft", "USA", "MIL", "military"),
        ("Islamic State", None, "REB", "rebel"),
        ("White House spokeswoman Jen Psaki", "USA", "GOV", "person"),
        ("President-elect Donald Trump", "USA", "GOV", "person"),
        ("Aid agencies", None, "NGO", "ngo"),
        ("civilians", None, "CVL", "civilians"),
        ("New York Times", "USA", "JRN", "media"),
        ("al-Nusra Front", "SYR", "REB", "rebel"),
        ("anti-Assad forces", None, "REB", "rebel"),
        ("Islamist forces", None, "REB", "rebel"),
        ("Iraqi army", "IRQ", "MIL", "military"),
        ("Kurdish Peshmerga", "IRQ", "MIL", "military"),
        ("Times of London", "GBR", "JRN", "media"),
    ],
)
def test_example_actors_of_the_issue(aleppo, phrase, country, sector, kind):
    actor = actor_for(aleppo, phrase)
    assert (actor["country"], actor["sector"], actor["kind"]) == (country, sector, kind)


def test_brussels_is_the_european_union(aleppo):
    assert actor_for(aleppo, "Brussels")["name"] == "European Union"
    assert actor_for(aleppo, "Brussels")["id"] == actor_for(aleppo, "European Union")["id"]


def test_coordinated_demonyms_are_two_actors(aleppo):
    start = aleppo.text.index("Russian and Syrian planes")
    ids = actors_at(aleppo, start, start + len("Russian and Syrian planes"))
    codes = {a["code"] for a in aleppo._.actors if a["id"] in ids}
    assert {"RUSMIL", "SYRMIL"} <= codes


def test_the_lavrov_chain_is_one_actor(aleppo):
    lavrov = actor_for(aleppo, "Russian Foreign Minister Sergei Lavrov")
    assert lavrov["name"] == "Sergei Lavrov"
    assert (lavrov["country"], lavrov["sector"], lavrov["code"]) == ("RUS", "GOV", "RUSGOV")
    texts = {aleppo.text[start:end] for start, end in lavrov["mentions"]}
    assert {"Lavrov", "Russia's foreign minister", "He"} <= texts


def test_actors_follow_schema_v1(aleppo):
    for actor in aleppo._.actors:
        Actor.model_validate(actor)
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(aleppo.text)


def test_a_text_without_actors(doc_of):
    doc = doc_of("The weather was fine.")
    assert doc._.actors == []
    assert doc._.actor_spans == []


def test_places_are_not_actors(doc_of):
    doc = doc_of("Fighting continued in Syria, and thousands fled to Damascus.")
    assert doc._.actors == []


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Russian Foreign Minister Sergei Lavrov", "RUS", "GOV"),
        ("Armenian Prime Minister", "ARM", "GOV"),
        ("Syrian troops", "SYR", "MIL"),
        ("Beijing", "CHN", "GOV"),
        ("Minsk police station", "BLR", "COP"),
        ("Assad's forces", "SYR", "MIL"),
        ("Russia's ambassador to Poland", "RUS", "GOV"),
        ("Boko Haram gunmen", "NGA", "REB"),
        ("a former White House official", "USA", "ELI"),
        ("soldiers", None, "MIL"),
        # the opposition's coalition is a political body, not a military coalition
        ("the Syrian Coalition", "SYR", "OPP"),
        ("the High Negotiations Committee", "SYR", "OPP"),
    ],
)
def test_resolve_actor_text(text, country, sector):
    resolved = resolve_actor_text(text)
    assert (resolved["country"], resolved["sector"]) == (country, sector)


def test_a_bare_surname_is_the_one_known_bearer():
    assert resolve_actor_text("President Obama")["name"] == "Barack Obama"
    assert resolve_actor_text("Adam Curtis Brown") is None  # other first names: someone else


def test_a_role_after_a_name_is_the_actor():
    assert resolve_actor_text("Assad regime")["code"] == "SYRGOV"


def test_codes_follow_the_date_when_a_body_changed_role():
    assert resolve_actor_text("Taliban", date(2010, 1, 1))["code"] == "AFGREB"
    assert resolve_actor_text("Taliban", date(2022, 1, 1))["code"] == "AFGGOV"


def test_unknown_text_resolves_to_none():
    assert resolve_actor_text("a cat named Frank") is None
    assert resolve_actor_text("us") is None  # the pronoun is not the United States


def test_international_bodies_carry_their_family():
    assert resolve_actor_text("UN Security Council")["bloc"] == "UNO"
    assert resolve_actor_text("the European Union")["code"] == "IGOEUREEC"


PHOENIX_SAMPLE = """\
# a dictionary in the PETRARCH/Phoenix layout
FREEDONIA_  [FRD]
+FREEDONIAN_
+FREEDONIA_CITY_

RUFUS_T_FIREFLY_  # invented leader
+PRESIDENT_FIREFLY_
\t[FRDELI 300101-330101]
\t[FRDGOV >330102]

SYLVANIAN_LIBERATION_FRONT_ [KKLREB]
+SLF_

WORLD_SNACK_ORGANIZATION_\t[IGOUNOAGR]
"""


def test_petrarch_dictionary_loading(tmp_path: Path):
    path = tmp_path / "Freedonia.actors.txt"
    path.write_text(PHOENIX_SAMPLE, encoding="utf-8")
    dictionary = ActorDictionary()
    add_file(dictionary, path)
    found = {m.entry.name: m.entry for m in dictionary.find(_tokens("President Firefly"))}
    firefly = found["Rufus T Firefly"]
    assert firefly.kind == "person"
    assert firefly.country is None  # FRD is not an ISO code
    assert firefly.code == "FRDGOV"  # the open-ended period is the current one
    assert firefly.at(date(1931, 5, 1)).code == "FRDELI"
    snack = dictionary.find(_tokens("the world snack organization"))[0].entry
    assert (snack.kind, snack.bloc, snack.code) == ("igo", "UNO", "IGOUNOAGR")
    front = dictionary.find(_tokens("SLF fighters"))[0].entry
    assert front.sector == "REB"


def test_user_yaml_dictionary(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "organizations:\n  - {name: Grey Wolves Brigade, aliases: [GWB], kind: militia,"
        " country: TUR, sector: PRM}\n",
        encoding="utf-8",
    )
    assert resolve_actor_text("GWB", extra_paths=(str(path),))["code"] == "TURPRM"


def test_petrarch_text_parser_keeps_synonyms():
    dictionary = ActorDictionary()
    add_petrarch(dictionary, PHOENIX_SAMPLE)
    assert dictionary.find(_tokens("Freedonian"))[0].entry.code == "FRD"


def _tokens(text: str):
    from tacitus.actor_dictionary import tokenize

    return tokenize(text)


def test_a_dateline_does_not_join_the_actor_after_it(doc_of):
    doc = doc_of("BEIRUT - Syrian troops pressed their advance into eastern Aleppo on Monday.")
    troops = actor_for(doc, "Syrian troops")
    assert (troops["name"], troops["country"], troops["code"]) == (
        "Syrian troops",
        "SYR",
        "SYRMIL",
    )


# --- where a generic actor is ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        # a place in the actor's own phrase
        ("Security forces in Guinea have arrested students.", "Security forces", "GIN", "COP"),
        ("Demonstrators in Cairo blocked a road on Tuesday.", "Demonstrators", "EGY", "OPP"),
        ("A newspaper based in east Beirut defied the ban.", "newspaper", "LBN", "JRN"),
        ("The authorities in Croatia cracked down on nationalists.", "authorities", "HRV", "GOV"),
        # the one country of the sentence: its places and its state organs
        ("Egyptian police fired on demonstrators on Monday night.", "demonstrators", "EGY", "OPP"),
        ("Students marched through the streets of Jakarta.", "Students", "IDN", "EDU"),
        # a titled person whose country the text does not give
        ("President Omar El Bashir shortened the curfew imposed in Sudan.", "Bashir", "SDN", "GOV"),
        # ethnic groups live where their place is
        ("Ethnic Albanians in southern Serbia demanded autonomy.", "Albanians", "SRB", "CVL"),
        ("The Albanians of southern Serbia demanded autonomy.", "Albanians", "SRB", "CVL"),
        # a group named by a proper noun before a vague role word
        ("Yoruba leaders forgave Nigerian President Olusegun Obasanjo.", "leaders", "NGA", None),
        # a country one is against is neither one's own nor where one is
        (
            "An anti-Syria journalist was killed in a car bomb in Beirut.",
            "journalist",
            "LBN",
            "JRN",
        ),
    ],
)
def test_generic_actors_take_the_country_of_where_they_are(doc_of, text, phrase, country, sector):
    actor = actor_for(doc_of(text), phrase)
    assert actor["country"] == country
    if sector:
        assert actor["sector"] == sector


def test_a_locating_place_joins_the_mention(doc_of):
    doc = doc_of("Demonstrators in Baghdad blocked a road.")
    actor = actor_for(doc, "Demonstrators")
    assert [0, len("Demonstrators in Baghdad")] in actor["mentions"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Refugees fled to Jordan on Sunday.", "Refugees"),  # a destination is not where they are
        ("Students marched in Paris and in Berlin.", "Students"),  # two countries: unknown
        ("Peacekeepers in Iraq were attacked.", "Peacekeepers"),  # forces often serve abroad
        ("Rebels attacked a village, police in Bangkok said.", "Rebels"),  # who reports
        # refugees are from elsewhere: where they are does not give their country
        ("Turkish police detained 30 refugees at the Greek border.", "refugees"),
        # another named leader does not lend his country to a president
        ("President Albert Fenwick welcomed South African leader Pieter Marais.", "Fenwick"),
    ],
)
def test_no_country_without_a_clear_place(doc_of, text, phrase):
    assert actor_for(doc_of(text), phrase)["country"] is None


def test_owned_forces_are_not_located(doc_of):
    doc = doc_of("Israel has strengthened its forces in Lebanon.")
    assert all(actor["country"] != "LBN" for actor in doc._.actors)


def test_the_article_sets_the_country_of_a_sentence_without_places(doc_of):
    doc = doc_of("Fighting raged in Aleppo and Homs on Friday. Civilians fled on foot.")
    assert actor_for(doc, "Civilians")["country"] == "SYR"


def test_an_apposition_gives_a_person_its_country(doc_of):
    doc = doc_of(
        "Nadia Boukhari, Algeria's most prominent human rights lawyer, went on a hunger strike."
    )
    boukhari = actor_for(doc, "Nadia Boukhari")
    assert (boukhari["country"], boukhari["kind"]) == ("DZA", "person")


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Quatar's emir launched a mediation effort on Saturday.", "emir", "QAT"),
        ("Both the Phillippines military and the rebels violated the truce.", "military", "PHL"),
        ("President Francois Mitterand welcomed the plan.", "Mitterand", "FRA"),
    ],
)
def test_misspelt_names_of_known_actors(doc_of, text, phrase, country):
    assert actor_for(doc_of(text), phrase)["country"] == country


def test_misspelt_names_in_a_free_actor_text():
    police = resolve_actor_text("Dehli police")
    assert (police["country"], police["sector"]) == ("IND", "COP")


def test_misspellings_are_one_letter_off_one_known_name():
    known = shared_dictionary()
    assert known.misspelt("Isreali").country == "ISR"  # two letters swapped
    assert known.misspelt("Jordon").country == "JOR"  # one letter changed
    assert known.misspelt("Gaza") is None  # too short to guess
    assert known.misspelt("Xyzzyland") is None
    assert known.misspelt("quatar") is None  # only capitalised names


def test_a_place_named_with_a_role_word_is_no_actor(doc_of):
    doc = doc_of("Gunmen killed 12 villagers in Zamfara state, police said.")
    assert all(actor["sector"] != "GOV" for actor in doc._.actors)
    assert actor_for(doc, "villagers")["country"] == "NGA"


def test_a_name_after_a_personal_title_is_a_person(doc_of):
    doc = doc_of(
        "Vice-President Moody Awori has declined to resign, the Kenya Anti-Graft Body said."
    )
    awori = actor_for(doc, "Moody Awori")
    assert (awori["kind"], awori["name"]) == ("person", "Moody Awori")


# --- leaders with their terms, peoples, historical states, armed groups ---


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Ronald Reagan", "USA", "GOV"),
        ("Chancellor Helmut Kohl", "DEU", "GOV"),
        ("Samuel Doe", "LBR", "GOV"),
        ("NPFL", "LBR", "REB"),
        ("Khmer Rouge guerrillas", "KHM", "REB"),
        ("UNITA rebels", "AGO", "REB"),
        ("Karen guerrillas", "MMR", "REB"),
        ("Tamil refugees", "LKA", "REF"),
        ("Chechen rebels", "RUS", "REB"),
        ("Tamil Nadu police", "IND", "COP"),
        ("Turkish Cypriot leader", "CYP", "GOV"),
        ("Soviet troops", "RUS", "MIL"),
        ("the Yugoslav army", "SRB", "MIL"),
        ("Czechoslovakia", "CZE", None),
    ],
)
def test_general_coverage_of_the_news_archive_era(text, country, sector):
    resolved = resolve_actor_text(text)
    assert (resolved["country"], resolved["sector"]) == (country, sector)


def test_a_leader_is_government_in_office_and_elite_after_it():
    assert resolve_actor_text("Angela Merkel", date(2015, 6, 1))["code"] == "DEUGOV"
    assert resolve_actor_text("Angela Merkel", date(2022, 1, 10))["code"] == "DEUELI"
    assert resolve_actor_text("Angela Merkel")["code"] == "DEUGOV"  # undated: the office
    assert resolve_actor_text("Trump", date(2022, 4, 1))["code"] == "USAELI"
    assert resolve_actor_text("Donald Trump", date(2025, 4, 1))["code"] == "USAGOV"


def test_before_taking_office_the_title_gives_the_sector():
    senator = resolve_actor_text("Senator Marco Rubio", date(2022, 3, 1))
    assert (senator["country"], senator["sector"]) == ("USA", "LEG")


def test_a_leader_entry_needs_its_years(tmp_path: Path):
    path = tmp_path / "leaders.yaml"
    path.write_text("leaders:\n  FRA:\n    president: [Jacques Chirac]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="years in office"):
        add_file(ActorDictionary(), path)


def test_a_rebel_group_that_took_power_changes_code():
    assert resolve_actor_text("RPF", date(1993, 1, 1))["code"] == "RWAREB"
    assert resolve_actor_text("RPF", date(2000, 1, 1))["code"] == "RWAGOV"


def test_a_peoples_name_opening_a_personal_name_is_a_given_name(doc_of):
    doc = doc_of("Karen Smith, a spokeswoman for the charity, said the camp was shelled.")
    assert all(actor["country"] != "MMR" for actor in doc._.actors)


def test_a_country_before_a_currency_is_no_actor(doc_of):
    doc = doc_of("The governor is suspected of diverting nearly US $12 million from the fund.")
    assert all(actor["country"] != "USA" for actor in doc._.actors)


# --- the NGEC identity check (evaluation/actors.py) ---


def test_identity_expectations_are_read_from_the_assertion_and_its_call(tmp_path: Path):
    lines = [
        {"calls": ['query_wiki("Ana Vidal")'], "asserts": ["wiki['title'] == \"Ana Vidal\""]},
        {
            "calls": ['agent_to_code("Kingdom Navy", query_date="2019-05-02")'],
            "asserts": ["code['wiki'] == 'Royal Navy'", "code['country'] == \"GBR\""],
        },
        {"calls": ['agent_to_code("two soldiers")'], "asserts": ["code['wiki'] == \"\""]},
        {
            "calls": ['agent_to_code("Ana Vidal")', 'agent_to_code("Vidal")'],
            "asserts": ["code['wiki'] == \"Ana Vidal\""],
        },
    ]
    path = tmp_path / "expectations.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert list(ngec_identities(path)) == [
        ("Ana Vidal", None, "Ana Vidal"),
        ("Kingdom Navy", date(2019, 5, 2), "Royal Navy"),
    ]  # no identity in an empty title, nor in a record with two calls it could be about


def test_identity_names_are_compared_without_case_or_accents():
    assert same_name("Nicolas Maduro", "Nicolás Maduro")
    assert same_name("VIKTOR ORBAN", "Viktor  Orbán")
    assert not same_name("George H.W. Bush", "George W. Bush")


# --- issue 19: the classes other projects' test suites probe --------------------------------


def codes_of(doc) -> list[tuple[str | None, str | None]]:
    return [(actor["country"], actor["sector"]) for actor in doc._.actors]


def test_a_people_word_and_a_people_word_before_a_role_are_two_actors(doc_of):
    doc = doc_of("Turkmen and Kurdish fighters held the ridge.")
    assert len(doc._.actors) == 2
    assert all(actor["sector"] == "REB" for actor in doc._.actors)
    doc = doc_of("Iraqi, Jordanian and Egyptian diplomats met in Cairo.")
    assert {country for country, _ in codes_of(doc)} >= {"IRQ", "JOR", "EGY"}


def test_a_role_from_a_country_comes_from_it(doc_of):
    doc = doc_of("Fighters from Niger crossed the border at dawn.")
    assert codes_of(doc) == [("NER", "REB")]
    aid = doc_of("Aid from Japan arrived on Monday.")
    assert ("JPN", None) in codes_of(aid)  # a giver, not an origin


def test_a_withdrawal_from_a_country_does_not_make_it_the_origin(doc_of):
    doc = doc_of("The army began the withdrawal of its troops from Lebanon.")
    assert all(actor["country"] != "LBN" or actor["kind"] == "state" for actor in doc._.actors)


def test_reflexives_are_no_actors(doc_of):
    doc = doc_of("Themselves farmers, the protesters said the rebels had armed themselves.")
    assert not any(actor["name"].lower() in {"themselves"} for actor in doc._.actors)
    for actor in doc._.actors:
        assert all(doc.text[start:end].lower() != "themselves" for start, end in actor["mentions"])


def test_an_acronym_defined_in_the_article_is_its_definition(doc_of):
    doc = doc_of(
        "The National Resistance Council (NRC) said its fighters held the pass. "
        "The NRC denied the report."
    )
    assert all(actor["sector"] != "REF" for actor in doc._.actors)  # not the refugee council
    known = doc_of("The Norwegian Refugee Council (NRC) said the camps were full. NRC staff left.")
    assert any(actor["code"] == "NGOREF" for actor in known._.actors)


def test_a_national_professional_body_is_no_state(doc_of):
    doc = doc_of("The Ghana Medical Association warned of a strike.")
    assert codes_of(doc) == [("GHA", "MED")]
    assert doc._.actors[0]["kind"] != "state"
    bar = doc_of("The Kenyan Bar Association sued the government.")
    assert ("KEN", "JUD") in codes_of(bar)


def test_a_dictionary_name_is_only_its_own_person(doc_of):
    doc = doc_of(
        "Anna Lukashenko, a student, was detained on Monday. Lukashenko was released later."
    )
    assert all(actor["country"] != "BLR" for actor in doc._.actors)
    leader = doc_of("Alexander Lukashenko said the border would stay closed.", date(2024, 5, 1))
    assert ("BLR", "GOV") in codes_of(leader)
    titled = doc_of("Mr Lukashenko said the border would stay closed.", date(2024, 5, 1))
    assert ("BLR", "GOV") in codes_of(titled)


# --- actors2: possessive names, leaders' forces, definite titles, longer party names ---


def test_a_possessive_name_is_the_name_without_its_ending(doc_of):
    doc = doc_of("Critics attacked Margaret Hodgkins's plans for the railways.")
    names = [actor["name"] for actor in doc._.actors]
    assert "Margaret Hodgkins" in names
    assert not any(name.endswith(("'s", "'")) for name in names)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Putin's forces pulled back from the border on Tuesday.", "RUS", "MIL"),
        ("Assads troops shelled the outskirts of the town overnight.", "SYR", "MIL"),
        ("The Assads regime denied the reports.", "SYR", "GOV"),
    ],
)
def test_forces_named_by_a_leader_are_of_the_leaders_country(doc_of, text, country, sector):
    doc = doc_of(text, date(2015, 6, 1))
    assert (country, sector) in codes_of(doc)


def test_a_possessive_before_no_role_stays_the_person(doc_of):
    doc = doc_of("Voters ignored Putin's promises on pensions.", date(2015, 6, 1))
    assert ("RUS", "MIL") not in codes_of(doc)
    assert any(actor["kind"] == "person" and actor["country"] == "RUS" for actor in doc._.actors)


def test_a_definite_title_is_the_one_person_named_with_it(doc_of):
    doc = doc_of(
        "Finance Minister Aurelio Pastrana presented the budget on Monday. "
        "Later the finance minister said taxes would not rise."
    )
    holder = actor_for(doc, "Aurelio Pastrana")
    assert any(doc.text[s:e].lower() == "finance minister" for s, e in holder["mentions"])


def test_a_definite_title_with_two_holders_is_neither(doc_of):
    doc = doc_of(
        "Prime Minister Aurelio Pastrana met Prime Minister Ingrid Valdemar in Oslo. "
        "The prime minister said the talks went well."
    )
    for name in ("Aurelio Pastrana", "Ingrid Valdemar"):
        mentions = actor_for(doc, name)["mentions"]
        assert all(doc.text[s:e].lower() != "prime minister" for s, e in mentions)


def test_a_longer_party_name_wins_over_its_last_word(doc_of):
    doc = doc_of("The Liberal Democrats said the plan was unfair. The Lib Dems voted against.")
    assert ("USA", "PTY") not in codes_of(doc)
    assert ("GBR", "PTY") in codes_of(doc)
    unknown = doc_of("The Radical Democrats walked out of the assembly.")
    assert ("USA", "PTY") not in codes_of(unknown)
    assert any(actor["name"] == "Radical Democrats" for actor in unknown._.actors)
