"""The web UI in Debian's Chromium, driven by Playwright, over a store seeded with the bundled
examples and synthetic reports: markers on the map, filters that change them, an event's
evidence highlighted, a pasted article's events, and article markup that stays text.

Screenshots go to $TACITUS_ARTIFACTS, else build/screenshots/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from seed import PLACES, synthetic_extraction

from tacitus import Extractor, SourceArticle
from tacitus.api import create_app
from tacitus.sources import ReadOptions, read_articles
from tacitus.store import ingest, open_store

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLES = Path(__file__).parents[2] / "src" / "tacitus" / "examples"
ARTIFACTS = Path(
    os.environ.get("TACITUS_ARTIFACTS") or Path(__file__).parents[2] / "build" / "screenshots"
)
TOKEN = "browser-test-token"
SYNTHETIC_REPORTS = 90
#: An article whose text is markup: the UI must show it and run none of it.
SCRIPTED_TEXT = (
    "Police detained two reporters in Tunis on Monday, their union said."
    ' <script>window.pwned = true</script><img src=x onerror="window.pwned = true">'
)
PASTED_TEXT = (
    "Soldiers opened fire on protesters in the city of Mandalay on Friday, killing three"
    " people, witnesses said.\n\nThe army said its troops had been attacked first."
)

pytestmark = pytest.mark.browser

if not CHROMIUM.is_file():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(
        f"{CHROMIUM} not found: install Debian's chromium to run the browser tests",
        allow_module_level=True,
    )

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def store_url(nlp, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'store.db'}"
    articles = list(read_articles([str(EXAMPLES)], ReadOptions()))
    articles.append(
        SourceArticle(
            text=SCRIPTED_TEXT,
            origin="scripted",
            id="scripted-article",
            title="<b>bold</b> title",
            published=date(2024, 6, 3),
        )
    )
    extractions = list(Extractor(nlp=nlp).pipe(articles))
    extractions += [synthetic_extraction(number) for number in range(SYNTHETIC_REPORTS)]
    ingest(open_store(url), extractions)
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_url, nlp) -> Iterator[str]:
    """The app on a free loopback port, in a thread of this process (it shares the pipeline)."""
    port = free_port()
    config = uvicorn.Config(
        create_app(store_url, TOKEN, nlp=nlp), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        # Chromium's sandbox cannot start as root (containers, CI)
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server, request) -> Iterator[Page]:
    """The UI loaded, its map ready; fails the test on any script error of the page, and
    leaves a screenshot named after the test."""
    context = browser.new_context(viewport={"width": 1500, "height": 950}, base_url=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.extend(script_errors(message)))
    opened.goto("/")
    wait_for_map(opened)
    yield opened
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert errors == [], "the page reported errors"


def script_errors(message) -> list[str]:
    """A console error of the page's own (a refused script, a policy violation); Chromium's
    line for each non-2xx response is not one: the tests provoke 403s on purpose."""
    if message.type != "error" or message.text.startswith("Failed to load resource"):
        return []
    return [message.text]


def wait_for_map(page: Page) -> None:
    page.wait_for_selector("#map[data-ready='true']")
    page.wait_for_function(
        "() => document.getElementById('status').textContent.includes('on the map')"
    )


def map_counts(page: Page) -> tuple[int, int]:
    """(markers drawn, events they stand for) on the map now."""
    data = page.eval_on_selector("#map", "map => [map.dataset.markers, map.dataset.events]")
    return int(data[0]), int(data[1])


def apply_filters(page: Page) -> None:
    page.click("#filters-apply")
    wait_for_map(page)


def test_the_map_shows_markers_of_the_stored_events(page: Page) -> None:
    markers, events = map_counts(page)
    assert markers > 0
    assert events >= SYNTHETIC_REPORTS
    assert page.locator("#legend li").count() >= 3
    assert page.locator("#timeline .bar").count() > 0
    assert page.locator("#event-list li").count() > 0
    assert page.locator("#graph .node").count() > 0


def test_filtering_by_type_changes_the_markers(page: Page) -> None:
    _, everything = map_counts(page)
    page.select_option("#filter-type", "PROTEST")
    apply_filters(page)
    _, protests = map_counts(page)
    assert 0 < protests < everything
    types = page.locator("#event-list .type").all_text_contents()
    assert types and set(types) == {"PROTEST"}


def test_filtering_by_date_changes_the_markers(page: Page) -> None:
    _, everything = map_counts(page)
    page.fill("#filter-since", "2024-01-01")
    page.fill("#filter-until", "2024-01-31")
    apply_filters(page)
    _, january = map_counts(page)
    assert 0 < january < everything
    days = page.locator("#event-list .meta").all_text_contents()
    assert all(text.startswith("2024-01-") for text in days)


def test_brushing_the_timeline_filters_the_map(page: Page) -> None:
    _, everything = map_counts(page)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.up()
    page.wait_for_function(
        "() => document.getElementById('status').textContent.includes('brushed')"
    )
    _, brushed = map_counts(page)
    assert 0 < brushed < everything


def test_opening_an_event_shows_its_evidence_highlighted(page: Page) -> None:
    page.fill("#filter-q", "killed")
    apply_filters(page)
    first = page.locator("#event-list .event-button").first
    snippet = first.locator(".snippet").text_content()
    first.click()
    evidence = page.locator("#article-text mark.evidence")
    expect(evidence).to_have_count(1)
    assert evidence.text_content() == snippet
    expect(evidence.locator("mark.trigger")).to_have_count(1)
    assert len(page.locator("#article-text").text_content()) > len(snippet)
    expect(page.locator("#event-facts")).to_contain_text("Where")
    expect(page.locator("#event-cluster li").first).to_be_visible()


def test_a_pasted_article_shows_its_events_in_its_text(page: Page) -> None:
    page.fill("#paste-token", TOKEN)
    page.fill("#paste-published", "2024-03-01")
    page.fill("#paste-text", PASTED_TEXT)
    page.click("#paste-extract")
    expect(page.locator("#paste-status")).to_contain_text("event(s) found", timeout=60_000)
    expect(page.locator("#paste-events .type").first).to_have_text("ASSAULT")
    marked = page.locator("#paste-text-view mark.evidence").first
    expect(marked).to_contain_text("opened fire")
    expect(page.locator("#paste-text-view mark.trigger").first).to_be_visible()
    assert page.locator("#paste-text-view").text_content() == PASTED_TEXT


def test_a_wrong_token_is_refused_and_said_so(page: Page) -> None:
    page.fill("#paste-token", "not-the-token")
    page.fill("#paste-text", PASTED_TEXT)
    page.click("#paste-extract")
    expect(page.locator("#paste-status")).to_contain_text("403")
    assert page.locator("#paste-result").is_hidden()


def test_an_article_with_markup_shows_it_as_text_and_runs_nothing(page: Page) -> None:
    page.fill("#filter-q", "reporters")
    apply_filters(page)
    page.locator("#event-list .event-button").first.click()
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>window.pwned = true</script>")
    expect(page.locator("#article-meta")).to_contain_text("<b>bold</b> title")
    assert page.locator("#article-text script, #article-text img, #panel b").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_pasted_markup_is_text_too(page: Page) -> None:
    page.fill("#paste-token", TOKEN)
    page.fill("#paste-text", SCRIPTED_TEXT)
    page.click("#paste-extract")
    expect(page.locator("#paste-status")).to_contain_text("event(s) found", timeout=60_000)
    assert page.locator("#paste-text-view").text_content() == SCRIPTED_TEXT
    assert page.locator("#paste-result script, #paste-result img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_reports_of_one_town_are_one_cluster_marker(page: Page) -> None:
    page.select_option("#filter-country", "FJI")
    apply_filters(page)
    # Suva, Fiji, just west of the 180th meridian: its reports stack into one marker
    assert map_counts(page) == (1, SYNTHETIC_REPORTS // len(PLACES))


def test_the_event_list_pages_on_demand(page: Page) -> None:
    shown = page.locator("#event-list li").count()
    more = page.locator("#events-more")
    expect(more).to_be_visible()
    more.click()
    expect(page.locator("#event-list li")).not_to_have_count(shown)
    assert page.locator("#event-list li").count() > shown
