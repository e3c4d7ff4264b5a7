"""Contacts during an import: found by handle (or by name when a source gives nothing else),
created when new, and merged field by field without ever overwriting what the user typed.

An import may write a value when the field is empty and nobody claimed it, or when the same
source wrote it before (a newer export of the same source corrects its own values). A value the
user typed, or one another source brought, stays. Contact.field_sources keeps the source of each
imported value; Handle.source and Handle.import_run say where each handle came from.

Work is done a batch of records at a time: prefetch() looks up every handle and name of the batch
in a few queries, records are merged into plain ContactState objects, and flush() writes the batch
in bulk (bulk_rows.py says why not through model instances).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef

from goodwill.insight.cadence import touch_due_at
from goodwill.network.bulk_rows import allocate_ids, insert_rows, update_rows
from goodwill.network.models import (
    Circle,
    Contact,
    ContactPhoto,
    Handle,
    ImportRun,
    Organization,
)
from goodwill.network.services import DEFAULT_CIRCLE_NAME, circles_ensure_defaults
from goodwill.sources.records import ContactRecord, HandleRecord, Participant

HandleKey = tuple[str, str]  # (kind, normalized)
Birthday = tuple[int | None, int | None, int | None]  # year, month, day
_LOADED_COLUMNS = (
    "pk",
    "full_name",
    "organization_id",
    "position",
    "notes",
    "birthday_year",
    "birthday_month",
    "birthday_day",
    "connected_on",
    "field_sources",
)


def fold_name(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(eq=False, slots=True)
class ContactState:
    """A contact as this batch sees it: loaded from the database (pk set) or new (pk None
    until flush). Identity is the object, so states can key dictionaries before they have ids."""

    pk: int | None
    full_name: str
    organization: Organization | None = None
    position: str = ""
    notes: str = ""
    birthday: Birthday = (None, None, None)
    connected_on: date | None = None
    field_sources: dict[str, str] = field(default_factory=dict)
    has_linkedin: bool = False
    dirty: set[str] = field(default_factory=set)
    new_handles: list[tuple[HandleRecord, str]] = field(default_factory=list)  # with source
    photo: ContactPhoto | None = None

    @property
    def is_new(self) -> bool:
        return self.pk is None


ContactRef = int | ContactState


@dataclass(frozen=True)
class Conflict:
    """One record named handles of two different contacts: probably one person."""

    first: ContactRef
    second: ContactRef
    reason: str


class People:
    """The owner's contacts as one import run sees them."""

    def __init__(self, *, owner: User, run: ImportRun, now: datetime) -> None:
        self.owner = owner
        self.run = run
        self.now = now
        self.circle: Circle = next(
            circle
            for circle in circles_ensure_defaults(owner=owner)
            if circle.name == DEFAULT_CIRCLE_NAME
        )
        organizations = list(Organization.objects.filter(owner=owner))
        self.organizations: dict[str, Organization] = {
            fold_name(org.name): org for org in organizations
        }
        self._organizations_by_id = {org.pk: org for org in organizations}
        self._new_organizations: list[Organization] = []
        # Every handle met so far in this run, with its contact; None: looked up, nobody's.
        self.known: dict[HandleKey, ContactRef | None] = {}
        # Contacts by folded name, for sources that name people without any handle.
        self.by_name: dict[str, list[ContactRef]] = {}
        self._has_linkedin: dict[int, bool] = {}
        # Contacts already taken by a record without handles, so each is taken once per run.
        self._claimed: set[ContactRef] = set()
        # Fields each contact had written or confirmed by an earlier record of this run: the
        # first record wins, so a file naming one person twice reads the same every time.
        self._run_fields: dict[ContactRef, set[str]] = defaultdict(set)
        self._loaded: dict[int, ContactState] = {}
        self._photos: dict[int, ContactPhoto | None] = {}
        self.states: dict[int, ContactState] = {}  # by id(), in the order first touched
        # Where this batch put ContactStates, to replace them by ids after the flush.
        self._pending_keys: list[HandleKey] = []
        self._pending_names: set[str] = set()
        self.conflicts: list[Conflict] = []
        self.contacts_written = 0  # contacts this run created or changed

    # -- lookups -------------------------------------------------------------------------

    def prefetch(self, handles: Iterable[HandleKey], names: Iterable[str], photos: bool) -> None:
        """Looks up, in a few queries, every handle and name of the batch not seen yet."""
        missing: dict[str, set[str]] = defaultdict(set)
        for kind, normalized in handles:
            if (kind, normalized) not in self.known:
                missing[kind].add(normalized)
        matched: set[int] = set()
        for kind, values in missing.items():
            for chunk in _chunks(sorted(values)):
                found = dict(
                    Handle.objects.filter(
                        owner=self.owner, kind=kind, normalized__in=chunk
                    ).values_list("normalized", "contact_id")
                )
                for normalized in chunk:
                    contact_id = found.get(normalized)
                    self.known[(kind, normalized)] = contact_id
                    if contact_id is not None:
                        matched.add(contact_id)
        self._load_by_name({name for name in names if fold_name(name) not in self.by_name})
        self._load(matched - self._loaded.keys(), photos)

    def _load_by_name(self, names: set[str]) -> None:
        for name in names:
            self.by_name.setdefault(fold_name(name), [])
        linkedin = Handle.objects.filter(contact=OuterRef("pk"), kind=Handle.Kind.LINKEDIN)
        for chunk in _chunks(sorted(names)):
            rows = (
                Contact.objects.filter(owner=self.owner, full_name__in=chunk)
                .annotate(has_linkedin=Exists(linkedin))
                .order_by("pk")
                .values_list(*_LOADED_COLUMNS, "has_linkedin")
            )
            for row in rows:
                state = self._state_of(row[:-1])
                assert state.pk is not None
                self.by_name[fold_name(state.full_name)].append(state.pk)
                self._has_linkedin[state.pk] = row[-1]

    def _load(self, ids: set[int], photos: bool) -> None:
        for chunk in _chunks(sorted(ids)):
            rows = Contact.objects.filter(owner=self.owner, pk__in=chunk).values_list(
                *_LOADED_COLUMNS
            )
            for row in rows:
                self._state_of(row)
            if photos:
                found = {p.contact_id: p for p in ContactPhoto.objects.filter(contact__in=chunk)}
                for pk in chunk:
                    self._photos[pk] = found.get(pk)

    def _state_of(self, row: tuple[Any, ...]) -> ContactState:
        pk = row[0]
        if pk in self._loaded:
            return self._loaded[pk]
        state = ContactState(
            pk=pk,
            full_name=row[1],
            organization=self._organizations_by_id.get(row[2]) if row[2] else None,
            position=row[3],
            notes=row[4],
            birthday=(row[5], row[6], row[7]),
            connected_on=row[8],
            field_sources=dict(row[9] or {}),
        )
        self._loaded[pk] = state
        return state

    def state_of(self, ref: ContactRef) -> ContactState:
        if isinstance(ref, ContactState):
            return ref
        state = self._loaded.get(ref)
        if state is None:
            self._load({ref}, photos=True)
            state = self._loaded[ref]
        return state

    # -- contact records -----------------------------------------------------------------

    def merge_record(self, record: ContactRecord) -> str:
        """Adds or merges one person from an address book or a connections file; says
        'added', 'updated' or 'unchanged'."""
        source = record.source.value
        refs = list(
            dict.fromkeys(ref for handle in record.handles if (ref := self.known.get(_key(handle))))
        )
        claimed = None if refs or record.handles else self._claim_by_name(record.full_name, source)
        if claimed is not None:
            refs = [claimed]
        if not refs:
            state = self._new_contact(record.full_name, source)
            if not record.handles:
                self._claimed.add(state)
            self._fill(state, record, source)
            self._add_handles(state, record, source)
            return "added"
        state = self.state_of(refs[0])
        for other in refs[1:]:
            reason = f"{record.origin} gives handles of both in one record"
            self.conflicts.append(Conflict(refs[0], other, reason))
        changed = self._fill(state, record, source)
        changed = self._add_handles(state, record, source) or changed
        if changed:
            self.states.setdefault(id(state), state)
        return "updated" if changed else "unchanged"

    def _claim_by_name(self, full_name: str, source: str) -> ContactRef | None:
        # A record without a single handle: a contact of that name that this source (or the
        # user) made and that no earlier record of this run took, so a re-import stays a no-op.
        for ref in self.by_name.get(fold_name(full_name), []):
            if ref in self._claimed:
                continue
            if self.state_of(ref).field_sources.get("full_name") in (source, None):
                self._claimed.add(ref)
                return ref
        return None

    def _new_contact(self, full_name: str, source: str) -> ContactState:
        state = ContactState(pk=None, full_name=_clip(full_name, 200))
        state.field_sources["full_name"] = source
        self.states[id(state)] = state
        self._run_fields[state].add("full_name")
        name = fold_name(state.full_name)
        self.by_name.setdefault(name, []).append(state)
        self._pending_names.add(name)
        return state

    def _fill(self, state: ContactState, record: ContactRecord, source: str) -> bool:
        changed = False
        for name, value in (
            ("full_name", _clip(record.full_name, 200)),
            ("position", _clip(record.position, 200)),
            ("notes", record.notes.strip()),
        ):
            current = getattr(state, name)
            if value and self._writable(state, name, source, current != value, current):
                setattr(state, name, value)
                changed = self._claim(state, name, source)
        changed = self._fill_organization(state, record.organization, source) or changed
        if record.connected_on is not None:
            current_date = state.connected_on
            differs = current_date != record.connected_on
            if self._writable(state, "connected_on", source, differs, current_date):
                state.connected_on = record.connected_on
                changed = self._claim(state, "connected_on", source)
        if record.birthday is not None:
            birthday = (record.birthday.year, record.birthday.month, record.birthday.day)
            differs = birthday != state.birthday
            if self._writable(state, "birthday", source, differs, state.birthday[1]):
                state.birthday = birthday
                changed = self._claim(state, "birthday", source)
        if record.photo is not None:
            changed = self._fill_photo(state, record, source) or changed
        return changed

    def _writable(
        self, state: ContactState, name: str, source: str, differs: bool, current: object
    ) -> bool:
        """True when the record's value should replace the field's: it differs, no earlier
        record of this run settled the field, and it is empty or this source's own."""
        settled = self._run_fields[state.pk if state.pk is not None else state]
        if name in settled:
            return False
        settled.add(name)
        if not differs:
            return False
        origin = state.field_sources.get(name)
        if origin is None:
            # Unclaimed: what the user typed when they created the contact, or nothing yet.
            return current in (None, "")
        return origin == source

    def _claim(self, state: ContactState, name: str, source: str) -> bool:
        state.field_sources[name] = source
        state.dirty.add(name)
        return True

    def _fill_organization(self, state: ContactState, name: str, source: str) -> bool:
        name = _clip(" ".join(name.split()), 200)
        if not name:
            return False
        current = state.organization.name if state.organization is not None else ""
        differs = fold_name(current) != fold_name(name)
        if not self._writable(state, "organization", source, differs, current):
            return False
        organization = self.organizations.get(fold_name(name))
        if organization is None:
            organization = Organization(owner=self.owner, name=name)
            self.organizations[fold_name(name)] = organization
            self._new_organizations.append(organization)
        state.organization = organization
        return self._claim(state, "organization", source)

    def _fill_photo(self, state: ContactState, record: ContactRecord, source: str) -> bool:
        assert record.photo is not None
        current = state.photo
        if current is None and state.pk is not None:
            if state.pk not in self._photos:  # met by name, not prefetched with the handles
                self._photos[state.pk] = ContactPhoto.objects.filter(contact_id=state.pk).first()
            current = self._photos[state.pk]
        differs = current is None or bytes(current.data) != record.photo.data
        if not self._writable(state, "photo", source, differs, current or ""):
            return False
        if current is not None and current.source != source:
            return False  # the user's picture, or another source's
        photo = current or ContactPhoto(owner=self.owner)
        photo.data = record.photo.data
        photo.mime_type = record.photo.mime_type[:100]
        photo.source = source
        state.photo = photo
        return self._claim(state, "photo", source)

    def _add_handles(self, state: ContactState, record: ContactRecord, source: str) -> bool:
        added = False
        for handle in record.handles:
            if self.known.get(_key(handle)) is None:
                self._attach(state, handle, source)
                added = True
            # else: this contact's already, or another's (a conflict, noted by merge_record)
        return added

    def _attach(self, state: ContactState, handle: HandleRecord, source: str) -> None:
        state.new_handles.append((handle, source))
        self.known[_key(handle)] = state
        self._pending_keys.append(_key(handle))
        if handle.kind == Handle.Kind.LINKEDIN:
            state.has_linkedin = True

    # -- people named in messages, invitations, endorsements, recommendations -------------

    def participant(self, person: Participant, source: str) -> tuple[ContactRef | None, str]:
        """The contact a person named in a LinkedIn file is, created when new; or None and
        why not (a name shared by several contacts, so which one is unknown)."""
        if person.linkedin is not None:
            ref = self.known.get(_key(person.linkedin))
            if ref is not None:
                return ref, ""
            # Known by name only so far (an older export without profile addresses): the one
            # contact of that name without a LinkedIn profile gets this one.
            ref = self._unique_without_linkedin(person.name)
            if ref is None:
                state = self._new_contact(person.name or person.linkedin.value, source)
            else:
                state = self.state_of(ref)
                self.states.setdefault(id(state), state)
            self._attach(state, person.linkedin, source)
            return state, ""
        if not person.name.strip():
            return None, "names someone without a name or a profile"
        candidates = self.by_name.get(fold_name(person.name), [])
        if len(candidates) > 1:
            return None, f"{person.name} could be any of {len(candidates)} contacts of that name"
        if candidates:
            return candidates[0], ""
        return self._new_contact(person.name, source), ""

    def _unique_without_linkedin(self, name: str) -> ContactRef | None:
        candidates = self.by_name.get(fold_name(name), []) if name else []
        if len(candidates) != 1:
            return None
        [ref] = candidates
        if isinstance(ref, ContactState):
            return None if ref.has_linkedin else ref
        return None if self._has_linkedin.get(ref, True) else ref

    # -- writing -------------------------------------------------------------------------

    def flush(self) -> None:
        """Writes the batch: new organizations, new contacts, changed contacts, handles, photos.
        Afterwards every reference of the batch is a contact id."""
        if self._new_organizations:
            Organization.objects.bulk_create(self._new_organizations)
            self._organizations_by_id.update((org.pk, org) for org in self._new_organizations)
            self._new_organizations = []
        states = list(self.states.values())
        changed = [state for state in states if state.pk is not None and state.dirty]
        new = [state for state in states if state.pk is None]
        # New handles count: a new email address can tie a contact to a namesake.
        self.contacts_written += len(new) + sum(
            1 for state in states if state.pk is not None and (state.dirty or state.new_handles)
        )
        for state, pk in zip(new, allocate_ids(Contact, len(new)), strict=True):
            state.pk = pk
        insert_rows(Contact, (self._new_row(state) for state in new), with_ids=True)
        self._update_changed(changed)
        insert_rows(
            Handle,
            (
                {
                    "owner_id": self.owner.pk,
                    "contact_id": state.pk,
                    "kind": handle.kind,
                    "value": _clip(handle.value, 500) or handle.normalized,
                    "normalized": handle.normalized,
                    "source": source,
                    "import_run_id": self.run.pk,
                }
                for state in states
                for handle, source in state.new_handles
            ),
        )
        self._write_photos(states)
        self._settle(states)

    def _new_row(self, state: ContactState) -> dict[str, Any]:
        year, month, day = state.birthday
        return {
            "id": state.pk,
            "owner_id": self.owner.pk,
            "full_name": state.full_name,
            "organization_id": state.organization.pk if state.organization else None,
            "position": state.position,
            "circle_id": self.circle.pk,
            "notes": state.notes,
            "created_at": self.now,
            "touch_due_at": touch_due_at(
                last_touch_at=None, known_since=self.now, cadence_days=self.circle.cadence_days
            ),
            "birthday_year": year,
            "birthday_month": month,
            "birthday_day": day,
            "connected_on": state.connected_on,
            "field_sources": state.field_sources,
        }

    def _update_changed(self, states: list[ContactState]) -> None:
        by_columns: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
        for state in states:
            columns = _columns(state.dirty)
            values = _values(state)
            by_columns[columns].append([values[column] for column in columns] + [state.pk])
        for columns, rows in by_columns.items():
            update_rows(Contact, columns, rows)

    def _write_photos(self, states: list[ContactState]) -> None:
        photos = []
        for state in states:
            if state.photo is not None and state.pk is not None:
                state.photo.contact_id = state.pk
                photos.append(state.photo)
        ContactPhoto.objects.bulk_create([photo for photo in photos if photo.pk is None])
        changed = [photo for photo in photos if photo.pk is not None]
        if changed:
            ContactPhoto.objects.bulk_update(changed, ["data", "mime_type", "source"])

    def _settle(self, states: list[ContactState]) -> None:
        # The batch is written: from now on its contacts are known by their ids, so that no
        # later batch holds on to this batch's objects.
        for state in states:
            assert state.pk is not None
            if state.has_linkedin:
                self._has_linkedin[state.pk] = True
            else:
                self._has_linkedin.setdefault(state.pk, False)
            if state in self._claimed:
                self._claimed.discard(state)
                self._claimed.add(state.pk)
            if state in self._run_fields:
                self._run_fields[state.pk] |= self._run_fields.pop(state)
        for key in self._pending_keys:
            ref = self.known[key]
            if ref is not None:
                self.known[key] = ref_id(ref)
        for name in self._pending_names:
            self.by_name[name] = [ref_id(ref) for ref in self.by_name[name]]
        self._pending_keys = []
        self._pending_names = set()
        self.states = {}
        self._loaded = {}
        self._photos = {}


def ref_id(ref: ContactRef) -> int:
    """The contact id of a reference once the batch is flushed."""
    if isinstance(ref, ContactState):
        assert ref.pk is not None, "contact read before People.flush()"
        return ref.pk
    return ref


def _columns(dirty: set[str]) -> tuple[str, ...]:
    columns = {"field_sources"}
    for name in dirty:
        if name == "birthday":
            columns |= {"birthday_year", "birthday_month", "birthday_day"}
        elif name == "organization":
            columns.add("organization_id")
        elif name != "photo":
            columns.add(name)
    return tuple(sorted(columns))


def _values(state: ContactState) -> dict[str, Any]:
    year, month, day = state.birthday
    return {
        "field_sources": state.field_sources,
        "full_name": state.full_name,
        "organization_id": state.organization.pk if state.organization else None,
        "position": state.position,
        "notes": state.notes,
        "connected_on": state.connected_on,
        "birthday_year": year,
        "birthday_month": month,
        "birthday_day": day,
    }


def _key(handle: HandleRecord) -> HandleKey:
    return (handle.kind, handle.normalized)


def _clip(text: str, length: int) -> str:
    return text.strip()[:length]


def _chunks[T](values: list[T], size: int = 900) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
