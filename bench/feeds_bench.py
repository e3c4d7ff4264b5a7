"""How fast Goodwill reads feeds: 200 feeds of 50 items each, served on loopback, polled once.

    make bench-feeds
    .venv/bin/python bench/feeds_bench.py [--feeds 200] [--items 50]

Makes a temporary GOODWILL_HOME with a fresh SQLite database (or, with GOODWILL_DATABASE_URL
set, uses that PostgreSQL server with a database of its own, dropped at the end), follows every
feed for one owner, then times a first poll (every item new: fetch, parse, store) and a second
(every server answers 304 Not Modified to the validators of the first). Target: the first poll
under 30 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TARGET_SECONDS = 30.0
WORDS = [
    "solar",
    "battery",
    "design",
    "typography",
    "hiring",
    "pricing",
    "timber",
    "schools",
    "cycling",
    "coffee",
    "restaurant",
    "grant",
    "newsletter",
    "accessibility",
    "postgres",
    "migration",
    "startup",
    "investor",
    "onboarding",
    "printing",
]


def feed_bytes(number: int, items: int) -> bytes:
    """An RSS feed of `items` items of a few sentences each, all dated, all with guids."""
    start = datetime(2026, 11, 1, tzinfo=UTC)
    entries = []
    for item in range(items):
        words = " ".join(WORDS[(number + item + k) % len(WORDS)] for k in range(60))
        entries.append(
            f"<item><guid>feed-{number}-item-{item}</guid>"
            f"<title>Post {item} of feed {number}: {WORDS[item % len(WORDS)]}</title>"
            f"<link>https://blog{number}.example/posts/{item}</link>"
            f"<description>&lt;p&gt;{words}.&lt;/p&gt;</description>"
            f"<pubDate>{format_datetime(start - timedelta(hours=item))}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Blog {number}</title><link>https://blog{number}.example/</link>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def serve(feeds: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = feeds.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="goodwill-feeds-bench-")
    os.environ["GOODWILL_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "goodwill.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from goodwill.feeds import services
    from goodwill.feeds.models import Article, Feed
    from goodwill.feeds.polling import feeds_poll
    from goodwill.network.services import user_create

    on_postgres = connection.vendor == "postgresql"
    old_config = setup_databases(verbosity=0, interactive=False) if on_postgres else None
    if not on_postgres:
        call_command("migrate", verbosity=0)
    try:
        owner = user_create(username="bench", password="bench feeds password")
        bodies = {f"/feed/{n}": feed_bytes(n, args.items) for n in range(args.feeds)}
        server = serve(bodies)
        port = server.server_address[1]
        for path in bodies:
            services.feed_follow(owner=owner, url=f"http://127.0.0.1:{port}{path}")
        feeds = list(Feed.objects.filter(owner=owner).order_by("pk"))

        started = time.perf_counter()
        first = feeds_poll(feeds)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = feeds_poll(list(Feed.objects.filter(owner=owner).order_by("pk")))
        second_seconds = time.perf_counter() - started
        server.shutdown()

        stored = Article.objects.filter(owner=owner).count()
        failed = [r for r in first + second if r.error]
        unchanged = sum(1 for r in second if r.not_modified)
        print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
        print(
            f"first poll: {args.feeds} feeds of {args.items} items, {stored} articles stored "
            f"in {first_seconds:.1f} s (target {TARGET_SECONDS:.0f} s)"
        )
        print(f"second poll: {unchanged} of {args.feeds} not modified in {second_seconds:.2f} s")
        for result in failed[:5]:
            print(f"failed: {result.feed_name}: {result.error}")
        ok = first_seconds < TARGET_SECONDS and not failed and stored == args.feeds * args.items
        return 0 if ok else 1
    finally:
        connection.close()
        if old_config is not None:
            teardown_databases(old_config, verbosity=0)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
