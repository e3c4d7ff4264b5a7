"""One row of the token owner's by id, or 404: another account's id looks like no row at all."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from ninja.errors import HttpError

from goodwill.network import import_selectors, record_selectors, selectors
from goodwill.network.models import (
    Contact,
    Give,
    Handle,
    ImportRun,
    Interaction,
    Loop,
    Organization,
    Share,
)


def _one[RowT: Model](rows: QuerySet[RowT], pk: int, what: str) -> RowT:
    row = rows.filter(pk=pk).first()
    if row is None:
        raise HttpError(404, f"No such {what}: {pk}.")
    return row


def contact(owner: User, pk: int) -> Contact:
    rows = selectors.contacts_for_owner(owner=owner).select_related("organization", "circle")
    return _one(rows, pk, "contact")


def organization(owner: User, pk: int) -> Organization:
    return _one(record_selectors.organizations_for_owner(owner=owner), pk, "organization")


def handle(owner: User, pk: int) -> Handle:
    return _one(record_selectors.handles_for_owner(owner=owner), pk, "handle")


def interaction(owner: User, pk: int) -> Interaction:
    return _one(record_selectors.interactions_for_owner(owner=owner), pk, "interaction")


def loop(owner: User, pk: int) -> Loop:
    return _one(selectors.loops_for_owner(owner=owner).select_related("contact"), pk, "loop")


def give(owner: User, pk: int) -> Give:
    return _one(record_selectors.gives_for_owner(owner=owner), pk, "give")


def share(owner: User, pk: int) -> Share:
    return _one(record_selectors.shares_for_owner(owner=owner), pk, "share")


def import_run(owner: User, pk: int) -> ImportRun:
    return _one(import_selectors.import_runs_for_owner(owner=owner), pk, "import run")
