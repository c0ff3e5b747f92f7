"""The actors component: recognition, resolution within an article, dictionary loading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus.actor_dictionary import ActorDictionary, add_file, add_petrarch, resolve_actor_text
from tacitus.nlp.actors import actors_at
from tacitus.schema import Actor

ALEPPO = (
    "Syrian troops pressed their advance into eastern Aleppo on Monday. Russia and China "
    "vetoed a UN Security Council resolution. Russian Foreign Minister Sergei Lavrov said all "
    'rebel fighters must leave. "We will not stop," Lavrov said. Russia\'s foreign minister '
    "added that Washington was to blame. He said the talks would continue. Russian and Syrian "
    "planes bombed Idlib, and US aircraft struck Islamic State. White House Press Secretary "
    "Josh Earnest called the attacks disgraceful. President-elect Donald Trump was silent. "
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
        ("White House Press Secretary Josh Earnest", "USA", "GOV", "person"),
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
