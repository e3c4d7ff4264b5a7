"""Which messages are worth reading past their headers, decided from the headers alone, in the
worker processes that read a mailbox: so it must pickle, and import nothing heavy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from goodwill.sources.mail_records import MailMessage


@dataclass(frozen=True, slots=True)
class RecentWanted:
    """Wants messages dated at or after `since`: the ones whose asks and offers can still be
    on the reply radar, so whose text is read for detection."""

    since: datetime

    def __call__(self, message: MailMessage) -> bool:
        return message.date >= self.since


@dataclass(frozen=True, slots=True)
class RecentOrKnownWanted:
    """Wants messages dated at or after `since`, and messages from or to any of `addresses`
    (the user's contacts): snippets are shown on a contact's timeline, so only mail that reaches
    one is worth reading for a snippet."""

    since: datetime
    addresses: frozenset[str]

    def __call__(self, message: MailMessage) -> bool:
        if message.date >= self.since or message.sender.address in self.addresses:
            return True
        return any(person.address in self.addresses for person in message.recipients)
