"""The `tacitus` command: extract, ingest, query, evaluate, benchmark."""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tacitus import filter_values, settings
from tacitus.batch.shards import DEFAULT_SHARD_SIZE
from tacitus.progress import stderr, with_progress
from tacitus.sources import ReadOptions, SourceArticle, count_articles, read_articles
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


def note(line: str) -> None:
    """One line on stderr, as every message of the command is written."""
    stderr.print(f"tacitus: {line}", markup=False, highlight=False, soft_wrap=True)


def fail(message: str) -> typer.Exit:
    note(message)
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
Encoding = Annotated[
    str | None,
    typer.Option(help="Text encoding of the inputs, e.g. latin-1 or cp1256 (default: UTF-8)."),
]
Workers = Annotated[
    int,
    typer.Option(
        min=1,
        help="Processes extracting in parallel, the pipeline loaded once in each; output"
        " keeps the input order. Each keeps its own outlet lexicons (see README).",
    ),
]
DbUrl = Annotated[
    str | None,
    typer.Option(
        "--db", help=f"Database URL (default ${settings.DB_ENV_VAR} or {settings.DEFAULT_DB_URL})."
    ),
]


def _encoding_option(value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise typer.BadParameter(f"{value!r} is not a known text encoding") from None
    return value


def _read(
    paths: list[str], published: str | None, text_column: str | None, encoding: str | None
) -> tuple[ReadOptions, Iterator[SourceArticle]]:
    options = ReadOptions(
        text_column=text_column,
        published=_date_option(published),
        encoding=_encoding_option(encoding),
    )
    return options, read_articles(paths, options)


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: one JSON document, the article's object for one article, an array of"
            " them for several (or none); jsonl: one object per line; table: a summary.",
        ),
    ] = ExtractFormat.json,
    text_column: TextColumn = None,
    encoding: Encoding = None,
    actors: ActorFiles = None,
    workers: Workers = 1,
) -> None:
    """Print what Tacitus finds in each article as schema v1."""
    extractor = _extractor(actors, workers)
    options, articles = _read(paths, published, text_column, encoding)
    total = count_articles(paths, options.encoding)
    extractions = with_progress(extractor.pipe(articles), "extracting", total)
    if format is ExtractFormat.table:
        for extraction in extractions:
            _print_summary(extraction)
    elif format is ExtractFormat.jsonl:
        for extraction in extractions:
            print(json.dumps(extraction.to_json_dict(), ensure_ascii=False))
    else:
        _print_json_document(extraction.to_json_dict() for extraction in extractions)
    if options.failed_inputs:
        raise typer.Exit(code=1)


def _print_json_document(objects: Iterator[dict]) -> None:
    """One object alone, several as an array; printed as they come, not kept in memory."""
    first = next(objects, None)
    second = next(objects, None)
    if second is None:
        print(json.dumps([] if first is None else first, indent=2, ensure_ascii=False))
        return
    print("[")
    previous = first
    for current in chain([second], objects):
        print(_indented(previous) + ",")
        previous = current
    print(_indented(previous))
    print("]")


def _indented(value: dict) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return "\n".join("  " + line for line in text.splitlines())


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, directories, or - for stdin.")
    ] = None,
    db: DbUrl = None,
    published: Published = None,
    text_column: TextColumn = None,
    encoding: Encoding = None,
    actors: ActorFiles = None,
    workers: Workers = 1,
    from_parquet: Annotated[
        Path | None,
        typer.Option(
            file_okay=False,
            help="Store the extractions of a `tacitus batch` output folder instead of PATHS.",
        ),
    ] = None,
) -> None:
    """Extract articles and store them; an article already stored is skipped.

    Creates the database when there is none (the commands that only read need an existing one).
    """
    if from_parquet is not None:
        _ingest_batch_output(from_parquet, db, paths)
        return
    if not paths:
        raise fail("name the articles to ingest, or a batch output with --from-parquet DIR")
    options, articles = _read(paths, published, text_column, encoding)
    total = count_articles(paths, options.encoding)
    extractor = _extractor(actors, workers)
    report = _ingest(with_progress(articles, "ingesting", total), db, extractor)
    _print_ingest_report(report)
    if options.failed_inputs or report.rejected:
        raise typer.Exit(code=1)


def _print_ingest_report(report) -> None:
    for problem in report.rejected:
        note(f"not stored: {problem}")
    stderr.print(
        f"stored {report.stored} new article(s), {report.already_stored} already stored",
        highlight=False,
    )


def _ingest_batch_output(folder: Path, db: str | None, paths: list[str] | None) -> None:
    from tacitus.batch.load import ingest_batch_output
    from tacitus.batch.parquet_out import BatchOutputError
    from tacitus.store import open_store

    if paths:
        raise fail("--from-parquet stores a batch output: name no articles besides it")
    with _store_errors():
        try:
            loaded = ingest_batch_output(open_store(db), folder)
        except BatchOutputError as error:
            raise fail(str(error)) from None
    if loaded.unfinished:
        note(f"{len(loaded.unfinished)} unfinished shard(s) left out; run tacitus batch again")
    _print_ingest_report(loaded.ingest)
    if loaded.ingest.rejected:
        raise typer.Exit(code=1)


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Files and directories (not stdin).")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            file_okay=False,
            help="Output folder: Parquet by publication date; a rerun skips finished shards.",
        ),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    local_workers: Annotated[
        int | None,
        typer.Option(min=1, help="Start a local cluster of N worker processes (default: cores)."),
    ] = None,
    shard_size: Annotated[
        int, typer.Option(min=1, help="Articles (or single-article files) per shard.")
    ] = DEFAULT_SHARD_SIZE,
    published: Published = None,
    text_column: TextColumn = None,
    encoding: Encoding = None,
    actors: ActorFiles = None,
) -> None:
    """Extract articles on a Dask cluster into Parquet files partitioned by publication date."""
    import os

    from tacitus.batch.run import BatchError, dask_client, read_actor_dictionaries, run_batch

    if scheduler and local_workers:
        raise fail("give --scheduler or --local-workers, not both")
    missing = [name for name in paths if name != "-" and not Path(name).exists()]
    if missing:
        raise fail(f"{missing[0]}: no such file or directory")
    options = ReadOptions(
        text_column=text_column,
        published=_date_option(published),
        encoding=_encoding_option(encoding),
    )
    try:
        dictionaries = read_actor_dictionaries(str(path) for path in actors or ())
        with dask_client(scheduler, local_workers or os.cpu_count() or 1) as client:
            report = run_batch(client, paths, out, options, shard_size, dictionaries, note)
    except BatchError as error:
        raise fail(str(error)) from None
    note(
        f"{report.shards_done} shard(s) written ({report.articles_written} articles),"
        f" {report.shards_skipped} already complete, in {out}"
    )
    if options.failed_inputs or report.problems:
        raise typer.Exit(code=1)


def _extractor(actor_files: list[Path] | None, workers: int = 1):
    """The extractor, with the user's actor dictionaries, in this process or in `workers`
    processes; a bad dictionary is one clear line, before any worker starts."""
    import yaml

    from tacitus.actor_dictionary import load_dictionary
    from tacitus.extractor import Extractor
    from tacitus.workers import WorkerPool

    dictionaries = tuple(str(path) for path in actor_files or ())
    try:
        if workers > 1:
            load_dictionary(dictionaries)
            return WorkerPool(workers, dictionaries)
        return Extractor(actor_dictionaries=dictionaries)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        raise fail(f"cannot load the actor dictionary: {error}") from None


def _ingest(articles, db: str | None, extractor):
    from tacitus.store import ingest, open_store, stored_article_ids

    with _store_errors():
        engine = open_store(db)
        skipped: list[str] = []
        fresh = _skip_stored(articles, lambda a: bool(stored_article_ids(engine, [a.id])), skipped)
        report = ingest(engine, extractor.pipe(fresh))
    report.already_stored += len(skipped)
    return report


@contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened, read or written is one line and exit code 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from tacitus.store import StoreError, one_line

    try:
        yield
    except StoreError as error:
        raise fail(str(error)) from None
    except SQLAlchemyError as error:
        raise fail(f"database error: {one_line(error)}") from None


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
    clusters(db=db)


def _event_filters(
    since, until, country, type_, actor, limit, min_confidence, admin1, bbox,
    include_hypothetical=False,
):  # fmt: skip
    """The filters of the commands that list events (`events`, `clusters`, `export`)."""
    return _filters(
        since,
        until,
        country,
        type_,
        actor,
        limit,
        min_confidence=min_confidence,
        include_hypothetical=include_hypothetical,
        admin1=admin1,
        bbox=_bbox_option(bbox),
    )


def _filters(since, until, country, type_, actor, limit, **event_only):
    from tacitus.store import Filters

    return Filters(
        _date_option(since),
        _date_option(until),
        _country_option(country),
        _type_option(type_),
        actor,
        limit,
        **event_only,
    )


def _country_option(value: str | None) -> str | None:
    return _checked(filter_values.country_code, value, "--country")


def _type_option(value: str | None) -> str | None:
    return _checked(filter_values.event_type, value, "--type")


def _bbox_option(value: str | None) -> tuple[float, float, float, float] | None:
    return _checked(filter_values.bounding_box, value, "--bbox")


def _checked(check, value: str | None, option: str):
    """`check(value)`, its ValueError a usage error naming `option`; None stays None."""
    if value is None:
        return None
    try:
        return check(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


Since = Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")]
Country = Annotated[
    str | None, typer.Option(help="ISO3 country code, e.g. SYR (an unknown code is an error).")
]
EventType = Annotated[
    str | None,
    typer.Option(
        "--type",
        help='PLOVER type (ASSAULT), ACLED event or sub-event type ("Air/drone strike"),'
        " CASE code or CAMEO code; an unknown type is an error listing the valid ones.",
    ),
]
ActorFilter = Annotated[
    str | None, typer.Option(help="Actor name (part of it) or code, e.g. RUSGOV.")
]
Limit = Annotated[int | None, typer.Option(help="At most this many rows.")]
OutFormat = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
MinConfidence = Annotated[
    float | None, typer.Option(min=0.0, max=1.0, help="Only events of at least this confidence.")
]
IncludeHypothetical = Annotated[
    bool,
    typer.Option(
        "--include-hypothetical",
        help='Also list negated ("did not attack") and hypothetical ("may attack") events,'
        " hidden by default.",
    ),
]
Admin1 = Annotated[
    str | None, typer.Option(help="First-level region of the event's place, e.g. Aleppo.")
]
Bbox = Annotated[
    str | None,
    typer.Option(help="Only events placed inside minlon,minlat,maxlon,maxlat, e.g. 35,32,43,38."),
]


@app.command()
def events(
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    min_confidence: MinConfidence = None,
    include_hypothetical: IncludeHypothetical = False,
    admin1: Admin1 = None,
    bbox: Bbox = None,
    limit: Limit = None,
    format: OutFormat = ListFormat.table,
) -> None:
    """List stored events, newest first (undated last), with their place and country."""
    from tacitus.store import event_rows

    filters = _event_filters(
        since, until, country, type, actor, limit, min_confidence, admin1, bbox,
        include_hypothetical,
    )  # fmt: skip
    with _store_errors():
        rows = event_rows(_open(db), filters)
    _print_rows(rows, format, "events")


@app.command()
def clusters(
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    min_confidence: MinConfidence = None,
    admin1: Admin1 = None,
    bbox: Bbox = None,
    limit: Limit = None,
    format: OutFormat = ListFormat.table,
) -> None:
    """List real-world events: each cluster of reports across articles, with its merged type,
    time, place, actors and toll, each source's toll, and its reports' article and event ids.
    A cluster is listed when one of its reports meets the filters."""
    from tacitus.store.clusters import cluster_views

    filters = _event_filters(
        since, until, country, type, actor, limit, min_confidence, admin1, bbox
    )
    with _store_errors():
        views = cluster_views(_open(db), filters)
    _print_rows([view.to_row() for view in views], format, "clusters")


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"


ExportOut = Annotated[
    Path, typer.Option("--out", "-o", dir_okay=False, help="The file to write (overwritten).")
]
ExportFormatOption = Annotated[
    ExportFormat,
    typer.Option(
        "--format",
        "-f",
        help="csv: ACLED's columns, then Tacitus's; jsonl: one event a line; geojson: RFC 7946"
        " points (events without coordinates left out); parquet: typed columns.",
    ),
]


@app.command()
def export(
    out: ExportOut,
    format: ExportFormatOption = ExportFormat.csv,
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    min_confidence: MinConfidence = None,
    include_hypothetical: IncludeHypothetical = False,
    admin1: Admin1 = None,
    bbox: Bbox = None,
    limit: Limit = None,
) -> None:
    """Write stored events as ACLED-compatible CSV, JSON Lines, GeoJSON or Parquet."""
    from tacitus.export import export_events

    filters = _event_filters(
        since, until, country, type, actor, limit, min_confidence, admin1, bbox,
        include_hypothetical,
    )  # fmt: skip
    engine = _open(db)
    try:
        with _store_errors():
            written = export_events(engine, filters, format.value, out, report=note)
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}") from None
    note(f"{written} event(s) written to {out}")


@app.command()
def report(
    out: ExportOut,
    db: DbUrl = None,
    since: Since = None,
    until: Until = None,
    country: Country = None,
    type: EventType = None,
    actor: ActorFilter = None,
    min_confidence: MinConfidence = None,
    include_hypothetical: IncludeHypothetical = False,
    admin1: Admin1 = None,
    bbox: Bbox = None,
) -> None:
    """Write a self-contained HTML situation report: headline figures, a map, a timeline by
    type, fatalities by perpetrator and key quotes, each linked to its evidence. It counts
    real-world events (clusters of reports), so an event reported twice counts once."""
    from tacitus.report import write_report
    from tacitus.static import MissingVendorFile

    filters = _event_filters(
        since, until, country, type, actor, None, min_confidence, admin1, bbox,
        include_hypothetical,
    )  # fmt: skip
    engine = _open(db)
    try:
        with _store_errors():
            written = write_report(engine, filters, out)
    except MissingVendorFile as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}") from None
    figures = written.headline
    note(f"{figures.events} event(s) from {figures.articles} article(s) reported in {out}")


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
    """List stored articles, newest first (undated last)."""
    from tacitus.store import article_rows

    filters = _filters(since, until, country, type, actor, limit)
    with _store_errors():
        rows = article_rows(_open(db), filters)
    _print_rows(rows, format, "articles")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="The id of a stored article.")],
    db: DbUrl = None,
) -> None:
    """Print the stored extraction of one article as schema v1 JSON."""
    from tacitus.store import stored_extraction

    with _store_errors():
        extraction = stored_extraction(_open(db), article_id)
    if extraction is None:
        note(f"no article {article_id!r} in the store")
        raise typer.Exit(code=1)
    print(json.dumps(extraction, indent=2, ensure_ascii=False))


@app.command()
def serve(
    db: DbUrl = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes answering requests (one core each; each loads its own"
            " pipeline on its first write).",
        ),
    ] = 1,
) -> None:
    """Serve the store over HTTP: the REST API (OpenAPI at /openapi.json) and the web UI.

    Writes (POST /extract, POST /articles) need the bearer token in $TACITUS_API_TOKEN; without
    it they are refused. With --workers N, N processes share the port and the store: writes
    from several of them queue for the store's write lock (none is lost), reads run at once.
    Stops on Ctrl-C.
    """
    import os

    import uvicorn

    from tacitus.api import TOKEN_ENV_VAR, create_app
    from tacitus.store import resolve_url

    _open(db)  # migrated here, once, before any worker opens it
    if workers == 1:
        with _store_errors():
            api = create_app(db, os.environ.get(TOKEN_ENV_VAR))
        note(f"serving on http://{host}:{port} (Ctrl-C stops)")
        uvicorn.run(api, host=host, port=port, log_level="warning")
        return
    # the workers are new processes that build the app from an import string: they read
    # the store's URL (and the token) from the environment they inherit
    os.environ[settings.DB_ENV_VAR] = resolve_url(db)
    note(f"serving on http://{host}:{port} with {workers} workers (Ctrl-C stops)")
    uvicorn.run(
        "tacitus.api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _open(db: str | None):
    """The existing store at `db`: only `ingest` creates one."""
    from tacitus.store import open_store

    with _store_errors():
        return open_store(db, create=False)


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
    """Speed and memory of Tacitus and of spaCy's own pipeline over the same articles, in one
    process (one core); by default the 249 Guardian articles of ../shared/data/ngec."""
    from itertools import islice

    from tacitus.bench import run_bench

    sources = corpus or [str(settings.DEFAULT_DATA_DIR / "ngec" / "Guardian_SDF_sample.csv")]
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
    "events": ("type", "case_code", "status", "first_day", "place", "country", "source",
               "target", "fatalities", "evidence"),
    "articles": ("id", "published", "title", "outlet", "case_code", "events"),
    "clusters": ("type", "first_day", "place", "country", "source", "target", "fatalities",
                 "tolls", "reports", "outlets"),
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
    clustering = report["clustering"]
    stdout.print(
        f"clustering: {clustering['clustering_seconds']} s over an ingest of"
        f" {clustering['articles']:,} articles ({clustering['events']:,} events;"
        f" {clustering['ingest_seconds']} s in all), {clustering['share_of_extraction']:.1%}"
        f" of the {clustering['extraction_seconds']} s extracting them takes",
        highlight=False,
    )
    cold = report["cold_start"]
    stdout.print(
        f"cold start: `tacitus extract` of one article {cold['tacitus_extract_seconds']} s,"
        f" a bare spacy.load {cold['spacy_load_seconds']} s ({cold['ratio']}x)",
        highlight=False,
    )
    gazetteer = report["gazetteer"]
    stdout.print(
        f"gazetteer: opened and {gazetteer['lookups']:,} names looked up in"
        f" {gazetteer['seconds']} s, {gazetteer['added_rss_mb']} MB resident memory added",
        highlight=False,
    )
