"""`goodwill demo`: fill an account with a realistic demo network, to try Goodwill out."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_USERNAME = "demo"
SIGN_IN_URL = "http://127.0.0.1:8000"


def demo_password_file() -> Path:
    from django.conf import settings

    return Path(settings.GOODWILL_HOME) / "demo-password"


def _password_store(password: str) -> None:
    path = demo_password_file()
    # Owner-only from the first byte: the file is created 0600, and an old one is narrowed too.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")


def _password_stored_for(user: User) -> str | None:
    """The stored demo password, if it still opens this account."""
    path = demo_password_file()
    if not path.exists():
        return None
    password = path.read_text().strip()
    return password if password and user.check_password(password) else None


def _demo_account(username: str) -> tuple[User, str | None]:
    """The account, created with a generated password if missing; the password when known."""
    from django.contrib.auth.models import User

    from goodwill.network import services

    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, _password_stored_for(user)
    password = secrets.token_urlsafe(12)
    user = services.user_create(username=username, password=password)
    _password_store(password)
    return user, password


@main.command()
@click.option(
    "--user",
    "username",
    metavar="NAME",
    help="The account to fill; needed only when there are several.",
)
@click.option(
    "--create-user",
    is_flag=True,
    help=(
        "Create the account (--user, or demo) if missing, with a generated password kept in "
        "GOODWILL_HOME/demo-password."
    ),
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Do nothing, successfully, when the account already has contacts.",
)
@click.option(
    "--url",
    default=SIGN_IN_URL,
    show_default=True,
    help="The address to print in the sign-in line.",
)
def demo(username: str | None, create_user: bool, if_empty: bool, url: str) -> None:
    """Fill an account with a realistic demo network.

    About 200 contacts at 25 organizations across all four circles, with a year of
    interactions, loops and gives, ending now. Refuses an account that already has contacts.
    """
    require_database()

    from django.utils import timezone

    from goodwill.network import selectors
    from goodwill.network.demo import demo_network_fill
    from goodwill.work.demo import demo_work_fill

    password = None
    if create_user:
        owner, password = _demo_account(username or DEMO_USERNAME)
    else:
        owner = account_for(username)
    sign_in = f"Sign in at {url} as {owner.username} / {password}"

    existing = selectors.contacts_for_owner(owner=owner).count()
    if existing:
        if not if_empty:
            fail(
                f"{owner.username!r} already has {existing} contacts; "
                "the demo network only fills an empty account"
            )
        if password:
            click.echo(sign_in)
        return

    now = timezone.now()
    summary = demo_network_fill(owner=owner, now=now)
    work = demo_work_fill(owner=owner, now=now)
    click.echo(
        f"Filled {owner.username!r} with {summary.contacts} contacts at "
        f"{summary.organizations} organizations, {summary.interactions} interactions, "
        f"{summary.loops} loops, {summary.gives} gives, {summary.shares} shares "
        f"and {work} pieces of work."
    )
    if password:
        click.echo(sign_in)
