"""The daily digest, sent to a real SMTP server on loopback and read back as it arrived."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.fixtures import Settings

from goodwill.network import services
from goodwill.network.models import Contact, Loop
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.digest import DigestError, digest_send
from goodwill.rhythm.models import RhythmSettings
from goodwill.rhythm.tasks import daily_rhythm_run, daily_rhythm_schedule, next_hour
from tests.cli.conftest import invoke
from tests.rhythm.conftest import SmtpServer


@pytest.fixture
def busy_day(owner: User, lori: Contact) -> None:
    services.loop_open(
        contact=lori,
        kind="ask",
        whose="theirs",
        summary="Intro to a product designer",
        opened_at=timezone.now() - timedelta(days=2),
    )
    services.contact_create(
        owner=owner, full_name="Sam Okafor", created_at=timezone.now() - timedelta(days=200)
    )
    rhythm.rhythm_settings_update(
        owner=owner, daily_limit=7, digest_enabled=True, digest_email="alice@example.com"
    )


@pytest.mark.usefixtures("busy_day")
def test_the_digest_arrives_with_each_item_and_its_reason(owner: User, mail_to: SmtpServer) -> None:
    digest_send(owner=owner)

    [message] = mail_to.received()
    assert message["To"] == "alice@example.com"
    assert message["From"] == "Goodwill <goodwill@test.example>"
    assert "2 things for your network" in message["Subject"]
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    text, html = parts["text/plain"], parts["text/html"]
    assert "Lori Chen: Intro to a product designer" in text
    assert "Lori Chen asked 2 days ago and has not heard back from you." in text
    assert "Reach out to Sam Okafor" in text
    assert "No touch logged since you added them 200 days ago" in text
    assert "<strong>Lori Chen</strong>" in html
    assert RhythmSettings.objects.get(owner=owner).digest_last_sent_on == timezone.localdate()


@pytest.mark.usefixtures("busy_day")
def test_the_hourly_task_sends_each_due_digest_once_a_day(owner: User, mail_to: SmtpServer) -> None:
    eight = timezone.localtime().replace(hour=8, minute=0)
    first = daily_rhythm_run(now=eight)
    again = daily_rhythm_run(now=eight + timedelta(minutes=70))

    assert first == {"sent": 1, "failed": 0}
    assert again == {"sent": 0, "failed": 0}
    assert len(mail_to.received()) == 1


@pytest.mark.usefixtures("busy_day")
def test_a_digest_whose_hour_has_not_come_waits(owner: User, mail_to: SmtpServer) -> None:
    settings_row = RhythmSettings.objects.get(owner=owner)
    settings_row.digest_hour = 23
    settings_row.save()
    early = timezone.localtime().replace(hour=6)

    assert daily_rhythm_run(now=early) == {"sent": 0, "failed": 0}
    assert mail_to.received() == []


@pytest.mark.usefixtures("busy_day")
def test_without_an_smtp_host_nothing_is_sent_and_the_reason_is_given(
    owner: User, settings: Settings
) -> None:
    settings.GOODWILL_SMTP_HOST = ""

    with pytest.raises(DigestError, match="set GOODWILL_SMTP_HOST"):
        digest_send(owner=owner)
    assert RhythmSettings.objects.get(owner=owner).digest_last_sent_on is None


@pytest.mark.usefixtures("busy_day")
def test_an_smtp_server_that_is_down_is_named_in_one_line(
    owner: User, settings: Settings, smtp_server: SmtpServer
) -> None:
    settings.GOODWILL_SMTP_HOST = "127.0.0.1"
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "use_tls": False, "timeout": 5},
        }
    }

    with pytest.raises(DigestError, match="refused or could not be reached"):
        digest_send(owner=owner)
    assert RhythmSettings.objects.get(owner=owner).digest_last_sent_on is None


@pytest.mark.usefixtures("busy_day")
def test_goodwill_digest_prints_it_and_send_emails_it(owner: User, mail_to: SmtpServer) -> None:
    printed = invoke("digest", "--user", "alice")
    sent = invoke("digest", "--send", "--user", "alice")

    assert printed.exit_code == 0, printed.output
    assert "Subject: Goodwill for" in printed.output
    assert "Reach out to Sam Okafor" in printed.output
    assert sent.exit_code == 0, sent.output
    assert "to alice@example.com" in sent.output
    assert len(mail_to.received()) == 1


def test_goodwill_digest_send_without_smtp_is_one_line_and_exit_2(
    owner: User, settings: Settings
) -> None:
    settings.GOODWILL_SMTP_HOST = ""

    result = invoke("digest", "--send", "--user", "alice")

    assert result.exit_code == 2
    assert result.output.strip().endswith("nothing was sent")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.django_db(transaction=True)
def test_scheduling_queues_one_run_for_the_next_hour(accounts: object) -> None:
    from django_tasks_db.models import DBTaskResult

    assert daily_rhythm_schedule() is True
    assert daily_rhythm_schedule() is False

    [queued] = DBTaskResult.objects.filter(task_path="goodwill.rhythm.tasks.daily_rhythm")
    assert queued.run_after > timezone.now()
    assert queued.run_after <= next_hour(timezone.now()) + timedelta(minutes=1)
    result = invoke("digest", "--schedule")
    assert "already queued" in result.output


def test_a_loop_closed_today_is_not_in_the_digest(
    owner: User, lori: Contact, mail_to: SmtpServer
) -> None:
    loop = services.loop_open(contact=lori, kind="ask", whose="theirs", summary="Old favour")
    services.loop_close(loop=loop, outcome=Loop.Outcome.DONE)
    rhythm.rhythm_settings_update(
        owner=owner, daily_limit=7, digest_enabled=True, digest_email="alice@example.com"
    )

    digest_send(owner=owner)

    [message] = mail_to.received()
    assert "all clear" in message["Subject"]
