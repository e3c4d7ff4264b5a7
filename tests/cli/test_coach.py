from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from goodwill.network.models import Contact, Direction
from goodwill.network.services import give_record
from tests.cli.conftest import invoke

COLD_PITCH = (
    "Hello,\n\nI am the founder of BrightPixel. We offer our services to small businesses and "
    "our rates are competitive. I have ten years of experience and my portfolio is strong.\n\n"
    "Could we book a call next week?\n"
)
ASK = "Hi Lori, I saw your post on pricing. Could you introduce me to your editor?\n"


def test_coach_reads_a_file_and_quotes_what_it_means(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(COLD_PITCH)

    result = invoke("coach", str(draft))

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Verdict: rewrite before sending.")
    assert "pitch_first: It sells before it gives" in result.output
    assert '  "We offer"' in result.output
    assert "  Edit: Lead with something useful to them" in result.output


def test_coach_reads_standard_input() -> None:
    result = invoke("coach", "-", input="Hi Priya, your talk was great. Happy to help anytime?\n")

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Verdict: ")


def test_a_good_draft_is_ready_to_send() -> None:
    text = "Hi Sam, congratulations on your new studio! I can introduce you to Tom, a printer.\n"
    result = invoke("coach", "-", input=text)

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Verdict: ready to send.")


def test_a_missing_draft_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"

    result = invoke("coach", str(missing))

    assert result.exit_code == 2
    assert result.output == f"goodwill: {missing}: no such file\n"


@pytest.mark.django_db
def test_an_ask_to_a_contact_never_given_anything_is_flagged(owner: User, lori: Contact) -> None:
    result = invoke("coach", "-", "--to", lori.full_name, "--user", "alice", input=ASK)

    assert result.exit_code == 0, result.output
    assert "ask_before_give:" in result.output
    assert '  "Could you introduce me to your editor?"' in result.output


@pytest.mark.django_db
def test_an_ask_to_a_contact_given_to_before_is_not_flagged(owner: User, lori: Contact) -> None:
    give_record(contact=lori, kind="advice", direction=Direction.FROM_ME, summary="Pricing advice")

    result = invoke("coach", "-", "--to", lori.full_name, "--user", "alice", input=ASK)

    assert result.exit_code == 0, result.output
    assert "ask_before_give" not in result.output


@pytest.mark.django_db
def test_an_unknown_contact_is_one_line(owner: User, lori: Contact) -> None:
    result = invoke("coach", "-", "--to", "Nobody Atall", "--user", "alice", input=ASK)

    assert result.exit_code == 2
    assert result.output == "goodwill: no contact matches 'Nobody Atall'\n"
