"""Work: a client or a project that came to the user through their network, or that they passed
on to a contact, with who referred it and the introductions on the way.

Every row has an owner; writes go through work/services.py, reads through work/selectors.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from goodwill.network.models import Contact, Give, Organization


class Work(models.Model):
    """One piece of work and the relationship it came through.

    Came to you: `referred_by` is the contact who sent it your way (empty if it found you by
    itself). Passed on: `passed_to` is the contact you sent it to, and `referred_by` is empty.
    """

    class Direction(models.TextChoices):
        CAME_TO_ME = "in", "came to you"
        PASSED_ON = "out", "you passed it on"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300, help_text="The project or the job.")
    direction = models.CharField(max_length=4, choices=Direction.choices, default="in")
    # Contacts may be deleted; the work stays, with the link emptied.
    referred_by = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_referred"
    )
    passed_to = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_passed_to"
    )
    client_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_as_client"
    )
    client_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # ISO 4217, upper case; blank exactly when there is no value.
    currency = models.CharField(max_length=3, blank=True)
    came_on = models.DateField(help_text="When the work came (or when you passed it on).")
    notes = models.TextField(blank=True)
    # The give recorded with it: a referral you gave (passed on) or received (came to you).
    give = models.ForeignKey(
        Give, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(direction__in=["in", "out"]), name="work_direction"),
            models.CheckConstraint(
                condition=Q(direction="out") | Q(passed_to__isnull=True),
                name="work_passed_to_only_when_passed_on",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True, currency="")
                | Q(value__isnull=False, value__gte=0) & ~Q(currency=""),
                name="work_value_has_currency",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "-came_on"], name="work_recent_idx"),
        ]
        ordering = ["-came_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class WorkIntroduction(models.Model):
    """One contact in the chain of introductions that brought a piece of work, in the order the
    introductions happened: position 0 first, the referrer (Work.referred_by) after the last."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="introductions")
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="work_introductions"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["work", "position"], name="work_introduction_order"),
        ]
        ordering = ["work", "position"]

    def __str__(self) -> str:
        return f"contact {self.contact_id} in the chain of work {self.work_id}"
