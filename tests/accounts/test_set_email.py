"""`goodwill adduser --email` and `goodwill set-email`: the address password-reset links go to."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import invoke
from tests.conftest import Accounts

GOOD_PASSWORD = "plum orchard at dawn"


@pytest.mark.django_db
def test_adduser_keeps_the_address_given() -> None:
    result = invoke(
        "adduser", "zoe", "--email", "Zoe@Example.COM", env={"GOODWILL_PASSWORD": GOOD_PASSWORD}
    )

    assert result.exit_code == 0, result.output
    assert User.objects.get(username="zoe").email == "Zoe@example.com"


@pytest.mark.django_db
def test_adduser_refuses_a_bad_address_in_one_line_and_creates_nothing() -> None:
    result = invoke(
        "adduser", "zoe", "--email", "not an address", env={"GOODWILL_PASSWORD": GOOD_PASSWORD}
    )

    assert result.exit_code == 2
    assert "'not an address' is not an email address" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not User.objects.filter(username="zoe").exists()


def test_set_email_sets_and_removes_the_address(accounts: Accounts) -> None:
    result = invoke("set-email", "alice@example.com", "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "alice@example.com" in result.output
    assert User.objects.get(username="alice").email == "alice@example.com"

    removed = invoke("set-email", "", "--user", "alice")
    assert removed.exit_code == 0, removed.output
    assert User.objects.get(username="alice").email == ""


def test_set_email_refuses_a_bad_address_and_keeps_the_old_one(accounts: Accounts) -> None:
    invoke("set-email", "alice@example.com", "--user", "alice")

    result = invoke("set-email", "alice at example", "--user", "alice")

    assert result.exit_code == 2
    assert "is not an email address" in result.output
    assert User.objects.get(username="alice").email == "alice@example.com"
