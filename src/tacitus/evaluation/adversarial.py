"""The ``adversarial`` set: the hard cases of each component, written by the project.

``tests/adversarial/<component>.jsonl`` holds one case a line, written by us from the failure
classes other projects' test suites and the TimeML, ACLED and PARC conventions describe (no
sentence is copied from a gold set)::

    {"id": "times-ordinal-day", "class": "ordinal day in words",
     "text": "The talks resume on the fifth of June.", "published": "2026-05-20",
     "expect": [{"in": "times", "has": {"text": "the fifth of June", "value": "2026-06-05"}}]}

Each case's text goes through the public API (``tacitus.extract``) and is judged on its schema
v1 output, unchanged. An expectation names one of the output's lists (``times``, ``places``,
``actors``, ``counts``, ``quotes``, ``events``) and one of:

- ``has``: some item of the list has every one of these fields with exactly these values;
- ``lacks``: no item has all of them (``{}``: the list is empty);
- ``count``: the list has exactly this many items.

A case passes when all its expectations hold; each file reports the share of cases passed.
"""

from __future__ import annotations

import json
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, MissingGoldData, gold_set
from tacitus.evaluation.scoring import ratio

#: The cases live with the tests, beside the package's source tree.
CASES_DIR = Path(__file__).resolve().parents[3] / "tests" / "adversarial"
LISTS = frozenset({"times", "places", "actors", "counts", "quotes", "events"})


def load_cases(path: Path) -> list[dict]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        case = json.loads(line)
        for expectation in case["expect"]:
            if expectation["in"] not in LISTS or not {"has", "lacks", "count"} & expectation.keys():
                raise ValueError(f"{path.name}:{number}: bad expectation {expectation}")
        cases.append(case)
    return cases


def holds(expectation: dict, output: dict) -> bool:
    items = output[expectation["in"]]
    if "count" in expectation:
        return len(items) == expectation["count"]
    wanted = expectation.get("has", expectation.get("lacks"))
    found = any(all(item.get(key) == value for key, value in wanted.items()) for item in items)
    return found if "has" in expectation else not found


def passes(case: dict, output: dict) -> bool:
    return all(holds(expectation, output) for expectation in case["expect"])


@gold_set("adversarial", "hard cases of each component written by the project (tests/adversarial)")
def score_adversarial(ctx: EvalContext) -> Metrics:
    from tacitus import extract  # the public API, exactly as a user calls it

    files = sorted(CASES_DIR.glob("*.jsonl"))
    if not files:
        raise MissingGoldData(f"no adversarial cases in {CASES_DIR} (run from a source checkout)")
    metrics: Metrics = {}
    for path in files:
        cases = load_cases(path)[: ctx.limit] if ctx.limit else load_cases(path)
        passed = 0
        for case in cases:
            output = extract(case["text"], case.get("published")).to_json_dict()
            passed += passes(case, output)
        metrics[f"{path.stem}.cases"] = len(cases)
        metrics[f"{path.stem}.pass_rate"] = ratio(passed, len(cases))
    return metrics
