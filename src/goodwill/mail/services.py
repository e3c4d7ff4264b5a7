"""The writer of mail rows: messages stored as they are read, then settled into threads,
interactions, radar items and loops.

Two steps, so that a sync cut off anywhere resumes where it stopped:

1. `messages_store` keeps the messages that are conversations (bulk mail is counted and left
   out), each once by its key, with what was detected in its text; they wait unthreaded.
2. `mail_settle` threads the waiting messages with those stored before, then brings each thread
   it touched up to date: its interaction (one per thread with a contact, through
   network.services), its radar items, and the loops they open, acknowledge or close.

Interactions, loops and contacts are written only through goodwill.network.services.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from goodwill.insight import asks
from goodwill.insight.radar import RadarFinding, RadarMessage, RadarState, thread_radar
from goodwill.insight.threads import ThreadMessage, base_subject, id_trees, thread_messages
from goodwill.mail.models import (
    Correspondent,
    Detection,
    Dismissal,
    MailImport,
    MailThread,
    Message,
    OwnAddress,
    RadarItem,
)
from goodwill.network import bulk_rows
from goodwill.network import services as network
from goodwill.network.models import Contact, Direction, Handle, Interaction, Loop
from goodwill.network.services import Owner, SourcedInteraction
from goodwill.sources.handles import HandleError, normalize_email
from goodwill.sources.mail_bulk import left_out_reason
from goodwill.sources.mail_owner import MIN_SENT, looks_sent
from goodwill.sources.mail_records import SNIPPET_LENGTH, MailFlag, MailMessage
from goodwill.sources.records import SkippedRecord

log = logging.getLogger(__name__)

SOURCE = "mail"
# Asks and offers older than this when first seen are history, not news: they are kept as
# radar items but open no loop, so importing ten years of mail does not flood Today.
RADAR_HORIZON_DAYS = 60
UNREADABLE_EXAMPLES = 20
_KEY_LENGTH = 300
BATCH = 2000


def clean_text(text: str) -> str:
    """Text as every database stores it: NUL characters dropped, undecodable bytes replaced."""
    return _clean(text)


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL characters, and no database takes the lone surrogates that stand
    # for undecodable bytes; damaged mail carries both.
    if text.isascii() and "\x00" not in text:
        return text
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def message_key(key: str) -> str:
    """A message or thread key that fits the database: long ones are shortened by a hash, and
    characters no database stores are replaced."""
    if len(key) > _KEY_LENGTH:
        key = key[:200] + "#" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return _clean(key)


def import_start(*, owner: Owner, source: str, kind: str) -> MailImport:
    """A new import run, counting from zero."""
    return MailImport.objects.create(
        owner=owner, source=_clean(source[:1000]), kind=kind, started_at=timezone.now()
    )


def import_finish(*, run: MailImport) -> MailImport:
    run.finished_at = timezone.now()
    run.save()
    return run


def own_addresses_configure(*, owner: Owner, addresses: Iterable[str]) -> list[str]:
    """Record addresses the user says are theirs and return those that were not configured
    yet; HandleError for one that is no address."""
    added = []
    for address in dict.fromkeys(normalize_email(address) for address in addresses):
        own, created = OwnAddress.objects.get_or_create(
            owner=owner, address=address, defaults={"configured": True}
        )
        if created or not own.configured:
            own.configured = True
            own.save(update_fields=["configured"])
            added.append(address)
    return added


def own_addresses(*, owner: Owner) -> frozenset[str]:
    """The user's addresses: configured ones and those they sent enough mail from."""
    return frozenset(
        OwnAddress.objects.filter(owner=owner)
        .filter(configured=True)
        .values_list("address", flat=True)
    ) | frozenset(
        OwnAddress.objects.filter(owner=owner, sent_count__gte=MIN_SENT).values_list(
            "address", flat=True
        )
    )


def contact_addresses(*, owner: Owner) -> dict[str, int]:
    """Every email handle of the owner's contacts: normalised address -> contact id."""
    return dict(
        Handle.objects.filter(owner=owner, kind=Handle.Kind.EMAIL).values_list(
            "normalized", "contact_id"
        )
    )


def known_message_keys(*, owner: Owner) -> set[str]:
    return set(Message.objects.filter(owner=owner).values_list("key", flat=True))


@dataclass
class StoreCounts:
    """What one batch of `messages_store` did."""

    stored: int = 0
    known: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def _addresses_text(message: MailMessage) -> str:
    found = dict.fromkeys(person.address for person in message.recipients if person.address)
    found.update(dict.fromkeys(message.delivered_to))
    return " ".join(found)


def _display(message: MailMessage) -> str:
    return ", ".join(str(person) for person in (*message.to, *message.cc))


@dataclass
class PreparedBatch:
    """A batch of messages sorted out but not yet written: the rows to store, the texts to read
    for asks, offers and promises (by row index), and what was counted on the way."""

    counts: StoreCounts = field(default_factory=StoreCounts)
    rows: list[dict[str, object]] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)
    sent_counts: Counter[str] = field(default_factory=Counter)

    @property
    def text_list(self) -> list[str]:
        return [text for _, text in self.texts]


def detect_all(texts: Sequence[str]) -> list[list[asks.Detection]]:
    """What each text asks, offers and promises, in this process."""
    return [asks.detect_intents(text) for text in texts]


def messages_store(
    *,
    owner: Owner,
    run: MailImport,
    records: Iterable[MailMessage | SkippedRecord],
    known: set[str],
    keep_bodies: bool = False,
) -> StoreCounts:
    """Store the new messages among `records` (those whose key is not in `known`, which is
    updated), leaving bulk mail out with its reason counted on `run`, and counting what could
    not be read. Each message waits unthreaded until `mail_settle`. One transaction."""
    batch = messages_prepare(
        owner=owner, run=run, records=records, known=known, keep_bodies=keep_bodies
    )
    return messages_write(owner=owner, run=run, batch=batch, found=detect_all(batch.text_list))


def messages_prepare(
    *,
    owner: Owner,
    run: MailImport,
    records: Iterable[MailMessage | SkippedRecord],
    known: set[str],
    keep_bodies: bool = False,
) -> PreparedBatch:
    """Sort a batch out without writing: what is new, what is left out and why, what could not
    be read. `messages_write` stores it once its texts have been read for detections."""
    batch = PreparedBatch()
    counts, rows, texts, sent_counts = batch.counts, batch.rows, batch.texts, batch.sent_counts
    # Directions by the user's addresses as known now; settling corrects the few that change
    # as sent mail teaches more of them, rather than setting every one.
    own = own_addresses(owner=owner)
    for record in records:
        run.read += 1
        if isinstance(record, SkippedRecord):
            run.unreadable += 1
            if len(run.unreadable_examples) < UNREADABLE_EXAMPLES:
                run.unreadable_examples.append(_clean(f"{record.origin}: {record.reason}"))
            continue
        key = message_key(record.key)
        if key in known:
            counts.known += 1
            continue
        reason = left_out_reason(record)
        if reason is not None:
            counts.left_out[str(reason)] += 1
            continue
        known.add(key)
        if looks_sent(record) and record.sender.address:
            sent_counts[record.sender.address] += 1
        if record.body:
            texts.append((len(rows), record.body))
        sender_address = _clean(record.sender.address[:320])
        addresses = _clean(_addresses_text(record))
        rows.append(
            {
                "owner_id": owner.pk,
                "key": key,
                "message_id": _clean(record.message_id[:300]),
                "in_reply_to": _clean(record.in_reply_to[:300]),
                "references": _clean(" ".join(record.references)),
                "subject": _clean(record.subject[:500]),
                "sender_name": _clean(record.sender.name[:300]),
                "sender_address": sender_address,
                "to": _clean(_display(record)),
                "addresses": addresses,
                "sent_at": record.date,
                "folder": _clean(record.folder[:500]),
                "origin": _clean(str(record.origin)[:1000]),
                "replied": MailFlag.REPLIED in record.flags,
                "snippet": _clean(record.snippet[:SNIPPET_LENGTH]),
                "body": _clean(record.body or "") if keep_bodies else "",
                "detected": record.body is not None,
                "thread_id": None,
                "direction": _direction_of(sender_address, addresses, own),
            }
        )
    return batch


def messages_write(
    *,
    owner: Owner,
    run: MailImport,
    batch: PreparedBatch,
    found: Sequence[Sequence[asks.Detection]],
) -> StoreCounts:
    """Write a prepared batch and the detections found in its texts (in the batch's order), in
    one transaction."""
    counts, rows, sent_counts = batch.counts, batch.rows, batch.sent_counts
    detected = [(index, found[number]) for number, (index, _) in enumerate(batch.texts)]
    with transaction.atomic():
        ids = bulk_rows.allocate_ids(Message, len(rows))
        for row, pk in zip(rows, ids, strict=True):
            row["id"] = pk
        bulk_rows.insert_rows(Message, rows, with_ids=True)
        bulk_rows.insert_rows(
            Detection,
            (
                {
                    "owner_id": owner.pk,
                    "message_id": ids[index],
                    "kind": str(detection.kind),
                    "sentence": _clean(detection.sentence[:500]),
                    "score": detection.score,
                    "why": _clean(detection.why[:300]),
                }
                for index, detections in detected
                for detection in detections
            ),
        )
        for address, count in sent_counts.items():
            own, _ = OwnAddress.objects.get_or_create(owner=owner, address=address[:320])
            own.sent_count += count
            own.save(update_fields=["sent_count"])
        for why, count in counts.left_out.items():
            run.left_out[why] = run.left_out.get(why, 0) + count
        run.known += counts.known
        run.stored += len(rows)
        run.save()
    counts.stored = len(rows)
    return counts


# ---------------------------------------------------------------------------------------------
# Settling: threads, directions, correspondents, interactions, radar, loops.


@dataclass
class SettleReport:
    """What `mail_settle` changed, and how many messages it threaded to find out (all of them
    unless it could settle incrementally)."""

    threaded: int = 0
    threads: int = 0
    interactions: int = 0
    loops_opened: int = 0
    loops_acknowledged: int = 0
    loops_closed: int = 0
    suggestions: int = 0


@dataclass(slots=True)
class _Row:
    # A stored message's facts, as settling needs them.
    pk: int
    key: str
    message_id: str
    in_reply_to: str
    references: str
    subject: str
    sender_name: str
    sender_address: str
    addresses: str
    sent_at: datetime
    thread_id: int | None
    direction: str
    replied: bool
    # Whether its text was read for asks, offers and promises: only such a message has any.
    detected: bool


_ROW_FIELDS = (
    "pk",
    "key",
    "message_id",
    "in_reply_to",
    "references",
    "subject",
    "sender_name",
    "sender_address",
    "addresses",
    "sent_at",
    "thread_id",
    "direction",
    "replied",
    "detected",
)


def _direction(row: _Row, own: frozenset[str]) -> str:
    return _direction_of(row.sender_address, row.addresses, own)


def _direction_of(sender_address: str, addresses: str, own: frozenset[str]) -> str:
    # `addresses`: the recipients' addresses, space-separated, as stored.
    if sender_address in own:
        return Direction.FROM_ME
    if any(address in own for address in addresses.split()):
        return Direction.TO_ME
    return ""


def _correspondents(row: _Row, own: frozenset[str]) -> list[str]:
    if row.direction == Direction.TO_ME:
        return [row.sender_address] if row.sender_address else []
    if row.direction == Direction.FROM_ME:
        return [address for address in row.addresses.split() if address not in own]
    return []


def _relink_needed(owner: Owner, contacts: dict[str, int]) -> bool:
    return any(
        contacts.get(address) != contact_id
        for address, contact_id in Correspondent.objects.filter(owner=owner).values_list(
            "address", "contact_id"
        )
    )


# More messages than this waiting are threaded with every stored message, not incrementally
# (a first import, a large re-import): the lookups would save little.
INCREMENTAL_LIMIT = 5000
_LOOKUP_CHUNK = 500


def _directions_current(owner: Owner, own: frozenset[str]) -> bool:
    """Whether every threaded message's direction still follows the user's addresses; when one
    does not (an address was added or learnt), settling must read every message."""
    threaded = Message.objects.filter(owner=owner, thread__isnull=False)
    if (
        threaded.filter(sender_address__in=own).exclude(direction=Direction.FROM_ME).exists()
        or threaded.filter(direction=Direction.FROM_ME).exclude(sender_address__in=own).exists()
    ):
        return False
    to_me = Q(pk__in=[])
    for address in own:
        # A substring match may be a longer address: then the full pass decides, harmlessly.
        to_me |= Q(addresses__contains=address)
    not_from_me = threaded.exclude(direction=Direction.FROM_ME)
    return not (
        not_from_me.filter(to_me).exclude(direction=Direction.TO_ME).exists()
        or threaded.filter(direction=Direction.TO_ME).exclude(to_me).exists()
    )


def _linked_rows(owner: Owner, own: frozenset[str]) -> list[_Row] | None:
    """The waiting messages and every stored thread they can join, or None when settling must
    thread every message (too many waiting, or directions to redo).

    A waiting message joins a stored thread through an id: its own Message-ID or one it names
    in In-Reply-To or References that a stored message has as its Message-ID, as its thread's
    root (a missing message the thread hangs from), or names itself (a reply stored before the
    message it answers). Whole threads are read, so threading them again with the waiting
    messages gives what threading everything would.

    Conversations also join by subject: one whose earliest message says "Re:" joins the latest
    earlier one with its subject. So when the waiting messages start a conversation, merge two,
    or give one another earliest message, every stored thread with that conversation's subject
    (before and after) comes too. A reply later than the conversation it answers changes none
    of that, which is how new mail usually comes: a reply to one "Re: Invoice" thread does not
    bring every thread about invoices.

    Finding them reads the ids of every stored message once (with the subjects of the waiting
    messages; other subjects, when a change needs them, in a second pass), and threads only
    what was found."""
    waiting = [
        _Row(*values)
        for values in Message.objects.filter(owner=owner, thread__isnull=True)
        .order_by("pk")
        .values_list(*_ROW_FIELDS)[: INCREMENTAL_LIMIT + 1]
    ]
    if len(waiting) > INCREMENTAL_LIMIT or not _directions_current(owner, own):
        return None
    ids: set[str] = set()
    for row in waiting:
        ids.update(filter(None, (row.message_id, row.in_reply_to, *row.references.split())))
    stored = Message.objects.filter(owner=owner, thread__isnull=False)
    thread_ids: set[int] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = [message_key(message_id) for message_id in ordered[start : start + _LOOKUP_CHUNK]]
        thread_ids.update(
            MailThread.objects.filter(owner=owner, key__in=chunk).values_list("pk", flat=True)
        )
    subjects = {base for row in waiting if (base := base_subject(row.subject))}
    linked, by_subject = _scan_stored(stored, ids, subjects)
    thread_ids |= linked
    found = _thread_rows(stored, thread_ids)
    needed = _subjects_rejoined(found, waiting)
    if needed - subjects:
        by_subject.update(_scan_stored(stored, set(), needed - subjects)[1])
    more = set().union(*(by_subject.get(subject, ()) for subject in needed))
    found += _thread_rows(stored, more - thread_ids)
    return sorted([*found, *waiting], key=_date_order)


def _scan_stored(
    stored: QuerySet[Message], ids: set[str], subjects: set[str]
) -> tuple[set[int], dict[str, set[int]]]:
    """One pass over the stored messages' ids and subjects (cheaper here than a LIKE per id):
    the threads of those that are, answer or name one of `ids`, and the threads with each of
    `subjects` (base subjects) among their messages'."""
    linked: set[int] = set()
    by_subject: dict[str, set[int]] = defaultdict(set)
    last_words = {subject.rsplit(" ", 1)[-1] for subject in subjects}
    fields = ("thread_id", "message_id", "in_reply_to", "references", "subject")
    for thread_id, message_id, in_reply_to, references, subject in stored.values_list(
        *fields
    ).iterator(chunk_size=BATCH):
        if (
            message_id in ids
            or in_reply_to in ids
            or (references and not ids.isdisjoint(references.split()))
        ):
            linked.add(thread_id)
        if (
            subject
            and subject.rsplit(None, 1)[-1].lower() in last_words
            and (base := base_subject(subject)) in subjects
        ):
            by_subject[base].add(thread_id)
    return linked, by_subject


def _subjects_rejoined(stored: list[_Row], waiting: list[_Row]) -> set[str]:
    """The base subjects whose joining by subject the waiting messages can change: those of
    the earliest message of each conversation (by ids alone) that they start, merge with
    another, or give another earliest message, as it was and as it becomes."""
    new = {row.key for row in waiting}
    before = id_trees(map(_thread_message, sorted(stored, key=_date_order)))
    after = id_trees(map(_thread_message, sorted([*stored, *waiting], key=_date_order)))
    kept = {(earliest, keys - new) for earliest, keys in after} & before
    changed = {earliest for earliest, keys in after if (earliest, keys - new) not in kept}
    changed.update(earliest for earliest, keys in before if (earliest, keys) not in kept)
    subject_of = {row.key: row.subject for rows in (stored, waiting) for row in rows}
    return {base for key in changed if (base := base_subject(subject_of[key]))}


def _date_order(row: _Row) -> tuple[datetime, int]:
    return (row.sent_at, row.pk)


def _thread_message(row: _Row) -> ThreadMessage:
    return ThreadMessage(
        key=row.key,
        message_id=row.message_id,
        in_reply_to=row.in_reply_to,
        references=tuple(row.references.split()),
        subject=row.subject,
        date=row.sent_at,
    )


def _thread_rows(stored: QuerySet[Message], thread_ids: set[int]) -> list[_Row]:
    joined = sorted(thread_ids)
    return [
        _Row(*values)
        for start in range(0, len(joined), BATCH)
        for values in stored.filter(thread_id__in=joined[start : start + BATCH]).values_list(
            *_ROW_FIELDS
        )
    ]


def mail_settle(*, owner: Owner, now: datetime | None = None, force: bool = False) -> SettleReport:
    """Thread the messages waiting since they were stored, and bring every thread they touched,
    and every thread of a correspondent who has become a contact since, up to date. With
    nothing waiting and nobody to relink it costs two queries (`force` settles anyway, as after
    the user's addresses changed).

    A few messages waiting (an IMAP sync, a re-import), with the user's addresses and contacts
    as they were, are threaded incrementally: only with the stored threads they can join (see
    `_linked_rows`). Otherwise every stored message is threaded again."""
    now = now or timezone.now()
    report = SettleReport()
    waiting = Message.objects.filter(owner=owner, thread__isnull=True).exists()
    contacts = contact_addresses(owner=owner)
    relink = _relink_needed(owner, contacts)
    if not (waiting or force or relink):
        return report
    own = own_addresses(owner=owner)
    rows = None
    if not (force or relink):
        rows = _linked_rows(owner, own)
    incremental = rows is not None
    if rows is None:
        rows = [
            _Row(*values)
            for values in Message.objects.filter(owner=owner).values_list(*_ROW_FIELDS)
        ]
    if not rows:
        return report
    report.threaded = len(rows)
    # Directions follow the user's addresses, which grow as sent mail teaches more of them.
    changed_direction = []
    for row in rows:
        direction = _direction(row, own)
        if direction != row.direction:
            row.direction = direction
            changed_direction.append(row)
    pending = {row.pk for row in rows if row.thread_id is None}
    pending.update(row.pk for row in changed_direction)
    # Incrementally, only waiting messages change direction (_linked_rows checks the others).
    full = bool(changed_direction) and not incremental
    relinked = _correspondents_update(owner, rows, own, contacts, full=full)
    report.suggestions = relinked.suggestions
    threads = thread_messages(map(_thread_message, rows))
    by_key = {row.key: row for row in rows}
    stored_threads = dict(MailThread.objects.filter(owner=owner).values_list("key", "pk"))
    touched: list[tuple[str, list[_Row]]] = []
    for thread in threads:
        members = [by_key[key] for key in thread.keys]
        key = message_key(thread.thread_id)
        addresses = {a for row in members for a in _correspondents(row, own)}
        if (
            any(row.pk in pending for row in members)
            or stored_threads.get(key) is None
            or any(row.thread_id != stored_threads[key] for row in members)
            or addresses & relinked.addresses
        ):
            touched.append((key, members))
    report.threads = len(touched)
    for start in range(0, len(touched), BATCH):
        batch = touched[start : start + BATCH]
        _settle_threads(owner, batch, own, contacts, now, report)
    with transaction.atomic():
        bulk_rows.update_rows(
            Message, ["direction"], [(row.direction, row.pk) for row in changed_direction]
        )
        # Two threads that a new message joined leave one of them empty.
        MailThread.objects.filter(owner=owner).exclude(
            pk__in=Message.objects.filter(owner=owner, thread__isnull=False).values("thread_id")
        ).delete()
    return report


@dataclass
class _Relinked:
    addresses: set[str]
    suggestions: int


def _correspondents_update(
    owner: Owner, rows: list[_Row], own: frozenset[str], contacts: dict[str, int], full: bool
) -> _Relinked:
    # Counts are rebuilt from every message when directions changed, else added for new ones.
    counted = rows if full else [row for row in rows if row.thread_id is None]
    inbound: Counter[str] = Counter()
    outbound: Counter[str] = Counter()
    names: dict[str, str] = {}
    last: dict[str, datetime] = {}
    for row in counted:
        for address in _correspondents(row, own):
            if row.direction == Direction.TO_ME:
                inbound[address] += 1
                if row.sender_name:
                    names[address] = row.sender_name
            else:
                outbound[address] += 1
            if address not in last or last[address] < row.sent_at:
                last[address] = row.sent_at
    stored = {c.address: c for c in Correspondent.objects.filter(owner=owner)}
    relinked: set[str] = set()
    new, changed = [], []
    for address in last.keys() | stored.keys():
        correspondent = stored.get(address)
        if correspondent is None:
            correspondent = Correspondent(owner=owner, address=address[:320], last_at=last[address])
            new.append(correspondent)
        else:
            changed.append(correspondent)
            if full:
                correspondent.inbound = correspondent.outbound = 0
        correspondent.inbound += inbound[address]
        correspondent.outbound += outbound[address]
        if address in names and not correspondent.name:
            correspondent.name = names[address][:300]
        if address in last and correspondent.last_at < last[address]:
            correspondent.last_at = last[address]
        contact_id = contacts.get(address)
        if correspondent.contact_id != contact_id:
            correspondent.contact_id = contact_id
            relinked.add(address)
    with transaction.atomic():
        Correspondent.objects.bulk_create(new, batch_size=BATCH)
        bulk_rows.update_rows(
            Correspondent,
            ["inbound", "outbound", "name", "last_at", "contact_id"],
            [(c.inbound, c.outbound, c.name, c.last_at, c.contact_id, c.pk) for c in changed],
        )
    suggestions = sum(
        1
        for c in (*new, *changed)
        if c.contact_id is None and c.inbound and c.outbound and not c.ignored
    )
    # New correspondents' threads are touched anyway; only those relinked since count here.
    return _Relinked(relinked - {c.address for c in new}, suggestions)


def _thread_direction(members: Sequence[_Row]) -> str:
    directions = {row.direction for row in members if row.direction}
    if directions == {Direction.FROM_ME}:
        return Direction.FROM_ME
    if directions == {Direction.TO_ME}:
        return Direction.TO_ME
    return Direction.BOTH


def _settle_threads(
    owner: Owner,
    batch: list[tuple[str, list[_Row]]],
    own: frozenset[str],
    contacts: dict[str, int],
    now: datetime,
    report: SettleReport,
) -> None:
    with transaction.atomic():
        stored = {
            t.key: t for t in MailThread.objects.filter(owner=owner, key__in=[k for k, _ in batch])
        }
        values: dict[str, dict[str, object]] = {}
        entries = []
        # Snippets are fetched only for the message each interaction shows, to keep memory flat.
        snippets = dict(
            Message.objects.filter(
                owner=owner,
                pk__in=[max(members, key=lambda row: row.sent_at).pk for _, members in batch],
            ).values_list("pk", "snippet")
        )
        for key, members in batch:
            first, latest = members[0], max(members, key=lambda row: row.sent_at)
            addresses = list(dict.fromkeys(a for row in members for a in _correspondents(row, own)))
            subject = (first.subject or latest.subject)[:500]
            values[key] = {
                "subject": subject,
                "first_at": min(row.sent_at for row in members),
                "last_at": latest.sent_at,
                "addresses": " ".join(addresses),
            }
            # One interaction per thread that reaches a contact.
            contact_ids = tuple(dict.fromkeys(contacts[a] for a in addresses if a in contacts))
            if not contact_ids:
                continue
            if latest.direction == Direction.FROM_ME:
                who = "You"
            else:
                who = latest.sender_name or latest.sender_address
            entries.append(
                SourcedInteraction(
                    source_key=f"thread:{key}"[:300],
                    contact_ids=contact_ids,
                    kind=Interaction.Kind.EMAIL,
                    summary=subject or "(no subject)",
                    direction=_thread_direction(members),
                    occurred_at=latest.sent_at,
                    details=f"{who}: {snippets[latest.pk]}" if snippets.get(latest.pk) else "",
                )
            )
        interaction_ids = network.interactions_sync_from_source(
            owner=owner, source=SOURCE, entries=entries
        )
        report.interactions += len(entries)
        new_keys = [key for key, _ in batch if key not in stored]
        ids = bulk_rows.allocate_ids(MailThread, len(new_keys))
        bulk_rows.insert_rows(
            MailThread,
            (
                {
                    "id": pk,
                    "owner_id": owner.pk,
                    "key": key,
                    "interaction_id": interaction_ids.get(f"thread:{key}"[:300]),
                    **values[key],
                }
                for key, pk in zip(new_keys, ids, strict=True)
            ),
            with_ids=True,
        )
        thread_pks = dict(zip(new_keys, ids, strict=True))
        updates = []
        for key, thread in stored.items():
            thread_pks[key] = thread.pk
            interaction_id = interaction_ids.get(f"thread:{key}"[:300], thread.interaction_id)
            value = values[key]
            fields = (value["subject"], value["first_at"], value["last_at"], value["addresses"])
            updates.append((*fields, interaction_id, thread.pk))
        bulk_rows.update_rows(
            MailThread, ["subject", "first_at", "last_at", "addresses", "interaction_id"], updates
        )
        moves = []
        for key, members in batch:
            for row in members:
                if row.thread_id != thread_pks[key]:
                    row.thread_id = thread_pks[key]
                    moves.append((row.thread_id, row.pk))
        bulk_rows.update_rows(Message, ["thread_id"], moves)
        _settle_radar(owner, batch, thread_pks, own, contacts, now, report)


def _settle_radar(
    owner: Owner,
    batch: list[tuple[str, list[_Row]]],
    thread_pks: dict[str, int],
    own: frozenset[str],
    contacts: dict[str, int],
    now: datetime,
    report: SettleReport,
) -> None:
    message_pks = [row.pk for _, members in batch for row in members if row.detected]
    intents: dict[int, dict[str, str]] = defaultdict(dict)
    for start in range(0, len(message_pks), 5000):
        for message_id, kind, sentence in (
            Detection.objects.filter(owner=owner, message_id__in=message_pks[start : start + 5000])
            .order_by("pk")
            .values_list("message_id", "kind", "sentence")
        ):
            intents[message_id].setdefault(kind, sentence)
    if not intents:
        return
    with_intents = [
        (key, members) for key, members in batch if any(row.pk in intents for row in members)
    ]
    threads = {
        thread.key: thread
        for thread in MailThread.objects.filter(
            owner=owner, pk__in=[thread_pks[key] for key, _ in with_intents]
        )
    }
    by_key: dict[str, _Row] = {}
    findings: list[tuple[MailThread, RadarFinding]] = []
    for key, members in with_intents:
        for row in members:
            by_key[row.key] = row
        facts = [
            RadarMessage(
                key=row.key,
                direction=row.direction,
                sent_at=row.sent_at,
                intents=tuple(intents.get(row.pk, {}).items()),
                replied=row.replied,
            )
            for row in members
        ]
        findings.extend((threads[key], finding) for finding in thread_radar(facts))
    if not findings:
        return
    stored = {
        (item.message_id, item.kind): item
        for item in RadarItem.objects.filter(
            owner=owner, message_id__in=[by_key[f.message_key].pk for _, f in findings]
        ).select_related("loop")
    }
    # The user's dismissals are few (each is one click), so all of them are read.
    dismissed = set(Dismissal.objects.filter(owner=owner).values_list("message_key", "kind"))
    contact_rows = (
        {
            c.pk: c
            for c in Contact.objects.filter(
                owner=owner, pk__in=set(contacts.values())
            ).select_related("circle", "owner")
        }
        if findings
        else {}
    )
    interactions = Interaction.objects.filter(owner=owner).in_bulk(
        {thread.interaction_id for thread, _ in findings if thread.interaction_id}
    )
    horizon = now - timedelta(days=RADAR_HORIZON_DAYS)
    # Each finding's item as plain values (a first import finds tens of thousands): the stored
    # item, if any, is updated when they differ, and a new one is written as a row.
    fresh: list[dict[str, object]] = []
    changed: list[tuple[RadarItem, dict[str, object]]] = []
    openings: list[tuple[dict[str, object], network.LoopOpening]] = []
    for thread, finding in findings:
        row = by_key[finding.message_key]
        contact_id = _finding_contact(row, finding, own, contacts)
        item = stored.get((row.pk, str(finding.kind)))
        values: dict[str, object] = {
            "thread_id": thread.pk,
            "whose": finding.whose,
            "summary": finding.summary[:500],
            "state": str(finding.state),
            "opened_at": finding.opened_at,
            "state_at": finding.state_at,
            "contact_id": contact_id,
            "loop_id": item.loop_id if item is not None else None,
        }
        is_dismissed = (finding.message_key, str(finding.kind)) in dismissed
        if finding.kind == "ask" and contact_id is not None:
            interaction = interactions.get(thread.interaction_id or 0)
            opening = _loop_follow(
                item.loop if item is not None else None,
                contact_rows[contact_id],
                interaction,
                finding,
                is_dismissed,
                horizon,
                report,
            )
            if opening is not None:
                openings.append((values, opening))
        if item is None:
            values.update(message_id=row.pk, kind=str(finding.kind))
            fresh.append(values)
        else:
            changed.append((item, values))
    # New loops are opened together: a first import opens thousands.
    opened = network.loops_open(openings=[opening for _, opening in openings])
    for (values, _), loop in zip(openings, opened, strict=True):
        values["loop_id"] = loop.pk
    ids = bulk_rows.allocate_ids(RadarItem, len(fresh))
    bulk_rows.insert_rows(
        RadarItem,
        ({"id": pk, "owner_id": owner.pk, **values} for values, pk in zip(fresh, ids, strict=True)),
        with_ids=True,
    )
    updates = []
    for item, values in changed:
        after = tuple(values[name] for name in _ITEM_FIELDS)
        if after != _item_values(item):
            updates.append((*after, item.pk))
    bulk_rows.update_rows(RadarItem, list(_ITEM_FIELDS), updates)


_ITEM_FIELDS = (
    "thread_id",
    "whose",
    "summary",
    "state",
    "opened_at",
    "state_at",
    "contact_id",
    "loop_id",
)


def _item_values(item: RadarItem) -> tuple[object, ...]:
    return tuple(getattr(item, name) for name in _ITEM_FIELDS)


def _finding_contact(
    row: _Row, finding: RadarFinding, own: frozenset[str], contacts: dict[str, int]
) -> int | None:
    if row.direction == Direction.TO_ME:
        return contacts.get(row.sender_address)
    for address in row.addresses.split():
        if address not in own and address in contacts:
            return contacts[address]
    return None


def _loop_follow(
    loop: Loop | None,
    contact: Contact,
    interaction: Interaction | None,
    finding: RadarFinding,
    dismissed: bool,
    horizon: datetime,
    report: SettleReport,
) -> network.LoopOpening | None:
    """Move a radar item's loop forward to where the mail says the ask stands; never
    backward, so whatever the user did to the loop stands. An item with no loop yet gets one to
    open (returned, for the caller to open with the others), acknowledged already if the mail
    says so."""
    state = finding.state
    if loop is None:
        if dismissed or state not in (RadarState.OPEN, RadarState.ACKNOWLEDGED):
            return None
        if finding.opened_at < horizon:
            return None
        report.loops_opened += 1
        acknowledged = state == RadarState.ACKNOWLEDGED
        if acknowledged:
            report.loops_acknowledged += 1
        return network.LoopOpening(
            contact=contact,
            kind=Loop.Kind.ASK,
            whose=finding.whose,
            summary=finding.summary[:300],
            interaction=interaction,
            opened_at=finding.opened_at,
            acknowledged_at=finding.state_at if acknowledged else None,
        )
    if loop.status == Loop.Status.CLOSED:
        return None
    try:
        if dismissed or state == RadarState.SUPERSEDED:
            network.loop_close(loop=loop, outcome=Loop.Outcome.DROPPED, at=finding.state_at)
            report.loops_closed += 1
        elif state == RadarState.ANSWERED:
            network.loop_close(loop=loop, outcome=Loop.Outcome.DONE, at=finding.state_at)
            report.loops_closed += 1
        elif state == RadarState.ACKNOWLEDGED and loop.status == Loop.Status.OPEN:
            network.loop_acknowledge(loop=loop, at=finding.state_at)
            report.loops_acknowledged += 1
    except ValidationError as exc:  # the loop moved meanwhile; the user's word stands
        log.info("loop %s left as it is: %s", loop.pk, exc)
    return None


def radar_item_dismiss(*, item: RadarItem) -> Dismissal:
    """The user says this is nothing: it leaves the radar, its loop (if still open) is closed as
    dropped, and every later sync keeps it so."""
    with transaction.atomic():
        dismissal, _ = Dismissal.objects.get_or_create(
            owner=item.owner,
            message_key=item.message.key,
            kind=item.kind,
            defaults={"dismissed_at": timezone.now()},
        )
        loop = item.loop
        if loop is not None and loop.status != Loop.Status.CLOSED:
            network.loop_close(loop=loop, outcome=Loop.Outcome.DROPPED)
    return dismissal


def suggestion_accept(*, correspondent: Correspondent, full_name: str = "") -> Contact:
    """Make a contact of someone written with both ways, with their address as a handle; the
    mail with them becomes interactions at once."""
    name = full_name.strip() or correspondent.name or correspondent.address.split("@")[0]
    try:
        contact = network.contact_create(
            owner=correspondent.owner, full_name=name, handles=[("email", correspondent.address)]
        )
    except HandleError as exc:  # pragma: no cover - the address was normalised when stored
        raise ValidationError({"address": str(exc)}) from exc
    mail_settle(owner=correspondent.owner)
    return contact


def suggestion_ignore(*, correspondent: Correspondent) -> Correspondent:
    correspondent.ignored = True
    correspondent.save(update_fields=["ignored"])
    return correspondent
