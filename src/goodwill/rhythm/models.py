"""What keeping in touch needs beyond the network itself: each user's rhythm (how much a day,
the digest), what they decided about Today's items, their calendar feed, and events they went to.

Every row has an owner, as in the network app; writes go through rhythm/services.py.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from goodwill.insight.today import ItemKind
from goodwill.network.models import Contact, Interaction, Owned

DEFAULT_DAILY_LIMIT = 7
DEFAULT_DIGEST_HOUR = 7


class RhythmSettings(models.Model):
    """One user's pace: how many things Today asks of them a day, and the daily digest."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    daily_limit = models.PositiveSmallIntegerField(
        default=DEFAULT_DAILY_LIMIT, help_text="How many things Today asks of you a day."
    )
    digest_enabled = models.BooleanField(default=False)
    digest_email = models.EmailField(blank=True)
    digest_hour = models.PositiveSmallIntegerField(
        default=DEFAULT_DIGEST_HOUR, help_text="The hour of the day the digest is sent, 0 to 23."
    )
    digest_last_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(daily_limit__range=(1, 50)), name="rhythm_daily_limit_humane"
            ),
            models.CheckConstraint(
                condition=Q(digest_hour__range=(0, 23)), name="rhythm_digest_hour_of_day"
            ),
        ]

    def __str__(self) -> str:
        return f"rhythm of user {self.owner_id}"


class TodayDecision(Owned):
    """What the user did with one of Today's items: did it, logged what happened, snoozed it
    until a date, or dismissed this occurrence of it (the same item with a new reason returns)."""

    class Action(models.TextChoices):
        DONE = "done", "Done"
        LOGGED = "logged", "Logged what happened"
        SNOOZED = "snoozed", "Snoozed"
        DISMISSED = "dismissed", "Dismissed"

    # insight.today.ItemKind values; subject_id is the loop's, contact's or attendee's id.
    item_kind = models.CharField(max_length=20)
    subject_id = models.PositiveBigIntegerField()

    # For `goodwill backup`: subject_id is an id without a foreign key; which model it is an id
    # of depends on item_kind, so a restore can give it the subject's new id.
    backup_id_columns: ClassVar[dict[str, tuple[str, dict[str, str]]]] = {
        "subject_id": (
            "item_kind",
            {
                ItemKind.WAITING_ON_YOU.value: "network.Loop",
                ItemKind.SILENCE.value: "network.Loop",
                ItemKind.DRIFTING.value: "network.Contact",
                ItemKind.FOLLOW_UP.value: "rhythm.EventAttendee",
            },
        )
    }
    occurrence = models.DateTimeField(help_text="The item's 'since': which occurrence this was.")
    action = models.CharField(max_length=10, choices=Action.choices)
    until = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "decided_at"], name="today_decision_recent_idx"),
            models.Index(fields=["owner", "action", "until"], name="today_decision_hidden_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action="snoozed", until__isnull=False)
                | ~Q(action="snoozed") & Q(until__isnull=True),
                name="today_decision_snooze_has_until",
            ),
        ]
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.item_kind} {self.subject_id}"


class CalendarFeed(Owned):
    """A secret calendar URL. Only the token's SHA-256 is kept: the URL is shown once, and a
    revoked feed answers 404 like a URL that never existed."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "revoked_at"], name="calendar_feed_live_idx")]
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"calendar feed of user {self.owner_id}"


class Event(Owned):
    """A meetup, conference or dinner the user went to; the people met there are attendees."""

    name = models.CharField(max_length=200)
    held_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()
    # The event interaction on each attendee's timeline, so meeting them resets their clock.
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["owner", "-held_on"], name="event_recent_idx")]
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.name


class EventAttendee(Owned):
    """Someone met at an event, what they need, and the follow-up they are owed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    needs = models.CharField(max_length=300, blank=True)
    follow_up_due_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "contact"], name="event_attendee_once"),
        ]
        indexes = [
            models.Index(fields=["owner", "follow_up_due_at"], name="event_follow_up_idx"),
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"contact {self.contact_id} at event {self.event_id}"


class PositionSeen(Owned):
    """The job title and organization last seen for a contact, and when they last changed, so
    Today can say "a new position" after an import brought one."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=200, blank=True)
    organization = models.CharField(max_length=200, blank=True)
    previous_position = models.CharField(max_length=200, blank=True)
    previous_organization = models.CharField(max_length=200, blank=True)
    seen_at = models.DateTimeField()
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "changed_at"], name="position_changed_idx")]

    def __str__(self) -> str:
        return f"position of contact {self.contact_id}"
