"""Conversations from loose messages: JWZ threading over Message-ID, In-Reply-To and References,
with the subject as the last resort.

After Jamie Zawinski's algorithm (the one Netscape, Thunderbird and mutt descend from), with
three choices of our own, each for mail as it is:

- A message's own headers decide its parent: In-Reply-To when it has one (it names the parent
  directly; some clients write References oldest-last), else the last of its References.
  References of other messages only link messages that are missing from the mailbox ("ghosts"),
  so one client's damaged References cannot tear apart a thread the others agree on.
- Reference loops (A answers B, B answers A) are found after linking and broken at the earliest
  message, which becomes the root; a message that shares its Message-ID with an earlier one
  joins that one's thread. Every message ends in exactly one thread, and the work is linear in
  the number of messages and references.
- The subject joins threads only when a message says it is a reply ("Re: ...", "AW: ...", ...)
  but names no parent we have: it joins the latest earlier thread with the same subject. Two
  unrelated "Quick question" threads that never claim to answer each other stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

_NONE = -1
# Reply and forward markers in the languages mail clients write them in, with counters
# ("Re[2]:", "AW(3):") and list tags ("[notmuch]") that may sit among them.
_REPLY_WORDS = r"re|aw|sv|vs|antw|antwort|odp|res|r|回复|答复|回覆"
_FORWARD_WORDS = r"fwd?|wg|tr|rv|enc|vl|doorst|转发|轉寄"
_PREFIX = re.compile(
    rf"^\s*(?:\[[^\]]{{0,40}}\]\s*)*(?:({_REPLY_WORDS})|(?:{_FORWARD_WORDS}))"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:\uff1a]\s*",  # \uff1a: the full-width colon of CJK mail
    re.IGNORECASE,
)
_LIST_TAGS = re.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)+")


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    """What threading needs of a message: its key, its Message-ID ('' when it has none), the
    ids it answers, its subject and its date."""

    key: str
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    subject: str
    date: datetime


@dataclass(frozen=True, slots=True)
class ThreadEntry:
    """A message in its thread, with the nearest earlier message of the thread it answers
    (None for the root, or when it answers only messages missing from the mailbox)."""

    message: ThreadMessage
    parent: ThreadMessage | None


@dataclass(frozen=True, slots=True)
class Thread:
    """One conversation. `thread_id` is the Message-ID at its root, which may be a message the
    mailbox does not hold (then `root` is None); `messages` are in date order."""

    thread_id: str
    root: ThreadMessage | None
    messages: tuple[ThreadEntry, ...]
    subject: str

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of the thread's messages, in date order."""
        return tuple(entry.message.key for entry in self.messages)


def base_subject(subject: str) -> str:
    """The subject without Re:/Fwd:/AW:/SV:/... prefixes or list tags, lower-cased, whitespace
    collapsed: what two messages of one conversation share."""
    text = subject
    while True:
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _LIST_TAGS.sub("", text)
    return " ".join(text.split()).lower()


def is_reply_subject(subject: str) -> bool:
    """True when the subject starts with a reply marker (Re:, AW:, SV:, ...), not a forward."""
    match = _PREFIX.match(subject)
    return bool(match and match.group(1))


class _Forest:
    # Containers by number: a message or a ghost (a Message-ID we only know from references).
    def __init__(self, messages: Sequence[ThreadMessage]) -> None:
        self.messages = messages
        self.message_of: list[int] = []
        self.parent: list[int] = []
        self.ids: list[str] = []
        self.by_id: dict[str, int] = {}
        self.own: list[int] = []

    def add(self, message_id: str, message: int) -> int:
        self.message_of.append(message)
        self.parent.append(_NONE)
        self.ids.append(message_id)
        return len(self.ids) - 1

    def container(self, message_id: str) -> int:
        found = self.by_id.get(message_id)
        if found is None:
            found = self.add(message_id, _NONE)
            self.by_id[message_id] = found
        return found

    def date(self, container: int) -> tuple[int, datetime | None, int]:
        # Sort key: messages before ghosts, then by date, then by input order.
        message = self.message_of[container]
        if message == _NONE:
            return (1, None, container)
        return (0, self.messages[message].date, message)


def thread_messages(messages: Iterable[ThreadMessage]) -> list[Thread]:
    """The conversations the messages make, oldest first; every message is in exactly one."""
    forest = _linked_by_ids(list(messages))
    _join_by_subject(forest)
    return _threads(forest)


def id_trees(messages: Iterable[ThreadMessage]) -> set[tuple[str, frozenset[str]]]:
    """The conversations the ids alone make, before any is joined to another by subject: each
    as the key of its earliest message and the keys of all its messages. Joining by subject
    looks at nothing else: the earliest message's subject and date, in date order."""
    forest = _linked_by_ids(list(messages))
    roots, children = _children(forest)
    trees = set()
    for root in roots:
        present = [m for m in _members(root, children) if forest.message_of[m] != _NONE]
        if present:
            earliest = _required(forest, min(present, key=forest.date))
            trees.add((earliest.key, frozenset(_required(forest, m).key for m in present)))
    return trees


def _linked_by_ids(items: list[ThreadMessage]) -> _Forest:
    forest = _Forest(items)
    _place_messages(forest, items)
    _link_references(forest, items)
    _break_loops(forest)
    return forest


def _place_messages(forest: _Forest, items: list[ThreadMessage]) -> None:
    for index, message in enumerate(items):
        message_id = message.message_id
        holder = forest.by_id.get(message_id) if message_id else None
        if holder is not None and forest.message_of[holder] == _NONE:
            forest.message_of[holder] = index
            forest.own.append(holder)
            continue
        # A second message with the same id, or one without an id: a container of its own,
        # under an id no reference can name.
        own = forest.add(f"{message_id}\x00{index}", index)
        if message_id and holder is None:
            forest.by_id[message_id] = own
        forest.own.append(own)


def _link_references(forest: _Forest, items: list[ThreadMessage]) -> None:
    for index, message in enumerate(items):
        own = forest.own[index]
        chain = [ref for ref in message.references if ref and ref != message.message_id]
        # References of this message link the ghosts among them; present messages keep the
        # parent their own headers give them.
        for earlier, later in pairwise(chain):
            child = forest.container(later)
            if forest.message_of[child] == _NONE and forest.parent[child] == _NONE:
                parent = forest.container(earlier)
                if parent != child:
                    forest.parent[child] = parent
        original = forest.by_id.get(message.message_id) if message.message_id else None
        if original is not None and original != own:
            # The same Message-ID twice is the same message filed twice (or sent through two
            # lists): the copy goes with the first, so a thread id names one thread.
            forest.parent[own] = original
            continue
        declared = message.in_reply_to or (chain[-1] if chain else "")
        if declared and declared != message.message_id:
            parent = forest.container(declared)
            if parent != own:
                forest.parent[own] = parent


def _break_loops(forest: _Forest) -> None:
    # Every container has at most one parent, so each loop is found by one walk up.
    state = [0] * len(forest.parent)  # 0 unseen, 1 on the current walk, 2 done
    for start in range(len(forest.parent)):
        path: list[int] = []
        node = start
        while node != _NONE and state[node] == 0:
            state[node] = 1
            path.append(node)
            node = forest.parent[node]
        if node != _NONE and state[node] == 1:
            loop = path[path.index(node) :]
            forest.parent[_loop_breaker(forest, loop)] = _NONE
        for member in path:
            state[member] = 2


def _loop_breaker(forest: _Forest, loop: list[int]) -> int:
    # A ghost's link is only inferred from someone's References: cut that first. Otherwise
    # the earliest message becomes the root, as it most likely was.
    ghosts = [member for member in loop if forest.message_of[member] == _NONE]
    if ghosts:
        return min(ghosts)
    return min(loop, key=forest.date)


def _children(forest: _Forest) -> tuple[list[int], list[list[int]]]:
    roots: list[int] = []
    children: list[list[int]] = [[] for _ in forest.parent]
    for node, parent in enumerate(forest.parent):
        if parent == _NONE:
            roots.append(node)
        else:
            children[parent].append(node)
    return roots, children


def _members(root: int, children: list[list[int]]) -> list[int]:
    found = [root]
    position = 0
    while position < len(found):
        found.extend(children[found[position]])
        position += 1
    return found


def _visible_root(root: int, forest: _Forest, children: list[list[int]]) -> int:
    # A ghost with one child is no conversation of its own: its child stands for the thread.
    node = root
    while forest.message_of[node] == _NONE and len(children[node]) == 1:
        node = children[node][0]
    return node


def _join_by_subject(forest: _Forest) -> None:
    roots, children = _children(forest)
    trees: list[tuple[tuple[int, datetime | None, int], int, ThreadMessage]] = []
    for root in roots:
        members = [m for m in _members(root, children) if forest.message_of[m] != _NONE]
        if members:
            earliest = min(members, key=forest.date)
            trees.append((forest.date(earliest), root, _required(forest, earliest)))
    trees.sort(key=lambda tree: tree[0])
    latest_with_subject: dict[str, int] = {}
    group_of: dict[int, int] = {}
    for _, root, opener in trees:
        subject = base_subject(opener.subject)
        earlier = latest_with_subject.get(subject) if subject else None
        if earlier is not None and is_reply_subject(opener.subject):
            top = group_of[earlier]
            forest.parent[root] = _visible_root(top, forest, children)
            group_of[root] = top
        else:
            group_of[root] = root
        if subject:
            latest_with_subject[subject] = root


def _threads(forest: _Forest) -> list[Thread]:
    roots, children = _children(forest)
    threads: list[tuple[tuple[int, datetime | None, int], Thread]] = []
    for root in roots:
        members = _members(root, children)
        present = [m for m in members if forest.message_of[m] != _NONE]
        if not present:
            continue
        nearest: dict[int, int] = {}
        entries = []
        for member in members:  # breadth first, so a parent is always seen before its child
            parent = forest.parent[member]
            above = nearest.get(parent, _NONE) if parent != _NONE else _NONE
            nearest[member] = member if forest.message_of[member] != _NONE else above
            if forest.message_of[member] != _NONE:
                entries.append((forest.date(member), member, above))
        entries.sort(key=lambda entry: entry[0])
        visible = _visible_root(root, forest, children)
        root_message = _message(forest, visible)
        ordered = tuple(
            ThreadEntry(_required(forest, member), _message(forest, above))
            for _, member, above in entries
        )
        if root_message is None:
            thread_id = forest.ids[visible]
        else:
            thread_id = root_message.message_id or root_message.key
        first = ordered[0].message
        subject = root_message.subject if root_message else first.subject
        threads.append((entries[0][0], Thread(thread_id, root_message, ordered, subject)))
    threads.sort(key=lambda item: item[0])
    return [thread for _, thread in threads]


def _message(forest: _Forest, container: int) -> ThreadMessage | None:
    if container == _NONE or forest.message_of[container] == _NONE:
        return None
    return forest.messages[forest.message_of[container]]


def _required(forest: _Forest, container: int) -> ThreadMessage:
    return forest.messages[forest.message_of[container]]
