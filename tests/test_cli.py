"""The `tacitus` command as a user runs it."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from test_store import make_extraction
from typer.testing import CliRunner

from tacitus import progress, store
from tacitus.cli import EXAMPLES, app
from tacitus.schema import Extraction
from tacitus.sources import READERS

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_every_command_has_help():
    commands = (
        "extract", "ingest", "demo", "events", "clusters", "export", "report", "articles",
        "show", "serve", "batch", "eval", "bench", "schema",
    )  # fmt: skip
    for command in (*commands, "gazetteer"):
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_extract_prints_valid_schema_v1_with_byline_metadata():
    result = invoke("extract", str(FIXTURES / "byline.txt"))
    assert result.exit_code == 0, result.output
    extraction = Extraction.model_validate_json(result.stdout)
    assert extraction.article.published == "2016-12-06"
    assert extraction.article.title == "Fighting flares near Kharkiv"
    assert extraction.article.author == "Maria Kowalska"
    assert json.loads(result.stdout)["schema"] == "tacitus/1"


def test_extract_jsonl_from_stdin_keeps_input_ids():
    lines = "\n".join(
        json.dumps({"id": name, "text": f"Police arrested {n} people in the capital."})
        for n, name in enumerate(["first", "second"], start=2)
    )
    result = invoke("extract", "-", "--format", "jsonl", input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["article"]["id"] for row in rows] == ["first", "second"]


def test_extract_table_summarises():
    result = invoke("extract", str(FIXTURES / "byline.txt"), "--format", "table")
    assert result.exit_code == 0
    assert "Fighting flares near Kharkiv" in result.stdout
    assert "2016-12-06" in result.stdout


def test_extract_published_option_overrides():
    result = invoke("extract", str(FIXTURES / "byline.txt"), "--published", "2017-03-01")
    assert json.loads(result.stdout)["article"]["published"] == "2017-03-01"


def test_bad_published_option_is_a_usage_error():
    result = invoke("extract", str(FIXTURES / "byline.txt"), "--published", "yesterday")
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_unreadable_input_exits_nonzero_and_processes_the_rest(tmp_path: Path):
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = invoke("extract", str(binary), str(FIXTURES / "byline.txt"), "--format", "jsonl")
    assert result.exit_code == 1
    assert f"{binary}: binary file" in result.stderr
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["article"]["author"] == "Maria Kowalska"


def test_partly_bad_jsonl_exits_zero(tmp_path: Path):
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"text": "Troops left the city."}\n{oops\n', encoding="utf-8")
    result = invoke("extract", str(source), "--format", "jsonl")
    assert result.exit_code == 0
    assert f"{source}:2: malformed JSON" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_ingest_twice_stores_once_and_lists(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = invoke("ingest", str(FIXTURES / "byline.txt"), "--db", db)
    assert first.exit_code == 0, first.output
    assert "stored 1 new article(s), 0 already stored" in first.stderr
    second = invoke("ingest", str(FIXTURES / "byline.txt"), "--db", db)
    assert "stored 0 new article(s), 1 already stored" in second.stderr
    listed = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    assert [row["title"] for row in listed] == ["Fighting flares near Kharkiv"]
    as_csv = invoke("articles", "--db", db, "--format", "csv").stdout.splitlines()
    assert as_csv[0].startswith("id,published,title")
    assert invoke("events", "--db", db, "--format", "json").exit_code == 0


def test_bad_input_loses_nothing_already_stored(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TACITUS_DB", f"sqlite:///{tmp_path / 'env.db'}")
    invoke("ingest", str(FIXTURES / "byline.txt"))
    binary = tmp_path / "blob.html"
    binary.write_bytes(b"\x00\x00\xff")
    assert invoke("ingest", str(binary)).exit_code == 1
    listed = json.loads(invoke("articles", "--format", "json").stdout)
    assert len(listed) == 1


def test_unusable_database_url_is_one_clear_line():
    result = invoke("articles", "--db", "nosuchdriver://x")
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: cannot use database URL")


def test_unknown_gold_set_is_reported():
    result = invoke("eval", "no-such-set")
    assert result.exit_code == 2
    assert "unknown gold set 'no-such-set'" in result.stderr


def test_bench_reports_ratio_against_spacy():
    result = invoke("bench", "--corpus", str(FIXTURES / "byline.txt"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1
    assert report["speed_ratio"] > 0
    assert report["spacy"]["words_per_s"] > 0 and report["tacitus"]["peak_rss_mb"] > 0
    assert report["gazetteer"]["lookups"] > 0 and report["gazetteer"]["seconds"] >= 0


def test_schema_command_prints_json_schema():
    result = invoke("schema")
    assert json.loads(result.stdout)["title"] == "Extraction"


def test_user_actor_dictionary_is_used(tmp_path: Path):
    dictionary = tmp_path / "mine.yaml"
    dictionary.write_text(
        "organizations:\n"
        "  - {name: Free Valley Brigade, aliases: [FVB], kind: rebel, country: SYR,"
        " sector: REB, code: SYRREB}\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("The FVB attacked an army post near the river.", encoding="utf-8")
    result = invoke("extract", str(article), "--actors", str(dictionary))
    assert result.exit_code == 0, result.output
    actors = json.loads(result.stdout)["actors"]
    assert ("SYRREB", "SYR", "rebel") in [(a["code"], a["country"], a["kind"]) for a in actors]


def test_missing_actor_dictionary_is_one_clear_line(tmp_path: Path):
    result = invoke(
        "extract", str(FIXTURES / "byline.txt"), "--actors", str(tmp_path / "none.yaml")
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: cannot load the actor dictionary")


def test_demo_shows_the_example_articles_and_their_events(tmp_path: Path):
    result = invoke("demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}")
    assert result.exit_code == 0, result.output
    assert "Syrian forces push deeper into eastern Aleppo" in result.stdout
    examples = [path for path in EXAMPLES.iterdir() if path.suffix in READERS]
    assert f"{len(examples)} articles" in result.stdout
    assert "Russia; China" in result.stdout  # the veto's two source states


def test_extract_json_of_several_articles_is_one_array(tmp_path: Path):
    source = tmp_path / "two.jsonl"
    source.write_text(
        '{"id": "one", "text": "Police arrested two men in the capital."}\n'
        '{"id": "two", "text": "Farmers blocked a motorway with tractors."}\n',
        encoding="utf-8",
    )
    result = invoke("extract", str(source), str(FIXTURES / "byline.txt"), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, list)
    assert [row["article"]["id"] for row in document[:2]] == ["one", "two"]
    assert Extraction.model_validate(document[2]).article.author == "Maria Kowalska"
    assert "an array of them for several" in invoke("extract", "--help").stdout


def test_show_prints_the_stored_schema_v1(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    invoke("ingest", str(FIXTURES / "byline.txt"), "--db", db)
    [article] = json.loads(invoke("articles", "--db", db, "-f", "json").stdout)
    result = invoke("show", article["id"], "--db", db)
    assert result.exit_code == 0, result.output
    shown = Extraction.model_validate_json(result.stdout)
    assert shown.article.title == "Fighting flares near Kharkiv"
    assert shown.to_json_dict() == json.loads(
        invoke("extract", str(FIXTURES / "byline.txt")).stdout
    )


def test_show_of_an_unknown_id_is_one_line_and_exit_1(tmp_path: Path):
    db = stored(tmp_path, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    result = invoke("show", "no-such-article", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == "tacitus: no article 'no-such-article' in the store\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    "command", [("events",), ("articles",), ("show", "art-1")], ids=lambda c: c[0]
)
def test_reading_a_missing_database_is_an_error_and_creates_nothing(tmp_path: Path, command):
    missing = tmp_path / "none.db"
    result = invoke(*command, "--db", f"sqlite:///{missing}")
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: no store at")
    assert len(result.stderr.splitlines()) == 1
    assert not missing.exists()


def stored(tmp_path: Path, extractions: list[Extraction]) -> str:
    """A SQLite store holding `extractions`; its URL."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store.ingest(store.open_store(url), extractions)
    return url


def test_events_show_place_and_country_and_hide_hypothetical_events(tmp_path: Path):
    db = stored(
        tmp_path,
        [
            make_extraction("fact", "2022-03-07", "UKR", "ASSAULT"),
            make_extraction("maybe", "2022-03-08", "UKR", "ASSAULT", hypothetical=True),
        ],
    )
    table = invoke("events", "--db", db).stdout
    assert "1 events" in table
    assert "place" in table and "Izium" in table and "UKR" in table
    [row] = json.loads(invoke("events", "--db", db, "-f", "json").stdout)
    assert (row["article"], row["place"], row["country"]) == ("fact", "Izium", "UKR")
    every = json.loads(invoke("events", "--db", db, "-f", "json", "--include-hypothetical").stdout)
    assert [r["article"] for r in every] == ["maybe", "fact"]


def test_events_filter_by_confidence_admin1_and_bbox(tmp_path: Path):
    db = stored(
        tmp_path,
        [
            make_extraction("sure", "2022-03-07", "UKR", "ASSAULT", confidence=0.95),
            make_extraction("unsure", "2022-03-08", "UKR", "ASSAULT", confidence=0.3),
        ],
    )

    def listed(*options: str) -> list[str]:
        result = invoke("events", "--db", db, "-f", "json", *options)
        assert result.exit_code == 0, result.output
        return [row["article"] for row in json.loads(result.stdout)]

    assert listed("--min-confidence", "0.5") == ["sure"]
    assert invoke("events", "--db", db, "--min-confidence", "1.5").exit_code == 2
    assert listed("--admin1", "Kharkiv Oblast") == ["unsure", "sure"]
    assert listed("--admin1", "Lviv Oblast") == []
    assert listed("--bbox", "37,49,38,50") == ["unsure", "sure"]
    assert listed("--bbox", "30,45,31,46") == []


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "40,10,30,20", "0,-95,10,10"])
def test_a_bad_bbox_is_a_usage_error(tmp_path: Path, bbox: str):
    db = stored(tmp_path, [])
    result = invoke("events", "--db", db, "--bbox", bbox)
    assert result.exit_code == 2
    assert "--bbox" in result.output


def test_an_unknown_type_is_an_error_listing_the_valid_types(tmp_path: Path):
    db = stored(tmp_path, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    result = invoke("events", "--db", db, "--type", "BOMBARD")
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert "'BOMBARD' is not an event type" in message
    assert "ASSAULT" in message and "Air/drone strike" in message
    for known in ("assault", "Shelling/artillery/missile attack", "art_miss_attack", "195"):
        assert invoke("events", "--db", db, "--type", known).exit_code == 0, known
    assert invoke("articles", "--db", db, "--type", "BOMBARD").exit_code == 2


def test_an_unknown_country_is_an_error_listing_the_valid_codes(tmp_path: Path):
    db = stored(tmp_path, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    result = invoke("events", "--db", db, "--country", "UKX")
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())
    assert "'UKX' is not an ISO3 country code" in message
    assert "UKR" in message and "SYR" in message
    ukraine = json.loads(invoke("events", "--db", db, "--country", "ukr", "-f", "json").stdout)
    assert [row["article"] for row in ukraine] == ["art-1"]


def test_encoding_option_reads_text_that_is_not_utf8(tmp_path: Path):
    article = tmp_path / "latin1.txt"
    article.write_bytes(
        "Protesters marched through Br\u00fcnn and S\u00e3o Tom\u00e9.".encode("latin-1")
    )
    result = invoke("extract", str(article), "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert "not valid" not in result.stderr
    assert json.loads(result.stdout)["article"]["text"].endswith("S\u00e3o Tom\u00e9.")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert invoke("ingest", str(article), "--encoding", "latin-1", "--db", db).exit_code == 0
    [row] = json.loads(invoke("articles", "--db", db, "-f", "json").stdout)
    shown = json.loads(invoke("show", row["id"], "--db", db).stdout)
    assert "Br\u00fcnn" in shown["article"]["text"]


def test_an_unknown_encoding_is_a_usage_error():
    result = invoke("extract", str(FIXTURES / "byline.txt"), "--encoding", "klingon-8")
    assert result.exit_code == 2
    assert "not a known text encoding" in result.output


def test_ingest_reports_an_article_whose_id_is_too_long_and_stores_the_rest(tmp_path: Path):
    source = tmp_path / "articles.jsonl"
    source.write_text(
        json.dumps({"id": "x" * 300, "text": "Police arrested two men in the capital."})
        + "\n"
        + json.dumps({"id": "short", "text": "Farmers blocked a motorway with tractors."})
        + "\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = invoke("ingest", str(source), "--db", db)
    assert result.exit_code == 1
    assert "tacitus: not stored: article 'xxx" in result.stderr
    assert "over the 128 the store allows" in result.stderr
    assert "stored 1 new article(s)" in result.stderr
    assert [
        row["id"] for row in json.loads(invoke("articles", "--db", db, "-f", "json").stdout)
    ] == ["short"]


def test_a_locked_database_is_one_clear_line(tmp_path: Path, monkeypatch):
    db = stored(tmp_path, [make_extraction("art-1", "2022-03-07", "UKR", "ASSAULT")])
    monkeypatch.setattr("tacitus.store.database.SQLITE_BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(tmp_path / "store.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of writing
    try:
        result = invoke("events", "--db", db)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: ") and "database is locked" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_refused_connection_is_one_clear_line():
    url = "postgresql+psycopg://nobody:wrong@127.0.0.1:9/none?connect_timeout=2"
    result = invoke("events", "--db", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: cannot open the store")
    assert len(result.stderr.splitlines()) == 1


def test_a_user_actor_entry_wins_over_the_builtin_one_of_the_same_name(tmp_path: Path):
    dictionary = tmp_path / "mine.yaml"
    dictionary.write_text(
        "organizations:\n  - {name: Hamas, kind: party, country: PSE, sector: GOV, code: PSEGOV}\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Hamas said it would join the talks in Cairo.", encoding="utf-8")
    result = invoke("extract", str(article), "--actors", str(dictionary))
    assert result.exit_code == 0, result.output
    actors = json.loads(result.stdout)["actors"]
    assert [(a["code"], a["kind"]) for a in actors if "Hamas" in a["name"]] == [("PSEGOV", "party")]


def test_progress_shows_a_total_and_time_left_when_the_size_is_known(monkeypatch):
    shown = Console(file=io.StringIO(), force_terminal=True, width=120)
    monkeypatch.setattr(progress, "stderr", shown)
    assert list(progress.with_progress(iter(range(4)), "reading", total=4)) == [0, 1, 2, 3]
    output = shown.file.getvalue()
    assert "4/4" in output and "left" in output
    unknown = Console(file=io.StringIO(), force_terminal=True, width=120)
    monkeypatch.setattr(progress, "stderr", unknown)
    assert list(progress.with_progress(iter(range(4)), "reading")) == [0, 1, 2, 3]
    assert "left" not in unknown.file.getvalue() and "4" in unknown.file.getvalue()


def test_the_command_line_loads_neither_spacy_nor_trafilatura_until_a_command_needs_them():
    # `tacitus --help` and the store commands must start fast: spaCy alone takes a second
    probe = "import sys, tacitus.cli; print(sorted({'spacy', 'trafilatura'} & set(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_extract_with_two_workers_prints_what_one_process_prints():
    one = runner.invoke(app, ["extract", str(EXAMPLES), "-f", "jsonl"])
    two = runner.invoke(app, ["extract", str(EXAMPLES), "-f", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == len(list(EXAMPLES.iterdir()))
