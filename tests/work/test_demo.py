"""The demo network's work: deterministic, through the services, with something on every page."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network.demo import demo_network_fill
from goodwill.network.models import Give
from goodwill.work.demo import demo_work_fill
from goodwill.work.models import Work
from goodwill.work.selectors import work_by_source, work_totals
from tests.cli.conftest import invoke
from tests.conftest import Accounts

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _rows(owner: User) -> list[tuple[object, ...]]:
    return list(
        Work.objects.filter(owner=owner)
        .order_by("came_on", "title")
        .values_list(
            "title", "direction", "referred_by__full_name", "passed_to__full_name",
            "client_organization__name", "value", "currency", "came_on",
        )
    )  # fmt: skip


def test_the_demo_work_is_the_same_for_the_same_now(accounts: Accounts) -> None:
    for owner in (accounts.owner, accounts.teammate):
        demo_network_fill(owner=owner, now=NOW)
        demo_work_fill(owner=owner, now=NOW)
    assert _rows(accounts.owner) == _rows(accounts.teammate)


def test_the_demo_work_has_sources_chains_values_and_work_passed_on(
    owner: User, owner_client: Client
) -> None:
    demo_network_fill(owner=owner, now=NOW)
    recorded = demo_work_fill(owner=owner, now=NOW)
    assert recorded == Work.objects.filter(owner=owner).count() >= 12
    totals = work_totals(owner=owner)
    assert totals.passed_on >= 2
    assert totals.came_to_me_value["EUR"] > 0
    sources = work_by_source(owner=owner)
    assert any(source.contact_id is None for source in sources)
    assert sum(1 for source in sources if source.contact_id) >= 5
    assert Work.objects.filter(owner=owner, introductions__isnull=False).distinct().count() >= 3
    assert all(work.came_on <= NOW.date() for work in Work.objects.filter(owner=owner))
    referrals = Give.objects.filter(
        owner=owner, kind="referral", summary__startswith="Passed on work"
    )
    assert referrals.filter(direction="out").count() == totals.passed_on
    # The pages have something to show.
    page = owner_client.get(reverse("work_page")).content.decode()
    assert "By the relationship it came through" in page
    top = next(source for source in sources if source.contact_id)
    contact_page = owner_client.get(reverse("contact_detail", args=[top.contact_id]))
    assert "Came to you through them" in contact_page.content.decode()
    scorecard = owner_client.get(reverse("scorecard_page")).content.decode()
    assert "You acknowledged" in scorecard
    assert "Contact by contact" in scorecard


def test_goodwill_demo_fills_the_work_too(owner: User) -> None:
    result = invoke("demo", "--user", "alice")
    assert result.exit_code == 0, result.output
    count = Work.objects.filter(owner=owner).count()
    assert count > 0
    assert f"and {count} pieces of work." in result.output
