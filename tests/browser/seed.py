"""Synthetic extractions for the browser tests: events of several types, places and days, so
that filters visibly change the map. Every sentence is written here, for these tests."""

from __future__ import annotations

from datetime import date, timedelta

from tacitus import Extraction

#: (place, country, admin1, lat, lon, geo_precision, feature): towns and a region, on both
#: sides of the 180th meridian (Suva, Fiji; Anadyr, Chukotka).
PLACES = [
    ("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23, 1, "city"),
    ("Goma", "COD", "North Kivu", -1.68, 29.22, 1, "city"),
    ("Darfur", "SDN", "Central Darfur", 13.5, 24.0, 3, "admin1"),
    ("Suva", "FJI", "Central", -18.14, 178.44, 1, "city"),
    ("Anadyr", "RUS", "Chukotka", 64.73, 177.51, 2, "city"),
    ("Lima", "PER", "Lima", -12.05, -77.04, 1, "city"),
]
#: (PLOVER type, verb, source, target): what the synthetic sentences report.
KINDS = [
    ("ASSAULT", "shelled", "Artillery units", "residents"),
    ("PROTEST", "marched against", "Teachers", "the ministry"),
    ("COERCE", "detained", "Police officers", "journalists"),
]
FIRST_DAY = date(2024, 1, 1)


def synthetic_extraction(number: int) -> Extraction:
    """Article `number`: one event, its type, place and day cycling through the tables (a day
    further each article, so the timeline spans a few months)."""
    kind, verb, source, target = KINDS[number % len(KINDS)]
    name, country, admin1, lat, lon, precision, feature = PLACES[number % len(PLACES)]
    day = (FIRST_DAY + timedelta(days=number)).isoformat()
    text = f"{source} {verb} {target} in {name} on Monday, a witness said (report {number})."
    verb_start = len(source) + 1
    return Extraction.model_validate(
        {
            "article": {
                "id": f"synthetic-{number:04}",
                "text": text,
                "published": day,
                "title": f"Report {number} from {name}",
                "outlet": "Synthetic Wire",
            },
            "actors": [
                {"id": "a1", "name": source, "kind": "group", "mentions": [[0, len(source)]]},
                {"id": "a2", "name": target, "kind": "civilians", "mentions": []},
            ],
            "places": [
                {
                    "id": "p1",
                    "name": name,
                    "lat": lat,
                    "lon": lon,
                    "country": country,
                    "admin1": admin1,
                    "feature": feature,
                    "geo_precision": precision,
                    "mentions": [[text.index(name), text.index(name) + len(name)]],
                }
            ],
            "events": [
                {
                    "id": "e1",
                    "type": kind,
                    "trigger": {
                        "text": verb,
                        "start": verb_start,
                        "end": verb_start + len(verb),
                    },
                    "source_actors": ["a1"],
                    "target_actors": ["a2"],
                    "place": "p1",
                    "time": {"first_day": day, "last_day": day, "precision": "day"},
                    "evidence": {"start": 0, "end": len(text)},
                    "confidence": 0.8,
                }
            ],
        }
    )
