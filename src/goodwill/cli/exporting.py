"""`goodwill export`, `goodwill backup` and `goodwill restore`: take a network out, and bring a
whole account back."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option


def _write(path: str, chunks: Iterable[str]) -> None:
    # "-" writes to standard output, so an export can be piped.
    if path == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    try:
        with Path(path).open("w", encoding="utf-8", newline="") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as exc:
        fail(f"{path}: cannot be written: {exc.strerror or exc}")


@main.command("export")
@click.argument("format_name", metavar="vcard|csv", type=click.Choice(["vcard", "csv"]))
@click.argument("file", metavar="FILE")
@user_option
def export_command(format_name: str, file: str, username: str | None) -> None:
    """Export your contacts as vCard 4.0 or CSV.

    vCard keeps names, handles, organization, job title, notes, birthday and photo, and
    reads back into Goodwill or any address book. CSV is for spreadsheets; cells that would
    run as formulas are made plain text. FILE - writes to standard output.
    """
    require_database()

    from goodwill.network.export_contacts import contacts_csv, contacts_vcard

    owner = account_for(username)
    chunks = contacts_vcard(owner=owner) if format_name == "vcard" else contacts_csv(owner=owner)
    _write(file, chunks)
    if file != "-":
        click.echo(f"Exported {owner.username!r}'s contacts as {format_name} to {file}.")


@main.command()
@click.argument("file", metavar="FILE")
@user_option
def backup(file: str, username: str | None) -> None:
    """Write a full backup of one account as JSON.

    Every row the account owns in every app (network, work, mail, feeds, rhythm), and the
    account itself (with its password hash, so keep the file private); not API tokens or the
    calendar feed's token. `goodwill restore` brings it back into an empty account or a fresh
    instance.
    """
    require_database()

    from goodwill.network.backup import backup_data

    owner = account_for(username)
    data = backup_data(owner=owner)
    _write(file, [json.dumps(data, ensure_ascii=False, indent=1)])
    if file != "-":
        contacts = len(data["tables"].get("network.contact", []))
        click.echo(f"Backed up {owner.username!r} ({contacts} contacts) to {file}.")


@main.command()
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--user",
    "username",
    metavar="NAME",
    help="Restore into this account instead of the one the backup names.",
)
def restore(file: Path, username: str | None) -> None:
    """Restore a backup made by `goodwill backup`.

    Only into an empty account, or into a fresh instance, where the account is created with
    the backup's password. Version 1 backups (the network alone) still restore. Every id is
    given anew; all or nothing.
    """
    require_database()

    from goodwill.network.backup import RestoreError, backup_restore

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"{file}: cannot be read: {exc.strerror or exc}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"{file}: is not a Goodwill backup (not JSON: {exc})")
    if not isinstance(data, dict):
        fail(f"{file}: is not a Goodwill backup")
    try:
        owner = backup_restore(data=data, username=username)
    except RestoreError as exc:
        fail(f"{file}: {exc}")
    click.echo(f"Restored {file} into the account {owner.username!r}.")
