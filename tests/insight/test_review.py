"""The review's rules on hand-built facts: each section, and the period it covers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from goodwill.insight.periods import Period, PeriodError, period_from, year_period
from goodwill.insight.review import (
    GiveFacts,
    LoopFacts,
    MonthCounts,
    ReviewFacts,
    SharesFacts,
    SilenceFacts,
    StartFacts,
    TouchFacts,
    WorkSource,
    growth,
    new_relationships,
    review,
    to_rekindle,
    to_thank,
    topics,
    warmed_and_cooled,
)

TODAY = date(2026, 11, 26)
YEAR = year_period(2025)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def touch(contact_id: int, now: int, before: int) -> TouchFacts:
    return TouchFacts(contact_id, f"Contact {contact_id}", now, before, at("2025-06-01"))


def give(
    contact_id: int,
    *,
    gave: int = 0,
    got: int = 0,
    last_got: str | None = None,
    last_gave_ever: str | None = None,
) -> GiveFacts:
    return GiveFacts(
        contact_id=contact_id,
        contact_name=f"Contact {contact_id}",
        gave=gave,
        got=got,
        last_gave=at(last_gave_ever) if gave and last_gave_ever else None,
        last_got=at(last_got) if last_got else None,
        latest_gave_summary="an intro",
        latest_got_summary="a referral",
        last_gave_ever=at(last_gave_ever) if last_gave_ever else None,
    )


# The period


def test_a_year_runs_from_new_year_to_new_years_eve_and_is_compared_with_the_year_before() -> None:
    period = period_from(year="2024", today=TODAY)
    assert (period.since, period.until) == (date(2024, 1, 1), date(2024, 12, 31))
    assert period.previous() == year_period(2023)
    assert period.label == "2024"


def test_a_custom_period_is_compared_with_the_days_just_before_it() -> None:
    period = period_from(since="2026-03-01", until="2026-03-10", today=TODAY)
    assert period.days == 10
    assert period.previous() == Period(date(2026, 2, 19), date(2026, 2, 28))


def test_no_period_is_the_year_so_far_and_since_alone_runs_to_today() -> None:
    assert period_from(today=TODAY) == Period(date(2026, 1, 1), TODAY)
    assert period_from(since="2026-10-01", today=TODAY) == Period(date(2026, 10, 1), TODAY)
    assert period_from(until="2026-06-30", today=TODAY).since == date(2025, 7, 1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"year": "20x6"}, "year '20x6' is not a year"),
        ({"year": "2026", "since": "2026-01-01"}, "not both"),
        ({"since": "2026-02-30"}, "since '2026-02-30' is not a date"),
        ({"since": "2026-05-01", "until": "2026-04-01"}, "is after until"),
        ({"since": "2001-01-01", "until": "2026-01-01"}, "longer than ten years"),
    ],
)
def test_a_period_that_cannot_be_reviewed_is_refused_in_one_line(
    arguments: dict[str, str], message: str
) -> None:
    with pytest.raises(PeriodError, match=message) as refused:
        period_from(today=TODAY, **arguments)
    assert "\n" not in str(refused.value)


def test_the_months_of_a_period_cross_the_new_year() -> None:
    period = Period(date(2025, 11, 15), date(2026, 2, 1))
    assert period.months() == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


# New relationships


def test_a_relationship_is_new_when_its_earliest_sign_falls_in_the_period() -> None:
    starts = [
        StartFacts(1, "Met this year", date(2025, 3, 1), None, date(2025, 3, 2)),
        # Imported this year, but you have written to each other since 2019.
        StartFacts(2, "Old friend imported", date(2025, 5, 1), None, date(2019, 4, 1)),
        # Connected on LinkedIn years ago, first message this year.
        StartFacts(3, "Old connection", date(2025, 5, 1), date(2018, 1, 1), date(2025, 6, 1)),
        StartFacts(4, "Added last year", date(2024, 12, 31), None, None),
        StartFacts(5, "Added, never met", date(2025, 9, 9), None, None),
    ]
    found = new_relationships(starts, YEAR)
    assert [p.contact_name for p in found] == ["Added, never met", "Met this year"]
    assert found[0].why == "Added on 9 Sep 2025."
    assert found[1].why == "Added on 1 Mar 2025."


def test_the_network_grows_by_the_relationships_started_each_month() -> None:
    starts = [
        StartFacts(1, "a", date(2020, 1, 1), None, None),
        StartFacts(2, "b", date(2025, 1, 31), None, None),
        StartFacts(3, "c", date(2025, 3, 1), None, None),
    ]
    new, size = growth(starts, [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)])
    assert new == [1, 0, 1]
    assert size == [2, 2, 3]


# Warmed and cooled


def test_warmed_needs_twice_as_many_interactions_and_two_more() -> None:
    warmed, cooled = warmed_and_cooled(
        [
            touch(1, 4, 2),  # doubled, +2: warmed
            touch(2, 2, 1),  # doubled but only +1
            touch(3, 5, 3),  # +2 but not doubled
            touch(4, 3, 0),  # from nothing: warmed
            touch(5, 10, 1),  # the biggest change comes first
        ],
        new_ids=set(),
    )
    assert [p.contact_id for p in warmed] == [5, 4, 1]
    assert warmed[0].why == "10 interactions in this period, 1 in the one before."
    assert cooled == []


def test_cooled_needs_half_as_many_interactions_and_two_fewer() -> None:
    warmed, cooled = warmed_and_cooled(
        [touch(1, 2, 4), touch(2, 1, 2), touch(3, 3, 5), touch(4, 0, 2), touch(5, 0, 9)],
        new_ids=set(),
    )
    assert [p.contact_id for p in cooled] == [5, 1, 4]
    assert (
        cooled[0].why
        == "0 interactions in this period, 9 in the one before; last touch 1 Jun 2025."
    )
    assert warmed == []


def test_a_new_relationship_is_new_not_warmed() -> None:
    warmed, _ = warmed_and_cooled([touch(1, 6, 0), touch(2, 6, 0)], new_ids={1})
    assert [p.contact_id for p in warmed] == [2]


# Next steps


def test_thank_those_who_gave_and_have_had_nothing_from_you_since() -> None:
    gives = [
        give(1, got=2, last_got="2025-05-01"),  # never given back
        give(2, got=1, last_got="2025-05-01", gave=1, last_gave_ever="2025-06-01"),  # gave back
        give(3, got=3, last_got="2025-08-01", last_gave_ever="2025-02-01"),  # gave before
        give(4, gave=2, last_gave_ever="2025-02-01"),  # only you gave
    ]
    thank = to_thank(gives)
    assert [p.contact_id for p in thank] == [3, 1]
    assert thank[0].why == (
        "They gave you 3 times (the latest “a referral”, 1 Aug 2025) and your last give to them "
        "was 1 Feb 2025."
    )
    assert "you have given them nothing yet" in thank[1].why


def test_who_sent_you_work_comes_first_among_those_to_thank_and_only_once() -> None:
    work = [
        WorkSource(1, "Contact 1", 2, {"EUR": Decimal("12000")}),
        WorkSource(None, "", 5, {}),  # came by itself: nobody to thank
    ]
    thank = to_thank(
        [give(3, got=1, last_got="2025-03-01"), give(1, got=1, last_got="2025-03-01")], work
    )
    assert [p.contact_id for p in thank] == [1, 3]
    assert thank[0].why == "Sent you 2 pieces of work in this period (EUR 12,000)."


def test_rekindle_the_relationships_that_cooled_those_who_helped_you_first() -> None:
    _, cooled = warmed_and_cooled([touch(1, 0, 9), touch(2, 0, 4)], new_ids=set())
    rekindle = to_rekindle(cooled, helped_you_ids={2})
    assert [p.contact_id for p in rekindle] == [2, 1]
    assert rekindle[0].why.startswith("Cooled: 0 interactions in this period, 4 in the one before")
    assert rekindle[0].why.endswith("They helped you in this period.")
    assert not rekindle[1].why.endswith("They helped you in this period.")


# Topics


def test_topics_are_the_words_written_most_with_greetings_and_one_offs_left_out() -> None:
    found = topics(
        [
            ("Re: pricing the brand workshop", 3),
            ("Brand workshops for founders", 1),
            ("Quick call about pricing", 1),
            ("Thanks!", 10),
            ("Podcast idea", 1),
        ]
    )
    assert [(t.word, t.mentions) for t in found] == [("brand", 4), ("pricing", 4), ("workshop", 4)]


# The whole review


def facts(**changes: object) -> ReviewFacts:
    base = {
        "period": YEAR,
        "as_of": TODAY,
        "gives": [
            give(1, gave=2, last_gave_ever="2025-04-01"),
            give(2, got=1, last_got="2025-05-01"),
        ],
        "starts": [StartFacts(1, "Contact 1", date(2020, 1, 1), None, None)],
        "touches": [touch(1, 6, 1), touch(2, 0, 5)],
        "silences": SilenceFacts(
            ended=[
                LoopFacts(
                    7,
                    2,
                    "Contact 2",
                    "ask",
                    "theirs",
                    "an intro",
                    at("2025-03-01"),
                    at("2025-03-04"),
                )
            ],
            ended_total=1,
            still_open=[],
            open_total=0,
            your_asks_met_with_silence=2,
        ),
        "shares": SharesFacts(latest=[], total=0, contacts=0),
        "texts": [],
        "months": [MonthCounts(date(2025, 4, 1), 2, 0, 1)],
        "cadence_kept": [],
        "work": None,
    }
    base.update(changes)
    return ReviewFacts(**base)  # type: ignore[arg-type]


def test_the_review_puts_every_section_together_and_says_it_in_a_few_lines() -> None:
    result = review(facts())
    assert [p.contact_id for p in result.helped] == [1]
    assert [p.contact_id for p in result.helped_you] == [2]
    assert [p.contact_id for p in result.warmed] == [1]
    assert [p.contact_id for p in result.cooled] == [2]
    assert result.silences_ended[0].why == "You answered their ask “an intro” after 3 days."
    assert result.your_asks_met_with_silence == 2
    assert [p.contact_id for p in result.rekindle] == [2]
    assert [p.contact_id for p in result.thank] == [2]
    assert len(result.months) == 12
    assert result.months[3] == MonthCounts(date(2025, 4, 1), 2, 0, 1)
    assert result.months[0] == MonthCounts(date(2025, 1, 1), 0, 0, 0)
    assert result.headline[0] == "You gave twice to 1 person, and 1 person gave to you once."
    assert result.work is None


def test_the_review_as_json_has_every_section_and_no_work_when_none_is_recorded() -> None:
    data = json.loads(json.dumps(review(facts()).as_json()))
    assert set(data) >= {
        "period",
        "helped",
        "helped_you",
        "new_relationships",
        "warmed",
        "cooled",
        "silences_ended",
        "silences_open",
        "shares",
        "topics",
        "months",
        "work",
        "next_steps",
    }
    assert data["work"] is None
    assert data["period"] == {"since": "2025-01-01", "until": "2025-12-31"}
    with_work = review(facts(work=[WorkSource(1, "Contact 1", 1, {"EUR": Decimal("500")})]))
    assert with_work.as_json()["work"] == [
        {"contact_id": 1, "source": "Contact 1", "count": 1, "totals": {"EUR": "500"}}
    ]
