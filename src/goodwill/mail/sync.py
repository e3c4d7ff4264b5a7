"""IMAP accounts: adding one, and syncing it folder by folder from where the last sync stopped.

Each batch of messages is stored in the same transaction as the folder's new position (its
UIDVALIDITY and the highest UID stored), so a sync cut off anywhere resumes at the first batch
it had not finished, and a message fetched twice is still stored once, by its key. A changed
UIDVALIDITY voids the folder's UIDs: the folder is read again from the start, and the keys
keep that from storing anything twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goodwill.mail import services
from goodwill.mail.ingest import ImportResult, read_wanted
from goodwill.mail.models import FolderState, MailAccount
from goodwill.network.services import Owner
from goodwill.sources.handles import HandleError
from goodwill.sources.imap import ImapError, ImapLogin, ImapSession, Security

KEYRING_SERVICE = "goodwill-imap"
# Messages stored per transaction, with the folder's position: a cut-off sync loses at most one.
SYNC_BATCH = 200
DEFAULT_FOLDERS = ("INBOX",)

# Called with the number of messages read so far.
Progress = Callable[[int], None]


def keyring_user(*, username: str, host: str) -> str:
    """The name a password is kept under in the OS keyring (service 'goodwill-imap')."""
    return f"{username}@{host}"


def account_add(
    *,
    owner: Owner,
    name: str,
    host: str,
    port: int,
    username: str,
    security: str = Security.TLS,
    folders: tuple[str, ...] = (),
    password_env: str = "",
    keep_bodies: bool = False,
    me: tuple[str, ...] = (),
) -> MailAccount:
    """A new IMAP account; its password stays in the keyring or the named environment variable.
    `me` are the user's addresses on it (the user name too, when it is an address), so mail
    reads as to or from the user before any of their Sent mail has been seen."""
    name, host, username = name.strip(), host.strip(), username.strip()
    if not (name and host and username):
        raise ValidationError("An account needs a name, a host and a user name.")
    if security not in Security.__members__.values():
        raise ValidationError({"security": f"{security!r} is not tls, starttls or none."})
    if MailAccount.objects.filter(owner=owner, name=name).exists():
        raise ValidationError({"name": f"There is already an IMAP account named {name!r}."})
    addresses = [*me, username] if "@" in username else list(me)
    try:
        services.own_addresses_configure(owner=owner, addresses=addresses)
    except HandleError as exc:
        raise ValidationError({"me": str(exc)}) from exc
    return MailAccount.objects.create(
        owner=owner,
        name=name,
        host=host,
        port=port,
        username=username,
        security=security,
        folders=list(folders),
        password_env=password_env.strip(),
        keep_bodies=keep_bodies,
        created_at=timezone.now(),
    )


def account_password(account: MailAccount) -> str:
    """The account's password, from its environment variable or the OS keyring; ImapError
    saying where to put it when neither holds one."""
    if account.password_env:
        password = os.environ.get(account.password_env)
        if password:
            return password
        raise ImapError(
            f"no password for {account.name}: the environment variable "
            f"{account.password_env} is not set"
        )
    import keyring
    from keyring.errors import KeyringError

    user = keyring_user(username=account.username, host=account.host)
    try:
        password = keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError as exc:
        raise ImapError(f"no password for {account.name}: the OS keyring: {exc}") from exc
    if not password:
        raise ImapError(
            f"no password for {account.name} in the OS keyring (service {KEYRING_SERVICE}, "
            f"user {user}); add one, or name an environment variable with --password-env"
        )
    return password


def account_login(account: MailAccount) -> ImapLogin:
    return ImapLogin(
        host=account.host,
        port=account.port,
        security=Security(account.security),
        username=account.username,
        password=account_password(account),
    )


def account_sync(
    *,
    account: MailAccount,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Read what is new in each of the account's folders, then settle threads, interactions and
    the radar. ImapError (one line) when the server cannot be reached or refuses; what was
    stored before the failure stays, and the next sync goes on from there."""
    owner = account.owner
    now = now or timezone.now()
    run = services.import_start(owner=owner, source=str(account), kind="imap")
    failure: ImapError | None = None
    try:
        with ImapSession(account_login(account)) as session:
            for folder in account.folders or DEFAULT_FOLDERS:
                _folder_sync(account, session, folder, run, progress, now)
    except ImapError as exc:
        failure = exc
    settled = services.mail_settle(owner=owner, now=now)
    services.import_finish(run=run)
    account.last_synced_at = timezone.now()
    account.last_error = str(failure)[:500] if failure else ""
    account.save(update_fields=["last_synced_at", "last_error"])
    if failure is not None:
        raise failure
    return ImportResult(run, settled, services.own_addresses(owner=owner))


def _folder_sync(
    account: MailAccount,
    session: ImapSession,
    folder: str,
    run: services.MailImport,
    progress: Progress | None,
    now: datetime,
) -> None:
    owner = account.owner
    status = session.select(folder)
    state, _ = FolderState.objects.get_or_create(owner=owner, account=account, folder=folder)
    if state.uidvalidity != status.uidvalidity:
        # Every UID the folder had is void; read it all again (keys stop duplicates).
        state.uidvalidity = status.uidvalidity
        state.last_uid = 0
        state.save(update_fields=["uidvalidity", "last_uid"])
    uids = session.uids_after(state.last_uid)
    if not uids:
        return
    snippets, bodies = read_wanted(owner=owner, now=now)
    known = services.known_message_keys(owner=owner)
    for start in range(0, len(uids), SYNC_BATCH):
        batch = uids[start : start + SYNC_BATCH]
        fetched = list(session.fetch(folder, batch, snippets=snippets, bodies=bodies))
        with transaction.atomic():
            services.messages_store(
                owner=owner,
                run=run,
                records=[message.record for message in fetched],
                known=known,
                keep_bodies=account.keep_bodies,
            )
            state.last_uid = max(batch)
            state.save(update_fields=["last_uid"])
        if progress is not None:
            progress(run.read)


def accounts_sync_all(*, owner: Owner | None = None) -> list[str]:
    """Sync every account (of one owner, or of everyone); one line per account that failed."""
    accounts = MailAccount.objects.select_related("owner")
    if owner is not None:
        accounts = accounts.filter(owner=owner)
    problems = []
    for account in accounts:
        try:
            account_sync(account=account)
        except ImapError as exc:
            problems.append(f"{account.owner.username}/{account.name}: {exc}")
    return problems
