"""`goodwill serve` and `goodwill worker`: the web application and the background task worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

from goodwill.cli import main
from goodwill.cli.common import fail, require_database
from goodwill.cli.database import migrations_apply, migrations_summary

WORKER_STOP_SECONDS = 10


class _GoodwillServer(BaseApplication):
    """Gunicorn, configured here instead of from its own command line or a config file."""

    def __init__(self, options: dict[str, object]) -> None:
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        from goodwill.wsgi import application

        return application


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _check_port_free(host: str, port: int) -> None:
    # Gunicorn would retry a busy port for seconds and then log a stack of lines; one is enough.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        fail(f"cannot listen on {host}:{port}: {reason}; choose another --port")


def _die_with_parent() -> None:
    # Linux only: if serve is killed outright (SIGKILL), the worker must not outlive it.
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _task_worker_start() -> subprocess.Popen[bytes]:
    # Its own session, so Ctrl+C in the terminal reaches serve alone and serve stops the worker
    # once, gracefully, after the web workers have finished their requests.
    return subprocess.Popen(
        [sys.executable, "-m", "goodwill.cli", "worker", "--quiet"],
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def _task_worker_stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, metavar="ADDRESS", help="Where to listen."
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    metavar="PORT",
    help="The port to listen on.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    metavar="N",
    help="Web worker processes, each with several threads.",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web application, with the task worker beside it.

    Applies migrations first, then runs gunicorn and one `goodwill worker` process.
    Ctrl+C or SIGTERM stops both.
    """
    _check_port_free(host, port)
    require_database(migrated=False)
    click.echo(migrations_summary(migrations_apply()))

    from django.conf import settings
    from django.db import connections

    # Gunicorn forks its workers from this process; they must open connections of their own.
    connections.close_all()
    # WhiteNoise serves from the installed packages but warns at every start without this folder.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

    url = _url(host, port)

    def when_ready(_arbiter: object) -> None:
        click.echo(f"Goodwill is running at {url}/ (press Ctrl+C to stop)")

    server = _GoodwillServer(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "graceful_timeout": WORKER_STOP_SECONDS,
            "loglevel": "warning",
            "proc_name": "goodwill",
            "control_socket_disable": True,
            "when_ready": when_ready,
        }
    )
    worker = _task_worker_start()
    click.echo(f"Background task worker started (pid {worker.pid}).")
    try:
        server.run()
    finally:
        # Gunicorn reaps any child that exits; put SIGCHLD back so the wait below sees ours.
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _task_worker_stop(worker)


@main.command()
@click.option("--batch", is_flag=True, help="Run the tasks already queued, then exit.")
@click.option("--quiet", is_flag=True, help="Do not log each task as it runs.")
def worker(batch: bool, quiet: bool) -> None:
    """Run the background task worker.

    For deployments that run workers apart from the web; `goodwill serve` starts its own.
    """
    require_database()

    from django.core.management import call_command

    # The random start-up delay spreads a fleet of workers out; a batch run has no fleet.
    call_command(
        "db_worker",
        batch=batch,
        reload=False,
        startup_delay=not batch,
        verbosity=0 if quiet else 1,
    )
