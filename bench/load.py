"""Load test: concurrent clients mixing reads and writes against a real `goodwill serve`.

For each database (SQLite in a fresh GOODWILL_HOME, and a fresh PostgreSQL database on
127.0.0.1:5432), it migrates, fills a demo-sized network (`goodwill demo`: about 200 contacts and
a year of history), starts `goodwill serve` (gunicorn, 2 workers x 4 threads, and the task
worker) on a loopback port, signs in one session per client, then runs the clients for a bounded
time and request count. Each client repeatedly picks one of: Today, the contact list, a search,
a contact's page, logging a touch, adding a note, recording a give. Afterwards it counts the
writes in the database: every write the server acknowledged (a redirect after the POST) must be
there. Prints requests, errors, and p50/p95/p99 latency per kind.

    make bench-load
    make bench-load LOAD_ARGS="--seconds 10 --clients 10 --database sqlite"

The clients are threads of this process using http.client (see docs/benchmarks.md for why not
locust); they share the machine's cores with the server, as a load test on loopback must.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.deployment import (
    BIN,
    POSTGRES_URL,
    DeploymentError,
    base_env,
    free_port,
    fresh_postgres_database,
    goodwill,
    postgres_reachable,
    stop,
)
from bench.http_session import Browser

USERNAME = "load"
# How often each kind of request is picked, out of the total: reads are most of a day's use.
MIX = {
    "GET Today": 20,
    "GET contact list": 15,
    "GET search": 15,
    "GET contact page": 20,
    "POST log a touch": 12,
    "POST add a note": 8,
    "POST record a give": 10,
}
WRITE_KINDS = {
    "POST log a touch": "interaction",
    "POST add a note": "interaction",
    "POST record a give": "give",
}
SEARCHES = ("son", "an", "de", "li", "mar", "north", "example")


@dataclass
class Tally:
    """What the clients saw; appended to under a lock."""

    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    acknowledged: dict[str, set[str]] = field(
        default_factory=lambda: {"interaction": set(), "give": set()}
    )
    unacknowledged: dict[str, set[str]] = field(
        default_factory=lambda: {"interaction": set(), "give": set()}
    )
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Target:
    base_url: str
    password: str
    contact_ids: list[int]
    run: str


def _contact_ids(browser: Browser) -> list[int]:
    ids: list[int] = []
    for page in range(1, 20):
        html = browser.get(f"/contacts/?page={page}").text
        found = [int(i) for i in re.findall(r'href="/contacts/(\d+)/"', html)]
        if not found or set(found) <= set(ids):
            break
        ids.extend(i for i in found if i not in ids)
    if not ids:
        raise DeploymentError("the demo network has no contacts to load")
    return ids


def _client(
    number: int, browser: Browser, target: Target, tally: Tally, stop_at: float, limit: int
) -> None:
    chooser = random.Random(number)
    kinds, weights = list(MIX), list(MIX.values())
    sequence = 0
    while time.monotonic() < stop_at:
        with tally.lock:
            if tally.requests >= limit:
                return
            tally.requests += 1
        kind = chooser.choices(kinds, weights)[0]
        contact = chooser.choice(target.contact_ids)
        sequence += 1
        summary = f"load {target.run} c{number} n{sequence}"
        method, path, fields, ok = "GET", "/", {}, 200
        if kind == "GET contact list":
            path = f"/contacts/?page={chooser.randint(1, 4)}"
        elif kind == "GET search":
            path = f"/contacts/?q={chooser.choice(SEARCHES)}"
        elif kind == "GET contact page":
            path = f"/contacts/{contact}/"
        elif kind == "POST log a touch":
            method, path, ok = "POST", f"/contacts/{contact}/interactions/", 302
            fields = {"kind": "call", "direction": "both", "summary": summary}
        elif kind == "POST add a note":
            method, path, ok = "POST", f"/contacts/{contact}/interactions/", 302
            fields = {"kind": "note", "direction": "both", "summary": summary, "details": "Note."}
        elif kind == "POST record a give":
            method, path, ok = "POST", f"/contacts/{contact}/gives/", 302
            fields = {"kind": "help", "direction": "out", "summary": summary}
        started = time.perf_counter()
        try:
            answer = (
                browser.request("GET", path)
                if method == "GET"
                else browser.request(
                    "POST",
                    path,
                    _form(browser, fields),
                    {"Content-Type": "application/x-www-form-urlencoded"},
                )
            )
            status = str(answer.status)
        except OSError as exc:
            status = type(exc).__name__
        elapsed_ms = (time.perf_counter() - started) * 1000
        table = WRITE_KINDS.get(kind)
        with tally.lock:
            tally.latencies_ms[kind].append(elapsed_ms)
            if status != str(ok):
                tally.errors[f"{kind}: {status}"] += 1
                if len(tally.error_examples) < 10:
                    tally.error_examples.append(f"{kind} {path} -> {status}")
            if table:
                (tally.acknowledged if status == str(ok) else tally.unacknowledged)[table].add(
                    summary
                )


def _form(browser: Browser, fields: dict[str, str]) -> bytes:
    from urllib.parse import urlencode

    return urlencode({"csrfmiddlewaretoken": browser.cookies["csrftoken"], **fields}).encode()


def _stored_writes(database_url: str | None, home: Path, run: str) -> dict[str, set[str]]:
    pattern = f"load {run} %"
    stored: dict[str, set[str]] = {}
    for table in ("interaction", "give"):
        query = f"SELECT summary FROM network_{table} WHERE summary LIKE %s"
        if database_url:
            import psycopg

            with psycopg.connect(database_url) as connection:
                rows = connection.execute(query, (pattern,)).fetchall()
        else:
            with sqlite3.connect(home / "goodwill.sqlite3") as connection:
                rows = connection.execute(query.replace("%s", "?"), (pattern,)).fetchall()
        summaries = [str(row[0]) for row in rows]
        if len(summaries) != len(set(summaries)):
            raise DeploymentError(f"a {table} was stored twice")
        stored[table] = set(summaries)
    return stored


def _cpu_seconds(group: int) -> float:
    """CPU time used so far by the processes of one process group (`goodwill serve`, its
    gunicorn workers and its task worker), from /proc: the server's own cost, whatever else
    the machine is doing."""
    return sum(cpu for fields, cpu in _processes() if int(fields[3]) == group)


def _processes() -> Iterator[tuple[list[str], float]]:
    """Each process's /proc stat fields after its name, with its CPU seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        yield [entry.name, *fields], (int(fields[11]) + int(fields[12])) / tick


def _database_cpu(database_url: str | None) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend connected to the database (when the server
    runs on this machine, so its processes are in /proc); empty for SQLite."""
    if not database_url:
        return {}
    import psycopg

    with psycopg.connect(database_url) as connection:
        pids = {
            int(row[0])
            for row in connection.execute(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        }
    return {int(fields[0]): cpu for fields, cpu in _processes() if int(fields[0]) in pids}


@contextmanager
def _serving(env: dict[str, str], port: int) -> Iterator[tuple[str, int]]:
    process = subprocess.Popen(
        [str(BIN / "goodwill"), "serve", "--port", str(port)],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            Browser(url, timeout=2).request("GET", "/login/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise DeploymentError("goodwill serve did not answer within 120 s") from None
            time.sleep(0.3)
    try:
        yield url, process.pid
    finally:
        stop(process)


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _quantiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else 0.0
        return value, value, value
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94], cuts[98]


def load_run(
    label: str, database_url: str | None, *, clients: int, seconds: float, limit: int
) -> dict[str, object]:
    """One database: set up, serve, load, count; the figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="goodwill-load-") as home_dir:
        home = Path(home_dir)
        env = base_env(home, database_url)
        goodwill(env, "migrate")
        goodwill(env, "demo", "--user", USERNAME, "--create-user")
        password = (home / "demo-password").read_text().strip()
        with _serving(env, free_port()) as (url, group):
            first = Browser(url)
            first.sign_in(USERNAME, password)
            target = Target(url, password, _contact_ids(first), secrets.token_hex(3))
            browsers = []
            for _ in range(clients):
                browser = Browser(url)
                browser.sign_in(USERNAME, password)
                browsers.append(browser)
            tally = Tally()
            load_before = os.getloadavg()
            server_cpu_before, client_cpu_before = _cpu_seconds(group), _own_cpu_seconds()
            database_cpu_before = _database_cpu(database_url)
            started = time.monotonic()
            threads = [
                threading.Thread(
                    target=_client,
                    args=(n, browser, target, tally, started + seconds, limit),
                    daemon=True,
                )
                for n, browser in enumerate(browsers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            duration = time.monotonic() - started
            load_after = os.getloadavg()
            server_cpu = _cpu_seconds(group) - server_cpu_before
            client_cpu = _own_cpu_seconds() - client_cpu_before
            database_cpu = sum(
                cpu - database_cpu_before.get(pid, 0.0)
                for pid, cpu in _database_cpu(database_url).items()
            )
        stored = _stored_writes(database_url, home, target.run)
    lost = {table: tally.acknowledged[table] - stored[table] for table in stored}
    total = sum(len(samples) for samples in tally.latencies_ms.values())
    return {
        "database": label,
        "clients": clients,
        "seconds": round(duration, 1),
        "contacts": len(target.contact_ids),
        "requests": total,
        "requests_per_second": round(total / duration, 1),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "error_examples": tally.error_examples,
        "latency_ms": {
            kind: dict(
                zip(
                    ("count", "p50", "p95", "p99"),
                    (len(samples), *(round(q, 1) for q in _quantiles(samples))),
                    strict=True,
                )
            )
            for kind, samples in sorted(tally.latencies_ms.items())
        },
        "writes_acknowledged": {t: len(v) for t, v in tally.acknowledged.items()},
        "writes_stored": {t: len(v) for t, v in stored.items()},
        "writes_lost": {t: len(v) for t, v in lost.items()},
        "writes_unacknowledged": {t: len(v) for t, v in tally.unacknowledged.items()},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "server_cpu_seconds": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(total, 1), 1),
        "client_cpu_seconds": round(client_cpu, 1),
        "database_cpu_seconds": round(database_cpu, 1),
    }


def _print(result: dict[str, object]) -> None:
    print(
        f"\n{result['database']}: {result['clients']} clients, {result['seconds']} s, "
        f"{result['contacts']} contacts: {result['requests']} requests "
        f"({result['requests_per_second']}/s), {result['errors']} errors"
    )
    print(f"  {'kind':<20} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    latency = result["latency_ms"]
    assert isinstance(latency, dict)
    for kind, row in latency.items():
        print(f"  {kind:<20} {row['count']:>6} {row['p50']:>8} {row['p95']:>8} {row['p99']:>8}")
    print(
        f"  writes acknowledged {result['writes_acknowledged']}, stored "
        f"{result['writes_stored']}, lost {result['writes_lost']}, unacknowledged "
        f"{result['writes_unacknowledged']}"
    )
    print(
        f"  load average before {result['load_average_before']}, "
        f"after {result['load_average_after']}; server CPU {result['server_cpu_seconds']} s "
        f"({result['server_cpu_ms_per_request']} ms a request), PostgreSQL backends' CPU "
        f"{result['database_cpu_seconds']} s, clients' CPU {result['client_cpu_seconds']} s"
    )
    if result["error_examples"]:
        print(f"  errors: {result['error_kinds']}; e.g. {result['error_examples']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0, help="Time bound of each run.")
    parser.add_argument(
        "--max-requests", type=int, default=100_000, help="Request bound of each run."
    )
    parser.add_argument(
        "--server-url", default=POSTGRES_URL, help="The PostgreSQL server (any database on it)."
    )
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    print(
        f"Load test on {platform.node()}: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()}"
    )
    results = []
    failed = False
    try:
        if args.database in ("sqlite", "both"):
            results.append(
                load_run(
                    "SQLite",
                    None,
                    clients=args.clients,
                    seconds=args.seconds,
                    limit=args.max_requests,
                )
            )
            _print(results[-1])
        if args.database in ("postgres", "both"):
            unreachable = postgres_reachable(args.server_url)
            if unreachable:
                print(f"PostgreSQL is not reachable at {args.server_url}: {unreachable}")
                return 2
            with fresh_postgres_database(args.server_url, prefix="goodwill_load") as url:
                results.append(
                    load_run(
                        "PostgreSQL",
                        url,
                        clients=args.clients,
                        seconds=args.seconds,
                        limit=args.max_requests,
                    )
                )
            _print(results[-1])
    except DeploymentError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    for result in results:
        lost = result["writes_lost"]
        assert isinstance(lost, dict)
        if result["errors"] or any(lost.values()):
            failed = True
    print("\nFAILED: errors or lost writes" if failed else "\nOK: no errors, no lost writes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
