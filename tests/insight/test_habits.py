"""The arithmetic behind the habits charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from goodwill.insight.habits import KeptFacts, cadence_kept, median_days, share
from goodwill.insight.ledger import give_share, months_back

END = datetime(2026, 10, 1, tzinfo=UTC)


def test_a_contact_touched_within_their_ideal_before_the_months_end_counts_as_kept() -> None:
    kept = KeptFacts(30, END - timedelta(days=400), [END - timedelta(days=10)])
    lapsed = KeptFacts(30, END - timedelta(days=400), [END - timedelta(days=40)])
    never = KeptFacts(30, END - timedelta(days=400), [None])

    assert cadence_kept([kept, lapsed, never], [END]) == [1 / 3]


def test_a_new_contact_is_kept_until_their_first_interval_passes_and_a_later_one_not_counted() -> (
    None
):
    new = KeptFacts(30, END - timedelta(days=5), [None])
    later = KeptFacts(30, END + timedelta(days=5), [None])

    assert cadence_kept([new, later], [END]) == [1.0]
    assert cadence_kept([later], [END]) == [None]


def test_medians_and_shares_have_no_value_for_nothing() -> None:
    assert median_days([timedelta(hours=12), timedelta(days=2), timedelta(days=9)]) == 2.0
    assert median_days([]) is None
    assert share(1, 4) == 0.25
    assert share(3, 0) is None


def test_the_give_share_is_gives_over_gives_received_and_asks() -> None:
    assert give_share(3, 1, 2) == 0.5
    assert give_share(0, 0, 0) is None


def test_twelve_months_back_end_with_this_month() -> None:
    months = months_back(datetime(2026, 2, 14).date(), 12)

    assert months[0].isoformat() == "2025-03-01"
    assert months[-1].isoformat() == "2026-02-01"
    assert len(months) == 12
