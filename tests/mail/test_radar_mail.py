"""The reply radar from real mail: loops opened, acknowledged and closed from what the mail
shows, Today and the contact page showing it, dismissals that outlive every sync, and nothing
of it visible to another account."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.insight.today import TodayItem
from goodwill.mail import services
from goodwill.mail.ingest import mailbox_import
from goodwill.mail.models import RadarItem
from goodwill.network.models import Contact, Loop
from goodwill.rhythm.agenda import today_agenda
from tests.cli.conftest import invoke
from tests.mail.conftest import LORI, ME, Maildir, days_ago, message, needs_ask_model

pytestmark = needs_ask_model

ASK = "Could you introduce me to someone at the design studio?"
ANSWER = "Maria runs the studio now, and she expects your mail."
OFFER = "Let me know if there is anything I can do for you."


def _theirs(maildir: Maildir, body: str, *, day: float, key: str, parent: str = "") -> None:
    maildir.inbox(
        message(
            sender=f"Lori Chen <{LORI}>", to=ME, subject="Studio", body=body,
            date=days_ago(day), message_id=key, in_reply_to=parent,
        )
    )  # fmt: skip


def _mine(maildir: Maildir, body: str, *, day: float, key: str, parent: str = "") -> None:
    maildir.sent(
        message(
            sender=ME, to=f"Lori Chen <{LORI}>", subject="Re: Studio", body=body,
            date=days_ago(day), message_id=key, in_reply_to=parent,
        )
    )  # fmt: skip


def _import(owner: User, maildir: Maildir) -> None:
    mailbox_import(owner=owner, path=maildir.root, me=(ME,))


def _loops(owner: User) -> list[tuple[str, str, str, str]]:
    return [
        (loop.whose, loop.kind, loop.status, loop.outcome)
        for loop in Loop.objects.filter(owner=owner).order_by("opened_at")
    ]


def _today(owner: User, key: str, now: datetime | None = None) -> list[TodayItem]:
    # The agenda the Today page reads, every item shown (no daily number).
    return today_agenda(owner=owner, now=now, show_all=True).section(key).items


def _waiting_titles(owner: User) -> list[str]:
    return [item.title for item in _today(owner, "waiting")]


@pytest.mark.usefixtures("lori_contact")
def test_their_ask_that_you_answered_is_not_waiting_on_you(owner: User, maildir: Maildir) -> None:
    _theirs(maildir, ASK, day=3, key="a@x")
    _mine(maildir, ANSWER, day=2, key="b@x", parent="a@x")

    _import(owner, maildir)

    assert _waiting_titles(owner) == []
    assert RadarItem.objects.get(owner=owner).state == "answered"


@pytest.mark.usefixtures("lori_contact")
def test_their_ask_answered_in_a_later_sync_closes_its_loop(owner: User, maildir: Maildir) -> None:
    _theirs(maildir, ASK, day=3, key="a@x")
    _import(owner, maildir)
    _mine(maildir, ANSWER, day=1, key="b@x", parent="a@x")

    _import(owner, maildir)

    assert _loops(owner) == [("theirs", "ask", "closed", "done")]


@pytest.mark.usefixtures("lori_contact")
def test_their_ask_you_acknowledged_is_acknowledged_not_waiting(
    owner: User, maildir: Maildir
) -> None:
    _theirs(maildir, ASK, day=3, key="a@x")
    _mine(maildir, "I'll keep you in mind.", day=2, key="b@x", parent="a@x")

    _import(owner, maildir)

    assert _loops(owner) == [("theirs", "ask", "acknowledged", "")]
    assert _waiting_titles(owner) == []


@pytest.mark.usefixtures("lori_contact")
def test_their_ask_you_ignored_is_waiting_on_you_with_its_age(
    owner: User, maildir: Maildir
) -> None:
    _theirs(maildir, ASK, day=4, key="a@x")

    _import(owner, maildir)

    [item] = _today(owner, "waiting")
    assert item.title == ASK
    assert "Lori Chen asked 4 days ago" in item.reason


@pytest.mark.usefixtures("lori_contact")
def test_your_ignored_ask_is_silence_once_the_circle_window_has_passed(
    owner: User, maildir: Maildir
) -> None:
    # Lori is in the Network circle, whose reply window is 7 days.
    _mine(maildir, ASK, day=3, key="a@x")
    _import(owner, maildir)

    assert _today(owner, "silence") == []
    later = timezone.now() + timedelta(days=5)
    [item] = _today(owner, "silence", now=later)
    assert item.title == ASK


@pytest.mark.usefixtures("lori_contact")
def test_their_offer_you_took_up_and_that_was_ignored_is_silence(
    owner: User, maildir: Maildir
) -> None:
    _theirs(maildir, OFFER, day=20, key="a@x")
    _mine(maildir, ASK, day=12, key="b@x", parent="a@x")

    _import(owner, maildir)

    offer = RadarItem.objects.get(owner=owner, kind="offer")
    assert (offer.whose, offer.state) == ("theirs", "taken_up")
    [item] = _today(owner, "silence")
    assert item.title == ASK


@pytest.mark.usefixtures("lori_contact")
def test_their_offer_you_took_up_and_they_kept_closes_your_ask(
    owner: User, maildir: Maildir
) -> None:
    _theirs(maildir, OFFER, day=20, key="a@x")
    _mine(maildir, ASK, day=12, key="b@x", parent="a@x")
    _import(owner, maildir)
    _theirs(maildir, "Done: Maria expects your mail.", day=2, key="c@x", parent="b@x")

    _import(owner, maildir)

    assert RadarItem.objects.get(owner=owner, kind="offer").state == "kept"
    assert _loops(owner) == [("mine", "ask", "closed", "done")]
    assert _today(owner, "silence", now=timezone.now()) == []


@pytest.mark.usefixtures("lori_contact")
def test_a_dismissal_survives_every_later_sync(owner: User, maildir: Maildir) -> None:
    _theirs(maildir, ASK, day=5, key="a@x")
    _import(owner, maildir)
    services.radar_item_dismiss(item=RadarItem.objects.get(owner=owner))
    _theirs(maildir, "Thanks again for the workshop notes.", day=1, key="b@x", parent="a@x")

    _import(owner, maildir)

    assert _loops(owner) == [("theirs", "ask", "closed", "dropped")]
    assert _waiting_titles(owner) == []


@pytest.mark.usefixtures("lori_contact")
def test_an_old_ask_seen_for_the_first_time_opens_no_loop(owner: User, maildir: Maildir) -> None:
    _theirs(maildir, ASK, day=400, key="a@x")

    _import(owner, maildir)

    assert _loops(owner) == []


def test_a_stranger_asking_shows_on_todays_radar_with_its_message(
    owner: User, owner_client: Client, maildir: Maildir
) -> None:
    _theirs(maildir, ASK, day=2, key="a@x")

    _import(owner, maildir)

    html = owner_client.get(reverse("today")).content.decode()
    assert "Reply radar" in html
    assert ASK in html
    item = RadarItem.objects.get(owner=owner)
    assert reverse("mail_message", args=[item.message_id]) in html


def test_todays_loop_from_mail_links_to_its_message_and_can_be_dismissed(
    owner: User, owner_client: Client, lori_contact: Contact, maildir: Maildir
) -> None:
    _theirs(maildir, ASK, day=2, key="a@x")
    _import(owner, maildir)
    loop = Loop.objects.get(owner=owner)

    html = owner_client.get(reverse("today")).content.decode()
    page = owner_client.get(reverse("mail_loop_message", args=[loop.pk]), follow=True)
    dismissed = owner_client.post(reverse("mail_loop_dismiss", args=[loop.pk]))

    assert reverse("mail_loop_message", args=[loop.pk]) in html
    assert ASK in page.content.decode()
    assert dismissed.status_code == 302
    loop.refresh_from_db()
    assert (loop.status, loop.outcome) == ("closed", "dropped")


def test_the_contact_page_shows_offers_and_the_threads_link_to_their_mail(
    owner: User, owner_client: Client, lori_contact: Contact, maildir: Maildir
) -> None:
    _theirs(maildir, OFFER, day=2, key="a@x")
    _import(owner, maildir)

    html = owner_client.get(reverse("contact_detail", args=[lori_contact.pk])).content.decode()

    assert "Offers in mail" in html
    assert OFFER in html
    assert "Open the conversation" in html


def test_a_stranger_sees_none_of_the_owners_mail_on_any_page_or_command(
    owner: User, stranger_client: Client, lori_contact: Contact, maildir: Maildir
) -> None:
    _theirs(maildir, ASK, day=2, key="a@x")
    _theirs(maildir, OFFER, day=2, key="c@x")
    _import(owner, maildir)

    pages = [
        stranger_client.get(reverse(name)).content.decode() for name in ("today", "mail_overview")
    ]
    synced = invoke("sync", "imap", "--user", "mallory")

    for html in pages:
        assert "Lori" not in html
        assert ASK not in html
        assert OFFER not in html
    assert synced.exit_code == 2
    assert "no IMAP account yet" in synced.output
