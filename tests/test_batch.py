"""`tacitus batch` on a Dask LocalCluster, and `tacitus ingest --from-parquet` of its output."""

from __future__ import annotations

import csv
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from distributed import LocalCluster
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tacitus.batch.parquet_out import MARKERS, UNDATED, open_output
from tacitus.cli import EXAMPLES, app
from tacitus.extractor import Extractor
from tacitus.nlp.pipeline import forget_outlets
from tacitus.sources import ReadOptions, read_articles
from tacitus.store import open_store
from tacitus.store.models import ArticleRow, EventRow

runner = CliRunner()
#: Big enough that each input below is one shard: the expected output is then one
#: Extractor run per input, each with fresh outlet lexicons, as a shard has.
SHARD_SIZE = 3

WIRE_ARTICLES = [
    {
        "id": "wire-1",
        "title": "Shelling hits Kharkiv market",
        "outlet": "Example Wire",
        "published": "2022-03-14",
        "text": "KHARKIV, Ukraine (Example Wire) - Russian artillery shelled a market in"
        " Kharkiv on Sunday, killing five civilians and wounding 12 others, the regional"
        " governor said.",
    },
    {
        "id": "wire-2",
        "title": "Protest in Nairobi",
        "outlet": "Example Wire",
        "published": "2022-03-15",
        "text": "Thousands of teachers marched through Nairobi on Monday to demand higher pay."
        " Police fired tear gas at the protesters near parliament.",
    },
    {
        "id": "wire-3",
        "title": "Talks",
        "outlet": "Example Wire",
        "text": "The foreign ministers of Egypt and Sudan met in Cairo to discuss the dam.",
    },
]
DAILY_ROWS = [
    {
        "id": "daily-1",
        "title": "Market shelled",
        "source": "Example Daily",
        "date": "2022-03-14",
        "text": "Five people were killed when Russian shells struck a crowded market in"
        " Kharkiv on Sunday morning, Ukrainian officials said.",
    },
    {
        "id": "daily-2",
        "title": "Arrests in Lagos",
        "source": "Example Daily",
        "date": "2022-03-16",
        "text": "Nigerian police arrested 30 demonstrators in Lagos on Tuesday after a rally"
        " against fuel prices turned violent.",
    },
]


@pytest.fixture(scope="module")
def cluster():
    # in-process: the worker shares this process's pipeline and starts in a second
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    wire = folder / "wire.jsonl"
    wire.write_text("\n".join(json.dumps(record) for record in WIRE_ARTICLES) + "\n")
    daily = folder / "daily.csv"
    with daily.open("w", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(DAILY_ROWS[0]))
        writer.writeheader()
        writer.writerows(DAILY_ROWS)
    pages = folder / "pages"
    pages.mkdir()
    for page in sorted(EXAMPLES.glob("*.html")):
        shutil.copy(page, pages / page.name)
    return [str(wire), str(daily), str(pages)]


def batch(cluster, *args: str):
    return runner.invoke(
        app,
        ["batch", *args, "--scheduler", cluster.scheduler_address, "--shard-size", str(SHARD_SIZE)],
    )


@pytest.fixture(scope="module")
def output(cluster, inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    result = batch(cluster, *inputs, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 shard(s) written (8 articles), 0 already complete" in result.stderr
    return out


def read_output(out: Path) -> list[dict]:
    return open_output(out).to_table().to_pylist()


def test_batch_gives_the_extractions_of_extract_partitioned_by_day(output, inputs):
    expected = {}
    extractor = Extractor()
    for source in inputs:
        forget_outlets(extractor.nlp)
        for extraction in extractor.pipe(read_articles([source], ReadOptions())):
            expected[extraction.article.id] = extraction.to_json_dict()
    rows = read_output(output)
    assert sorted(row["article_id"] for row in rows) == sorted(expected)
    for row in rows:
        extraction = json.loads(row["extraction"])
        assert extraction == expected[row["article_id"]]
        assert row["published"] == extraction["article"]["published"]
        assert (row["title"], row["outlet"]) == (
            extraction["article"]["title"],
            extraction["article"]["outlet"],
        )
    shelling = next(row for row in rows if row["article_id"] == "wire-1")
    assert any(event["type"] == "ASSAULT" for event in json.loads(shelling["extraction"])["events"])
    days = {extraction["article"]["published"] or UNDATED for extraction in expected.values()}
    assert {path.name for path in output.glob("published=*")} == {f"published={d}" for d in days}
    assert (output / f"published={UNDATED}").is_dir()  # wire-3 has no date


def test_a_rerun_skips_finished_shards_and_redoes_changed_or_unfinished_ones(
    cluster, inputs, tmp_path
):
    out = tmp_path / "out"
    wire, daily, pages = inputs
    assert batch(cluster, wire, daily, "--out", str(out)).exit_code == 0
    written = {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")}

    again = batch(cluster, wire, daily, "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "0 shard(s) written (0 articles), 2 already complete" in again.stderr
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*.parquet")} == written

    changed = tmp_path / "daily.csv"  # same name, other folder: another source
    shutil.copy(daily, changed)
    (marker,) = [path for path in (out / MARKERS).glob("wire-*.json")]
    marker.unlink()  # as if the run had stopped before the shard was finished
    resumed = batch(cluster, wire, daily, str(changed), "--out", str(out))
    assert resumed.exit_code == 0, resumed.output
    assert "2 shard(s) written (5 articles), 1 already complete" in resumed.stderr
    rows = read_output(out)
    assert sorted(row["article_id"] for row in rows).count("daily-1") == 2
    assert len(rows) == 3 + 2 + 2


def test_an_output_of_undated_articles_only_reads_as_a_dataset(cluster, tmp_path):
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "u-1", "text": WIRE_ARTICLES[2]["text"]}) + "\n")
    result = batch(cluster, str(undated), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    rows = read_output(tmp_path / "out")
    assert [(row["article_id"], row["published"]) for row in rows] == [("u-1", None)]


def test_bad_inputs_are_one_line_each(cluster, inputs, tmp_path):
    out = str(tmp_path / "out")
    missing = batch(cluster, str(tmp_path / "no-such.jsonl"), "--out", out)
    assert missing.exit_code == 2
    assert missing.stderr == f"tacitus: {tmp_path / 'no-such.jsonl'}: no such file or directory\n"

    stdin = batch(cluster, "-", "--out", out)
    assert stdin.exit_code == 2
    assert stdin.stderr.startswith("tacitus: batch reads files and folders, not stdin")
    assert len(stdin.stderr.splitlines()) == 1

    no_text = tmp_path / "titles.csv"
    no_text.write_text("title,body\nA,Soldiers fired on protesters in Khartoum.\n")
    result = batch(cluster, str(no_text), inputs[0], "--out", out)
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if "titles.csv" in line]
    assert problems == [
        f"tacitus: {no_text}: no column 'text' (columns: title, body);"
        " name the text column with --text-column"
    ]
    assert "1 shard(s) written (3 articles)" in result.stderr  # the good input is done

    actors = batch(cluster, inputs[0], "--out", out, "--actors", str(tmp_path / "no.yaml"))
    assert actors.exit_code == 2
    assert actors.stderr.startswith("tacitus: cannot load the actor dictionary: ")
    assert len(actors.stderr.splitlines()) == 1

    both = batch(cluster, inputs[0], "--out", out, "--local-workers", "2")
    assert both.exit_code == 2
    assert both.stderr == "tacitus: give --scheduler or --local-workers, not both\n"


def clusters_of(db: str) -> set[frozenset[tuple[str, str]]]:
    """Each cluster as the set of its reports (article id, event id)."""
    members = defaultdict(set)
    with Session(open_store(db, create=False)) as session:
        for article_id, local_id, cluster_id in session.execute(
            select(EventRow.article_id, EventRow.local_id, EventRow.cluster_id)
        ):
            members[cluster_id].add((article_id, local_id))
    return {frozenset(reports) for reports in members.values()}


def test_ingest_from_parquet_stores_each_article_once_in_clusters(output, inputs, tmp_path):
    db = f"sqlite:///{tmp_path / 'batch.db'}"
    first = runner.invoke(app, ["ingest", "--from-parquet", str(output), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 8 new article(s), 0 already stored" in first.stderr
    with Session(open_store(db, create=False)) as session:
        assert len(session.scalars(select(ArticleRow.id)).all()) == 8
    clusters = clusters_of(db)
    market = [c for c in clusters if {article for article, _ in c} >= {"wire-1", "daily-1"}]
    assert market, "the two reports of the Kharkiv shelling are one cluster"
    extracted = f"sqlite:///{tmp_path / 'extracted.db'}"
    assert runner.invoke(app, ["ingest", *inputs, "--db", extracted]).exit_code == 0
    assert clusters_of(extracted) == clusters  # as a normal ingest clusters them

    second = runner.invoke(app, ["ingest", "--from-parquet", str(output), "--db", db])
    assert second.exit_code == 0, second.output
    assert "stored 0 new article(s), 8 already stored" in second.stderr
    assert clusters_of(db) == clusters  # no event added, none moved


def test_ingest_from_parquet_refuses_a_folder_that_is_no_batch_output(tmp_path):
    result = runner.invoke(
        app, ["ingest", "--from-parquet", str(tmp_path), "--db", f"sqlite:///{tmp_path}/t.db"]
    )
    assert result.exit_code == 2
    assert result.stderr == f"tacitus: {tmp_path}: not a tacitus batch output (no _shards folder)\n"
