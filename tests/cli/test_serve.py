"""The real `goodwill serve`: gunicorn answers, serves static files, runs the worker beside it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import GOODWILL, free_port, run_goodwill

START_SECONDS = 45
STOP_SECONDS = 15


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_answering(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"goodwill serve exited early with status {server.returncode}")
        try:
            status_of(url)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {START_SECONDS} seconds")


def children_of(pid: int) -> dict[int, str]:
    """Child processes by id, with their command lines, read from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The parent id is the fourth field, after a command name that may contain spaces.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                children[int(entry.name)] = cmdline.strip()
        except (OSError, IndexError, ValueError):
            continue
    return children


def is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def wait_until_gone(pid: int) -> bool:
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline:
        if is_gone(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def server(command_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    process = subprocess.Popen(
        [str(GOODWILL), "serve", "--port", str(port), "--workers", "1"],
        env=command_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process, port
    if process.poll() is None:
        for child in children_of(process.pid):
            os.kill(child, signal.SIGKILL)
        process.kill()
        process.wait()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_answers_serves_static_files_runs_the_worker_and_stops_with_it(
    server: tuple[subprocess.Popen[str], int], stop: signal.Signals
) -> None:
    process, port = server
    base = f"http://127.0.0.1:{port}"

    wait_until_answering(f"{base}/login/", process)

    assert status_of(f"{base}/login/") == 200
    assert status_of(f"{base}/static/django_htmx/django-htmx.js") == 200
    workers = [
        pid for pid, cmdline in children_of(process.pid).items() if "goodwill.cli worker" in cmdline
    ]
    assert len(workers) == 1
    assert not is_gone(workers[0])

    process.send_signal(stop)
    stdout, stderr = process.communicate(timeout=STOP_SECONDS)

    assert process.returncode == 0, stderr
    assert wait_until_gone(workers[0])
    assert f"Goodwill is running at {base}/" in stdout
    assert "Traceback" not in stderr


def test_serve_on_a_port_in_use_is_one_line(command_env: dict[str, str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]

        result = run_goodwill("serve", "--port", str(port), env=command_env)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"goodwill: cannot listen on 127.0.0.1:{port}: Address already in use; "
        "choose another --port\n"
    )
