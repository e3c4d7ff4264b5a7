"""/contacts, /handles and /organizations: who is in the network and how to reach them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from goodwill.api import lookups, render
from goodwill.api.auth import owner_of
from goodwill.api.fields import MAX_ID
from goodwill.api.paging import page_of
from goodwill.api.responses import DELETING, changing, creating, reading
from goodwill.api.schemas import (
    ContactFilters,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    HandleFilters,
    HandleIn,
    HandleOut,
    HandlePage,
    HandlePatch,
    OrganizationFilters,
    OrganizationIn,
    OrganizationOut,
    OrganizationPage,
    OrganizationPatch,
)
from goodwill.network import edit_services, record_selectors, rhythm_services, selectors, services

router = Router()

ContactId = Path(..., ge=1, le=MAX_ID, description="A contact's id.")
HandleId = Path(..., ge=1, le=MAX_ID, description="A handle's id.")
OrganizationId = Path(..., ge=1, le=MAX_ID, description="An organization's id.")


@router.get("/contacts", response=reading(ContactPage), tags=["contacts"])
def contact_list(request: HttpRequest, filters: Query[ContactFilters]) -> dict[str, Any]:
    """Contacts by name; `q` searches names, organizations, job titles and handles."""
    rows = record_selectors.contacts_matching(
        owner=owner_of(request),
        query=filters.q,
        circle_id=filters.circle,
        organization_id=filters.organization,
    )
    return page_of(request, rows, filters, render.contact)


@router.post("/contacts", response=creating(ContactOut), tags=["contacts"])
def contact_create(request: HttpRequest, body: ContactIn) -> Status[dict[str, Any]]:
    """Add a contact, with handles if given (a handle another contact has is refused)."""
    owner = owner_of(request)
    circle = None
    if body.circle_id is not None:
        circle = selectors.circles_for_owner(owner=owner).filter(pk=body.circle_id).first()
        if circle is None:
            raise HttpError(404, f"No such circle: {body.circle_id}.")
    contact = services.contact_create(
        owner=owner,
        full_name=body.full_name,
        organization_name=body.organization,
        position=body.position,
        circle=circle,
        notes=body.notes,
        handles=[(handle.kind, handle.value) for handle in body.handles],
    )
    return Status(201, render.contact(lookups.contact(owner, contact.pk)))


@router.get("/contacts/{contact_id}", response=reading(ContactOut), tags=["contacts"])
def contact_read(request: HttpRequest, contact_id: int = ContactId) -> dict[str, Any]:
    return render.contact(lookups.contact(owner_of(request), contact_id))


@router.patch("/contacts/{contact_id}", response=changing(ContactOut), tags=["contacts"])
def contact_change(
    request: HttpRequest, body: ContactPatch, contact_id: int = ContactId
) -> dict[str, Any]:
    """Change what is given; leave out what stays. A cadence of null follows the circle."""
    owner = owner_of(request)
    contact = lookups.contact(owner, contact_id)
    given = body.model_fields_set
    with transaction.atomic():
        if given & {"full_name", "organization", "position", "notes"}:
            current_organization = contact.organization.name if contact.organization else ""
            services.contact_update(
                contact=contact,
                full_name=contact.full_name if body.full_name is None else body.full_name,
                organization_name=(
                    current_organization if body.organization is None else body.organization
                ),
                position=contact.position if body.position is None else body.position,
                notes=contact.notes if body.notes is None else body.notes,
            )
        if given & {"circle_id", "cadence_days", "max_cadence_days"}:
            circle = contact.circle
            if body.circle_id is not None:
                found = selectors.circles_for_owner(owner=owner).filter(pk=body.circle_id).first()
                if found is None:
                    raise HttpError(404, f"No such circle: {body.circle_id}.")
                circle = found
            rhythm_services.contact_set_keep_in_touch(
                contact=contact,
                circle=circle,
                cadence_days=(
                    body.cadence_days if "cadence_days" in given else contact.cadence_days
                ),
                max_cadence_days=(
                    body.max_cadence_days
                    if "max_cadence_days" in given
                    else contact.max_cadence_days
                ),
            )
    return render.contact(lookups.contact(owner, contact.pk))


@router.delete("/contacts/{contact_id}", response=DELETING, tags=["contacts"])
def contact_delete(request: HttpRequest, contact_id: int = ContactId) -> Status[None]:
    """Remove a contact with their handles, loops, gives, shares, and the interactions nobody
    else took part in."""
    edit_services.contact_delete(contact=lookups.contact(owner_of(request), contact_id))
    return Status(204, None)


@router.get("/handles", response=reading(HandlePage), tags=["handles"])
def handle_list(request: HttpRequest, filters: Query[HandleFilters]) -> dict[str, Any]:
    rows = record_selectors.handles_for_owner(
        owner=owner_of(request), contact_id=filters.contact, kind=filters.kind
    )
    return page_of(request, rows, filters, render.handle)


@router.post("/handles", response=creating(HandleOut), tags=["handles"])
def handle_create(request: HttpRequest, body: HandleIn) -> Status[dict[str, Any]]:
    """Give a contact an email address, phone, LinkedIn profile, website or feed."""
    contact = lookups.contact(owner_of(request), body.contact_id)
    handle = services.handle_add(contact=contact, kind=body.kind, value=body.value)
    return Status(201, render.handle(handle))


@router.get("/handles/{handle_id}", response=reading(HandleOut), tags=["handles"])
def handle_read(request: HttpRequest, handle_id: int = HandleId) -> dict[str, Any]:
    return render.handle(lookups.handle(owner_of(request), handle_id))


@router.patch("/handles/{handle_id}", response=changing(HandleOut), tags=["handles"])
def handle_change(
    request: HttpRequest, body: HandlePatch, handle_id: int = HandleId
) -> dict[str, Any]:
    handle = lookups.handle(owner_of(request), handle_id)
    return render.handle(
        edit_services.handle_change(handle=handle, kind=body.kind, value=body.value)
    )


@router.delete("/handles/{handle_id}", response=DELETING, tags=["handles"])
def handle_delete(request: HttpRequest, handle_id: int = HandleId) -> Status[None]:
    services.handle_remove(handle=lookups.handle(owner_of(request), handle_id))
    return Status(204, None)


@router.get("/organizations", response=reading(OrganizationPage), tags=["organizations"])
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> dict[str, Any]:
    rows = record_selectors.organizations_for_owner(owner=owner_of(request), query=filters.q)
    return page_of(request, rows, filters, render.organization)


@router.post("/organizations", response=creating(OrganizationOut), tags=["organizations"])
def organization_create(request: HttpRequest, body: OrganizationIn) -> Status[dict[str, Any]]:
    organization = edit_services.organization_create(owner=owner_of(request), name=body.name)
    return Status(201, render.organization(organization))


@router.get(
    "/organizations/{organization_id}", response=reading(OrganizationOut), tags=["organizations"]
)
def organization_read(
    request: HttpRequest, organization_id: int = OrganizationId
) -> dict[str, Any]:
    return render.organization(lookups.organization(owner_of(request), organization_id))


@router.patch(
    "/organizations/{organization_id}", response=changing(OrganizationOut), tags=["organizations"]
)
def organization_change(
    request: HttpRequest, body: OrganizationPatch, organization_id: int = OrganizationId
) -> dict[str, Any]:
    organization = lookups.organization(owner_of(request), organization_id)
    if body.name is not None:
        organization = edit_services.organization_rename(organization=organization, name=body.name)
    return render.organization(organization)


@router.delete("/organizations/{organization_id}", response=DELETING, tags=["organizations"])
def organization_delete(
    request: HttpRequest, organization_id: int = OrganizationId
) -> Status[None]:
    """Remove an organization; its contacts stay, with no organization."""
    organization = lookups.organization(owner_of(request), organization_id)
    edit_services.organization_delete(organization=organization)
    return Status(204, None)
