"""Reading articles: formats, metadata, clean-up and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tacitus.sources import ReadOptions, content_id, count_articles, read_articles
from tacitus.sources.cleaning import clean_text, for_matching
from tacitus.sources.metadata import parse_date

FIXTURES = Path(__file__).parent / "fixtures"


def read(paths: list[str], **options) -> tuple[list, ReadOptions]:
    read_options = ReadOptions(**options)
    return list(read_articles(paths, read_options)), read_options


def test_plain_text_header_gives_title_author_and_date():
    [article], options = read([str(FIXTURES / "byline.txt")])
    assert article.title == "Fighting flares near Kharkiv"
    assert article.author == "Maria Kowalska"
    assert article.published == date(2016, 12, 6)
    assert article.text.startswith("Artillery fire hit")
    assert not options.problems


def test_sentence_broken_by_blank_line_is_joined():
    [article], _ = read([str(FIXTURES / "byline.txt")])
    assert "after a night of heavy shelling along the front line." in article.text
    assert article.text.endswith("\n\nTwo soldiers were wounded.")


def test_hard_wrapped_lines_joined_but_paragraphs_kept():
    wrapped = (
        "The convoy left the town at dawn and reached the border crossing after a\n"
        "long drive through the hills. Officials said the crossing would remain\n"
        "open until the end of the week for aid trucks and civilians.\n"
        "\n"
        "A second convoy is planned."
    )
    assert clean_text(wrapped) == (
        "The convoy left the town at dawn and reached the border crossing after a long drive"
        " through the hills. Officials said the crossing would remain open until the end of the"
        " week for aid trucks and civilians.\n\nA second convoy is planned."
    )


def test_curly_quotes_normalized_for_matching_at_same_offsets():
    text = clean_text("The White House called the attacks \u201cdisgraceful\u201d \u2014 again.")
    assert "\u201c" in text
    matching = for_matching(text)
    assert len(matching) == len(text)
    start = matching.index('"disgraceful"')
    assert text[start + 1 : start + 12] == "disgraceful"
    assert " - again." in matching


def test_published_override_wins(tmp_path: Path):
    [article], _ = read([str(FIXTURES / "byline.txt")], published=date(2017, 1, 2))
    assert article.published == date(2017, 1, 2)


def test_html_through_trafilatura(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Ceasefire talks open in Geneva</title>"
        '<meta name="author" content="Lena Fischer">'
        '<meta property="article:published_time" content="2017-02-23"></head>'
        "<body><article><h1>Ceasefire talks open in Geneva</h1>"
        "<p>Delegations from the government and the opposition met in Geneva on Thursday for a"
        " new round of talks on a ceasefire, the UN envoy said.</p></article></body></html>",
        encoding="utf-8",
    )
    [article], _ = read([str(page)])
    assert article.title == "Ceasefire talks open in Geneva"
    assert article.author == "Lena Fischer"
    assert article.published == date(2017, 2, 23)
    assert article.text.startswith("Delegations from the government")


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path, capsys):
    lines = [
        json.dumps({"id": "a-1", "text": "Troops entered the town.", "published": "2020-05-04"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"id": "a-2", "text": "Police arrested ten people.", "outlet": "Wire"}),
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, options = read([str(source)])
    assert [a.id for a in articles] == ["a-1", "a-2"]
    assert articles[0].published == date(2020, 5, 4)
    assert articles[1].outlet == "Wire"
    assert options.failed_inputs == 0
    errors = capsys.readouterr().err
    assert f"{source}:2: malformed JSON" in errors
    assert f"{source}:3: no 'text'" in errors


def test_csv_with_text_column(tmp_path: Path):
    source = tmp_path / "notes.csv"
    source.write_text(
        'event_date,notes\n2020-05-01,"Rebels attacked a police post, killing two officers."\n',
        encoding="utf-8",
    )
    [article], _ = read([str(source)], text_column="notes")
    assert article.text == "Rebels attacked a police post, killing two officers."
    assert article.published is None


def test_csv_short_row_names_the_text_column_it_lacks(tmp_path: Path, capsys):
    source = tmp_path / "notes.csv"
    source.write_text(
        "event_date,notes\n2020-05-01\n2020-05-02,Police detained four protesters.\n",
        encoding="utf-8",
    )
    [article], options = read([str(source)], text_column="notes")
    assert article.text == "Police detained four protesters."
    assert options.failed_inputs == 0
    assert f"{source}:2: no 'notes'; record skipped" in capsys.readouterr().err


def test_jsonl_text_under_another_key(tmp_path: Path):
    source = tmp_path / "batch.jsonl"
    source.write_text(
        json.dumps({"body": "Troops shelled the town.", "date": "2021-03-02"}) + "\n",
        encoding="utf-8",
    )
    [article], _ = read([str(source)], text_column="body")
    assert article.text == "Troops shelled the town."
    assert article.published == date(2021, 3, 2)


def test_csv_without_the_column_is_a_clear_error(tmp_path: Path, capsys):
    source = tmp_path / "notes.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    articles, options = read([str(source)], text_column="notes")
    assert articles == [] and options.failed_inputs == 1
    assert "no column 'notes'" in capsys.readouterr().err


def test_directory_read_recursively_in_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text here.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    articles, options = read([str(tmp_path)])
    assert [a.text for a in articles] == ["Second article text here.", "First article text here."]
    assert options.failed_inputs == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
    ],
)
def test_unreadable_files_reported_and_counted(tmp_path: Path, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Protesters gathered in the square.", encoding="utf-8")
    articles, options = read([str(bad), str(good)])
    assert [a.text for a in articles] == ["Protesters gathered in the square."]
    assert options.failed_inputs == 1
    assert f"{bad}: {message}" in capsys.readouterr().err


def test_undecodable_bytes_replaced_and_reported(tmp_path: Path, capsys):
    source = tmp_path / "latin.txt"
    source.write_bytes("Caf\xe9 bombing in the capital.".encode("latin-1"))
    [article], options = read([str(source)])
    assert article.text == "Caf\ufffd bombing in the capital."
    assert options.failed_inputs == 0
    assert "not valid UTF-8" in capsys.readouterr().err


def test_oversized_article_refused(tmp_path: Path, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 10_500_000, encoding="utf-8")
    articles, options = read([str(huge)])
    assert articles == [] and options.failed_inputs == 1
    assert "too large for one article" in capsys.readouterr().err


def test_missing_path_reported(capsys):
    articles, options = read(["/nonexistent/article.txt"])
    assert articles == [] and options.failed_inputs == 1
    assert "no such file or directory" in capsys.readouterr().err


def test_content_id_is_stable_and_text_based():
    assert content_id("same text") == content_id("same text")
    assert content_id("same text") != content_id("other text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 December 2016", date(2016, 12, 6)),
        ("Tuesday 6 December 2016 14.20 GMT", date(2016, 12, 6)),
        ("Dec. 6, 2016", date(2016, 12, 6)),
        ("December 6th, 2016", date(2016, 12, 6)),
        ("2016-12-06T10:00:00Z", date(2016, 12, 6)),
        ("31 February 2016", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_named_encoding_decodes_text_that_is_not_utf8(tmp_path: Path, capsys):
    source = tmp_path / "arabic.txt"
    source.write_bytes("قصف الجيش مدينة حلب.".encode("cp1256"))
    [article], options = read([str(source)], encoding="cp1256")
    assert article.text == "قصف الجيش مدينة حلب."
    assert not options.problems
    [garbled], options = read([str(source)])
    assert "\ufffd" in garbled.text
    assert "name the encoding with --encoding" in options.problems[0]


def test_utf16_text_with_its_encoding_named_is_not_taken_for_binary(tmp_path: Path):
    source = tmp_path / "wide.csv"
    source.write_text("id,text\nw1,Protesters gathered in the square.\n", encoding="utf-16")
    [article], options = read([str(source)], encoding="utf-16")
    assert (article.id, article.text) == ("w1", "Protesters gathered in the square.")
    assert not options.problems


def test_bytes_invalid_in_the_named_encoding_are_reported(tmp_path: Path):
    source = tmp_path / "bad.txt"
    source.write_bytes(b"Troops left the city \xff\xfe at dawn.")
    [article], options = read([str(source)], encoding="ascii")
    assert "not valid ascii" in options.problems[0]
    assert article.text.startswith("Troops left the city")


def test_count_articles_for_a_progress_total(tmp_path: Path):
    (tmp_path / "one.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8"
    )
    (tmp_path / "rows.csv").write_text(
        'id,text\n1,"A cell\nover two lines."\n2,Another row.\n', encoding="utf-8"
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a readable format: not counted
    assert count_articles([str(tmp_path)]) == 1 + 3 + 2
    assert count_articles([str(tmp_path / "rows.csv"), str(tmp_path / "one.txt")]) == 3
    assert count_articles([str(tmp_path / "one.txt"), "-"]) is None
    assert count_articles([str(tmp_path / "missing.txt")]) == 0
