"""Incremental clustering: each new report joins the cluster it fits best, or starts one.

A report joins a cluster when it is the same event as one report already in it and
contradicts none of the others (`compatible` with every member): one loose report cannot chain
two different attacks of one town together, since the second attack's reports contradict the
first's in place, day or toll, yet a report that merely says too little to be matched with one
member on its own (no toll, no actor) does not keep the others out. Among the clusters it
fits, the one it agrees with most (`match_score`) wins. Clusters are never recomputed:
ingesting an article touches only the clusters its events join.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from tacitus.clusters.match import compatible, match_score, same_event
from tacitus.clusters.reports import EventReport


def choose_cluster(
    report: EventReport, candidates: Mapping[str, Sequence[EventReport]]
) -> str | None:
    """The id of the candidate cluster `report` belongs to, or None for a new cluster."""
    best_id, best_score = None, -1.0
    for cluster_id, members in sorted(candidates.items()):
        if not any(same_event(report, member) for member in members):
            continue
        if not all(compatible(report, member) is not None for member in members):
            continue
        score = sum(match_score(report, member) for member in members) / len(members)
        if score > best_score:
            best_id, best_score = cluster_id, score
    return best_id


def new_cluster_id(report: EventReport) -> str:
    """A cluster is named after its first report, so the same input gives the same ids."""
    digest = hashlib.sha1(f"{report.article_id}\x1f{report.event_id}".encode()).hexdigest()
    return f"c{digest[:15]}"
