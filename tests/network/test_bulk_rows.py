"""Plain-row inserts for imports: every column as the model describes it, defaults filled in,
on both databases; on PostgreSQL through COPY, with the table's statistics kept up to date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection

from goodwill.network import bulk_rows
from goodwill.network.models import Circle, Contact, Interaction


def _interactions(owner: User, count: int, start: int = 0) -> list[dict[str, object]]:
    return [
        {
            "owner_id": owner.pk,
            "kind": "email",
            "direction": "in",
            "occurred_at": datetime(2026, 1, 1, 12, tzinfo=UTC),
            "summary": f"Tab\there, a newline\nthere, a backslash \\ and 'quotes' {number}",
            "source": "linkedin",
            "source_key": f"key-{number}",
        }
        for number in range(start, start + count)
    ]


def test_rows_keep_every_value_and_get_the_defaults_they_leave_out(owner: User) -> None:
    written = bulk_rows.insert_rows(Interaction, _interactions(owner, 3))

    assert written == 3
    stored = list(Interaction.objects.filter(owner=owner).order_by("source_key"))
    assert [row.source_key for row in stored] == ["key-0", "key-1", "key-2"]
    assert stored[0].summary.startswith("Tab\there, a newline\nthere, a backslash \\ and 'quo")
    assert stored[0].occurred_at == datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert stored[0].details == ""  # the field's default


def test_rows_with_ids_keep_them(owner: User) -> None:
    circle = Circle.objects.filter(owner=owner).first()
    assert circle is not None
    ids = bulk_rows.allocate_ids(Contact, 2)
    rows = [
        {
            "id": pk,
            "owner_id": owner.pk,
            "full_name": f"Person {pk}",
            "circle_id": circle.pk,
            "created_at": datetime(2025, 5, 1, tzinfo=UTC),
        }
        for pk in ids
    ]
    bulk_rows.insert_rows(Contact, rows, with_ids=True)

    assert sorted(Contact.objects.filter(owner=owner).values_list("pk", flat=True)) == ids


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics are PostgreSQL's")
def test_a_table_an_import_fills_is_analyzed_inside_its_transaction(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What earlier tests in this process wrote is rolled back; so are the counts of it here.
    monkeypatch.setattr(bulk_rows, "_WRITTEN", {})
    monkeypatch.setattr(bulk_rows, "_ANALYZED_AT", {})
    table = Interaction._meta.db_table
    bulk_rows.insert_rows(Interaction, _interactions(owner, bulk_rows.ANALYZE_AFTER + 10))

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        [(estimated,)] = cursor.fetchall()
    # Without ANALYZE, a table created empty in this test database would still say -1 or 0.
    assert estimated >= bulk_rows.ANALYZE_AFTER


def test_many_rows_are_updated_column_by_column_nulls_included(owner: User) -> None:
    circle = Circle.objects.filter(owner=owner).first()
    assert circle is not None
    contacts = [
        Contact.objects.create(
            owner=owner,
            full_name=f"Person {number}",
            circle=circle,
            created_at=datetime(2025, 5, 1, tzinfo=UTC),
            cadence_days=30,
            notes="before",
        )
        for number in range(3)
    ]
    touched = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)

    bulk_rows.update_rows(
        Contact,
        ["last_touch_at", "notes", "cadence_days", "circle_id"],
        [
            (touched, "Tab\there, 'quoted', \\ and Ünïcode", 14, circle.pk, contacts[0].pk),
            (None, "", None, circle.pk, contacts[1].pk),
            (touched, "third", 7, circle.pk, contacts[2].pk),
        ],
    )

    stored = {
        row.full_name: (row.last_touch_at, row.notes, row.cadence_days)
        for row in Contact.objects.filter(owner=owner)
    }
    assert stored == {
        "Person 0": (touched, "Tab\there, 'quoted', \\ and Ünïcode", 14),
        "Person 1": (None, "", None),
        "Person 2": (touched, "third", 7),
    }
