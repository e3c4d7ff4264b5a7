from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from goodwill.network.models import Circle
from tests.cli.conftest import invoke
from tests.conftest import Accounts

GOOD_PASSWORD = "plum orchard at dawn"


@pytest.mark.django_db
def test_adduser_creates_an_account_that_can_sign_in_with_the_prompted_password() -> None:
    result = invoke("adduser", "zoe", input=f"{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n")

    assert result.exit_code == 0, result.output
    assert GOOD_PASSWORD not in result.output
    assert Client().login(username="zoe", password=GOOD_PASSWORD)
    zoe = User.objects.get(username="zoe")
    assert list(Circle.objects.filter(owner=zoe).values_list("name", flat=True)) == [
        "Inner",
        "Close",
        "Network",
        "Dormant",
    ]


@pytest.mark.django_db
def test_adduser_takes_the_password_from_goodwill_password_without_asking() -> None:
    result = invoke("adduser", "zoe", env={"GOODWILL_PASSWORD": GOOD_PASSWORD})

    assert result.exit_code == 0, result.output
    assert "Password" not in result.output
    assert Client().login(username="zoe", password=GOOD_PASSWORD)


@pytest.mark.django_db
def test_adduser_refuses_a_name_already_taken_in_one_line(accounts: Accounts) -> None:
    result = invoke("adduser", "alice", env={"GOODWILL_PASSWORD": GOOD_PASSWORD})

    assert result.exit_code == 2
    assert result.stderr == "goodwill: the account 'alice' already exists\n"
    assert not Client().login(username="alice", password=GOOD_PASSWORD)


@pytest.mark.django_db
def test_adduser_refuses_a_password_the_validators_reject_in_one_line() -> None:
    result = invoke("adduser", "zoe", env={"GOODWILL_PASSWORD": "12345"})

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "too short" in result.stderr
    assert not User.objects.filter(username="zoe").exists()
