"""The evaluation gate: pinned floors (floors.toml) that measured figures must not drop below."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

FLOORS_FILE = Path(__file__).with_name("floors.toml")


@dataclass(frozen=True)
class FloorCheck:
    gold_set: str
    metric: str
    floor: float
    measured: float | None

    @property
    def passed(self) -> bool:
        return self.measured is not None and self.measured >= self.floor


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """gold set -> metric -> floor."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def check_floors(gold_set: str, metrics: dict[str, float | int]) -> list[FloorCheck]:
    """One check per floor pinned for `gold_set` (a missing metric fails)."""
    pinned = load_floors().get(gold_set, {})
    return [
        FloorCheck(gold_set, metric, floor, metrics.get(metric)) for metric, floor in pinned.items()
    ]
