"""Small export files written for these tests, and ways to import them and look at the result."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import models

from goodwill.network.importing import import_run_create, import_run_execute
from goodwill.network.models import (
    Contact,
    ContactPhoto,
    Give,
    Handle,
    ImportRun,
    Interaction,
    Loop,
    MergeSuggestion,
    Organization,
    Participation,
    Share,
)
from tests.sources.helpers import csv_text, zip_bytes
from tests.sources.layouts import (
    CONNECTIONS_2024,
    ENDORSEMENTS_GIVEN,
    ENDORSEMENTS_RECEIVED,
    INVITATIONS_2024,
    LINKEDIN_NOTES,
    MESSAGES_2024,
    PROFILE,
    RECOMMENDATIONS,
)

NETWORK_MODELS: tuple[type[models.Model], ...] = (
    Organization,
    Contact,
    ContactPhoto,
    Handle,
    Interaction,
    Participation,
    Loop,
    Give,
    Share,
    MergeSuggestion,
)
ME = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera")
ANA = ("Ana Bozic", "https://www.linkedin.com/in/ana-bozic")
BEN = ("Ben Okafor", "https://www.linkedin.com/in/ben-okafor")
CARA = ("Cara Lind", "https://www.linkedin.com/in/cara-lind")
# A tiny PNG: the bytes must come back exactly.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def import_bytes(owner: User, data: str | bytes, name: str = "file", **options: Any) -> ImportRun:
    """Imports the data as a new run of the owner (text is encoded as UTF-8)."""
    raw = data.encode() if isinstance(data, str) else data
    run = import_run_create(owner=owner, file_name=name, file_size=len(raw), **options)
    return import_run_execute(run=run, source=raw)


def counts(run: ImportRun) -> dict[str, int]:
    return {
        "added": run.added,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "skipped": run.skipped,
    }


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of the network, to show that something changed nothing."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in NETWORK_MODELS}


def connection_row(
    person: tuple[str, str], *, email: str = "", company: str = "", position: str = ""
) -> dict[str, str]:
    first, last = person[0].split(" ", 1)
    return {
        "First Name": first,
        "Last Name": last,
        "URL": person[1],
        "Email Address": email,
        "Company": company,
        "Position": position,
        "Connected On": "16 Dec 2024",
    }


def connections_csv(*rows: dict[str, str]) -> str:
    return csv_text(CONNECTIONS_2024, list(rows), preamble=LINKEDIN_NOTES)


def message_row(
    sender: tuple[str, str],
    recipients: list[tuple[str, str]],
    content: str,
    *,
    date: str = "2024-12-16 18:24:37 UTC",
    conversation: str = "c1",
    draft: str = "No",
) -> dict[str, str]:
    return {
        "CONVERSATION ID": conversation,
        "FROM": sender[0],
        "SENDER PROFILE URL": sender[1],
        "TO": ", ".join(name for name, _ in recipients),
        "RECIPIENT PROFILE URLS": ", ".join(url for _, url in recipients),
        "DATE": date,
        "CONTENT": content,
        "FOLDER": "INBOX",
        "IS MESSAGE DRAFT": draft,
    }


def messages_csv(*rows: dict[str, str]) -> str:
    return csv_text(MESSAGES_2024, list(rows))


def linkedin_export(
    *,
    connections: Sequence[dict[str, str]],
    messages: Sequence[dict[str, str]] = (),
    invitations: Sequence[dict[str, str]] = (),
    endorsements_given: Sequence[dict[str, str]] = (),
    endorsements_received: Sequence[dict[str, str]] = (),
    recommendations_received: Sequence[dict[str, str]] = (),
) -> bytes:
    """A LinkedIn data export zip as LinkedIn writes it (2024 layouts), Profile.csv naming ME."""
    profile = csv_text(PROFILE, [{"First Name": "Sam", "Last Name": "Rivera"}])
    return zip_bytes(
        {
            "Profile.csv": profile,
            "Connections.csv": connections_csv(*connections),
            "messages.csv": messages_csv(*messages),
            "Invitations.csv": csv_text(INVITATIONS_2024, list(invitations)),
            "Endorsement_Given_Info.csv": csv_text(ENDORSEMENTS_GIVEN, list(endorsements_given)),
            "Endorsement_Received_Info.csv": csv_text(
                ENDORSEMENTS_RECEIVED, list(endorsements_received)
            ),
            "Recommendations_Received.csv": csv_text(
                RECOMMENDATIONS, list(recommendations_received)
            ),
        }
    )


def vcard(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def contact_named(owner: User, full_name: str) -> Contact:
    return Contact.objects.get(owner=owner, full_name=full_name)


def handles_of(contact: Contact) -> set[tuple[str, str]]:
    return set(contact.handles.values_list("kind", "normalized"))
