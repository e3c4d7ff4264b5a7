"""Reading an IMAP account incrementally: each folder's UIDVALIDITY and the UIDs above the last
one stored, in batches, each message's first 64 KB (headers and the first text part; attachments
come later in a message) with BODY.PEEK, so nothing is marked as read on the server.

Every failure a person can do something about (a refused login, an unknown folder, a server
that drops the connection, a host that does not answer) is an ImapError in one line.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.exceptions import IMAPClientError, LoginError  # type: ignore[import-untyped]

from goodwill.sources.mail_parse import MessageWanted, no_message, read_message
from goodwill.sources.mail_read import MailRecord
from goodwill.sources.mail_records import MailFlag, MailOrigin
from goodwill.sources.mail_text import SNIPPET_WINDOW

FETCH_BATCH = 200
TIMEOUT_SECONDS = 60
_PEEK = f"BODY.PEEK[]<0.{SNIPPET_WINDOW}>"
_FETCHED = b"BODY[]<0>"
_FLAGS = {
    b"\\Seen": MailFlag.SEEN,
    b"\\Answered": MailFlag.REPLIED,
    b"\\Flagged": MailFlag.FLAGGED,
    b"\\Draft": MailFlag.DRAFT,
    b"\\Deleted": MailFlag.TRASHED,
    b"$Forwarded": MailFlag.PASSED,
}


class Security(StrEnum):
    TLS = "tls"
    STARTTLS = "starttls"
    NONE = "none"


class ImapError(Exception):
    """A problem with the server or the account, in one line for a person."""


@dataclass(frozen=True, slots=True)
class ImapLogin:
    """Where and as whom to log in; the password is handed in, never stored here."""

    host: str
    port: int
    security: Security
    username: str
    password: str


@dataclass(frozen=True, slots=True)
class FolderStatus:
    """A folder's UIDVALIDITY (when it changes, every UID the folder had is void) and the UID
    the next message will get."""

    uidvalidity: int
    uidnext: int


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    """One message read from a folder: its UID and its record (or why it could not be read)."""

    uid: int
    record: MailRecord


class ImapSession:
    """A logged-in connection. Use as a context manager; it logs out at the end."""

    def __init__(self, login: ImapLogin, timeout: float = TIMEOUT_SECONDS) -> None:
        self.login = login
        where = f"{login.host}:{login.port}"
        try:
            self._client = IMAPClient(
                login.host,
                port=login.port,
                ssl=login.security == Security.TLS,
                ssl_context=ssl.create_default_context(),
                timeout=timeout,
            )
            if login.security == Security.STARTTLS:
                self._client.starttls(ssl.create_default_context())
        except (OSError, IMAPClientError) as exc:
            raise ImapError(f"cannot connect to {where}: {_reason(exc)}") from exc
        try:
            self._client.login(login.username, login.password)
        except LoginError as exc:
            self._close()
            raise ImapError(
                f"{where} refused the login of {login.username}: {_reason(exc)}"
            ) from exc
        except (OSError, IMAPClientError) as exc:
            self._close()
            raise ImapError(f"{where} dropped the connection during login: {_reason(exc)}") from exc

    def __enter__(self) -> ImapSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with contextlib.suppress(OSError, IMAPClientError):
            self._client.logout()
        self._close()

    def _close(self) -> None:
        with contextlib.suppress(OSError, IMAPClientError):
            self._client.shutdown()

    def _call(self, what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except (OSError, IMAPClientError) as exc:
            raise ImapError(
                f"{self.login.host}:{self.login.port} failed while {what}: {_reason(exc)}"
            ) from exc

    def folders(self) -> list[str]:
        """Every folder the account has."""
        listed = self._call("listing folders", self._client.list_folders)
        return [name for _flags, _delimiter, name in listed]

    def select(self, folder: str) -> FolderStatus:
        """Open a folder read-only and say where it stands."""
        found = self._call(f"opening {folder}", self._client.select_folder, folder, readonly=True)
        uidvalidity = int(found.get(b"UIDVALIDITY", 0))
        uidnext = int(found.get(b"UIDNEXT", 0))
        return FolderStatus(uidvalidity, uidnext)

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above `last_uid` in the open folder, ascending."""
        # "N:*" always matches the highest UID, even when it is below N: filter it out.
        found = self._call(
            "searching for new mail", self._client.search, ["UID", f"{last_uid + 1}:*"]
        )
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(
        self,
        folder: str,
        uids: Sequence[int],
        *,
        snippets: MessageWanted = no_message,
        bodies: MessageWanted = no_message,
    ) -> Iterator[FetchedMessage]:
        """The messages with these UIDs in the open folder, in UID order, read as far as a
        snippet and detection need, without marking them read."""
        for start in range(0, len(uids), FETCH_BATCH):
            batch = list(uids[start : start + FETCH_BATCH])
            answer = self._call(f"reading {folder}", self._client.fetch, batch, [_PEEK, "FLAGS"])
            for uid in sorted(answer):
                data = answer[uid]
                raw = data.get(_FETCHED) or data.get(b"BODY[]") or b""
                flags = frozenset(_FLAGS[flag] for flag in data.get(b"FLAGS", ()) if flag in _FLAGS)
                origin = MailOrigin(
                    f"imap://{self.login.username}@{self.login.host}/{folder}", number=uid
                )
                record = read_message(
                    raw,
                    origin=origin,
                    folder=folder,
                    flags=flags,
                    snippets=snippets,
                    bodies=bodies,
                )
                yield FetchedMessage(uid, record)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer in time"
    text = exc.args[0] if exc.args else exc
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    words = " ".join(str(text).split())
    return words or type(exc).__name__
