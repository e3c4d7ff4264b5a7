"""What mail leaves behind: accounts and sync positions, threads and messages (headers, a
snippet and what was detected; whole bodies only when asked), the reply radar's items, the user's
dismissals, the people written with, and what each import read and left out.

Every row has an owner, and every query goes through selectors.py or services.py. Interactions,
loops and contacts live in goodwill.network and are written only through its services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from goodwill.network.models import Contact, Interaction, Loop


class Owned(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class MailAccount(Owned):
    """An IMAP account. The password is never stored: it comes from the OS keyring or from the
    environment variable named in `password_env`."""

    class Security(models.TextChoices):
        TLS = "tls", "TLS"
        STARTTLS = "starttls", "STARTTLS"
        NONE = "none", "none (loopback and tests only)"

    name = models.CharField(max_length=100)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField()
    security = models.CharField(max_length=10, choices=Security.choices, default=Security.TLS)
    username = models.CharField(max_length=255)
    folders = models.JSONField(default=list, help_text="Folders to read; empty means INBOX.")
    password_env = models.CharField(
        max_length=100, blank=True, help_text="The environment variable holding the password."
    )
    keep_bodies = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="mail_account_name_per_owner"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.username}@{self.host})"


class FolderState(Owned):
    """How far an IMAP folder has been read: its UIDVALIDITY and the highest UID stored."""

    account = models.ForeignKey(MailAccount, on_delete=models.CASCADE, related_name="states")
    folder = models.CharField(max_length=500)
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "folder"], name="mail_folder_state_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.folder}: UID {self.last_uid} of {self.uidvalidity}"


class MailSource(Owned):
    """A mailbox on disk imported before, with the Maildir file names already read, so that
    re-importing it reads only the files that are new."""

    path = models.CharField(max_length=1000)
    kind = models.CharField(max_length=10)
    # zlib-compressed, newline-separated unique parts of Maildir file names (flags left off).
    seen_names = models.BinaryField(default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "path"], name="mail_source_unique"),
        ]

    def __str__(self) -> str:
        return self.path


class OwnAddress(Owned):
    """An address of the user's: configured, or learnt from the mail they sent."""

    address = models.CharField(max_length=320)
    configured = models.BooleanField(default=False)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "address"], name="mail_own_address_unique"),
        ]
        ordering = ["address"]

    def __str__(self) -> str:
        return self.address


class MailImport(Owned):
    """One import or sync: what it read, what was new, and what it left out and why."""

    source = models.CharField(max_length=1000)
    kind = models.CharField(max_length=10)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    read = models.PositiveIntegerField(default=0)
    known = models.PositiveIntegerField(default=0, help_text="Already stored; skipped.")
    stored = models.PositiveIntegerField(default=0)
    unreadable = models.PositiveIntegerField(default=0)
    unreadable_examples = models.JSONField(default=list)
    # Reason (mail_bulk.LeftOutReason's text) -> how many messages it left out.
    left_out = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.source}"

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


class MailThread(Owned):
    """One conversation; with a contact among its correspondents it is one interaction."""

    key = models.CharField(max_length=300)
    subject = models.CharField(max_length=500, blank=True)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    # The correspondents' addresses (not the user's), space-separated, for relinking.
    addresses = models.TextField(blank=True)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="mail_threads"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="mail_thread_unique"),
        ]
        ordering = ["-last_at"]

    def __str__(self) -> str:
        return self.subject or self.key


class Message(Owned):
    """One message: headers, a snippet of at most 280 characters, and the body only when the
    user asked to keep bodies. `thread` is empty until the message has been threaded."""

    thread = models.ForeignKey(
        MailThread, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    key = models.CharField(max_length=300)
    message_id = models.CharField(max_length=300, blank=True)
    in_reply_to = models.CharField(max_length=300, blank=True)
    references = models.TextField(blank=True, help_text="Message-IDs, space-separated.")
    subject = models.CharField(max_length=500, blank=True)
    sender_name = models.CharField(max_length=300, blank=True)
    sender_address = models.CharField(max_length=320, blank=True)
    to = models.TextField(blank=True, help_text="To and Cc as the headers named them.")
    # Every recipient address and Delivered-To, space-separated: what direction is read from.
    addresses = models.TextField(blank=True)
    sent_at = models.DateTimeField()
    folder = models.CharField(max_length=500, blank=True)
    origin = models.CharField(max_length=1000, blank=True)
    replied = models.BooleanField(default=False, help_text="The mailbox says you answered it.")
    direction = models.CharField(max_length=4, blank=True)
    snippet = models.CharField(max_length=280, blank=True)
    body = models.TextField(blank=True)
    # Whether the author's text was read for asks, offers and promises.
    detected = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="mail_message_unique"),
        ]
        indexes = [
            models.Index(fields=["owner", "thread"], name="mail_message_thread_idx"),
            models.Index(fields=["owner", "message_id"], name="mail_message_id_idx"),
        ]
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return self.subject or self.key


class Detection(Owned):
    """An ask, offer or promise found in one sentence of a message, and why."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="detections")
    kind = models.CharField(max_length=10)
    sentence = models.CharField(max_length=500)
    score = models.FloatField()
    why = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.sentence}"


class RadarItem(Owned):
    """An ask or offer in one message and where it stands, as the thread shows it; with a
    contact, an ask is also a loop, opened, acknowledged and closed from the mail."""

    class State(models.TextChoices):
        OPEN = "open", "waiting for a reply"
        ACKNOWLEDGED = "acknowledged", "acknowledged"
        ANSWERED = "answered", "answered"
        SUPERSEDED = "superseded", "asked again later"
        TAKEN_UP = "taken_up", "taken up, not yet kept"
        KEPT = "kept", "taken up and kept"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="radar_items")
    thread = models.ForeignKey(MailThread, on_delete=models.CASCADE, related_name="radar_items")
    kind = models.CharField(max_length=10)
    whose = models.CharField(max_length=10)
    summary = models.CharField(max_length=500)
    state = models.CharField(max_length=14, choices=State.choices)
    opened_at = models.DateTimeField()
    state_at = models.DateTimeField()
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loop = models.ForeignKey(
        Loop, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "kind"], name="mail_radar_item_unique"),
            models.CheckConstraint(condition=Q(kind__in=["ask", "offer"]), name="mail_radar_kind"),
        ]
        indexes = [models.Index(fields=["owner", "kind", "state"], name="mail_radar_state_idx")]
        ordering = ["opened_at", "pk"]

    def __str__(self) -> str:
        return self.summary


class Dismissal(Owned):
    """The user said a radar item is nothing: by message key and kind, so it outlives every
    later sync, even one that stores the message anew."""

    message_key = models.CharField(max_length=300)
    kind = models.CharField(max_length=10)
    dismissed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "message_key", "kind"], name="mail_dismissal_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in {self.message_key}"


class Correspondent(Owned):
    """Someone the user's mail went to or came from: how often each way, and the contact the
    address belongs to. Written with both ways and no contact: a suggested contact."""

    address = models.CharField(max_length=320)
    name = models.CharField(max_length=300, blank=True)
    inbound = models.PositiveIntegerField(default=0)
    outbound = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField()
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ignored = models.BooleanField(default=False, help_text="Not to be suggested again.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "address"], name="mail_correspondent_unique"),
        ]
        ordering = ["-last_at"]

    def __str__(self) -> str:
        return self.address
