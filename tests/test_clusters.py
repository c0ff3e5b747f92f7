"""Clusters: which reports are one real-world event, and what the cluster shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tacitus.clusters.assign import choose_cluster, new_cluster_id
from tacitus.clusters.match import (
    PlaceAgreement,
    candidate_days,
    compatible,
    datable,
    is_tight,
    names_other_weapon,
    place_agreement,
    same_actor,
    same_event,
    same_kind,
    shares_actor,
    sub_types_compatible,
    times_overlap,
    tolls_agree,
    tolls_compatible,
)
from tacitus.clusters.merge import merged_view
from tacitus.clusters.reports import EventReport, ReportActor, ReportPlace, reports_of
from tacitus.schema import Extraction

IDLIB_TOWN = ReportPlace("Maarat al-Numan", 35.64, 36.67, "SYR", "Idlib", 1)
NEARBY_VILLAGE = ReportPlace("Kafr Nabl", 35.61, 36.56, "SYR", "Idlib", 1)
ALEPPO = ReportPlace("Aleppo", 36.20, 37.16, "SYR", "Aleppo", 1)
IDLIB_PROVINCE = ReportPlace("Idlib", 35.83, 36.63, "SYR", "Idlib", 3)
ARMY = ReportActor("Syrian army", "SYRMIL", "SYR")
REBELS = ReportActor("rebels", "SYRREB", "SYR")


def report(article: str, **changes) -> EventReport:
    base = EventReport(
        article_id=article,
        event_id="e1",
        outlet=f"outlet-{article}",
        type="ASSAULT",
        acled_type="Explosions/Remote violence",
        acled_sub_type="Air/drone strike",
        first_day=date(2019, 5, 6),
        last_day=date(2019, 5, 6),
        dated=True,
        place=IDLIB_TOWN,
        country="SYR",
        source_actors=(ARMY,),
        fatalities=(14, 14, 14),
        evidence=(0, 40),
    )
    return replace(base, **changes)


def test_two_outlets_reporting_one_strike_with_different_tolls_are_one_event():
    assert same_event(report("a"), report("b", fatalities=(16, 16, 16)))


def test_an_article_is_never_clustered_with_itself():
    assert not same_event(report("a"), report("a", event_id="e2"))


def test_another_day_or_another_town_is_another_event():
    assert not same_event(report("a"), report("b", first_day=date(2019, 5, 9),
                                               last_day=date(2019, 5, 9)))  # fmt: skip
    assert not same_event(report("a"), report("b", place=ALEPPO))


def test_a_neighbouring_village_is_within_a_towns_reach():
    assert same_event(report("a"), report("b", place=NEARBY_VILLAGE))


def test_a_province_level_report_fits_a_town_in_that_province_only():
    province = report("b", place=IDLIB_PROVINCE)
    assert place_agreement(report("a"), province) is PlaceAgreement.PROVINCE
    assert place_agreement(report("a", place=ALEPPO), province) is None


def test_agreeing_only_on_a_province_needs_the_same_sub_type_and_more_the_looser_the_time():
    # a day, the army in both: one corroboration is enough
    assert same_event(report("a"), report("b", place=IDLIB_PROVINCE, fatalities=None))
    # a week: the army alone is not enough, the army and the same toll are
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12)}
    assert not same_event(report("a"), report("b", place=IDLIB_PROVINCE, fatalities=None, **week))
    assert same_event(report("a"), report("b", place=IDLIB_PROVINCE, **week))
    shelling = report("b", place=IDLIB_PROVINCE, acled_sub_type="Shelling/artillery/missile attack")
    assert not same_event(report("a"), shelling)


def test_agreeing_only_on_a_country_needs_the_same_day_sub_type_and_a_corroboration():
    unplaced = report("b", place=None, fatalities=None)
    assert place_agreement(report("a"), unplaced) is PlaceAgreement.COUNTRY
    assert same_event(report("a"), unplaced)  # the army in both
    assert not same_event(report("a"), replace(unplaced, source_actors=(REBELS,)))
    assert same_event(report("a"), replace(unplaced, source_actors=(), fatalities=(15, 15, 15)))
    shelling = replace(unplaced, acled_sub_type="Shelling/artillery/missile attack")
    assert not same_event(report("a"), shelling)
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12)}
    assert not same_event(report("a"), replace(unplaced, **week))


def test_two_countries_are_two_events():
    beirut = ReportPlace("Beirut", 33.89, 35.50, "LBN", "Beyrouth", 1)
    assert place_agreement(report("a"), report("b", place=beirut, country="LBN")) is None


def test_a_week_long_window_overlaps_a_day_inside_it():
    week = report("b", first_day=date(2019, 5, 6), last_day=date(2019, 5, 12),
                  dated=True)  # fmt: skip
    assert same_event(report("a"), week)


def test_an_undated_event_without_any_window_joins_nothing():
    assert not same_event(report("a"), report("b", first_day=None, last_day=None, dated=False))


def test_a_protest_is_not_an_air_strike_and_a_clash_is_not_remote_violence():
    assert not same_event(report("a"), report("b", type="PROTEST", acled_type="Protests"))
    assert not same_event(report("a"), report("b", acled_type="Battles",
                                               acled_sub_type="Armed clash"))  # fmt: skip
    shelling = report("b", acled_sub_type="Shelling/artillery/missile attack")
    assert same_event(report("a"), shelling)


def test_tolls_that_a_rising_count_explains_fit_and_wildly_different_ones_do_not():
    assert tolls_compatible((2, 2, 2), (5, 5, 5))
    assert tolls_compatible((112, 112, 112), (126, 126, 130))
    assert not tolls_compatible((2, 2, 2), (200, 200, 200))
    assert tolls_compatible(None, (200, 200, 200))


def test_a_toll_vetoes_only_when_no_claim_of_one_report_fits_a_claim_of_the_other():
    # "police said 5 were killed, residents said 12" (5, low 5, high 12) and a later "30 dead"
    rival_claims, later = (5, 5, 12), (30, 30, 30)
    assert tolls_compatible(rival_claims, later) and tolls_compatible(later, rival_claims)
    assert not tolls_compatible((5, 5, 5), later)
    # "dozens were killed" spans its range; two ranges that overlap never conflict
    assert tolls_compatible((12, 12, 99), (60, 60, 60))
    assert tolls_compatible((3, 2, 40), (35, 30, 200))
    assert not tolls_compatible((5, 5, 12), (200, 180, 220))
    # a range is no agreement: only the best figures corroborate
    assert not tolls_agree((12, 12, 99), (60, 60, 60))


def test_a_report_joins_the_cluster_it_fits_best():
    clusters = {
        "aleppo": [report("x", place=ALEPPO)],
        "idlib": [report("y"), report("z", place=NEARBY_VILLAGE)],
    }
    assert choose_cluster(report("a"), clusters) == "idlib"
    assert choose_cluster(report("a", type="PROTEST", acled_type="Protests"), clusters) is None


def test_complete_link_keeps_a_loose_report_from_chaining_two_events():
    # a province-level report fits any town of the province, but two towns 40 km apart
    # are two strikes, so the second town's report does not join through it
    other_town = ReportPlace("Jisr al-Shughur", 35.81, 36.32, "SYR", "Idlib", 1)
    clusters = {"c1": [report("a", place=IDLIB_PROVINCE), report("b")]}
    assert same_event(report("c", place=other_town), report("a", place=IDLIB_PROVINCE))
    assert choose_cluster(report("c", place=other_town), clusters) is None


def test_cluster_ids_are_stable_for_the_same_first_report():
    assert new_cluster_id(report("a")) == new_cluster_id(report("a"))
    assert new_cluster_id(report("a")) != new_cluster_id(report("b"))


def test_merged_view_keeps_each_sources_toll_and_blame():
    reports = [
        report("a", outlet="Reuters", fatalities=(14, 14, 14)),
        report("b", outlet="AP", fatalities=(16, 15, 18), source_actors=(REBELS,)),
        report("c", outlet="AFP", fatalities=(16, 16, 16)),
    ]
    view = merged_view("c1", reports)
    assert view.fatalities == (16, 14, 18)
    assert [(t.outlet, t.best) for t in view.tolls] == [("Reuters", 14), ("AP", 16), ("AFP", 16)]
    assert view.source_actors == ("Syrian army", "rebels")
    assert view.disputed_sources
    assert view.outlets == ("AFP", "AP", "Reuters")
    assert view.place == IDLIB_TOWN


def test_merged_view_prefers_the_finest_place_and_the_narrowest_dated_window():
    reports = [
        report("a", place=IDLIB_PROVINCE, first_day=date(2019, 5, 6), last_day=date(2019, 5, 12)),
        report("b"),
    ]
    view = merged_view("c1", reports)
    assert view.place == IDLIB_TOWN
    assert (view.first_day, view.last_day) == (date(2019, 5, 6), date(2019, 5, 6))


# --- time windows given precision ---


def extraction(published: str | None, time: dict | None, article: str = "a") -> Extraction:
    """One article of one air strike, its event dated by `time` (None: no time of its own)."""
    text = "Warplanes struck a market in the town on Tuesday, killing nine people."
    event = {
        "id": "e1",
        "type": "ASSAULT",
        "acled_type": "Explosions/Remote violence",
        "acled_sub_type": "Air/drone strike",
        "trigger": {"text": "struck", "start": 10, "end": 16},
        "time": time,
        "evidence": {"start": 0, "end": len(text)},
        "confidence": 0.9,
    }
    return Extraction.model_validate(
        {"article": {"id": article, "text": text, "published": published}, "events": [event]}
    )


def window_of(published: str | None, time: dict | None) -> tuple[date | None, date | None]:
    (only,) = reports_of(extraction(published, time))
    return only.first_day, only.last_day


def test_a_window_running_past_publication_ends_there_and_reaches_back_as_far_as_undated():
    # published on a Tuesday, the event given its article's week (Monday to Sunday): it
    # happened by the Tuesday, and no more is known of it than of an undated event
    week = {"first_day": "2019-05-06", "last_day": "2019-05-12", "precision": "week"}
    assert window_of("2019-05-07", week) == (date(2019, 5, 4), date(2019, 5, 7))
    assert window_of("2019-05-07", None) == (date(2019, 5, 4), date(2019, 5, 7))
    # published on the Saturday: the week's Monday is kept
    assert window_of("2019-05-11", week) == (date(2019, 5, 6), date(2019, 5, 11))
    # a window ending by the publication, or wholly after it (a wrong publication date), stays
    last_week = {"first_day": "2019-04-29", "last_day": "2019-05-05", "precision": "week"}
    assert window_of("2019-05-07", last_week) == (date(2019, 4, 29), date(2019, 5, 5))
    assert window_of("2019-05-01", week) == (date(2019, 5, 6), date(2019, 5, 12))


def test_an_event_given_only_its_articles_week_needs_more_than_a_town_and_a_type():
    # the other report is dated to the day; the week-dated one names no actor and no toll
    week = {"first_day": "2019-05-06", "last_day": "2019-05-12", "precision": "week"}
    (vague,) = reports_of(extraction("2019-05-07", week, article="b"))
    vague = replace(vague, place=IDLIB_TOWN, country="SYR")
    assert not is_tight(vague)
    assert not same_event(report("a", first_day=date(2019, 5, 7), last_day=date(2019, 5, 7)), vague)
    named = replace(vague, source_actors=(ARMY,))
    assert same_event(report("a", first_day=date(2019, 5, 7), last_day=date(2019, 5, 7)), named)


def test_a_date_given_to_the_day_may_be_a_day_off_a_longer_window_is_not_widened():
    monday = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 6)}
    assert same_event(report("a"), report("b", first_day=date(2019, 5, 7),
                                          last_day=date(2019, 5, 7)))  # fmt: skip
    assert not same_event(report("a"), report("b", first_day=date(2019, 5, 8),
                                              last_day=date(2019, 5, 8)))  # fmt: skip
    following_week = report("b", first_day=date(2019, 5, 13), last_day=date(2019, 5, 19))
    assert not times_overlap(report("a", first_day=date(2019, 5, 6), last_day=date(2019, 5, 12)),
                             following_week)  # fmt: skip
    assert times_overlap(report("a", **monday), report("b", first_day=date(2019, 4, 29),
                                                        last_day=date(2019, 5, 5)))  # fmt: skip


def test_a_report_dated_only_to_a_year_joins_nothing_and_is_not_looked_up():
    year = report("b", first_day=date(2019, 1, 1), last_day=date(2019, 12, 31))
    assert not datable(year)
    assert not same_event(report("a"), year)
    assert candidate_days(year) is None
    earliest_first, latest_first, earliest_last = candidate_days(report("a"))
    assert earliest_first < date(2019, 4, 5) and latest_first == date(2019, 5, 7)
    assert earliest_last == date(2019, 5, 5)


# --- place distance by precision ---


def test_a_point_standing_for_a_district_reaches_farther_than_a_town_but_not_across_the_map():
    district = ReportPlace("Ariha district", 35.95, 36.80, "SYR", "Idlib", 2)  # ~36 km away
    far_district = ReportPlace("Harem district", 36.21, 36.52, "SYR", "Idlib", 2)  # ~64 km
    assert place_agreement(report("a"), report("b", place=district)) is PlaceAgreement.TOWN
    town_there = replace(district, name="a village", geo_precision=1)
    assert place_agreement(report("a"), report("b", place=town_there)) is None
    assert place_agreement(report("a"), report("b", place=far_district)) is None
    # a town 40 km off is out of a town's reach even in the same province
    jisr = ReportPlace("Jisr al-Shughur", 35.81, 36.32, "SYR", "Idlib", 1)
    assert place_agreement(report("a"), report("b", place=jisr)) is None


def test_places_without_points_agree_as_far_as_their_names():
    unlocated = replace(IDLIB_TOWN, lat=None, lon=None)
    other = ReportPlace("Saraqib", None, None, "SYR", "Idlib", 1)
    assert place_agreement(report("a", place=unlocated),
                           report("b", place=unlocated)) is PlaceAgreement.TOWN  # fmt: skip
    assert place_agreement(report("a", place=unlocated),
                           report("b", place=other)) is PlaceAgreement.PROVINCE  # fmt: skip


# --- type compatibility between PLOVER types and ACLED sub-types ---


def test_one_strike_or_one_bomb_may_be_named_two_ways_but_a_bomb_is_no_gas_attack():
    assert sub_types_compatible("Air/drone strike", "Shelling/artillery/missile attack")
    assert sub_types_compatible("Chemical weapon", "Air/drone strike")
    assert sub_types_compatible("Suicide bomb", "Remote explosive/landmine/IED")
    assert sub_types_compatible("Armed clash", "Government regains territory")
    assert sub_types_compatible("Attack", "Air/drone strike")  # "nine civilians were killed"
    assert not sub_types_compatible("Remote explosive/landmine/IED", "Chemical weapon")
    assert not sub_types_compatible("Armed clash", "Suicide bomb")
    assert not sub_types_compatible("Attack", "Armed clash")
    bombing = report("b", acled_sub_type="Suicide bomb")
    blast = report("c", acled_sub_type="Remote explosive/landmine/IED")
    assert same_event(bombing, blast)
    assert not same_event(report("a"), bombing)


def test_victims_told_without_the_weapon_are_the_kind_another_outlet_names_at_a_coarse_place():
    # "warplanes releasing gas ... massacring dozens" (Attack) placed in the town, and "a
    # suspected chemical attack" placed only in the country: one day, tolls that agree
    massacre = report("a", acled_sub_type="Attack", source_actors=(), fatalities=(58, 58, 58))
    gas = report("b", acled_sub_type="Chemical weapon", place=None, source_actors=(),
                 fatalities=(80, 80, 80))  # fmt: skip
    assert same_kind("Attack", "Chemical weapon") and same_kind("Air/drone strike", "Attack")
    assert same_event(massacre, gas)
    # the catch-all is no kind of battle, and two named kinds are not one at a coarse place
    assert not same_kind("Attack", "Armed clash")
    assert not same_kind("Shelling/artillery/missile attack", "Air/drone strike")
    assert not same_kind(None, "Attack")
    assert not same_event(replace(massacre, acled_sub_type="Shelling/artillery/missile attack"),
                          replace(gas, acled_sub_type="Air/drone strike"))  # fmt: skip
    # a catch-all report saying nothing else (no toll, no party) is not enough on its own
    assert not same_event(replace(massacre, fatalities=None), gas)


def test_two_named_weapons_in_one_town_and_day_need_a_corroboration():
    # rebels' rockets and the regime's helicopters strike one city on one day: two attacks
    rockets = report("a", acled_sub_type="Shelling/artillery/missile attack",
                     source_actors=(REBELS,), fatalities=None)  # fmt: skip
    helicopters = report("b", source_actors=(ARMY,), fatalities=(85, 85, 85))
    assert names_other_weapon(rockets.acled_sub_type, helicopters.acled_sub_type)
    assert not same_event(rockets, helicopters)
    # one outlet's missile attack, another's air raid, with the same toll: one strike
    assert same_event(replace(rockets, fatalities=(84, 84, 84)), helicopters)
    # the same weapon, or the catch-all, needs nothing more in one town on one day
    assert same_event(replace(rockets, acled_sub_type="Air/drone strike"), helicopters)
    assert not names_other_weapon("Attack", "Air/drone strike")
    assert not names_other_weapon("Armed clash", "Government regains territory")
    assert names_other_weapon("Suicide bomb", "Remote explosive/landmine/IED")
    assert same_event(replace(rockets, acled_sub_type="Attack"), helicopters)


# --- actor overlap ---


def test_a_country_acting_is_the_same_party_as_its_own_forces_not_as_its_civilians():
    russia = ReportActor("Russia", "RUS", "RUS")
    assert same_actor(russia, ReportActor("Russian warplanes", "RUSMIL", "RUS"))
    assert not same_actor(russia, ReportActor("Russian civilians", "RUSCVL", "RUS"))
    assert not same_actor(ReportActor("Russian government", "RUSGOV", "RUS"),
                          ReportActor("Russian warplanes", "RUSMIL", "RUS"))  # fmt: skip


def test_civilians_named_by_both_reports_corroborate_nothing():
    civilians = ReportActor("civilians", "SYRCVL", "SYR")
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12)}
    victims_only = {"source_actors": (), "target_actors": (civilians,), "fatalities": None}
    assert not shares_actor(report("a", **victims_only), report("b", **victims_only))
    assert not same_event(report("a", **victims_only), report("b", **victims_only, **week))


# --- count compatibility ---


def test_two_counts_of_one_toll_agree_and_a_toll_range_is_not_a_count():
    assert tolls_agree((14, 14, 14), (16, 16, 16))
    assert tolls_agree((15, 15, 15), (21, 21, 21))  # a toll rising through the day
    assert not tolls_agree((10, 10, 10), (56, 56, 56))
    assert not tolls_agree(None, (16, 16, 16))
    # two week-dated reports of one town: the same toll is what makes them one strike
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12), "source_actors": ()}
    assert same_event(report("a", **week), report("b", **week, fatalities=(15, 15, 15)))
    assert not same_event(report("a", **week), report("b", **week, fatalities=(40, 40, 40)))


def test_a_rare_kind_of_attack_corroborates_itself():
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12), "source_actors": (),
            "fatalities": None}  # fmt: skip
    gas = {"acled_sub_type": "Chemical weapon"}
    assert same_event(report("a", **week, **gas), report("b", **week, **gas))
    assert not same_event(report("a", **week), report("b", **week))


# --- assignment ---


def test_a_report_too_terse_to_match_one_member_does_not_keep_the_others_out():
    # the cluster holds a day-dated report with a toll and a terse one (no actor, no toll);
    # a week-dated report matches the first by its toll and contradicts neither
    terse = report("t", source_actors=(), fatalities=None, first_day=date(2019, 5, 7),
                   last_day=date(2019, 5, 7))  # fmt: skip
    week = report("w", source_actors=(), first_day=date(2019, 5, 6), last_day=date(2019, 5, 12))
    assert not same_event(week, terse) and compatible(week, terse) is not None
    assert choose_cluster(week, {"c1": [report("a"), terse]}) == "c1"
    # a member it contradicts (another day) keeps it out
    other_day = report("o", first_day=date(2019, 5, 20), last_day=date(2019, 5, 20))
    assert choose_cluster(week, {"c1": [report("a"), other_day]}) is None


# --- the store's lookup ---


def test_the_store_clusters_reports_a_day_apart_and_leaves_a_year_dated_one_alone(tmp_path):
    from tacitus.store import ingest, open_store
    from tacitus.store.clusters import article_clusters

    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    tuesday = {"first_day": "2019-05-07", "last_day": "2019-05-07", "precision": "day"}
    wednesday = {"first_day": "2019-05-08", "last_day": "2019-05-08", "precision": "day"}
    year = {"first_day": "2019-01-01", "last_day": "2019-12-31", "precision": "year"}
    placed = [
        _placed(extraction("2019-05-08", tuesday, article="first")),
        _placed(extraction("2019-05-08", wednesday, article="second")),
        _placed(extraction("2019-05-08", year, article="yearly")),
    ]
    ingest(engine, placed)
    clusters = article_clusters(engine, ["first", "second", "yearly"])
    engine.dispose()
    assert clusters[("first", "ASSAULT")] == clusters[("second", "ASSAULT")]
    assert clusters[("yearly", "ASSAULT")] != clusters[("first", "ASSAULT")]


def test_the_candidate_lookup_reads_one_range_of_an_index(tmp_path):
    from sqlalchemy import text

    from tacitus.store import open_store

    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    query = (
        "EXPLAIN QUERY PLAN SELECT cluster_id FROM events WHERE cluster_id IS NOT NULL"
        " AND type = 'ASSAULT' AND window_first >= '2019-04-01' AND window_first <= '2019-05-08'"
        " AND window_last >= '2019-05-06' AND article_id != 'a'"
    )
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(query)))
    engine.dispose()
    assert "COVERING INDEX ix_events_cluster_candidates (type=? AND window_first>? AND" in plan


def _placed(article: Extraction) -> Extraction:
    """The article's strike placed in one town, with a toll and an actor both reports share."""
    data = article.to_json_dict()
    data["places"] = [{"id": "p1", "name": "Maarat al-Numan", "lat": 35.64, "lon": 36.67,
                       "country": "SYR", "admin1": "Idlib", "feature": "city",
                       "geo_precision": 1}]  # fmt: skip
    data["actors"] = [{"id": "a1", "name": "Warplanes", "kind": "military", "country": "SYR",
                       "code": "SYRMIL"}]  # fmt: skip
    event = data["events"][0]
    event.update(place="p1", source_actors=["a1"], fatalities={"best": 9, "low": 9, "high": 9})
    return Extraction.model_validate(data)
