"""One message's bytes into a MailMessage, or a SkippedRecord saying why it could not be.

Only the header block is parsed (by the email package's compat32 rules, in one pass) unless the
caller wants the snippet or the body of this message; nothing here raises for bad mail.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from goodwill.sources.mail_headers import (
    addresses,
    header_text,
    message_id,
    message_ids,
    parse_date,
    raw_text,
    received_date,
    unfold,
)
from goodwill.sources.mail_mime import body_start
from goodwill.sources.mail_records import (
    DateSource,
    MailAddress,
    MailFlag,
    MailMessage,
    MailOrigin,
)
from goodwill.sources.mail_text import SNIPPET_WINDOW, author_text, snippet
from goodwill.sources.records import Origin, SkippedRecord

type MessageWanted = Callable[[MailMessage], bool]
type DateFallback = Callable[[], tuple[datetime, DateSource] | None]

# What a message no header or file dates is dated: clearly not a real date, and sorts first.
UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_OBSOLETE_NAME = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*)[ \t]+:", re.MULTILINE)
# RFC 822's obsolete syntax allowed space before a header's colon ("Subject  : Hello").
_IDENTIFYING = ("from", "to", "date", "subject", "message-id", "received", "sender")
_STATUS_FLAGS = {"R": MailFlag.SEEN}
_X_STATUS_FLAGS = {
    "A": MailFlag.REPLIED,
    "F": MailFlag.FLAGGED,
    "T": MailFlag.DRAFT,
    "D": MailFlag.TRASHED,
}
# Thunderbird's X-Mozilla-Status bits.
_MOZILLA_FLAGS = {
    0x0001: MailFlag.SEEN,
    0x0002: MailFlag.REPLIED,
    0x0004: MailFlag.FLAGGED,
    0x0008: MailFlag.TRASHED,
    0x1000: MailFlag.PASSED,
}


@dataclass(frozen=True, slots=True)
class KeysWanted:
    """Wants the text of the messages whose key is in `keys`; picklable, so it travels to the
    worker processes that read a Maildir in parallel."""

    keys: frozenset[str]

    def __call__(self, message: MailMessage) -> bool:
        return message.key in self.keys


def every_message(message: MailMessage) -> bool:
    """Wants the text of every message."""
    return True


def no_message(message: MailMessage) -> bool:
    """Wants the text of no message."""
    return False


def read_message(
    raw: bytes,
    *,
    origin: MailOrigin,
    folder: str,
    flags: frozenset[MailFlag] = frozenset(),
    date_fallback: DateFallback | None = None,
    snippets: MessageWanted = no_message,
    bodies: MessageWanted = no_message,
) -> MailMessage | SkippedRecord:
    """The message in `raw`, or a SkippedRecord naming `origin` and what was wrong. Headers are
    always read; the snippet when `snippets(message)` says so, the body (and so the snippet)
    when `bodies(message)` does. `date_fallback` gives a date when no header holds one."""
    try:
        message = _headers_to_message(raw, origin, folder, flags, date_fallback)
    except Exception as exc:  # a parser bug must cost one message, not the import
        return skipped(origin, f"could not be read ({type(exc).__name__}: {exc})")
    if isinstance(message, str):
        return skipped(origin, message)
    want_body = bodies(message)
    if not (want_body or snippets(message)):
        return message
    try:
        text = author_text(raw, limit=None if want_body else SNIPPET_WINDOW)
    except Exception as exc:  # the headers are still worth keeping
        problem = f"the body could not be read ({type(exc).__name__}: {exc})"
        return replace(message, problems=(*message.problems, problem))
    return replace(message, snippet=snippet(text), body=text if want_body else None)


def skipped(origin: MailOrigin, reason: str) -> SkippedRecord:
    """A SkippedRecord for a message that could not be read."""
    return SkippedRecord(Origin(origin.path, origin.line, origin.number), reason)


def header_block(raw: bytes) -> bytes:
    """The bytes up to and including the blank line that ends the headers."""
    start = body_start(raw)
    return raw if start is None else raw[:start]


def _headers_to_message(
    raw: bytes,
    origin: MailOrigin,
    folder: str,
    flags: frozenset[MailFlag],
    date_fallback: DateFallback | None,
) -> MailMessage | str:
    if not raw.strip():
        return "is empty"
    if raw.startswith(b"From ") and not _OBSOLETE_NAME.match(raw):
        # An mbox From_ line left at the top of a single message file.
        raw = raw[raw.find(b"\n") + 1 :]
    block = header_block(raw)
    if b"\x00" in block:
        return "holds binary data, not a mail message"
    fields = _fields(block)
    if not any(name in fields for name in _IDENTIFYING):
        fields = _fields(_OBSOLETE_NAME.sub(rb"\1:", block))
    if not any(name in fields for name in _IDENTIFYING):
        return "has none of the headers a mail message has (From, To, Date, Subject)"

    def first(name: str) -> str:
        values = fields.get(name)
        return values[0] if values else ""

    charset_match = _CHARSET.search(first("content-type"))
    charset = charset_match[1] if charset_match else None
    problems: list[str] = []
    senders = addresses(fields.get("from", []) or fields.get("sender", []), charset)
    if len(senders) > 1:
        problems.append(f"more than one sender in From; the first is used ({len(senders)})")
    sender = senders[0] if senders else None
    if sender is None or not sender.address:
        problems.append(f"no sender address in From ({unfold(raw_text(first('from')))!r})")
    date, date_source = _date(fields, date_fallback, problems)
    own_id = message_id(first("message-id"))
    replied_to = message_ids(first("in-reply-to"))
    references = message_ids(" ".join(fields.get("references", [])))
    to = addresses(fields.get("to", []), charset)
    return MailMessage(
        key=own_id or _key_without_id(fields),
        message_id=own_id,
        origin=origin,
        folder=folder,
        sender=sender or _NOBODY,
        to=to,
        cc=addresses(fields.get("cc", []), charset),
        bcc=addresses(fields.get("bcc", []), charset),
        delivered_to=tuple(
            person.address
            for person in addresses(
                fields.get("delivered-to", []) + fields.get("x-original-to", []), charset
            )
            if person.address
        ),
        date=date,
        date_source=date_source,
        subject=header_text(first("subject"), charset),
        in_reply_to=replied_to[0] if replied_to else "",
        references=tuple(ref for ref in references if ref != own_id),
        list_id=header_text(first("list-id"), charset),
        list_unsubscribe=unfold(raw_text(first("list-unsubscribe"))),
        precedence=unfold(raw_text(first("precedence"))).lower(),
        auto_submitted=unfold(raw_text(first("auto-submitted"))).lower(),
        flags=flags | _status_flags(fields),
        labels=_labels(fields.get("x-gmail-labels", []), charset),
        problems=tuple(problems),
    )


_NOBODY = MailAddress("", "")


# What the email package's feed parser takes for a header line: an mbox From_ line, a name
# (printable ASCII but the colon, perhaps none) and a colon, or a continuation.
_HEADER_LINE = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")


def _fields(block: bytes) -> dict[str, list[str]]:
    """The header fields of a header block, each name lower-cased with its values in order.

    The same fields and values as BytesHeaderParser with the compat32 policy gives (its
    raw_items), rule for rule, without building a Message: the headers end at the first line
    that is neither a header nor a continuation, a continuation before any header is dropped,
    a From_ line is passed over (or ends the headers when it is the last line, as a body's
    first line), a line with no name is dropped, and a value keeps its folding but not its
    final line break. tests/sources/test_mail_header_fields.py holds both to the same
    answers, on real mail too."""
    text = block.decode("ascii", "surrogateescape")
    lines = []
    for line in io.StringIO(text, newline="").readlines():
        if not _HEADER_LINE.match(line):
            break
        lines.append(line)
    fields: dict[str, list[str]] = {}
    current: list[str] = []

    def store() -> None:
        name, value = current[0].split(":", 1)
        value = value.lstrip(" \t") + "".join(current[1:])
        fields.setdefault(name.strip().lower(), []).append(value.rstrip("\r\n"))

    for number, line in enumerate(lines):
        if line[0] in " \t":
            if current:
                current.append(line)
            continue
        if current:
            store()
            current = []
        if line.startswith("From "):
            if number == len(lines) - 1:
                return fields
            continue
        if line[0] == ":":
            continue
        current = [line]
    if current:
        store()
    return fields


def _date(
    fields: dict[str, list[str]], fallback: DateFallback | None, problems: list[str]
) -> tuple[datetime, DateSource]:
    written = fields.get("date", [""])[0]
    moment = parse_date(written) if written else None
    if moment is not None:
        return moment, DateSource.DATE_HEADER
    if written:
        problems.append(f"the Date header {unfold(raw_text(written))!r} is not a usable date")
    else:
        problems.append("no Date header")
    moment = received_date(fields.get("received", []))
    if moment is not None:
        return moment, DateSource.RECEIVED
    found = fallback() if fallback is not None else None
    if found is not None:
        return found
    problems.append("no date anywhere: the message is dated 1 January 1970")
    return UNKNOWN_DATE, DateSource.UNKNOWN


def _key_without_id(fields: dict[str, list[str]]) -> str:
    # The same four headers, byte for byte, give the same key in every run and every copy.
    digest = hashlib.sha256()
    for name in ("date", "from", "to", "subject"):
        value = unfold(fields.get(name, [""])[0])
        digest.update(value.encode("utf-8", "surrogateescape") + b"\n")
    return f"no-message-id:{digest.hexdigest()[:32]}"


def _status_flags(fields: dict[str, list[str]]) -> frozenset[MailFlag]:
    found: set[MailFlag] = set()
    for letter in fields.get("status", [""])[0].strip():
        if letter in _STATUS_FLAGS:
            found.add(_STATUS_FLAGS[letter])
    for letter in fields.get("x-status", [""])[0].strip():
        if letter in _X_STATUS_FLAGS:
            found.add(_X_STATUS_FLAGS[letter])
    mozilla = fields.get("x-mozilla-status", [""])[0].strip()
    if mozilla:
        try:
            bits = int(mozilla, 16)
        except ValueError:
            bits = 0
        found.update(flag for bit, flag in _MOZILLA_FLAGS.items() if bits & bit)
    return frozenset(found)


def _labels(values: list[str], charset: str | None) -> tuple[str, ...]:
    labels: list[str] = []
    for value in values:
        for label in header_text(value, charset).split(","):
            label = label.strip().strip('"').strip()
            if label:
                labels.append(label)
    return tuple(dict.fromkeys(labels))
