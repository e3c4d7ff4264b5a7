"""The import benchmark: a generated LinkedIn export and a vCard file, imported into a fresh
database, then imported again unchanged; seconds, records per second and peak memory of each.

Run it with `make bench-import`; for a quick run, `make bench-import IMPORT_BENCH_ARGS="
--connections 3000 --messages 10000 --cards 1000"`. It writes Connections.csv and messages.csv
(LinkedIn's 2024 layouts, as one export) and contacts.vcf into a temporary GOODWILL_HOME with a
SQLite database of its own, imports them with `goodwill.network.importing.import_path` (what
`goodwill import` runs), and prints a table; docs/benchmarks.md records the figures.

Then it imports each file again: as is (a file imported before is recognised by its SHA-256 and
not read), read again in full (`--reread`), and a newer messages.csv with a few new messages.
`--database-url postgres://USER@HOST:PORT/DB` runs it on PostgreSQL instead: a fresh database
is created beside DB on that server and dropped at the end.
"""

from __future__ import annotations

import argparse
import base64
import csv
import os
import platform
import random
import resource
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Runs as a script (`python bench/import_bench.py`), so the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS_SECONDS = {
    "connections": 5.0,
    "messages": 15.0,
    "vcards": 10.0,
    "re-import": 3.0,
}
NEWER_MESSAGES = 100
TARGET_MEMORY_MB = 300
LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n\n'
)
CONNECTIONS_HEADER = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]  # fmt: skip
MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]  # fmt: skip
USER = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera-bench")
SENTENCES = (
    "Thanks for connecting!",
    "Could you introduce me to someone on your design team?",
    "Great to see you at the meetup &amp; thanks for the tip.",
    "Let me know if I can help with the launch.",
    "Are you free for a coffee next week?",
    "Here is the article I mentioned:\nhttps://example.com/pricing",
    "Congratulations on the new role!",
    "I'll keep you in mind if anything comes up.",
)
# A one-pixel PNG, standing in for a contact's picture.
PHOTO = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
).decode()


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    url: str
    email: str
    company: str
    position: str


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float
    cpu_seconds: float
    records: int
    counts: str
    peak_mb: float
    target_seconds: float

    @property
    def per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--connections", type=int, default=30_000, help="default: 30,000")
    parser.add_argument("--messages", type=int, default=100_000, help="default: 100,000")
    parser.add_argument("--cards", type=int, default=10_000, help="default: 10,000")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database-url",
        default="",
        metavar="URL",
        help="a PostgreSQL server as postgres://USER@HOST:PORT/DB: the benchmark creates a fresh "
        "database there and drops it after (default: a SQLite file of its own)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the files and the database; print where"
    )
    return parser.parse_args(argv)


def generate_people(rng: random.Random, count: int) -> list[Person]:
    """LinkedIn connections with names, profiles, a company for most, an email for some."""
    from bench.generate import FIRST_NAMES, JOB_TITLES, LAST_NAMES, ORGANIZATION_WORDS

    companies = [
        f"{rng.choice(ORGANIZATION_WORDS)} {rng.choice(ORGANIZATION_WORDS)} Labs"
        for _ in range(max(1, count // 15))
    ]
    people = []
    for number in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company = rng.choice(companies)
        domain = company.lower().replace(" ", "") + ".example"
        people.append(
            Person(
                first=first,
                last=last,
                url=f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{number:x}",
                email=f"{first.lower()}.{last.lower()}{number}@{domain}"
                if rng.random() < 0.3
                else "",
                company=company if rng.random() < 0.9 else "",
                position=rng.choice(JOB_TITLES),
            )
        )
    return people


def write_connections(path: Path, people: list[Person], rng: random.Random) -> None:
    """Connections.csv as LinkedIn writes it since 2024, preamble included."""
    start = date(2012, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write(LINKEDIN_NOTES)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CONNECTIONS_HEADER)
        for person in people:
            connected = start + timedelta(days=rng.randrange(4500))
            writer.writerow(
                [
                    person.first,
                    person.last,
                    person.url,
                    person.email,
                    person.company,
                    person.position,
                    connected.strftime("%d %b %Y"),
                ]
            )


def write_messages(path: Path, people: list[Person], count: int, rng: random.Random) -> None:
    """messages.csv (2024 layout): conversations of the user with one connection, some with
    several, a few with people who are not connections."""
    strangers = [
        (f"Visitor {n}", f"https://www.linkedin.com/in/visitor-{n}") for n in range(count // 50)
    ]
    moment = datetime(2019, 1, 1, tzinfo=UTC)
    step = timedelta(days=6 * 365) / max(1, count)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(MESSAGES_HEADER)
        written = 0
        conversation = 0
        while written < count:
            conversation += 1
            size = 1 if rng.random() < 0.9 else rng.randint(2, 3)
            others = [
                (f"{p.first} {p.last}", p.url) for p in rng.sample(people, min(size, len(people)))
            ]
            if strangers and rng.random() < 0.05:
                others[0] = rng.choice(strangers)
            everyone = [USER, *others]
            for _ in range(min(rng.randint(1, 12), count - written)):
                moment += step
                sender = USER if rng.random() < 0.5 else rng.choice(others)
                recipients = [person for person in everyone if person != sender]
                writer.writerow(
                    [
                        f"2-{conversation:012d}",
                        "",
                        sender[0],
                        sender[1],
                        ", ".join(name for name, _ in recipients),
                        ", ".join(url for _, url in recipients),
                        moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
                        "",
                        rng.choice(SENTENCES),
                        "INBOX",
                        "No",
                        "No",
                    ]
                )
                written += 1


def write_newer_messages(
    source: Path, path: Path, people: list[Person], count: int, rng: random.Random
) -> None:
    """The next month's messages.csv: every message of `source`, then `count` new ones in new
    conversations with connections."""
    shutil.copyfile(source, path)
    moment = datetime(2025, 2, 1, tzinfo=UTC)
    with path.open("a", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        for number in range(count):
            other = rng.choice(people)
            them = (f"{other.first} {other.last}", other.url)
            sender, recipient = (USER, them) if number % 2 else (them, USER)
            moment += timedelta(minutes=37)
            writer.writerow(
                [
                    f"2-newer-{number:08d}",
                    "",
                    sender[0],
                    sender[1],
                    recipient[0],
                    recipient[1],
                    moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "",
                    rng.choice(SENTENCES),
                    "INBOX",
                    "No",
                    "No",
                ]
            )


def write_vcards(path: Path, people: list[Person], count: int, rng: random.Random) -> None:
    """A phone's address book: vCard 3.0, a third of it people who are also connections."""
    from bench.generate import FIRST_NAMES, LAST_NAMES

    with path.open("w", newline="", encoding="utf-8") as out:
        for number in range(count):
            known = people[number // 3 % len(people)] if number % 3 == 0 and people else None
            first = known.first if known else rng.choice(FIRST_NAMES)
            last = known.last if known else rng.choice(LAST_NAMES)
            lines = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"FN:{first} {last}",
                f"N:{last};{first};;;",
                f"TEL;TYPE=CELL:+1 {rng.randrange(201, 990)} {200 + number // 10_000} "
                f"{number % 10_000:04d}",
            ]
            if known and known.email:
                lines.append(f"EMAIL;TYPE=WORK:{known.email}")
            elif known:
                lines.append(f"URL:{known.url}")
            else:
                lines.append(f"EMAIL;TYPE=HOME:{first.lower()}{number}@mail.example")
            if rng.random() < 0.5:
                lines.append(f"ORG:{known.company if known else 'Family'}")
            if rng.random() < 0.2:
                lines.append(f"BDAY:--{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}")
            if rng.random() < 0.3:
                lines.append("NOTE:Met at the spring conference\\, talked about pricing")
            if rng.random() < 0.05:
                lines.append(f"PHOTO;ENCODING=b;TYPE=PNG:{PHOTO}")
            lines.append("END:VCARD")
            out.write("\r\n".join(lines) + "\r\n")


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux: the high-water mark of the whole process so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    home = Path(tempfile.mkdtemp(prefix="goodwill-import-bench-"))
    (home / "static").mkdir()
    os.environ["GOODWILL_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "goodwill.settings"
    os.environ["GOODWILL_DEBUG"] = "0"
    os.environ.pop("GOODWILL_DATABASE_URL", None)  # a database of its own, never someone's data
    database = ""
    try:
        if args.database_url:
            database = _create_database(args.database_url)
            os.environ["GOODWILL_DATABASE_URL"] = database
        return _run(args, home)
    finally:
        if database:
            _drop_database(args.database_url, database)
        if args.keep:
            print(f"\nKept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def _create_database(server_url: str) -> str:
    """A fresh database on the PostgreSQL server that server_url names; its URL."""
    import psycopg

    parts = urlsplit(server_url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"--database-url {server_url}: only PostgreSQL URLs (postgres://...)")
    name = f"goodwill_import_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _drop_database(server_url: str, database_url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args: argparse.Namespace, home: Path) -> int:
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from goodwill.network import services

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    files = home / "files"
    files.mkdir()
    started = time.perf_counter()
    people = generate_people(rng, args.connections)
    connections = files / "Connections.csv"
    messages = files / "messages.csv"
    vcards = files / "contacts.vcf"
    newer = files / "newer" / "messages.csv"
    newer.parent.mkdir()
    write_connections(connections, people, rng)
    write_messages(messages, people, args.messages, rng)
    write_vcards(vcards, people, args.cards, rng)
    write_newer_messages(messages, newer, people, NEWER_MESSAGES, rng)
    del people
    sizes = ", ".join(
        f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in (connections, messages, vcards)
    )
    print(
        f"Goodwill import benchmark: {args.connections:,} connections, {args.messages:,} "
        f"messages, {args.cards:,} vCards"
    )
    print(f"Generated in {time.perf_counter() - started:.1f} s: {sizes}")
    server = f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0]}"
    print(
        f"Python {platform.python_version()}, {server}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    owner = services.user_create(username="bench", password="benchmark only, not a real account")

    steps = [
        ("connections", connections, "connections", False),
        ("messages", messages, "messages", False),
        ("vcards", vcards, "vcards", False),
        ("re-import connections", connections, "re-import", False),
        ("re-import messages", messages, "re-import", False),
        ("re-import vcards", vcards, "re-import", False),
        ("re-read connections", connections, "re-import", True),
        ("re-read messages", messages, "re-import", True),
        ("re-read vcards", vcards, "re-import", True),
        (f"newer messages (+{NEWER_MESSAGES})", newer, "re-import", False),
    ]
    results = [
        _measure(owner, name, path, TARGETS_SECONDS[target], reread=reread)
        for name, path, target, reread in steps
    ]
    print(f"Load average {os.getloadavg()[0]:.1f} at the end.")
    _report(results)
    return 0


def _measure(owner: object, name: str, path: Path, target: float, *, reread: bool) -> Measurement:
    from goodwill.network.importing import import_path

    started = time.perf_counter()
    cpu_started = time.process_time()
    run = import_path(owner=owner, path=path, reread=reread)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    records = run.added + run.updated + run.unchanged + run.skipped
    counts = (
        f"{run.added:,} added, {run.updated:,} updated, {run.unchanged:,} unchanged, "
        f"{run.skipped:,} skipped" + (", the same file: not read" if run.same_as_id else "")
    )
    measurement = Measurement(name, seconds, cpu_seconds, records, counts, _peak_mb(), target)
    print(
        f"  {name:<26} {seconds:6.2f} s (CPU {cpu_seconds:5.2f} s) "
        f"{measurement.per_second:9,.0f} records/s  peak {measurement.peak_mb:5.0f} MB  ({counts})"
    )
    return measurement


def _report(results: list[Measurement]) -> None:
    print("\n| import | records | seconds | CPU seconds | records/s | target | peak memory |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m in results:
        verdict = "met" if m.seconds < m.target_seconds else "MISSED"
        print(
            f"| {m.name} | {m.records:,} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | "
            f"{m.per_second:,.0f} | < {m.target_seconds:.0f} s ({verdict}) | {m.peak_mb:.0f} MB |"
        )
    peak = max(m.peak_mb for m in results)
    missed = [m.name for m in results if m.seconds >= m.target_seconds]
    memory = "met" if peak < TARGET_MEMORY_MB else "MISSED"
    print(f"\nPeak memory {peak:.0f} MB (target < {TARGET_MEMORY_MB} MB: {memory}).")
    print(f"Missed time targets: {', '.join(missed)}" if missed else "Every time target met.")


if __name__ == "__main__":
    sys.exit(main())
