"""`goodwill adduser`: accounts, each with its own network."""

from __future__ import annotations

import os

import click

from goodwill.cli import main
from goodwill.cli.common import fail, require_database


def validation_line(error: Exception) -> str:
    """A Django ValidationError's messages as one line."""
    messages = getattr(error, "messages", None) or [str(error)]
    return " ".join(str(message) for message in messages)


@main.command()
@click.argument("name")
def adduser(name: str) -> None:
    """Create an account, with the default circles.

    The password is asked for twice without echo, or read from GOODWILL_PASSWORD, and must
    pass Django's password validators.
    """
    require_database()

    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from goodwill.network import services

    name = name.strip()
    # Said before the password is asked for, so nobody types one in vain.
    if User.objects.filter(username=name).exists():
        fail(f"the account {name!r} already exists")
    password = os.environ.get("GOODWILL_PASSWORD") or click.prompt(
        f"Password for {name}", hide_input=True, confirmation_prompt=True
    )
    try:
        validate_password(password, user=User(username=name))
        services.user_create(username=name, password=password)
    except ValidationError as exc:
        fail(f"cannot create {name!r}: {validation_line(exc)}")
    click.echo(f"Created the account {name!r}; run `goodwill serve` and sign in.")
