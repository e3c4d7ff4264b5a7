"""Turns a batch of parsed records into rows: contacts through import_people, LinkedIn messages
and invitations as interactions, endorsements and recommendations as gives.

Interactions and gives carry the source's key, so a record imported before is recognised (one
query per batch) and counted unchanged instead of stored twice. Everything of a batch is written
in bulk; clocks (last touch, next due) are brought forward once, at the end of the run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from goodwill.insight.cadence import touch_due_at
from goodwill.network.bulk_rows import allocate_ids, insert_rows, update_rows
from goodwill.network.import_people import ContactRef, People, ref_id
from goodwill.network.models import (
    Contact,
    Give,
    ImportRun,
    ImportSkip,
    Interaction,
    Participation,
)
from goodwill.sources.records import (
    ContactRecord,
    EndorsementRecord,
    InvitationRecord,
    MessageRecord,
    Origin,
    Participant,
    RecommendationRecord,
    SkippedRecord,
    SourceFormat,
    SourceRecord,
)

SUMMARY_LENGTH = 300

PeopleRecord = MessageRecord | InvitationRecord | EndorsementRecord | RecommendationRecord


class RecordError(Exception):
    """A record the importer cannot handle at all: a bug or a broken parser, never bad input
    (bad input arrives as a SkippedRecord). It ends the run, and the run changes nothing."""


@dataclass
class _PendingInteraction:
    row: dict[str, Any]
    contacts: list[ContactRef]


@dataclass
class _PendingGive:
    row: dict[str, Any]
    contact: ContactRef


class RecordApplier:
    """Applies one run's records, a batch at a time, and keeps its counts and skips."""

    def __init__(self, *, owner: User, run: ImportRun, now: datetime) -> None:
        self.owner = owner
        self.run = run
        self.people = People(owner=owner, run=run, now=now)
        self.counts: Counter[str] = Counter()
        self.skips: list[ImportSkip] = []
        self.records_read = 0
        # Each contact's latest new interaction in this run, to bring their clock forward.
        self.touches: dict[int, datetime] = {}
        # Pairs of contacts one record gave handles of: (first id, second id, why).
        self.conflicts: list[tuple[int, int, str]] = []
        self._keys_seen: set[tuple[str, str]] = set()

    def apply(self, records: list[SourceRecord]) -> None:
        """Applies a batch of records in file order."""
        self.records_read += len(records)
        interaction_keys = {
            r.source_key for r in records if isinstance(r, MessageRecord | InvitationRecord)
        }
        give_keys = {
            r.source_key for r in records if isinstance(r, EndorsementRecord | RecommendationRecord)
        }
        stored = self._stored_keys(interaction_keys, give_keys)
        fresh: list[PeopleRecord] = []
        handles: list[tuple[str, str]] = []
        names: list[str] = []
        photo_wanted = False
        for record in records:
            if isinstance(record, ContactRecord):
                handles.extend((h.kind, h.normalized) for h in record.handles)
                if not record.handles:
                    names.append(record.full_name)
                photo_wanted = photo_wanted or record.photo is not None
            elif isinstance(record, PeopleRecord):
                key = (_store_of(record), record.source_key)
                if key in stored or key in self._keys_seen:
                    self.counts["unchanged"] += 1
                    continue
                self._keys_seen.add(key)
                fresh.append(record)
                for person in _people_of(record):
                    if person.linkedin is not None:
                        handles.append((person.linkedin.kind, person.linkedin.normalized))
                    if person.name:
                        names.append(person.name)
        self.people.prefetch(handles, names, photos=photo_wanted)

        for record in records:
            if isinstance(record, SkippedRecord):
                self._skip(record.origin, record.reason)
            elif isinstance(record, ContactRecord):
                self.counts[self.people.merge_record(record)] += 1
                for problem in record.problems:
                    self._skip(record.origin, problem, record_kept=True)
            elif not isinstance(record, PeopleRecord):
                raise RecordError(f"the importer cannot handle {type(record).__name__} records")
        interactions: list[_PendingInteraction] = []
        gives: list[_PendingGive] = []
        for record in fresh:
            self._people_record(record, interactions, gives)
        conflicts = self.people.conflicts
        self.people.flush()
        self._write(interactions, gives)
        self.conflicts.extend((ref_id(c.first), ref_id(c.second), c.reason) for c in conflicts)
        self.people.conflicts = []

    def _stored_keys(self, interactions: set[str], gives: set[str]) -> set[tuple[str, str]]:
        stored: set[tuple[str, str]] = set()
        for model, keys in ((Interaction, interactions), (Give, gives)):
            ordered = sorted(keys)
            for start in range(0, len(ordered), 900):
                chunk = ordered[start : start + 900]
                found = _stored_source_keys(model, self.owner.pk, chunk)
                stored.update((model.__name__, key) for key in found)
        return stored

    def _people_record(
        self,
        record: PeopleRecord,
        interactions: list[_PendingInteraction],
        gives: list[_PendingGive],
    ) -> None:
        source = record.source.value
        refs: list[ContactRef] = []
        problems: list[str] = []
        for person in _people_of(record):
            ref, problem = self.people.participant(person, source)
            if ref is not None and ref not in refs:
                refs.append(ref)
            elif problem:
                problems.append(problem)
        if not refs:
            self._skip(record.origin, "; ".join(problems) or "names nobody but you")
            return
        moment = _moment(record)
        if moment is None:
            self._skip(record.origin, "has no date, so it cannot be placed in time")
            return
        for problem in problems:
            self._skip(record.origin, f"left out one person: {problem}", record_kept=True)
        self.counts["added"] += 1
        if isinstance(record, MessageRecord | InvitationRecord):
            summary, details = _interaction_text(record)
            kind = (
                Interaction.Kind.MESSAGE
                if isinstance(record, MessageRecord)
                else Interaction.Kind.SOCIAL
            )
            row = {
                "owner_id": self.owner.pk,
                "kind": kind.value,
                "direction": record.direction.value,
                "occurred_at": moment,
                "summary": summary,
                "details": details,
                "source": source,
                "source_key": record.source_key,
            }
            interactions.append(_PendingInteraction(row, refs))
        else:
            give_kind = (
                Give.Kind.ENDORSEMENT
                if isinstance(record, EndorsementRecord)
                else Give.Kind.RECOMMENDATION
            )
            row = {
                "owner_id": self.owner.pk,
                "interaction_id": None,
                "kind": give_kind.value,
                "direction": record.direction.value,
                "summary": _give_summary(record),
                "occurred_at": moment,
                "source": source,
                "source_key": record.source_key,
            }
            gives.append(_PendingGive(row, refs[0]))

    def _write(self, interactions: list[_PendingInteraction], gives: list[_PendingGive]) -> None:
        ids = allocate_ids(Interaction, len(interactions))
        for pending, pk in zip(interactions, ids, strict=True):
            pending.row["id"] = pk
        insert_rows(Interaction, (pending.row for pending in interactions), with_ids=True)
        participations = []
        for pending in interactions:
            occurred_at = pending.row["occurred_at"]
            for ref in pending.contacts:
                contact_id = ref_id(ref)
                participations.append(
                    {
                        "owner_id": self.owner.pk,
                        "interaction_id": pending.row["id"],
                        "contact_id": contact_id,
                        "occurred_at": occurred_at,
                    }
                )
                latest = self.touches.get(contact_id)
                if latest is None or occurred_at > latest:
                    self.touches[contact_id] = occurred_at
        insert_rows(Participation, participations)
        for pending_give in gives:
            pending_give.row["contact_id"] = ref_id(pending_give.contact)
        insert_rows(Give, (pending_give.row for pending_give in gives))

    def _skip(self, origin: Origin, reason: str, *, record_kept: bool = False) -> None:
        if not record_kept:
            self.counts["skipped"] += 1
        self.skips.append(
            ImportSkip(
                owner=self.owner,
                location=str(origin)[:300],
                reason=reason,
                record_kept=record_kept,
            )
        )

    def finish(self) -> None:
        """Brings forward the clocks of every contact a new interaction touched."""
        touches = sorted(self.touches.items())
        for start in range(0, len(touches), 900):
            chunk = dict(touches[start : start + 900])
            rows = Contact.objects.filter(pk__in=list(chunk)).values_list(
                "pk", "last_touch_at", "created_at", "cadence_days", "circle__cadence_days"
            )
            updates = []
            for pk, last_touch_at, created_at, own_cadence, circle_cadence in rows:
                touched = chunk[pk]
                if last_touch_at is not None and last_touch_at >= touched:
                    continue
                due = touch_due_at(
                    last_touch_at=touched,
                    known_since=created_at,
                    cadence_days=own_cadence or circle_cadence,
                )
                updates.append((touched, due, pk))
            # One statement for many rows: Django's bulk_update would build a CASE per row.
            update_rows(Contact, ("last_touch_at", "touch_due_at"), updates)


def _stored_source_keys(
    model: type[Interaction | Give], owner_id: int, keys: list[str]
) -> list[str]:
    # Written out so that the WHERE clause repeats the unique index's own condition (a source
    # key is never empty) as a literal: only then does SQLite use that partial index instead
    # of reading every one of the owner's rows.
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT source_key FROM {table} WHERE owner_id = %s AND source = %s "
        f"AND NOT (source_key = '') AND source_key IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [owner_id, SourceFormat.LINKEDIN.value, *keys])
        return [row[0] for row in cursor.fetchall()]


def _store_of(record: PeopleRecord) -> str:
    if isinstance(record, MessageRecord | InvitationRecord):
        return Interaction.__name__
    return Give.__name__


def _people_of(record: PeopleRecord) -> tuple[Participant, ...]:
    if isinstance(record, MessageRecord):
        return record.counterparts
    return (record.counterpart,)


def _moment(record: PeopleRecord) -> datetime | None:
    if isinstance(record, MessageRecord):
        return record.sent_at
    if isinstance(record, InvitationRecord):
        return record.sent_at
    if isinstance(record, EndorsementRecord):
        return record.endorsed_at
    return record.created_at


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _interaction_text(record: MessageRecord | InvitationRecord) -> tuple[str, str]:
    if isinstance(record, InvitationRecord):
        who = record.counterpart.name or "They"
        title = (
            f"You invited {record.counterpart.name or 'them'} to connect on LinkedIn"
            if record.direction == "out"
            else f"{who} invited you to connect on LinkedIn"
        )
        note = _one_line(record.message)
        summary = f"{title}: {note}" if note else title
        return summary[:SUMMARY_LENGTH], record.message
    text = _one_line(record.content) or _one_line(record.subject) or "LinkedIn message"
    return text[:SUMMARY_LENGTH], record.content


def _give_summary(record: EndorsementRecord | RecommendationRecord) -> str:
    if isinstance(record, EndorsementRecord):
        return f"Endorsement for {record.skill}"[:SUMMARY_LENGTH]
    text = _one_line(record.text)
    summary = f"Recommendation: {text}" if text else "Recommendation on LinkedIn"
    return summary[:SUMMARY_LENGTH]
