"""Password reset by email, end to end: the mail goes through a real SMTP server on loopback,
its link is followed, a new password is set and signs in; unknown addresses learn nothing, and a
used or expired link is refused."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from goodwill.accounts.services import account_email_set, reset_request_allowed
from tests.conftest import PASSWORD, Accounts
from tests.rhythm.conftest import SmtpServer

NEW_PASSWORD = "lantern over the quiet harbour"


@pytest.fixture
def alice(accounts: Accounts) -> User:
    return account_email_set(user=accounts.owner, email="alice@example.com")


def _link_in(mail_to: SmtpServer, settings: Settings) -> str:
    [message] = mail_to.received()
    body = message.get_payload(decode=True).decode()
    match = re.search(re.escape(settings.GOODWILL_BASE_URL) + r"(/password/reset/\S+/)", body)
    assert match, body
    return match.group(1)


def _ask_for_a_link(client: Client, address: str) -> str:
    response = client.post(reverse("password_reset"), {"email": address}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_sign_in_page_offers_a_reset(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()

    assert f'href="{reverse("password_reset")}"' in html
    assert "Forgot your password?" in html


def test_a_reset_link_arrives_by_mail_and_sets_a_password_that_signs_in(
    client: Client, alice: User, mail_to: SmtpServer, settings: Settings
) -> None:
    page = _ask_for_a_link(client, "ALICE@example.com")
    assert "Check your mail" in page

    [message] = mail_to.received()
    assert message["To"] == "alice@example.com"
    assert message["Subject"] == "Goodwill: choose a new password"
    assert "Hello alice," in message.get_payload(decode=True).decode()
    link = _link_in(mail_to, settings)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Password changed" in done.content.decode()

    assert not Client().login(username="alice", password=PASSWORD)
    signed_in = Client().post(
        reverse("login"), {"username": "alice", "password": NEW_PASSWORD}, follow=True
    )
    assert signed_in.redirect_chain[-1][0] == reverse("today")


def test_setting_a_new_password_signs_the_account_out_elsewhere(
    client: Client, alice: User, mail_to: SmtpServer, settings: Settings
) -> None:
    elsewhere = Client()
    elsewhere.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert elsewhere.get(reverse("today")).status_code == 200
    _ask_for_a_link(client, "alice@example.com")
    form = client.get(_link_in(mail_to, settings), follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert elsewhere.get(reverse("today")).status_code == 302


def test_a_used_link_is_refused_the_second_time(
    client: Client, alice: User, mail_to: SmtpServer, settings: Settings
) -> None:
    _ask_for_a_link(client, "alice@example.com")
    link = _link_in(mail_to, settings)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    again = Client().get(link, follow=True)
    html = again.content.decode()
    assert "This link no longer works" in html
    assert "new_password1" not in html
    attempt = Client().post(link, {"new_password1": "x" * 20, "new_password2": "x" * 20})
    assert "This link no longer works" in attempt.content.decode()
    assert Client().login(username="alice", password=NEW_PASSWORD)


def test_an_expired_link_is_refused_and_the_password_stays(
    client: Client,
    alice: User,
    mail_to: SmtpServer,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ask_for_a_link(client, "alice@example.com")
    link = _link_in(mail_to, settings)
    # The clock the tokens are checked against, a day and a minute later.
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = client.get(link, follow=True)

    assert "This link no longer works" in response.content.decode()
    assert Client().login(username="alice", password=PASSWORD)


def test_another_accounts_id_with_a_made_up_token_changes_nothing(
    client: Client, alice: User, mail_to: SmtpServer, settings: Settings
) -> None:
    _ask_for_a_link(client, "alice@example.com")
    link = _link_in(mail_to, settings)
    uid = link.split("/")[3]
    forged = reverse(
        "password_reset_confirm", args=[uid, "cxyz12-0123456789abcdef0123456789abcdef"]
    )

    response = client.post(forged, {"new_password1": "x" * 20, "new_password2": "x" * 20})

    assert "This link no longer works" in response.content.decode()
    assert Client().login(username="alice", password=PASSWORD)


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    client: Client, alice: User, mail_to: SmtpServer
) -> None:
    known = _ask_for_a_link(client, "alice@example.com")
    unknown = _ask_for_a_link(client, "nobody@example.com")

    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"')
    assert strip.sub("", unknown) == strip.sub("", known)
    assert [message["To"] for message in mail_to.received()] == ["alice@example.com"]


def test_with_no_mail_server_the_page_says_to_ask_the_admin(client: Client, alice: User) -> None:
    html = client.get(reverse("password_reset")).content.decode()

    assert "no mail server set" in html
    assert "goodwill manage changepassword" in html
    assert 'name="email"' not in html


def test_asking_again_and_again_sends_three_mails_an_hour_to_one_address(
    client: Client, alice: User, mail_to: SmtpServer
) -> None:
    pages = [_ask_for_a_link(client, "alice@example.com") for _ in range(5)]

    assert len(mail_to.received()) == 3
    assert all("Check your mail" in page for page in pages)


def test_one_client_asking_for_many_addresses_is_stopped_after_ten(
    client: Client, alice: User, mail_to: SmtpServer
) -> None:
    for number in range(10):
        _ask_for_a_link(client, f"nobody{number}@example.com")

    _ask_for_a_link(client, "alice@example.com")

    assert mail_to.received() == []
    other_client = Client(REMOTE_ADDR="192.0.2.7")
    _ask_for_a_link(other_client, "alice@example.com")
    assert len(mail_to.received()) == 1


def test_the_reset_limit_lifts_after_an_hour(accounts: Accounts) -> None:
    start = timezone.now()
    asks = [
        reset_request_allowed(email="a@example.com", ip_address="198.51.100.1", now=start)
        for _ in range(4)
    ]
    later = reset_request_allowed(
        email="a@example.com", ip_address="198.51.100.1", now=start + timedelta(minutes=61)
    )

    assert asks == [True, True, True, False]
    assert later is True
