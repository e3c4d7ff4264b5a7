"""Fixtures for the web pages: a contact with something on every part of their page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact, Loop

# Django's test client sends this as the HX-Request header, as htmx does.
HTMX = {"HX-Request": "true"}


@pytest.fixture
def lori_ask(lori: Contact) -> Loop:
    """Lori asked for an intro two days ago and has not heard back: waiting on you."""
    return services.loop_open(
        contact=lori,
        kind=Loop.Kind.ASK,
        whose=Loop.Whose.THEIRS,
        summary="Intro to a product designer",
        opened_at=timezone.now() - timedelta(days=2),
    )


@pytest.fixture
def sam(owner: User) -> Contact:
    """A contact added long ago and never touched: drifting."""
    return services.contact_create(
        owner=owner,
        full_name="Sam Okafor",
        organization_name="Okafor Builders",
        position="Founder",
        handles=[("email", "sam@okafor.example")],
        created_at=timezone.now() - timedelta(days=120),
    )


@pytest.fixture
def my_silent_ask(sam: Contact) -> Loop:
    """Your ask to Sam, three weeks old with no reply: met with silence."""
    return services.loop_open(
        contact=sam,
        kind=Loop.Kind.ASK,
        whose=Loop.Whose.MINE,
        summary="Would you review my proposal?",
        opened_at=timezone.now() - timedelta(days=21),
    )
