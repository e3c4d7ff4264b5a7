"""Configuration from the environment: data folder, secret key, database."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from goodwill.config import ConfigurationError, goodwill_home, secret_key


def test_the_secret_key_is_generated_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOODWILL_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert secret_key(tmp_path) == first
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_a_secret_key_in_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWILL_SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_goodwill_home_is_created_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path / "a" / "b"))
    assert goodwill_home() == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()


def test_an_unusable_goodwill_home_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOODWILL_HOME", str(blocker / "home"))
    with pytest.raises(ConfigurationError, match="cannot be created"):
        goodwill_home()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    # The test database is in memory, where WAL does not apply, so check a real file in a child.
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {
        **os.environ,
        "GOODWILL_HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "goodwill.settings",
    }
    env.pop("GOODWILL_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["wal", "20000"]
    assert (tmp_path / "goodwill.sqlite3").exists()


@pytest.mark.skipif(
    not os.environ.get("GOODWILL_DATABASE_URL"), reason="runs when GOODWILL_DATABASE_URL is set"
)
def test_goodwill_database_url_selects_postgresql(db: None) -> None:
    assert connection.vendor == "postgresql"
