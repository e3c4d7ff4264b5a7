"""Writes for changing and removing rows one at a time: what the REST API's PATCH and DELETE
need beyond logging and opening.

Part of the network's writer, beside services.py, with the same rules: every function takes the
owner's rows, checks what it links, keeps the derived clocks (Contact.last_touch_at and
touch_due_at, Loop.reply_due_at) right, and says what is wrong as a ValidationError on the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from goodwill.insight.cadence import touch_due_at
from goodwill.network.models import (
    Contact,
    Direction,
    Give,
    Handle,
    Interaction,
    Loop,
    Organization,
    Participation,
    Share,
)
from goodwill.network.services import Owner
from goodwill.sources.handles import HandleError, normalize_handle

# Beyond this an interaction is a typing mistake, not something that is coming up.
FUTURE_TOLERANCE = timedelta(minutes=5)


def _one_line(value: str, *, field: str, label: str, max_length: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValidationError({field: f"{label} cannot be blank."})
    if len(value) > max_length:
        raise ValidationError({field: f"{label} is {max_length} characters at most."})
    return value


def organization_create(*, owner: Owner, name: str) -> Organization:
    """A new organization; a name already used (in any case) is refused by name."""
    name = _one_line(name, field="name", label="An organization's name", max_length=200)
    existing = Organization.objects.filter(owner=owner, name__iexact=name).first()
    if existing is not None:
        raise ValidationError({"name": f"There is already an organization called {existing}."})
    return Organization.objects.create(owner=owner, name=name)


def organization_rename(*, organization: Organization, name: str) -> Organization:
    """Rename an organization; its contacts follow, since they point at the row."""
    name = _one_line(name, field="name", label="An organization's name", max_length=200)
    clash = (
        Organization.objects.filter(owner_id=organization.owner_id, name__iexact=name)
        .exclude(pk=organization.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError({"name": f"There is already an organization called {clash}."})
    organization.name = name
    organization.save(update_fields=["name"])
    return organization


def organization_delete(*, organization: Organization) -> None:
    """Remove an organization; its contacts stay, with no organization."""
    organization.delete()


def _touch_due(contact: Contact) -> datetime | None:
    cadence = contact.cadence_days or contact.circle.cadence_days
    return touch_due_at(
        last_touch_at=contact.last_touch_at, known_since=contact.created_at, cadence_days=cadence
    )


def _reset_clocks(*, owner_id: int, contact_ids: Iterable[int]) -> None:
    """Each contact's last touch is their latest interaction again, after one moved or went."""
    contact_ids = list(contact_ids)
    latest = dict(
        Participation.objects.filter(owner_id=owner_id, contact_id__in=contact_ids)
        .values("contact_id")
        .annotate(latest=Max("occurred_at"))
        .values_list("contact_id", "latest")
    )
    for contact in Contact.objects.filter(owner_id=owner_id, pk__in=contact_ids).select_related(
        "circle"
    ):
        contact.last_touch_at = latest.get(contact.pk)
        contact.touch_due_at = _touch_due(contact)
        contact.save(update_fields=["last_touch_at", "touch_due_at"])


def contact_delete(*, contact: Contact) -> None:
    """Remove a contact with everything that is theirs alone: handles, loops, gives, shares,
    and the interactions nobody else took part in. Shared interactions stay for the others."""
    with transaction.atomic():
        theirs = Participation.objects.filter(
            owner_id=contact.owner_id, contact=contact
        ).values_list("interaction_id", flat=True)
        alone = (
            Interaction.objects.filter(owner_id=contact.owner_id, pk__in=list(theirs))
            .annotate(people=Count("participations"))
            .filter(people=1)
            .values_list("pk", flat=True)
        )
        Interaction.objects.filter(owner_id=contact.owner_id, pk__in=list(alone)).delete()
        contact.delete()


def handle_change(*, handle: Handle, kind: str | None = None, value: str | None = None) -> Handle:
    """Correct a handle's kind or value; it is normalised again and must stay unique."""
    kind = handle.kind if kind is None else kind
    value = handle.value if value is None else value
    if kind not in Handle.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of handle."})
    try:
        normalized = normalize_handle(kind, value)
    except HandleError as exc:
        raise ValidationError({"value": f"This {kind} {exc}."}) from exc
    clash = (
        Handle.objects.filter(owner_id=handle.owner_id, kind=kind, normalized=normalized)
        .exclude(pk=handle.pk)
        .select_related("contact")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {"value": f"{value.strip()} already belongs to {clash.contact.full_name}."}
        )
    handle.kind = kind
    handle.value = value.strip()[:500]
    handle.normalized = normalized
    handle.save(update_fields=["kind", "value", "normalized"])
    return handle


def interaction_update(
    *,
    interaction: Interaction,
    kind: str | None = None,
    direction: str | None = None,
    summary: str | None = None,
    details: str | None = None,
    occurred_at: datetime | None = None,
) -> Interaction:
    """Correct what was logged; a new time moves the clocks of everyone who took part."""
    if kind is not None and kind not in Interaction.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of interaction."})
    if direction is not None and direction not in Direction.values:
        raise ValidationError({"direction": f"{direction!r} is not a direction."})
    if summary is not None:
        summary = summary.strip()
        if not summary:
            raise ValidationError({"summary": "Say in a few words what happened."})
    if occurred_at is not None and occurred_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"occurred_at": "An interaction cannot be in the future."})
    with transaction.atomic():
        interaction.kind = kind or interaction.kind
        interaction.direction = direction or interaction.direction
        interaction.summary = (summary or interaction.summary)[:300]
        if details is not None:
            interaction.details = details
        moved = occurred_at is not None and occurred_at != interaction.occurred_at
        if occurred_at is not None:
            interaction.occurred_at = occurred_at
        interaction.save(update_fields=["kind", "direction", "summary", "details", "occurred_at"])
        if moved:
            participations = Participation.objects.filter(
                owner_id=interaction.owner_id, interaction=interaction
            )
            participations.update(occurred_at=interaction.occurred_at)
            _reset_clocks(
                owner_id=interaction.owner_id,
                contact_ids=participations.values_list("contact_id", flat=True),
            )
    return interaction


def interaction_delete(*, interaction: Interaction) -> None:
    """Remove an interaction; the clocks of everyone who took part go back to their last one."""
    with transaction.atomic():
        contact_ids = list(
            Participation.objects.filter(
                owner_id=interaction.owner_id, interaction=interaction
            ).values_list("contact_id", flat=True)
        )
        interaction.delete()
        _reset_clocks(owner_id=interaction.owner_id, contact_ids=contact_ids)


def loop_update(
    *, loop: Loop, summary: str | None = None, response_window_days: int | None = None
) -> Loop:
    """Reword a loop, or give it a longer or shorter reply window (silence follows)."""
    if summary is not None:
        summary = summary.strip()
        if not summary:
            raise ValidationError({"summary": "Say what was asked, offered or promised."})
        loop.summary = summary[:300]
    if response_window_days is not None:
        if response_window_days <= 0:
            raise ValidationError(
                {"response_window_days": "A window is a positive number of days."}
            )
        loop.response_window_days = response_window_days
        loop.reply_due_at = loop.opened_at + timedelta(days=response_window_days)
    loop.save(update_fields=["summary", "response_window_days", "reply_due_at"])
    return loop


def loop_delete(*, loop: Loop) -> None:
    loop.delete()


def give_update(
    *,
    give: Give,
    kind: str | None = None,
    direction: str | None = None,
    summary: str | None = None,
    occurred_at: datetime | None = None,
) -> Give:
    """Correct a give's kind, direction, words or time."""
    if kind is not None and kind not in Give.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of give."})
    if direction is not None and direction not in (Direction.FROM_ME, Direction.TO_ME):
        raise ValidationError({"direction": "Say whether you gave it or received it."})
    if summary is not None:
        summary = summary.strip()
        if not summary:
            raise ValidationError({"summary": "Say what was given."})
    give.kind = kind or give.kind
    give.direction = direction or give.direction
    give.summary = (summary or give.summary)[:300]
    give.occurred_at = occurred_at or give.occurred_at
    give.save(update_fields=["kind", "direction", "summary", "occurred_at"])
    return give


def give_remove(*, give: Give) -> None:
    give.delete()


def share_update(*, share: Share, title: str | None = None, note: str | None = None) -> Share:
    """Change a share's title or note; what was sent, to whom and when stays."""
    if title is not None:
        share.title = title.strip()[:300]
    if note is not None:
        share.note = note
    share.save(update_fields=["title", "note"])
    return share


def share_delete(*, share: Share) -> None:
    """Forget a share; the message and give it logged stay on the contact's timeline."""
    share.delete()
