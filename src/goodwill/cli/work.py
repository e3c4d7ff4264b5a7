"""Where work comes from, in the terminal: `goodwill work add|pass|list`, `goodwill scorecard`."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, day_option, fail, require_database, user_option
from goodwill.insight.scorecard import Scorecard, Side
from goodwill.insight.scorecard import as_json as side_json

if TYPE_CHECKING:
    from decimal import Decimal

    from django.contrib.auth.models import User
    from django.db.models import Model

    from goodwill.work.models import Work
    from goodwill.work.selectors import WorkSource, WorkTotals
    from goodwill.work.services import WorkFields

NOTHING = "nothing was recorded"


def _day(value: str | None, option: str = "--date") -> date | None:
    return None if value is None else day_option(value, option)


def _record(owner: User, fields: WorkFields) -> Work:
    from django.core.exceptions import ValidationError

    from goodwill.work import services

    try:
        return services.work_record(owner=owner, fields=fields)
    except ValidationError as exc:
        fail(f"{' '.join(exc.messages)} Nothing was recorded")


def _money(values: dict[str, Decimal]) -> str:
    return ", ".join(f"{currency} {amount:,.2f}" for currency, amount in values.items())


def _work_line(work: Work) -> str:
    from goodwill.work.selectors import work_chain

    parts = [f"{work.came_on:%Y-%m-%d}  {work.title}"]
    if work.value is not None:
        parts.append(f"{work.currency} {work.value:,.2f}")
    if work.direction == "out":
        parts.append(f"passed on to {work.passed_to.full_name if work.passed_to else '(deleted)'}")
    elif work.referred_by is not None:
        parts.append(f"from {work.referred_by.full_name}")
    else:
        parts.append("came by itself")
    chain = work_chain(work)
    if chain:
        parts.append("via " + " -> ".join(contact.full_name for contact in chain))
    client = work.client_contact or work.client_organization
    if client is not None:
        parts.append(f"client {client}")
    return " · ".join(parts)


@main.group("work")
def work_group() -> None:
    """Record where work comes from, and the work you pass on.

    Contacts are named as for `goodwill log`: a name (or part of one), any handle, or
    "Name [#id]" as the list of namesakes prints it.
    """


def _value_options(command: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        [
            click.option("--client", metavar="NAME", default="", help=CLIENT_HELP),
            click.option("--value", metavar="AMOUNT", default="", help="What it is worth."),
            click.option("--currency", metavar="CODE", default="", help="EUR, USD, ..."),
            click.option("--date", "day", metavar="DATE", help=DATE_HELP),
            click.option("--note", default="", help="Anything to remember about it."),
            user_option,
        ]
    ):
        command = option(command)
    return command


CLIENT_HELP = "A contact's exact name or email, else an organization."
DATE_HELP = "YYYY-MM-DD, today or yesterday; default today."


@work_group.command("add")
@click.argument("title")
@click.option("--from", "source", metavar="CONTACT", help="Who referred it to you.")
@click.option(
    "--via",
    metavar="CONTACT",
    multiple=True,
    help="Who introduced whom on the way, first one first; repeat for each.",
)
@click.option("--no-give", is_flag=True, help="Do not count it as a referral the contact gave you.")
@_value_options
def work_add(
    title: str,
    source: str | None,
    via: tuple[str, ...],
    no_give: bool,
    client: str,
    value: str,
    currency: str,
    day: str | None,
    note: str,
    username: str | None,
) -> None:
    """Record work that came to you, and through whom.

    TITLE is the project or the job. --from names the contact who referred it (leave it out
    for work that found you by itself); it also counts as a referral they gave you, unless
    --no-give. --via names the introductions before it reached them, in order.

    \b
    Example:
      goodwill work add "Brand book" --from "Lori Chen" --via "Sam Okafor" \\
        --client Northwind --value 1200 --currency EUR
    """
    require_database()

    from goodwill.cli.contact_argument import contact_from_argument
    from goodwill.work.services import WorkFields

    owner = account_for(username)
    came_on = _day(day)
    referred_by = contact_from_argument(owner, source, nothing_done=NOTHING) if source else None
    chain = [contact_from_argument(owner, text, nothing_done=NOTHING) for text in via]
    work = _record(
        owner,
        WorkFields(
            title=title,
            referred_by=referred_by,
            via=chain,
            client_name=client,
            value=value,
            currency=currency,
            came_on=came_on,
            notes=note,
            record_give=not no_give,
        ),
    )
    click.echo(f"Recorded: {_work_line(work)}")


@work_group.command("pass")
@click.argument("title")
@click.option("--to", "recipient", metavar="CONTACT", required=True, help="Who got the work.")
@_value_options
def work_pass(
    title: str,
    recipient: str,
    client: str,
    value: str,
    currency: str,
    day: str | None,
    note: str,
    username: str | None,
) -> None:
    """Record work you passed on to a contact.

    It counts as a referral you gave them.

    Example: goodwill work pass "Logo for a bakery" --to "Sam Okafor"
    """
    require_database()

    from goodwill.cli.contact_argument import contact_from_argument
    from goodwill.work.models import Work
    from goodwill.work.services import WorkFields

    owner = account_for(username)
    came_on = _day(day)
    passed_to = contact_from_argument(owner, recipient, nothing_done=NOTHING)
    work = _record(
        owner,
        WorkFields(
            title=title,
            direction=Work.Direction.PASSED_ON,
            passed_to=passed_to,
            client_name=client,
            value=value,
            currency=currency,
            came_on=came_on,
            notes=note,
        ),
    )
    click.echo(f"Recorded: {_work_line(work)}")


@work_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")
@click.option("--since", metavar="DATE", help="Only work from this day on (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only work up to this day (YYYY-MM-DD).")
@user_option
def work_list(as_json: bool, since: str | None, until: str | None, username: str | None) -> None:
    """List your work and where it came from.

    Newest first, then the totals, and the work by the contact it came through. --since and
    --until keep the work of those days (both included); --json prints it all for scripts.
    """
    require_database()

    from goodwill.work import selectors

    owner = account_for(username)
    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and first > last:
        fail(f"--since {since} is after --until {until}; nothing to list")
    work = list(selectors.work_in_period(owner=owner, since=first, until=last))
    sources = selectors.work_by_source(owner=owner, since=first, until=last)
    totals = selectors.work_totals(owner=owner, since=first, until=last)
    if as_json:
        click.echo(json.dumps(_work_json(work, sources, totals), indent=2))
        return
    if not work:
        click.echo("No work recorded yet.")
        return
    for item in work:
        click.echo(_work_line(item))
    click.echo("")
    line = f"Came to you: {totals.came_to_me}"
    if totals.came_to_me_value:
        line += f" ({_money(totals.came_to_me_value)})"
    line += f"; passed on: {totals.passed_on}"
    if totals.passed_on_value:
        line += f" ({_money(totals.passed_on_value)})"
    click.echo(line)
    if sources:
        click.echo(click.style("By the relationship it came through", bold=True))
        for source in sources:
            name = source.contact_name if source.contact_id else "(came by itself)"
            money = f"  {_money(source.totals)}" if source.totals else ""
            click.echo(f"  {name}: {source.count}{money}")


def _work_json(
    work: list[Work], sources: list[WorkSource], totals: WorkTotals
) -> dict[str, object]:
    from goodwill.work.selectors import work_chain

    def contact(row: Model | None) -> dict[str, object] | None:
        return None if row is None else {"id": row.pk, "name": str(row)}

    def money(values: dict[str, Decimal]) -> dict[str, str]:
        return {currency: str(amount) for currency, amount in values.items()}

    return {
        "work": [
            {
                "id": item.pk,
                "title": item.title,
                "direction": item.direction,
                "came_on": item.came_on.isoformat(),
                "referred_by": contact(item.referred_by),
                "passed_to": contact(item.passed_to),
                "via": [contact(step) for step in work_chain(item)],
                "client_contact": contact(item.client_contact),
                "client_organization": str(item.client_organization or "") or None,
                "value": None if item.value is None else str(item.value),
                "currency": item.currency or None,
                "notes": item.notes,
            }
            for item in work
        ],
        "by_source": [
            {
                "contact_id": source.contact_id,
                "contact": source.contact_name or None,
                "count": source.count,
                "totals": money(source.totals),
            }
            for source in sources
        ],
        "totals": {
            "came_to_me": totals.came_to_me,
            "passed_on": totals.passed_on,
            "came_to_me_value": money(totals.came_to_me_value),
            "passed_on_value": money(totals.passed_on_value),
        },
    }


@main.command("scorecard")
@click.option("--contact", "contact_text", metavar="CONTACT", help="One contact's scorecard.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1),
    metavar="N",
    help="The most contacts to list after the overall scorecard (text only).",
)
@user_option
def scorecard_command(
    contact_text: str | None, as_json: bool, limit: int, username: str | None
) -> None:
    """Asks answered and promises kept, both ways.

    How you answer others' asks and keep your promises, and how they answer yours. For each
    side: asks acknowledged against ignored, the median time to acknowledge, asks still
    unacknowledged, promises kept against dropped. An answer, even a no, acknowledges an ask;
    an ask open past its reply window, or dropped unanswered, was ignored. Without --contact:
    the overall scorecard, then the contacts that need you first.
    """
    require_database()

    from django.utils import timezone

    from goodwill.cli.contact_argument import contact_from_argument
    from goodwill.network.scorecard_selectors import (
        scorecard_contacts_count,
        scorecard_for_contact,
        scorecard_overall,
        scorecards_by_contact,
    )

    owner = account_for(username)
    now = timezone.now()
    if contact_text is not None:
        person = contact_from_argument(owner, contact_text, nothing_done="nothing to show")
        card = scorecard_for_contact(contact=person, now=now)
        if as_json:
            body = {"contact": {"id": person.pk, "name": person.full_name}}
            click.echo(json.dumps({**body, **_card_json(card)}, indent=2))
            return
        click.echo(click.style(f"Scorecard with {person.full_name}", bold=True))
        click.echo(_card_text(card))
        return
    overall = scorecard_overall(owner=owner, now=now)
    cards = scorecards_by_contact(owner=owner, now=now, limit=None if as_json else limit)
    if as_json:
        listed = [
            {"contact": {"id": row.contact_id, "name": row.contact_name}} | _card_json(row.card)
            for row in cards
        ]
        click.echo(json.dumps({"overall": _card_json(overall), "contacts": listed}, indent=2))
        return
    click.echo(click.style("Scorecard overall", bold=True))
    click.echo(_card_text(overall))
    for row in cards:
        click.echo("")
        click.echo(click.style(row.contact_name, bold=True))
        click.echo(_card_text(row.card))
    total = scorecard_contacts_count(owner=owner)
    if total > len(cards):
        click.echo(f"\n... and {total - len(cards)} more contacts (--limit N, or --json)")


def _card_json(card: Scorecard) -> dict[str, object]:
    return {"you": side_json(card.you), "them": side_json(card.them)}


def _card_text(card: Scorecard) -> str:
    if card.is_empty:
        return "  No asks or promises either way yet."

    def side_lines(side: Side, empty: str) -> list[str]:
        return [f"  {line}" for line in side.sentences()] or [f"  {empty}"]

    return "\n".join(
        [
            *side_lines(card.you, "No asks of you and no promises of yours yet."),
            *side_lines(card.them, "No asks of yours and no promises to you yet."),
        ]
    )
