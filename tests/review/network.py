"""A small network with a known 2025, for the review's tests: every section has someone in it,
and the stranger has a look-alike year of their own that must never show."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from goodwill.network import services
from goodwill.network.models import Contact, Direction, Give, Loop
from goodwill.work.services import WorkFields, work_record


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """The review keeps its cadence-kept figures for the day in the cache: start clean."""
    cache.clear()
    yield
    cache.clear()


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


@dataclass(frozen=True)
class Year2025:
    ana: Contact  # warmed; you helped her; you answered her ask
    ben: Contact  # cooled; he helped you and sent you work; his offer still waits on you
    cleo: Contact  # new in 2025; you kept a promise to her


def _touches(owner: User, contact: Contact, days: list[str], summary: str) -> None:
    for day in days:
        services.interaction_log(
            owner=owner, contacts=[contact], kind="email", summary=summary, occurred_at=at(day)
        )


def build_2025(owner: User, *, prefix: str = "") -> Year2025:
    ana = services.contact_create(
        owner=owner, full_name=f"{prefix}Ana Lima", created_at=at("2020-01-01")
    )
    ben = services.contact_create(
        owner=owner, full_name=f"{prefix}Ben Okoro", created_at=at("2020-01-01")
    )
    cleo = services.contact_create(
        owner=owner, full_name=f"{prefix}Cleo Park", created_at=at("2025-04-01")
    )
    _touches(owner, ana, ["2024-06-01"], "Pricing question")
    _touches(
        owner,
        ana,
        ["2025-02-01", "2025-03-01", "2025-05-01", "2025-07-01", "2025-09-01"],
        "Pricing the brand workshop",
    )
    _touches(
        owner,
        ben,
        ["2024-02-01", "2024-04-01", "2024-06-01", "2024-08-01", "2024-10-01"],
        "Podcast planning",
    )
    _touches(owner, cleo, ["2025-04-02"], "Brand workshop for founders")
    for day, summary in (
        ("2025-03-01", "Introduced Ana to a designer"),
        ("2025-08-01", "Advice on pricing"),
    ):
        services.give_record(
            contact=ana,
            kind=Give.Kind.HELP,
            direction=Direction.FROM_ME,
            summary=summary,
            occurred_at=at(day),
        )
    services.give_record(
        contact=ben,
        kind=Give.Kind.ADVICE,
        direction=Direction.TO_ME,
        summary="Ben reviewed my proposal",
        occurred_at=at("2025-05-10"),
    )
    ana_ask = services.loop_open(
        contact=ana,
        kind=Loop.Kind.ASK,
        whose=Loop.Whose.THEIRS,
        summary="An intro to a printer",
        opened_at=at("2025-02-01"),
    )
    services.loop_acknowledge(loop=ana_ask, at=at("2025-02-04"))
    services.loop_open(
        contact=ben,
        kind=Loop.Kind.OFFER,
        whose=Loop.Whose.THEIRS,
        summary="Happy to look at your deck",
        opened_at=at("2025-06-01"),
    )
    promise = services.loop_open(
        contact=cleo,
        kind=Loop.Kind.PROMISE,
        whose=Loop.Whose.MINE,
        summary="Send Cleo my workshop notes",
        opened_at=at("2025-04-02"),
    )
    services.loop_close(loop=promise, outcome=Loop.Outcome.DONE, at=at("2025-04-20"))
    services.share_record(
        contact=ana,
        url="https://example.com/pricing-workshops",
        title="Pricing workshops for founders",
        shared_at=at("2025-05-01"),
    )
    work_record(
        owner=owner,
        fields=WorkFields(
            title="Atlas rebrand",
            referred_by=ben,
            value="1200",
            currency="EUR",
            came_on=at("2025-09-01").date(),
            record_give=False,
        ),
    )
    return Year2025(ana=ana, ben=ben, cleo=cleo)
