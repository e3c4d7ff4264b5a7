"""Where Goodwill keeps its data and how it reaches its database, read from the environment.

Kept apart from settings.py so that the CLI can explain a bad configuration in one line before
Django starts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs


class ConfigurationError(Exception):
    """A setting in the environment that Goodwill cannot use; the message is for people."""


def goodwill_home() -> Path:
    """The data folder: GOODWILL_HOME, or the platform's user data folder."""
    configured = os.environ.get("GOODWILL_HOME")
    home = (
        Path(configured).expanduser()
        if configured
        else Path(platformdirs.user_data_dir("goodwill"))
    )
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"GOODWILL_HOME {home} cannot be created: {exc.strerror}") from exc
    return home


def secret_key(home: Path) -> str:
    """GOODWILL_SECRET_KEY, or a key generated once and kept in GOODWILL_HOME."""
    configured = os.environ.get("GOODWILL_SECRET_KEY")
    if configured:
        return configured
    key_file = home / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions, atomically, so two first starts agree on one key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def env_flag(name: str, *, default: bool = False) -> bool:
    """A yes/no setting: 1, true, yes and on mean yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}
