"""The mail benchmark: `goodwill mail import` on a synthetic Maildir, against `notmuch new` on
the same Maildir as the yardstick and a plain read of every file (`cat` into /dev/null, warm
cache) as the floor. Prints messages per second for each, the ratios, the import's peak memory
(the importing process and its readers together) and the time of re-importing the unchanged
Maildir. `make bench-mail`; see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path

# Runs as a script (`python bench/mail_bench.py`), so the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mail_generate import OWN_ADDRESS, write_maildir

GOODWILL = Path(sys.executable).with_name("goodwill")
USER = "bench"
# Targets from the issue: against notmuch's first index, against the floor, memory, re-import.
TARGET_VS_NOTMUCH = 3.0
TARGET_VS_FLOOR = 4.0
TARGET_PEAK_MB = 500
TARGET_REIMPORT_SHARE = 0.1


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float
    peak_mb: float = 0.0


def _tree_rss_mb(root: int) -> float:
    # The resident memory of a process and all its descendants (the import's reader processes).
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(pid)
        rss[pid] = pages
    total, queue = 0, [root]
    while queue:
        pid = queue.pop()
        total += rss.get(pid, 0)
        queue.extend(children.get(pid, []))
    return total * os.sysconf("SC_PAGE_SIZE") / 1e6


def run_timed(name: str, command: list[str], env: dict[str, str]) -> Timing:
    """Run a command to its end; its wall time and the peak memory of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _out, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"{name} failed ({process.returncode}): {err.decode()[-2000:]}")
    return Timing(name, seconds, peak)


def floor(maildir: Path) -> Timing:
    """`cat` of every message file into /dev/null, the second time round (warm cache)."""
    command = ["sh", "-c", f"find '{maildir}' -type f -exec cat {{}} + > /dev/null"]
    run_timed("cat", command, dict(os.environ))
    return run_timed("cat (warm)", command, dict(os.environ))


def notmuch_first_index(maildir: Path, work: Path) -> Timing | None:
    """`notmuch new` on the Maildir with a fresh database outside it; None without notmuch."""
    binary = shutil.which("notmuch")
    if binary is None:
        return None
    database = work / "notmuch-db"
    database.mkdir()
    config = work / "notmuch-config"
    config.write_text(
        f"[database]\npath={database}\nmail_root={maildir}\n"
        f"[user]\nname=Bench\nprimary_email={OWN_ADDRESS}\n"
        "[new]\ntags=unread;inbox;\nignore=\n[maildir]\nsynchronize_flags=false\n"
    )
    env = dict(os.environ, NOTMUCH_CONFIG=str(config))
    return run_timed("notmuch new", [binary, "new", "--quiet"], env)


def prepare_goodwill(home: Path, maildir: Path, contacts: int, seed: int) -> dict[str, str]:
    """A fresh GOODWILL_HOME, migrated, with the bench user and contacts for some of the
    Maildir's correspondents (found in the From lines of its inbox)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    env["GOODWILL_HOME"] = str(home)
    subprocess.run([str(GOODWILL), "migrate"], env=env, check=True, capture_output=True)
    addresses: set[str] = set()
    for path in sorted((maildir / "cur").iterdir())[:20_000]:
        with path.open("rb") as stream:
            for line in stream:
                if line.startswith(b"From: "):
                    address = line.rsplit(b"<", 1)[-1].strip().rstrip(b">").decode()
                    if not address.startswith("news@"):
                        addresses.add(address)
                    break
    chosen = random.Random(seed).sample(sorted(addresses), min(contacts, len(addresses)))
    script = (
        "import sys\n"
        "from goodwill.cli.common import setup_django\n"
        "setup_django()\n"
        "from goodwill.network import services\n"
        f"owner = services.user_create(username={USER!r}, password='bench-password-1')\n"
        "for number, address in enumerate(sys.stdin.read().split()):\n"
        "    services.contact_create(owner=owner, full_name=f'Contact {number}',"
        " handles=[('email', address)])\n"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        input="\n".join(chosen).encode(),
        check=True,
        capture_output=True,
    )
    return env


def add_replies(maildir: Path, count: int, seed: int) -> list[Path]:
    """`count` new messages in the Maildir's new/ folder, each a reply to a stored message (its
    Message-ID as In-Reply-To and References): what a day's new mail looks like to a re-import."""
    rng = random.Random(seed)
    today = format_datetime(datetime.now(UTC).replace(microsecond=0)).encode()
    written = []
    for number, path in enumerate(rng.sample(sorted((maildir / "cur").iterdir()), count)):
        headers: dict[bytes, bytes] = {}
        with path.open("rb") as stream:
            for line in stream:
                if not line.strip():
                    break
                name, _, value = line.partition(b":")
                headers.setdefault(name.lower(), value.strip())
        parent = headers.get(b"message-id", b"")
        reply = b"\n".join(
            [
                b"From: " + headers.get(b"to", b"someone@example.org"),
                b"To: " + headers.get(b"from", b"someone@example.org"),
                b"Subject: Re: " + headers.get(b"subject", b""),
                # Today's mail: later than anything the generator wrote.
                b"Date: " + today,
                f"Message-ID: <bench-reply-{number}@bench.example>".encode(),
                b"In-Reply-To: " + parent,
                b"References: " + parent,
                b"Content-Type: text/plain; charset=utf-8",
                b"",
                b"Thanks, that works for me. Could you send the details?",
                b"",
            ]
        )
        target = maildir / "new" / f"bench-reply-{number}.goodwill"
        target.write_bytes(reply)
        written.append(target)
    return written


def report(
    messages: int,
    cat: Timing,
    notmuch: Timing | None,
    first: Timing,
    again: Timing,
    new_mail: tuple[int, Timing] | None = None,
) -> list[str]:
    def rate(timing: Timing) -> str:
        return f"{messages / timing.seconds:,.0f} messages/s"

    lines = [
        f"Mail benchmark, {date.today().isoformat()}, {messages:,} messages, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"commit {_commit()}, load average at the end "
        + " ".join(f"{load:.1f}" for load in os.getloadavg())
        + " (other work on the machine slows every figure)",
        "",
        "| run | seconds | messages/s | peak memory |",
        "| --- | ---: | ---: | ---: |",
        f"| cat every file (warm cache, the floor) | {cat.seconds:.1f} | {rate(cat)} | |",
    ]
    if notmuch is not None:
        lines.append(
            f"| notmuch new (first index) | {notmuch.seconds:.1f} | {rate(notmuch)} "
            f"| {notmuch.peak_mb:.0f} MB |"
        )
    lines += [
        f"| goodwill mail import (first) | {first.seconds:.1f} | {rate(first)} "
        f"| {first.peak_mb:.0f} MB |",
        f"| goodwill mail import (again, unchanged) | {again.seconds:.2f} | | "
        f"{again.peak_mb:.0f} MB |",
    ]
    if new_mail is not None:
        count, timing = new_mail
        lines.append(
            f"| goodwill mail import (again, {count} new replies) | {timing.seconds:.2f} | | "
            f"{timing.peak_mb:.0f} MB |"
        )
    lines += [
        "",
    ]
    checks = [
        (
            "within 4x the floor",
            first.seconds / cat.seconds,
            f"{first.seconds / cat.seconds:.1f}x the floor",
            first.seconds <= TARGET_VS_FLOOR * cat.seconds,
        ),
        (
            "peak memory under 500 MB",
            first.peak_mb,
            f"{first.peak_mb:.0f} MB",
            first.peak_mb < TARGET_PEAK_MB,
        ),
        (
            "re-import under a tenth of the first",
            again.seconds / first.seconds,
            f"{again.seconds / first.seconds:.3f} of the first",
            again.seconds < TARGET_REIMPORT_SHARE * first.seconds,
        ),
    ]
    if notmuch is not None:
        speed = notmuch.seconds / first.seconds
        checks.insert(
            0,
            (
                "at least 3x notmuch's first index",
                speed,
                f"{speed:.2f}x notmuch's speed",
                speed >= TARGET_VS_NOTMUCH,
            ),
        )
    for target, _, figure, met in checks:
        lines.append(f"- {target}: {figure} ({'met' if met else 'NOT met'})")
    return lines


def _commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return found.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000, help="default: 100,000")
    parser.add_argument("--correspondents", type=int, default=2_000, help="default: 2,000")
    parser.add_argument("--contacts", type=int, default=500, help="correspondents who are contacts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--maildir", type=Path, help="reuse (or keep) the Maildir here")
    parser.add_argument("--no-notmuch", action="store_true", help="leave notmuch out")
    parser.add_argument(
        "--new-replies", type=int, default=100, help="new mail for the last re-import (100)"
    )
    parser.add_argument(
        "--record", type=Path, help="append the figures to this Markdown file (docs/benchmarks.md)"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="goodwill-mail-bench-"))
    try:
        maildir = args.maildir or work / "Maildir"
        if not (maildir / "cur").is_dir():
            print(f"Writing {args.messages:,} messages to {maildir} ...", flush=True)
            write_maildir(
                maildir,
                messages=args.messages,
                correspondents=args.correspondents,
                seed=args.seed,
            )
        messages = sum(len(files) for _, _, files in os.walk(maildir))
        cat = floor(maildir)
        print(f"floor: {cat.seconds:.1f} s", flush=True)
        notmuch = None if args.no_notmuch else notmuch_first_index(maildir, work)
        if notmuch is not None:
            print(f"notmuch new: {notmuch.seconds:.1f} s", flush=True)
        env = prepare_goodwill(work / "home", maildir, args.contacts, args.seed)
        command = [str(GOODWILL), "mail", "import", str(maildir), "--me", OWN_ADDRESS]
        command += ["--user", USER]
        first = run_timed("goodwill mail import", command, env)
        print(f"goodwill mail import: {first.seconds:.1f} s", flush=True)
        again = run_timed("goodwill mail import (again)", command, env)
        replies = add_replies(maildir, args.new_replies, args.seed)
        try:
            # A re-import with a day's new mail: read the new files, thread them incrementally.
            new_mail = run_timed("goodwill mail import (new mail)", command, env)
        finally:
            for path in replies:
                path.unlink(missing_ok=True)
        lines = report(messages, cat, notmuch, first, again, (len(replies), new_mail))
        print("\n".join(lines))
        if args.record is not None:
            with args.record.open("a") as out:
                out.write("\n" + "\n".join(lines) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
