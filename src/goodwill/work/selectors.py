"""Reads of work records, every one scoped to an owner.

"Source" is the relationship a piece of work came through: the contact who referred it
(Work.referred_by), or nobody when it found the user by itself. Values are summed per currency;
amounts in different currencies are never added together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from goodwill.network.models import Contact, Handle
from goodwill.network.services import Owner
from goodwill.sources.handles import HandleError, normalize_handle
from goodwill.work.models import Work, WorkIntroduction


def work_for_owner(*, owner: Owner) -> QuerySet[Work]:
    """All the owner's work, newest first, with the contacts it names."""
    return _work_rows(owner.pk)


def work_in_period(
    *, owner: Owner, since: date | None = None, until: date | None = None
) -> QuerySet[Work]:
    """The owner's work that came (or was passed on) from `since` to `until`, both included."""
    work = work_for_owner(owner=owner)
    if since is not None:
        work = work.filter(came_on__gte=since)
    if until is not None:
        work = work.filter(came_on__lte=until)
    return work


def work_get(*, owner: Owner, work_id: int) -> Work | None:
    """One of the owner's work records, or None (never another account's)."""
    return work_for_owner(owner=owner).filter(pk=work_id).first()


@dataclass(frozen=True)
class WorkSource:
    """The work that came through one relationship (contact_id None: it came by itself)."""

    contact_id: int | None
    contact_name: str
    count: int
    # Currency code -> total of the work that had a value; work with no value only counts.
    totals: dict[str, Decimal]


def work_by_source(
    *, owner: Owner, since: date | None = None, until: date | None = None
) -> list[WorkSource]:
    """Work that came to the owner, grouped by the contact who referred it: most work first,
    then the largest total, then by name. One aggregate query, whatever the number of records."""
    rows = (
        Work.objects.filter(owner=owner, direction=Work.Direction.CAME_TO_ME)
        .filter(**_period(since, until))
        .values("referred_by_id", "referred_by__full_name", "currency")
        .annotate(count=Count("pk"), total=Sum("value"))
        .order_by()
    )
    counts: dict[int | None, int] = defaultdict(int)
    names: dict[int | None, str] = {}
    totals: dict[int | None, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        key = row["referred_by_id"]
        counts[key] += row["count"]
        names[key] = row["referred_by__full_name"] or ""
        if row["currency"]:
            totals[key][row["currency"]] = _cents(row["total"])
    sources = [
        WorkSource(
            contact_id=key,
            contact_name=names[key],
            count=counts[key],
            totals=dict(sorted(totals[key].items())),
        )
        for key in counts
    ]
    sources.sort(
        key=lambda s: (-s.count, -sum(s.totals.values(), Decimal(0)), s.contact_name.lower())
    )
    return sources


@dataclass(frozen=True)
class WorkTotals:
    came_to_me: int
    passed_on: int
    came_to_me_value: dict[str, Decimal] = field(default_factory=dict)
    passed_on_value: dict[str, Decimal] = field(default_factory=dict)


def work_totals(
    *, owner: Owner, since: date | None = None, until: date | None = None
) -> WorkTotals:
    """How much work came and was passed on, and its value per currency."""
    rows = (
        Work.objects.filter(owner=owner)
        .filter(**_period(since, until))
        .values("direction", "currency")
        .annotate(count=Count("pk"), total=Sum("value"))
        .order_by()
    )
    counts = {Work.Direction.CAME_TO_ME.value: 0, Work.Direction.PASSED_ON.value: 0}
    values: dict[str, dict[str, Decimal]] = {"in": {}, "out": {}}
    for row in rows:
        counts[row["direction"]] += row["count"]
        if row["currency"]:
            values[row["direction"]][row["currency"]] = _cents(row["total"])
    return WorkTotals(
        came_to_me=counts["in"],
        passed_on=counts["out"],
        came_to_me_value=dict(sorted(values["in"].items())),
        passed_on_value=dict(sorted(values["out"].items())),
    )


@dataclass(frozen=True)
class ContactWork:
    """A contact's part in the owner's work: what came through them, what the owner passed on
    to them, and the work they helped along as an introduction on the way."""

    came_through: list[Work]
    passed_to: list[Work]
    introduced: list[Work]
    came_through_value: dict[str, Decimal]
    passed_to_value: dict[str, Decimal]

    @property
    def is_empty(self) -> bool:
        return not (self.came_through or self.passed_to or self.introduced)


def work_for_contact(*, contact: Contact, limit: int = 50) -> ContactWork:
    """The work a contact referred, received from the owner, or helped along, newest first."""
    owner_id = contact.owner_id
    came = list(_work_rows(owner_id).filter(direction="in", referred_by=contact)[:limit])
    passed = list(_work_rows(owner_id).filter(direction="out", passed_to=contact)[:limit])
    # The ids first, then the rows by primary key: as a subquery, PostgreSQL without fresh
    # statistics on the work table compared every piece of work with every introduction.
    introduced_ids = list(
        WorkIntroduction.objects.filter(owner_id=owner_id, contact=contact).values_list(
            "work_id", flat=True
        )
    )
    introduced = (
        list(_work_rows(owner_id).filter(pk__in=introduced_ids)[:limit]) if introduced_ids else []
    )
    return ContactWork(
        came_through=came,
        passed_to=passed,
        introduced=introduced,
        came_through_value=_value_of_rows(
            came,
            limit,
            Work.objects.filter(owner_id=owner_id, direction="in", referred_by=contact),
        ),
        passed_to_value=_value_of_rows(
            passed,
            limit,
            Work.objects.filter(owner_id=owner_id, direction="out", passed_to=contact),
        ),
    )


def _value_of_rows(rows: list[Work], limit: int, work: QuerySet[Work]) -> dict[str, Decimal]:
    """The value by currency of `work`, added up from the rows already read when they are all of
    it (fewer than `limit`), as _value_by_currency sums it in SQL; else one query."""
    if len(rows) >= limit:
        return _value_by_currency(work)
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row.currency:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + (row.value or 0)
    return {currency: _cents(totals[currency]) for currency in sorted(totals)}


def _work_rows(owner_id: int) -> QuerySet[Work]:
    return (
        Work.objects.filter(owner_id=owner_id)
        .select_related("referred_by", "passed_to", "client_contact", "client_organization")
        .prefetch_related("introductions__contact")
        .order_by("-came_on", "-pk")
    )


def work_chain(work: Work) -> list[Contact]:
    """The introductions on the way, in the order they happened (prefetched by the selectors)."""
    return [step.contact for step in work.introductions.all()]


def last_currency(*, owner: Owner) -> str:
    """The currency of the owner's latest work with a value, so forms can offer it again."""
    latest = (
        Work.objects.filter(owner=owner, value__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("currency", flat=True)
        .first()
    )
    return latest or ""


def client_contact_named(*, owner: Owner, text: str) -> Contact | None:
    """The one contact whose full name is exactly `text` (any case), who has it as an email
    address, or whom it references ("Lori Chen [#12]"); None when there is none or several,
    so the client is taken as an organization."""
    text = " ".join(text.split())
    if not text:
        return None
    referenced = contact_by_reference(owner=owner, text=text)
    if referenced is not None:
        return referenced
    if "@" in text:
        try:
            address = normalize_handle(Handle.Kind.EMAIL, text)
        except HandleError:
            address = ""
        handle = (
            Handle.objects.filter(owner=owner, kind=Handle.Kind.EMAIL, normalized=address)
            .select_related("contact__organization")
            .first()
        )
        if handle is not None:
            return handle.contact
    named = list(
        Contact.objects.filter(owner=owner, full_name__iexact=text).select_related("organization")[
            :2
        ]
    )
    return named[0] if len(named) == 1 else None


# "Lori Chen [#12]" or "#12": how pages and the CLI name one contact among namesakes.
CONTACT_REFERENCE = re.compile(r"^(?:.*\[)?#(\d{1,18})\]?$")


def contact_by_reference(*, owner: Owner, text: str) -> Contact | None:
    """The owner's contact a reference such as "Lori Chen [#12]" or "#12" names, else None."""
    match = CONTACT_REFERENCE.match(text.strip())
    if match is None:
        return None
    return (
        Contact.objects.filter(owner=owner, pk=int(match.group(1)))
        .select_related("organization", "circle")
        .first()
    )


def contact_reference(contact: Contact) -> str:
    """How a form names a contact so that it finds the same one again, namesakes or not."""
    return f"{contact.full_name} [#{contact.pk}]"


def _value_by_currency(work: QuerySet[Work]) -> dict[str, Decimal]:
    rows = (
        work.exclude(currency="")
        .values("currency")
        .annotate(total=Sum("value"))
        .order_by("currency")
    )
    return {row["currency"]: _cents(row["total"]) for row in rows}


def _cents(total: Decimal | None) -> Decimal:
    """A sum as an amount of money: SQLite's sums lose the trailing zeros (150, not 150.00)."""
    return (total or Decimal(0)).quantize(Decimal("0.01"))


def _period(since: date | None, until: date | None) -> dict[str, date]:
    period: dict[str, date] = {}
    if since is not None:
        period["came_on__gte"] = since
    if until is not None:
        period["came_on__lte"] = until
    return period
