"""Reads of the rhythm app, every one scoped to an owner, and finding a contact by what a
person types: a name or any handle."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from goodwill.network.models import Contact, Handle
from goodwill.network.services import Owner
from goodwill.rhythm.models import CalendarFeed, Event, EventAttendee, RhythmSettings
from goodwill.rhythm.services import calendar_token_hash
from goodwill.sources.handles import HandleError, normalize_handle

# How many namesakes a lookup lists before it stops.
CANDIDATES_SHOWN = 10


def rhythm_settings_for(*, owner: Owner) -> RhythmSettings:
    """The owner's settings, or the defaults (unsaved) for someone who never changed them."""
    return RhythmSettings.objects.filter(owner=owner).first() or RhythmSettings(owner=owner)


def attendee_for_owner(*, owner: Owner, attendee_id: int) -> EventAttendee | None:
    return (
        EventAttendee.objects.filter(owner=owner, pk=attendee_id)
        .select_related("contact__circle", "event")
        .first()
    )


def events_for_owner(*, owner: Owner) -> QuerySet[Event]:
    return Event.objects.filter(owner=owner).order_by("-held_on", "-pk")


def event_for_owner(*, owner: Owner, event_id: int) -> Event | None:
    return Event.objects.filter(owner=owner, pk=event_id).first()


def event_attendees(*, event: Event) -> QuerySet[EventAttendee]:
    return (
        EventAttendee.objects.filter(owner_id=event.owner_id, event=event)
        .select_related("contact__organization")
        .order_by("pk")
    )


def calendar_feed_live(*, owner: Owner) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).first()


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed a secret URL names; None for an unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    return (
        CalendarFeed.objects.filter(token_hash=calendar_token_hash(token), revoked_at__isnull=True)
        .select_related("owner")
        .first()
    )


@dataclass(frozen=True)
class ContactLookup:
    """What a typed name or handle found: one contact, or the candidates when it is ambiguous."""

    contact: Contact | None
    candidates: list[Contact]


HANDLE_KINDS_TRIED = (
    Handle.Kind.EMAIL,
    Handle.Kind.LINKEDIN,
    Handle.Kind.PHONE,
    Handle.Kind.WEBSITE,
)


def contact_lookup(*, owner: Owner, text: str) -> ContactLookup:
    """A contact by any handle (email, LinkedIn URL, phone, website), else by name: an exact
    name first, then a name containing every word typed. Several namesakes come back as
    candidates so the caller can ask which one."""
    text = " ".join(text.split())
    if not text:
        return ContactLookup(None, [])
    for kind in HANDLE_KINDS_TRIED:
        if kind == Handle.Kind.PHONE and not any(char.isdigit() for char in text):
            continue
        if kind in (Handle.Kind.LINKEDIN, Handle.Kind.WEBSITE) and "." not in text:
            continue
        if kind == Handle.Kind.EMAIL and "@" not in text:
            continue
        try:
            normalized = normalize_handle(kind, text)
        except HandleError:
            continue
        handle = (
            Handle.objects.filter(owner=owner, kind=kind, normalized=normalized)
            .select_related("contact__circle")
            .first()
        )
        if handle is not None:
            return ContactLookup(handle.contact, [handle.contact])
    contacts = Contact.objects.filter(owner=owner).select_related("circle", "organization")
    exact = list(contacts.filter(full_name__iexact=text).order_by("pk")[: CANDIDATES_SHOWN + 1])
    if exact:
        return ContactLookup(exact[0] if len(exact) == 1 else None, exact)
    matching = contacts
    for word in text.split():
        matching = matching.filter(full_name__icontains=word)
    found = list(matching.order_by("full_name", "pk")[: CANDIDATES_SHOWN + 1])
    return ContactLookup(found[0] if len(found) == 1 else None, found)
