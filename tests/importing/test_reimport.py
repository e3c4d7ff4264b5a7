"""Importing the same export again changes nothing; a newer export adds only what is new."""

from __future__ import annotations

from django.contrib.auth.models import User

from goodwill.network.models import Contact, Handle, Interaction
from tests.importing.helpers import (
    ANA,
    BEN,
    CARA,
    ME,
    PNG,
    connection_row,
    counts,
    import_bytes,
    linkedin_export,
    message_row,
    snapshot,
    vcard,
)

EXPORT = linkedin_export(
    connections=[
        connection_row(ANA, email="ana@lumen.example", company="Lumen", position="CTO"),
        connection_row(BEN, company="Okafor Builders"),
    ],
    messages=[
        message_row(ANA, [ME], "Hello Sam", date="2024-12-01 09:00:00 UTC"),
        message_row(ME, [ANA, BEN], "Meet Ben", date="2024-12-02 09:00:00 UTC"),
    ],
)


def test_reimporting_the_same_export_adds_nothing(owner: User) -> None:
    first = import_bytes(owner, EXPORT, "export.zip")
    before = snapshot()

    again = import_bytes(owner, EXPORT, "export.zip")

    assert counts(first) == {"added": 4, "updated": 0, "unchanged": 0, "skipped": 0}
    assert counts(again) == {"added": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert snapshot() == before
    assert first.sha256 == again.sha256


def test_reimporting_a_vcard_file_with_a_photo_and_a_card_without_handles_adds_nothing(
    owner: User,
) -> None:
    import base64

    cards = vcard(
        "FN:Lori Chen",
        "EMAIL:lori@northwind.example",
        "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(PNG).decode(),
    ) + vcard(
        "FN:Grandma Rose",
        "NOTE:Sunday lunch",
        "PHOTO:data:image/png;base64," + base64.b64encode(PNG).decode(),
    )
    import_bytes(owner, cards, "contacts.vcf")
    before = snapshot()

    again = import_bytes(owner, cards, "contacts.vcf")

    assert counts(again) == {"added": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert snapshot() == before


def test_a_file_naming_one_person_twice_reimports_as_a_no_op(owner: User) -> None:
    cards = vcard("FN:Lori Chen", "EMAIL:lori@northwind.example", "TITLE:Art director") + vcard(
        "FN:Lori Chen", "EMAIL:lori@northwind.example", "TITLE:Creative lead", "TEL:+14155550134"
    )
    first = import_bytes(owner, cards, "contacts.vcf")
    before = snapshot()

    again = import_bytes(owner, cards, "contacts.vcf")

    assert counts(first) == {"added": 1, "updated": 1, "unchanged": 0, "skipped": 0}
    assert Contact.objects.get(owner=owner).position == "Art director"
    assert counts(again)["unchanged"] == 2
    assert snapshot() == before


def test_a_newer_export_adds_only_what_is_new(owner: User) -> None:
    import_bytes(owner, EXPORT, "export.zip")
    newer = linkedin_export(
        connections=[
            connection_row(ANA, email="ana@lumen.example", company="Lumen", position="CTO"),
            connection_row(BEN, company="Okafor Builders"),
            connection_row(CARA, company="Lind & Co"),
        ],
        messages=[
            message_row(ANA, [ME], "Hello Sam", date="2024-12-01 09:00:00 UTC"),
            message_row(ME, [ANA, BEN], "Meet Ben", date="2024-12-02 09:00:00 UTC"),
            message_row(CARA, [ME], "Thanks for connecting", date="2025-01-05 09:00:00 UTC"),
        ],
    )

    run = import_bytes(owner, newer, "export-2025.zip")

    assert counts(run) == {"added": 2, "updated": 0, "unchanged": 4, "skipped": 0}
    assert Contact.objects.filter(owner=owner).count() == 3
    assert Interaction.objects.filter(owner=owner).count() == 3
    assert Handle.objects.filter(owner=owner, kind="linkedin").count() == 3


def test_a_newer_export_updates_the_values_its_own_source_brought(owner: User) -> None:
    import_bytes(owner, EXPORT, "export.zip")
    promoted = linkedin_export(
        connections=[
            connection_row(ANA, email="ana@lumen.example", company="Lumen", position="CEO"),
            connection_row(BEN, company="Okafor Builders"),
        ]
    )

    run = import_bytes(owner, promoted, "export-2025.zip")

    assert (run.added, run.updated, run.unchanged) == (0, 1, 1)
    assert Contact.objects.get(owner=owner, full_name="Ana Bozic").position == "CEO"
