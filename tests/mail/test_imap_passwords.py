"""Where an IMAP password lives: in the OS keyring or an environment variable, never in the
database. `goodwill` runs as a subprocess with a database of its own, against a real Dovecot on
loopback; the keyring is a real backend (keyrings.alt's file keyring, chosen the way a user
would choose one, through PYTHON_KEYRING_BACKEND), and every column of every table of the
SQLite file is read back afterwards."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from goodwill.mail.sync import KEYRING_SERVICE
from tests.cli.conftest import GOODWILL, run_goodwill
from tests.mail.conftest import IMAP_PASSWORD, IMAP_USER, ME, Dovecot, message

PASSWORD_ENV = "GOODWILL_TEST_IMAP_SECRET"


def _environment(home: Path, data: Path) -> dict[str, str]:
    found = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    found.update(
        GOODWILL_HOME=str(home),
        GOODWILL_PASSWORD="a long pass phrase 42",
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        XDG_DATA_HOME=str(data),
    )
    found.pop(PASSWORD_ENV, None)
    return found


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a migrated SQLite database and the user alice, made once."""
    pytest.importorskip("keyrings.alt", reason="keyrings.alt (a dev dependency) is the keyring")
    base = tmp_path_factory.mktemp("migrated")
    env = _environment(base / "home", base / "data")
    for args in (("migrate",), ("adduser", "alice")):
        done = run_goodwill(*args, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
    return base / "home"


@pytest.fixture
def env(tmp_path: Path, migrated: Path) -> dict[str, str]:
    """A copy of that data folder, and an empty file keyring, of the test's own."""
    shutil.copytree(migrated, tmp_path / "home")
    return _environment(tmp_path / "home", tmp_path / "data")


def _keyring_file(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "python_keyring" / "keyring_pass.cfg"


def _keyring_password(env: dict[str, str], user: str) -> str | None:
    # Read back through keyring itself, in a process of its own with the same backend.
    done = subprocess.run(
        [
            str(GOODWILL.parent / "python"),
            "-c",
            "import keyring, sys; print(keyring.get_password(sys.argv[1], sys.argv[2]))",
            KEYRING_SERVICE,
            user,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    answer = done.stdout.strip()
    return None if answer == "None" else answer


def _database_cells(env: dict[str, str]) -> list[tuple[str, str, object]]:
    """Every cell of every table of the goodwill database: (table, column, value)."""
    files = list(Path(env["GOODWILL_HOME"]).rglob("*.sqlite3"))
    assert len(files) == 1, files
    connection = sqlite3.connect(files[0])
    try:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        cells: list[tuple[str, str, object]] = []
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [column[0] for column in cursor.description]
            for row in cursor:
                cells.extend(zip([table] * len(columns), columns, row, strict=True))
        return cells
    finally:
        connection.close()


def _holding(cells: list[tuple[str, str, object]], secret: str) -> list[str]:
    found = []
    for table, column, value in cells:
        text = (
            bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
        )
        if secret in text:
            found.append(f"{table}.{column}")
    return found


def _add(
    dovecot: Dovecot, env: dict[str, str], *extra: str, password: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(GOODWILL),
            "imap",
            "add",
            "work",
            "--host",
            dovecot.host,
            "--port",
            str(dovecot.port),
            "--security",
            "none",
            "--username",
            IMAP_USER,
            "--me",
            ME,
            *extra,
        ],
        env=env,
        input=f"{password}\n" if password else "",
        capture_output=True,
        text=True,
        timeout=60,
    )


def _mail() -> bytes:
    return message(sender="Lori Chen <lori@northwind.example>", to=ME, body="Are you free?")


def test_a_stored_password_lives_in_the_keyring_and_nowhere_in_the_database(
    dovecot: Dovecot, env: dict[str, str]
) -> None:
    dovecot.append("INBOX", _mail())

    added = _add(dovecot, env, "--store-password", password=IMAP_PASSWORD)
    synced = run_goodwill("sync", "imap", env=env, timeout=60)

    assert added.returncode == 0, added.stderr
    assert synced.returncode == 0, synced.stderr
    assert "1 new" in synced.stdout
    assert _keyring_password(env, f"{IMAP_USER}@{dovecot.host}") == IMAP_PASSWORD
    assert _keyring_file(env).exists()
    cells = _database_cells(env)
    assert any(value == IMAP_USER for _, column, value in cells if column == "username")
    assert _holding(cells, IMAP_PASSWORD) == []


def test_a_wrong_password_is_refused_and_not_kept_in_the_keyring(
    dovecot: Dovecot, env: dict[str, str]
) -> None:
    added = _add(dovecot, env, "--store-password", password="not the password")

    assert added.returncode == 2
    assert f"refused the login of {IMAP_USER}" in added.stderr
    assert _keyring_password(env, f"{IMAP_USER}@{dovecot.host}") is None
    assert not any(table == "mail_mailaccount" for table, _, _ in _database_cells(env))


def test_no_password_in_the_keyring_is_one_line_and_exit_status_2(
    dovecot: Dovecot, env: dict[str, str]
) -> None:
    added = _add(dovecot, env, "--no-check")
    synced = run_goodwill("sync", "imap", env=env, timeout=60)

    assert added.returncode == 0, added.stderr
    assert synced.returncode == 2
    lines = synced.stderr.strip().splitlines()
    assert len(lines) == 1, synced.stderr
    assert f"in the OS keyring (service goodwill-imap, user {IMAP_USER}@{dovecot.host})" in lines[0]


def test_a_password_from_the_environment_is_read_at_each_sync_and_never_stored(
    dovecot: Dovecot, env: dict[str, str]
) -> None:
    dovecot.append("INBOX", _mail())
    with_password = dict(env, **{PASSWORD_ENV: IMAP_PASSWORD})

    added = _add(dovecot, with_password, "--password-env", PASSWORD_ENV)
    synced = run_goodwill("sync", "imap", env=with_password, timeout=60)
    without = run_goodwill("sync", "imap", env=env, timeout=60)

    assert added.returncode == 0, added.stderr
    assert synced.returncode == 0, synced.stderr
    assert "1 new" in synced.stdout
    assert without.returncode == 2
    assert len(without.stderr.strip().splitlines()) == 1
    assert f"the environment variable {PASSWORD_ENV} is not set" in without.stderr
    cells = _database_cells(env)
    # The variable's name is kept, its value is not, and nothing went to the keyring.
    assert [f"{t}.{c}" for t, c, v in cells if v == PASSWORD_ENV] == [
        "mail_mailaccount.password_env"
    ]
    assert _holding(cells, IMAP_PASSWORD) == []
    assert _keyring_password(env, f"{IMAP_USER}@{dovecot.host}") is None
