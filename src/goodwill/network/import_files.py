"""Files an import works with: uploads kept in GOODWILL_HOME/imports/<owner id>/ between the
preview and the confirmation, and a small progress file a running import rewrites every batch.

The progress lives in a file, not in the database, because a run writes inside one transaction
that other connections cannot see into until it ends; the file is what a page polls meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

UPLOAD_SUFFIX = ".upload"
READ_CHUNK = 1024 * 1024


class UploadTooLarge(Exception):
    """An upload over the size limit; nothing of it is kept."""


@dataclass(frozen=True)
class StoredFile:
    """An upload as kept on disk: its name in the owner's folder, size and SHA-256."""

    name: str
    size: int
    sha256: str


def imports_folder() -> Path:
    return Path(settings.GOODWILL_HOME) / "imports"


def _owner_folder(owner_id: int) -> Path:
    return imports_folder() / str(owner_id)


def upload_store(*, owner: User, chunks: Iterable[bytes], limit: int) -> StoredFile:
    """Writes an upload into the owner's folder, hashing it on the way; UploadTooLarge (and
    nothing kept) past `limit` bytes."""
    folder = _owner_folder(owner.pk)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = secrets.token_hex(16) + UPLOAD_SUFFIX
    path = folder / name
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("xb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadTooLarge(f"is larger than {limit // (1024 * 1024)} MB")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredFile(name, size, digest.hexdigest())


def stored_file_path(*, owner_id: int, name: str) -> Path | None:
    """The path of an owner's kept upload, or None when the name is not one of ours or the
    file is gone. Names never leave the owner's folder."""
    if not name or "/" in name or "\\" in name or not name.endswith(UPLOAD_SUFFIX):
        return None
    path = _owner_folder(owner_id) / name
    return path if path.is_file() else None


def stored_file_delete(*, owner_id: int, name: str) -> None:
    path = stored_file_path(owner_id=owner_id, name=name)
    if path is not None:
        path.unlink(missing_ok=True)


def file_digest(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(READ_CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


def _progress_path(run_id: int) -> Path:
    return imports_folder() / "progress" / f"{run_id}.json"


def progress_write(run_id: int, records: int) -> None:
    """Says how many records the run has read so far; replaced whole, so a reader never sees
    half a file."""
    path = _progress_path(run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"records": records}))
    os.replace(partial, path)


def progress_read(run_id: int) -> tuple[int, float] | None:
    """Records read so far and seconds since the run last said so; None before it began."""
    path = _progress_path(run_id)
    try:
        data = json.loads(path.read_text())
        age = time.time() - path.stat().st_mtime
    except (OSError, ValueError):
        return None
    return int(data.get("records", 0)), age


def progress_clear(run_id: int) -> None:
    _progress_path(run_id).unlink(missing_ok=True)
