"""`goodwill work add|pass|list` and `goodwill scorecard`: contacts found as `goodwill log`
finds them, bad input refused with one line and status 2, nothing recorded."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from click.testing import Result
from django.contrib.auth.models import User
from django.utils import timezone

from goodwill.network import services
from goodwill.network.models import Contact, Give
from goodwill.work.models import Work
from tests.cli.conftest import invoke


def goodwill(*args: str) -> Result:
    """`goodwill ARGS... --user alice`: the owner's account among the three."""
    return invoke(*args, "--user", "alice")


def test_work_add_records_the_referrer_the_chain_the_client_and_the_value(
    owner: User, lori: Contact
) -> None:
    sam = services.contact_create(
        owner=owner, full_name="Sam Okafor", handles=[("email", "sam@okafor.example")]
    )
    result = goodwill(
        "work", "add", "Brand book", "--from", "lori@northwind.example",
        "--via", "sam@okafor.example", "--client", "Acme Bakery", "--value", "1200",
        "--currency", "eur", "--date", "2026-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Brand book" in result.output
    assert "EUR 1,200.00" in result.output
    assert "from Lori Chen" in result.output
    work = Work.objects.get(owner=owner)
    assert work.referred_by == lori
    assert [step.contact for step in work.introductions.all()] == [sam]
    assert work.client_organization is not None
    assert work.client_organization.name == "Acme Bakery"
    assert (work.value, work.currency, work.came_on) == (
        Decimal("1200.00"),
        "EUR",
        date(2026, 3, 1),
    )
    assert Give.objects.get(owner=owner).contact == lori


def test_work_pass_records_a_referral_given(owner: User, lori: Contact) -> None:
    result = goodwill("work", "pass", "Mural", "--to", "Lori")
    assert result.exit_code == 0, result.output
    assert "passed on to Lori Chen" in result.output
    give = Give.objects.get(owner=owner)
    assert (give.contact, give.direction, give.kind) == (lori, "out", "referral")


def test_an_ambiguous_contact_lists_the_namesakes_and_records_nothing(
    owner: User, lori: Contact
) -> None:
    namesake = services.contact_create(owner=owner, full_name="Lori Chenko")
    result = goodwill("work", "add", "Site", "--from", "Lori")
    assert result.exit_code == 2
    assert "fits 2 contacts" in result.output
    assert f"[#{namesake.pk}]" in result.output
    assert "nothing was recorded" in result.output
    assert not Work.objects.exists()
    # The reference printed picks one.
    result = goodwill("work", "add", "Site", "--from", f"Lori Chenko [#{namesake.pk}]")
    assert result.exit_code == 0, result.output
    assert Work.objects.get().referred_by == namesake


def test_bad_input_gets_one_line_and_status_2(owner: User, lori: Contact) -> None:
    for args, words in (
        (("work", "add", "Site", "--value", "12"), "three-letter code"),
        (("work", "add", "Site", "--value", "lots", "--currency", "EUR"), "not an amount"),
        (("work", "add", "Site", "--date", "soon"), "is not a date"),
        (("work", "add", "Site", "--from", "Nobody Known"), "no contact is called"),
        (("work", "add", "Site", "--from", "Lori", "--via", "Lori"), "referred it"),
        (("work", "pass", "Site", "--to", "Nobody Known"), "no contact is called"),
    ):
        result = goodwill(*args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "Traceback" not in result.output
    assert not Work.objects.exists()
    assert not Give.objects.exists()


def test_work_list_shows_work_and_totals_by_source_and_as_json(owner: User, lori: Contact) -> None:
    assert (
        goodwill(
            "work", "add", "One", "--from", "Lori", "--value", "100", "--currency", "EUR"
        ).exit_code
        == 0
    )
    assert (
        goodwill(
            "work", "add", "Two", "--from", "Lori", "--value", "50", "--currency", "EUR"
        ).exit_code
        == 0
    )
    assert goodwill("work", "add", "Walk-in").exit_code == 0
    assert goodwill("work", "pass", "Three", "--to", "Lori").exit_code == 0
    text = goodwill("work", "list")
    assert text.exit_code == 0, text.output
    assert "Came to you: 3 (EUR 150.00); passed on: 1" in text.output
    assert "Lori Chen: 2  EUR 150.00" in text.output
    assert "(came by itself): 1" in text.output
    data = json.loads(goodwill("work", "list", "--json").output)
    assert [item["title"] for item in data["work"]] == ["Three", "Walk-in", "Two", "One"]
    assert data["by_source"][0] == {
        "contact_id": lori.pk,
        "contact": "Lori Chen",
        "count": 2,
        "totals": {"EUR": "150.00"},
    }
    assert data["totals"]["passed_on"] == 1


def test_work_list_of_another_account_is_empty(owner: User, lori: Contact) -> None:
    assert goodwill("work", "add", "Secret", "--from", "Lori").exit_code == 0
    result = invoke("work", "list", "--user", "mallory")
    assert result.exit_code == 0
    assert "No work recorded yet." in result.output
    other = invoke("work", "add", "X", "--from", "Lori", "--user", "mallory")
    assert other.exit_code == 2
    assert Work.objects.count() == 1


def test_scorecard_overall_and_for_one_contact(owner: User, lori: Contact) -> None:
    opened = timezone.now() - timedelta(days=10)
    loop = services.loop_open(
        contact=lori, kind="ask", whose="theirs", summary="Intro?", opened_at=opened,
        response_window_days=3,
    )  # fmt: skip
    services.loop_acknowledge(loop=loop, at=opened + timedelta(days=2))
    services.loop_open(
        contact=lori, kind="promise", whose="mine", summary="Send deck", opened_at=opened
    )
    overall = goodwill("scorecard")
    assert overall.exit_code == 0, overall.output
    assert "You acknowledged 1 of 1 ask (100%) in a median of 2 days." in overall.output
    assert "Lori Chen" in overall.output
    one = json.loads(goodwill("scorecard", "--contact", "Lori", "--json").output)
    assert one["contact"]["name"] == "Lori Chen"
    assert one["you"]["acknowledged"] == 1
    assert one["you"]["median_days_to_acknowledge"] == 2.0
    assert one["you"]["promises_open"] == 1
    assert one["them"]["asks"] == 0
    everything = json.loads(goodwill("scorecard", "--json").output)
    assert everything["overall"]["you"]["asks"] == 1
    assert [row["contact"]["id"] for row in everything["contacts"]] == [lori.pk]


def test_scorecard_for_an_unknown_contact_fails_with_one_line(owner: User) -> None:
    result = goodwill("scorecard", "--contact", "Nobody")
    assert result.exit_code == 2
    assert "no contact is called or reached at 'Nobody'" in result.output
