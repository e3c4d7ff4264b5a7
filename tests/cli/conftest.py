"""Running the real `goodwill` command: in-process through click's runner, or as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goodwill.cli import main

# The console script installed next to the interpreter running the tests (.venv/bin/goodwill).
GOODWILL = Path(sys.executable).with_name("goodwill")


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """`goodwill ARGS...` in this process, against the test database."""
    return CliRunner().invoke(main, list(args), input=input, env=env, prog_name="goodwill")


@pytest.fixture
def command_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a `goodwill` subprocess: a data folder of its own, SQLite."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    env["GOODWILL_HOME"] = str(tmp_path / "home")
    return env


def run_goodwill(
    *args: str, env: dict[str, str], timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GOODWILL), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
