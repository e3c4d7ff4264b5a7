"""A run killed part-way (SIGKILL: no chance to clean up) leaves the network as it was: the
whole run is one transaction, and an uncommitted transaction is not there after a restart."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import time
from pathlib import Path

from bench.import_bench import generate_people, write_connections

from tests.cli.conftest import GOODWILL, run_goodwill


def test_killing_an_import_part_way_leaves_the_data_as_it_was(
    tmp_path: Path, command_env: dict[str, str]
) -> None:
    env = dict(command_env, GOODWILL_PASSWORD="a long pass phrase 42")
    export = tmp_path / "Connections.csv"
    rng = random.Random(1)
    write_connections(export, generate_people(rng, 60_000), rng)
    for args in (("migrate",), ("adduser", "alice")):
        assert run_goodwill(*args, env=env, timeout=60).returncode == 0
    progress = Path(env["GOODWILL_HOME"]) / "imports" / "progress"

    importing = subprocess.Popen(
        [str(GOODWILL), "import", str(export)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    records = 0
    while records < 4000 and importing.poll() is None and time.monotonic() < deadline:
        for report in progress.glob("*.json"):
            with contextlib.suppress(OSError, ValueError):
                records = json.loads(report.read_text())["records"]
        time.sleep(0.02)
    assert importing.poll() is None, "the import finished before it could be killed"
    importing.send_signal(signal.SIGKILL)
    importing.wait(timeout=10)

    exported = run_goodwill("export", "csv", "-", env=env, timeout=60)

    assert records >= 4000  # thousands of contacts were written inside the transaction
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.lstrip("\ufeff").splitlines()[1:] == []  # not one contact kept
