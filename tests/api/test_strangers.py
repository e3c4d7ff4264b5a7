"""Another account's rows do not exist through the API: every operation that takes an id,
given the owner's ids by a stranger (or a teammate), answers 404, shows nothing of the owner's
and changes no row; lists filtered by the owner's ids are empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import (
    Circle,
    Contact,
    Give,
    Handle,
    ImportRun,
    ImportSkip,
    Interaction,
    Loop,
    Organization,
    Participation,
    Share,
)
from tests.api.conftest import Network, token_client
from tests.conftest import Accounts

ROWS: tuple[type[models.Model], ...] = (
    Organization,
    Circle,
    Contact,
    Handle,
    Interaction,
    Participation,
    Loop,
    Give,
    Share,
    ImportRun,
    ImportSkip,
)
# Words only the owner's rows hold; none may reach anyone else.
OWNER_WORDS = ("Lori", "Northwind", "Okafor", "Intro to a designer", "Pricing tips", "Fonts")


@dataclass(frozen=True)
class Attempt:
    method: str
    # A path with {contact} and the like, filled with the owner's ids.
    path: str
    body: dict[str, Any] | None = None


# Every operation that takes an id, with each method, with input that would succeed for the owner.
ATTEMPTS = [
    Attempt("get", "/contacts/{contact}"),
    Attempt("patch", "/contacts/{contact}", {"full_name": "Stolen", "notes": "x"}),
    Attempt("patch", "/contacts/{contact}", {"cadence_days": 3}),
    Attempt("delete", "/contacts/{contact}"),
    Attempt("get", "/handles/{handle}"),
    Attempt("patch", "/handles/{handle}", {"value": "mallory@evil.example"}),
    Attempt("delete", "/handles/{handle}"),
    Attempt("get", "/organizations/{organization}"),
    Attempt("patch", "/organizations/{organization}", {"name": "Stolen Inc"}),
    Attempt("delete", "/organizations/{organization}"),
    Attempt("get", "/interactions/{interaction}"),
    Attempt("patch", "/interactions/{interaction}", {"summary": "Stolen"}),
    Attempt("delete", "/interactions/{interaction}"),
    Attempt("get", "/loops/{loop}"),
    Attempt("patch", "/loops/{loop}", {"status": "closed", "outcome": "dropped"}),
    Attempt("patch", "/loops/{loop}", {"summary": "Stolen"}),
    Attempt("delete", "/loops/{loop}"),
    Attempt("get", "/gives/{give}"),
    Attempt("patch", "/gives/{give}", {"summary": "Stolen"}),
    Attempt("delete", "/gives/{give}"),
    Attempt("get", "/shares/{share}"),
    Attempt("patch", "/shares/{share}", {"note": "Stolen"}),
    Attempt("delete", "/shares/{share}"),
    Attempt("get", "/import-runs/{run}"),
    # Creating rows that point at the owner's rows.
    Attempt("post", "/contacts", {"full_name": "Mole", "circle_id": "{circle}"}),
    Attempt("patch", "/contacts/{own_contact}", {"circle_id": "{circle}"}),
    Attempt(
        "post", "/handles", {"contact_id": "{contact}", "kind": "email", "value": "m@e.example"}
    ),
    Attempt(
        "post",
        "/interactions",
        {"contact_ids": ["{contact}"], "kind": "call", "summary": "Sneaky call"},
    ),
    Attempt(
        "post",
        "/interactions",
        {"contact_ids": ["{own_contact}", "{contact}"], "kind": "call", "summary": "Sneaky"},
    ),
    Attempt(
        "post",
        "/loops",
        {"contact_id": "{contact}", "kind": "ask", "whose": "mine", "summary": "x"},
    ),
    Attempt(
        "post",
        "/loops",
        {
            "contact_id": "{own_contact}",
            "kind": "ask",
            "whose": "mine",
            "summary": "x",
            "interaction_id": "{interaction}",
        },
    ),
    Attempt(
        "post",
        "/gives",
        {"contact_id": "{contact}", "kind": "help", "direction": "out", "summary": "x"},
    ),
    Attempt(
        "post",
        "/gives",
        {
            "contact_id": "{own_contact}",
            "kind": "help",
            "direction": "out",
            "summary": "x",
            "interaction_id": "{interaction}",
        },
    ),
    Attempt("post", "/shares", {"contact_id": "{contact}", "url": "https://evil.example/a"}),
]
# Operations that take no id of any kind.
WITHOUT_IDS = {("post", "/organizations"), ("get", "/today")}
# Lists filtered by the owner's ids: answered, but empty.
FILTERED_LISTS = [
    ("/contacts", {"organization": "{organization}"}),
    ("/contacts", {"circle": "{circle}"}),
    ("/contacts", {"q": "Lori"}),
    ("/handles", {"contact": "{contact}"}),
    ("/organizations", {"q": "Northwind"}),
    ("/interactions", {"contact": "{contact}"}),
    ("/loops", {"contact": "{contact}"}),
    ("/gives", {"contact": "{contact}"}),
    ("/shares", {"contact": "{contact}"}),
    ("/import-runs", {}),
]


def _owner_ids(network: Network, intruder: User) -> dict[str, int]:
    owner = network.lori.owner
    run = ImportRun.objects.create(
        owner=owner, file_name="Northwind.vcf", created_at=timezone.now(), status="done"
    )
    ImportSkip.objects.create(owner=owner, run=run, location="Lori card", reason="no name")
    own = services.contact_create(owner=intruder, full_name="Mallory's friend")
    return {
        "contact": network.lori.pk,
        "handle": Handle.objects.filter(contact=network.lori).first().pk,  # type: ignore[union-attr]
        "organization": network.lori.organization_id or 0,
        "interaction": Interaction.objects.filter(owner=owner).first().pk,  # type: ignore[union-attr]
        "loop": Loop.objects.filter(owner=owner).first().pk,  # type: ignore[union-attr]
        "give": Give.objects.filter(owner=owner).first().pk,  # type: ignore[union-attr]
        "share": Share.objects.filter(owner=owner).first().pk,  # type: ignore[union-attr]
        "run": run.pk,
        "circle": selectors.circles_for_owner(owner=owner).get(name="Inner").pk,
        "own_contact": own.pk,
    }


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, list):
        return [_fill(item, ids) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


def _snapshot() -> dict[str, list[dict[str, object]]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in ROWS}


@pytest.fixture(params=["stranger", "teammate"])
def intruder(request: pytest.FixtureRequest, accounts: Accounts) -> User:
    user: User = getattr(accounts, request.param)
    return user


def test_every_operation_with_an_id_is_in_the_table(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    every_operation = {
        (method, re.sub(r"\{\w+\}", "{}", path.removeprefix("/api/v1")))
        for path, methods in document["paths"].items()
        for method in methods
    }
    covered = {(attempt.method, re.sub(r"\{\w+\}", "{}", attempt.path)) for attempt in ATTEMPTS}
    lists = {("get", path) for path, _ in FILTERED_LISTS}

    assert every_operation - covered - lists == WITHOUT_IDS


def test_every_operation_on_the_owners_ids_is_not_found_and_changes_nothing(
    network: Network, intruder: User
) -> None:
    ids = _owner_ids(network, intruder)
    api = token_client(intruder)
    for attempt in ATTEMPTS:
        path = "/api/v1" + attempt.path.format(**ids)
        before = _snapshot()

        if attempt.body is None:
            response = getattr(api, attempt.method)(path)
        else:
            body = _fill(attempt.body, ids)
            response = getattr(api, attempt.method)(path, body, content_type="application/json")

        label = f"{attempt.method.upper()} {attempt.path} {attempt.body}"
        assert response.status_code == 404, f"{label}: {response.status_code} {response.content}"
        text = response.content.decode()
        for word in OWNER_WORDS:
            assert word not in text, f"{label} shows {word!r}"
        assert _snapshot() == before, f"{label} changed a row"


def test_lists_filtered_by_the_owners_ids_are_empty(network: Network, intruder: User) -> None:
    ids = _owner_ids(network, intruder)
    api = token_client(intruder)
    for path, query in FILTERED_LISTS:
        response = api.get(f"/api/v1{path}", _fill(query, ids))

        assert response.status_code == 200, path
        page = response.json()
        if path == "/contacts" and "q" not in query:
            assert page["results"] == [], f"{path} {query}"
        else:
            assert page["count"] == 0, f"{path} {query}"
        for word in OWNER_WORDS:
            assert word not in response.content.decode(), f"{path} {query} shows {word!r}"


def test_today_shows_an_intruder_nothing_of_the_owners(network: Network, intruder: User) -> None:
    today = token_client(intruder).get("/api/v1/today")

    assert today.json()["totals"] == {
        "waiting_on_you": 0,
        "silence": 0,
        "follow_up": 0,
        "drifting": 0,
    }
    for word in OWNER_WORDS:
        assert word not in today.content.decode()


def test_an_id_that_exists_nowhere_is_not_found_for_the_owner_too(
    network: Network, owner: User
) -> None:
    api = token_client(owner)
    ids = dict.fromkeys(
        ("contact", "handle", "organization", "interaction", "loop", "give", "share"), 987654
    )
    ids |= {"run": 987654, "circle": 987654, "own_contact": network.sam.pk}
    for attempt in ATTEMPTS:
        path = "/api/v1" + attempt.path.format(**ids)
        body = _fill(attempt.body, ids) if attempt.body is not None else None
        if body is None:
            response = getattr(api, attempt.method)(path)
        else:
            response = getattr(api, attempt.method)(path, body, content_type="application/json")

        assert response.status_code == 404, f"{attempt.method} {attempt.path}"
