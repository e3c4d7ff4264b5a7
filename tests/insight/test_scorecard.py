"""The scorecard's arithmetic on hand-built counts: shares, medians, ignored, and the words."""

from __future__ import annotations

from datetime import timedelta

from goodwill.insight.scorecard import (
    SideCounts,
    days_text,
    scorecard,
    side_from_counts,
)


def test_ignored_asks_are_those_past_the_window_and_those_dropped_without_an_answer() -> None:
    side = side_from_counts(
        SideCounts(acknowledged=6, waiting=1, overdue=2, dropped_unanswered=1), who="you"
    )
    assert side.asks == 10
    assert side.ignored == 3
    assert side.unacknowledged == 3  # the one waiting and the two overdue
    # The ask still within its window is undecided: 6 acknowledged of 9 decided.
    assert side.acknowledged_share == 6 / 9


def test_the_median_time_to_acknowledge_is_the_middle_wait_not_the_mean() -> None:
    waits = (timedelta(hours=2), timedelta(days=1), timedelta(days=9))
    side = side_from_counts(SideCounts(acknowledged=3, acknowledge_waits=waits), who="you")
    assert side.median_days_to_acknowledge == 1.0


def test_an_even_number_of_waits_takes_the_mean_of_the_middle_two() -> None:
    waits = (timedelta(days=1), timedelta(days=2), timedelta(days=4), timedelta(days=30))
    side = side_from_counts(SideCounts(acknowledged=4, acknowledge_waits=waits), who="you")
    assert side.median_days_to_acknowledge == 3.0


def test_promises_kept_against_dropped_leave_open_ones_out_of_the_share() -> None:
    side = side_from_counts(
        SideCounts(promises_kept=3, promises_dropped=1, promises_open=5), who="you"
    )
    assert side.kept_share == 0.75
    assert side.promises_open == 5


def test_nothing_decided_has_no_share_and_no_median() -> None:
    side = side_from_counts(SideCounts(waiting=2, promises_open=1), who="you")
    assert side.acknowledged_share is None
    assert side.kept_share is None
    assert side.median_days_to_acknowledge is None
    assert not side.is_empty


def test_both_ways_are_kept_apart() -> None:
    card = scorecard(
        SideCounts(acknowledged=1, overdue=1),
        SideCounts(acknowledged=4, acknowledge_waits=(timedelta(days=2),) * 4),
        their_name="Lori Chen",
    )
    assert card.you.acknowledged_share == 0.5
    assert card.them.acknowledged_share == 1.0
    assert card.them.who == "Lori Chen"
    assert card.them.median_days_to_acknowledge == 2.0


def test_the_sentences_say_the_record_in_words() -> None:
    side = side_from_counts(
        SideCounts(
            acknowledged=4,
            overdue=1,
            waiting=1,
            promises_kept=2,
            promises_dropped=1,
            promises_open=1,
            acknowledge_waits=(timedelta(days=1, hours=12),) * 4,
        ),
        who="you",
    )
    assert side.sentences() == [
        "You acknowledged 4 of 5 asks (80%) in a median of 1.5 days.",
        "2 asks still wait for you.",
        "You kept 2 of 3 promises (67%); 1 still open.",
    ]


def test_an_empty_record_says_nothing() -> None:
    card = scorecard(SideCounts(), SideCounts())
    assert card.is_empty
    assert card.you.sentences() == []
    assert card.them.sentences() == []


def test_short_waits_read_in_hours() -> None:
    assert days_text(0.25) == "6 hours"
    assert days_text(0.01) == "under an hour"
    assert days_text(2.0) == "2 days"
    assert days_text(2.04) == "2 days"
    assert days_text(2.46) == "2.5 days"
