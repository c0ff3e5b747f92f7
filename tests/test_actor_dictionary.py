"""The actor dictionary as a whole: one entry is one actor, and a name two entries bear is
marked so in the YAML (`ambiguous`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from tacitus.actor_dictionary import (
    ORG,
    PERSON,
    ROLE,
    ActorDictionary,
    ActorEntry,
    add_file,
    load_dictionary,
    normalize,
    resolve_actor_text,
    tokenize,
)

Key = tuple[str, ...]
Identity = tuple[str, ...]


def phrase_key(text: str) -> Key:
    """The key the loader files a phrase under (leading "the" dropped, case and dots ignored)."""
    surface = [token for token, _, _ in tokenize(text)]
    if len(surface) > 1 and surface[0].lower() == "the":
        surface = surface[1:]
    return tuple(normalize(token) for token in surface)


def identity(entry: ActorEntry) -> Identity | None:
    """Who an entry is. A person or organisation is its name (spelling variants and a person's
    several offices are one actor); a country's state, people, seat of government, regions and
    cities are the country. Role words are common nouns that name no one actor: None."""
    if entry.type == ROLE:
        return None
    if entry.type in {ORG, PERSON}:
        return (entry.type, *phrase_key(entry.name))
    return ("country", entry.country or "")


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_dictionary()


@pytest.fixture(scope="module")
def owners_of_names(dictionary) -> dict[Key, set[Identity]]:
    owners: dict[Key, set[Identity]] = defaultdict(set)
    for phrases in dictionary.phrases.values():
        for phrase in phrases:
            who = identity(phrase.entry)
            if who is not None:
                owners[phrase_key(phrase.entry.name)].add(who)
    return owners


def test_no_alias_is_the_name_of_another_entry(dictionary, owners_of_names):
    wrong = sorted(
        f"{' '.join(key)!r} is an alias of {who} but names {owners_of_names[key] - {who}}"
        for key, phrases in dictionary.phrases.items()
        for phrase in phrases
        if (who := identity(phrase.entry)) is not None and owners_of_names.get(key, {who}) - {who}
    )
    assert not wrong, "\n".join(wrong)


def test_a_name_two_entries_bear_is_marked_on_all_but_one(dictionary):
    unmarked = {}
    for key, phrases in dictionary.phrases.items():
        bearers = {identity(p.entry) for p in phrases} - {None}
        usual = {identity(p.entry) for p in phrases if not p.secondary} - {None}
        if len(usual) > 1:
            unmarked[" ".join(key)] = sorted(bearers, key=str)
    assert not unmarked, f"shared names not marked ambiguous: {unmarked}"


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("KCNA", "Korean Central News Agency", "PRK", "JRN"),
        ("Yonhap", "Yonhap", "KOR", "JRN"),
        ("MIT", "Massachusetts Institute of Technology", "USA", "EDU"),
        ("Yale University", "Yale University", "USA", "EDU"),
        ("LinkedIn", "LinkedIn", "USA", "BUS"),
        ("Proud Boys", "Proud Boys", "USA", "UAF"),
        ("the Black Sea Fleet", "Black Sea Fleet", "RUS", "MIL"),
        ("Der Spiegel", "Der Spiegel", "DEU", "JRN"),
        ("the Bundeswehr", "Bundeswehr", "DEU", "MIL"),
        ("Shin Bet", "Shin Bet", "ISR", "SPY"),
        ("Harkat-ul-Mujahideen", "Harkat-ul-Mujahideen", "PAK", "REB"),
        ("Fatah", "Fatah", "PSE", "PTY"),
    ],
)
def test_a_body_once_listed_under_another_is_its_own_actor(text, name, country, sector):
    resolved = resolve_actor_text(text)
    assert (resolved["name"], resolved["country"], resolved["sector"]) == (name, country, sector)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("RSF", "Rapid Support Forces"),  # not Reporters Without Borders
        ("JEM", "Justice and Equality Movement"),
        ("JeM", "Jaish-e-Mohammed"),  # the written case tells the Pakistani group apart
        ("Brussels", "European Union"),  # not the Belgian government
    ],
)
def test_a_shared_name_goes_to_the_entry_that_does_not_mark_it(text, name):
    assert resolve_actor_text(text)["name"] == name


def test_shared_demonyms_and_cities_go_to_the_usual_country():
    assert resolve_actor_text("Dominican coast guard")["country"] == "DOM"
    assert resolve_actor_text("Congolese soldiers")["country"] == "COD"
    assert resolve_actor_text("Hyderabad police")["country"] == "IND"
    assert resolve_actor_text("Palestinian Authority")["name"] == "Palestinian Authority"


def test_the_mark_works_whatever_the_loading_order(tmp_path: Path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "organizations:\n"
        "  - {name: Northland Rowing Club, aliases: [NRC], ambiguous: [NRC], country: NOR,"
        " sector: BUS}\n"
        "  - {name: Northland Rescue Corps, aliases: [NRC], country: NOR, sector: MED}\n",
        encoding="utf-8",
    )
    dictionary = ActorDictionary()
    add_file(dictionary, path)
    [match] = dictionary.find(tokenize("NRC"))
    assert match.entry.name == "Northland Rescue Corps"


def test_a_mark_on_a_name_the_entry_does_not_bear_is_an_error(tmp_path: Path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "organizations:\n"
        "  - {name: Northland Rowing Club, aliases: [NRC], ambiguous: [NRCC], country: NOR}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="NRCC"):
        add_file(ActorDictionary(), path)


def test_the_spellings_of_a_person_are_one_actor_under_one_name():
    assert resolve_actor_text("Sergey Lavrov")["name"] == "Sergei Lavrov"
    assert resolve_actor_text("Aleksandr Lukashenko")["name"] == "Alexander Lukashenko"
    # a leader's other spelling keeps the tenure: out of office after 2024
    assert resolve_actor_text("Bashar Assad", date(2025, 6, 1))["code"] == "SYRELI"


def test_spellings_are_separated_by_a_slash(tmp_path: Path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "persons:\n  NOR: [Ingrid Haugland / Ingrid Haugeland | MIL]\n"
        "leaders:\n  NOR:\n    prime minister: [Per Solvang / Peer Solvang 2031-2035]\n",
        encoding="utf-8",
    )
    dictionary = ActorDictionary()
    add_file(dictionary, path)
    [spelling] = dictionary.find(tokenize("Ingrid Haugeland"))
    assert (spelling.entry.name, spelling.entry.sector) == ("Ingrid Haugland", "MIL")
    [leader] = dictionary.find(tokenize("Peer Solvang"))
    assert leader.entry.name == "Per Solvang"
    assert leader.entry.at(date(2033, 1, 1)).code == "NORGOV"
    assert dictionary.person_by_surname("Haugeland").name == "Ingrid Haugland"
