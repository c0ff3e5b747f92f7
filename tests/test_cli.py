"""The `tacitus` command as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.schema import Extraction

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_every_command_has_help():
    commands = ("extract", "ingest", "demo", "events", "articles", "eval", "bench", "schema")
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
    assert "3 articles" in result.stdout
    assert "Russia; China" in result.stdout  # the veto's two source states
