"""The message files of a Maildir, folder by folder, with the flags their names carry.

A Maildir folder is a directory holding cur/ (messages seen by a mail client) and new/ (not yet
seen); tmp/ holds deliveries still being written and is never read. Sub-folders sit beside them,
either Maildir++ style (.Sent, .Archive.2024 in the top folder, as Dovecot and Courier keep
them) or nested (Sent/cur, as mbsync and offlineimap can). Files whose names start with a dot
are not messages. A file name ends in ':2,' and its flags (':2,RS' = replied and seen); systems
whose file names cannot hold ':' write '!2,' or ';2,' instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from goodwill.sources.mail_records import MailFlag

INBOX = "INBOX"
_MESSAGE_DIRS = ("cur", "new")
_NOT_FOLDERS = frozenset({"cur", "new", "tmp"})
_INFO_SEPARATORS = (":2,", "!2,", ";2,")
_FLAG_LETTERS = {
    "D": MailFlag.DRAFT,
    "F": MailFlag.FLAGGED,
    "P": MailFlag.PASSED,
    "R": MailFlag.REPLIED,
    "S": MailFlag.SEEN,
    "T": MailFlag.TRASHED,
}


@dataclass(frozen=True, slots=True)
class MaildirEntry:
    """One message file: its path relative to the Maildir, its folder, and its flags."""

    relative: str
    folder: str
    flags: frozenset[MailFlag]


def looks_like_maildir(path: Path) -> bool:
    """True when `path` is a directory with cur/ or new/ in it or in one of its sub-folders."""
    return any(True for _ in _folders(path))


def maildir_entries(root: Path) -> Iterator[MaildirEntry]:
    """Every message file under `root`, folder by folder (INBOX first, then the others in name
    order), cur/ before new/, by file name within each: Maildir names begin with the delivery
    time, so this is close to the order the mail arrived in."""
    for directory, folder in _folders(root):
        for subdir in _MESSAGE_DIRS:
            messages = directory / subdir
            try:
                with os.scandir(messages) as scan:
                    names = sorted(
                        entry.name
                        for entry in scan
                        if not entry.name.startswith(".") and entry.is_file()
                    )
            except (FileNotFoundError, NotADirectoryError):
                continue
            prefix = os.path.relpath(messages, root)
            for name in names:
                yield MaildirEntry(os.path.join(prefix, name), folder, flags_from_name(name))


def _folders(root: Path) -> Iterator[tuple[Path, str]]:
    # Depth first in name order; a directory is a folder when it holds cur/ or new/.
    if not root.is_dir():
        return
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as scan:
                children = sorted(
                    entry.name for entry in scan if entry.is_dir(follow_symlinks=False)
                )
        except OSError:
            continue
        if any(name in _MESSAGE_DIRS for name in children):
            yield directory, folder_name(os.path.relpath(directory, root))
        stack.extend(directory / name for name in reversed(children) if name not in _NOT_FOLDERS)


def folder_name(relative: str) -> str:
    """A folder's name as a mail client shows it: INBOX for the top folder, '.Sent' as 'Sent',
    '.Archive.2024' as 'Archive/2024', nested directories joined by '/'."""
    if relative in ("", "."):
        return INBOX
    parts: list[str] = []
    for part in Path(relative).parts:
        if part.startswith(".") and len(part) > 1:
            parts.extend(piece for piece in part[1:].split(".") if piece)
        else:
            parts.append(part)
    return "/".join(parts)


def flags_from_name(name: str) -> frozenset[MailFlag]:
    """The standard flags in a Maildir file name's info part; lower-case letters are a
    server's keywords and are left out."""
    for separator in _INFO_SEPARATORS:
        _, found, letters = name.rpartition(separator)
        if found:
            return frozenset(_FLAG_LETTERS[letter] for letter in letters if letter in _FLAG_LETTERS)
    return frozenset()
