"""Writes for keeping in touch: cadences with an ideal and a maximum, snoozes, circles chosen
from a suggestion, and people joining an interaction after it was logged.

Part of the network's writer, beside services.py, with the same rules: every function takes the
owner's rows, checks what it links, and says what is wrong as a ValidationError on the field.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from goodwill.insight.cadence import plural, touch_due_at
from goodwill.insight.keep_in_touch import CadenceError, check_cadence
from goodwill.network import services
from goodwill.network.models import Circle, Contact, Interaction, Participation

# A snooze is for "not now", not "never": Dormant is the circle for never.
MAX_SNOOZE_DAYS = 366
# Contact.field_sources["circle"]: who chose the contact's circle. A suggestion is offered only
# while nobody has.
CIRCLE_CHOSEN_BY_USER = "user"
CIRCLE_FROM_SUGGESTION = "suggestion"


def _cadence_error(exc: CadenceError) -> ValidationError:
    return ValidationError({exc.field: exc.message})


def circle_set_cadence(
    *, circle: Circle, cadence_days: int | None, max_cadence_days: int | None
) -> Circle:
    """Give a circle its ideal and maximum interval; its contacts' due dates follow at once.

    No ideal means the circle never reminds (like Dormant), and then it has no maximum either.
    """
    try:
        check_cadence(cadence_days, max_cadence_days, label=f"The {circle.name} circle")
    except CadenceError as exc:
        raise _cadence_error(exc) from exc
    with transaction.atomic():
        circle.cadence_days = cadence_days
        circle.max_cadence_days = max_cadence_days
        circle.save(update_fields=["cadence_days", "max_cadence_days"])
        following = Contact.objects.filter(owner_id=circle.owner_id, circle=circle).filter(
            cadence_days__isnull=True
        )
        if cadence_days is None:
            following.update(touch_due_at=None)
        else:
            following.update(
                touch_due_at=Coalesce(F("last_touch_at"), F("created_at"))
                + timedelta(days=cadence_days)
            )
    return circle


def contact_set_keep_in_touch(
    *,
    contact: Contact,
    circle: Circle,
    cadence_days: int | None = None,
    max_cadence_days: int | None = None,
) -> Contact:
    """Move a contact to a circle, with an ideal and a maximum of their own where given.

    A circle that never reminds takes no numbers of the contact's own: Dormant never nags.
    """
    if circle.owner_id != contact.owner_id:
        raise ValidationError({"circle": "That circle belongs to another account."})
    if circle.cadence_days is None and (cadence_days is not None or max_cadence_days is not None):
        raise ValidationError(
            {
                "cadence_days": (
                    f"The {circle.name} circle never reminds, so {contact.full_name} cannot "
                    "have a cadence in it; choose another circle to keep in touch."
                )
            }
        )
    ideal = cadence_days if cadence_days is not None else circle.cadence_days
    try:
        check_cadence(cadence_days, None, label=f"{contact.full_name}'s cadence")
        check_cadence(ideal, max_cadence_days, label=f"{contact.full_name}'s cadence")
    except CadenceError as exc:
        raise _cadence_error(exc) from exc
    with transaction.atomic():
        services.contact_set_circle(contact=contact, circle=circle, cadence_days=cadence_days)
        contact.max_cadence_days = max_cadence_days
        contact.field_sources = {**contact.field_sources, "circle": CIRCLE_CHOSEN_BY_USER}
        contact.save(update_fields=["max_cadence_days", "field_sources"])
    return contact


def contact_snooze(*, contact: Contact, until: datetime, now: datetime | None = None) -> Contact:
    """Leave a contact off Today and the reminders until a moment in the future."""
    now = now or timezone.now()
    if until <= now:
        day = timezone.localtime(until).strftime("%-d %b %Y")
        raise ValidationError(
            {"until": f"A snooze must end in the future; {day} has already begun or passed."}
        )
    if until > now + timedelta(days=MAX_SNOOZE_DAYS):
        raise ValidationError(
            {
                "until": (
                    f"A snooze lasts {plural(MAX_SNOOZE_DAYS, 'day')} at most; to stop "
                    f"reminders about {contact.full_name} for good, move them to Dormant."
                )
            }
        )
    contact.snoozed_until = until
    contact.save(update_fields=["snoozed_until"])
    return contact


def contact_unsnooze(*, contact: Contact) -> Contact:
    """End a snooze early: the contact is back on Today if they are due."""
    contact.snoozed_until = None
    contact.save(update_fields=["snoozed_until"])
    return contact


def contact_accept_circle(*, contact: Contact, circle: Circle) -> Contact:
    """Move a contact to the circle Goodwill suggested; their own cadence, if any, stays."""
    if circle.owner_id != contact.owner_id:
        raise ValidationError({"circle": "That circle belongs to another account."})
    cadence = contact.cadence_days if circle.cadence_days is not None else None
    with transaction.atomic():
        services.contact_set_circle(contact=contact, circle=circle, cadence_days=cadence)
        if circle.cadence_days is None and contact.max_cadence_days is not None:
            contact.max_cadence_days = None
        contact.field_sources = {**contact.field_sources, "circle": CIRCLE_FROM_SUGGESTION}
        contact.save(update_fields=["max_cadence_days", "field_sources"])
    return contact


def contact_keep_circle(*, contact: Contact) -> Contact:
    """The user keeps the contact where they are: no circle is suggested for them again."""
    contact.field_sources = {**contact.field_sources, "circle": CIRCLE_CHOSEN_BY_USER}
    contact.save(update_fields=["field_sources"])
    return contact


def interaction_add_contact(*, interaction: Interaction, contact: Contact) -> Interaction:
    """Add someone to an interaction already logged (a person met at an event, added later);
    their clock resets as if they had been there from the start."""
    if contact.owner_id != interaction.owner_id:
        raise ValidationError("That record belongs to another account.")
    with transaction.atomic():
        _, created = Participation.objects.get_or_create(
            owner_id=interaction.owner_id,
            interaction=interaction,
            contact=contact,
            defaults={"occurred_at": interaction.occurred_at},
        )
        if created and (
            contact.last_touch_at is None or contact.last_touch_at < interaction.occurred_at
        ):
            contact.last_touch_at = interaction.occurred_at
            contact.touch_due_at = touch_due_at(
                last_touch_at=contact.last_touch_at,
                known_since=contact.created_at,
                cadence_days=contact.cadence_days or contact.circle.cadence_days,
            )
            contact.save(update_fields=["last_touch_at", "touch_due_at"])
    return interaction
