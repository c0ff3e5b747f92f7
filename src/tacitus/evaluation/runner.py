"""Running gold sets: metrics per set, checked against the pinned floors, saved as JSON."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.evaluation.floors import FloorCheck, check_floors
from tacitus.evaluation.registry import EvalContext, Metrics, load_gold_sets


@dataclass
class SetResult:
    name: str
    metrics: Metrics
    seconds: float
    checks: list[FloorCheck] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def to_json(self) -> dict:
        return {
            "set": self.name,
            "metrics": self.metrics,
            "seconds": round(self.seconds, 1),
            "floors": {check.metric: check.floor for check in self.checks},
            "passed": self.passed,
        }


def flatten(metrics: dict, prefix: str = "") -> Metrics:
    """Nested metric dicts become dotted names ("direct.f1")."""
    flat: Metrics = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def run_gold_set(name: str, context: EvalContext) -> SetResult:
    gold_set = load_gold_sets()[name]
    started = time.perf_counter()
    metrics = flatten(gold_set.score(context))
    result = SetResult(name, metrics, time.perf_counter() - started)
    if context.limit is None:
        result.checks = check_floors(name, metrics)
    return result


def save_result(result: SetResult, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{result.name}.json"
    target.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    return target
