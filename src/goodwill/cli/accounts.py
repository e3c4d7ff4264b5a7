"""`goodwill adduser`: accounts, each with its own network."""

from __future__ import annotations

import os

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option


def validation_line(error: Exception) -> str:
    """A Django ValidationError's messages as one line."""
    messages = getattr(error, "messages", None) or [str(error)]
    return " ".join(str(message) for message in messages)


@main.command()
@click.argument("name")
@click.option(
    "--email",
    default="",
    metavar="ADDRESS",
    help="Where password-reset links go; without one the password is reset on the server.",
)
def adduser(name: str, email: str) -> None:
    """Create an account, with the default circles.

    The password is asked for twice without echo, or read from GOODWILL_PASSWORD, and must
    pass Django's password validators.
    """
    require_database()

    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.db import transaction

    from goodwill.accounts.services import account_email_set
    from goodwill.network import services

    name = name.strip()
    # Said before the password is asked for, so nobody types one in vain.
    if User.objects.filter(username=name).exists():
        fail(f"the account {name!r} already exists")
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            fail(f"{email!r} is not an email address")
    password = os.environ.get("GOODWILL_PASSWORD") or click.prompt(
        f"Password for {name}", hide_input=True, confirmation_prompt=True
    )
    try:
        validate_password(password, user=User(username=name, email=email))
        with transaction.atomic():
            user = services.user_create(username=name, password=password)
            account_email_set(user=user, email=email)
    except ValidationError as exc:
        fail(f"cannot create {name!r}: {validation_line(exc)}")
    click.echo(f"Created the account {name!r}; run `goodwill serve` and sign in.")


@main.command(name="set-email")
@click.argument("address")
@user_option
def set_email(address: str, username: str | None) -> None:
    """Set where an account's password-reset links go.

    The address is checked and kept on the account. An empty ADDRESS ("") removes it:
    the password can then be reset only on the server, with
    `goodwill manage changepassword NAME`.
    """
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.accounts.services import account_email_set

    user = account_for(username)
    try:
        account_email_set(user=user, email=address)
    except ValidationError as exc:
        fail(f"cannot set the address of {user.username!r}: {validation_line(exc)}")
    if user.email:
        click.echo(f"Password-reset links for {user.username!r} go to {user.email}.")
    else:
        click.echo(f"{user.username!r} has no address: reset its password on the server.")
