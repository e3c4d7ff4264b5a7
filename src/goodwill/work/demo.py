"""Work for the demo network: a freelance writer's year of work and where it came from.

Deterministic like the network it joins: the same seed, the same "now" and the same demo
contacts give the same work, row for row. Written through work/services.py, so the referrals
that go with it are gives as well.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from goodwill.network.models import Contact
from goodwill.network.services import Owner
from goodwill.work.models import Work
from goodwill.work.services import WorkFields, work_record

DEMO_WORK_SEED = 7

# Title, value in EUR (None: not recorded), whether an introduction came before the referrer.
CAME_TO_ME: tuple[tuple[str, int | None, int], ...] = (
    ("Brand story for a bakery chain", 2400, 0),
    ("Annual report copy", 5200, 1),
    ("Website rewrite, twelve pages", 3800, 0),
    ("Product launch emails", 1500, 0),
    ("Three customer case studies", 2700, 2),
    ("Grant application for a theatre", 1800, 1),
    ("Monthly newsletter, six issues", 3000, 0),
    ("Keynote speech", None, 0),
    ("Museum catalogue essays", 4100, 1),
    ("UX writing for a banking app", 6200, 0),
    ("Podcast scripts, one season", 2200, 0),
)
# Work that found the user by itself: the website, a search, a directory.
CAME_BY_ITSELF: tuple[tuple[str, int], ...] = (("Blog posts for a clinic", 900),)
PASSED_ON: tuple[tuple[str, int | None], ...] = (
    ("German translation of a brochure", 1100),
    ("Illustrations for a children's book", None),
    ("Technical manual, 80 pages", 7000),
)


def demo_work_fill(*, owner: Owner, now: datetime, seed: int = DEMO_WORK_SEED) -> int:
    """Record about fifteen pieces of work over the last fourteen months among the owner's
    contacts (the closest circles refer the most); the number recorded. None without contacts."""
    contacts = list(
        Contact.objects.filter(owner=owner)
        .select_related("circle", "organization")
        .order_by("circle__position", "full_name", "pk")
    )
    if len(contacts) < 10:
        return 0
    rng = random.Random(seed)
    close = [contact for contact in contacts if contact.circle.position <= 1] or contacts
    others = [contact for contact in contacts if contact not in close] or contacts
    today = timezone.localdate(now)
    recorded = 0

    def day(low: int, high: int) -> datetime:
        return now - timedelta(days=rng.randint(low, high))

    with transaction.atomic():
        for index, (title, value, chain_length) in enumerate(CAME_TO_ME):
            # Two referrals in three come from the closest circles.
            referrer = rng.choice(close if rng.random() < 0.67 else others)
            via = rng.sample([c for c in others if c.pk != referrer.pk], chain_length)
            client = rng.choice(contacts[:: max(1, len(contacts) // 20)])
            came_on = (day(index * 36, index * 36 + 30)).date()
            work_record(
                owner=owner,
                fields=WorkFields(
                    title=title,
                    referred_by=referrer,
                    via=via,
                    client_name=(client.organization.name if client.organization else ""),
                    value=None if value is None else Decimal(value),
                    currency="" if value is None else "EUR",
                    came_on=min(came_on, today),
                    notes="",
                ),
            )
            recorded += 1
        for title, value in CAME_BY_ITSELF:
            work_record(
                owner=owner,
                fields=WorkFields(
                    title=title,
                    value=Decimal(value),
                    currency="EUR",
                    came_on=day(60, 200).date(),
                    notes="Found the website.",
                ),
            )
            recorded += 1
        for title, value in PASSED_ON:
            work_record(
                owner=owner,
                fields=WorkFields(
                    title=title,
                    direction=Work.Direction.PASSED_ON,
                    passed_to=rng.choice(others),
                    value=None if value is None else Decimal(value),
                    currency="" if value is None else "EUR",
                    came_on=day(10, 400).date(),
                ),
            )
            recorded += 1
    return recorded
