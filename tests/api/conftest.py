"""A token for each account and a client that sends it, over the shared three accounts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from goodwill.api import tokens
from goodwill.network import services
from goodwill.network.models import Contact


def token_client(user: User, *, scope: str = "read-write") -> Client:
    _, secret = tokens.token_create(owner=user, name=f"{user.username} {scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api(owner: User) -> Client:
    """The owner's read-write API client."""
    return token_client(owner)


@pytest.fixture
def stranger_api(stranger: User) -> Client:
    return token_client(stranger)


@dataclass(frozen=True)
class Network:
    lori: Contact
    sam: Contact


@pytest.fixture
def network(owner: User, lori: Contact) -> Network:
    """Two contacts with an interaction, loops, a give and a share between them."""
    sam = services.contact_create(
        owner=owner, full_name="Sam Okafor", organization_name="Okafor & Co"
    )
    services.interaction_log(owner=owner, contacts=[lori, sam], kind="meeting", summary="Lunch")
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Intro to a designer")
    services.loop_open(contact=sam, kind="ask", whose="mine", summary="A referral?")
    services.give_record(contact=sam, kind="advice", direction="in", summary="Pricing tips")
    services.share_send(contact=lori, url="https://type.example/fonts", title="Fonts")
    return Network(lori=lori, sam=sam)
