"""What every command needs: Django set up, the account to act for, errors as one line.

Commands import Django models inside their bodies, after require_database() or setup_django():
models can only be imported once Django is set up, and setting up is where a bad configuration
becomes one line instead of a traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit, urlunsplit

import click

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def setup_django() -> None:
    """Configure Django once, turning a bad configuration into one line and exit status 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django
    from django.apps import apps

    from goodwill.config import ConfigurationError

    if apps.ready:
        return
    _check_database_url()
    try:
        django.setup()
    except ConfigurationError as exc:
        fail(str(exc))


def _check_database_url() -> None:
    # settings.py parses the URL at import time, where a bad one would end in a traceback.
    url = os.environ.get("GOODWILL_DATABASE_URL")
    if not url:
        return
    import dj_database_url

    try:
        dj_database_url.parse(url)
    except dj_database_url.UnknownSchemeError:
        scheme = urlsplit(url).scheme
        fail(
            f"GOODWILL_DATABASE_URL {database_address(url)} has an unknown scheme {scheme!r}; "
            "use postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH"
        )
    except ValueError as exc:
        fail(f"GOODWILL_DATABASE_URL {database_address(url)} cannot be used: {exc}")


def fail(message: str) -> NoReturn:
    """Print one line for a person on standard error and exit with status 2."""
    click.echo(f"goodwill: {message}", err=True)
    sys.exit(2)


def day_option(value: str, option: str = "--date") -> date:
    """A day given on the command line: YYYY-MM-DD, today or yesterday; else one line, exit 2."""
    text = value.strip().lower()
    today = date.today()
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} {value!r} is not a date; use YYYY-MM-DD, today or yesterday")


def database_address(url: str | None = None) -> str:
    """Where the database is, for a person to read: the URL without its password, or the file."""
    url = url if url is not None else os.environ.get("GOODWILL_DATABASE_URL")
    if url:
        parts = urlsplit(url)
        if parts.password is not None:
            host = parts.hostname or ""
            if parts.port is not None:
                host = f"{host}:{parts.port}"
            netloc = f"{parts.username or ''}:***@{host}"
            parts = parts._replace(netloc=netloc)
        return urlunsplit(parts)
    from django.conf import settings

    return str(settings.DATABASES["default"]["NAME"])


def database_unreachable_reason() -> str | None:
    """Why the database cannot be reached, in its driver's first line; None when it can."""
    from django.db import OperationalError, connection

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        lines = str(exc).strip().splitlines()
        return " ".join(lines[0].split()) if lines else type(exc).__name__
    return None


def require_database(*, migrated: bool = True) -> None:
    """Set Django up and make sure the database answers, or say in one line why not (exit 2).

    With `migrated`, the schema must be up to date too, so a command never meets a missing table.
    """
    setup_django()
    reason = database_unreachable_reason()
    if reason is not None:
        fail_unreachable(reason)
    if migrated:
        pending = migrations_pending()
        if pending:
            noun = "migration" if pending == 1 else "migrations"
            fail(
                f"the database at {database_address()} needs {pending} {noun}; "
                "run `goodwill migrate`"
            )


def migrations_pending() -> int:
    """How many migrations the database has yet to apply."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def fail_unreachable(reason: str) -> NoReturn:
    fail(f"cannot reach the database at {database_address()}: {reason}")


def account_for(username: str | None) -> User:
    """The account a command acts for: the one named, or the only one there is.

    An unknown name, or no name while several accounts exist, ends the command with one line.
    """
    from django.contrib.auth.models import User

    if username is not None:
        user = User.objects.filter(username=username).first()
        if user is None:
            fail(f"there is no account named {username!r}; create it with `goodwill adduser NAME`")
        return user
    names = list(User.objects.order_by("username").values_list("username", flat=True)[:21])
    if not names:
        fail("there is no account yet; create one with `goodwill adduser NAME`")
    if len(names) > 1:
        listed = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
        fail(f"several accounts exist ({listed}); choose one with --user NAME")
    return User.objects.get(username=names[0])


user_option = click.option(
    "--user",
    "username",
    metavar="NAME",
    help="The account to act for; needed only when there are several.",
)
