"""The scorecard counted from real loops: the rules of Today, both ways, per contact and overall."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Contact, Loop
from goodwill.network.scorecard_selectors import (
    scorecard_contacts_count,
    scorecard_for_contact,
    scorecard_overall,
    scorecards_by_contact,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def _loop(
    contact: Contact,
    kind: str,
    whose: str,
    *,
    days_ago: int,
    window: int = 7,
    acknowledged_after: timedelta | None = None,
    closed: str = "",
    closed_after: timedelta | None = None,
) -> Loop:
    opened = NOW - timedelta(days=days_ago)
    loop = services.loop_open(
        contact=contact,
        kind=kind,
        whose=whose,
        summary=f"{kind} {whose} {days_ago}",
        opened_at=opened,
        response_window_days=window,
    )
    if acknowledged_after is not None:
        services.loop_acknowledge(loop=loop, at=opened + acknowledged_after)
    if closed:
        services.loop_close(
            loop=loop, outcome=closed, at=opened + (closed_after or timedelta(days=1))
        )
    return loop


@pytest.fixture
def sam(owner: User) -> Contact:
    return services.contact_create(owner=owner, full_name="Sam Okafor")


def test_their_asks_count_as_acknowledged_waiting_or_ignored_by_you(
    lori: Contact,
) -> None:
    _loop(lori, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=1))
    _loop(lori, "ask", "theirs", days_ago=20, closed="declined", closed_after=timedelta(days=3))
    _loop(lori, "ask", "theirs", days_ago=2)  # within its window: waiting
    _loop(lori, "ask", "theirs", days_ago=30)  # past its window: ignored so far
    _loop(lori, "ask", "theirs", days_ago=30, closed="dropped")  # dropped unanswered: ignored
    card = scorecard_for_contact(contact=lori, now=NOW)
    assert card.you.asks == 5
    assert card.you.acknowledged == 2
    assert card.you.ignored == 2
    assert card.you.unacknowledged == 2
    assert card.you.median_days_to_acknowledge == 2.0  # 1 day and 3 days
    assert card.them.asks == 0


def test_your_asks_met_with_silence_count_against_them(lori: Contact) -> None:
    _loop(lori, "ask", "mine", days_ago=30, window=5)  # silence
    _loop(lori, "ask", "mine", days_ago=3, window=5)  # still in its window
    _loop(lori, "ask", "mine", days_ago=30, closed="done", closed_after=timedelta(hours=6))
    card = scorecard_for_contact(contact=lori, now=NOW)
    assert (card.them.acknowledged, card.them.ignored, card.them.unacknowledged) == (1, 1, 2)
    assert card.them.median_days_to_acknowledge == 0.25
    assert card.you.asks == 0


def test_promises_both_ways_kept_dropped_and_open(lori: Contact) -> None:
    _loop(lori, "promise", "mine", days_ago=9, closed="done")
    _loop(lori, "promise", "mine", days_ago=9, closed="dropped")
    _loop(lori, "promise", "mine", days_ago=9, acknowledged_after=timedelta(days=1))  # open
    _loop(lori, "promise", "theirs", days_ago=9, closed="done")
    _loop(lori, "promise", "theirs", days_ago=9, closed="declined")  # neither
    card = scorecard_for_contact(contact=lori, now=NOW)
    assert (card.you.promises_kept, card.you.promises_dropped, card.you.promises_open) == (1, 1, 1)
    assert (card.them.promises_kept, card.them.promises_dropped, card.them.promises_open) == (
        1,
        0,
        0,
    )


def test_offers_do_not_count(lori: Contact) -> None:
    _loop(lori, "offer", "theirs", days_ago=30)
    assert scorecard_for_contact(contact=lori, now=NOW).is_empty


def test_overall_sums_every_contact_and_takes_the_median_of_every_wait(
    owner: User, lori: Contact, sam: Contact
) -> None:
    _loop(lori, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=1))
    _loop(sam, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=2))
    _loop(sam, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=10))
    _loop(sam, "ask", "theirs", days_ago=30)
    card = scorecard_overall(owner=owner, now=NOW)
    assert (card.you.asks, card.you.acknowledged, card.you.ignored) == (4, 3, 1)
    # The median of 1, 2 and 10 days, not the median of each contact's medians (1 and 6).
    assert card.you.median_days_to_acknowledge == 2.0


def test_by_contact_puts_those_left_waiting_first_and_leaves_out_contacts_with_no_loops(
    owner: User, lori: Contact, sam: Contact
) -> None:
    services.contact_create(owner=owner, full_name="Quiet Person")
    _loop(lori, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=1))
    _loop(sam, "ask", "theirs", days_ago=30)
    cards = scorecards_by_contact(owner=owner, now=NOW)
    assert [c.contact_name for c in cards] == ["Sam Okafor", "Lori Chen"]
    assert cards[0].card.you.ignored == 1


def test_another_accounts_loops_never_count(owner: User, stranger: User, lori: Contact) -> None:
    theirs = services.contact_create(owner=stranger, full_name="Lori Chen")
    _loop(theirs, "ask", "theirs", days_ago=30)
    assert scorecard_overall(owner=owner, now=NOW).is_empty
    assert scorecards_by_contact(owner=owner, now=NOW) == []
    assert scorecard_for_contact(contact=lori, now=NOW).is_empty


def test_those_waiting_on_you_come_first_then_those_ignoring_you_then_the_busiest(
    owner: User,
) -> None:
    def contact(name: str) -> Contact:
        return services.contact_create(owner=owner, full_name=name)

    calm, busy, ignoring, owed = (contact(n) for n in ("Ann", "Bo", "Cy", "Di"))
    _loop(calm, "ask", "theirs", days_ago=20, acknowledged_after=timedelta(days=1))
    for _ in range(3):
        _loop(busy, "ask", "mine", days_ago=20, acknowledged_after=timedelta(days=1))
    _loop(ignoring, "ask", "mine", days_ago=30)  # silence
    _loop(owed, "ask", "theirs", days_ago=2)  # waiting on you
    cards = scorecards_by_contact(owner=owner, now=NOW)
    assert [c.contact_name for c in cards] == ["Di", "Cy", "Bo", "Ann"]
    assert [c.contact_name for c in scorecards_by_contact(owner=owner, now=NOW, limit=2)] == [
        "Di",
        "Cy",
    ]
    assert scorecard_contacts_count(owner=owner) == 4
