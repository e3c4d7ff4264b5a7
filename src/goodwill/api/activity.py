"""/interactions, /loops, /gives and /shares: what happened, what is owed, what was given."""

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
    GiveFilters,
    GiveIn,
    GiveOut,
    GivePage,
    GivePatch,
    InteractionFilters,
    InteractionIn,
    InteractionOut,
    InteractionPage,
    InteractionPatch,
    LoopFilters,
    LoopIn,
    LoopOut,
    LoopPage,
    LoopPatch,
    ShareFilters,
    ShareIn,
    ShareOut,
    SharePage,
    SharePatch,
)
from goodwill.network import edit_services, record_selectors, services

router = Router()

InteractionId = Path(..., ge=1, le=MAX_ID, description="An interaction's id.")
LoopId = Path(..., ge=1, le=MAX_ID, description="A loop's id.")
GiveId = Path(..., ge=1, le=MAX_ID, description="A give's id.")
ShareId = Path(..., ge=1, le=MAX_ID, description="A share's id.")


@router.get("/interactions", response=reading(InteractionPage), tags=["interactions"])
def interaction_list(request: HttpRequest, filters: Query[InteractionFilters]) -> dict[str, Any]:
    """Interactions newest first, each with the ids of the contacts who took part."""
    rows = record_selectors.interactions_for_owner(
        owner=owner_of(request),
        contact_id=filters.contact,
        since=filters.since,
        until=filters.until,
        kind=filters.kind,
    )
    return page_of(request, rows, filters, render.interaction)


@router.post("/interactions", response=creating(InteractionOut), tags=["interactions"])
def interaction_create(request: HttpRequest, body: InteractionIn) -> Status[dict[str, Any]]:
    """Log something that happened with one or more contacts; their clocks reset."""
    owner = owner_of(request)
    contacts = [lookups.contact(owner, pk) for pk in dict.fromkeys(body.contact_ids)]
    interaction = services.interaction_log(
        owner=owner,
        contacts=contacts,
        kind=body.kind,
        summary=body.summary,
        direction=body.direction,
        details=body.details,
        occurred_at=body.occurred_at,
    )
    return Status(201, render.interaction(lookups.interaction(owner, interaction.pk)))


@router.get(
    "/interactions/{interaction_id}", response=reading(InteractionOut), tags=["interactions"]
)
def interaction_read(request: HttpRequest, interaction_id: int = InteractionId) -> dict[str, Any]:
    return render.interaction(lookups.interaction(owner_of(request), interaction_id))


@router.patch(
    "/interactions/{interaction_id}", response=changing(InteractionOut), tags=["interactions"]
)
def interaction_change(
    request: HttpRequest, body: InteractionPatch, interaction_id: int = InteractionId
) -> dict[str, Any]:
    """Correct what was logged; a new time moves the clocks of everyone who took part.
    Who took part is set when it is logged."""
    owner = owner_of(request)
    interaction = lookups.interaction(owner, interaction_id)
    edit_services.interaction_update(
        interaction=interaction,
        kind=body.kind,
        direction=body.direction,
        summary=body.summary,
        details=body.details,
        occurred_at=body.occurred_at,
    )
    return render.interaction(lookups.interaction(owner, interaction.pk))


@router.delete("/interactions/{interaction_id}", response=DELETING, tags=["interactions"])
def interaction_delete(request: HttpRequest, interaction_id: int = InteractionId) -> Status[None]:
    """Remove an interaction; each contact's last touch goes back to their latest other one."""
    interaction = lookups.interaction(owner_of(request), interaction_id)
    edit_services.interaction_delete(interaction=interaction)
    return Status(204, None)


@router.get("/loops", response=reading(LoopPage), tags=["loops"])
def loop_list(request: HttpRequest, filters: Query[LoopFilters]) -> dict[str, Any]:
    """Asks, offers and promises, newest first."""
    rows = record_selectors.loops_matching(
        owner=owner_of(request),
        status=filters.status,
        whose=filters.whose,
        kind=filters.kind,
        contact_id=filters.contact,
    )
    return page_of(request, rows, filters, render.loop)


@router.post("/loops", response=creating(LoopOut), tags=["loops"])
def loop_create(request: HttpRequest, body: LoopIn) -> Status[dict[str, Any]]:
    """Open an ask, offer or promise; the reply window is the contact's circle's unless said."""
    owner = owner_of(request)
    contact = lookups.contact(owner, body.contact_id)
    interaction = lookups.interaction(owner, body.interaction_id) if body.interaction_id else None
    loop = services.loop_open(
        contact=contact,
        kind=body.kind,
        whose=body.whose,
        summary=body.summary,
        interaction=interaction,
        opened_at=body.opened_at,
        response_window_days=body.response_window_days,
    )
    return Status(201, render.loop(loop))


@router.get("/loops/{loop_id}", response=reading(LoopOut), tags=["loops"])
def loop_read(request: HttpRequest, loop_id: int = LoopId) -> dict[str, Any]:
    return render.loop(lookups.loop(owner_of(request), loop_id))


@router.patch("/loops/{loop_id}", response=changing(LoopOut), tags=["loops"])
def loop_change(request: HttpRequest, body: LoopPatch, loop_id: int = LoopId) -> dict[str, Any]:
    """Reword a loop, change its window, acknowledge it, or close it with an outcome."""
    loop = lookups.loop(owner_of(request), loop_id)
    if body.outcome is not None and body.status != "closed":
        raise HttpError(400, "An outcome goes with status closed.")
    if body.status == "closed" and body.outcome is None:
        raise HttpError(400, "Closing a loop needs an outcome: done, declined or dropped.")
    with transaction.atomic():
        if body.summary is not None or body.response_window_days is not None:
            edit_services.loop_update(
                loop=loop, summary=body.summary, response_window_days=body.response_window_days
            )
        if body.status == "acknowledged":
            services.loop_acknowledge(loop=loop)
        elif body.status == "closed" and body.outcome is not None:
            services.loop_close(loop=loop, outcome=body.outcome)
    return render.loop(loop)


@router.delete("/loops/{loop_id}", response=DELETING, tags=["loops"])
def loop_delete(request: HttpRequest, loop_id: int = LoopId) -> Status[None]:
    edit_services.loop_delete(loop=lookups.loop(owner_of(request), loop_id))
    return Status(204, None)


@router.get("/gives", response=reading(GivePage), tags=["gives"])
def give_list(request: HttpRequest, filters: Query[GiveFilters]) -> dict[str, Any]:
    """Gives either way, newest first: `direction=out` is what you gave."""
    rows = record_selectors.gives_for_owner(
        owner=owner_of(request),
        contact_id=filters.contact,
        direction=filters.direction,
        kind=filters.kind,
    )
    return page_of(request, rows, filters, render.give)


@router.post("/gives", response=creating(GiveOut), tags=["gives"])
def give_create(request: HttpRequest, body: GiveIn) -> Status[dict[str, Any]]:
    owner = owner_of(request)
    contact = lookups.contact(owner, body.contact_id)
    interaction = lookups.interaction(owner, body.interaction_id) if body.interaction_id else None
    give = services.give_record(
        contact=contact,
        kind=body.kind,
        direction=body.direction,
        summary=body.summary,
        occurred_at=body.occurred_at,
        interaction=interaction,
    )
    return Status(201, render.give(give))


@router.get("/gives/{give_id}", response=reading(GiveOut), tags=["gives"])
def give_read(request: HttpRequest, give_id: int = GiveId) -> dict[str, Any]:
    return render.give(lookups.give(owner_of(request), give_id))


@router.patch("/gives/{give_id}", response=changing(GiveOut), tags=["gives"])
def give_change(request: HttpRequest, body: GivePatch, give_id: int = GiveId) -> dict[str, Any]:
    give = lookups.give(owner_of(request), give_id)
    edit_services.give_update(
        give=give,
        kind=body.kind,
        direction=body.direction,
        summary=body.summary,
        occurred_at=body.occurred_at,
    )
    return render.give(give)


@router.delete("/gives/{give_id}", response=DELETING, tags=["gives"])
def give_delete(request: HttpRequest, give_id: int = GiveId) -> Status[None]:
    edit_services.give_remove(give=lookups.give(owner_of(request), give_id))
    return Status(204, None)


@router.get("/shares", response=reading(SharePage), tags=["shares"])
def share_list(request: HttpRequest, filters: Query[ShareFilters]) -> dict[str, Any]:
    rows = record_selectors.shares_for_owner(owner=owner_of(request), contact_id=filters.contact)
    return page_of(request, rows, filters, render.share)


@router.post("/shares", response=creating(ShareOut), tags=["shares"])
def share_create(request: HttpRequest, body: ShareIn) -> Status[dict[str, Any]]:
    """Share an article with a contact, as the Share button does: the share, a message from you
    on their timeline, and a give. The same item twice to the same contact is refused."""
    contact = lookups.contact(owner_of(request), body.contact_id)
    share = services.share_send(contact=contact, url=body.url, title=body.title, note=body.note)
    return Status(201, render.share(share))


@router.get("/shares/{share_id}", response=reading(ShareOut), tags=["shares"])
def share_read(request: HttpRequest, share_id: int = ShareId) -> dict[str, Any]:
    return render.share(lookups.share(owner_of(request), share_id))


@router.patch("/shares/{share_id}", response=changing(ShareOut), tags=["shares"])
def share_change(request: HttpRequest, body: SharePatch, share_id: int = ShareId) -> dict[str, Any]:
    share = lookups.share(owner_of(request), share_id)
    return render.share(edit_services.share_update(share=share, title=body.title, note=body.note))


@router.delete("/shares/{share_id}", response=DELETING, tags=["shares"])
def share_delete(request: HttpRequest, share_id: int = ShareId) -> Status[None]:
    """Forget a share; the message and give it logged stay on the contact's timeline."""
    edit_services.share_delete(share=lookups.share(owner_of(request), share_id))
    return Status(204, None)
