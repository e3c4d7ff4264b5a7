"""Cadence arithmetic and the words used to explain it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.cadence import ago, drift_reason, plural, touch_due_at

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_due_date_counts_from_the_last_touch() -> None:
    last = NOW - timedelta(days=3)
    assert touch_due_at(last_touch_at=last, known_since=NOW, cadence_days=14) == last + timedelta(
        days=14
    )


def test_a_contact_never_touched_counts_from_when_they_were_added() -> None:
    added = NOW - timedelta(days=100)
    assert touch_due_at(last_touch_at=None, known_since=added, cadence_days=30) == added + (
        timedelta(days=30)
    )


def test_no_cadence_means_never_due() -> None:
    assert touch_due_at(last_touch_at=None, known_since=NOW, cadence_days=None) is None


def test_the_reason_names_the_circle_or_the_contacts_own_cadence() -> None:
    last = NOW - timedelta(days=45)
    assert (
        drift_reason(
            last_touch_at=last,
            cadence_days=30,
            circle_name="Close",
            cadence_overridden=False,
            now=NOW,
        )
        == "Last touch 45 days ago; your Close circle asks for every 30 days."
    )
    assert drift_reason(
        last_touch_at=None, cadence_days=1, circle_name="Close", cadence_overridden=True, now=NOW
    ) == ("No touch logged yet; you wanted to be in touch every 1 day.")


def test_plural_says_one_day_and_many_days() -> None:
    assert (plural(1, "day"), plural(0, "day"), plural(7, "day")) == ("1 day", "0 days", "7 days")


def test_ages_read_as_a_person_would_say_them() -> None:
    assert (ago(0), ago(1), ago(12)) == ("today", "yesterday", "12 days ago")
