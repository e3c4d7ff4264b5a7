"""Keeping in touch from the terminal: `goodwill log`, `goodwill digest`, `goodwill circles`."""

from __future__ import annotations

from datetime import datetime, time

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, day_option, fail, require_database, user_option

INTERACTION_KINDS = ("email", "message", "call", "meeting", "event", "social", "note")
DIRECTIONS = {"out": "out", "in": "in", "both": "both"}


@main.command("log")
@click.argument("contact")
@click.argument("kind", type=click.Choice(INTERACTION_KINDS, case_sensitive=False))
@click.argument("note", required=False, default="")
@click.option(
    "--direction",
    type=click.Choice(tuple(DIRECTIONS)),
    default="both",
    show_default=True,
    help="out: from you; in: to you; both: a conversation.",
)
@click.option("--date", "day", metavar="DATE", help="YYYY-MM-DD, today or yesterday; default now.")
@user_option
def log_command(
    contact: str, kind: str, note: str, direction: str, day: str | None, username: str | None
) -> None:
    """Log an interaction with a contact; their clock resets.

    CONTACT is a name (or part of one) or any handle: an email address, a phone number, a
    LinkedIn or website URL. A name that fits several contacts lists them and logs nothing.
    KIND is one of email, message, call, meeting, event, social, note. NOTE says what happened
    (default: the kind).

    Example: goodwill log "Lori Chen" call "Talked about the new studio"
    """
    require_database()

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from goodwill.cli.contact_argument import contact_from_argument
    from goodwill.insight.keep_in_touch import effective_cadence
    from goodwill.network import services

    owner = account_for(username)
    person = contact_from_argument(owner, contact, nothing_done="nothing was logged")
    occurred_at: datetime | None = None
    if day is not None:
        chosen = day_option(day)
        if chosen != timezone.localdate():
            occurred_at = timezone.make_aware(datetime.combine(chosen, time(12, 0)))
    try:
        services.interaction_log(
            owner=owner,
            contacts=[person],
            kind=kind.lower(),
            direction=DIRECTIONS[direction],
            summary=note.strip() or kind.capitalize(),
            occurred_at=occurred_at,
        )
    except ValidationError as exc:
        fail(f"{' '.join(exc.messages)} Nothing was logged")
    person.refresh_from_db()
    cadence = effective_cadence(
        circle_ideal=person.circle.cadence_days,
        circle_max=person.circle.max_cadence_days,
        own_ideal=person.cadence_days,
        own_max=person.max_cadence_days,
    )
    due = (
        f"next touch due {timezone.localtime(person.touch_due_at):%-d %b %Y}"
        if cadence.reminds and person.touch_due_at
        else f"{person.circle.name} never reminds"
    )
    click.echo(f"Logged a {kind.lower()} with {person.full_name}; {due}.")


@main.command("digest")
@click.option("--send", is_flag=True, help="Email it now over SMTP instead of printing it.")
@click.option(
    "--schedule",
    is_flag=True,
    help="Queue the hourly task that sends every digest due; the worker runs it.",
)
@user_option
def digest_command(send: bool, schedule: bool, username: str | None) -> None:
    """Print or send the daily digest: Today's list by email.

    Without options, prints the digest for the account. --send emails it to the account's
    digest address (set on the Rhythm page) through GOODWILL_SMTP_HOST. --schedule queues the
    task that, every hour, sends the digests whose hour has come and queues itself again; a
    worker (`goodwill serve` or `goodwill worker`) must be running for it to go out.
    """
    require_database()

    if schedule:
        from goodwill.rhythm.tasks import daily_rhythm_schedule

        queued = daily_rhythm_schedule()
        click.echo(
            "Queued the hourly digest task; a running worker sends digests as they fall due."
            if queued
            else "The hourly digest task is already queued."
        )
        return

    from goodwill.rhythm.digest import DigestError, digest_address, digest_for, digest_send

    owner = account_for(username)
    if not send:
        digest = digest_for(owner=owner)
        click.echo(f"Subject: {digest.subject}\n\n{digest.text.strip()}")
        return
    try:
        digest = digest_send(owner=owner)
    except DigestError as exc:
        fail(f"{exc}; nothing was sent")
    click.echo(f"Sent “{digest.subject}” to {digest_address(owner)}.")


@main.command("circles")
@click.option("--accept", is_flag=True, help="Move every contact listed to the suggested circle.")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1), metavar="N", help="List N."
)
@user_option
def circles_command(accept: bool, limit: int, username: str | None) -> None:
    """Suggest circles for imported contacts, from their history.

    For each contact an import brought whose circle nobody chose: the circle that how often, how
    recently, which way and how much was given point to, with the reason. --accept moves them
    all; to go one by one, use the Suggested circles page.
    """
    require_database()

    from django.db import transaction

    from goodwill.network.rhythm_services import contact_accept_circle
    from goodwill.rhythm.suggestions import circle_suggestions

    owner = account_for(username)
    suggestions = circle_suggestions(owner=owner)
    if not suggestions:
        click.echo("No suggestions: every imported contact is where their history puts them.")
        return
    for suggestion in suggestions[:limit]:
        click.echo(
            f"{suggestion.contact.full_name}: {suggestion.contact.circle.name} -> "
            f"{suggestion.circle.name}\n    {suggestion.reason}"
        )
    if len(suggestions) > limit:
        click.echo(f"... and {len(suggestions) - limit} more")
    if accept:
        with transaction.atomic():
            for suggestion in suggestions:
                contact_accept_circle(contact=suggestion.contact, circle=suggestion.circle)
        click.echo(f"Moved {len(suggestions)} contact{'s' if len(suggestions) != 1 else ''}.")
