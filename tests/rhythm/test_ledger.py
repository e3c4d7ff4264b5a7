"""The network's give-and-ask ledger: gives and asks counted in the user's local months, and
the year's short lists of who gave without anything back and whom the user leaned on."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.fixtures import Settings

from goodwill.network import services
from goodwill.network.models import Contact
from goodwill.rhythm.ledger import network_ledger


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_gives_and_asks_count_in_the_local_month_they_happened(
    owner: User, lori: Contact, settings: Settings
) -> None:
    # 23:30 on the last day of last month in New York is already this month in UTC.
    settings.TIME_ZONE = "America/New_York"
    first = timezone.localdate().replace(day=1)
    late_last_month = _local(first - timedelta(days=1), 23, 30)
    services.give_record(
        contact=lori, kind="help", direction="out", summary="Proofread", occurred_at=late_last_month
    )
    services.give_record(
        contact=lori,
        kind="advice",
        direction="in",
        summary="Tips",
        occurred_at=_local(first, 0, 30),
    )
    services.loop_open(
        contact=lori, kind="ask", whose="mine", summary="Intro?", opened_at=_local(first, 9)
    )
    services.loop_open(
        contact=lori, kind="ask", whose="theirs", summary="Review?", opened_at=late_last_month
    )

    ledger = network_ledger(owner=owner)

    this_month, last_month = ledger.months[-1], ledger.months[-2]
    assert this_month.month == first
    assert (this_month.given, this_month.received, this_month.asked, this_month.they_asked) == (
        0,
        1,
        1,
        0,
    )
    assert (last_month.given, last_month.received, last_month.asked, last_month.they_asked) == (
        1,
        0,
        0,
        1,
    )
    assert (ledger.given, ledger.received, ledger.asked, ledger.they_asked) == (1, 1, 1, 1)
    assert len(ledger.months) == 12


def test_the_year_lists_see_a_whole_year_and_leave_out_those_given_to(owner: User) -> None:
    now = timezone.now()
    giver = services.contact_create(owner=owner, full_name="Gina Giver")
    thanked = services.contact_create(owner=owner, full_name="Theo Thanked")
    asked = services.contact_create(owner=owner, full_name="Ash Asked")
    # Just within the year: most days that is before the first month the chart shows.
    within_year = now - timedelta(days=365) + timedelta(hours=1)
    services.give_record(
        contact=giver, kind="referral", direction="in", summary="A client", occurred_at=within_year
    )
    services.give_record(contact=thanked, kind="help", direction="in", summary="Help")
    services.give_record(contact=thanked, kind="help", direction="out", summary="Help back")
    for number in range(2):
        services.loop_open(contact=asked, kind="ask", whose="mine", summary=f"Ask {number}")
    services.give_record(
        contact=asked,
        kind="help",
        direction="out",
        summary="Long ago",
        occurred_at=now - timedelta(days=400),
    )

    ledger = network_ledger(owner=owner)

    assert [(row.contact_name, row.count) for row in ledger.owed] == [("Gina Giver", 1)]
    assert [(row.contact_name, row.count) for row in ledger.leaned_on] == [("Ash Asked", 2)]
    charted = within_year >= _local(ledger.months[0].month, 0)
    assert sum(month.received for month in ledger.months) == (2 if charted else 1)
