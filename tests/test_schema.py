"""Schema v1: the committed JSON Schema is the one the models generate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from tacitus.schema import Extraction, json_schema

COMMITTED = Path(__file__).parents[1] / "schema" / "tacitus-1.json"


def test_committed_json_schema_is_up_to_date():
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json_schema(), (
        "schema/tacitus-1.json is stale: run `make schema`"
    )


def test_schema_v1_field_names():
    properties = json_schema()["properties"]
    assert list(properties) == [
        "schema", "article", "case_code", "actors", "places", "times", "counts", "quotes",
        "attributions", "events",
    ]  # fmt: skip


def test_unknown_fields_and_bad_values_are_rejected():
    with pytest.raises(ValidationError):
        Extraction.model_validate({"article": {"id": "x", "text": "t", "publisher": "y"}})
    with pytest.raises(ValidationError):
        Extraction.model_validate({"article": {"id": "x", "text": "t", "published": "6 Dec 2016"}})


def test_every_place_carries_an_acled_geo_precision():
    place = {"id": "p1", "name": "Aleppo", "feature": "city", "mentions": [[0, 6]]}
    article = {"id": "x", "text": "Aleppo"}
    with pytest.raises(ValidationError):  # required: a consumer can always filter on it
        Extraction.model_validate({"article": article, "places": [place]})
    with pytest.raises(ValidationError):  # ACLED's scale has three steps
        Extraction.model_validate({"article": article, "places": [place | {"geo_precision": 4}]})
    valid = Extraction.model_validate(
        {"article": article, "places": [place | {"geo_precision": 1}]}
    )
    assert valid.places[0].geo_precision == 1
