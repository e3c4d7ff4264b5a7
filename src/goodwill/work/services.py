"""The only writer of work records. The web pages and the CLI both come through here.

Every function takes the owner, directly or through a work record, and refuses contacts or
organizations of another account. Errors are ValidationError with the field they concern.
A piece of work passed on to a contact is also a give (a referral you gave); work that came
through a contact may be recorded as a give from them. The give is kept in step with the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goodwill.network import services as network_services
from goodwill.network.models import Contact, Direction, Give, Organization
from goodwill.network.services import Owner
from goodwill.work.models import Work, WorkIntroduction
from goodwill.work.selectors import client_contact_named

# Fits Work.value: 14 digits, 2 after the point.
MAX_VALUE = Decimal("999999999999.99")
# Longer chains are not introductions any more but a rumour.
MAX_CHAIN = 20


@dataclass(frozen=True)
class WorkFields:
    """What the user says about a piece of work, as the services take it."""

    title: str
    direction: str = Work.Direction.CAME_TO_ME
    referred_by: Contact | None = None
    passed_to: Contact | None = None
    via: Sequence[Contact] = ()
    client_contact: Contact | None = None
    client_organization: Organization | None = None
    # Typed by a person: an exact contact name or email, else an organization (created on first
    # use). Used only when neither client field above is given.
    client_name: str = ""
    value: Decimal | str | None = None
    currency: str = ""
    came_on: date | None = None
    notes: str = ""
    # Came to you: record a referral received from `referred_by`. Passed on: always a give.
    record_give: bool = True


def work_record(*, owner: Owner, fields: WorkFields) -> Work:
    """A new piece of work, with its chain of introductions and its give."""
    work = Work(owner=owner, created_at=timezone.now())
    return _save(work, fields)


def work_update(*, work: Work, fields: WorkFields) -> Work:
    """Change a piece of work; its chain and its give are rewritten to match."""
    return _save(work, fields)


def work_delete(*, work: Work) -> None:
    """Remove a piece of work and the give that was recorded with it."""
    with transaction.atomic():
        give = _recorded_give(work)
        work.delete()
        if give is not None:
            network_services.give_delete(give=give)


def _save(work: Work, fields: WorkFields) -> Work:
    owner = work.owner
    clean = _validated(owner, fields)
    with transaction.atomic():
        if clean.client_contact is None and clean.client_organization is None and clean.client_name:
            client_contact, client_organization = _client_for_name(owner, clean.client_name)
        else:
            client_contact, client_organization = clean.client_contact, clean.client_organization
        old_give = _recorded_give(work)
        work.title = clean.title
        work.direction = clean.direction
        work.referred_by = clean.referred_by
        work.passed_to = clean.passed_to
        work.client_contact = client_contact
        work.client_organization = client_organization
        work.value = clean.value
        work.currency = clean.currency
        work.came_on = clean.came_on
        work.notes = clean.notes
        work.give = None
        work.save()
        if old_give is not None:
            network_services.give_delete(give=old_give)
        WorkIntroduction.objects.filter(work=work).delete()
        WorkIntroduction.objects.bulk_create(
            WorkIntroduction(owner=owner, work=work, contact=contact, position=position)
            for position, contact in enumerate(clean.via)
        )
        give = _give_for(work, record_give=clean.record_give)
        if give is not None:
            work.give = give
            work.save(update_fields=["give"])
    return work


def _client_for_name(owner: Owner, name: str) -> tuple[Contact | None, Organization | None]:
    """The contact of exactly that name or email (and their organization), else the organization
    of that name, created on first use."""
    contact = client_contact_named(owner=owner, text=name)
    if contact is not None:
        return contact, contact.organization
    return None, network_services.organization_for_name(owner=owner, name=name)


def _recorded_give(work: Work) -> Give | None:
    if work.pk is None or work.give_id is None:
        return None
    return Give.objects.filter(owner_id=work.owner_id, pk=work.give_id).first()


def _give_for(work: Work, *, record_give: bool) -> Give | None:
    occurred_at = _moment_of(work.came_on)
    if work.direction == Work.Direction.PASSED_ON and work.passed_to is not None:
        return network_services.give_record(
            contact=work.passed_to,
            kind=Give.Kind.REFERRAL,
            direction=Direction.FROM_ME,
            summary=f"Passed on work: {work.title}",
            occurred_at=occurred_at,
        )
    if record_give and work.direction == Work.Direction.CAME_TO_ME and work.referred_by:
        return network_services.give_record(
            contact=work.referred_by,
            kind=Give.Kind.REFERRAL,
            direction=Direction.TO_ME,
            summary=f"Referred work: {work.title}",
            occurred_at=occurred_at,
        )
    return None


def _moment_of(day: date) -> datetime:
    """A give happens at a moment: now for today, else noon of the day, in the user's zone."""
    now = timezone.localtime()
    if day == now.date():
        return now
    return timezone.make_aware(datetime.combine(day, time(12)))


def parse_value(text: str) -> Decimal | None:
    """A value as typed (1200, 1,200.50, 1 200); None for blank. ValidationError if not a number."""
    cleaned = text.strip().replace(",", "").replace(" ", "").replace("_", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(
            {"value": f"{text.strip()!r} is not an amount, e.g. 1200 or 1200.50."}
        )
    return value


@dataclass(frozen=True)
class _Clean:
    title: str
    direction: str
    referred_by: Contact | None
    passed_to: Contact | None
    via: tuple[Contact, ...]
    client_contact: Contact | None
    client_organization: Organization | None
    client_name: str
    value: Decimal | None
    currency: str
    came_on: date
    notes: str
    record_give: bool


def _validated(owner: Owner, fields: WorkFields) -> _Clean:
    errors: dict[str, str] = {}
    title = " ".join(fields.title.split())
    if not title:
        errors["title"] = "Say what the work is: the project or the job."
    elif len(title) > 300:
        errors["title"] = f"The title is {len(title)} characters; 300 at most."
    direction = fields.direction
    if direction not in Work.Direction.values:
        errors["direction"] = "Say whether the work came to you or you passed it on."
    for name in ("referred_by", "passed_to", "client_contact", "client_organization"):
        row = getattr(fields, name)
        if row is not None and row.owner_id != owner.pk:
            errors[name] = "That record belongs to another account."
    if any(contact.owner_id != owner.pk for contact in fields.via):
        errors["via"] = "That record belongs to another account."
    referred_by, passed_to = fields.referred_by, fields.passed_to
    if direction == Work.Direction.PASSED_ON:
        if passed_to is None:
            errors["passed_to"] = "Say who you passed the work on to."
        if referred_by is not None:
            errors["referred_by"] = "Work you passed on was referred by you; leave this empty."
    elif direction == Work.Direction.CAME_TO_ME and passed_to is not None:
        errors["passed_to"] = "Work that came to you was not passed on; leave this empty."
    via = list(fields.via)
    if len(via) > MAX_CHAIN:
        errors["via"] = f"The chain has {len(via)} introductions; {MAX_CHAIN} at most."
    seen: set[int] = set()
    ends = {c.pk for c in (referred_by, passed_to) if c is not None}
    for contact in via:
        if contact.pk in seen:
            errors["via"] = f"{contact.full_name} is in the chain twice."
        elif contact.pk in ends:
            role = "referred it" if referred_by and contact.pk == referred_by.pk else "got it"
            errors["via"] = f"{contact.full_name} {role}; the chain holds the people before."
        seen.add(contact.pk)
    value: Decimal | None = None
    if isinstance(fields.value, str):
        try:
            value = parse_value(fields.value)
        except ValidationError as error:
            errors["value"] = error.message_dict["value"][0]
    else:
        value = fields.value
    currency = fields.currency.strip().upper()
    if value is not None:
        if value < 0:
            errors["value"] = "A value is zero or more."
        elif value > MAX_VALUE:
            errors["value"] = f"{value} is more than this can keep ({MAX_VALUE})."
        else:
            value = value.quantize(Decimal("0.01"))
        if not currency:
            errors["currency"] = "Say the currency of the value: a three-letter code such as EUR."
    else:
        # A currency alone says nothing (forms keep the last one filled in).
        currency = ""
    if currency and not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
        errors["currency"] = (
            f"{fields.currency.strip()!r} is not a currency code such as EUR or USD."
        )
    if errors:
        raise ValidationError(errors)
    return _Clean(
        title=title,
        direction=direction,
        referred_by=referred_by,
        passed_to=passed_to,
        via=tuple(via),
        client_contact=fields.client_contact,
        client_organization=fields.client_organization,
        client_name=" ".join(fields.client_name.split())[:200],
        value=value,
        currency=currency,
        came_on=fields.came_on or timezone.localdate(),
        notes=fields.notes.strip(),
        record_give=fields.record_give,
    )
