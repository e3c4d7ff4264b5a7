"""Shared fixtures: three accounts (owner, another user, a stranger) and a small network."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from goodwill.network import services
from goodwill.network.models import Contact

PASSWORD = "correct horse battery staple"


@dataclass
class Accounts:
    owner: User
    teammate: User
    stranger: User


@pytest.fixture
def accounts(db: None) -> Accounts:
    return Accounts(
        owner=services.user_create(username="alice", password=PASSWORD),
        teammate=services.user_create(username="bob", password=PASSWORD),
        stranger=services.user_create(username="mallory", password=PASSWORD),
    )


@pytest.fixture
def owner(accounts: Accounts) -> User:
    return accounts.owner


@pytest.fixture
def stranger(accounts: Accounts) -> User:
    return accounts.stranger


@pytest.fixture
def lori(owner: User) -> Contact:
    return services.contact_create(
        owner=owner,
        full_name="Lori Chen",
        organization_name="Northwind Design",
        position="Art director",
        handles=[("email", "Lori@Northwind.example"), ("phone", "+1 415 555 0134")],
    )


@pytest.fixture
def owner_client(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(stranger: User) -> Client:
    client = Client()
    client.force_login(stranger)
    return client
