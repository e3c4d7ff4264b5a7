"""The performance benchmark: server time of the pages people use most, on a large network.

Run it with `make bench`; for a quick run, `make bench BENCH_ARGS="--contacts 1000
--interactions 50000"`; on PostgreSQL, `make bench BENCH_ARGS="--database-url
postgres://postgres@127.0.0.1:5432/goodwill_bench"`. It builds a fresh database (SQLite in a
temporary GOODWILL_HOME; with --database-url or GOODWILL_DATABASE_URL, a fresh PostgreSQL
database named after that one), migrates it, generates a network for one owner, then times each
page in-process with Django's test client, logged in as that owner, and prints the median and
95th percentile. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

    from goodwill.network.models import Contact

# Runs as a script (`python bench/run.py`), so the repository root is not on the path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_P95_MS = 100.0
# Pages with a target of their own (the calendar feed is fetched by calendar apps, not people).
TARGETS_P95_MS = {"GET /calendar/<token>.ics": 200.0}
# A fragment of many names ("Johnson", "Anderson", "Alison"...), and one found only in email
# addresses, so that search has to look through every contact's handles.
NAME_FRAGMENT = "son"
EMAIL_FRAGMENT = "fastmail"


@dataclass(frozen=True)
class Measurement:
    name: str
    samples_ms: list[float]
    queries: int
    # CPU time of this process (Django, and SQLite's own work; not a PostgreSQL server's): on a
    # machine that others share, it says what the code costs when the wall clock cannot.
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def cpu_median_ms(self) -> float:
        return statistics.median(self.cpu_ms) if self.cpu_ms else float("nan")

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[94]


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=10_000, help="default: 10,000")
    parser.add_argument("--interactions", type=int, default=500_000, help="default: 500,000")
    parser.add_argument("--loops", type=int, help="default: 1 per 100 interactions (5,000)")
    parser.add_argument("--gives", type=int, help="default: 1 per 100 interactions (5,000)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--show-queries",
        action="store_true",
        help="print the SQL of one request to each page, with the time of each query",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the SQLite database and print where it is"
    )
    parser.add_argument(
        "--database-url",
        help=(
            "measure on this database server instead of SQLite, e.g."
            " postgres://postgres@127.0.0.1:5432/goodwill_bench (a fresh database named"
            " test_<name> is made and dropped; the default is GOODWILL_DATABASE_URL if set)"
        ),
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    home = Path(tempfile.mkdtemp(prefix="goodwill-bench-"))
    # WhiteNoise warns at start-up about a missing STATIC_ROOT; the pages here need none.
    (home / "static").mkdir()
    os.environ["GOODWILL_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "goodwill.settings"
    os.environ["GOODWILL_DEBUG"] = "0"
    if args.database_url:
        os.environ["GOODWILL_DATABASE_URL"] = args.database_url
    try:
        return _run(args, home)
    finally:
        if args.keep:
            print(f"\nKept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def _run(args: argparse.Namespace, home: Path) -> int:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    if postgres:
        # A database of its own, made and dropped the way the test runner does it, so the
        # benchmark never writes into a database that holds someone's data.
        original_name = connection.settings_dict["NAME"]
        database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
        database = str(home / "goodwill.sqlite3")
    try:
        return _measure(args, database)
    finally:
        if postgres:
            connection.creation.destroy_test_db(original_name, verbosity=0)


def _measure(args: argparse.Namespace, database: str) -> int:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from bench.generate import generate_network
    from bench.work_pages import work_generate, work_pages, work_selectors
    from goodwill.network import selectors, services
    from goodwill.network.models import Contact
    from goodwill.rhythm.agenda import today_agenda

    print(f"Goodwill benchmark: {args.contacts:,} contacts, {args.interactions:,} interactions")
    print(f"Database: {connection.vendor} {_database_version()} at {database}")
    owner = services.user_create(username="bench", password="benchmark only, not a real account")
    started = time.perf_counter()
    size = generate_network(
        owner=owner,
        contacts=args.contacts,
        interactions=args.interactions,
        # Scaled with the interactions, so a quick run has the full run's proportions.
        loops=args.interactions // 100 if args.loops is None else args.loops,
        gives=args.interactions // 100 if args.gives is None else args.gives,
        shares=args.interactions // 250,
        seed=args.seed,
    )
    work = work_generate(owner=owner)
    print(f"Generated in {time.perf_counter() - started:.1f} s: {size}, {work:,} pieces of work")
    # After every row is written, so that PostgreSQL plans every query with statistics.
    _analyze()

    by_activity = list(
        Contact.objects.filter(owner=owner)
        .annotate(touches=Count("participations"))
        .order_by("-touches", "pk")
        .values_list("pk", flat=True)
    )
    # The busiest contact is the worst case for a contact's page; the median one is typical.
    busiest = _described(by_activity[0], "busiest")
    typical = _described(by_activity[len(by_activity) // 2], "typical")
    busiest_contact = Contact.objects.get(pk=busiest.pk)
    print(f"Contacts measured: {busiest.label}; {typical.label}")

    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)

    checks: list[tuple[str, Callable[[], object]]] = [
        ("today_agenda", lambda: today_agenda(owner=owner)),
        (
            "contact_search, first 50",
            lambda: list(selectors.contact_search(owner=owner)[:50]),
        ),
        (
            f"contact_search {NAME_FRAGMENT!r}, first 50",
            lambda: list(selectors.contact_search(owner=owner, query=NAME_FRAGMENT)[:50]),
        ),
        (
            f"contact_search {EMAIL_FRAGMENT!r}, first 50",
            lambda: list(selectors.contact_search(owner=owner, query=EMAIL_FRAGMENT)[:50]),
        ),
        (
            "contact_timeline, busiest contact",
            lambda: list(selectors.contact_timeline(contact=busiest_contact)),
        ),
    ]
    pages = _pages(busiest, typical) + _rhythm_pages(owner) + work_pages()
    checks += _rhythm_selectors(owner, busiest_contact) + work_selectors(owner, busiest_contact)
    for name, url in pages:
        checks.append((f"GET {name}", _page_getter(client, url)))
    if not pages:
        print("NOTICE: the web pages are not built yet; measuring their selectors only.")

    measurements = [
        _time(name, call, warmup=args.warmup, requests=args.requests, show=args.show_queries)
        for name, call in checks
    ]
    _report(args, size, measurements)
    missed = [m.name for m in measurements if m.p95_ms >= TARGETS_P95_MS.get(m.name, TARGET_P95_MS)]
    if missed:
        print(f"\nMissed the p95 target: {', '.join(missed)}")
    else:
        print(f"\nEvery p95 is under its target ({TARGET_P95_MS:.0f} ms; the calendar 200 ms).")
    return 0


@dataclass(frozen=True)
class _MeasuredContact:
    pk: int
    label: str


def _described(contact_id: int, role: str) -> _MeasuredContact:
    from goodwill.network.models import Give, Loop, Participation

    interactions = Participation.objects.filter(contact_id=contact_id).count()
    loops = Loop.objects.filter(contact_id=contact_id).count()
    gives = Give.objects.filter(contact_id=contact_id).count()
    return _MeasuredContact(
        pk=contact_id,
        label=f"{role} contact: {interactions:,} interactions, {loops} loops, {gives} gives",
    )


def _pages(busiest: _MeasuredContact, typical: _MeasuredContact) -> list[tuple[str, str]]:
    """The pages to time as (label, URL), leaving out those whose URL names do not exist yet."""
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    wanted: list[tuple[str, str, list[int], dict[str, str]]] = [
        ("/ (Today)", "today", [], {}),
        ("/contacts/", "contact_list", [], {}),
        (f"/contacts/?q={NAME_FRAGMENT}", "contact_list", [], {"q": NAME_FRAGMENT}),
        (f"/contacts/?q={EMAIL_FRAGMENT}", "contact_list", [], {"q": EMAIL_FRAGMENT}),
        ("/contacts/<id>/, busiest contact", "contact_detail", [busiest.pk], {}),
        ("/contacts/<id>/, typical contact", "contact_detail", [typical.pk], {}),
    ]
    pages = []
    for label, url_name, url_args, query in wanted:
        try:
            url = reverse(url_name, args=url_args)
        except NoReverseMatch:
            continue
        pages.append((label, f"{url}?{urlencode(query)}" if query else url))
    return pages


def _page_getter(client: Client, url: str) -> Callable[[], object]:
    from django.db import connection

    # The test client keeps the database connection between requests; a real server closes it
    # after each one unless CONN_MAX_AGE says otherwise (SQLite here: 0), so do the same.
    reconnects = connection.settings_dict["CONN_MAX_AGE"] == 0

    def get() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200; nothing timed.")
        if reconnects:
            connection.close()
        return response

    return get


def _time(
    name: str, call: Callable[[], object], *, warmup: int, requests: int, show: bool
) -> Measurement:
    from django.db import connection

    for _ in range(warmup):
        call()
    log = _QueryLog()
    with connection.execute_wrapper(log):
        call()
    if show:
        print(f"\n--- {name}: {len(log.queries)} queries")
        for elapsed_ms, sql, params in log.queries:
            print(f"{elapsed_ms:8.1f} ms  {sql}  {params!r}")
    samples = []
    cpu = []
    for _ in range(requests):
        started = time.perf_counter()
        started_cpu = time.process_time()
        call()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return Measurement(name=name, samples_ms=samples, queries=len(log.queries), cpu_ms=cpu)


class _QueryLog:
    """Counts and times the queries of one call; the test client resets connection.queries."""

    def __init__(self) -> None:
        self.queries: list[tuple[float, str, object]] = []

    def __call__(
        self,
        execute: Callable[..., object],
        sql: str,
        params: object,
        many: bool,
        context: dict[str, object],
    ) -> object:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - started) * 1000, sql, params))


def _analyze() -> None:
    # A database that grew to this size over time would have planner statistics, and on
    # PostgreSQL autovacuum would have set the visibility map; a bulk load has neither yet.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        row = cursor.fetchone()
    return str(row[0]) if row else "unknown"


def _machine() -> list[str]:
    import django

    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return [
        f"Code: commit {commit}",
        f"CPU: {cpu}, {os.cpu_count()} cores; memory {memory}",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, Django {django.get_version()}",
    ]


def _report(args: argparse.Namespace, size: object, measurements: list[Measurement]) -> None:
    from django.db import connection

    print("\n## Machine")
    for line in _machine():
        print(f"- {line}")
    print(f"- Database: {connection.vendor} {_database_version()}")
    # Other work on the machine shows up in the p95; the load average says how much there was.
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"- Load average (1, 5, 15 min) after the timings: {load}")
    print(f"\n## Data\n- {size}")
    print(f"\n## Server time, {args.requests} requests each after {args.warmup} to warm up\n")
    width = max(len(m.name) for m in measurements)
    print(f"| {'what':<{width}} | median ms | p95 ms | queries | cpu median ms |")
    print(f"| {'-' * width} | --------: | -----: | ------: | ------------: |")
    for m in measurements:
        print(
            f"| {m.name:<{width}} | {m.median_ms:9.1f} | {m.p95_ms:6.1f} | {m.queries:7d} "
            f"| {m.cpu_median_ms:13.1f} |"
        )


def _rhythm_pages(owner: User) -> list[tuple[str, str]]:
    """Keeping in touch: the give-and-ask ledger, the habits page and the calendar feed."""
    from django.urls import reverse

    from goodwill.rhythm.services import calendar_feed_create

    _, token = calendar_feed_create(owner=owner)
    return [
        ("/ledger/ (give and ask)", reverse("ledger_page")),
        ("/habits/", reverse("habits_page")),
        ("/calendar/<token>.ics", reverse("calendar_feed", args=[token])),
    ]


def _rhythm_selectors(owner: User, busiest: Contact) -> list[tuple[str, Callable[[], object]]]:
    from goodwill.rhythm.agenda import today_agenda
    from goodwill.rhythm.calendar import reminders_calendar
    from goodwill.rhythm.ledger import contact_ledger, network_ledger

    return [
        ("today_agenda", lambda: today_agenda(owner=owner)),
        ("network_ledger", lambda: network_ledger(owner=owner)),
        ("contact_ledger, busiest contact", lambda: contact_ledger(contact=busiest)),
        ("reminders_calendar", lambda: reminders_calendar(owner=owner)),
    ]


if __name__ == "__main__":
    sys.exit(main())
