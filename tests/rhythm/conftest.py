"""A real SMTP server on loopback (aiosmtpd, in its own process) that keeps what it receives in
a Maildir, for the digest tests."""

from __future__ import annotations

import mailbox
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    maildir: Path

    def received(self) -> list[Message]:
        return list(mailbox.Maildir(self.maildir, create=False))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    maildir = tmp_path / "received"
    mailbox.Maildir(maildir, create=True)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"aiosmtpd did not listen on 127.0.0.1:{port}")
            time.sleep(0.1)
    try:
        yield SmtpServer("127.0.0.1", port, maildir)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def mail_to(settings: Settings, smtp_server: SmtpServer) -> SmtpServer:
    """Django's mail pointed at the loopback server, as GOODWILL_SMTP_* would set it."""
    settings.GOODWILL_SMTP_HOST = smtp_server.host
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": smtp_server.host,
                "port": smtp_server.port,
                "use_tls": False,
                "use_ssl": False,
                "timeout": 10,
            },
        }
    }
    settings.DEFAULT_FROM_EMAIL = "Goodwill <goodwill@test.example>"
    return smtp_server
