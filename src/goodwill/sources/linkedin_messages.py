"""LinkedIn messages.csv, every header generation since 2018, and who 'the user' is in it.

An export does not say whose it is, so the pass over the file works the user out: the one
person in every conversation, never among their own connections, named like Profile.csv when
there is one. Each row is kept (compactly) until the end of that pass, then becomes a record.
"""

from __future__ import annotations

import hashlib
import html
import operator
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

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
from goodwill.sources.tables import Table, table_cells

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


class _Survey:
    """What the pass over messages.csv counts to learn who the user is: the participant in the
    most conversations, among those who are not the user's own connections, preferring one
    named like Profile.csv's owner. The 2018 layout says it outright in its Direction column."""

    def __init__(self) -> None:
        self.conversations: dict[str, set[str]] = defaultdict(set)
        self.messages: Counter[str] = Counter()
        self.names: dict[str, set[str]] = defaultdict(set)
        self.profiles: dict[str, HandleRecord | None] = {}
        self.sender_of_outgoing = ""
        # The same few senders and recipient lists fill a whole file: each distinct one is looked
        # at once, and its rows are only counted (participants are cached, so alike is identical).
        self._keys: dict[tuple[int, int], tuple[str, ...]] = {}
        self._rows: Counter[tuple[int, int]] = Counter()
        self._seen_in: set[tuple[tuple[int, int], str]] = set()

    def add(
        self,
        sender: Participant,
        recipients: tuple[Participant, ...],
        conversation: str,
        direction: str,
    ) -> None:
        if direction == "OUTGOING" and sender.name and not self.sender_of_outgoing:
            self.sender_of_outgoing = sender.name
        people = (id(sender), id(recipients))
        if people not in self._keys:
            self._keys[people] = self._first_seen(sender, recipients)
        self._rows[people] += 1
        self._seen_in.add((people, conversation))

    def _first_seen(
        self, sender: Participant, recipients: tuple[Participant, ...]
    ) -> tuple[str, ...]:
        keys = []
        for person in (sender, *recipients):
            key = participant_key(person)
            if key == "name:":
                continue
            keys.append(key)
            if person.name:
                name = person.name.casefold()
                self.names[key].add(name)
                if person.linkedin is not None:
                    known = self.profiles.setdefault(name, person.linkedin)
                    if known is not None and known.normalized != person.linkedin.normalized:
                        self.profiles[name] = None  # two people share the name: complete neither
        return tuple(keys)

    def _count(self) -> None:
        for people, rows in self._rows.items():
            for key in self._keys[people]:
                self.messages[key] += rows
        for people, conversation in self._seen_in:
            for key in self._keys[people]:
                self.conversations[key].add(conversation)

    def correspondents(self, *, profile_name: str, connections: frozenset[str]) -> Correspondents:
        self._count()
        conversations, messages, names = self.conversations, self.messages, self.names
        complete = {name: handle for name, handle in self.profiles.items() if handle is not None}
        if self.sender_of_outgoing:
            return Correspondents(
                UserIdentity(names=frozenset({self.sender_of_outgoing.casefold()}))
            )
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


_COLUMNS = (
    "conversation id",
    "conversation title",
    "from",
    "sender profile url",
    "to",
    "recipient profile urls",
    "date",
    "subject",
    "content",
    "folder",
    "is message draft",
    "is conversation draft",
    "direction",
)
# LinkedIn's own time stamps ('2024-05-01 09:30:00 UTC'), read without the general parser.
_UTC_STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\Z")


# One row as the pass keeps it until who the user is is known, as a plain tuple (a hundred
# thousand of them): what does not depend on that is already worked out.
type _Read = tuple[
    int,  # line
    int,  # number
    str,  # why it is skipped, or ''
    Participant,  # sender
    tuple[Participant, ...],  # recipients
    str,  # conversation id, '' in the 2018 layout
    str,  # 'OUTGOING' or 'INCOMING' from the 2018 layout's Direction column, else ''
    datetime | None,  # sent at
    str,  # sent at, in ISO form (the message key's)
    str,  # conversation title
    str,  # subject
    str,  # content
    str,  # folder
]


@dataclass(frozen=True, slots=True)
class _Resolved:
    """What the people of a row come to once the user is known; the same for every row with the
    same sender, recipients and (2018 layout) direction."""

    sender: Participant
    recipients: tuple[Participant, ...]
    counterparts: tuple[Participant, ...]
    from_me: bool
    sender_key: str


def read_messages(
    table: Table[object],
    *,
    profile_name: str = "",
    connections: frozenset[str] = frozenset(),
) -> Iterator[MessageRecord | SkippedRecord]:
    """Each message as a MessageRecord; drafts and rows without a sender or a time are
    SkippedRecords saying why. The file is read once: each row is kept, compactly, while the
    pass learns who the user is (`profile_name` is Profile.csv's name, `connections` the
    profiles of the user's connections, never the user), then the records are made."""
    survey = _Survey()
    rows: deque[_Read] = deque()
    # Conversation ids and folders repeat row after row: each is kept once.
    conversations: dict[str, str] = {}
    folders: dict[str, str] = {}
    legacy = is_legacy_layout(table.header)
    for line, number, cells in _cells(table):
        (
            conversation,
            title,
            sender_name,
            sender_url,
            to_names,
            to_urls,
            date_text,
            subject,
            content,
            folder,
            message_draft,
            conversation_draft,
            direction,
        ) = cells
        # Names, profiles, dates and texts are trimmed where they are read; these are compared.
        conversation = conversation.strip()
        folder = folder.strip()
        direction = direction.strip().upper()
        sender = participant(sender_name, sender_url)
        recipients = split_people(to_names, to_urls)
        survey.add(
            sender,
            recipients,
            conversation or _legacy_conversation_id(sender, recipients),
            direction,
        )
        problem = ""
        sent_at: datetime | None = None
        iso = ""
        if (
            message_draft.strip().casefold() in _YES
            or conversation_draft.strip().casefold() in _YES
            or folder.casefold() in _DRAFT_FOLDERS
        ):
            problem = "is a draft that was never sent"
        elif not sender.name and sender.linkedin is None:
            problem = "names no sender"
        else:
            sent_at, iso = _sent_at(date_text)
            if sent_at is None:
                problem = f"DATE {date_text.strip()!r} is not a time"
        rows.append(
            (
                line,
                number,
                problem,
                sender,
                recipients,
                conversations.setdefault(conversation, conversation),
                direction if legacy and direction in ("OUTGOING", "INCOMING") else "",
                sent_at,
                iso,
                _plain_text(title),
                _plain_text(subject),
                _plain_text(content),
                folders.get(folder) or folders.setdefault(folder, folder.upper()),
            )
        )
    correspondents = survey.correspondents(profile_name=profile_name, connections=connections)
    del survey, conversations, folders
    resolved: dict[tuple[int, int, str], _Resolved] = {}
    file_name = table.blob.name
    while rows:
        # Each row is let go as its record is made.
        (
            line,
            number,
            problem,
            sender,
            recipients,
            conversation,
            direction,
            sent_at,
            iso,
            title,
            subject,
            content,
            folder,
        ) = rows.popleft()
        origin = Origin(file_name, line, number)
        if problem or sent_at is None:
            yield SkippedRecord(origin, problem)
            continue
        memo = (id(sender), id(recipients), direction)
        people = resolved.get(memo)
        if people is None:
            people = resolved[memo] = _resolve(sender, recipients, direction, correspondents)
        conversation = conversation or _legacy_conversation_id(people.sender, people.recipients)
        yield MessageRecord(
            source_key=_message_key(conversation, iso, people.sender_key, content),
            origin=origin,
            conversation_id=conversation,
            conversation_title=title,
            sender=people.sender,
            recipients=people.recipients,
            counterparts=people.counterparts,
            sent_at=sent_at,
            subject=subject,
            content=content,
            direction=Direction.FROM_ME if people.from_me else Direction.TO_ME,
            folder=folder,
        )


def _cells(table: Table[object]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Each row's line, number and the cells of _COLUMNS in that order, as the csv module read
    them; '' for a column the layout does not have."""
    positions = {name: index for index, name in enumerate(table.header)}  # the last one wins
    width = len(table.header)
    pick = operator.itemgetter(*(positions.get(name, width) for name in _COLUMNS))
    padding = [""] * (width + 1)
    for line, number, cells in table_cells(table):
        if len(cells) <= width:
            cells = cells + padding[len(cells) :]
        else:
            cells[width] = ""  # what a missing column reads; cells past the header are not read
        yield line, number, pick(cells)


def _sent_at(text: str) -> tuple[datetime | None, str]:
    """The moment a message was sent and its ISO form, or (None, '') for text that is no time."""
    if _UTC_STAMP.match(text):
        iso = f"{text[:10]}T{text[11:19]}+00:00"
        try:
            return datetime.fromisoformat(iso), iso
        except ValueError:
            pass  # a day or an hour out of range: the general parser says so
    try:
        moment = parse_timestamp(text)
    except ValueError:
        return None, ""
    return (moment, moment.isoformat()) if moment is not None else (None, "")


def _resolve(
    sender: Participant,
    recipients: tuple[Participant, ...],
    direction: str,
    correspondents: Correspondents,
) -> _Resolved:
    user = correspondents.user
    if correspondents.profiles:
        sender = correspondents.complete(sender)
        recipients = tuple(correspondents.complete(person) for person in recipients)
    from_me = direction == "OUTGOING" if direction else user.is_user(sender)
    return _Resolved(
        sender,
        recipients,
        _counterparts(sender, recipients, user, from_me=from_me),
        from_me,
        participant_key(sender),
    )


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


def _plain_text(text: str) -> str:
    # LinkedIn writes HTML entities (&amp; &nbsp; &#39;) into plain-text cells.
    if "&" not in text and "\r" not in text and "\xa0" not in text:
        return text.strip()
    text = html.unescape(text).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _legacy_conversation_id(sender: Participant, recipients: tuple[Participant, ...]) -> str:
    # The 2018 layout has no conversation ids: the same people make the same conversation.
    people = sorted({participant_key(person) for person in (sender, *recipients)})
    return "people:" + hashlib.sha1("\x1f".join(people).encode()).hexdigest()[:20]


def _message_key(conversation: str, sent_at: str, sender_key: str, content: str) -> str:
    # The key of every release so far: stored messages are found by it, so it must not change.
    parts = (conversation, sent_at, sender_key, content)
    return "message:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:24]
