"""`goodwill today`: who needs you today and why, in the terminal or as JSON for scripts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, require_database, user_option
from goodwill.insight.today import ItemKind, TodayItem

if TYPE_CHECKING:
    from goodwill.rhythm.agenda import AgendaSection


def _item_lines(item: TodayItem) -> list[str]:
    headline = (
        item.title if item.kind == ItemKind.DRIFTING else f"{item.contact_name}: {item.title}"
    )
    return [f"  {headline}", f"      {item.reason}"]


def _section(section: AgendaSection) -> list[str]:
    lines = [click.style(f"{section.title} ({section.total})", bold=True)]
    for item in section.items:
        lines.extend(_item_lines(item))
    if not section.items:
        lines.append("  None on today's short list (--all shows them).")
    elif section.more:
        lines.append(f"  ... and {section.more} more")
    return lines


@main.command()
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every item (up to 50 a section), not only today's short list.",
)
def today(username: str | None, as_json: bool, show_all: bool) -> None:
    """Show who needs you today, and why.

    The same list as the Today page and the API's /today: loops waiting on you, your asks met
    with silence, follow-ups after events and contacts drifting past their cadence, as many as
    your daily number allows (Settings), what you did or snoozed today left out. --json
    prints the same for scripts.
    """
    require_database()

    from goodwill.rhythm.agenda import today_agenda

    owner = account_for(username)
    agenda = today_agenda(owner=owner, show_all=show_all)
    if as_json:
        click.echo(json.dumps(agenda.as_json(), indent=2))
        return
    if agenda.is_empty:
        click.echo("Nothing needs you today.")
        return
    sections = [_section(section) for section in agenda.sections if section.total]
    if agenda.day_is_done:
        sections.append(
            [f"You did your {agenda.daily_limit} for today. The rest can wait (--all shows it)."]
        )
    click.echo("\n\n".join("\n".join(lines) for lines in sections))
