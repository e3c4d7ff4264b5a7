"""Whose mail it is: the user's own addresses, and which way each message went.

The user configures the addresses they know of; more are learned from what they sent. A message
is taken as sent by the user when it sits in a Sent folder (by its name in a dozen languages) or
carries Gmail's "Sent" label (Google Takeout). An address that sends at least two such messages
is the user's: one stray message (a redirected mail, a copy filed by hand) is not enough to
turn a stranger into the user. Maildir flags do not help here: 'S' means seen, not sent, and
'R' says the user answered a message, not which of their addresses it reached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from goodwill.sources.handles import normalize_email
from goodwill.sources.mail_bulk import is_no_reply
from goodwill.sources.mail_records import MailMessage
from goodwill.sources.records import Direction

# How many sent messages make an address the user's.
MIN_SENT = 2

# The last part of a Sent folder's name, lower-cased, in the languages mail clients ship in.
_SENT_FOLDERS = frozenset(
    {
        "sent",
        "sent items",
        "sent mail",
        "sent messages",
        "sent-mail",
        "gesendet",
        "gesendete objekte",
        "gesendete elemente",
        "gesendete nachrichten",
        "envoyés",
        "éléments envoyés",
        "messages envoyés",
        "enviados",
        "elementos enviados",
        "itens enviados",
        "mensajes enviados",
        "posta inviata",
        "inviati",
        "elementi inviati",
        "verzonden",
        "verzonden items",
        "skickat",
        "skickade objekt",
        "sendt",
        "sendte elementer",
        "sendte",
        "lähetetyt",
        "wysłane",
        "elementy wysłane",
        "odeslané",
        "odoslané",
        "elküldött",
        "gönderilmiş öğeler",
        "отправленные",
        "送信済み",
        "已发送",
        "보낸편지함",
    }
)


def is_sent_folder(folder: str) -> bool:
    """True for a folder whose name says it holds what the user sent ('Sent', 'INBOX.Sent',
    '[Gmail]/Sent Mail', 'Gesendete Objekte', ...)."""
    last = folder.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[-1]
    return last.strip().lower() in _SENT_FOLDERS or folder.strip().lower() in _SENT_FOLDERS


def looks_sent(message: MailMessage) -> bool:
    """True when the mailbox says the user sent this message: a Sent folder or a Sent label."""
    return is_sent_folder(message.folder) or any(
        label.lower() == "sent" for label in message.labels
    )


@dataclass
class OwnAddresses:
    """The user's addresses: those configured, and those learned from what they sent, with how
    many sent messages taught each one. Feed it messages with `learn`, read `addresses`."""

    configured: frozenset[str]
    min_sent: int = MIN_SENT
    sent_counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_configured(cls, addresses: Iterable[str], min_sent: int = MIN_SENT) -> OwnAddresses:
        """Starts from the addresses the user gave; HandleError names one that is no address."""
        return cls(frozenset(normalize_email(address) for address in addresses), min_sent)

    def learn(self, message: MailMessage) -> None:
        """Counts the sender of a message the mailbox says the user sent."""
        address = message.sender.address
        if address and looks_sent(message) and not is_no_reply(address):
            self.sent_counts[address] += 1

    @property
    def inferred(self) -> frozenset[str]:
        """The addresses learned from sent mail that were not configured."""
        return frozenset(
            address
            for address, count in self.sent_counts.items()
            if count >= self.min_sent and address not in self.configured
        )

    @property
    def addresses(self) -> frozenset[str]:
        """Every address that is the user's."""
        return self.configured | self.inferred

    def reasons(self) -> list[str]:
        """One line per inferred address saying why it is taken as the user's."""
        return [
            f"{address}: sent {self.sent_counts[address]} messages filed as sent"
            for address in sorted(self.inferred)
        ]


def own_addresses(
    messages: Iterable[MailMessage], configured: Iterable[str], min_sent: int = MIN_SENT
) -> OwnAddresses:
    """The user's addresses: `configured`, and every address that sent at least `min_sent` of
    the messages filed as sent (Sent folders, Gmail's Sent label)."""
    own = OwnAddresses.from_configured(configured, min_sent)
    for message in messages:
        own.learn(message)
    return own


def mail_direction(message: MailMessage, own: frozenset[str]) -> Direction | None:
    """FROM_ME when one of the user's addresses sent the message, TO_ME when one of them is
    among its recipients (To, Cc, Bcc, Delivered-To), None when neither (a list's mail that
    names only the list, say)."""
    if message.sender.address in own:
        return Direction.FROM_ME
    if any(person.address in own for person in message.recipients):
        return Direction.TO_ME
    if any(address in own for address in message.delivered_to):
        return Direction.TO_ME
    return None
