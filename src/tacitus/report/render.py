"""The situation report as one HTML file that opens offline and runs nothing it was not built with.

The page is `template.html` with `report.css` and `report.js` inlined, and the front-end
libraries (d3, topojson-client) and the world-atlas basemap read from `tacitus.static.vendor_file`
(installed from npm by `make setup`, never copied into the repository).

Article text can hold anything, `<script>` included, so: every text the store gave is
HTML-escaped where this module writes it; the data the charts draw is JSON inside
`<script type="application/json">` with `<`, `>` and `&` written as \\u003c, \\u003e and \\u0026
(no text can close that element), read by the page with `JSON.parse` and shown with
`textContent`; links are made only of http(s) URLs; and a Content-Security-Policy allows only
the page's own scripts, by their hashes, and no network request at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from sqlalchemy import Engine

from tacitus.clusters.merge import ClusterView
from tacitus.report.data import (
    EVIDENCE_PREVIEW_CHARS,
    Report,
    ReportArticle,
    Span,
    event_anchor,
    evidence_anchor,
    filter_lines,
    gather_report,
)
from tacitus.static import vendor_file
from tacitus.store.queries import Filters

#: The libraries inlined, in the order they must run, and the basemap.
LIBRARIES = ("d3.min.js", "topojson-client.min.js")
BASEMAP = "countries-110m.json"
LINK_SCHEMES = ("http", "https")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def write_report(engine: Engine, filters: Filters, out: Path) -> Report:
    """Gather the report on `filters` and write it to `out`; the report is returned."""
    report = gather_report(engine, filters)
    out.write_text(render_report(report), encoding="utf-8")
    return report


def render_report(report: Report) -> str:
    scripts = [_inline_script(vendor_file(name).read_text(encoding="utf-8")) for name in LIBRARIES]
    scripts.append(_inline_script(_resource("report.js")))
    page = Template(_resource("template.html"))
    return page.substitute(
        csp=_content_security_policy(scripts),
        title=escape(report.title),
        version=escape(report.version),
        style=_resource("report.css"),
        period=escape(_period(report)),
        generated=escape(report.generated.isoformat().replace("+00:00", "Z")),
        figures=_figures(report),
        map_caption=escape(_map_caption(report)),
        timeline_caption=escape(_timeline_caption(report)),
        events=_events_table(report),
        quotes=_quotes(report),
        unasserted=_unasserted(report),
        evidence="\n".join(_article(article) for article in report.articles.values()),
        footer=_footer(report),
        data=json_for_script(report.to_json()),
        atlas=_escape_json_text(vendor_file(BASEMAP).read_text(encoding="utf-8")),
        scripts="\n".join(f"<script>{script}</script>" for script in scripts),
    )


def json_for_script(value: object) -> str:
    """`value` as JSON that is safe inside `<script type="application/json">`."""
    return _escape_json_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _escape_json_text(text: str) -> str:
    # outside strings valid JSON has no <, > or &, so escaping them everywhere keeps it valid
    return re.sub("[<>&]", lambda match: _JSON_ESCAPES[match.group()], text)


def _inline_script(source: str) -> str:
    """`source` safe inside `<script>`: a `</script` in it (in a string or a comment; it cannot
    be code) written `<\\/script`, which means the same to JavaScript."""
    return _SCRIPT_END.sub(r"<\\/\1", source)


def _content_security_policy(scripts: list[str]) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:;"
        " base-uri 'none'; form-action 'none'"
    )


def _resource(name: str) -> str:
    return files("tacitus.report").joinpath(name).read_text(encoding="utf-8")


def _period(report: Report) -> str:
    first, last = report.headline.first_day, report.headline.last_day
    if first is None and last is None:
        return "no dated events"
    return f"{first.isoformat() if first else '…'} to {last.isoformat() if last else '…'}"


def _figures(report: Report) -> str:
    h = report.headline
    toll = f"{h.fatalities:,}"
    toll_note = "best figure of each event"
    if (h.fatalities_low, h.fatalities_high) != (h.fatalities, h.fatalities):
        toll_note = (
            f"reports give {h.fatalities_low:,} to {h.fatalities_high:,}"
            f" ({h.disputed_tolls} event(s) with differing tolls)"
        )
    cards = [
        ("events", f"{h.events:,}", f"real-world events, from {h.reports:,} reports"),
        ("fatalities", toll, toll_note),
        ("clusters", f"{h.merged:,}", "events told by several reports, each counted once"),
        ("articles", f"{h.articles:,}", "articles cited"),
        ("outlets", f"{h.outlets:,}", "distinct outlets named"),
        ("period", _period(report), f"{h.undated} undated event(s)" if h.undated else "all dated"),
    ]  # fmt: skip
    return "\n".join(
        f'<div class="figure" id="figure-{name}"><dt>{escape(name)}</dt>'
        f'<dd class="value">{escape(value)}</dd><dd class="note">{escape(note)}</dd></div>'
        for name, value, note in cards
    )


def _map_caption(report: Report) -> str:
    h = report.headline
    unplaced = h.events - h.located
    caption = f"{h.located} of {h.events} event(s) placed; a circle's area grows with the toll."
    return caption + (f" {unplaced} without coordinates are not shown." if unplaced else "")


def _timeline_caption(report: Report) -> str:
    undated = report.headline.undated
    caption = f"Events per {report.timeline_unit}, by PLOVER type, on their first possible day."
    return caption + (f" {undated} undated event(s) not shown." if undated else "")


def _events_table(report: Report) -> str:
    if not report.events:
        return '<p class="empty">No event in the store meets these filters.</p>'
    rows = "\n".join(_event_row(view, report.articles) for view in report.events)
    return (
        '<table class="events"><thead><tr><th>date</th><th>type</th><th>place</th>'
        "<th>perpetrator</th><th>target</th><th>fatalities</th><th>reports and evidence</th>"
        f"</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
    )


def _event_row(view: ClusterView, articles: dict[str, ReportArticle]) -> str:
    place = view.place
    where = ", ".join(p for p in (place.name, place.admin1) if p) if place else ""
    where = ", ".join(p for p in (where, view.country) if p)
    disputed = ' <span class="badge">disputed</span>' if view.disputed_sources else ""
    cells = [
        _days(view),
        f'<span class="type" data-type="{escape(view.type)}">{escape(view.type)}</span>'
        + (f'<br><small>{escape(view.acled_sub_type)}</small>' if view.acled_sub_type else ""),
        escape(where),
        escape("; ".join(view.source_actors)) + disputed,
        escape("; ".join(view.target_actors)),
        _toll_cell(view),
        "<ol>" + "".join(_report_item(view, i, articles) for i in range(len(view.reports)))
        + "</ol>",
    ]  # fmt: skip
    return f'<tr id="{event_anchor(view.id)}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _days(view: ClusterView) -> str:
    if view.first_day is None:
        return "undated"
    if view.last_day is None or view.last_day == view.first_day:
        return view.first_day.isoformat()
    return f"{view.first_day.isoformat()} to {view.last_day.isoformat()}"


def _toll_cell(view: ClusterView) -> str:
    if not view.fatalities:
        return ""
    best, low, high = view.fatalities
    cell = f"<strong>{best}</strong>"
    if (low, high) != (best, best):
        cell += f' <span class="range">({low}–{high})</span>'
    return cell


def _report_item(view: ClusterView, index: int, articles: dict[str, ReportArticle]) -> str:
    """One report of the event: its outlet and toll, linked to its sentence and its article."""
    report = view.reports[index]
    article = articles[report.article_id]
    sentence = article.excerpt(*report.evidence)
    if len(sentence) > EVIDENCE_PREVIEW_CHARS:
        sentence = sentence[: EVIDENCE_PREVIEW_CHARS - 1] + "…"
    toll = f" ({report.fatalities[0]} killed)" if report.fatalities else ""
    source = escape(article.outlet or article.title or article.id)
    anchor = evidence_anchor(report.article_id, report.event_id)
    return (
        f'<li><a class="evidence-link" href="#{anchor}">{source}{escape(toll)}</a>:'
        f" <q>{escape(sentence)}</q> "
        f'<a class="article-link" href="#{article.anchor}">article</a></li>'
    )


def _quotes(report: Report) -> str:
    if not report.quotes:
        return '<p class="empty">No quote with a named speaker in these articles.</p>'
    items = []
    for quote in report.quotes:
        article = report.articles[quote.article_id]
        said = f"{quote.speaker} ({quote.cue})" if quote.cue else quote.speaker
        items.append(
            f'<li class="quote quote-{escape(quote.kind)}"><blockquote>'
            f'<a class="evidence-link" href="#{quote.anchor}">{escape(quote.text)}</a>'
            f'</blockquote><p class="speaker">— {escape(said)}, {_source_line(article)}</p></li>'
        )
    return '<ul class="quotes">' + "\n".join(items) + "</ul>"


def _source_line(article: ReportArticle) -> str:
    parts = [article.outlet or "outlet not named"]
    if article.published:
        parts.append(article.published.isoformat())
    return (
        escape(", ".join(parts)) + f' <a class="article-link" href="#{article.anchor}">article</a>'
    )


def _unasserted(report: Report) -> str:
    if not report.filters.include_hypothetical:
        return ""
    rows = []
    for event in report.unasserted:
        article = report.articles[event.article_id]
        cells = [
            event.first_day.isoformat() if event.first_day else "undated",
            f'<span class="type" data-type="{escape(event.type)}">{escape(event.type)}</span>',
            escape(event.status),
            escape(", ".join(p for p in (event.place, event.country) if p)),
            f'<a class="evidence-link" href="#{event.anchor}">'
            f"{escape(article.excerpt(*event.evidence)[:EVIDENCE_PREVIEW_CHARS])}</a> "
            f'<a class="article-link" href="#{article.anchor}">article</a>',
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = (
        '<table class="unasserted"><thead><tr><th>date</th><th>type</th><th>status</th>'
        "<th>place</th><th>evidence</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else '<p class="empty">None.</p>'
    )
    return (
        '<section id="unasserted"><h2>Denied and hypothetical events</h2>'
        "<p>Reported as not having happened or as possible only; listed here, counted nowhere"
        f" above.</p>{body}</section>"
    )


def _article(article: ReportArticle) -> str:
    meta = [escape(article.outlet or "outlet not named")]
    if article.published:
        meta.append(escape(article.published.isoformat()))
    meta.append(f"id <code>{escape(article.id)}</code>")
    link = _safe_url(article.url)
    if link:
        meta.append(f'<a class="url" href="{escape(link)}" rel="noopener noreferrer">'
                    f"{escape(link)}</a>")  # fmt: skip
    elif article.url:
        meta.append(f'<span class="url">{escape(article.url)}</span>')
    return (
        f'<details class="article" id="{article.anchor}" open>'
        f"<summary><h3>{escape(article.title or article.id)}</h3></summary>"
        f'<p class="meta">{" · ".join(meta)}</p>'
        f'<div class="text">{marked_text(article.text, article.spans)}</div></details>'
    )


def _safe_url(url: str | None) -> str | None:
    """`url` when it is a web address a link may point to (never javascript: or data:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else None


def marked_text(text: str, spans: list[Span]) -> str:
    """`text` escaped, each span an anchor where it starts and its stretch in `<mark>`s (spans
    may overlap: each piece of text is one mark listing every span it is part of)."""
    spans = [trimmed for s in spans if (trimmed := _trimmed(s, text)) is not None]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        pieces += [
            f'<span class="anchor" id="{span.anchor}"></span>'
            for span in dict.fromkeys(starting.get(start, []))
        ]
        covering = [s for s in spans if s.start <= start and end <= s.end]
        piece = escape(text[start:end])
        if covering:
            kinds = " ".join(sorted({s.kind for s in covering}))
            anchors = " ".join(dict.fromkeys(s.anchor for s in covering))
            piece = f'<mark class="{kinds}" data-spans="{anchors}">{piece}</mark>'
        pieces.append(piece)
    return "".join(pieces)


def _trimmed(span: Span, text: str) -> Span | None:
    """`span` without the white space at its ends (a sentence's evidence may end with its
    paragraph break), or None when it is empty or outside `text`."""
    if not 0 <= span.start < span.end <= len(text):
        return None
    stretch = text[span.start : span.end]
    start = span.start + len(stretch) - len(stretch.lstrip())
    end = span.end - (len(stretch) - len(stretch.rstrip()))
    return replace(span, start=start, end=end) if start < end else None


def _footer(report: Report) -> str:
    h = report.headline
    filters = filter_lines(report.filters)
    return (
        "<p><strong>How events are counted.</strong> Each row, marker and bar is one real-world"
        " event: the reports of it across articles merged into one cluster (same type,"
        " overlapping time, nearby place, compatible actors and counts), so an event reported"
        f" by several outlets counts once. {h.reports:,} event reports from {h.articles:,}"
        f" article(s) make {h.events:,} events here. An event's toll is the figure most outlets"
        " give (the higher on a tie); the range beside it is the lowest and highest figure any"
        " report gives, and every report's own figure is listed with its evidence. Totals sum"
        " the events' figures. A perpetrator is a source actor any report names; an event"
        " naming several counts under each, so the perpetrator bars may sum to more than the"
        " total. Negated and hypothetical events are never counted"
        + (", and listed apart." if report.filters.include_hypothetical else ".")
        + "</p>"
        f"<p>Filters: {escape(' '.join(filters)) if filters else 'none'}. Generated by Tacitus"
        f" {escape(report.version)} on {escape(report.generated.isoformat())}. Map: Natural"
        " Earth via world-atlas (countries-110m), drawn with d3-geo.</p>"
    )
