"""The `tacitus` command: extract, ingest, query, evaluate, benchmark."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tacitus import settings
from tacitus.progress import stderr, with_progress
from tacitus.sources import ReadOptions, SourceArticle, read_articles
from tacitus.sources.metadata import parse_date

app = typer.Typer(
    help="Tacitus: structured, sourced event data from news reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
#: Tables are readable when piped too (Rich would otherwise assume 80 columns).
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
EXAMPLES = Path(__file__).parent / "examples"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def fail(message: str) -> typer.Exit:
    stderr.print(f"tacitus: {message}", markup=False, highlight=False)
    return typer.Exit(code=2)


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed


Paths = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
Published = Annotated[
    str | None,
    typer.Option(help="Publication date YYYY-MM-DD for every article (overrides the source)."),
]
TextColumn = Annotated[
    str | None, typer.Option(help="CSV column or JSONL key of the article text (default: text).")
]
ActorFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="Extra actor dictionary (YAML or PETRARCH .actors.txt); repeatable."
    ),
]
DbUrl = Annotated[
    str | None,
    typer.Option(
        "--db", help=f"Database URL (default ${settings.DB_ENV_VAR} or {settings.DEFAULT_DB_URL})."
    ),
]


def _read(
    paths: list[str], published: str | None, text_column: str | None
) -> tuple[ReadOptions, Iterator[SourceArticle]]:
    options = ReadOptions(text_column=text_column, published=_date_option(published))
    return options, read_articles(paths, options)


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.json,
    text_column: TextColumn = None,
    actors: ActorFiles = None,
) -> None:
    """Print what Tacitus finds in each article as schema v1 (one JSON object per article)."""
    extractor = _extractor(actors)
    options, articles = _read(paths, published, text_column)
    for extraction in with_progress(extractor.pipe(articles), "extracting"):
        if format is ExtractFormat.table:
            _print_summary(extraction)
        else:
            indent = 2 if format is ExtractFormat.json else None
            print(json.dumps(extraction.to_json_dict(), indent=indent, ensure_ascii=False))
    if options.failed_inputs:
        raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: Paths,
    db: DbUrl = None,
    published: Published = None,
    text_column: TextColumn = None,
    actors: ActorFiles = None,
) -> None:
    """Extract articles and store them; an article already stored is skipped."""
    options, articles = _read(paths, published, text_column)
    report = _ingest(articles, db, _extractor(actors))
    stderr.print(
        f"stored {report.stored} new article(s), {report.already_stored} already stored",
        highlight=False,
    )
    if options.failed_inputs:
        raise typer.Exit(code=1)


def _extractor(actor_files: list[Path] | None):
    """The extractor, with the user's actor dictionaries; a bad file is one clear line."""
    import yaml

    from tacitus.extractor import Extractor

    try:
        return Extractor(actor_dictionaries=tuple(str(path) for path in actor_files or ()))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        raise fail(f"cannot load the actor dictionary: {error}") from None


def _ingest(articles, db: str | None, extractor):
    from tacitus.store import StoreError, ingest, open_store, stored_article_ids

    try:
        engine = open_store(db)
        skipped: list[str] = []
        fresh = _skip_stored(articles, lambda a: bool(stored_article_ids(engine, [a.id])), skipped)
        report = ingest(engine, with_progress(extractor.pipe(fresh), "ingesting"))
    except StoreError as error:
        raise fail(str(error)) from None
    report.already_stored += len(skipped)
    return report


def _skip_stored(articles, is_stored, skipped: list[str]) -> Iterator[SourceArticle]:
    """Articles not stored yet (the ids of the others go to `skipped`): a resumed ingest does not
    re-extract what it already stored."""
    for article in articles:
        if is_stored(article):
            skipped.append(article.id)
        else:
            yield article


@app.command()
def demo(db: DbUrl = None) -> None:
    """Ingest the bundled example articles and show what was found."""
    _ingest(read_articles([str(EXAMPLES)], ReadOptions()), db, _extractor(None))
    articles(db=db)
    events(db=db)


def _filters(since, until, country, type_, actor, limit):
    from tacitus.store import Filters

    return Filters(_date_option(since), _date_option(until), country, type_, actor, limit)


Since = Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")]
Country = Annotated[str | None, typer.Option(help="ISO3 country code, e.g. SYR.")]
EventType = Annotated[
    str | None,
    typer.Option("--type", help="PLOVER type, CAMEO code, ACLED (sub-)event type or CASE code."),
]
ActorFilter = Annotated[
    str | None, typer.Option(help="Actor name (part of it) or code, e.g. RUSGOV.")
]
Limit = Annotated[int | None, typer.Option(help="At most this many rows.")]
OutFormat = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]


@app.command()
def events(
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    limit: Limit = None,
    format: OutFormat = ListFormat.table,
) -> None:
    """List stored events."""
    from tacitus.store import event_rows

    rows = event_rows(_open(db), _filters(since, until, country, type, actor, limit))
    _print_rows(rows, format, "events")


@app.command()
def articles(
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    limit: Limit = None,
    format: OutFormat = ListFormat.table,
) -> None:
    """List stored articles."""
    from tacitus.store import article_rows

    rows = article_rows(_open(db), _filters(since, until, country, type, actor, limit))
    _print_rows(rows, format, "articles")


def _open(db: str | None):
    from tacitus.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as error:
        raise fail(str(error)) from None


@app.command(name="eval")
def evaluate(
    gold_set: Annotated[str, typer.Argument(help="A gold set name, or 'all'.")],
    data: Annotated[Path, typer.Option(help="The gold data folder.")] = settings.DEFAULT_DATA_DIR,
    limit: Annotated[
        int | None, typer.Option(help="Read at most N records (floors not checked).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
    output: Annotated[Path, typer.Option(help="Folder for the JSON results.")] = Path(
        "eval-results"
    ),
) -> None:
    """Score Tacitus on the gold sets; exits 1 when a figure drops below its pinned floor."""
    from tacitus.evaluation.registry import EvalContext, MissingGoldData, load_gold_sets
    from tacitus.evaluation.runner import run_gold_set, save_result

    available = load_gold_sets()
    names = sorted(available) if gold_set == "all" else [gold_set]
    unknown = [name for name in names if name not in available]
    if unknown:
        raise fail(f"unknown gold set {unknown[0]!r}; known: {', '.join(sorted(available))}, all")
    context = EvalContext(data_dir=data, limit=limit)
    results = []
    for name in names:
        try:
            result = run_gold_set(name, context)
        except MissingGoldData as error:
            raise fail(str(error)) from None
        save_result(result, output)
        results.append(result)
        if not as_json:
            _print_eval(result)
    if as_json:
        print(json.dumps({r.name: r.to_json() for r in results}, indent=2))
    if not all(result.passed for result in results):
        raise typer.Exit(code=1)


@app.command()
def bench(
    corpus: Annotated[
        list[str] | None, typer.Option(help="Articles to run on (any input format).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most N articles.")] = 300,
    text_column: TextColumn = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Speed and memory of Tacitus and of spaCy's own pipeline over the same articles."""
    from itertools import islice

    from tacitus.bench import run_bench

    sources = corpus or [str(settings.DEFAULT_DATA_DIR / "news" / "bbc_news_2225.jsonl")]
    options = ReadOptions(text_column=text_column)
    selected: list[SourceArticle] = list(islice(read_articles(sources, options), limit))
    if not selected:
        raise fail("no articles to benchmark")
    report = run_bench(selected).to_json()
    if as_json:
        print(json.dumps(report, indent=2))
        return
    _print_bench(report)


gazetteer_app = typer.Typer(help="The offline GeoNames gazetteer behind place resolution.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[
        Path | None, typer.Option(help="Where to write the index (default: the cache folder).")
    ] = None,
) -> None:
    """(Re)build the gazetteer index; it is otherwise built on first use."""
    from tacitus.gazetteer import build_gazetteer

    stderr.print(f"gazetteer written to {build_gazetteer(path)}", highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of schema v1."""
    from tacitus.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))


#: The columns a readable table shows (json and csv carry every field), and how wide a cell may be.
TABLE_COLUMNS = {
    "events": ("type", "case_code", "status", "first_day", "country", "source", "target",
               "fatalities", "evidence"),
    "articles": ("id", "published", "title", "outlet", "case_code", "events"),
}  # fmt: skip
TABLE_CELL_CHARS = 70


def _print_rows(rows: list[dict], format: ListFormat, title: str) -> None:
    if format is ListFormat.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif format is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        columns = TABLE_COLUMNS[title]
        table = Table(title=f"{len(rows)} {title}", title_justify="left")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row[column]) for column in columns))
        stdout.print(table)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= TABLE_CELL_CHARS else text[: TABLE_CELL_CHARS - 1] + "…"


def _print_summary(extraction) -> None:
    article = extraction.article
    stdout.print(
        f"[bold]{article.title or article.id}[/bold]  {article.published or 'undated'}",
        highlight=False,
    )
    listed = {
        "actors": [a.name for a in extraction.actors],
        "places": [p.name for p in extraction.places],
        "times": [f"{t.text}={t.value}" for t in extraction.times],
        "counts": [f"{c.kind} {c.best} ({c.who})" for c in extraction.counts],
        "quotes": [f"{q.speaker}: {q.text[:50]}" for q in extraction.quotes],
        "events": [f"{e.type} {e.trigger.text}" for e in extraction.events],
    }
    for name, values in listed.items():
        stdout.print(
            f"  {name}: {len(values)}  " + "; ".join(values[:12]), markup=False, highlight=False
        )


def _print_eval(result) -> None:
    floors = {check.metric: check for check in result.checks}
    table = Table(title=f"{result.name}  ({result.seconds:.0f} s)", title_justify="left")
    for column in ("metric", "value", "floor", ""):
        table.add_column(column)
    for metric, value in result.metrics.items():
        check = floors.get(metric)
        status = "" if check is None else ("ok" if check.passed else "BELOW FLOOR")
        table.add_row(metric, str(value), "" if check is None else str(check.floor), status)
    stdout.print(table)


def _print_bench(report: dict) -> None:
    table = Table(
        title=f"{report['articles']} articles, {report['words']:,} words", title_justify="left"
    )
    for column in ("pipeline", "seconds", "words/s", "articles/s", "peak RSS MB"):
        table.add_column(column)
    for stage in ("spacy", "tacitus"):
        row = report[stage]
        table.add_row(
            stage,
            str(row["seconds"]),
            str(row["words_per_s"]),
            str(row["articles_per_s"]),
            str(row["peak_rss_mb"]),
        )
    stdout.print(table)
    stdout.print(
        f"speed ratio (spaCy time / Tacitus time): {report['speed_ratio']}", highlight=False
    )
    for name, share in report["component_share_of_spacy"].items():
        stdout.print(f"  {name}: {share:.1%} of spaCy's time", highlight=False)
    gazetteer = report["gazetteer"]
    stdout.print(
        f"gazetteer: opened and {gazetteer['lookups']:,} names looked up in"
        f" {gazetteer['seconds']} s, {gazetteer['added_rss_mb']} MB resident memory added",
        highlight=False,
    )
