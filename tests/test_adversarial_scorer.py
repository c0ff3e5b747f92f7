"""The adversarial scorer's expectation language: has, lacks, count, all of a case."""

import json

import pytest

from tacitus.evaluation.adversarial import holds, load_cases, passes

OUTPUT = {
    "times": [{"text": "the fifth of June", "value": "2026-06-05", "precision": "day"}],
    "quotes": [],
    "places": [{"name": "Gaza", "country": "PSE"}],
    "actors": [],
    "counts": [],
    "events": [],
}


def test_has_needs_one_item_with_every_field():
    assert holds(
        {"in": "times", "has": {"text": "the fifth of June", "value": "2026-06-05"}}, OUTPUT
    )
    assert not holds(
        {"in": "times", "has": {"text": "the fifth of June", "value": "2026-06"}}, OUTPUT
    )


def test_lacks_and_empty_lacks():
    assert holds({"in": "places", "lacks": {"name": "Gaza", "country": "MOZ"}}, OUTPUT)
    assert not holds({"in": "places", "lacks": {"name": "Gaza"}}, OUTPUT)
    assert holds({"in": "quotes", "lacks": {}}, OUTPUT)
    assert not holds({"in": "times", "lacks": {}}, OUTPUT)


def test_count_and_case():
    case = {"expect": [{"in": "quotes", "count": 0}, {"in": "places", "has": {"country": "PSE"}}]}
    assert passes(case, OUTPUT)
    assert not passes({"expect": [*case["expect"], {"in": "times", "count": 2}]}, OUTPUT)


def test_a_bad_expectation_is_refused(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "x", "expect": [{"in": "moods", "has": {}}]}) + "\n")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load_cases(path)
