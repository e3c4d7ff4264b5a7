"""`goodwill today`: who needs you today and why, in the terminal or as JSON for scripts."""

from __future__ import annotations

import json

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, require_database, user_option
from goodwill.insight.today import ItemKind, TodayItem


def _item_lines(item: TodayItem) -> list[str]:
    headline = (
        item.title if item.kind == ItemKind.DRIFTING else f"{item.contact_name}: {item.title}"
    )
    return [f"  {headline}", f"      {item.reason}"]


def _section(title: str, items: list[TodayItem], total: int) -> list[str]:
    lines = [click.style(f"{title} ({total})", bold=True)]
    for item in items:
        lines.extend(_item_lines(item))
    if not items:
        lines.append("  Nothing here.")
    elif total > len(items):
        lines.append(f"  ... and {total - len(items)} more")
    return lines


@main.command()
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")
@click.option(
    "--limit",
    default=25,
    show_default=True,
    type=click.IntRange(1),
    metavar="N",
    help="The most items to show in each section.",
)
def today(username: str | None, as_json: bool, limit: int) -> None:
    """Show who needs you today, and why.

    Three sections, as on the Today page: loops waiting on you, your asks met with silence,
    and contacts drifting past their cadence. --json prints the same for scripts.
    """
    require_database()

    from goodwill.network import selectors

    owner = account_for(username)
    today = selectors.today_for_owner(owner=owner, limit=limit)
    if as_json:
        click.echo(json.dumps(today.as_json(), indent=2))
        return
    if today.is_empty:
        click.echo("Nothing needs you today.")
        return
    sections = [
        _section("Waiting on you", today.waiting_on_you, today.waiting_on_you_total),
        _section("Met with silence", today.silence, today.silence_total),
        _section("Drifting", today.drifting, today.drifting_total),
    ]
    click.echo("\n\n".join("\n".join(lines) for lines in sections))
