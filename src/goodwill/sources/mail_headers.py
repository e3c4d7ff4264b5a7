"""Header values decoded by hand: encoded words, raw 8-bit bytes, addresses, dates, Message-IDs.

The email package's modern policy does all of this too, at about fifteen times the cost, and
raises on charsets it does not know. Header values here are as the compat32 policy leaves them
(mail_parse reads header blocks by its rules): as the bytes were, 8-bit bytes carried as
surrogate escapes. Every function below turns such a raw value into text without raising.
"""

from __future__ import annotations

import binascii
import re
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parsedate_tz
from functools import lru_cache

from goodwill.sources.handles import EMAIL_PATTERN, HandleError, normalize_email
from goodwill.sources.mail_charsets import decode_bytes
from goodwill.sources.mail_records import MailAddress

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([qQbB])\?([^?]*)\?=")
_MESSAGE_ID = re.compile(r"<\s*([^<>\s]+?)\s*>")
_BARE_ADDRESS_NAME = re.compile(r'(^|,)\s*([^,"<>()]+@[^,"<>()]+?)\s*<')
_SURROGATES = re.compile(r"[\udc80-\udcff]")
# Before this, a date is a zeroed clock or a typo, not a real message.
EARLIEST_PLAUSIBLE = datetime(1971, 1, 1, tzinfo=UTC)
# How far past "now" a date may run (clocks drift, zones differ) before it counts as broken.
FUTURE_SLACK = timedelta(days=2)


def unfold(value: str) -> str:
    """One line with runs of whitespace made single spaces, as header folding intends."""
    return " ".join(value.split())


def raw_text(value: str, charset: str | None = None) -> str:
    """A header value as the parser left it (8-bit bytes as surrogate escapes) turned into
    text: UTF-8 when the bytes are UTF-8 (RFC 6532), else `charset`, else Windows-1252."""
    if not _SURROGATES.search(value):
        return value
    return decode_bytes(value.encode("ascii", "surrogateescape"), charset)


def decode_words(text: str) -> str:
    """Text with its RFC 2047 encoded words decoded. Adjacent words in one charset are joined
    before decoding, since senders split multi-byte characters across them; a word that does
    not decode is left as written."""
    if "=?" not in text:
        return text
    pieces: list[str] = []
    pending = bytearray()
    pending_charset = ""
    position = 0
    after_word = False
    for match in _ENCODED_WORD.finditer(text):
        charset, encoding, payload = match.groups()
        data = _word_bytes(encoding, payload)
        if data is None:
            continue  # stays in the text between words, as written
        between = text[position : match.start()]
        # Whitespace between two encoded words is folding, not content (RFC 2047, 6.2).
        if between and not (after_word and not between.strip()):
            pieces.append(decode_bytes(bytes(pending), pending_charset))
            pending.clear()
            pieces.append(between)
        elif pending and charset.lower() != pending_charset.lower():
            pieces.append(decode_bytes(bytes(pending), pending_charset))
            pending.clear()
        pending_charset = charset
        pending.extend(data)
        position = match.end()
        after_word = True
    pieces.append(decode_bytes(bytes(pending), pending_charset))
    pieces.append(text[position:])
    return "".join(pieces)


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "qQ":
            return binascii.a2b_qp(payload.encode("ascii", "surrogateescape"), header=True)
        raw = payload.encode("ascii", "surrogateescape").strip()
        return binascii.a2b_base64(raw + b"=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return None


def header_text(value: str, charset: str | None = None) -> str:
    """A header value as a person reads it: unfolded, 8-bit bytes decoded, encoded words
    decoded, whitespace collapsed."""
    return unfold(decode_words(raw_text(unfold(value), charset)))


def addresses(values: list[str], charset: str | None = None) -> tuple[MailAddress, ...]:
    """Every address in the given header values (To, Cc, ...), names decoded. Entries that hold
    no address (groups, 'undisclosed-recipients:;') are left out; an address that is not one
    keeps its name with an empty address."""
    if len(values) == 1:
        return _addresses_in(values[0], charset)
    return tuple(person for value in values for person in _addresses_in(value, charset))


# A mailbox repeats the same few address headers (the user's own To: above all) endlessly.
@lru_cache(maxsize=8192)
def _addresses_in(value: str, charset: str | None) -> tuple[MailAddress, ...]:
    text = _quote_address_names(raw_text(unfold(value), charset))
    pairs = getaddresses([text])
    if any("=?" in address for _, address in pairs):
        # Some senders encode the whole "Name <address>" as one word: decode, then split.
        pairs = getaddresses([decode_words(text)])
    found = (_address(name, address) for name, address in pairs)
    return tuple(person for person in found if person is not None)


def _quote_address_names(text: str) -> str:
    # "ann@example.com <bob@example.com>": a display name that is itself an address splits in
    # two unless quoted.
    if text.count("@") < 2 or "<" not in text:
        return text
    return _BARE_ADDRESS_NAME.sub(r'\1"\2" <', text)


def _address(name: str, address: str) -> MailAddress | None:
    name = unfold(decode_words(name)).strip("\"' ")
    try:
        normalized = normalize_email(address)
    except HandleError:
        normalized = ""
    if not normalized and not name:
        return None
    if "@" in name and EMAIL_PATTERN.match(name.strip("<>")):
        name = ""  # an address where a name belongs says nothing, or something misleading
    return MailAddress(name=name, address=normalized)


def message_ids(value: str) -> tuple[str, ...]:
    """The Message-IDs in a References or In-Reply-To value, in order, each once. Values
    without angle brackets give their words that look like ids (hold an '@')."""
    text = raw_text(value)
    found = _MESSAGE_ID.findall(text)
    if not found:
        found = [word.strip("<>,;") for word in text.split() if "@" in word]
    return tuple(dict.fromkeys(found))


def message_id(value: str) -> str:
    """The one Message-ID a Message-ID header holds, without angle brackets; '' for none."""
    ids = message_ids(value)
    if ids:
        return ids[0]
    word = unfold(raw_text(value))
    return word if word and " " not in word else ""


def parse_date(value: str, now: datetime | None = None) -> datetime | None:
    """An aware UTC moment from an RFC 5322 date (and the usual damage to one), or None when
    the text is no date or an implausible one (before 1971, or days in the future)."""
    try:
        parts = parsedate_tz(unfold(raw_text(value)))
    except (ValueError, IndexError, TypeError, OverflowError):
        return None
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    offset = parts[9] or 0
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        moment -= timedelta(seconds=offset)
    except (ValueError, OverflowError):
        return None
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    if not EARLIEST_PLAUSIBLE <= moment <= latest:
        return None
    return moment


def received_date(values: list[str]) -> datetime | None:
    """When the message reached the user's server: the date after the ';' of the topmost
    Received header that has a readable one."""
    for value in values:
        _, semicolon, stamp = value.rpartition(";")
        if semicolon:
            moment = parse_date(stamp)
            if moment is not None:
                return moment
    return None
