"""A synthetic Maildir for the mail benchmark: one user's years of mail with about 2,000
correspondents, threads of replies, encoded-word names, multipart bodies and some attachments.

Seeded: the same seed and the same `now` write the same files. Messages are about 7 KB on
average, as measured on real mailboxes; a tenth are newsletters (List-Id, List-Unsubscribe) the
import leaves out.
"""

from __future__ import annotations

import base64
import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

OWN_ADDRESS = "sam@samwise-consulting.example"
OWN_NAME = "Sam Wise"
FIRST = [
    "Ann",
    "Bob",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Ugo",
    "Vera",
    "Wen",
    "Xavier",
    "Yara",
    "Zoe",
]
# Names that need encoded words in a From header.
FIRST_ACCENTED = [
    "Zoë",
    "Jürgen",
    "Ângela",
    "Søren",
    "Łukasz",
    "Chloé",
    "Renée",
    "Björn",
    "François",
    "Małgorzata",
]
LAST = [
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Novak",
    "Okafor",
    "Patel",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Vargas",
    "Weber",
    "Xu",
    "Young",
    "Zimmer",
]
DOMAINS = [
    "gmail.com",
    "northwind.example",
    "contoso.example",
    "fabrikam.example",
    "tailspin.example",
    "outlook.com",
    "adventure-works.example",
    "wingtip.example",
    "litware.example",
    "proseware.example",
]
SENTENCES = (
    "Thanks for the quick call yesterday.",
    "Could you introduce me to someone at the design studio?",
    "I'll send the deck over by Friday.",
    "Happy to help if you need anything.",
    "The workshop went really well and people asked about the next one.",
    "Can you send me the invoice for March?",
    "Let me know if there is anything I can do for you.",
    "I'll keep you in mind if something comes up.",
    "We are planning the launch for the second week of June.",
    "Would you be open to a short call next week?",
    "Here are my notes from the meeting, with the numbers we discussed.",
    "The client liked the proposal but wants a smaller first phase.",
    "I can introduce you to Maria, she runs the agency now.",
    "Please review the contract when you have a moment.",
    "Looking forward to catching up soon.",
)
SUBJECTS = (
    "Quick question",
    "Intro",
    "Proposal for the spring campaign",
    "Invoice",
    "Catching up",
    "Workshop follow-up",
    "Your talk at the meetup",
    "Referral",
    "Project timeline",
    "Coffee next week?",
)


@dataclass(frozen=True)
class Person:
    name: str
    address: str


def _header_name(name: str) -> str:
    if name.isascii():
        return f'"{name}"'
    return "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="


def _people(rng: random.Random, count: int) -> list[Person]:
    people = []
    for number in range(count):
        first_names = FIRST_ACCENTED if rng.random() < 0.15 else FIRST
        name = f"{rng.choice(first_names)} {rng.choice(LAST)}"
        local = f"{name.split()[0].lower().encode('ascii', 'ignore').decode()}.{number}"
        people.append(Person(name, f"{local}@{rng.choice(DOMAINS)}"))
    return people


def _text(rng: random.Random, sentences: int) -> str:
    lines = [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 4)))]
    lines.extend(rng.choice(SENTENCES) for _ in range(sentences))
    return "\n\n".join(lines)


def _body(rng: random.Random, sender: Person, quoted: str) -> tuple[str, str]:
    """Content headers and body: plain, alternative (text and HTML), or mixed with a file."""
    text = f"Hi,\n\n{_text(rng, rng.randint(8, 20))}\n\nBest,\n{sender.name.split()[0]}\n"
    if quoted:
        text += "\nOn Monday someone wrote:\n" + "".join(
            f"> {line}\n" for line in quoted.split("\n")
        )
    shape = rng.random()
    if shape < 0.5:
        return "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n", text
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
    alternative = (
        "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        f"{text}\n--alt\nContent-Type: text/html; charset=utf-8\n\n{html}\n--alt--\n"
    )
    if shape < 0.9:
        return 'Content-Type: multipart/alternative; boundary="alt"\n', alternative
    attachment = base64.encodebytes(rng.randbytes(rng.randint(4_000, 40_000))).decode()
    mixed = (
        '--mix\nContent-Type: multipart/alternative; boundary="alt"\n\n'
        f"{alternative}\n--mix\nContent-Type: application/pdf; name=notes.pdf\n"
        "Content-Disposition: attachment; filename=notes.pdf\n"
        f"Content-Transfer-Encoding: base64\n\n{attachment}--mix--\n"
    )
    return 'Content-Type: multipart/mixed; boundary="mix"\n', mixed


def _message(
    rng: random.Random,
    *,
    sender: Person,
    recipient: Person,
    when: datetime,
    message_id: str,
    subject: str,
    parents: list[str],
    quoted: str,
    newsletter: bool = False,
) -> tuple[bytes, str]:
    content, body = _body(rng, sender, quoted)
    headers = [
        f"Return-Path: <{sender.address}>",
        f"From: {_header_name(sender.name)} <{sender.address}>",
        f"To: {_header_name(recipient.name)} <{recipient.address}>",
        f"Subject: {subject}",
        f"Date: {format_datetime(when)}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
    ]
    if parents:
        headers.append(f"In-Reply-To: <{parents[-1]}>")
        headers.append("References: " + " ".join(f"<{p}>" for p in parents[-8:]))
    if newsletter:
        domain = sender.address.rpartition("@")[2]
        headers.append(f"List-Id: <news.{domain}>")
        headers.append(f"List-Unsubscribe: <https://{domain}/unsubscribe>")
    return ("\n".join(headers) + "\n" + content + "\n" + body).encode(), body


def write_maildir(
    root: Path,
    *,
    messages: int = 100_000,
    correspondents: int = 2_000,
    seed: int = 7,
    now: datetime | None = None,
    years: float = 3.0,
) -> int:
    """Write the Maildir at `root` (INBOX and .Sent) and return how many files it holds."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC).replace(microsecond=0)
    me = Person(OWN_NAME, OWN_ADDRESS)
    people = _people(rng, correspondents)
    senders = [Person(f"{name} News", f"news@{name.lower()}.example") for name in LAST[:10]]
    for folder in ("", ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (root / folder / sub).mkdir(parents=True, exist_ok=True)
    span = timedelta(days=365 * years)
    written = 0
    thread = 0
    while written < messages:
        thread += 1
        when = now - span * (rng.random() ** 1.5)  # denser lately
        if rng.random() < 0.1:
            data, _ = _message(
                rng,
                sender=rng.choice(senders),
                recipient=me,
                when=when,
                message_id=f"news.{thread}@bench.example",
                subject="This week's news",
                parents=[],
                quoted="",
                newsletter=True,
            )
            written += _write(root, "", when, written, data, seen=rng.random() < 0.9)
            continue
        person = people[min(int(rng.paretovariate(1.2)) - 1, correspondents - 1)]
        if rng.random() < 0.6:
            person = rng.choice(people)
        subject = rng.choice(SUBJECTS)
        ids: list[str] = []
        quoted = ""
        outbound = rng.random() < 0.4
        for turn in range(min(rng.randint(1, 6), messages - written)):
            if when > now:
                break
            message_id = f"{thread}.{turn}.{rng.getrandbits(32):08x}@bench.example"
            sender, recipient = (me, person) if outbound else (person, me)
            data, quoted = _message(
                rng,
                sender=sender,
                recipient=recipient,
                when=when,
                message_id=message_id,
                subject=subject if turn == 0 else f"Re: {subject}",
                parents=list(ids),
                quoted=quoted[:600],
            )
            written += _write(root, ".Sent" if outbound else "", when, written, data, seen=True)
            ids.append(message_id)
            outbound = not outbound
            when += timedelta(hours=rng.uniform(0.2, 72))
    return written


def _write(root: Path, folder: str, when: datetime, number: int, data: bytes, seen: bool) -> int:
    name = f"{int(when.timestamp())}.M{number}P1.bench:2,{'S' if seen else ''}"
    path = root / folder / "cur" / name
    path.write_bytes(data)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return 1
