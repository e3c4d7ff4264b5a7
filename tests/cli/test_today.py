from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm.agenda import today_agenda
from goodwill.rhythm.models import DEFAULT_DAILY_LIMIT
from tests.cli.conftest import invoke


@pytest.fixture
def drifting_and_silent(owner: User) -> None:
    """Sam was last touched 60 days ago in a monthly circle; Priya never answered an ask."""
    now = timezone.now()
    close = selectors.circles_for_owner(owner=owner).get(name="Close")
    sam = services.contact_create(
        owner=owner, full_name="Sam Okafor", circle=close, created_at=now - timedelta(days=200)
    )
    services.interaction_log(
        owner=owner,
        contacts=[sam],
        kind="call",
        summary="Catch-up call",
        occurred_at=now - timedelta(days=60),
    )
    priya = services.contact_create(owner=owner, full_name="Priya Shah", circle=close)
    services.loop_open(
        contact=priya,
        kind=Loop.Kind.ASK,
        whose=Loop.Whose.MINE,
        summary="An intro to the Lumen Labs CTO",
        opened_at=now - timedelta(days=20),
    )


@pytest.mark.usefixtures("drifting_and_silent")
def test_today_names_the_reason_for_a_drifting_contact_and_a_silent_ask() -> None:
    result = invoke("today", "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "Reach out to Sam Okafor" in result.stdout
    assert (
        "Last touch 60 days ago, past the 45 days at most your Close circle asks for"
        " (every 30 days ideally)." in result.stdout
    )
    assert "Priya Shah: An intro to the Lumen Labs CTO" in result.stdout
    assert "You asked Priya Shah 20 days ago; no reply, 15 days past the window." in result.stdout


@pytest.mark.usefixtures("drifting_and_silent")
def test_today_json_has_the_three_sections_for_scripts() -> None:
    result = invoke("today", "--user", "alice", "--json")

    assert result.exit_code == 0, result.output
    today = json.loads(result.stdout)
    assert [item["contact"] for item in today["drifting"]] == ["Sam Okafor"]
    assert [item["contact"] for item in today["silence"]] == ["Priya Shah"]
    assert today["waiting_on_you"] == []
    assert today["totals"] == {"waiting_on_you": 0, "silence": 1, "follow_up": 0, "drifting": 1}
    assert today["daily_limit"] == DEFAULT_DAILY_LIMIT


@pytest.mark.usefixtures("drifting_and_silent")
def test_today_json_is_the_list_the_today_page_and_the_api_show(owner: User) -> None:
    result = invoke("today", "--user", "alice", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(today_agenda(owner=owner).as_json()))


def test_today_keeps_to_the_daily_number_and_all_shows_the_rest(owner: User) -> None:
    now = timezone.now()
    for number in range(DEFAULT_DAILY_LIMIT + 3):
        services.contact_create(
            owner=owner, full_name=f"Drifter {number}", created_at=now - timedelta(days=400)
        )

    short = json.loads(invoke("today", "--user", "alice", "--json").stdout)
    everything = json.loads(invoke("today", "--user", "alice", "--json", "--all").stdout)
    text = invoke("today", "--user", "alice").stdout

    assert short["totals"]["drifting"] == DEFAULT_DAILY_LIMIT + 3
    assert len(short["drifting"]) == DEFAULT_DAILY_LIMIT
    assert len(everything["drifting"]) == DEFAULT_DAILY_LIMIT + 3
    assert "... and 3 more" in text


@pytest.mark.usefixtures("drifting_and_silent")
def test_today_for_the_stranger_never_shows_alices_contacts(lori: Contact) -> None:
    services.loop_open(contact=lori, kind="ask", whose="theirs", summary="A printer for zines")

    text = invoke("today", "--user", "mallory")
    as_json = invoke("today", "--user", "mallory", "--json")

    assert text.exit_code == 0, text.output
    assert as_json.exit_code == 0, as_json.output
    for name in ("Sam Okafor", "Priya Shah", "Lori Chen"):
        assert name not in text.stdout
        assert name not in as_json.stdout
    assert json.loads(as_json.stdout)["totals"] == {
        "waiting_on_you": 0,
        "silence": 0,
        "follow_up": 0,
        "drifting": 0,
    }


def test_today_with_nothing_due_says_so(owner: User) -> None:
    result = invoke("today", "--user", "alice")

    assert result.exit_code == 0, result.output
    assert "Nothing needs you today." in result.stdout
