"""`goodwill coach`: the outreach coach on a draft, from a file or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from goodwill.cli import main
from goodwill.cli.common import fail, user_option
from goodwill.insight.coach import CoachReport, coach_draft


@main.command()
@click.argument("draft", metavar="FILE")
@click.option(
    "--to",
    "to_name",
    metavar="NAME",
    help="The contact it is for: their name is looked for, and an ask is flagged if you have "
    "never given them anything. Needs the database.",
)
@user_option
def coach(draft: str, to_name: str | None, username: str | None) -> None:
    """Say what to change in a draft message before sending it.

    FILE is the draft (`-` for standard input). The coach quotes the words it means for each
    finding: talking about yourself more than about them, a pitch before any value offered,
    "let me know if there's anything I can do" with nothing concrete behind it, an ask to a
    contact you have never given anything to (only with --to), no personal reference to the
    reader, far too long for what it asks. Each finding suggests an edit, and a verdict ends
    the report. Needs no database unless --to is given; docs/coach.md describes the rules.
    """
    text = _read_draft(draft)
    reader_name: str | None = None
    given_to_reader: bool | None = None
    if to_name is not None:
        reader_name, given_to_reader = _reader(to_name, username)
    report = coach_draft(text, reader_name=reader_name, given_to_reader=given_to_reader)
    click.echo(_report_text(report))


def _read_draft(draft: str) -> str:
    # Bytes, decoded leniently: a stray Latin-1 byte in pasted mail must not stop the coach.
    if draft == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    path = Path(draft)
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        fail(f"{draft}: no such file")
    except IsADirectoryError:
        fail(f"{draft}: is a folder, not a draft")
    except OSError as exc:
        fail(f"{draft}: cannot be read: {exc.strerror or exc}")


def _reader(to_name: str, username: str | None) -> tuple[str, bool]:
    """The contact's name and whether the account has ever given them anything."""
    from goodwill.cli.common import account_for, require_database

    require_database()
    from goodwill.network.selectors import contact_give_balance, contact_search

    owner = account_for(username)
    matches = list(contact_search(owner=owner, query=to_name)[:21])
    exact = [c for c in matches if c.full_name.casefold() == to_name.casefold()]
    if len(exact) == 1:
        contact = exact[0]
    elif len(matches) == 1:
        contact = matches[0]
    elif not matches:
        fail(f"no contact matches {to_name!r}")
    else:
        names = ", ".join(c.full_name for c in matches[:20])
        fail(f"{len(matches)} contacts match {to_name!r} ({names}); give the full name")
    return contact.full_name, contact_give_balance(contact=contact).given > 0


def _report_text(report: CoachReport) -> str:
    lines = [f"Verdict: {report.verdict.value}. {report.verdict_explanation}"]
    for finding in report.findings:
        lines.append("")
        lines.append(f"{finding.rule.value}: {finding.explanation}")
        lines.extend(f'  "{quote}"' for quote in finding.quotes)
        lines.append(f"  Edit: {finding.suggestion}")
    return "\n".join(lines)
