"""Schemathesis fuzzes every operation of the OpenAPI document, as the owner with a read-write
token over a small network, through WSGI (no network, no server): no request may make a server
error, and every answer must be a documented status with a body that matches its schema.

Each operation gets three rounds: examples that fit the schema, examples that do not (which
must be refused with a 4xx, never a 5xx), and examples that fit the schema with the ids in the
path and body replaced by the owner's real ones, so that changes reach the services instead of
stopping at a 404. Deletions run last. The examples are capped and derandomized so that CI runs
the same requests every time; GOODWILL_FUZZ_EXAMPLES raises the cap for a longer, random hunt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from goodwill.api import tokens
from goodwill.network.models import Give, Handle, Interaction, Loop, Share
from tests.api.conftest import Network

EXTRA_EXAMPLES = int(os.environ.get("GOODWILL_FUZZ_EXAMPLES", "0"))
EXAMPLES_PER_OPERATION = EXTRA_EXAMPLES or 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """Requests reach the WSGI application directly, not through Django's test client, so do
    what the test client does: keep the test's connection (and its transaction) across them."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _real_ids(network: Network) -> dict[str, int]:
    """The owner's ids by the name a path or body gives them."""
    lori = network.lori
    return {
        "contact_id": lori.pk,
        "handle_id": Handle.objects.filter(contact=lori).first().pk,  # type: ignore[union-attr]
        "organization_id": lori.organization_id or 0,
        "interaction_id": Interaction.objects.filter(owner_id=lori.owner_id).first().pk,  # type: ignore[union-attr]
        "loop_id": Loop.objects.filter(contact=lori).first().pk,  # type: ignore[union-attr]
        "give_id": Give.objects.filter(contact=network.sam).first().pk,  # type: ignore[union-attr]
        "share_id": Share.objects.filter(contact=lori).first().pk,  # type: ignore[union-attr]
        "circle_id": lori.circle_id,
    }


def _with_real_ids(case: schemathesis.Case, ids: dict[str, int]) -> schemathesis.Case:
    for name in list(case.path_parameters or {}):
        if name in ids:
            case.path_parameters[name] = ids[name]  # type: ignore[index]
    if isinstance(case.body, dict):
        for name in list(case.body):
            if name in ids:
                case.body[name] = ids[name]
        if "contact_ids" in case.body:
            case.body["contact_ids"] = [ids["contact_id"]]
    return case


@pytest.mark.usefixtures("connection_kept_open")
def test_no_request_makes_a_server_error_or_breaks_the_schema(
    owner: User, network: Network
) -> None:
    _, secret = tokens.token_create(owner=owner, name="schemathesis", scope="read-write")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 38, "the document lost operations"
    operations.sort(key=lambda operation: operation.method.upper() == "DELETE")
    ids = _real_ids(network)

    for operation in operations:
        for label, strategy in (
            ("positive", operation.as_strategy(generation_mode=GenerationMode.POSITIVE)),
            ("negative", operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)),
            (
                "real ids",
                operation.as_strategy(generation_mode=GenerationMode.POSITIVE).map(
                    lambda case: _with_real_ids(case, ids)
                ),
            ),
        ):

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                derandomize=not EXTRA_EXAMPLES,
                print_blob=False,
            )
            def fuzz(case: schemathesis.Case) -> None:
                case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)

            try:
                fuzz()
            # Every failing operation is reported, not just the first; schemathesis reports
            # several failures of one operation as a group, which is not an Exception.
            except (Exception, BaseExceptionGroup) as exc:
                failures[f"{operation.label} ({label})"] = str(exc)

    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
