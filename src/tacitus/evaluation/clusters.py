"""`clusters`: pairwise "same real-world event" on report pairs we labelled by reading.

The pairs (`gold/clusters/pairs.jsonl`, how they were made in the README beside them) name
two FA-KES articles, whether they report the same incident, and the incident's PLOVER type.
Every article of the pairs is read as a user would feed it (text, the dataset's date and
outlet), extracted and ingested in file order into a new SQLite store, which clusters as it
ingests. A pair is predicted "same event" when an event of that type in one article and an
event of that type in the other ended up in one cluster. Reported: pairwise precision,
recall and F1 of "same event", with the counts behind them.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tacitus.evaluation.registry import EvalContext, Metrics, gold_set
from tacitus.evaluation.scoring import prf

FAKES_FILE = "news/FA-KES-Dataset.csv"
PAIRS = Path(__file__).parent / "gold" / "clusters" / "pairs.jsonl"


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    type: str


def read_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            pairs.append(Pair(record["a"], record["b"], record["same"], record["type"]))
    return pairs


def fakes_records(path: Path, wanted: set[str]) -> Iterator[dict[str, str]]:
    """The FA-KES rows of `wanted` unit ids, in file order."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["unit_id"] in wanted:
                yield record


def dataset_date(value: str) -> date | None:
    """FA-KES dates are month/day/year."""
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


@gold_set("clusters", "FA-KES report pairs labelled by hand: same real-world event or not")
def score_clusters(ctx: EvalContext) -> Metrics:
    from tacitus.extractor import Extractor
    from tacitus.sources import SourceArticle
    from tacitus.sources.cleaning import clean_text
    from tacitus.store import ingest, open_store
    from tacitus.store.clusters import article_clusters

    pairs = read_pairs()[: ctx.limit]
    wanted = {key for pair in pairs for key in (pair.a, pair.b)}
    articles = [
        SourceArticle(
            text=clean_text(record["article_content"]),
            origin=f"{FAKES_FILE}:{record['unit_id']}",
            id=record["unit_id"],
            title=record["article_title"] or None,
            outlet=record["source"] or None,
            published=dataset_date(record["date"]),
        )
        for record in fakes_records(ctx.path(FAKES_FILE), wanted)
    ]
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/clusters.db")
        ingest(engine, Extractor(ctx.nlp).pipe(articles))
        clusters = article_clusters(engine, wanted)
        engine.dispose()
    true_pos = false_pos = false_neg = true_neg = 0
    for pair in pairs:
        predicted = bool(clusters.get((pair.a, pair.type), set())
                         & clusters.get((pair.b, pair.type), set()))  # fmt: skip
        true_pos += predicted and pair.same
        false_pos += predicted and not pair.same
        false_neg += pair.same and not predicted
        true_neg += not (predicted or pair.same)
    scores = prf(true_pos, true_pos + false_pos, true_pos, true_pos + false_neg)
    return {
        "pair_precision": scores["precision"],
        "pair_recall": scores["recall"],
        "pair_f1": scores["f1"],
        "pairs": len(pairs),
        "same_pairs": true_pos + false_neg,
        "true_positives": true_pos,
        "false_positives": false_pos,
        "true_negatives": true_neg,
        "articles": len(articles),
    }
