"""The daily digest: Today's list by email, sent over SMTP with Django's mail, once a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from goodwill.network.services import Owner
from goodwill.rhythm.agenda import Agenda, today_agenda
from goodwill.rhythm.selectors import rhythm_settings_for
from goodwill.rhythm.services import digest_mark_sent


class DigestError(Exception):
    """Why a digest cannot be sent, in words for a person."""


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str
    agenda: Agenda


def digest_for(*, owner: Owner, now: datetime | None = None) -> Digest:
    """Today's list for the owner as an email: a subject, plain text and HTML."""
    now = now or timezone.now()
    agenda = today_agenda(owner=owner, now=now)
    count = len(agenda.items)
    day = timezone.localtime(now).strftime("%A %-d %B")
    subject = (
        f"Goodwill for {day}: {count} thing{'s' if count != 1 else ''} for your network"
        if count
        else f"Goodwill for {day}: all clear"
    )
    context = {
        "agenda": agenda,
        "day": day,
        "today_url": f"{settings.GOODWILL_BASE_URL}{reverse('today')}",
        "base_url": settings.GOODWILL_BASE_URL,
    }
    return Digest(
        subject=subject,
        text=render_to_string("rhythm/digest.txt", context),
        html=render_to_string("rhythm/digest.html", context),
        agenda=agenda,
    )


def digest_address(owner: Owner) -> str:
    return rhythm_settings_for(owner=owner).digest_email or owner.email


def digest_send(*, owner: Owner, now: datetime | None = None) -> Digest:
    """Send the owner's digest now and remember the day; DigestError says why it cannot go."""
    if not settings.GOODWILL_SMTP_HOST:
        raise DigestError(
            "no SMTP server is set; set GOODWILL_SMTP_HOST (see docs/keep-in-touch.md)"
        )
    address = digest_address(owner)
    if not address:
        raise DigestError(
            f"{owner.username} has no address for the digest; set one on the Rhythm page"
        )
    now = now or timezone.now()
    digest = digest_for(owner=owner, now=now)
    message = EmailMultiAlternatives(
        subject=digest.subject, body=digest.text, from_email=None, to=[address]
    )
    message.attach_alternative(digest.html, "text/html")
    try:
        message.send()
    except OSError as exc:  # smtplib's errors are OSErrors too
        raise DigestError(
            f"the SMTP server {settings.GOODWILL_SMTP_HOST} refused or could not be reached: {exc}"
        ) from exc
    digest_mark_sent(owner=owner, on=timezone.localdate(now))
    return digest


def digests_due(*, now: datetime | None = None) -> list[Owner]:
    """Owners whose digest is switched on, whose hour has come today, and who had none today."""
    from goodwill.rhythm.models import RhythmSettings

    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    due = []
    for settings_row in RhythmSettings.objects.filter(
        digest_enabled=True, digest_hour__lte=local.hour
    ).select_related("owner"):
        if settings_row.digest_last_sent_on != today:
            due.append(settings_row.owner)
    return due
