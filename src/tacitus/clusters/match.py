"""Whether two reports tell of the same real-world event: named features, each one question.

Type, time and place are hard conditions: reports of one happening agree on what kind of
thing happened, on days that can overlap, and on a place as near as their precision allows.
The coarser the place two reports agree on, the more else they must agree on: in a war one
town sees one strike a week, one province one a day, so two reports placed only in one
province must also be dated to a day or two and name the same ACLED sub-type, and two placed
only in one country (or not placed at all) must be dated so and share a sub-type or an actor.
Tolls and blame are no hard condition: outlets disagree on who is to blame and on how many
died (14 or 16 killed), so a toll only vetoes what cannot be the same event (2 against 200).
"""

from __future__ import annotations

from enum import Enum
from math import asin, cos, radians, sin, sqrt

from tacitus.clusters.reports import EventReport, ReportPlace
from tacitus.settings import (
    CLUSTER_MAX_TOLL_RATIO,
    CLUSTER_TIGHT_WINDOW_DAYS,
    CLUSTER_TOLL_SLACK,
    CLUSTER_TOWN_KM,
)

EARTH_RADIUS_KM = 6371.0


class PlaceAgreement(Enum):
    """How precisely two reports' places agree."""

    TOWN = "town"  # two towns within a town's reach, or a town inside the other's district
    PROVINCE = "province"  # only the first-level division is shared
    COUNTRY = "country"  # only the country, or a report has no place


def same_event(a: EventReport, b: EventReport) -> bool:
    """True when `a` and `b` can be reports of one happening (never two events of one article:
    the events component already merged an article's mentions of one event)."""
    if a.article_id == b.article_id or not (
        types_compatible(a, b) and times_overlap(a, b) and tolls_compatible(a.fatalities,
                                                                            b.fatalities)
    ):  # fmt: skip
        return False
    agreement = place_agreement(a, b)
    if agreement is None:
        return False
    if agreement is PlaceAgreement.TOWN:
        return True
    dated_alike = is_tight(a) and is_tight(b)
    same_sub_type = a.acled_sub_type is not None and a.acled_sub_type == b.acled_sub_type
    if agreement is PlaceAgreement.PROVINCE:
        return dated_alike and same_sub_type
    return dated_alike and (same_sub_type or bool(a.actor_keys & b.actor_keys))


def match_score(a: EventReport, b: EventReport) -> float:
    """How strongly two compatible reports agree, to choose between candidate clusters:
    shared actors, the same sub-type, a dated overlap and a close place each add."""
    score = 0.0
    shared = a.actor_keys & b.actor_keys
    if shared:
        score += len(shared) / len(a.actor_keys | b.actor_keys)
    if a.acled_sub_type and a.acled_sub_type == b.acled_sub_type:
        score += 1.0
    if a.dated and b.dated:
        score += 1.0
    distance = place_distance_km(a.place, b.place)
    if distance is not None:
        score += max(0.0, 1.0 - distance / CLUSTER_TOWN_KM)
    return score


def types_compatible(a: EventReport, b: EventReport) -> bool:
    """The same PLOVER type, and ACLED sub-types of one incident: the same ACLED event type
    (an air strike and shelling are both remote violence; a clash is not a protest)."""
    if a.type != b.type:
        return False
    return a.acled_type is None or b.acled_type is None or a.acled_type == b.acled_type


def times_overlap(a: EventReport, b: EventReport) -> bool:
    """The two windows share a day; a report with no window at all cannot be placed in time
    and joins nothing."""
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return False
    return a.first_day <= b.last_day and b.first_day <= a.last_day


def is_tight(report: EventReport) -> bool:
    """Dated to a day or two: a window of at most `CLUSTER_TIGHT_WINDOW_DAYS` days."""
    return (report.last_day - report.first_day).days < CLUSTER_TIGHT_WINDOW_DAYS


def place_agreement(a: EventReport, b: EventReport) -> PlaceAgreement | None:
    """How precisely the reports' places agree; None when they cannot be one place: two towns
    farther apart than a town's reach, two divisions, two countries."""
    if a.country and b.country and a.country != b.country:
        return None
    if _country_only(a.place) or _country_only(b.place):
        return PlaceAgreement.COUNTRY
    if a.place.geo_precision == 1 and b.place.geo_precision == 1:
        distance = place_distance_km(a.place, b.place)
        near = distance is not None and distance <= CLUSTER_TOWN_KM
        return PlaceAgreement.TOWN if near else None
    town, coarse = sorted((a.place, b.place), key=lambda place: place.geo_precision)
    if coarse.admin1 != town.admin1:
        return None
    return PlaceAgreement.TOWN if coarse.geo_precision <= 2 else PlaceAgreement.PROVINCE


def _country_only(place: ReportPlace | None) -> bool:
    """No place, or one known only to its country (a country, a region with no division)."""
    return place is None or place.admin1 is None


def place_distance_km(a: ReportPlace | None, b: ReportPlace | None) -> float | None:
    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


def tolls_compatible(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    """Tolls that a rising count or two outlets' estimates can explain: the larger at most
    `CLUSTER_MAX_TOLL_RATIO` times the smaller, plus a slack for small numbers (2 and 5 dead
    can be one attack; 2 and 200 cannot). A report without a toll vetoes nothing."""
    if a is None or b is None:
        return True
    low, high = sorted((a[0], b[0]))
    return high <= low * CLUSTER_MAX_TOLL_RATIO + CLUSTER_TOLL_SLACK
