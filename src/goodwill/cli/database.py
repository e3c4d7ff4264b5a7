"""`goodwill migrate` and `goodwill manage`: the database's schema and Django's own commands."""

from __future__ import annotations

import click

from goodwill.cli import main
from goodwill.cli.common import (
    database_address,
    database_unreachable_reason,
    fail_unreachable,
    migrations_pending,
    require_database,
    setup_django,
)


def migrations_apply() -> int:
    """Bring the schema up to date quietly; the number of migrations applied."""
    from django.core.management import call_command

    pending = migrations_pending()
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return pending


def migrations_summary(applied: int) -> str:
    where = database_address()
    if applied == 0:
        return f"The database at {where} is up to date."
    noun = "migration" if applied == 1 else "migrations"
    return f"Applied {applied} {noun} to the database at {where}."


@main.command()
def migrate() -> None:
    """Create or update the database's tables."""
    require_database(migrated=False)
    click.echo(migrations_summary(migrations_apply()))


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command.

    Everything after `manage` goes to Django: `goodwill manage help` lists the commands, and
    `goodwill manage changepassword NAME` sets a new password.
    """
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    setup_django()
    try:
        execute_from_command_line(["goodwill manage", *args])
    except OperationalError:
        # Only an unreachable database is worth one line; any other database error is a bug
        # or a damaged schema, and its traceback is what someone needs to fix it.
        reason = database_unreachable_reason()
        if reason is None:
            raise
        fail_unreachable(reason)
