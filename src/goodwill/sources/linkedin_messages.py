"""LinkedIn messages.csv, every header generation since 2018, and who 'the user' is in it.

An export does not say whose it is, so a first pass works the user out: the one person in
every conversation, never among their own connections, named like Profile.csv when there is one.
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from goodwill.sources.dates import parse_timestamp
from goodwill.sources.linkedin_people import participant, participant_key, split_people
from goodwill.sources.records import (
    Direction,
    HandleRecord,
    MessageRecord,
    Origin,
    Participant,
    SkippedRecord,
)
from goodwill.sources.tables import Row, Table, table_rows

_YES = {"yes", "true", "1"}
_DRAFT_FOLDERS = {"draft", "drafts"}


@dataclass(frozen=True)
class UserIdentity:
    """How the export's owner appears in it: their profile keys and their names, case-folded."""

    keys: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)

    def is_user(self, person: Participant) -> bool:
        """True when the participant is the user: by profile when it has one, else by name."""
        if person.linkedin is not None:
            return person.linkedin.normalized in self.keys
        return person.name.casefold() in self.names


def is_legacy_layout(header: Iterable[str]) -> bool:
    """True for the 2018 layout (From, To, Date, Subject, Content, Direction, Folder)."""
    return "conversation id" not in set(header)


@dataclass(frozen=True)
class Correspondents:
    """What a first pass over messages.csv learns: who the user is, and the profile of each name
    seen with one, to complete recipients the 2021-22 layout lists by name only."""

    user: UserIdentity = field(default_factory=UserIdentity)
    profiles: Mapping[str, HandleRecord] = field(default_factory=dict)

    def complete(self, person: Participant) -> Participant:
        """The participant with their profile filled in when only their name was given."""
        if person.linkedin is None and person.name:
            handle = self.profiles.get(person.name.casefold())
            if handle is not None:
                return Participant(person.name, handle)
        return person


def survey_messages(
    table: Table[object], *, profile_name: str = "", connections: frozenset[str] = frozenset()
) -> Correspondents:
    """Reads messages.csv once to learn who the user is: the participant in the most
    conversations, among those who are not the user's own connections, preferring one named like
    Profile.csv's owner. The 2018 layout says it outright in its Direction column."""
    conversations: dict[str, set[str]] = defaultdict(set)
    messages: Counter[str] = Counter()
    names: dict[str, set[str]] = defaultdict(set)
    profiles: dict[str, HandleRecord | None] = {}
    sender_of_outgoing = ""
    for row in table_rows(table):
        sender, recipients = _people(row)
        if row.get("direction").upper() == "OUTGOING" and sender.name:
            sender_of_outgoing = sender_of_outgoing or sender.name
        conversation = row.get("conversation id") or _legacy_conversation_id(sender, recipients)
        for person in (sender, *recipients):
            key = participant_key(person)
            if key == "name:":
                continue
            conversations[key].add(conversation)
            messages[key] += 1
            if person.name:
                name = person.name.casefold()
                names[key].add(name)
                if person.linkedin is not None:
                    known = profiles.setdefault(name, person.linkedin)
                    if known is not None and known.normalized != person.linkedin.normalized:
                        profiles[name] = None  # two people share the name: complete neither
    complete = {name: handle for name, handle in profiles.items() if handle is not None}
    if sender_of_outgoing:
        return Correspondents(UserIdentity(names=frozenset({sender_of_outgoing.casefold()})))
    # A name seen only as a recipient is the same person as that name seen with a profile.
    for name, handle in complete.items():
        alias = f"name:{name}"
        if alias in conversations:
            conversations[handle.normalized] |= conversations.pop(alias)
            messages[handle.normalized] += messages.pop(alias)
            names[handle.normalized] |= names.pop(alias)
    wanted = profile_name.casefold().strip()
    candidates = [key for key in conversations if key not in connections] or list(conversations)
    if not candidates:
        return Correspondents(profiles=complete)
    best = max(
        candidates,
        key=lambda key: (
            bool(wanted) and wanted in names[key],
            len(conversations[key]),
            messages[key],
            key,
        ),
    )
    keys = frozenset({best}) if not best.startswith("name:") else frozenset()
    return Correspondents(UserIdentity(keys, frozenset(names[best])), complete)


def read_messages(
    table: Table[object], *, correspondents: Correspondents
) -> Iterator[MessageRecord | SkippedRecord]:
    """Each message as a MessageRecord; drafts and rows without a sender or a time are
    SkippedRecords saying why."""
    legacy = is_legacy_layout(table.header)
    user = correspondents.user
    for row in table_rows(table):
        origin = Origin(table.blob.name, row.line, row.number)
        if _is_draft(row):
            yield SkippedRecord(origin, "is a draft that was never sent")
            continue
        sender, recipients = _people(row, correspondents)
        if not sender.name and sender.linkedin is None:
            yield SkippedRecord(origin, "names no sender")
            continue
        date_text = row.get("date")
        try:
            sent_at = parse_timestamp(date_text)
        except ValueError:
            sent_at = None
        if sent_at is None:
            yield SkippedRecord(origin, f"DATE {date_text!r} is not a time")
            continue
        if legacy and row.get("direction").upper() in ("OUTGOING", "INCOMING"):
            from_me = row.get("direction").upper() == "OUTGOING"
        else:
            from_me = user.is_user(sender)
        counterparts = _counterparts(sender, recipients, user, from_me=from_me)
        conversation = row.get("conversation id") or _legacy_conversation_id(sender, recipients)
        content = _plain_text(row.cells.get("content", ""))
        yield MessageRecord(
            source_key=_message_key(conversation, sent_at.isoformat(), sender, content),
            origin=origin,
            conversation_id=conversation,
            conversation_title=_plain_text(row.get("conversation title")),
            sender=sender,
            recipients=recipients,
            counterparts=counterparts,
            sent_at=sent_at,
            subject=_plain_text(row.get("subject")),
            content=content,
            direction=Direction.FROM_ME if from_me else Direction.TO_ME,
            folder=row.get("folder").upper(),
        )


def _people(
    row: Row, correspondents: Correspondents | None = None
) -> tuple[Participant, tuple[Participant, ...]]:
    sender = participant(row.get("from"), row.get("sender profile url"))
    recipients = split_people(row.get("to"), row.get("recipient profile urls"))
    if correspondents is not None and correspondents.profiles:
        sender = correspondents.complete(sender)
        recipients = tuple(correspondents.complete(person) for person in recipients)
    return sender, recipients


def _counterparts(
    sender: Participant,
    recipients: tuple[Participant, ...],
    user: UserIdentity,
    *,
    from_me: bool,
) -> tuple[Participant, ...]:
    if from_me:
        people = recipients
    elif user.keys or user.names:
        people = (sender, *recipients)
    else:
        # Nobody to leave out: the recipients of a message to the user are likely just the user.
        people = (sender,)
    seen: set[str] = set()
    others = []
    for person in people:
        key = participant_key(person)
        if key in seen or key == "name:" or user.is_user(person):
            continue
        seen.add(key)
        others.append(person)
    return tuple(others)


def _is_draft(row: Row) -> bool:
    return (
        row.get("is message draft").casefold() in _YES
        or row.get("is conversation draft").casefold() in _YES
        or row.get("folder").casefold() in _DRAFT_FOLDERS
    )


def _plain_text(text: str) -> str:
    # LinkedIn writes HTML entities (&amp; &nbsp; &#39;) into plain-text cells.
    text = html.unescape(text).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _legacy_conversation_id(sender: Participant, recipients: tuple[Participant, ...]) -> str:
    # The 2018 layout has no conversation ids: the same people make the same conversation.
    people = sorted({participant_key(person) for person in (sender, *recipients)})
    return "people:" + hashlib.sha1("\x1f".join(people).encode()).hexdigest()[:20]


def _message_key(conversation: str, sent_at: str, sender: Participant, content: str) -> str:
    parts = (conversation, sent_at, participant_key(sender), content)
    return "message:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]
