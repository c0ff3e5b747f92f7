"""Clusters: which reports are one real-world event, and what the cluster shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tacitus.clusters.assign import choose_cluster, new_cluster_id
from tacitus.clusters.match import PlaceAgreement, place_agreement, same_event, tolls_compatible
from tacitus.clusters.merge import merged_view
from tacitus.clusters.reports import EventReport, ReportActor, ReportPlace

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


def test_agreeing_only_on_a_province_needs_the_same_day_and_sub_type():
    assert same_event(report("a"), report("b", place=IDLIB_PROVINCE))
    week = {"first_day": date(2019, 5, 6), "last_day": date(2019, 5, 12)}
    assert not same_event(report("a"), report("b", place=IDLIB_PROVINCE, **week))
    shelling = report("b", place=IDLIB_PROVINCE, acled_sub_type="Shelling/artillery/missile attack")
    assert not same_event(report("a"), shelling)


def test_agreeing_only_on_a_country_needs_the_same_day_and_a_sub_type_or_an_actor():
    unplaced = report("b", place=None, acled_sub_type="Shelling/artillery/missile attack")
    assert place_agreement(report("a"), unplaced) is PlaceAgreement.COUNTRY
    assert same_event(report("a"), unplaced)  # the army in both
    assert not same_event(report("a"), replace(unplaced, source_actors=(REBELS,)))
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
