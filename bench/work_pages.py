"""Where work comes from and the scorecard, for bench/run.py: work records for the benchmark's
owner, and the pages and selectors to time.

The work is written through work/services.py (a thousand records take a few seconds), so every
referral is a give as the application would record it. The scorecard needs no data of its own:
it reads the loops bench/generate.py wrote (5,000 at full size).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from goodwill.network.models import Contact

WORK_RECORDS = 1_000


def work_generate(*, owner: User, count: int = WORK_RECORDS, seed: int = 2026) -> int:
    """`count` pieces of work over three years among the owner's contacts: most referred by
    a few hundred contacts, some through a chain of introductions, a fifth passed on."""
    from goodwill.work.models import Work
    from goodwill.work.services import WorkFields, work_record

    rng = random.Random(seed)
    contacts = list(Contact.objects.filter(owner=owner).order_by("pk")[:400])
    if not contacts:
        return 0
    today = timezone.localdate()
    with transaction.atomic():
        for index in range(count):
            passed_on = rng.random() < 0.2
            person = rng.choice(contacts)
            via = [] if passed_on or rng.random() < 0.7 else [rng.choice(contacts)]
            valued = rng.random() < 0.8
            work_record(
                owner=owner,
                fields=WorkFields(
                    title=f"Project {index}",
                    direction=Work.Direction.PASSED_ON if passed_on else Work.Direction.CAME_TO_ME,
                    referred_by=None if passed_on else person,
                    passed_to=person if passed_on else None,
                    via=[c for c in via if c.pk != person.pk],
                    value=Decimal(rng.randrange(200, 20_000)) if valued else None,
                    currency=rng.choice(("EUR", "EUR", "USD")) if valued else "",
                    came_on=today - timedelta(days=rng.randrange(0, 3 * 365)),
                ),
            )
    return count


def work_pages() -> list[tuple[str, str]]:
    """The work page and the scorecard page (run work_generate first)."""
    return [("/work/", reverse("work_page")), ("/scorecard/", reverse("scorecard_page"))]


def work_selectors(owner: User, busiest: Contact) -> list[tuple[str, Callable[[], object]]]:
    from goodwill.network.scorecard_selectors import (
        scorecard_for_contact,
        scorecard_overall,
        scorecards_by_contact,
    )
    from goodwill.work.selectors import work_by_source, work_for_contact

    return [
        ("scorecard_overall", lambda: scorecard_overall(owner=owner)),
        ("scorecards_by_contact", lambda: scorecards_by_contact(owner=owner)),
        ("scorecard_for_contact, busiest", lambda: scorecard_for_contact(contact=busiest)),
        ("work_by_source", lambda: work_by_source(owner=owner)),
        ("work_for_contact, busiest", lambda: work_for_contact(contact=busiest)),
    ]
