"""Which account a command acts for: the one named, or the only one there is."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from goodwill.network import services
from tests.cli.conftest import invoke
from tests.conftest import PASSWORD, Accounts


@pytest.mark.django_db
def test_the_only_account_is_used_without_user() -> None:
    solo = services.user_create(username="solo", password=PASSWORD)
    ada = services.contact_create(owner=solo, full_name="Ada Brennan")
    services.loop_open(contact=ada, kind="ask", whose="theirs", summary="Intro to a printer")

    result = invoke("today", "--json")

    assert result.exit_code == 0, result.output
    waiting = json.loads(result.stdout)["waiting_on_you"]
    assert [item["contact"] for item in waiting] == ["Ada Brennan"]


@pytest.mark.django_db
def test_several_accounts_and_no_user_is_one_line_listing_them(accounts: Accounts) -> None:
    result = invoke("today")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "goodwill: several accounts exist (alice, bob, mallory); choose one with --user NAME\n"
    )


@pytest.mark.django_db
def test_an_unknown_user_is_one_line(accounts: Accounts) -> None:
    result = invoke("today", "--user", "zed")

    assert result.exit_code == 2
    assert result.stderr.startswith("goodwill: there is no account named 'zed'")
    assert result.stderr.count("\n") == 1


@pytest.mark.django_db
def test_no_account_at_all_says_how_to_make_one() -> None:
    assert not User.objects.exists()

    result = invoke("today")

    assert result.exit_code == 2
    assert "goodwill adduser NAME" in result.stderr
