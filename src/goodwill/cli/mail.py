"""`goodwill mail import`, `goodwill imap add` and `goodwill sync imap`: mail into Goodwill, from
a mailbox on disk or an IMAP account, with what was left out and why."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option

if TYPE_CHECKING:
    from goodwill.mail.ingest import ImportResult


class _Progress:
    """One line on a terminal counting the messages read; silent when not on a terminal."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = sys.stderr.isatty()

    def __call__(self, read: int) -> None:
        if self.shown:
            click.echo(f"\r{self.name}: {read:,} messages read", nl=False, err=True)

    def close(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)


def _report(result: ImportResult) -> list[str]:
    run, settled = result.run, result.settled
    lines = [
        f"{run.source}: {run.read:,} read, {run.stored:,} new, {run.known:,} already stored, "
        f"{run.left_out_total:,} left out, {run.unreadable:,} unreadable",
    ]
    for reason, count in sorted(run.left_out.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:,} left out: {reason}")
    for example in run.unreadable_examples:
        lines.append(f"  unreadable: {example}")
    lines.append(
        f"{settled.threads:,} threads updated, {settled.interactions:,} with contacts; loops: "
        f"{settled.loops_opened} opened, {settled.loops_acknowledged} acknowledged, "
        f"{settled.loops_closed} closed"
    )
    if result.own:
        lines.append("Your addresses: " + ", ".join(sorted(result.own)))
    else:
        lines.append(
            "No address of yours is known yet, so no message reads as to or from you: "
            "import again with --me ADDRESS"
        )
    if settled.suggestions:
        lines.append(
            f"{settled.suggestions:,} people you write with both ways are not contacts yet: "
            "see Mail in the web app"
        )
    return lines


@main.group("mail")
def mail_group() -> None:
    """Mail from mbox files and Maildir folders."""


@mail_group.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--me",
    "addresses",
    multiple=True,
    metavar="ADDRESS",
    help="An address of yours (repeat for several); more are learnt from your Sent folder.",
)
@click.option(
    "--keep-bodies",
    is_flag=True,
    help="Keep the text of recent messages, not only headers, a snippet and detections.",
)
@user_option
def mail_import(
    path: Path, addresses: tuple[str, ...], keep_bodies: bool, username: str | None
) -> None:
    """Import an mbox file or a Maildir folder.

    Every conversation with a contact becomes an interaction and resets their keep-in-touch
    clock; asks, offers and promises in recent mail feed the reply radar. Mailing lists,
    newsletters and robots are left out, and counted. Importing the same mailbox again
    stores only what is new.
    """
    require_database()

    from goodwill.mail.ingest import mailbox_import
    from goodwill.sources.errors import SourceError
    from goodwill.sources.handles import HandleError

    owner = account_for(username)
    # The reader and detection workers start from a fork server. Started with these modules
    # already imported, it forks workers that need not import them again: each worker would
    # otherwise import this whole command line first, as it runs the main script.
    multiprocessing.set_forkserver_preload(
        ["goodwill.cli", "goodwill.sources.mail_read", "goodwill.insight.asks_batch"]
    )
    progress = _Progress(path.name or str(path))
    try:
        result = mailbox_import(
            owner=owner, path=path, me=addresses, keep_bodies=keep_bodies, progress=progress
        )
    except SourceError as exc:
        fail(str(exc))
    except HandleError as exc:
        fail(f"--me: {exc}")
    finally:
        progress.close()
    click.echo("\n".join(_report(result)))


@main.group("imap")
def imap_group() -> None:
    """IMAP accounts to keep in sync."""


@imap_group.command("add")
@click.argument("name")
@click.option("--host", required=True, help="The IMAP server.")
@click.option("--port", type=click.IntRange(1, 65535), help="Default: 993 with TLS, 143 otherwise.")
@click.option(
    "--security",
    type=click.Choice(["tls", "starttls", "none"]),
    default="tls",
    show_default=True,
    help="How the connection is protected; none only for a server on this machine.",
)
@click.option("--username", "login", required=True, help="The login name on the server.")
@click.option(
    "--folder",
    "folders",
    multiple=True,
    metavar="FOLDER",
    help="A folder to read (repeat for several); default INBOX. Add your Sent folder too.",
)
@click.option(
    "--password-env",
    default="",
    metavar="VARIABLE",
    help="Read the password from this environment variable instead of the OS keyring.",
)
@click.option(
    "--store-password",
    is_flag=True,
    help="Ask for the password now and keep it in the OS keyring.",
)
@click.option(
    "--me",
    "addresses",
    multiple=True,
    metavar="ADDRESS",
    help="An address of yours on this account (the user name counts when it is an address).",
)
@click.option("--keep-bodies", is_flag=True, help="Keep the text of messages, not only snippets.")
@click.option("--no-check", is_flag=True, help="Do not log in to check the account now.")
@user_option
def imap_add(
    name: str,
    host: str,
    port: int | None,
    security: str,
    login: str,
    folders: tuple[str, ...],
    password_env: str,
    store_password: bool,
    addresses: tuple[str, ...],
    keep_bodies: bool,
    no_check: bool,
    username: str | None,
) -> None:
    """Add an IMAP account; the task worker then keeps it in sync.

    The password is never stored in the database: it is read from the OS keyring (service
    goodwill-imap, user USERNAME@HOST; --store-password puts it there) or from the environment
    variable named by --password-env.
    """
    require_database()

    from django.core.exceptions import ValidationError

    from goodwill.mail.sync import KEYRING_SERVICE, account_add, account_login, keyring_user
    from goodwill.mail.tasks import imap_sync_schedule
    from goodwill.sources.imap import ImapError, ImapSession

    owner = account_for(username)
    if store_password:
        import keyring
        from keyring.errors import KeyringError

        password = click.prompt("IMAP password", hide_input=True)
        try:
            keyring.set_password(KEYRING_SERVICE, keyring_user(username=login, host=host), password)
        except KeyringError as exc:
            fail(f"cannot keep the password in the OS keyring: {exc}; use --password-env")
    try:
        account = account_add(
            owner=owner,
            name=name,
            host=host,
            port=port or (993 if security == "tls" else 143),
            username=login,
            security=security,
            folders=folders,
            password_env=password_env,
            keep_bodies=keep_bodies,
            me=addresses,
        )
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    if not no_check:
        try:
            with ImapSession(account_login(account)) as session:
                session.folders()
        except ImapError as exc:
            account.delete()
            if store_password:
                # A password the server refused is no use kept.
                _keyring_forget(KEYRING_SERVICE, keyring_user(username=login, host=host))
            fail(str(exc))
    imap_sync_schedule(account_id=account.pk)
    click.echo(f"Added {account}; the task worker will sync it (or run `goodwill sync imap`).")


def _keyring_forget(service: str, user: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError):
        keyring.delete_password(service, user)


@main.group("sync")
def sync_group() -> None:
    """Bring outside sources up to date now."""


@sync_group.command("imap")
@click.option("--account", "account_name", metavar="NAME", help="Only this account.")
@user_option
def sync_imap(account_name: str | None, username: str | None) -> None:
    """Read what is new in your IMAP accounts.

    Reads each folder from where the last sync stopped, so a sync cut off half-way goes on
    where it stopped and stores nothing twice. The task worker does the same every
    15 minutes.
    """
    require_database()

    from goodwill.mail.models import MailAccount
    from goodwill.mail.sync import account_sync
    from goodwill.sources.imap import ImapError

    owner = account_for(username)
    accounts = MailAccount.objects.filter(owner=owner).order_by("name")
    if account_name is not None:
        accounts = accounts.filter(name=account_name)
    chosen = list(accounts)
    if not chosen:
        fail(
            f"there is no IMAP account named {account_name!r}"
            if account_name
            else "there is no IMAP account yet; add one with `goodwill imap add`"
        )
    for account in chosen:
        progress = _Progress(account.name)
        try:
            result = account_sync(account=account, progress=progress)
        except ImapError as exc:
            fail(str(exc))
        finally:
            progress.close()
        click.echo("\n".join(_report(result)))
