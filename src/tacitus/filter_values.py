"""The values a user may filter events by, checked once for the CLI and the API alike: an ISO3
country, an event type the store can hold, and a bounding box. A bad value is a `ValueError`
whose message says what is valid; each front end turns it into its own error."""

from __future__ import annotations

from functools import lru_cache


def country_code(value: str) -> str:
    """`value` as an upper-case ISO3 code, or ValueError listing the valid codes."""
    known = iso3_codes()
    if value.upper() not in known:
        raise ValueError(
            f"{value!r} is not an ISO3 country code; valid: {', '.join(sorted(known))}"
        )
    return value.upper()


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def event_type(value: str) -> str:
    """A type the store can hold: PLOVER, ACLED (sub-)event type, CASE code or CAMEO code."""
    is_cameo = value.isdigit() and 2 <= len(value) <= 4
    if value.upper() not in type_names() and not is_cameo:
        from tacitus.codebooks import PLOVER_TYPES

        raise ValueError(
            f"{value!r} is not an event type; valid PLOVER types: {', '.join(PLOVER_TYPES)};"
            f" ACLED sub-event types: {'; '.join(acled_sub_types())}"
            " (ACLED event types, CASE codes and CAMEO codes are accepted too)"
        )
    return value


@lru_cache(maxsize=1)
def acled_sub_types() -> tuple[str, ...]:
    from tacitus.codebooks import load_codebooks

    cases = load_codebooks().case_codes.values()
    return tuple(sorted({case.acled_sub_type for case in cases if case.acled_sub_type}))


@lru_cache(maxsize=1)
def type_names() -> frozenset[str]:
    """Every type name the store can hold, upper-cased."""
    from tacitus.codebooks import PLOVER_TYPES, load_codebooks

    cases = load_codebooks().case_codes.values()
    names = [*PLOVER_TYPES, *(case.code for case in cases), *acled_sub_types()]
    names += [case.acled_type for case in cases if case.acled_type]
    return frozenset(name.upper() for name in names)


def bounding_box(value: str) -> tuple[float, float, float, float]:
    """`minlon,minlat,maxlon,maxlat` as four floats, or ValueError saying what is wrong."""
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
    except ValueError:
        raise ValueError(f"{value!r} is not minlon,minlat,maxlon,maxlat (four numbers)") from None
    # written so that NaN, which compares false with everything, is refused too
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(
            f"{value!r}: longitudes must be within -180..180, latitudes within -90..90,"
            " each minimum at most its maximum"
        )
    return min_lon, min_lat, max_lon, max_lat
