"""`goodwill manage check --deploy` finds nothing to fix with production-like settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GOODWILL = Path(sys.executable).with_name("goodwill")


def _check_deploy(home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOODWILL_HOME": str(home), **extra}
    env.pop("GOODWILL_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("GOODWILL_DEBUG", None)
    return subprocess.run(
        [str(GOODWILL), "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_behind_https(tmp_path: Path) -> None:
    result = _check_deploy(
        tmp_path,
        GOODWILL_HTTPS="1",
        GOODWILL_SECRET_KEY="k3" * 40 + "-production-secret-with-enough-variety-0123456789",
        GOODWILL_ALLOWED_HOSTS="example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_about_cookies_on_plain_http(tmp_path: Path) -> None:
    result = _check_deploy(
        tmp_path,
        GOODWILL_SECRET_KEY="k3" * 40 + "-production-secret-with-enough-variety-0123456789",
        GOODWILL_ALLOWED_HOSTS="example.com",
    )

    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr
