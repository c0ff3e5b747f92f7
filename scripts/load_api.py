"""A bounded load test of `tacitus serve` on loopback: filtered event queries over a large
SQLite store while articles are ingested through the API at the same time.

    python scripts/load_api.py [--events 100000] [--clients 100] [--seconds 30] [--think 0]
                               [--workers 1]

1. Seeds a new SQLite store (in a temporary folder, removed at the end) with `--events`
   synthetic events, written straight into the store's tables with bulk inserts (the
   pipeline and clustering would take hours for that many; what is measured is reading).
2. Starts `tacitus serve` on a free loopback port in a subprocess, with a random write token,
   and warms the pipeline up with one POST /extract (loading spaCy is not part of the test).
3. Runs `--clients` concurrent clients for `--seconds`, each sending GET /events with random
   filters (country, type, dates, bounding box, actor, minimum fatalities, text, a next
   page), waiting `--think` seconds between its requests (0: as fast as the server answers).
   Meanwhile one writer POSTs `--articles` articles, one per request, with the token.
4. Reports latency percentiles (request sent to body read, on the client), requests per
   second, errors and 5xx, and whether every posted article is stored; stops the server.

Client and server share this machine's cores: the figures include the client's own cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert
from sqlalchemy.orm import Session

from tacitus.codebooks import PLOVER_TYPES
from tacitus.store import open_store
from tacitus.store.models import ActorRow, ArticleRow, EventActorRow, EventRow, PlaceRow

HOST = "127.0.0.1"
EVENTS_PER_ARTICLE = 4
REPORTS_PER_CLUSTER = 3
FIRST_DAY = date(2023, 1, 1)
DAYS = 730
INSERT_CHUNK = 20_000
#: How long a client keeps an idle connection: less than the 5 s after which uvicorn closes
#: one, or a request sent as the server closes it fails with a ReadError that is no error of
#: the server's (httpx's default is those same 5 s).
CLIENT_KEEPALIVE_SECONDS = 3.0
#: (town, ISO3, admin1, lat, lon): where the synthetic events happen.
TOWNS = [
    ("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23),
    ("Donetsk", "UKR", "Donetsk Oblast", 48.02, 37.80),
    ("Aleppo", "SYR", "Aleppo", 36.20, 37.16),
    ("Idlib", "SYR", "Idlib", 35.93, 36.63),
    ("Goma", "COD", "North Kivu", -1.68, 29.22),
    ("Khartoum", "SDN", "Khartoum", 15.50, 32.56),
    ("Maiduguri", "NGA", "Borno", 11.85, 13.16),
    ("Lagos", "NGA", "Lagos", 6.45, 3.39),
    ("Mogadishu", "SOM", "Banaadir", 2.04, 45.34),
    ("Kabul", "AFG", "Kabul", 34.53, 69.17),
    ("Mandalay", "MMR", "Mandalay", 21.97, 96.08),
    ("Bogota", "COL", "Bogota", 4.71, -74.07),
    ("Lima", "PER", "Lima", -12.05, -77.04),
    ("Suva", "FJI", "Central", -18.14, 178.44),
    ("Gaza", "PSE", "Gaza", 31.50, 34.47),
    ("Sanaa", "YEM", "Amanat al Asimah", 15.37, 44.19),
]
#: (name, kind, ISO3, code): who acts on whom.
ACTORS = [
    ("Russian troops", "military", "RUS", "RUSMIL"),
    ("Ukrainian forces", "military", "UKR", "UKRMIL"),
    ("Syrian army", "military", "SYR", "SYRMIL"),
    ("rebels", "rebels", None, "REB"),
    ("police", "police", None, "COP"),
    ("protesters", "civilians", None, "CVL"),
    ("residents", "civilians", None, "CVL"),
    ("government", "government", None, "GOV"),
]
#: Words of the text search: in every evidence, in a quarter, in a sixteenth, in none (a word
#: in no evidence reads every event: no index serves a substring search).
QUERY_WORDS = ["shelled", "rebels", "Kharkiv", "Suva", "ceasefire"]
INGEST_TEXT = (
    "Gunmen attacked a bus near the town of Kaduna on Tuesday, killing {killed} passengers,"
    " police said. Load-test article {number}."
)


# --- seeding -------------------------------------------------------------------------------


def seed(url: str, events: int, rng: random.Random) -> None:
    """`events` synthetic events in the store at `url`, a few per article, inserted in bulk."""
    engine = open_store(url)
    articles = -(-events // EVENTS_PER_ARTICLE)
    rows: dict[type, list[dict]] = {
        ArticleRow: [],
        PlaceRow: [],
        ActorRow: [],
        EventRow: [],
        EventActorRow: [],
    }
    event_pk = actor_pk = 0
    for number in range(articles):
        article_id = f"load-{number:07}"
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        source, target = rng.sample(range(len(ACTORS)), 2)
        sentences, facts = [], []
        for local in range(min(EVENTS_PER_ARTICLE, events - number * EVENTS_PER_ARTICLE)):
            town = TOWNS[rng.randrange(len(TOWNS))]
            day = published - timedelta(days=rng.randrange(3))
            killed = rng.choice([None, 0, 1, 2, 5, 12, 40])
            sentence = (
                f"{ACTORS[source][0].capitalize()} shelled {ACTORS[target][0]} in {town[0]} on"
                f" {day.isoformat()} (report {number}.{local})."
            )
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            facts.append((local, town, day, killed, start, start + len(sentence)))
        text = " ".join(sentences)
        rows[ArticleRow].append(
            {
                "id": article_id,
                "title": f"Load-test article {number}",
                "outlet": f"Outlet {number % 40}",
                "published": published,
                "text": text,
                "extraction": _extraction(article_id, text, published, facts, source, target),
            }
        )
        actor_pks = []
        for role_index, actor in enumerate((source, target)):
            actor_pk += 1
            actor_pks.append(actor_pk)
            name, kind, country, code = ACTORS[actor]
            rows[ActorRow].append(
                {
                    "pk": actor_pk,
                    "article_id": article_id,
                    "local_id": f"a{role_index + 1}",
                    "name": name,
                    "kind": kind,
                    "country": country,
                    "code": code,
                    "aliases": [],
                    "mentions": [],
                }
            )
        for local, town, day, killed, start, end in facts:
            event_pk += 1
            name, country, admin1, lat, lon = town
            # the place, and the copies of its coordinates and region on the event (as ingest
            # writes them)
            where = {
                "lat": lat + rng.uniform(-0.3, 0.3),
                "lon": lon + rng.uniform(-0.3, 0.3),
                "admin1": admin1,
            }
            rows[PlaceRow].append(
                {
                    "article_id": article_id,
                    "local_id": f"p{local + 1}",
                    "name": name,
                    **where,
                    "country": country,
                    "feature": "city",
                    "geo_precision": rng.choice([1, 1, 2, 3]),
                    "mentions": [],
                }
            )
            plover = PLOVER_TYPES[rng.randrange(len(PLOVER_TYPES))]
            rows[EventRow].append(
                {
                    "pk": event_pk,
                    "article_id": article_id,
                    "local_id": f"e{local + 1}",
                    "type": plover,
                    "trigger_text": "shelled",
                    "trigger_start": start,
                    "trigger_end": start + 7,
                    "place_local_id": f"p{local + 1}",
                    "country": country,
                    **where,
                    "first_day": day,
                    "last_day": day,
                    "precision": "day",
                    "fatalities_best": killed,
                    "fatalities_low": killed,
                    "fatalities_high": killed,
                    "negated": False,
                    "hypothetical": False,
                    "evidence_start": start,
                    "evidence_end": end,
                    "confidence": round(rng.uniform(0.4, 1.0), 2),
                    "window_first": day,
                    "window_last": day,
                    "cluster_id": f"c{event_pk // REPORTS_PER_CLUSTER:07}",
                }
            )
            for role, pk in zip(("source", "target"), actor_pks, strict=True):
                rows[EventActorRow].append({"event_pk": event_pk, "actor_pk": pk, "role": role})
    with Session(engine) as session, session.begin():
        for model, values in rows.items():
            for at in range(0, len(values), INSERT_CHUNK):
                session.execute(insert(model), values[at : at + INSERT_CHUNK])
    engine.dispose()


def _extraction(article_id, text, published, facts, source, target) -> dict:
    """The schema v1 document of a synthetic article, as GET /articles/{id} returns it."""
    actors = [
        {"id": f"a{index + 1}", "name": ACTORS[a][0], "kind": ACTORS[a][1], "code": ACTORS[a][3]}
        for index, a in enumerate((source, target))
    ]
    places, events = [], []
    for local, town, day, killed, start, end in facts:
        places.append(
            {"id": f"p{local + 1}", "name": town[0], "lat": town[3], "lon": town[4],
             "country": town[1], "admin1": town[2], "feature": "city"}
        )  # fmt: skip
        events.append(
            {
                "id": f"e{local + 1}",
                "type": "ASSAULT",
                "trigger": {"text": "shelled", "start": start, "end": start + 7},
                "source_actors": ["a1"],
                "target_actors": ["a2"],
                "place": f"p{local + 1}",
                "time": {"first_day": day.isoformat(), "last_day": day.isoformat(),
                         "precision": "day"},
                "fatalities": None if killed is None else
                {"best": killed, "low": killed, "high": killed},
                "evidence": {"start": start, "end": end},
                "confidence": 0.8,
            }
        )  # fmt: skip
    return {
        "schema": "tacitus/1",
        "article": {"id": article_id, "text": text, "published": published.isoformat()},
        "actors": actors,
        "places": places,
        "events": events,
    }


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(url: str, port: int, token: str, workers: int) -> subprocess.Popen:
    tacitus = Path(sys.executable).with_name("tacitus")
    command = ["serve", "--db", url, "--host", HOST, "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(
        [str(tacitus), *command],
        env={**os.environ, "TACITUS_API_TOKEN": token},
    )


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


# --- the load ------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    #: The latencies of the queries with a text search (`q`), which no index serves.
    text_latencies: list[float] = field(default_factory=list)
    structured_latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def count(self, status: int) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


def random_filters(rng: random.Random) -> dict:
    """One to three filters of the kinds a user combines."""
    town = TOWNS[rng.randrange(len(TOWNS))]
    since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 30))
    choices = [
        {"country": town[1]},
        {"type": PLOVER_TYPES[rng.randrange(len(PLOVER_TYPES))]},
        {"since": since.isoformat(), "until": (since + timedelta(days=30)).isoformat()},
        {"bbox": f"{max(-180, town[4] - 2)},{town[3] - 2},{min(180, town[4] + 2)},{town[3] + 2}"},
        {"actor": ACTORS[rng.randrange(len(ACTORS))][3]},
        {"min_fatalities": rng.choice([1, 5, 10])},
        {"q": rng.choice(QUERY_WORDS)},
        {"admin1": town[2]},
        {"min_confidence": rng.choice([0.5, 0.8, 0.9])},
    ]  # fmt: skip
    wanted: dict = {"limit": rng.choice([20, 50, 100])}
    for chosen in rng.sample(choices, rng.randint(1, 3)):
        wanted.update(chosen)
    return wanted


async def query_client(
    client: httpx.AsyncClient, stop_at: float, think: float, tally: Tally, seed_value: int
) -> None:
    rng = random.Random(seed_value)
    cursor = None
    while time.monotonic() < stop_at:
        params = random_filters(rng)
        if cursor and rng.random() < 0.3:
            params["cursor"] = cursor
        started = time.perf_counter()
        try:
            response = await client.get("/events", params=params)
            seconds = time.perf_counter() - started
            tally.latencies.append(seconds)
            kind = tally.text_latencies if "q" in params else tally.structured_latencies
            kind.append(seconds)
            tally.count(response.status_code)
            cursor = response.json().get("next") if response.status_code == 200 else None
        except httpx.HTTPError as error:
            tally.failures.append(
                f"GET /events: {type(error).__name__} {error!r} {error.__cause__!r}"
            )
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def ingest_writer(
    client: httpx.AsyncClient, token: str, articles: int, tally: Tally
) -> list[str]:
    """POST `articles` new articles one by one (ids unique to this run); the ids the server
    said it stored."""
    posted = []
    headers = {"Authorization": f"Bearer {token}"}
    run = secrets.token_hex(4)
    for number in range(articles):
        body = {
            "id": f"posted-{run}-{number:04}",
            "text": INGEST_TEXT.format(killed=number % 9 + 2, number=number),
            "published": "2024-06-04",
            "outlet": "Load Wire",
        }
        started = time.perf_counter()
        try:
            response = await client.post("/articles", json=body, headers=headers, timeout=120)
            tally.latencies.append(time.perf_counter() - started)
            tally.count(response.status_code)
            if response.status_code == 200 and response.json()["stored"] == 1:
                posted.append(body["id"])
        except httpx.HTTPError as error:
            tally.failures.append(f"{type(error).__name__}: {error}")
    return posted


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used so far by process `pid` and its descendants (the server's workers),
    from /proc (Linux); 0 where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return own + sum(process_tree_cpu(int(child)) for child in children)


@dataclass
class CpuUse:
    """CPU seconds the client (this process) and the server spent during the load."""

    client: float
    server: float


async def run_load(
    base: str, token: str, options, server_pid: int
) -> tuple[Tally, Tally, float, list[str], int, CpuUse]:
    limits = httpx.Limits(
        max_connections=options.clients + 2,
        max_keepalive_connections=options.clients + 2,
        keepalive_expiry=CLIENT_KEEPALIVE_SECONDS,
    )
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        queries, writes = Tally(), Tally()
        client_cpu, server_cpu = time.process_time(), process_tree_cpu(server_pid)
        started = time.monotonic()
        stop_at = started + options.seconds
        writer = asyncio.create_task(ingest_writer(client, token, options.articles, writes))
        await asyncio.gather(
            *(
                query_client(client, stop_at, options.think, queries, n)
                for n in range(options.clients)
            )
        )
        elapsed = time.monotonic() - started
        posted = await writer
        cpu = CpuUse(time.process_time() - client_cpu, process_tree_cpu(server_pid) - server_cpu)
        stored = 0
        for article_id in posted:
            response = await client.get(f"/articles/{article_id}")
            stored += response.status_code == 200
        return queries, writes, elapsed, posted, stored, cpu


async def warm_up(base: str, token: str, workers: int) -> None:
    """Load the pipeline before the test (loading spaCy is not what is measured): a few
    POST /extract per worker at once, on separate connections, so that each worker very
    likely gets one (the kernel hands a new connection to whichever worker accepts it)."""
    headers = {"Authorization": f"Bearer {token}"}
    body = {"text": INGEST_TEXT.format(killed=3, number=0)}

    async def extract() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=300) as client:
            (await client.post("/extract", json=body, headers=headers)).raise_for_status()

    await asyncio.gather(*(extract() for _ in range(3 * workers if workers > 1 else 1)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def latency_line(name: str, latencies: list[float]) -> str:
    if not latencies:
        return f"{name}: none"
    return (
        f"{name} ({len(latencies):,}) latency ms: p50 {percentile(latencies, 0.50):.1f}"
        f"  p95 {percentile(latencies, 0.95):.1f}  p99 {percentile(latencies, 0.99):.1f}"
        f"  max {max(latencies) * 1000:.1f}  mean {statistics.fmean(latencies) * 1000:.1f}"
    )


def report(
    queries: Tally, writes: Tally, elapsed, posted: list[str], stored: int, cpu: CpuUse, options
):
    done = len(queries.latencies)
    statuses = [*queries.statuses.items(), *writes.statuses.items()]
    server_errors = sum(n for status, n in statuses if status >= 500)
    print(
        f"store: {options.events:,} events; {options.clients} clients, think {options.think} s,"
        f" {options.workers} server workers"
    )
    print(f"queries: {done:,} in {elapsed:.1f} s = {done / elapsed:.1f} requests/s")
    print(latency_line("all queries", queries.latencies))
    print(latency_line("without text search", queries.structured_latencies))
    print(latency_line("with text search", queries.text_latencies))
    print(f"query statuses: {dict(sorted(queries.statuses.items()))}")
    print(f"transport errors: {len(queries.failures)}")
    slowest = ", ".join(f"{s:.2f}" for s in sorted(writes.latencies)[-3:])
    print(
        f"ingest: {len(posted)}/{options.articles} POST /articles answered 200, stored: 1"
        f" (statuses {dict(sorted(writes.statuses.items()))}, slowest {slowest} s)"
    )
    print(f"stored afterwards: {stored}/{len(posted)}; lost writes: {len(posted) - stored}")
    print(f"5xx: {server_errors}")
    requests = max(1, done + len(writes.latencies))
    print(
        f"CPU per request: server {cpu.server / requests * 1000:.1f} ms, client"
        f" {cpu.client / requests * 1000:.1f} ms (writes and their extraction included)"
    )
    for failure in (queries.failures + writes.failures)[:5]:
        print(f"  error: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the queries run")
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds between a client's requests"
    )
    parser.add_argument("--articles", type=int, default=20, help="articles the writer posts")
    parser.add_argument("--workers", type=int, default=1, help="`tacitus serve --workers`")
    parser.add_argument("--keep", type=Path, help="seed this SQLite file and keep it")
    options = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="tacitus-load-") as folder:
        path = options.keep or Path(folder) / "store.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            started = time.monotonic()
            seed(url, options.events, rng)
            print(f"seeded {options.events:,} events in {time.monotonic() - started:.1f} s")
        token = secrets.token_urlsafe(24)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(url, port, token, options.workers)
        try:
            wait_until_up(base, server)
            asyncio.run(warm_up(base, token, options.workers))
            results = asyncio.run(run_load(base, token, options, server.pid))
            report(*results, options)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
