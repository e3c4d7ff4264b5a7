"""The review's benchmark: a year's review on the large network (10,000 contacts and 500,000
interactions over five years by default), as the selectors compute it, as the page, and as PDF.

Run it with `make bench-review`; quick run: `make bench-review REVIEW_BENCH_ARGS="--contacts 1000
--interactions 50000"`. It builds a fresh SQLite database in a temporary GOODWILL_HOME, like
bench/run.py, whose timing and reporting it shares. See docs/benchmarks.md, "Review".
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# Runs as a script (`python bench/review_bench.py`), so the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The review is read a few times a year, not every day: a second for the page is the target.
TARGET_P95_MS = {"review_for_owner, last year": 1000.0, "GET /review/?year=last year": 1000.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=10_000, help="default: 10,000")
    parser.add_argument("--interactions", type=int, default=500_000, help="default: 500,000")
    parser.add_argument("--requests", type=int, default=10, help="timed calls each")
    parser.add_argument("--pdf-requests", type=int, default=3, help="timed PDFs")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--home",
        type=Path,
        help="keep the generated network in this folder, and use it if it is already there",
    )
    args = parser.parse_args(argv)
    home = args.home or Path(tempfile.mkdtemp(prefix="goodwill-review-bench-"))
    (home / "static").mkdir(parents=True, exist_ok=True)
    os.environ["GOODWILL_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "goodwill.settings"
    os.environ["GOODWILL_DEBUG"] = "0"
    os.environ.pop("GOODWILL_DATABASE_URL", None)
    try:
        return _run(args)
    finally:
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)


def _generate(args: argparse.Namespace) -> object:
    from bench.generate import generate_network
    from goodwill.network import services

    owner = services.user_create(username="bench", password="benchmark only, not a real account")
    started = time.perf_counter()
    size = generate_network(
        owner=owner,
        contacts=args.contacts,
        interactions=args.interactions,
        loops=args.interactions // 100,
        gives=args.interactions // 100,
        shares=args.interactions // 250,
        seed=args.seed,
    )
    print(f"Generated in {time.perf_counter() - started:.1f} s: {size}")
    return size


def _run(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from bench.run import _analyze, _report, _time
    from goodwill.insight.periods import period_from, year_period
    from goodwill.review.selectors import review_for_owner

    call_command("migrate", verbosity=0)
    print(f"Review benchmark: {args.contacts:,} contacts, {args.interactions:,} interactions")
    owner = User.objects.filter(username="bench").first()
    if owner is not None:
        size: object = f"the network kept in {args.home}"
        print(f"Using {size}")
    else:
        size = _generate(args)
        owner = User.objects.get(username="bench")
    _analyze()

    last_year = timezone.localdate().year - 1
    client = Client(HTTP_HOST="localhost")
    client.force_login(owner)

    def get(url: str) -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}; nothing timed.")
        return response

    def first_view() -> object:
        # Cadence kept is computed once a day per period and kept in the cache.
        cache.clear()
        return review_for_owner(owner=owner, period=year_period(last_year))

    checks = [
        ("review_for_owner, last year, first view of the day", first_view),
        (
            "review_for_owner, last year",
            lambda: review_for_owner(owner=owner, period=year_period(last_year)),
        ),
        (
            "review_for_owner, this year so far",
            lambda: review_for_owner(owner=owner, period=period_from(today=timezone.localdate())),
        ),
        ("GET /review/?year=last year", lambda: get(f"/review/?year={last_year}")),
    ]
    measurements = [
        _time(name, call, warmup=1, requests=args.requests, show=False) for name, call in checks
    ]
    measurements.append(
        _time(
            "GET /review/review.pdf?year=last year",
            lambda: get(f"/review/review.pdf?year={last_year}"),
            warmup=1,
            requests=args.pdf_requests,
            show=False,
        )
    )
    args.warmup = 1
    _report(args, size, measurements)
    missed = [m.name for m in measurements if m.p95_ms >= TARGET_P95_MS.get(m.name, float("inf"))]
    print("\nMissed the p95 target: " + ", ".join(missed) if missed else "\nUnder target.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
