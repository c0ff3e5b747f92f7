"""Whether two reports tell of the same real-world event: named features, each one question.

Kind, time and place are hard conditions: reports of one happening agree on what kind of
thing happened (two outlets may call one strike an air raid and a missile attack, one bomb a
blast and a suicide bombing, but never a bombing a battle), on days that overlap (a date given
to the day may be a day off; a report dated only to a season or a year is matched with
nothing), and on a place as near as their precision allows. Then the looser the agreement,
the more else must agree. A town and a day pin a happening down: in a war one town sees one
strike a day at most. A time known only to a week, or a place known only to a province or
country, leaves room for several strikes: each such looseness must be made up for by one
thing a second happening would rarely share (a party named in both, the same toll, a kind of
attack rare in itself: a suicide bombing, a chemical attack), and a coarse place also needs
the same kind of attack (`same_kind`). Two reports naming different weapons of one incident
(an air raid and a shelling) are a looseness too: a city at war is bombed and shelled on one
day. Tolls and blame are no hard condition: outlets disagree on who is to blame and on how
many died (14 or 16 killed), so a toll only vetoes what cannot be the same event (2 against
200, with every claim of either report considered).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum
from math import asin, cos, radians, sin, sqrt

from tacitus.clusters.reports import EventReport, ReportActor, ReportPlace
from tacitus.settings import (
    CLUSTER_DATE_SLACK_DAYS,
    CLUSTER_DISTRICT_KM,
    CLUSTER_MAX_TOLL_RATIO,
    CLUSTER_MAX_WINDOW_DAYS,
    CLUSTER_SAME_TOLL_RATIO,
    CLUSTER_SAME_TOLL_SLACK,
    CLUSTER_TIGHT_WINDOW_DAYS,
    CLUSTER_TOLL_SLACK,
    CLUSTER_TOWN_KM,
)

EARTH_RADIUS_KM = 6371.0

#: ACLED sub-types two outlets may give one incident: what was seen from the ground differs
#: (an air raid or a missile, and gas is dropped by aircraft or fired in shells; a blast or a
#: suicide bombing; a battle or the town it won), the kind of incident does not.
INCIDENT_KINDS: tuple[frozenset[str], ...] = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    frozenset(
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    ),
    frozenset({"Peaceful protest", "Protest with intervention", "Violent demonstration"}),
)
#: ACLED's catch-all for violence against civilians: "10 civilians were killed" is how one
#: outlet tells the strike or bombing another names, so it fits those kinds too.
CIVILIAN_ATTACK = "Attack"
KILLS_FROM_AFAR = INCIDENT_KINDS[0] | INCIDENT_KINDS[1]
#: Kinds of attack rare enough that two reports of one in one place within days are one attack.
RARE_SUB_TYPES = frozenset({"Suicide bomb", "Chemical weapon"})
#: CAMEO sectors of a state's own forces and offices: "Russia" acting is its military or
#: government ("Russia bombed" and "Russian warplanes"), never its civilians or rebels.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
CAMEO_PART = 3
CIVILIAN_SECTOR = "CVL"


class PlaceAgreement(Enum):
    """How precisely two reports' places agree."""

    TOWN = "town"  # two towns within a town's reach, or a town inside the other's district
    PROVINCE = "province"  # only the first-level division is shared
    COUNTRY = "country"  # only the country, or a report has no place


def same_event(a: EventReport, b: EventReport) -> bool:
    """True when `a` and `b` are reports of one happening: they do not contradict each other
    (`compatible`), and agree as closely as the looseness of their agreement requires."""
    agreement = compatible(a, b)
    if agreement is None:
        return False
    coarse_place = agreement is not PlaceAgreement.TOWN
    if coarse_place and not same_kind(a.acled_sub_type, b.acled_sub_type):
        return False
    loose_time = not (is_tight(a) and is_tight(b))
    other_weapon = names_other_weapon(a.acled_sub_type, b.acled_sub_type)
    return corroborations(a, b) >= coarse_place + loose_time + other_weapon


def compatible(a: EventReport, b: EventReport) -> PlaceAgreement | None:
    """How precisely the places of `a` and `b` agree when nothing they say contradicts one
    happening (the kind, the days, the toll, the place), else None. Two events of one article
    are never one: the events component already merged an article's mentions of one event."""
    if a.article_id == b.article_id or not (
        types_compatible(a, b)
        and datable(a)
        and datable(b)
        and times_overlap(a, b)
        and tolls_compatible(a.fatalities, b.fatalities)
    ):
        return None
    return place_agreement(a, b)


def corroborations(a: EventReport, b: EventReport) -> int:
    """How many things a second happening of the same kind, place and days would rarely
    share both reports share: a party they both name, the same toll, a rare kind of attack."""
    return (
        shares_actor(a, b)
        + tolls_agree(a.fatalities, b.fatalities)
        + (a.acled_sub_type in RARE_SUB_TYPES and a.acled_sub_type == b.acled_sub_type)
    )


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
    """The same PLOVER type, and ACLED sub-types one incident can be given (`INCIDENT_KINDS`);
    without sub-types, the same ACLED event type."""
    if a.type != b.type:
        return False
    if a.acled_sub_type and b.acled_sub_type:
        return sub_types_compatible(a.acled_sub_type, b.acled_sub_type)
    return a.acled_type is None or b.acled_type is None or a.acled_type == b.acled_type


def same_kind(a: str | None, b: str | None) -> bool:
    """The same kind of attack, as a coarse place requires (a province sees a clash and an air
    strike the same day): the same ACLED sub-type, or ACLED's catch-all for violence against
    civilians against a kind that kills from afar. Class: one outlet names the weapon ("a
    chemical attack", "air strikes"), another only the victims ("massacring dozens", "10
    civilians were killed"); the catch-all says too little to be another kind, so it is the
    same kind as far as it goes. Two named kinds that differ (a strike, a shelling) are not."""
    if not (a and b):
        return False
    return a == b or (CIVILIAN_ATTACK in (a, b) and bool({a, b} & KILLS_FROM_AFAR))


def names_other_weapon(a: str | None, b: str | None) -> bool:
    """Both reports name the weapon, and not alike (an air strike and a shelling, a suicide
    bomb and a roadside bomb): one happening can be told so, but so can two, since a city at
    war is struck from the air and shelled on one day. Class: weapons of one incident kind
    that differ are a looseness to be made up for, like a coarse place or a loose time. The
    catch-all names no weapon (`same_kind`), and a battle and the town it won, or a protest
    and the police breaking it up, are one happening told by its outcome, not two weapons."""
    return a != b and a in KILLS_FROM_AFAR and b in KILLS_FROM_AFAR


def sub_types_compatible(a: str, b: str) -> bool:
    if a == b or any(a in kind and b in kind for kind in INCIDENT_KINDS):
        return True
    return CIVILIAN_ATTACK in (a, b) and bool({a, b} & KILLS_FROM_AFAR)


def times_overlap(a: EventReport, b: EventReport) -> bool:
    """The two windows share a day, a date given to the day give or take
    `CLUSTER_DATE_SLACK_DAYS`: it may be the day the event was told rather than the day it
    happened (a dateline, "said on Sunday"), or a night's strike dated by its evening in one
    report and its morning in another. A window of several days already spans its doubt. A
    report with no window at all cannot be placed in time and joins nothing."""
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return False
    return _touch(_reach(a), (b.first_day, b.last_day)) or _touch(
        (a.first_day, a.last_day), _reach(b)
    )


def _reach(report: EventReport) -> tuple[date, date]:
    if report.first_day != report.last_day:
        return report.first_day, report.last_day
    slack = timedelta(days=CLUSTER_DATE_SLACK_DAYS)
    return report.first_day - slack, report.last_day + slack


def _touch(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def datable(report: EventReport) -> bool:
    """Dated closely enough to be told from other events of its kind and place: a window of at
    most `CLUSTER_MAX_WINDOW_DAYS` days. A report dated only to a season or a year ("the
    2011 uprising", "strikes this year") is a cluster of its own; it would otherwise fit every
    strike of its town that year."""
    if report.first_day is None or report.last_day is None:
        return False
    return (report.last_day - report.first_day).days < CLUSTER_MAX_WINDOW_DAYS


def candidate_days(report: EventReport) -> tuple[date, date, date] | None:
    """Where the stored reports `report` may be the same event as lie in time, for looking
    them up by an index on their first day: (earliest first day, latest first day, earliest
    last day). A superset of what `compatible` accepts (every window widened by the slack).
    None when the report is not `datable`: it joins no cluster."""
    if not datable(report):
        return None
    slack = timedelta(days=CLUSTER_DATE_SLACK_DAYS)
    widest = timedelta(days=CLUSTER_MAX_WINDOW_DAYS)
    return report.first_day - slack - widest, report.last_day + slack, report.first_day - slack


def is_tight(report: EventReport) -> bool:
    """Dated to a day or two: a window of at most `CLUSTER_TIGHT_WINDOW_DAYS` days."""
    return (report.last_day - report.first_day).days < CLUSTER_TIGHT_WINDOW_DAYS


def place_agreement(a: EventReport, b: EventReport) -> PlaceAgreement | None:
    """How precisely the reports' places agree; None when they cannot be one place: two points
    farther apart than their precision allows, two divisions, two countries."""
    if a.country and b.country and a.country != b.country:
        return None
    if _country_only(a.place) or _country_only(b.place):
        return PlaceAgreement.COUNTRY
    town, coarse = sorted((a.place, b.place), key=lambda place: place.geo_precision)
    if coarse.geo_precision >= 3:
        return PlaceAgreement.PROVINCE if coarse.admin1 == town.admin1 else None
    distance = place_distance_km(a.place, b.place)
    if distance is not None:
        return PlaceAgreement.TOWN if distance <= reach_km(coarse.geo_precision) else None
    # places without a point agree as far as their names do: one name is one town
    if coarse.admin1 != town.admin1:
        return None
    return PlaceAgreement.TOWN if coarse.name == town.name else PlaceAgreement.PROVINCE


def reach_km(geo_precision: int) -> float:
    """How far apart two points of one happening can lie, by the coarser one's precision: a
    town's reach, or a district's when a point stands for a district or a place near a town."""
    return CLUSTER_TOWN_KM if geo_precision <= 1 else CLUSTER_DISTRICT_KM


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


def shares_actor(a: EventReport, b: EventReport) -> bool:
    """A party both reports name, other than civilians: the victims of most attacks in a war,
    naming them tells one attack from another no more than the war does."""
    mine = [actor for actor in a.source_actors + a.target_actors if not is_civilians(actor)]
    theirs = [actor for actor in b.source_actors + b.target_actors if not is_civilians(actor)]
    return any(same_actor(x, y) for x in mine for y in theirs)


def is_civilians(actor: ReportActor) -> bool:
    """CAMEO's civilian sector, after the country code when there is one (SYRCVL, CVL)."""
    sector = actor.code[CAMEO_PART:] if actor.code and actor.country else actor.code
    return bool(sector) and sector.startswith(CIVILIAN_SECTOR)


def same_actor(a: ReportActor, b: ReportActor) -> bool:
    """One party, as two outlets name it: the same code or name, or a country for its own
    forces or government ("Russia" and "Russian warplanes", RUS and RUSMIL)."""
    if a.key == b.key:
        return True
    if not (a.code and b.code):
        return False
    broad, narrow = sorted((a.code, b.code), key=len)
    return (
        len(broad) == CAMEO_PART
        and narrow.startswith(broad)
        and narrow[CAMEO_PART : 2 * CAMEO_PART] in STATE_SECTORS
        and a.country is not None
        and a.country == b.country
    )


def tolls_compatible(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    """Tolls that a rising count or two outlets' estimates can explain: the larger at most
    `CLUSTER_MAX_TOLL_RATIO` times the smaller, plus a slack for small numbers (2 and 5 dead
    can be one attack; 2 and 200 cannot). A report without a toll vetoes nothing. Class: a
    toll is (best, low, high), low and high the rival claims of its sources ("police said 5,
    residents 12") or a vague count's range ("dozens"); only when no claim of one report
    comes near any claim of the other are they two events, so the nearest claims are
    compared (overlapping ranges always fit)."""
    if a is None or b is None:
        return True
    lower, upper = sorted((a, b), key=lambda toll: toll[1])  # by their lowest claims
    upper_low = upper[1]
    nearest = min(lower[2], upper_low)  # the lower report's highest claim, if below
    return upper_low <= nearest * CLUSTER_MAX_TOLL_RATIO + CLUSTER_TOLL_SLACK


def tolls_agree(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    """Both reports give a toll, and the same one as far as two counts of one event differ
    (14 and 16, 98 and 100): a second attack rarely kills as many."""
    if a is None or b is None:
        return False
    low, high = sorted((a[0], b[0]))
    return high <= low * CLUSTER_SAME_TOLL_RATIO + CLUSTER_SAME_TOLL_SLACK
