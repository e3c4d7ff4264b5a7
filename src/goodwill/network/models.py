"""The network: contacts, how to reach them, what happened between you, and what is owed.

Every row has an owner, and every query goes through selectors.py or services.py, which take the
owner. Models keep fields, constraints and single-row validation; behaviour lives in services.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Owned(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Organization(Owned):
    name = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="organization_unique_per_owner"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Circle(Owned):
    """A tier with a keep-in-touch cadence; a Circle with no cadence never nags (Dormant)."""

    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Ideal days between touches; empty means never remind."
    )
    response_window_days = models.PositiveIntegerField(
        default=7, help_text="How long your asks may wait for a reply before it counts as silence."
    )
    # Past the ideal a contact is drifting; past the maximum the relationship is at risk, and
    # Today puts them first. Empty: the ideal is the maximum.
    max_cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most days between touches before it is urgent."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="circle_unique_per_owner"),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True) | Q(cadence_days__gt=0),
                name="circle_cadence_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_cadence_days__isnull=True)
                | Q(cadence_days__isnull=False, max_cadence_days__gte=F("cadence_days")),
                name="circle_max_cadence_not_below_ideal",
            ),
            models.CheckConstraint(
                condition=Q(response_window_days__gt=0), name="circle_response_window_positive"
            ),
        ]
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Contact(Owned):
    full_name = models.CharField(max_length=200)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    position = models.CharField("job title", max_length=200, blank=True)
    circle = models.ForeignKey(Circle, on_delete=models.PROTECT, related_name="contacts")
    cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Overrides the circle's cadence for this contact."
    )
    max_cadence_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Overrides the circle's maximum for this contact."
    )
    # Today and the reminders leave the contact alone until then; the clock itself runs on.
    snoozed_until = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()
    # Kept by services.py whenever an interaction is logged or the cadence changes, so that Today
    # is one indexed range scan instead of an aggregate over every interaction.
    last_touch_at = models.DateTimeField(null=True, blank=True)
    touch_due_at = models.DateTimeField(null=True, blank=True)
    # Many address books know the day of a birthday but not the year.
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    connected_on = models.DateField(
        null=True, blank=True, help_text="When you connected, as LinkedIn says."
    )
    # Where each imported value came from: field name -> source format ("linkedin", "vcard", ...)
    # or "user" once the user typed it. A field without an entry holds what the user typed when
    # they created the contact (or nothing); an import never overwrites a user's value.
    field_sources = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "touch_due_at"], name="contact_due_idx"),
            models.Index(fields=["owner", "full_name"], name="contact_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True) | Q(cadence_days__gt=0),
                name="contact_cadence_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_cadence_days__isnull=True) | Q(max_cadence_days__gt=0),
                name="contact_max_cadence_positive",
            ),
            models.CheckConstraint(
                condition=Q(birthday_month__isnull=True, birthday_day__isnull=True)
                | Q(birthday_month__range=(1, 12), birthday_day__range=(1, 31)),
                name="contact_birthday_is_a_day",
            ),
        ]
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Handle(Owned):
    """A way to reach or recognise a contact, stored normalised so that matching is exact."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        LINKEDIN = "linkedin", "LinkedIn"
        WEBSITE = "website", "Website"
        FEED = "feed", "Feed"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="handles")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=500, help_text="As the user or the source wrote it.")
    normalized = models.CharField(max_length=500)
    # "manual" when the user typed it, else the format of the import that brought it.
    source = models.CharField(max_length=40, default="manual")
    import_run = models.ForeignKey(
        "ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "normalized"], name="handle_unique_per_owner_kind"
            ),
        ]
        ordering = ["kind", "normalized"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Direction(models.TextChoices):
    FROM_ME = "out", "from you"
    TO_ME = "in", "to you"
    BOTH = "both", "both ways"


class Interaction(Owned):
    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        MESSAGE = "message", "Message"
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        EVENT = "event", "Event"
        SOCIAL = "social", "Social"
        NOTE = "note", "Note"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.BOTH)
    occurred_at = models.DateTimeField()
    summary = models.CharField(max_length=300)
    details = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="manual")
    source_key = models.CharField(
        max_length=300, blank=True, help_text="The source's own id, so an import stores it once."
    )
    contacts = models.ManyToManyField(Contact, through="Participation", related_name="interactions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "source_key"],
                condition=~Q(source_key=""),
                name="interaction_unique_per_source_key",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-occurred_at"], name="interaction_recent_idx")]
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return self.summary


class Participation(Owned):
    """One contact's part in an interaction (several contacts may take part in one)."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="participations"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="participations")
    # A copy of the interaction's time, so a contact's timeline is one index range.
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "contact"], name="participation_unique"),
        ]
        indexes = [
            models.Index(fields=["contact", "-occurred_at"], name="participation_timeline_idx"),
        ]

    def __str__(self) -> str:
        return f"contact {self.contact_id} in interaction {self.interaction_id}"


class Loop(Owned):
    """An ask, offer or promise waiting on a response: open, then acknowledged, then closed."""

    class Kind(models.TextChoices):
        ASK = "ask", "Ask"
        OFFER = "offer", "Offer"
        PROMISE = "promise", "Promise"

    class Whose(models.TextChoices):
        MINE = "mine", "Yours"
        THEIRS = "theirs", "Theirs"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        DECLINED = "declined", "Declined"
        DROPPED = "dropped", "Dropped"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="loops")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="loops"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    whose = models.CharField(max_length=10, choices=Whose.choices)
    summary = models.CharField(max_length=300)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    opened_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    response_window_days = models.PositiveIntegerField(
        help_text="How long a reply may take before the wait counts as silence."
    )
    # opened_at + response_window_days, kept by services.py so silence is an indexed comparison.
    reply_due_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status="closed", closed_at__isnull=False) & ~Q(outcome="")
                    | ~Q(status="closed") & Q(closed_at__isnull=True, outcome="")
                ),
                name="loop_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(response_window_days__gt=0), name="loop_response_window_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "whose", "reply_due_at"], name="loop_open_idx"),
            models.Index(fields=["contact", "-opened_at"], name="loop_contact_idx"),
        ]
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.summary


class Give(Owned):
    """Something of value that flowed between you and a contact, either way."""

    class Kind(models.TextChoices):
        HELP = "help", "Help"
        INTRODUCTION = "introduction", "Introduction"
        REFERRAL = "referral", "Referral"
        ARTICLE = "article", "Shared article"
        ENDORSEMENT = "endorsement", "Endorsement"
        RECOMMENDATION = "recommendation", "Recommendation"
        ADVICE = "advice", "Advice"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="gives")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="gives"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    direction = models.CharField(
        max_length=4,
        choices=[(Direction.FROM_ME.value, "you gave"), (Direction.TO_ME.value, "you received")],
    )
    summary = models.CharField(max_length=300)
    occurred_at = models.DateTimeField()
    source = models.CharField(max_length=40, default="manual")
    source_key = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=["out", "in"]), name="give_direction_one_way"
            ),
            models.UniqueConstraint(
                fields=["owner", "source", "source_key"],
                condition=~Q(source_key=""),
                name="give_unique_per_source_key",
            ),
        ]
        indexes = [models.Index(fields=["contact", "-occurred_at"], name="give_contact_idx")]
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return self.summary


class Share(Owned):
    """An article or link sent to one contact with a note; never the same item twice."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="shares")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    shared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "contact", "url"], name="share_once_per_contact"
            ),
        ]
        ordering = ["-shared_at"]

    def __str__(self) -> str:
        return self.title or self.url


class ContactPhoto(Owned):
    """A contact's picture, kept as the bytes an import brought; apart from Contact so that
    lists of contacts never load pictures."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="photo")
    data = models.BinaryField()
    mime_type = models.CharField(max_length=100)
    source = models.CharField(max_length=40, default="manual")

    def __str__(self) -> str:
        return f"photo of contact {self.contact_id}"


class ImportRun(Owned):
    """One file imported (or tried, with dry_run): what it was and what it changed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    # The files of one upload or one `goodwill import` command share a batch.
    batch = models.UUIDField(default=uuid.uuid4, db_index=True)
    file_name = models.CharField(max_length=300)
    file_size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(max_length=20, blank=True, help_text="Forced, or as detected.")
    default_region = models.CharField(max_length=2, default="US")
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    # The upload kept in GOODWILL_HOME/imports/ between preview and confirm; blank once gone.
    stored_file = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    duplicates_suggested = models.PositiveIntegerField(default=0)
    # A byte-identical file this owner had imported before: this run read nothing and changed
    # nothing, and its counts and skipped records are that run's.
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="import_run_recent_idx")]
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ImportSkip(Owned):
    """A record an import left out, or a value it left out of a record it kept, and why."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="skips")
    location = models.CharField(max_length=300)
    reason = models.TextField()
    record_kept = models.BooleanField(
        default=False, help_text="The record was imported; only this value was left out."
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


class MergeSuggestion(Owned):
    """Two contacts that are probably one person, with the reasons; the user decides. Dismissed
    means "not the same person", kept so that the pair is never suggested again. Merged is the
    history of a merge: contact_a is the contact kept, contact_b is empty (that contact is gone)
    and absorbed_name says who it was."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Not the same person"
        MERGED = "merged", "Merged"

    # contact_a has the smaller id, so each pair has one row (until merged: see above).
    contact_a = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    contact_b = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    absorbed_name = models.CharField(max_length=200, blank=True)
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "contact_a", "contact_b"], name="merge_suggestion_once_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(contact_a__lt=F("contact_b")), name="merge_suggestion_ordered_pair"
            ),
        ]
        indexes = [models.Index(fields=["owner", "status"], name="merge_suggestion_status_idx")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"contacts {self.contact_a_id} and {self.contact_b_id}"
