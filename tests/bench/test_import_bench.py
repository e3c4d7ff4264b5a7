"""The import benchmark's generated files are what the importer reads without a single skip,
so the benchmark measures real imports, not error paths."""

from __future__ import annotations

import random
from pathlib import Path

from bench.import_bench import generate_people, write_connections, write_messages, write_vcards
from django.contrib.auth.models import User

from goodwill.network.importing import import_path
from goodwill.network.models import Contact, Interaction


def test_the_generated_export_and_address_book_import_without_skips(
    owner: User, tmp_path: Path
) -> None:
    rng = random.Random(5)
    people = generate_people(rng, 60)
    write_connections(tmp_path / "Connections.csv", people, rng)
    write_messages(tmp_path / "messages.csv", people, 300, rng)
    write_vcards(tmp_path / "contacts.vcf", people, 30, rng)

    runs = [
        import_path(owner=owner, path=tmp_path / name)
        for name in ("Connections.csv", "messages.csv", "contacts.vcf")
    ]

    assert [(run.format, run.skipped) for run in runs] == [
        ("linkedin", 0),
        ("linkedin", 0),
        ("vcard", 0),
    ]
    assert runs[0].added == 60
    assert runs[1].added == 300
    assert Interaction.objects.filter(owner=owner, direction="out").exists()
    assert Interaction.objects.filter(owner=owner, direction="in").exists()
    assert runs[2].updated == 10  # every third card is a connection met again
    assert Contact.objects.filter(owner=owner).count() >= 60 + 20
