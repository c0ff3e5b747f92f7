"""Print the events Tacitus extracts from Guardian articles with their evidence, for hand-checking.

    PYTHONPATH=src .venv/bin/python scripts/show_events.py [--articles 20] [--data ../shared/data]

Each event prints its type, mode, CASE code, flags, trigger and the evidence sentence, so a
reader can judge whether the evidence supports it (the issue's "at most 1 in 5 unsupported").
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path

from tacitus.nlp import shared_nlp
from tacitus.nlp.pipeline import annotate

GUARDIAN_FILE = "ngec/Guardian_SDF_sample.csv"


def articles(data_dir: Path, count: int) -> list[tuple[str, date | None]]:
    csv.field_size_limit(sys.maxsize)
    with (data_dir / GUARDIAN_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:count]
    return [(row["text"], date.fromisoformat(row["date"]) if row["date"] else None) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    total = 0
    for number, doc in enumerate(annotate(shared_nlp(), articles(args.data, args.articles)), 1):
        print(f"=== article {number} ({doc._.published}) case_code={doc._.case_code}")
        for event in doc._.events:
            total += 1
            flags = [name for name in ("negated", "hypothetical") if event[name]]
            evidence = doc.text[event["evidence"]["start"] : event["evidence"]["end"]]
            print(
                f"[{total}] {event['type']}/{event['mode']} {event['case_code']} {flags or ''}"
                f" trigger={event['trigger']['text']!r} conf={event['confidence']}"
                f" fatalities={event['fatalities']} time={event['time']}\n    {evidence.strip()}"
            )
    print(f"{total} events")


if __name__ == "__main__":
    main()
