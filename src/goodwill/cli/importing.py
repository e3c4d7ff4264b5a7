"""`goodwill import`, `goodwill duplicates`, `goodwill merge` and `goodwill not-same`: bring a
network in from export files, then settle who is the same person."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option
from goodwill.sources.records import SourceFormat

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from goodwill.network.models import Contact, ImportRun


class _Progress:
    """One line on a terminal that counts the records read; silent when not on a terminal."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = sys.stderr.isatty()

    def __call__(self, records: int) -> None:
        if self.shown:
            click.echo(f"\r{self.name}: {records:,} records read", nl=False, err=True)

    def close(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)


def _summary(run: ImportRun) -> list[str]:
    from goodwill.network.import_selectors import import_skips

    label = f"{run.file_name} ({run.format})"
    counts = (
        f"{run.added:,} added, {run.updated:,} updated, {run.unchanged:,} unchanged, "
        f"{run.skipped:,} skipped"
    )
    lines = [f"{label}: {counts}" + (" (dry run: nothing was changed)" if run.dry_run else "")]
    if run.same_as is not None:
        when = run.same_as.created_at.strftime("%Y-%m-%d %H:%M")
        lines.append(
            f"  unchanged, nothing to do: the same file as the import of {when} UTC "
            "(--reread reads it again)"
        )
    for skip in import_skips(run=run):
        kind = "kept without" if skip.record_kept else "skipped"
        lines.append(f"  {kind}: {skip.location}: {skip.reason}")
    if run.duplicates_suggested:
        noun = "duplicate" if run.duplicates_suggested == 1 else "duplicates"
        lines.append(
            f"  {run.duplicates_suggested:,} possible {noun} to review: goodwill duplicates"
        )
    return lines


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice([kind.value for kind in SourceFormat]),
    help="Read every file as this format instead of detecting it from the content.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change, and change nothing.")
@click.option(
    "--region",
    default="US",
    show_default=True,
    metavar="CC",
    help="Country of phone numbers written without a country code.",
)
@click.option(
    "--reread",
    is_flag=True,
    help="Read a file even when the very same file was imported before.",
)
@user_option
def import_command(
    paths: tuple[Path, ...],
    format_name: str | None,
    dry_run: bool,
    region: str,
    reread: bool,
    username: str | None,
) -> None:
    """Import contacts and history from export files.

    Reads a LinkedIn data export (the zip, or its CSV files), vCard files, and Google,
    Outlook or Thunderbird contact CSVs. The format is read from each file's content. The
    same handle (email, phone, LinkedIn profile) means the same contact; values you typed
    are never overwritten. Running the same file again changes nothing: a file imported
    before, byte for byte, is not even read (--reread reads it). Each file is one
    run, all or nothing; a file that cannot be read stops the command with status 2.
    `goodwill import mail PATH` imports a mailbox, as `goodwill mail import PATH` does.
    """
    if paths[0] == Path("mail") and not paths[0].exists():
        _import_mail(paths[1:], format_name=format_name, dry_run=dry_run, username=username)
        return
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.network.importing import import_path, import_runs_close_abandoned
    from goodwill.sources.errors import SourceError
    from goodwill.sources.handles import HandleError, check_region

    try:
        check_region(region)
    except HandleError as exc:
        fail(f"--region {exc}")
    for path in paths:
        if not path.is_file():
            fail(f"{path}: no such file")
    owner = account_for(username)
    import_runs_close_abandoned(owner=owner)
    batch = uuid.uuid4()
    for path in paths:
        progress = _Progress(path.name)
        try:
            run = import_path(
                owner=owner,
                path=path,
                format=format_name or "",
                default_region=region,
                dry_run=dry_run,
                batch=batch,
                progress=progress,
                reread=reread,
            )
        except (SourceError, ValidationError) as exc:
            progress.close()
            fail(" ".join(getattr(exc, "messages", [str(exc)])))
        progress.close()
        click.echo("\n".join(_summary(run)))


def _import_mail(
    paths: tuple[Path, ...], *, format_name: str | None, dry_run: bool, username: str | None
) -> None:
    # `import` takes any number of files, so `mail` is read as a word here, not a subcommand.
    from goodwill.cli.mail import mail_import

    if len(paths) != 1:
        fail("goodwill import mail takes one mbox file or Maildir folder")
    if format_name or dry_run:
        fail("goodwill import mail has no --format or --dry-run; see goodwill mail import --help")
    click.get_current_context().invoke(
        mail_import, path=paths[0], addresses=(), keep_bodies=False, username=username
    )


def _contact_line(contact: Contact) -> str:
    organization = f", {contact.organization.name}" if contact.organization else ""
    return f"{contact.full_name}{organization} (id {contact.pk})"


@main.command()
@click.option("--merged", is_flag=True, help="List the merges done so far instead, newest first.")
@user_option
def duplicates(merged: bool, username: str | None) -> None:
    """List contacts that are probably the same person.

    Looks for contacts with alike names (accents, initials and nicknames allowed) at the
    same organization or email domain, and lists every open suggestion with its reasons.
    Nothing is merged: use `goodwill merge` or `goodwill not-same`. With --merged, lists
    the merges done so far: who was merged into whom, and when.
    """
    require_database()

    from goodwill.network.duplicates import duplicates_suggest
    from goodwill.network.import_selectors import (
        merge_suggestions_open,
        merges_done,
        merges_done_count,
    )

    owner = account_for(username)
    if merged:
        done = merges_done(owner=owner)
        for merge in done:
            when = merge.decided_at.strftime("%Y-%m-%d") if merge.decided_at else "?"
            click.echo(
                f"merged on {when}: {merge.absorbed_name} into {_contact_line(merge.contact_a)}"
            )
        if not done:
            click.echo("No merges yet.")
        return
    duplicates_suggest(owner=owner)
    pairs = merge_suggestions_open(owner=owner)
    earlier = merges_done_count(owner=owner)
    history = (
        f"\n{earlier} merged before: goodwill duplicates --merged lists them." if earlier else ""
    )
    if not pairs:
        click.echo("No possible duplicates." + history)
        return
    for pair in pairs:
        click.echo(f"{_contact_line(pair.first)}  and  {_contact_line(pair.second)}")
        for reason in pair.suggestion.reasons:
            click.echo(f"    {reason}")
    noun = "duplicate" if len(pairs) == 1 else "duplicates"
    click.echo(
        f"\n{len(pairs)} possible {noun}. Merge with `goodwill merge KEEP_ID ABSORB_ID`, "
        "or keep apart with `goodwill not-same ID ID`." + history
    )


def _contact_of(owner: User, contact_id: int) -> Contact:
    from goodwill.network import selectors

    contact = selectors.contacts_for_owner(owner=owner).filter(pk=contact_id).first()
    if contact is None:
        fail(f"{owner.username!r} has no contact with id {contact_id}")
    return contact


@main.command()
@click.argument("keep_id", type=int)
@click.argument("absorb_id", type=int)
@user_option
def merge(keep_id: int, absorb_id: int, username: str | None) -> None:
    """Merge two contacts that are one person.

    KEEP_ID keeps its name and values and gets every handle, interaction, loop, give, share,
    note and photo of ABSORB_ID, which is then deleted.
    """
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.cli.accounts import validation_line
    from goodwill.network.merging import contact_merge

    owner = account_for(username)
    keep = _contact_of(owner, keep_id)
    absorb = _contact_of(owner, absorb_id)
    absorbed_name = absorb.full_name
    try:
        contact_merge(keep=keep, absorb=absorb)
    except ValidationError as exc:
        fail(validation_line(exc))
    click.echo(f"Merged {absorbed_name} into {keep.full_name} (id {keep.pk}).")


@main.command("not-same")
@click.argument("first_id", type=int)
@click.argument("second_id", type=int)
@user_option
def not_same(first_id: int, second_id: int, username: str | None) -> None:
    """Say two contacts are different people.

    They are never suggested as duplicates again.
    """
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.cli.accounts import validation_line
    from goodwill.network.duplicates import contact_mark_not_same

    owner = account_for(username)
    first = _contact_of(owner, first_id)
    second = _contact_of(owner, second_id)
    try:
        contact_mark_not_same(first=first, second=second)
    except ValidationError as exc:
        fail(validation_line(exc))
    click.echo(f"{first.full_name} and {second.full_name} are different people; noted.")
