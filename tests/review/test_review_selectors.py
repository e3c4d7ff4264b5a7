"""The review read from a real database: each section finds what the 2025 network holds, and
nothing of another account's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from pytest_django import DjangoAssertNumQueries

from goodwill.insight.periods import year_period
from goodwill.insight.review import Person, Review
from goodwill.review.selectors import review_for_owner
from tests.review.network import Year2025, at, build_2025, empty_cache

pytestmark = pytest.mark.usefixtures(empty_cache.__name__)


@pytest.fixture
def year(owner: User, stranger: User) -> Year2025:
    build_2025(stranger, prefix="Mallory's ")
    return build_2025(owner)


@pytest.fixture
def result(owner: User, year: Year2025) -> Review:
    return review_for_owner(owner=owner, period=year_period(2025), now=at("2026-01-15"))


def names(people: list[Person]) -> list[str]:
    return [person.contact_name for person in people]


def test_who_you_helped_and_who_helped_you(result: Review) -> None:
    assert names(result.helped) == ["Ana Lima"]
    assert result.helped[0].why == "You gave twice; the latest: “Advice on pricing”."
    assert names(result.helped_you) == ["Ben Okoro"]
    assert (result.gave_total, result.got_total) == (2, 1)


def test_new_warmed_and_cooled_relationships(result: Review) -> None:
    assert names(result.new_relationships) == ["Cleo Park"]
    assert names(result.warmed) == ["Ana Lima"]
    assert result.warmed[0].why == "5 interactions in this period, 1 in the one before."
    assert names(result.cooled) == ["Ben Okoro"]


def test_silences_ended_are_the_loops_you_answered_in_the_period(result: Review) -> None:
    assert result.silences_ended_total == 2
    assert sorted(p.why for p in result.silences_ended) == [
        "You answered their ask “An intro to a printer” after 3 days.",
        "You answered your promise “Send Cleo my workshop notes” after 18 days.",
    ]
    assert result.silences_open_total == 1
    assert names(result.silences_open) == ["Ben Okoro"]


def test_shares_topics_and_months(result: Review) -> None:
    assert (result.shares_total, result.shared_with) == (1, 1)
    assert result.shares[0].title == "Pricing workshops for founders"
    words = [topic.word for topic in result.topics]
    assert words[:2] == ["pricing", "workshop"]
    assert "brand" in words
    by_month = {m.month.month: (m.gave, m.got) for m in result.months}
    assert by_month[3] == (1, 0)
    assert by_month[5] == (0, 1)
    assert by_month[8] == (1, 0)
    assert result.new_by_month[3] == 1  # Cleo, April
    assert result.network_size[-1] == 3


def test_work_by_source_and_the_next_steps(result: Review) -> None:
    assert result.work is not None
    assert [(w.label, w.count, w.value_text) for w in result.work] == [
        ("Ben Okoro", 1, "EUR 1,200")
    ]
    assert names(result.thank) == ["Ben Okoro"]
    assert result.thank[0].why == "Sent you 1 piece of work in this period (EUR 1,200)."
    assert names(result.rekindle) == ["Ben Okoro"]
    assert result.rekindle[0].why.endswith("They helped you in this period.")


def test_another_accounts_year_never_shows(result: Review) -> None:
    assert "Mallory" not in str(result.as_json())


def test_an_account_with_no_work_recorded_has_no_work_section(stranger: User) -> None:
    assert review_for_owner(owner=stranger, period=year_period(2025)).work is None


@pytest.mark.usefixtures("year")
def test_the_review_is_a_fixed_number_of_queries(
    owner: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(20):
        review_for_owner(owner=owner, period=year_period(2025), now=at("2026-01-15"))
