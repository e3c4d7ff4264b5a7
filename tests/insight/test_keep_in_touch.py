"""Keep-in-touch rules: cadences that make sense, reasons in plain words, a short daily list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from goodwill.insight.keep_in_touch import (
    Cadence,
    CadenceError,
    KeepFacts,
    anniversary_reason,
    check_cadence,
    effective_cadence,
    keep_reason,
    new_position_reason,
    past_maximum,
    pick_daily,
)
from goodwill.insight.today import ItemKind, TodayItem

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ideal", "maximum", "field", "words"),
    [
        (30, 20, "max_cadence_days", "maximum (20 days) is below its ideal (30 days)"),
        (-3, None, "cadence_days", "ideal must be a positive number of days"),
        (0, 10, "cadence_days", "ideal must be a positive number of days"),
        (10, -1, "max_cadence_days", "maximum must be a positive number of days"),
        (None, 40, "max_cadence_days", "has a maximum but no ideal"),
        (5000, None, "cadence_days", "more than ten years"),
    ],
)
def test_a_cadence_that_makes_no_sense_is_refused_with_the_reason(
    ideal: int | None, maximum: int | None, field: str, words: str
) -> None:
    with pytest.raises(CadenceError) as caught:
        check_cadence(ideal, maximum, label="The Close circle")

    assert caught.value.field == field
    assert words in caught.value.message
    assert caught.value.message.startswith("The Close circle")


def test_a_maximum_equal_to_the_ideal_and_an_empty_cadence_are_fine() -> None:
    check_cadence(30, 30)
    check_cadence(None, None)


def test_a_circle_without_a_cadence_never_reminds_whatever_the_contact_says() -> None:
    assert effective_cadence(
        circle_ideal=None, circle_max=None, own_ideal=7, own_max=10
    ) == Cadence(None, None)


def test_a_contacts_own_ideal_above_the_circles_maximum_becomes_the_maximum_too() -> None:
    cadence = effective_cadence(circle_ideal=30, circle_max=45, own_ideal=60, own_max=None)

    assert (cadence.ideal_days, cadence.max_days, cadence.overridden) == (60, 60, True)


def test_the_circles_numbers_apply_when_the_contact_has_none() -> None:
    cadence = effective_cadence(circle_ideal=30, circle_max=45, own_ideal=None, own_max=None)

    assert (cadence.ideal_days, cadence.max_days, cadence.overridden) == (30, 45, False)


def _facts(last_days_ago: int, ideal: int = 30, maximum: int = 45) -> KeepFacts:
    last = NOW - timedelta(days=last_days_ago)
    return KeepFacts(
        1,
        "Lori Chen",
        "Close",
        Cadence(ideal, maximum),
        last,
        NOW - timedelta(days=900),
        last + timedelta(days=ideal),
    )


def test_past_the_ideal_the_reason_says_how_long_is_left_before_the_maximum() -> None:
    facts = _facts(35)

    assert not past_maximum(facts, now=NOW)
    assert keep_reason(facts, now=NOW) == (
        "Last touch 35 days ago; your Close circle asks for every 30 days. "
        "10 days before the 45-day maximum."
    )


def test_past_the_maximum_the_reason_says_so() -> None:
    facts = _facts(50)

    assert past_maximum(facts, now=NOW)
    assert keep_reason(facts, now=NOW) == (
        "Last touch 50 days ago, past the 45 days at most your Close circle asks for "
        "(every 30 days ideally)."
    )


def _items(kind: ItemKind, count: int) -> list[TodayItem]:
    return [
        TodayItem(kind, n, f"{kind.value} {n}", "title", "reason", NOW, subject_id=n)
        for n in range(count)
    ]


def test_the_daily_list_takes_each_sections_first_item_in_turn() -> None:
    waiting, silence, drifting = (
        _items(ItemKind.WAITING_ON_YOU, 5),
        _items(ItemKind.SILENCE, 1),
        _items(ItemKind.DRIFTING, 5),
    )

    picked = pick_daily([waiting, silence, [], drifting], 7)

    assert [len(section) for section in picked] == [3, 1, 0, 3]
    assert picked[0] == waiting[:3]
    assert picked[3] == drifting[:3]


def test_the_daily_list_is_never_longer_than_the_limit_and_may_be_empty() -> None:
    assert sum(map(len, pick_daily([_items(ItemKind.SILENCE, 20)], 7))) == 7
    assert pick_daily([_items(ItemKind.SILENCE, 3)], 0) == [[]]


def test_an_anniversary_of_connecting_this_week_is_a_reason() -> None:
    assert anniversary_reason(connected_on=date(2023, 11, 27), today=date(2026, 11, 25)) == (
        "You connected 3 years ago this week."
    )
    assert anniversary_reason(connected_on=date(2023, 6, 1), today=date(2026, 11, 25)) is None
    assert anniversary_reason(connected_on=date(2026, 11, 20), today=date(2026, 11, 25)) is None


def test_a_new_position_is_news_for_two_months_and_names_the_import() -> None:
    reason = new_position_reason(
        position="Head of design",
        organization="Northwind",
        changed_at=NOW - timedelta(days=4),
        source="linkedin",
        now=NOW,
    )

    assert (
        reason
        == "New position: Head of design at Northwind (seen in your linkedin import 4 days ago)."
    )
    assert (
        new_position_reason(
            position="Head of design",
            organization="",
            changed_at=NOW - timedelta(days=90),
            source="linkedin",
            now=NOW,
        )
        is None
    )
