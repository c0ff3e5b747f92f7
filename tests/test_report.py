"""The situation report: its figures count real-world events once, its HTML runs nothing an
article holds, and Chromium draws its map and charts offline."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from test_store import postgres_url
from typer.testing import CliRunner

from tacitus import Extractor, SourceArticle
from tacitus.cli import EXAMPLES, app
from tacitus.clusters.merge import merged_view
from tacitus.clusters.reports import EventReport, ReportActor
from tacitus.report import gather_report, render_report
from tacitus.report.data import (
    KEY_QUOTES,
    KEY_QUOTES_PER_ARTICLE,
    NO_PERPETRATOR,
    QUOTE_KIND_RANK,
    TOP_ACTORS,
    Span,
    actor_tolls,
)
from tacitus.report.render import json_for_script, marked_text
from tacitus.sources import ReadOptions, read_articles
from tacitus.store import Filters, article_rows, event_rows, ingest, open_store
from tacitus.store.clusters import cluster_views

CHROMIUM = Path("/usr/bin/chromium")
runner = CliRunner()

# Reports either side of the 180° meridian: Suva (178.4° E) and Apia (171.8° W).
PACIFIC = [
    SourceArticle(
        text="SUVA, Fiji (Reef Post) - Police fired tear gas at hundreds of protesters in Suva"
        " on Monday, injuring five people, officials said.\n\nThe protesters had marched on"
        " parliament.",
        origin="suva",
        id="suva-protest",
        outlet="Reef Post",
        published=date(2024, 2, 6),
        url="https://reefpost.example/suva-protest",
    ),
    SourceArticle(
        text="APIA, Samoa (Island Wire) - Gunmen attacked a police station in Apia on Tuesday,"
        " killing two officers, police said.",
        origin="apia",
        id="apia-attack",
        outlet="Island Wire",
        published=date(2024, 2, 7),
    ),
]
# An article whose every field tries to run a script in the report.
HOSTILE = SourceArticle(
    text="KANO, Nigeria (Savanna Times) - Gunmen attacked a market in Kano on Sunday, killing"
    ' seven traders <script>window.pwned = 1</script> police said.\n\n"We will find them'
    " <img src=x onerror='window.pwned = 2'>,\" the police commissioner Ahmed Bello said.",
    origin="hostile",
    id="kano-<script>",
    title="Kano attack </script><script>window.pwned = 3</script>",
    outlet="Savanna <b>Times</b>",
    published=date(2024, 3, 4),
    url="javascript:window.pwned = 4",
)


def _store(tmp_path_factory, name: str, extractions) -> Engine:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp(name) / 'store.db'}")
    assert ingest(engine, extractions).stored == len(extractions)
    return engine


@pytest.fixture(scope="module")
def example_extractions(nlp) -> list:
    articles = read_articles([str(EXAMPLES)], ReadOptions())
    return list(Extractor(nlp=nlp).pipe(articles))


@pytest.fixture(scope="module")
def examples(tmp_path_factory, example_extractions) -> Engine:
    return _store(tmp_path_factory, "examples", example_extractions)


@pytest.fixture(scope="module")
def pacific(tmp_path_factory, nlp) -> Engine:
    return _store(tmp_path_factory, "pacific", list(Extractor(nlp=nlp).pipe(PACIFIC)))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, nlp) -> Engine:
    return _store(tmp_path_factory, "hostile", list(Extractor(nlp=nlp).pipe([HOSTILE])))


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


# --- the figures -----------------------------------------------------------------------------


def test_a_strike_two_outlets_report_counts_once(examples) -> None:
    report = gather_report(examples, Filters())
    views = cluster_views(examples, Filters())
    assert report.headline.events == len(views) == len(report.events)
    assert report.headline.reports == sum(len(view.reports) for view in views)
    (strike,) = [view for view in report.events if len(view.outlets) == 2]
    assert report.headline.merged == 1
    assert strike.outlets == ("Example Daily", "Example Wire")
    assert strike.fatalities == (16, 14, 16)
    # every report's toll summed counts the strike twice; the report counts it once, at the
    # figure most outlets give (the higher on a tie) with the other report's as its low end
    naive = sum(row["fatalities"] or 0 for row in event_rows(examples, Filters()))
    assert report.headline.fatalities == naive - 14
    assert report.headline.fatalities == sum(v.fatalities[0] for v in views if v.fatalities)
    assert report.headline.fatalities_low == sum(v.fatalities[1] for v in views if v.fatalities)
    assert report.headline.fatalities_high == sum(v.fatalities[2] for v in views if v.fatalities)
    assert report.headline.disputed_tolls == 1


def test_articles_outlets_and_period(examples) -> None:
    report = gather_report(examples, Filters())
    stored = article_rows(examples, Filters())
    assert report.headline.articles == len(stored) == len(report.articles)
    assert report.headline.outlets == len({row["outlet"] for row in stored if row["outlet"]})
    days = [d for view in report.events for d in (view.first_day, view.last_day) if d]
    assert (report.headline.first_day, report.headline.last_day) == (min(days), max(days))
    narrowed = gather_report(examples, Filters(since=date(2019, 5, 1), until=date(2019, 5, 31)))
    assert (narrowed.headline.first_day, narrowed.headline.last_day) == (
        date(2019, 5, 1),
        date(2019, 5, 31),
    )


def test_filters_are_those_of_the_clusters_command(examples) -> None:
    filters = Filters(country="SYR", type="ASSAULT")
    report = gather_report(examples, filters)
    assert [view.id for view in report.events] == [v.id for v in cluster_views(examples, filters)]
    assert report.events and all(view.type == "ASSAULT" for view in report.events)
    cited = {r.article_id for view in report.events for r in view.reports}
    assert set(report.articles) == cited
    assert report.title == "Situation report: Syria, ASSAULT"


def test_hypothetical_events_are_listed_apart_never_counted(examples) -> None:
    counted = gather_report(examples, Filters())
    listed = gather_report(examples, Filters(include_hypothetical=True))
    assert counted.unasserted == []
    assert listed.unasserted, "the Lagos example reports a threatened crackdown"
    assert all(event.status in ("negated", "hypothetical") for event in listed.unasserted)
    for figure in ("events", "reports", "fatalities", "fatalities_low", "fatalities_high"):
        assert getattr(listed.headline, figure) == getattr(counted.headline, figure)
    for denied in listed.unasserted:
        spans = listed.articles[denied.article_id].spans
        assert any(span.anchor == denied.anchor for span in spans)


def test_timeline_bins_cover_the_period_by_day_week_month(examples) -> None:
    report = gather_report(examples, Filters())
    dated = [view for view in report.events if view.first_day]
    assert report.timeline_unit == "month"  # the examples span 2016 to 2021
    assert sum(sum(b.counts.values()) for b in report.timeline) == len(dated)
    months = [(b.start.year, b.start.month) for b in report.timeline]
    assert all(b.start.day == 1 for b in report.timeline)
    assert (
        len(months)
        == len(set(months))
        == ((months[-1][0] - months[0][0]) * 12 + months[-1][1] - months[0][1] + 1)
    )
    may = gather_report(examples, Filters(since=date(2019, 5, 1), until=date(2019, 5, 31)))
    assert may.timeline_unit == "day"
    days = [b.start for b in may.timeline]
    assert days == [days[0] + timedelta(days=i) for i in range(len(days))]
    assert (days[0], days[-1]) == (min(v.first_day for v in may.events),
                                   max(v.first_day for v in may.events))  # fmt: skip
    assert sum(sum(b.counts.values()) for b in may.timeline) == len(may.events)
    assert set(may.types) == {view.type for view in may.events}


def _report(article: str, sources: list[ReportActor], toll: int | None) -> EventReport:
    return EventReport(
        article_id=article,
        event_id="ev1",
        outlet=article,
        type="ASSAULT",
        acled_type=None,
        acled_sub_type=None,
        first_day=date(2024, 1, 1),
        last_day=date(2024, 1, 1),
        dated=True,
        place=None,
        country=None,
        source_actors=tuple(sources),
        fatalities=(toll, toll, toll) if toll is not None else None,
    )


def test_perpetrators_by_country_code_else_by_name() -> None:
    syrian_army = ReportActor("Syrian army", "SYRMIL", "SYR")
    syrian_troops = ReportActor("Syrian troops", "SYRMIL", "SYR")
    warplanes = ReportActor("warplanes", "MIL", None)
    gunmen = ReportActor("gunmen", "MIL", None)
    views = [
        merged_view("c1", [_report("a1", [syrian_army], 5)]),
        merged_view("c2", [_report("a2", [syrian_troops], 7)]),
        # two perpetrators named jointly: the toll counts under each
        merged_view("c3", [_report("a3", [warplanes, syrian_troops], 3)]),
        merged_view("c4", [_report("a4", [gunmen], 2)]),
        merged_view("c5", [_report("a5", [], 4)]),
        merged_view("c6", [_report("a6", [gunmen], None)]),
    ]
    tolls = {toll.name: (toll.events, toll.best) for toll in actor_tolls(views)}
    # one Syrian military whatever its name; bare MIL codes are two different perpetrators
    assert tolls == {
        "Syrian troops": (3, 15),
        "warplanes": (1, 3),
        "gunmen": (1, 2),
        NO_PERPETRATOR: (1, 4),
    }


def test_key_quotes_have_speakers_own_words_first(examples) -> None:
    report = gather_report(examples, Filters())
    quotes = report.quotes
    assert 0 < len(quotes) <= KEY_QUOTES
    assert all(quote.speaker.strip() for quote in quotes)
    ranks = [QUOTE_KIND_RANK[quote.kind] for quote in quotes]
    assert ranks == sorted(ranks) and ranks[0] == QUOTE_KIND_RANK["direct"]
    per_article = [q.article_id for q in quotes]
    assert max(per_article.count(a) for a in per_article) <= KEY_QUOTES_PER_ARTICLE
    for quote in quotes:
        article = report.articles[quote.article_id]
        (span,) = [s for s in article.spans if s.anchor == quote.anchor]
        assert article.text[span.start : span.end] == quote.text


def test_a_constant_number_of_queries(tmp_path_factory, examples, example_extractions) -> None:
    few = _store(tmp_path_factory, "few", example_extractions[:2])

    def queries(engine: Engine, filters: Filters) -> int:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731 (SQLite's BEGINs too)
        event.listen(engine, "before_cursor_execute", listener)
        try:
            gather_report(engine, filters)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return sum(1 for statement in statements if statement.lstrip().startswith("SELECT"))

    hypothetical = Filters(include_hypothetical=True)
    assert queries(examples, Filters()) == queries(few, Filters()) == 5
    assert queries(examples, hypothetical) == queries(few, hypothetical) == 6


# --- the HTML -------------------------------------------------------------------------------


def test_json_for_script_cannot_close_its_element() -> None:
    value = {"text": "</script><script>alert(1)</script> & <!-- -->", "n": [1, 2]}
    written = json_for_script(value)
    assert not set("<>&") & set(written)
    assert json.loads(written) == value


def test_marked_text_leaves_white_space_around_a_span_unmarked() -> None:
    html = marked_text("One.\n\nTwo.", [Span("ev-a", 0, 6, "evidence")])
    assert html == '<span class="anchor" id="ev-a"></span><mark class="evidence"' \
        ' data-spans="ev-a">One.</mark>\n\nTwo.'  # fmt: skip
    assert marked_text("  ", [Span("ev-a", 0, 2, "evidence")]) == "  "


def test_only_web_addresses_become_links(pacific) -> None:
    html = render_report(gather_report(pacific, Filters()))
    assert '<a class="url" href="https://reefpost.example/suva-protest"' in html


def test_the_report_is_the_same_on_postgresql(examples, example_extractions) -> None:
    store = open_store(postgres_url())
    _empty(store)
    try:
        ingest(store, example_extractions)
        on_postgresql = gather_report(store, Filters(include_hypothetical=True))
    finally:
        _empty(store)
    on_sqlite = gather_report(examples, Filters(include_hypothetical=True))
    assert on_postgresql.headline == on_sqlite.headline
    assert on_postgresql.to_json() == on_sqlite.to_json()
    assert on_postgresql.quotes == on_sqlite.quotes
    assert on_postgresql.unasserted == on_sqlite.unasserted
    assert list(on_postgresql.articles) == list(on_sqlite.articles)


def _empty(store: Engine) -> None:
    with store.begin() as connection:
        connection.exec_driver_sql("TRUNCATE articles CASCADE")


def test_marked_text_escapes_and_marks_overlapping_spans() -> None:
    text = 'He said "<b>no</b>" & left.'
    spans = [Span("ev-a", 0, 20, "evidence"), Span("q-a", 8, 19, "quote")]
    html = marked_text(text, spans)
    assert "<b>" not in html and "&lt;b&gt;no&lt;/b&gt;" in html and "&amp; left." in html
    assert html.startswith('<span class="anchor" id="ev-a"></span><mark class="evidence"')
    overlap = re.search(r'<mark class="evidence quote" data-spans="ev-a q-a">([^<]*)<', html)
    assert overlap is not None
    assert re.sub("<[^>]+>", "", html) == text.replace("&", "&amp;").replace('"', "&quot;")\
        .replace("<", "&lt;").replace(">", "&gt;")  # fmt: skip


def test_article_text_is_escaped_everywhere(hostile) -> None:
    html = render_report(gather_report(hostile, Filters()))
    # only the page's own five script elements: the data, the basemap, d3, topojson, ours
    assert len(re.findall(r"<script\b", html, re.IGNORECASE)) == 5
    assert "window.pwned = 1</script>" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "Kano attack &lt;/script&gt;&lt;script&gt;window.pwned = 3" in html
    assert "<img" not in html and "Savanna &lt;b&gt;Times&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html)
    assert data is not None and "<" not in data.group(1)
    assert json.loads(data.group(1))["events"]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split(";")[1]


# --- the command ------------------------------------------------------------------------------


def test_cli_writes_the_report(examples, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--db", _url(examples), "--country", "SYR",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("tacitus: ") and f"reported in {out}" in result.stderr
    assert "<title>Situation report: Syria</title>" in out.read_text(encoding="utf-8")


def test_cli_refuses_a_missing_store(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    result = runner.invoke(app, ["report", "--db", missing, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith("tacitus: no store at") and len(result.stderr.splitlines()) == 1
    assert not out.exists() and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--type", "NO_SUCH_TYPE", "valid PLOVER types"),
        ("--country", "XXX", "not an ISO3 country code"),
        ("--bbox", "1,2,3", "four numbers"),
        ("--since", "yesterday-ish", "not a date"),
    ],
)
def test_cli_refuses_a_bad_filter(examples, tmp_path, option, value, message) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--db", _url(examples), option, value, "--out",
                                 str(out)])  # fmt: skip
    assert result.exit_code == 2
    # the usage error is drawn in a box, its text wrapped
    assert message in " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())
    assert not out.exists()


def test_cli_says_how_to_install_missing_libraries(examples, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tacitus.static.VENDOR", tmp_path / "no-vendor")
    result = runner.invoke(app, ["report", "--db", _url(examples), "--out",
                                 str(tmp_path / "r.html")])  # fmt: skip
    assert result.exit_code == 2
    assert "make setup" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_cli_says_when_the_file_cannot_be_written(examples, tmp_path) -> None:
    out = tmp_path / "no-such-folder" / "report.html"
    result = runner.invoke(app, ["report", "--db", _url(examples), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tacitus: cannot write {out}")


# --- in Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


class OfflinePage:
    """A report opened from file:// with every other request refused and recorded, and the
    page's errors and console messages kept."""

    def __init__(self, browser, path: Path) -> None:
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.goto(path.as_uri())

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()


def _open_report(browser, engine: Engine, folder: Path) -> tuple[OfflinePage, object]:
    report = gather_report(engine, Filters())
    path = folder / "report.html"
    path.write_text(render_report(report), encoding="utf-8")
    return OfflinePage(browser, path), report


def _screenshot_path() -> Path:
    folder = os.environ.get("TACITUS_ARTIFACTS")
    base = Path(folder) if folder else Path(__file__).parents[1] / "build" / "screenshots"
    base.mkdir(parents=True, exist_ok=True)
    return base / "report.png"


def test_browser_draws_map_and_charts_offline(browser, examples, tmp_path) -> None:
    opened, report = _open_report(browser, examples, tmp_path)
    page = opened.page
    try:
        # the countries outside the framed region are clipped away, the others drawn
        assert opened.count("#map path.country") == 177
        drawn = page.eval_on_selector_all(
            "#map path.country", "paths => paths.filter(p => p.getAttribute('d')).length"
        )
        assert drawn > 20, "the world-atlas basemap is drawn"
        assert opened.count(".event-marker") == report.headline.located > 0
        inside = page.eval_on_selector_all(
            ".event-marker",
            """markers => markers.every(m => {
                const x = +m.getAttribute('cx'), y = +m.getAttribute('cy');
                const box = m.ownerSVGElement.viewBox.baseVal;
                return x >= 0 && y >= 0 && x <= box.width && y <= box.height;
            })""",
        )
        assert inside, "every placed event is on the map"
        assert opened.count("#timeline rect.bar") >= len(
            {(b.start, t) for b in report.timeline for t in b.counts}
        )
        assert opened.count("#actors rect.bar") == min(len(report.actor_tolls), TOP_ACTORS) > 0
        assert opened.count("#timeline-legend li") == len(report.types)
        page.screenshot(path=str(_screenshot_path()), full_page=True)
        assert opened.errors == [] and opened.refused == []
    finally:
        opened.context.close()


def test_browser_evidence_link_shows_its_sentence(browser, examples, tmp_path) -> None:
    opened, report = _open_report(browser, examples, tmp_path)
    page = opened.page
    try:
        link = page.locator("table.events a.evidence-link").nth(3)
        anchor = link.get_attribute("href").removeprefix("#")
        link.click()
        page.wait_for_function("anchor => location.hash === '#' + anchor", arg=anchor)
        current = page.locator("mark.current")
        assert current.count() >= 1
        spans = current.first.get_attribute("data-spans").split()
        assert anchor in spans
        assert current.first.is_visible()
        in_view = current.first.evaluate(
            "m => { const r = m.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight; }"
        )
        assert in_view, "the sentence is scrolled into view"
        article = current.first.evaluate("m => m.closest('details').id")
        assert article.startswith("article-")
        marker = page.locator(".event-marker").last  # drawn last, on top
        marker.click()
        event_id = marker.get_attribute("data-event")
        row = page.locator("tr.current")
        assert row.count() == 1 and row.get_attribute("id").endswith(event_id)
    finally:
        opened.context.close()


def test_browser_map_crosses_the_antimeridian(browser, pacific, tmp_path) -> None:
    opened, report = _open_report(browser, pacific, tmp_path)
    page = opened.page
    try:
        assert report.headline.located == opened.count(".event-marker") == 2
        width = page.eval_on_selector("#map", "svg => svg.viewBox.baseVal.width")
        x = dict(
            page.eval_on_selector_all(
                ".event-marker",
                "ms => ms.map(m => [m.dataset.place, +m.getAttribute('cx')])",
            )
        )
        # Suva (178.4° E) lies west of Apia (171.8° W) across the 180° meridian: a map cut
        # there would put Apia at its left end and Suva at its right
        assert 0 < x["Suva"] < width / 2 < x["Apia"] < width
        fiji = page.eval_on_selector("#map path.country[data-id='242']", "p => p.getBBox().width")
        assert 0 < fiji < width / 2, "Fiji, which straddles 180°, is drawn whole, not streaked"
        assert opened.errors == []
    finally:
        opened.context.close()


def test_browser_runs_no_script_from_an_article(browser, hostile, tmp_path) -> None:
    opened, _ = _open_report(browser, hostile, tmp_path)
    page = opened.page
    try:
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert opened.count("#map .event-marker") == 1
        text = page.locator("details.article .text").first.text_content()
        assert "<script>window.pwned = 1</script>" in text
        assert (
            page.locator("details.article h3")
            .first.text_content()
            .startswith("Kano attack </script>")
        )
        assert opened.errors == [] and opened.refused == []
    finally:
        opened.context.close()
