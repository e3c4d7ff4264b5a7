"""The only writer of domain rows. Web views, the CLI and importers all come through here.

Every function takes the owner, directly or through a row that already belongs to them, and
checks that everything it links belongs to the same owner. Errors are ValidationError with the
field they concern, so forms can show them where the user typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from goodwill.insight.cadence import touch_due_at
from goodwill.network import bulk_rows
from goodwill.network.models import (
    Circle,
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
from goodwill.sources.handles import HandleError, normalize_handle

# Name, cadence in days (None: never remind), reply window in days.
DEFAULT_CIRCLES: tuple[tuple[str, int | None, int], ...] = (
    ("Inner", 14, 3),
    ("Close", 30, 5),
    ("Network", 90, 7),
    ("Dormant", None, 14),
)
DEFAULT_CIRCLE_NAME = "Network"
# Most days between touches before a contact of the circle is at risk (Dormant has none).
DEFAULT_CIRCLE_MAXIMUMS: dict[str, int] = {"Inner": 21, "Close": 45, "Network": 120}

# The account every row belongs to.
Owner = User


def user_create(*, username: str, password: str) -> User:
    """A new account with the default circles, so it can add contacts at once."""
    username = username.strip()
    if not username:
        raise ValidationError({"username": "A user name is needed."})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"The user {username!r} already exists."})
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password)
        circles_ensure_defaults(owner=user)
    return user


def circles_ensure_defaults(*, owner: Owner) -> list[Circle]:
    """The default circles for an owner, created where missing; existing ones are left alone."""
    circles = []
    for position, (name, cadence_days, window_days) in enumerate(DEFAULT_CIRCLES):
        circle, _ = Circle.objects.get_or_create(
            owner=owner,
            name=name,
            defaults={
                "position": position,
                "cadence_days": cadence_days,
                "response_window_days": window_days,
                "max_cadence_days": DEFAULT_CIRCLE_MAXIMUMS.get(name),
            },
        )
        circles.append(circle)
    return circles


def _default_circle(owner: Owner) -> Circle:
    circles = circles_ensure_defaults(owner=owner)
    return next(circle for circle in circles if circle.name == DEFAULT_CIRCLE_NAME)


def _check_owned(owner: Owner, *rows: object) -> None:
    """Refuse to link rows across owners, whatever a caller passed in."""
    for row in rows:
        if row is not None and getattr(row, "owner_id", owner.pk) != owner.pk:
            raise ValidationError("That record belongs to another account.")


def organization_for_name(*, owner: Owner, name: str) -> Organization | None:
    """The owner's organization of that name, created on first use; None for a blank name."""
    name = " ".join(name.split())
    if not name:
        return None
    existing = Organization.objects.filter(owner=owner, name__iexact=name).first()
    if existing is not None:
        return existing
    return Organization.objects.create(owner=owner, name=name)


def contact_create(
    *,
    owner: Owner,
    full_name: str,
    organization_name: str = "",
    position: str = "",
    circle: Circle | None = None,
    notes: str = "",
    handles: Sequence[tuple[str, str]] = (),
    created_at: datetime | None = None,
) -> Contact:
    """A new contact, with its handles; a handle already used by another contact is refused."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": "A name is needed."})
    _check_owned(owner, circle)
    with transaction.atomic():
        contact = Contact(
            owner=owner,
            full_name=full_name,
            organization=organization_for_name(owner=owner, name=organization_name),
            position=position.strip(),
            circle=circle or _default_circle(owner),
            notes=notes,
            created_at=created_at or timezone.now(),
        )
        contact.touch_due_at = _touch_due_at(contact)
        contact.save()
        for kind, value in handles:
            handle_add(contact=contact, kind=kind, value=value)
    return contact


def contact_update(
    *,
    contact: Contact,
    full_name: str,
    organization_name: str,
    position: str,
    notes: str,
) -> Contact:
    """Change a contact's name, organization, job title and notes."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": "A name is needed."})
    before = {
        "full_name": contact.full_name,
        "organization": contact.organization.name if contact.organization else "",
        "position": contact.position,
        "notes": contact.notes,
    }
    contact.full_name = full_name
    contact.organization = organization_for_name(owner=contact.owner, name=organization_name)
    contact.position = position.strip()
    contact.notes = notes
    after = {
        "full_name": contact.full_name,
        "organization": contact.organization.name if contact.organization else "",
        "position": contact.position,
        "notes": contact.notes,
    }
    # What the user changed is theirs from now on: no import may overwrite it (or refill it).
    for field, value in after.items():
        if value != before[field]:
            contact.field_sources[field] = "user"
    contact.save(update_fields=["full_name", "organization", "position", "notes", "field_sources"])
    return contact


def contact_set_circle(
    *, contact: Contact, circle: Circle, cadence_days: int | None = None
) -> Contact:
    """Move a contact to a circle, optionally with a cadence of their own; Today follows at once."""
    _check_owned(contact.owner, circle)
    if cadence_days is not None and cadence_days <= 0:
        raise ValidationError({"cadence_days": "A cadence is a positive number of days."})
    contact.circle = circle
    contact.cadence_days = cadence_days
    contact.touch_due_at = _touch_due_at(contact)
    contact.save(update_fields=["circle", "cadence_days", "touch_due_at"])
    return contact


def _touch_due_at(contact: Contact) -> datetime | None:
    cadence = contact.cadence_days or contact.circle.cadence_days
    return touch_due_at(
        last_touch_at=contact.last_touch_at, known_since=contact.created_at, cadence_days=cadence
    )


def handle_add(*, contact: Contact, kind: str, value: str) -> Handle:
    """Attach a handle; the same normalised handle on another contact is refused by name."""
    if kind not in Handle.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of handle."})
    try:
        normalized = normalize_handle(kind, value)
    except HandleError as exc:
        raise ValidationError({"value": f"This {kind} {exc}."}) from exc
    existing = (
        Handle.objects.filter(owner=contact.owner, kind=kind, normalized=normalized)
        .select_related("contact")
        .first()
    )
    if existing is not None:
        if existing.contact_id == contact.pk:
            return existing
        raise ValidationError(
            {"value": f"{value.strip()} already belongs to {existing.contact.full_name}."}
        )
    return Handle.objects.create(
        owner=contact.owner,
        contact=contact,
        kind=kind,
        value=value.strip(),
        normalized=normalized,
    )


def handle_remove(*, handle: Handle) -> None:
    handle.delete()


def interaction_log(
    *,
    owner: Owner,
    contacts: Iterable[Contact],
    kind: str,
    summary: str,
    direction: str = Direction.BOTH,
    details: str = "",
    occurred_at: datetime | None = None,
    source: str = "manual",
    source_key: str = "",
) -> Interaction:
    """Record something that happened with one or more contacts, and reset their clocks.

    With a source key, logging the same interaction again returns the stored one unchanged.
    """
    contacts = list(contacts)
    if not contacts:
        raise ValidationError({"contacts": "An interaction needs at least one contact."})
    _check_owned(owner, *contacts)
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": "Say in a few words what happened."})
    if kind not in Interaction.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of interaction."})
    if direction not in Direction.values:
        raise ValidationError({"direction": f"{direction!r} is not a direction."})
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": "An interaction cannot be in the future."})
    if source_key:
        stored = _interaction_by_source_key(owner, source, source_key)
        if stored is not None:
            return stored
    try:
        with transaction.atomic():
            interaction = Interaction.objects.create(
                owner=owner,
                kind=kind,
                direction=direction,
                occurred_at=occurred_at,
                summary=summary[:300],
                details=details,
                source=source,
                source_key=source_key,
            )
            Participation.objects.bulk_create(
                Participation(
                    owner=owner, interaction=interaction, contact=contact, occurred_at=occurred_at
                )
                for contact in contacts
            )
            for contact in contacts:
                _record_touch(contact, occurred_at)
    except IntegrityError:
        # Another writer stored the same source key between our check and our insert.
        stored = _interaction_by_source_key(owner, source, source_key)
        if stored is None:
            raise
        return stored
    return interaction


def _interaction_by_source_key(owner: Owner, source: str, source_key: str) -> Interaction | None:
    # Repeating the unique index's condition lets SQLite use that partial index, not a scan.
    return (
        Interaction.objects.filter(owner=owner, source=source, source_key=source_key)
        .exclude(source_key="")
        .order_by()
        .first()
    )


def _record_touch(contact: Contact, occurred_at: datetime) -> None:
    if contact.last_touch_at is not None and contact.last_touch_at >= occurred_at:
        return
    contact.last_touch_at = occurred_at
    contact.touch_due_at = _touch_due_at(contact)
    contact.save(update_fields=["last_touch_at", "touch_due_at"])


def loop_open(
    *,
    contact: Contact,
    kind: str,
    whose: str,
    summary: str,
    interaction: Interaction | None = None,
    opened_at: datetime | None = None,
    response_window_days: int | None = None,
) -> Loop:
    """Open an ask, offer or promise; the reply window defaults to the contact's circle's."""
    loop = _new_loop(
        LoopOpening(
            contact=contact,
            kind=kind,
            whose=whose,
            summary=summary,
            interaction=interaction,
            opened_at=opened_at,
            response_window_days=response_window_days,
        )
    )
    loop.save(force_insert=True)
    return loop


@dataclass(frozen=True)
class LoopOpening:
    """One loop to open with `loops_open`: what `loop_open` takes, and when it was acknowledged
    already, if it was."""

    contact: Contact
    kind: str
    whose: str
    summary: str
    interaction: Interaction | None = None
    opened_at: datetime | None = None
    response_window_days: int | None = None
    acknowledged_at: datetime | None = None


def loops_open(*, openings: Sequence[LoopOpening]) -> list[Loop]:
    """Open many loops at once, each checked as `loop_open` checks one, in one statement (a
    first mail import opens thousands). A loop with `acknowledged_at` opens acknowledged."""
    loops = [_new_loop(opening) for opening in openings]
    fields = [field.attname for field in Loop._meta.concrete_fields]
    with transaction.atomic():
        for loop, pk in zip(loops, bulk_rows.allocate_ids(Loop, len(loops)), strict=True):
            loop.pk = pk
            loop._state.adding, loop._state.db = False, Loop.objects.db
        bulk_rows.insert_rows(
            Loop,
            ({name: getattr(loop, name) for name in fields} for loop in loops),
            with_ids=True,
        )
    return loops


def _new_loop(opening: LoopOpening) -> Loop:
    contact = opening.contact
    _check_owned(contact.owner, opening.interaction)
    summary = opening.summary.strip()
    if not summary:
        raise ValidationError({"summary": "Say what was asked, offered or promised."})
    if opening.kind not in Loop.Kind.values:
        raise ValidationError({"kind": f"{opening.kind!r} is not a kind of loop."})
    if opening.whose not in Loop.Whose.values:
        raise ValidationError({"whose": "Say whether it is yours or theirs."})
    window = opening.response_window_days or contact.circle.response_window_days
    if window <= 0:
        raise ValidationError({"response_window_days": "A window is a positive number of days."})
    opened_at = opening.opened_at or timezone.now()
    acknowledged = opening.acknowledged_at is not None
    return Loop(
        owner=contact.owner,
        contact=contact,
        interaction=opening.interaction,
        kind=opening.kind,
        whose=opening.whose,
        summary=summary[:300],
        opened_at=opened_at,
        response_window_days=window,
        reply_due_at=opened_at + timedelta(days=window),
        status=Loop.Status.ACKNOWLEDGED if acknowledged else Loop.Status.OPEN,
        acknowledged_at=opening.acknowledged_at,
    )


def loop_acknowledge(*, loop: Loop, at: datetime | None = None) -> Loop:
    """Mark a loop as acknowledged ("I'll keep you in mind"): no longer silence, still open."""
    if loop.status != Loop.Status.OPEN:
        raise ValidationError({"status": f"This loop is already {loop.get_status_display()}."})
    loop.status = Loop.Status.ACKNOWLEDGED
    loop.acknowledged_at = at or timezone.now()
    loop.save(update_fields=["status", "acknowledged_at"])
    return loop


def loop_close(*, loop: Loop, outcome: str, at: datetime | None = None) -> Loop:
    """Close a loop as done, declined or dropped."""
    if outcome not in Loop.Outcome.values:
        raise ValidationError({"outcome": "Say whether it was done, declined or dropped."})
    if loop.status == Loop.Status.CLOSED:
        raise ValidationError({"status": "This loop is already closed."})
    loop.status = Loop.Status.CLOSED
    loop.outcome = outcome
    loop.closed_at = at or timezone.now()
    loop.save(update_fields=["status", "outcome", "closed_at"])
    return loop


def give_record(
    *,
    contact: Contact,
    kind: str,
    direction: str,
    summary: str,
    occurred_at: datetime | None = None,
    interaction: Interaction | None = None,
) -> Give:
    """Record help, an introduction, a referral or the like, given or received."""
    _check_owned(contact.owner, interaction)
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": "Say what was given."})
    if kind not in Give.Kind.values:
        raise ValidationError({"kind": f"{kind!r} is not a kind of give."})
    if direction not in (Direction.FROM_ME, Direction.TO_ME):
        raise ValidationError({"direction": "Say whether you gave it or received it."})
    return Give.objects.create(
        owner=contact.owner,
        contact=contact,
        interaction=interaction,
        kind=kind,
        direction=direction,
        summary=summary[:300],
        occurred_at=occurred_at or timezone.now(),
    )


def give_delete(*, give: Give) -> None:
    """Remove a give recorded by mistake, or with a record it came with (work passed on)."""
    give.delete()


def share_record(
    *,
    contact: Contact,
    url: str,
    title: str = "",
    note: str = "",
    shared_at: datetime | None = None,
) -> Share:
    """Record an article sent to one contact; the same item twice to the same contact is refused."""
    url = url.strip()
    if Share.objects.filter(owner=contact.owner, contact=contact, url=url).exists():
        raise ValidationError({"url": f"You already shared this with {contact.full_name}."})
    share = Share(
        owner=contact.owner,
        contact=contact,
        url=url,
        title=title.strip()[:300],
        note=note,
        shared_at=shared_at or timezone.now(),
    )
    share.full_clean(exclude=["owner", "contact"])
    share.save()
    return share


@dataclass(frozen=True)
class SourcedInteraction:
    """An interaction as an importer sees it, keyed by its source key: what
    interactions_sync_from_source stores, or brings up to date when the key is stored already."""

    source_key: str
    contact_ids: tuple[int, ...]
    kind: str
    summary: str
    direction: str
    occurred_at: datetime
    details: str = ""


_INTERACTION_FIELDS = list(Interaction._meta.concrete_fields)


def interactions_sync_from_source(
    *, owner: Owner, source: str, entries: Sequence[SourcedInteraction]
) -> dict[str, int]:
    """Store many interactions of one source at once, or bring stored ones up to date (a mail
    thread that grew: its latest time, direction, summary and contacts), and move each
    contact's clock to their latest touch. Returns the interaction id of each source key.

    For importers, which log thousands at a time: the work is a few queries per batch, not
    per interaction. Contacts of other accounts are refused, as everywhere.
    """
    if not entries:
        return {}
    contact_ids = {pk for entry in entries for pk in entry.contact_ids}
    contacts = {
        contact.pk: contact
        for contact in Contact.objects.filter(owner=owner, pk__in=contact_ids).select_related(
            "circle"
        )
    }
    if len(contacts) != len(contact_ids):
        raise ValidationError("That record belongs to another account.")
    now = timezone.now()
    by_key = {entry.source_key: entry for entry in entries if entry.source_key}
    ids: dict[str, int] = {}
    with transaction.atomic():
        stored = {
            interaction.source_key: interaction
            for interaction in Interaction.objects.filter(
                owner=owner, source=source, source_key__in=list(by_key)
            )
        }
        changed = []
        for key, interaction in stored.items():
            entry = by_key[key]
            fields = {
                "kind": entry.kind,
                "direction": entry.direction,
                "summary": entry.summary.strip()[:300] or interaction.summary,
                "details": entry.details,
                "occurred_at": min(entry.occurred_at, now),
            }
            if any(getattr(interaction, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(interaction, name, value)
                changed.append(interaction)
        Interaction.objects.bulk_update(
            changed, ["kind", "direction", "summary", "details", "occurred_at"], batch_size=2000
        )
        # Plain rows, not model instances: bulk_rows.py says why (a third of a large import).
        new_keys = [key for key in by_key if key not in stored]
        created = {
            key: Interaction(
                pk=pk,
                owner=owner,
                kind=by_key[key].kind,
                direction=by_key[key].direction,
                occurred_at=min(by_key[key].occurred_at, now),
                summary=by_key[key].summary.strip()[:300] or "(no subject)",
                details=by_key[key].details,
                source=source,
                source_key=key,
            )
            for key, pk in zip(
                new_keys, bulk_rows.allocate_ids(Interaction, len(new_keys)), strict=True
            )
        }
        bulk_rows.insert_rows(
            Interaction,
            (
                {field.attname: getattr(row, field.attname) for field in _INTERACTION_FIELDS}
                for row in created.values()
            ),
            with_ids=True,
        )
        interactions = {**stored, **created}
        existing = set(
            Participation.objects.filter(
                owner=owner, interaction__in=[i.pk for i in stored.values()]
            ).values_list("interaction_id", "contact_id")
        )
        for interaction in changed:
            # A contact's timeline is ordered by the copy of the time each participation keeps.
            Participation.objects.filter(owner=owner, interaction=interaction).update(
                occurred_at=interaction.occurred_at
            )
        bulk_rows.insert_rows(
            Participation,
            (
                {
                    "owner_id": owner.pk,
                    "interaction_id": interactions[key].pk,
                    "contact_id": contact_id,
                    "occurred_at": interactions[key].occurred_at,
                }
                for key, entry in by_key.items()
                for contact_id in entry.contact_ids
                if (interactions[key].pk, contact_id) not in existing
            ),
        )
        latest: dict[int, datetime] = {}
        for key, entry in by_key.items():
            moment = interactions[key].occurred_at
            for contact_id in entry.contact_ids:
                if contact_id not in latest or latest[contact_id] < moment:
                    latest[contact_id] = moment
        touched = []
        for contact_id, moment in latest.items():
            contact = contacts[contact_id]
            if contact.last_touch_at is None or contact.last_touch_at < moment:
                contact.last_touch_at = moment
                contact.touch_due_at = _touch_due_at(contact)
                touched.append(contact)
        bulk_rows.update_rows(
            Contact,
            ["last_touch_at", "touch_due_at"],
            [(contact.last_touch_at, contact.touch_due_at, contact.pk) for contact in touched],
        )
        ids = {key: interaction.pk for key, interaction in interactions.items()}
    return ids


def share_send(
    *,
    contact: Contact,
    url: str,
    title: str = "",
    note: str = "",
    shared_at: datetime | None = None,
) -> Share:
    """Share an article with one contact in one step: the share, a message from you on their
    timeline (with the note), and a give (a shared article). The same item twice is refused,
    however its address was written."""
    # Here rather than at the top: feedparser loads only when something is shared.
    from goodwill.sources.feeds import item_key

    url = url.strip()
    key = item_key(url)
    earlier = Share.objects.filter(owner=contact.owner, contact=contact).values_list(
        "url", flat=True
    )
    if any(item_key(shared) == key for shared in earlier):
        raise ValidationError({"url": f"You already shared this with {contact.full_name}."})
    with transaction.atomic():
        share = share_record(contact=contact, url=url, title=title, note=note, shared_at=shared_at)
        summary = f"Shared “{share.title or share.url}”"
        interaction = interaction_log(
            owner=contact.owner,
            contacts=[contact],
            kind=Interaction.Kind.MESSAGE,
            direction=Direction.FROM_ME,
            summary=summary,
            details="\n\n".join(part for part in (note.strip(), share.url) if part),
            occurred_at=share.shared_at,
            source="share",
            source_key=f"share:{share.pk}",
        )
        give_record(
            contact=contact,
            kind=Give.Kind.ARTICLE,
            direction=Direction.FROM_ME,
            summary=summary,
            occurred_at=share.shared_at,
            interaction=interaction,
        )
    return share
