"""`goodwill review`: a period's review in the terminal, as JSON, or as a PDF file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option
from goodwill.insight.periods import PeriodError, period_from
from goodwill.insight.review import Person, Review


def _people(title: str, people: list[Person], total: int, empty: str) -> list[str]:
    lines = [click.style(f"{title} ({total})", bold=True)]
    for person in people:
        lines.append(f"  {person.contact_name}: {person.why}")
    if not people:
        lines.append(f"  {empty}")
    elif total > len(people):
        lines.append(f"  ... and {total - len(people)} more")
    return lines


def review_text(review: Review) -> str:
    """The review as plain text, section by section, in the order of the page."""
    period = review.period
    sections = [
        [
            click.style(f"Review {period.label}", bold=True)
            + (f" ({period.since} to {period.until})" if period.is_calendar_year else ""),
            *(f"  {line}" for line in review.headline),
        ],
        _people("People you helped", review.helped, review.helped_total, "Nobody."),
        _people("People who helped you", review.helped_you, review.helped_you_total, "Nobody."),
        _people("New relationships", review.new_relationships, review.new_total, "None."),
        _people("Warmed", review.warmed, review.warmed_total, "None."),
        _people("Cooled", review.cooled, review.cooled_total, "None."),
        _people(
            "Silences you ended",
            review.silences_ended,
            review.silences_ended_total,
            "None.",
        ),
        _people(
            "Silences left open",
            review.silences_open,
            review.silences_open_total,
            "Nothing is waiting on you.",
        ),
        [
            click.style(f"Shares ({review.shares_total})", bold=True),
            f"  with {review.shared_with} contact{'s' if review.shared_with != 1 else ''}",
        ],
        [
            click.style("Topics that mattered", bold=True),
            "  "
            + (
                ", ".join(f"{topic.word} ({topic.mentions})" for topic in review.topics)
                or "Too little was written to tell."
            ),
        ],
    ]
    if review.work is not None:
        sections.append(
            [
                click.style("Work by source", bold=True),
                *(
                    f"  {source.label}: {source.count}"
                    + (f" ({source.value_text})" if source.totals else "")
                    for source in review.work
                ),
                *(["  No work came in this period."] if not review.work else []),
            ]
        )
    sections.append(_people("Rekindle", review.rekindle, len(review.rekindle), "Nothing cooled."))
    sections.append(_people("Thank", review.thank, len(review.thank), "Nobody is waiting."))
    return "\n\n".join("\n".join(lines) for lines in sections)


@main.command()
@user_option
@click.option("--year", metavar="YYYY", help="Review a calendar year.")
@click.option("--since", metavar="DATE", default="", help="First day (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", default="", help="Last day (YYYY-MM-DD); default today.")
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the review as a PDF to FILE.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")
def review(
    username: str | None,
    year: str | None,
    since: str,
    until: str,
    pdf_path: Path | None,
    as_json: bool,
) -> None:
    """Look back on a year or any period, with next steps.

    Who you helped and who helped you, new relationships, those that warmed and cooled,
    silences ended and left open, shares, topics, work by source, and next steps
    (relationships to rekindle, people to thank).

    With no period, the year so far. --since alone runs to today; --until alone starts a
    year before it. The previous period of the same length is what warmed and cooled are
    measured against.
    """
    try:
        period = period_from(year=year, since=since, until=until, today=_today())
    except PeriodError as exc:
        fail(str(exc))
    if pdf_path is not None and not pdf_path.parent.is_dir():
        fail(f"{pdf_path}: the folder {pdf_path.parent} does not exist")
    require_database()

    from goodwill.review.selectors import review_for_owner

    owner = account_for(username)
    result = review_for_owner(owner=owner, period=period)
    if pdf_path is not None:
        from goodwill.review.document import review_pdf

        try:
            pdf_path.write_bytes(review_pdf(result))
        except OSError as exc:
            fail(f"{pdf_path}: cannot be written: {exc.strerror or exc}")
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2))
    else:
        click.echo(review_text(result))
    if pdf_path is not None:
        click.echo(f"Wrote the review to {pdf_path}.", err=True)


def _today() -> date:
    # Before Django is set up, the local date follows GOODWILL_TIME_ZONE like the server's.
    from goodwill.cli.common import setup_django

    setup_django()
    from django.utils import timezone

    return timezone.localdate()
