"""Scoring arithmetic shared by the gold sets: precision/recall/F1, span overlap, distances."""

from __future__ import annotations

import math

Span = tuple[int, int]


def overlap(a: Span, b: Span) -> int:
    """Characters shared by two half-open spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Span, b: Span) -> bool:
    return overlap(a, b) > 0


def prf(
    true_positives_pred: int, predicted: int, true_positives_gold: int, gold: int
) -> dict[str, float]:
    """Precision over predictions, recall over gold items, and their harmonic mean.

    The two true-positive counts differ when one prediction may match several gold
    items (or the reverse), as with overlapping spans.
    """
    precision = true_positives_pred / predicted if predicted else 0.0
    recall = true_positives_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of the Earth's mean radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))
