"""ACLED's codes for a stored event: precisions, disorder type, actor types, country and region.

The meanings are those of ACLED's codebook; the two tables that cannot be derived (the region
of each country, the actor type of each sector) are TSV files in
``tacitus/resources/export`` and are read once per process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import pycountry

RESOURCE_PACKAGE = "tacitus.resources"
REGIONS_TABLE = "export/acled_regions.tsv"
ACTOR_TYPES_TABLE = "export/acled_actor_types.tsv"

#: ACLED's time_precision: 1 the day is known, 2 the week, 3 only the month (or less).
TIME_PRECISION_OF = {"day": 1, "week": 2, "month": 3}
#: ACLED's geo_precision of a place whose stored geo_precision is missing, from its feature.
GEO_PRECISION_OF_FEATURE = {
    "city": 1,
    "locality": 1,
    "admin2": 2,
    "other": 2,
    "admin1": 3,
    "region": 3,
    "country": 3,
}

STATE_FORCES = 1
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7
#: The actor type a non-state source actor of these ACLED event types takes.
CROWD_TYPE_OF_EVENT = {"Protests": PROTESTERS, "Riots": RIOTERS}

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
#: ACLED's disorder_type of each event type; the sub-event types below are the exceptions.
DISORDER_OF_EVENT_TYPE = {
    "Battles": POLITICAL_VIOLENCE,
    "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC_DEVELOPMENTS,
}
DISORDER_OF_SUB_EVENT_TYPE = {
    "Mob violence": POLITICAL_VIOLENCE,
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
}
#: The event_id_cnty prefix of an event with no country (ISO 3166's code for "unknown").
UNKNOWN_COUNTRY = "XXX"


@dataclass(frozen=True)
class Country:
    iso: int | None
    name: str | None
    region: str | None


def time_precision(
    precision: str | None, first_day: date | None, last_day: date | None
) -> int | None:
    """ACLED's 1 (day), 2 (week) or 3 (month); a range by its length; None when undated."""
    if first_day is None or last_day is None:
        return None
    if precision in TIME_PRECISION_OF:
        return TIME_PRECISION_OF[precision]
    days = (last_day - first_day).days + 1
    return 1 if days <= 1 else 2 if days <= 7 else 3


def geo_precision(stored: int | None, feature: str | None) -> int | None:
    """The place's own ACLED geo_precision, else the one its feature implies."""
    if stored is not None:
        return stored
    return GEO_PRECISION_OF_FEATURE.get(feature) if feature else None


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    if sub_event_type in DISORDER_OF_SUB_EVENT_TYPE:
        return DISORDER_OF_SUB_EVENT_TYPE[sub_event_type]
    return DISORDER_OF_EVENT_TYPE.get(event_type) if event_type else None


def actor_type(sector: str | None, kind: str | None) -> int | None:
    """ACLED's inter code of an actor (acled_actor_types.tsv), None when nothing fits."""
    by_sector, by_kind = _actor_types()
    if sector in by_sector:
        return by_sector[sector]
    return by_kind.get(kind) if kind else None


def source_actor_type(sector: str | None, kind: str | None, event_type: str | None) -> int | None:
    """A source actor's inter code: the crowd of a protest or riot unless it is state forces."""
    coded = actor_type(sector, kind)
    crowd = CROWD_TYPE_OF_EVENT.get(event_type) if event_type else None
    if crowd is not None and coded != STATE_FORCES:
        return crowd
    return coded


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction: the lower type first, 0 for a lone actor (e.g. 17, 60)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def country(iso3: str | None) -> Country:
    """The numeric ISO 3166 code, ACLED's country name and ACLED's region of an ISO3 code."""
    if not iso3:
        return Country(None, None, None)
    region, acled_name = _regions().get(iso3, (None, None))
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return Country(None, acled_name, region)
    name = acled_name or getattr(record, "common_name", None) or record.name
    return Country(int(record.numeric), name, region)


def event_id_prefix(iso3: str | None) -> str:
    return iso3 or UNKNOWN_COUNTRY


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str | None]]:
    return {
        row["iso3"]: (row["region"], row["acled_country"] or None)
        for row in _read_table(REGIONS_TABLE)
    }


@lru_cache(maxsize=1)
def _actor_types() -> tuple[dict[str, int], dict[str, int]]:
    by_field: dict[str, dict[str, int]] = {"sector": {}, "kind": {}}
    for row in _read_table(ACTOR_TYPES_TABLE):
        by_field[row["field"]][row["code"]] = int(row["inter"])
    return by_field["sector"], by_field["kind"]


def _read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV resource as dicts; lines starting with '#' are comments."""
    text = resources.files(RESOURCE_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {key: (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]
