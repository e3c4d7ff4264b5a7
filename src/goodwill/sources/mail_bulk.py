"""Which messages are no conversation with a person: mailing lists, newsletters, bulk mail,
automatic replies and robots. Each is left out with its reason, and the reasons are counted so
the user sees what was left out.

Two kinds of evidence. Headers only machines write (List-Id, Precedence, Auto-Submitted) and
robot senders (no-reply, mailer-daemon) leave a message out whoever sent it. The two guesses
(a List-Unsubscribe link, more than 20 recipients) never leave out mail from a personal provider
(gmail.com and the like): that is where freelancers' networks write from, and a person's
invitation to 25 friends or a message sent with Gmail's multi-send is still that person's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from goodwill.sources.mail_records import MailMessage

MAX_RECIPIENTS = 20


class LeftOutReason(StrEnum):
    """Why a message was left out, as the import report says it."""

    MAILING_LIST = "mailing list (List-Id)"
    BULK = "bulk mail (Precedence: bulk, list or junk)"
    AUTOMATIC = "sent automatically (Auto-Submitted)"
    NO_REPLY = "robot sender (no-reply, mailer-daemon)"
    NEWSLETTER = "newsletter (List-Unsubscribe)"
    MANY_RECIPIENTS = f"more than {MAX_RECIPIENTS} recipients"


_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_NO_REPLY = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|^(?:mailer[-_.]?daemon|postmaster|bounces?)(?:[-+._]|$)",
    re.IGNORECASE,
)
# Providers where people, not companies, hold addresses. Country variants of the big brands
# (hotmail.co.uk, yahoo.fr, gmx.at, ...) are matched by a pattern below.
PERSONAL_PROVIDERS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "rocketmail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "protonmail.ch",
        "pm.me",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "zoho.com",
        "zohomail.com",
        "tutanota.com",
        "tuta.io",
        "mail.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "freenet.de",
        "posteo.de",
        "mailbox.org",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "libero.it",
        "virgilio.it",
        "seznam.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "onet.pl",
        "bluewin.ch",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "btinternet.com",
        "sky.com",
        "shaw.ca",
        "rogers.com",
        "bigpond.com",
    }
)
_PERSONAL_BRAND_ABROAD = re.compile(
    r"^(?:gmail|hotmail|outlook|live|yahoo|gmx|aol)\.(?:[a-z]{2}|com?\.[a-z]{2})$"
)


def is_personal_provider(address: str) -> bool:
    """True for an address at a provider where people hold their own addresses."""
    domain = address.rpartition("@")[2].lower()
    return domain in PERSONAL_PROVIDERS or bool(_PERSONAL_BRAND_ABROAD.match(domain))


def is_no_reply(address: str) -> bool:
    """True for an address no person reads: no-reply, do-not-reply, mailer-daemon, ..."""
    return bool(_NO_REPLY.search(address.partition("@")[0]))


def left_out_reason(
    message: MailMessage, max_recipients: int = MAX_RECIPIENTS
) -> LeftOutReason | None:
    """Why the message is no conversation with a person, or None to keep it."""
    if message.list_id:
        return LeftOutReason.MAILING_LIST
    if message.precedence in _BULK_PRECEDENCE:
        return LeftOutReason.BULK
    if message.auto_submitted and message.auto_submitted.split(";", 1)[0].strip() != "no":
        return LeftOutReason.AUTOMATIC
    if message.sender.address and is_no_reply(message.sender.address):
        return LeftOutReason.NO_REPLY
    if is_personal_provider(message.sender.address):
        return None
    if message.list_unsubscribe:
        return LeftOutReason.NEWSLETTER
    if message.recipient_count > max_recipients:
        return LeftOutReason.MANY_RECIPIENTS
    return None


@dataclass
class LeftOutCounts:
    """How many messages were kept, and how many were left out for each reason."""

    kept: int = 0
    left_out: Counter[LeftOutReason] = field(default_factory=Counter)

    def add(self, reason: LeftOutReason | None) -> None:
        """Counts one message, kept when `reason` is None."""
        if reason is None:
            self.kept += 1
        else:
            self.left_out[reason] += 1

    @property
    def total_left_out(self) -> int:
        """Every message left out, whatever the reason."""
        return sum(self.left_out.values())

    def lines(self) -> list[str]:
        """One line per reason, most common first: '412 left out: mailing list (List-Id)'."""
        return [
            f"{count} left out: {reason}"
            for reason, count in sorted(self.left_out.items(), key=lambda item: (-item[1], item[0]))
        ]


def kept_mail(
    messages: Iterable[MailMessage],
    counts: LeftOutCounts,
    max_recipients: int = MAX_RECIPIENTS,
) -> Iterator[MailMessage]:
    """The messages that are conversations with people, counting in `counts` why each of the
    others was left out."""
    for message in messages:
        reason = left_out_reason(message, max_recipients)
        counts.add(reason)
        if reason is None:
            yield message
