"""Reads of one kind of row at a time, with the filters a script asks for (the REST API's lists).

Every function takes the owner; an id of another account's row in a filter matches nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from goodwill.network.models import (
    Contact,
    Give,
    Handle,
    Interaction,
    Loop,
    Organization,
    Participation,
    Share,
)
from goodwill.network.selectors import contact_search
from goodwill.network.services import Owner


def contacts_matching(
    *,
    owner: Owner,
    query: str = "",
    circle_id: int | None = None,
    organization_id: int | None = None,
) -> QuerySet[Contact]:
    """Contacts as the search on the contact list finds them, optionally of one organization."""
    contacts = contact_search(owner=owner, query=query, circle_id=circle_id)
    if organization_id is not None:
        contacts = contacts.filter(organization_id=organization_id)
    return contacts


def organizations_for_owner(*, owner: Owner, query: str = "") -> QuerySet[Organization]:
    organizations = Organization.objects.filter(owner=owner).order_by("name", "pk")
    if query.strip():
        organizations = organizations.filter(name__icontains=query.strip())
    return organizations


def handles_for_owner(
    *, owner: Owner, contact_id: int | None = None, kind: str | None = None
) -> QuerySet[Handle]:
    handles = Handle.objects.filter(owner=owner).order_by("contact_id", "kind", "normalized", "pk")
    if contact_id is not None:
        handles = handles.filter(contact_id=contact_id)
    if kind:
        handles = handles.filter(kind=kind)
    return handles


def interactions_for_owner(
    *,
    owner: Owner,
    contact_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    kind: str | None = None,
) -> QuerySet[Interaction]:
    """Interactions newest first, with who took part."""
    interactions = (
        Interaction.objects.filter(owner=owner)
        .prefetch_related("participations")
        .order_by("-occurred_at", "-pk")
    )
    if contact_id is not None:
        interactions = interactions.filter(
            Exists(
                Participation.objects.filter(
                    owner=owner, interaction=OuterRef("pk"), contact_id=contact_id
                )
            )
        )
    if since is not None:
        interactions = interactions.filter(occurred_at__gte=since)
    if until is not None:
        interactions = interactions.filter(occurred_at__lt=until)
    if kind:
        interactions = interactions.filter(kind=kind)
    return interactions


def loops_matching(
    *,
    owner: Owner,
    status: str | None = None,
    whose: str | None = None,
    kind: str | None = None,
    contact_id: int | None = None,
) -> QuerySet[Loop]:
    """Loops newest first."""
    loops = Loop.objects.filter(owner=owner).order_by("-opened_at", "-pk")
    if status:
        loops = loops.filter(status=status)
    if whose:
        loops = loops.filter(whose=whose)
    if kind:
        loops = loops.filter(kind=kind)
    if contact_id is not None:
        loops = loops.filter(contact_id=contact_id)
    return loops


def gives_for_owner(
    *,
    owner: Owner,
    contact_id: int | None = None,
    direction: str | None = None,
    kind: str | None = None,
) -> QuerySet[Give]:
    """Gives newest first."""
    gives = Give.objects.filter(owner=owner).order_by("-occurred_at", "-pk")
    if contact_id is not None:
        gives = gives.filter(contact_id=contact_id)
    if direction:
        gives = gives.filter(direction=direction)
    if kind:
        gives = gives.filter(kind=kind)
    return gives


def shares_for_owner(*, owner: Owner, contact_id: int | None = None) -> QuerySet[Share]:
    """Shares newest first."""
    shares = Share.objects.filter(owner=owner).order_by("-shared_at", "-pk")
    if contact_id is not None:
        shares = shares.filter(contact_id=contact_id)
    return shares
