"""Mail test helpers: messages written as bytes, Maildirs on disk, and a real Dovecot IMAP
server on loopback with a mailbox of its own."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import count
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from imapclient import IMAPClient  # type: ignore[import-untyped]

from goodwill.insight.asks import AskModelError, shipped_model
from goodwill.network import services
from goodwill.network.models import Contact

ME = "alice@alice-studio.example"
LORI = "lori@northwind.example"
_numbers = count(1)


def ask_model_ready() -> bool:
    try:
        shipped_model()
    except AskModelError:
        return False
    return True


needs_ask_model = pytest.mark.skipif(
    not ask_model_ready(), reason="the ask model (insight/data/ask_model.json.gz) is not built"
)


def days_ago(days: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(days=days)


def message(
    *,
    sender: str,
    to: str,
    body: str,
    subject: str = "Hello",
    date: datetime | None = None,
    message_id: str | None = None,
    in_reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> bytes:
    """One plain-text message as a mail client would write it."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(date or days_ago(1))}",
        f"Message-ID: <{message_id or f'm{next(_numbers)}@test.example'}>",
    ]
    if in_reply_to:
        lines.append(f"In-Reply-To: <{in_reply_to}>")
        lines.append(f"References: <{in_reply_to}>")
    lines.extend(f"{name}: {value}" for name, value in (headers or {}).items())
    lines.append("Content-Type: text/plain; charset=utf-8")
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode()


@dataclass
class Maildir:
    """A Maildir in a temporary folder: INBOX and Sent."""

    root: Path
    written: int = field(default=0)

    def add(self, data: bytes, *, folder: str = "", flags: str = "S") -> Path:
        self.written += 1
        directory = self.root / folder / "cur"
        path = directory / f"{1700000000 + self.written}.M{self.written}.test:2,{flags}"
        path.write_bytes(data)
        return path

    def inbox(self, data: bytes, flags: str = "S") -> Path:
        return self.add(data, flags=flags)

    def sent(self, data: bytes) -> Path:
        return self.add(data, folder=".Sent")


@pytest.fixture
def maildir(tmp_path: Path) -> Maildir:
    for folder in ("", ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (tmp_path / "mail" / folder / sub).mkdir(parents=True, exist_ok=True)
    return Maildir(tmp_path / "mail")


@pytest.fixture
def lori_contact(owner: User) -> Contact:
    return services.contact_create(owner=owner, full_name="Lori Chen", handles=[("email", LORI)])


# ---------------------------------------------------------------------------------------------
# Dovecot

IMAP_USER = "sam"
IMAP_PASSWORD = "correct horse"
PASSWORD_ENV = "GOODWILL_TEST_IMAP_PASSWORD"


@dataclass
class Dovecot:
    """A Dovecot of a test's own: where it listens, and ways to put mail in, stop it (as a
    server that drops every connection) and start it again on the same mail."""

    binary: str
    host: str
    port: int
    base: Path

    def start(self) -> None:
        # The daemon keeps inherited pipes open: capturing its output would wait forever, so it
        # goes to a file. Right after a kill the port or the pid file may not be free yet.
        output = self.base / "start.log"
        for _ in range(40):
            with output.open("wb") as sink:
                started = subprocess.run(
                    [self.binary, "-c", str(self.base / "dovecot.conf")],
                    stdout=sink,
                    stderr=sink,
                )
            if started.returncode == 0:
                break
            time.sleep(0.25)
        else:
            pytest.fail(f"Dovecot would not start: {output.read_text()}")
        # Dovecot writes its pid file a moment after it starts listening: wait for both.
        for _ in range(200):
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    if (self.base / "run" / "master.pid").exists():
                        return
            except OSError:
                pass
            time.sleep(0.05)
        log = self.base / "dovecot.log"
        pytest.fail(
            f"Dovecot did not listen on {self.port}: {log.read_text() if log.exists() else ''}"
        )

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(IMAP_USER, IMAP_PASSWORD)
        return client

    def append(self, folder: str, *messages: bytes) -> None:
        client = self.client()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            for data in messages:
                client.append(folder, data)
        finally:
            client.logout()

    def stop(self) -> None:
        """Kill the server and every process it started, as a crash or a cut cable would:
        connections drop at once. (Dovecot's own SIGTERM shutdown waits on children that an
        init-less container never reaps.)"""
        pid_file = self.base / "run" / "master.pid"
        if not pid_file.exists():
            return
        master = int(pid_file.read_text().strip())
        for pid in [*_descendants(master), master]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
        for _ in range(100):
            if not _running(master):
                break
            time.sleep(0.05)
        pid_file.unlink(missing_ok=True)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def _running(pid: int) -> bool:
    # Without an init that reaps them, a stopped daemon lingers as a zombie: that is gone.
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:{base}/mail/%u
passdb {{
  driver = passwd-file
  args = {base}/passwd
}}
userdb {{
  driver = static
  args = uid=mail gid=mail home={base}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot of the test's own on a free loopback port, with one user and an empty
    mailbox; skipped (saying why) only when Dovecot is not installed."""
    binary = shutil.which("dovecot", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if binary is None:
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd; .ci/run installs it)")
    base = Path(tempfile.mkdtemp(prefix="goodwill-dovecot-"))
    base.chmod(0o755)
    port = _free_port()
    (base / "mail").mkdir()
    (base / "state").mkdir()
    (base / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n")
    if os.geteuid() == 0:
        # Dovecot's mail processes refuse root; the static userdb runs them as "mail".
        shutil.chown(base / "mail", "mail", "mail")
    (base / "dovecot.conf").write_text(_CONFIG.format(base=base, port=port))
    server = Dovecot(binary, "127.0.0.1", port, base)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
