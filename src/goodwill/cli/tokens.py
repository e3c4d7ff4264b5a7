"""`goodwill tokens`: API tokens for scripts, made, listed and revoked from the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option

if TYPE_CHECKING:
    from goodwill.api.models import ApiToken


def _token_line(token: ApiToken) -> str:
    used = f"last used {token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
    state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else used
    return f"{token.pk}  {token.prefix}…  {token.scope:<10}  {token.name}  ({state})"


@main.group()
def tokens() -> None:
    """Make, list and revoke tokens for the REST API (/api/v1).

    A token is shown once, when it is made; Goodwill keeps only a hash of it. Read tokens may
    only read; read-write tokens may also change the network. See docs/api.md.
    """


@tokens.command("create")
@click.option("--name", required=True, help="What will use the token, to know it later.")
@click.option(
    "--scope",
    type=click.Choice(["read", "read-write"]),
    default="read",
    show_default=True,
    help="read may only GET; read-write may also create, change and delete.",
)
@user_option
def tokens_create(name: str, scope: str, username: str | None) -> None:
    """Make a token and print it once; store it now, it cannot be shown again."""
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.api import tokens as api_tokens

    owner = account_for(username)
    try:
        token, secret = api_tokens.token_create(owner=owner, name=name, scope=scope)
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    click.echo(f"Token {token.pk} ({token.scope}) for {owner.username}: {token.name}")
    click.echo(secret)
    click.echo("Store it now: it is not kept and cannot be shown again.", err=True)


@tokens.command("list")
@user_option
def tokens_list(username: str | None) -> None:
    """List the account's tokens: id, prefix, scope, name, and when each was last used."""
    require_database()

    from goodwill.api import tokens as api_tokens

    owner = account_for(username)
    rows = list(api_tokens.tokens_for_owner(owner=owner))
    if not rows:
        click.echo("No API tokens yet: make one with `goodwill tokens create --name NAME`.")
        return
    for token in rows:
        click.echo(_token_line(token))


@tokens.command("revoke")
@click.argument("token_id", type=int, metavar="ID")
@user_option
def tokens_revoke(token_id: int, username: str | None) -> None:
    """Stop a token for good: requests with it are refused (401) from now on."""
    require_database()

    from goodwill.api import tokens as api_tokens

    owner = account_for(username)
    token = api_tokens.tokens_for_owner(owner=owner).filter(pk=token_id).first()
    if token is None:
        fail(f"{owner.username} has no API token {token_id}; `goodwill tokens list` shows them")
    was_active = token.is_active
    api_tokens.token_revoke(token=token)
    click.echo(
        f"Revoked token {token.pk} ({token.name})."
        if was_active
        else f"Token {token.pk} ({token.name}) was already revoked."
    )
