"""The only writer of the rhythm app's rows: each user's pace and digest, what they decided about
Today's items, their calendar feed, events and the people met there, and positions seen.

Changes to the network itself (a loop closed, an interaction logged, a snooze) go through
network/services.py and network/rhythm_services.py, as everywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from goodwill.insight.today import ItemKind
from goodwill.network import rhythm_services, services
from goodwill.network.models import Contact, Direction, Handle, Interaction, Loop
from goodwill.network.services import Owner
from goodwill.rhythm.models import (
    CalendarFeed,
    Event,
    EventAttendee,
    PositionSeen,
    RhythmSettings,
    TodayDecision,
)
from goodwill.sources.handles import HandleError, normalize_handle

DAILY_LIMIT_RANGE = (1, 50)
# A follow-up for someone met at an event is due this long after meeting them.
FOLLOW_UP_WITHIN = timedelta(days=2)


# Pace and digest


def rhythm_settings_update(
    *,
    owner: Owner,
    daily_limit: int,
    digest_enabled: bool,
    digest_email: str = "",
    digest_hour: int = 7,
) -> RhythmSettings:
    """Set how many things Today asks for a day, and whether (where, when) the digest goes."""
    low, high = DAILY_LIMIT_RANGE
    if not low <= daily_limit <= high:
        raise ValidationError(
            {"daily_limit": f"Choose between {low} and {high} things a day; {daily_limit} is not."}
        )
    if not 0 <= digest_hour <= 23:
        raise ValidationError({"digest_hour": "The hour is a number from 0 to 23."})
    digest_email = digest_email.strip()
    if digest_email:
        try:
            validate_email(digest_email)
        except ValidationError as exc:
            raise ValidationError(
                {"digest_email": f"{digest_email} is not an email address."}
            ) from exc
    elif digest_enabled and not owner.email:
        raise ValidationError({"digest_email": "The digest needs an address to go to."})
    settings, _ = RhythmSettings.objects.get_or_create(owner=owner)
    settings.daily_limit = daily_limit
    settings.digest_enabled = digest_enabled
    settings.digest_email = digest_email
    settings.digest_hour = digest_hour
    settings.save()
    return settings


def digest_mark_sent(*, owner: Owner, on: date) -> None:
    """Remember the day the digest went out, so a day never gets two."""
    settings, _ = RhythmSettings.objects.get_or_create(owner=owner)
    settings.digest_last_sent_on = on
    settings.save(update_fields=["digest_last_sent_on"])


# Today's decisions


def loop_item_kind(loop: Loop) -> ItemKind:
    """Which Today section a loop belongs to: your ask waits on them, the rest wait on you."""
    if loop.whose == Loop.Whose.MINE and loop.kind == Loop.Kind.ASK:
        return ItemKind.SILENCE
    return ItemKind.WAITING_ON_YOU


@dataclass(frozen=True)
class TodaySubject:
    """One of Today's items as the user acts on it: its section, what it is about, and which
    occurrence (a contact due again next cycle is a new occurrence)."""

    owner: Owner
    kind: ItemKind
    subject_id: int
    occurrence: datetime
    contact: Contact


def subject_of_loop(loop: Loop) -> TodaySubject:
    return TodaySubject(loop.owner, loop_item_kind(loop), loop.pk, loop.opened_at, loop.contact)


def subject_of_contact(contact: Contact) -> TodaySubject:
    occurrence = contact.touch_due_at or contact.created_at
    return TodaySubject(contact.owner, ItemKind.DRIFTING, contact.pk, occurrence, contact)


def subject_of_attendee(attendee: EventAttendee) -> TodaySubject:
    return TodaySubject(
        attendee.owner,
        ItemKind.FOLLOW_UP,
        attendee.pk,
        attendee.follow_up_due_at,
        attendee.contact,
    )


def _decide(
    subject: TodaySubject, action: str, now: datetime, until: datetime | None = None
) -> TodayDecision:
    return TodayDecision.objects.create(
        owner=subject.owner,
        item_kind=subject.kind.value,
        subject_id=subject.subject_id,
        occurrence=subject.occurrence,
        action=action,
        until=until,
        decided_at=now,
    )


def today_done(
    *, subject: TodaySubject, loop: Loop | None = None, now: datetime | None = None
) -> TodayDecision:
    """The user did it: a loop is closed as done; for a contact or a follow-up, a message from
    the user is logged, which resets their clock."""
    now = now or timezone.now()
    with transaction.atomic():
        if loop is not None:
            if loop.status != Loop.Status.CLOSED:
                services.loop_close(loop=loop, outcome=Loop.Outcome.DONE, at=now)
        else:
            summary = (
                "Followed up after meeting at an event"
                if subject.kind == ItemKind.FOLLOW_UP
                else "Reached out"
            )
            services.interaction_log(
                owner=subject.owner,
                contacts=[subject.contact],
                kind=Interaction.Kind.MESSAGE,
                direction=Direction.FROM_ME,
                summary=f"{summary} (marked done on Today)",
                occurred_at=now,
            )
        return _decide(subject, TodayDecision.Action.DONE, now)


def today_snooze(
    *, subject: TodaySubject, until: datetime, now: datetime | None = None
) -> TodayDecision:
    """Leave the item off Today until then; a contact is snoozed everywhere (reminders too)."""
    now = now or timezone.now()
    if until <= now:
        raise ValidationError({"until": "A snooze must end in the future."})
    with transaction.atomic():
        if subject.kind == ItemKind.DRIFTING:
            rhythm_services.contact_snooze(contact=subject.contact, until=until, now=now)
        return _decide(subject, TodayDecision.Action.SNOOZED, now, until)


def today_dismiss(*, subject: TodaySubject, now: datetime | None = None) -> TodayDecision:
    """Not this one: the item leaves Today until it comes back for a new reason."""
    return _decide(subject, TodayDecision.Action.DISMISSED, now or timezone.now())


def today_logged(*, subject: TodaySubject, now: datetime | None = None) -> TodayDecision:
    """The user logged what happened from Today; it counts toward the day's number."""
    return _decide(subject, TodayDecision.Action.LOGGED, now or timezone.now())


# The calendar feed


def calendar_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, owner: Owner, now: datetime | None = None) -> tuple[CalendarFeed, str]:
    """A new secret calendar URL token; any earlier one stops working. The token itself is
    returned once and never stored."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        calendar_feed_revoke(owner=owner, now=now)
        feed = CalendarFeed.objects.create(
            owner=owner, token_hash=calendar_token_hash(token), created_at=now
        )
    return feed, token


def calendar_feed_revoke(*, owner: Owner, now: datetime | None = None) -> int:
    """Stop every calendar URL of the owner; returns how many were live."""
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


# Events


def event_moment(held_on: date, now: datetime) -> datetime:
    """When an event counts as having happened: noon of its day, or now if that is later today."""
    moment = timezone.make_aware(datetime.combine(held_on, time(12, 0)))
    return min(moment, now - timedelta(seconds=1))


def event_create(
    *,
    owner: Owner,
    name: str,
    held_on: date,
    place: str = "",
    notes: str = "",
    now: datetime | None = None,
) -> Event:
    """Log an event the user went to; people met there are added with event_add_person."""
    now = now or timezone.now()
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Name the event."})
    if held_on > timezone.localdate(now):
        raise ValidationError(
            {"held_on": "Log an event once you have been; it cannot be in the future."}
        )
    return Event.objects.create(
        owner=owner,
        name=name[:200],
        held_on=held_on,
        place=place.strip()[:200],
        notes=notes,
        created_at=now,
    )


def _contact_by_handles(owner: Owner, handles: list[tuple[str, str]]) -> Contact | None:
    for kind, value in handles:
        try:
            normalized = normalize_handle(kind, value)
        except HandleError:
            continue
        handle = (
            Handle.objects.filter(owner=owner, kind=kind, normalized=normalized)
            .select_related("contact__circle")
            .first()
        )
        if handle is not None:
            return handle.contact
    return None


def event_add_person(
    *,
    event: Event,
    full_name: str,
    organization_name: str = "",
    email: str = "",
    linkedin: str = "",
    needs: str = "",
    now: datetime | None = None,
) -> EventAttendee:
    """Add someone met at the event: a contact already known by that email or LinkedIn profile,
    or a new one. Meeting them is logged, and a follow-up falls due within two days."""
    now = now or timezone.now()
    owner = event.owner
    handles = [(kind, value.strip()) for kind, value in (("email", email), ("linkedin", linkedin))]
    handles = [(kind, value) for kind, value in handles if value]
    for kind, value in handles:
        try:
            normalize_handle(kind, value)
        except HandleError as exc:
            field = "email" if kind == "email" else "linkedin"
            raise ValidationError({field: f"This {kind} {exc}."}) from exc
    moment = event_moment(event.held_on, now)
    with transaction.atomic():
        contact = _contact_by_handles(owner, handles)
        if contact is None:
            contact = services.contact_create(
                owner=owner,
                full_name=full_name,
                organization_name=organization_name,
                handles=handles,
                created_at=min(moment, now),
            )
        if EventAttendee.objects.filter(event=event, contact=contact).exists():
            raise ValidationError(
                {"full_name": f"{contact.full_name} is already on the list for {event.name}."}
            )
        if event.interaction is None:
            event.interaction = services.interaction_log(
                owner=owner,
                contacts=[contact],
                kind=Interaction.Kind.EVENT,
                direction=Direction.BOTH,
                summary=f"Met at {event.name}",
                details=event.place,
                occurred_at=moment,
            )
            event.save(update_fields=["interaction"])
        else:
            rhythm_services.interaction_add_contact(interaction=event.interaction, contact=contact)
        return EventAttendee.objects.create(
            owner=owner,
            event=event,
            contact=contact,
            needs=" ".join(needs.split())[:300],
            follow_up_due_at=max(moment, now) + FOLLOW_UP_WITHIN,
        )


# Positions seen


def positions_note_changes(*, owner: Owner, now: datetime | None = None) -> int:
    """Compare each contact's job title and organization with those seen last time, and keep
    the change where they differ; returns how many changed. The first look only records."""
    now = now or timezone.now()
    seen = {row.contact_id: row for row in PositionSeen.objects.filter(owner=owner)}
    new_rows: list[PositionSeen] = []
    changed: list[PositionSeen] = []
    for pk, position, organization in Contact.objects.filter(owner=owner).values_list(
        "pk", "position", "organization__name"
    ):
        organization = organization or ""
        row = seen.get(pk)
        if row is None:
            new_rows.append(
                PositionSeen(
                    owner=owner,
                    contact_id=pk,
                    position=position,
                    organization=organization,
                    seen_at=now,
                )
            )
        elif (row.position, row.organization) != (position, organization):
            row.previous_position, row.previous_organization = row.position, row.organization
            row.position, row.organization = position, organization
            row.seen_at = row.changed_at = now
            changed.append(row)
    with transaction.atomic():
        PositionSeen.objects.bulk_create(new_rows, batch_size=2000)
        PositionSeen.objects.bulk_update(
            changed,
            [
                "position",
                "organization",
                "previous_position",
                "previous_organization",
                "seen_at",
                "changed_at",
            ],
            batch_size=2000,
        )
    return len(changed)
