"""The habits page's figures, counted in the user's local months."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.fixtures import Settings

from goodwill.network import services
from goodwill.network.models import Contact
from goodwill.rhythm.habits import habits_for_owner


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_interactions_gives_and_shares_count_in_their_local_month(
    owner: User, lori: Contact, settings: Settings
) -> None:
    # 23:30 on the last day of last month in New York is already this month in UTC.
    settings.TIME_ZONE = "America/New_York"
    first = timezone.localdate().replace(day=1)
    late_last_month = _local(first - timedelta(days=1), 23, 30)
    others = [
        services.contact_create(owner=owner, full_name=f"Reader {number}") for number in range(3)
    ]
    for when in (late_last_month, _local(first, 0, 30), _local(first, 1)):
        services.interaction_log(
            owner=owner, contacts=[lori], kind="call", summary="Call", occurred_at=when
        )
    services.give_record(
        contact=lori, kind="help", direction="out", summary="Help", occurred_at=_local(first, 2)
    )
    # Personal: a note of its own, to one person. A broadcast: the same link to three people,
    # or a note of nothing but blanks.
    services.share_record(
        contact=lori, url="https://a.example/1", note="For your studio", shared_at=_local(first, 3)
    )
    for reader in others:
        services.share_record(
            contact=reader,
            url="https://a.example/2",
            note="Thought of you",
            shared_at=late_last_month,
        )
    services.share_record(
        contact=lori, url="https://a.example/3", note=" \n ", shared_at=late_last_month
    )

    habits = habits_for_owner(owner=owner)

    assert habits.months[-1] == first
    assert habits.interactions[-2:] == [1, 2]
    assert habits.gives[-2:] == [0, 1]
    assert habits.give_share[-1] == 0.5
    assert habits.personal_shares[-2:] == [0, 1]
    assert habits.broadcasts[-2:] == [4, 0]
    assert sum(habits.interactions) == 3
