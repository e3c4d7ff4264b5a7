"""`goodwill feeds ...` (follow, list and poll feeds) and `goodwill suggest-shares` (who would
enjoy an article, and sharing it with them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from goodwill.cli import main
from goodwill.cli.common import account_for, fail, require_database, user_option

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from goodwill.feeds.models import Feed
    from goodwill.network.models import Contact


def _contact_named(owner: User, name: str) -> Contact:
    """The owner's contact of that name (or the only one whose name contains it)."""
    from goodwill.network import selectors

    wanted = " ".join(name.split()).casefold()
    candidates = list(selectors.contact_search(owner=owner, query=name)[:20])
    exact = [c for c in candidates if c.full_name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [c for c in candidates if wanted in c.full_name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        fail(f"{owner.username!r} has no contact named {name!r}")
    listed = ", ".join(f"{c.full_name} (id {c.pk})" for c in matches[:5])
    fail(f"several contacts match {name!r}: {listed}; give the full name")


def _errors(exc: Exception) -> str:
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _feed_line(feed: Feed) -> str:
    whose = {"own": "yours", "contact": f"{feed.contact.full_name}'s" if feed.contact else ""}
    label = whose.get(feed.role, "")
    where = f"{feed.title} <{feed.url}>" if feed.title else feed.url
    return f"{where} ({label})" if label else where


@main.group()
def feeds() -> None:
    """Follow RSS and Atom feeds.

    Your own blog, your contacts' blogs (their news shows on Today), and the feeds you read.
    """


@feeds.command("add")
@click.argument("address", metavar="URL|FILE")
@click.option("--contact", "contact_name", metavar="NAME", help="Whose blog it is.")
@click.option("--own", is_flag=True, help="It is your own blog.")
@user_option
def feeds_add(address: str, contact_name: str | None, own: bool, username: str | None) -> None:
    """Follow a feed, a website's feed, or every feed of an OPML file.

    URL may be the feed itself or a website that announces its feed. FILE is an OPML list
    exported from a feed reader (or from Goodwill). --contact links the feed to a contact,
    whose news then shows on Today; --own marks your own blog.
    """
    require_database()
    from django.core.exceptions import ValidationError

    from goodwill.feeds import services
    from goodwill.feeds.adding import feed_add
    from goodwill.feeds.models import Feed
    from goodwill.sources.errors import SourceError
    from goodwill.sources.opml import parse_opml

    owner = account_for(username)
    if contact_name and own:
        fail("a feed is either a contact's (--contact) or your own (--own), not both")
    path = Path(address)
    if path.is_file():
        if contact_name or own:
            fail("--contact and --own apply to one feed, not to an OPML file")
        try:
            listed = parse_opml(path.read_bytes(), name=str(path))
        except SourceError as exc:
            fail(str(exc))
        result = services.feeds_import_opml(owner=owner, feeds=listed)
        click.echo(f"Following {len(result.followed)} feeds from {path}.")
        for problem in result.problems:
            click.echo(f"  left out {problem}")
        if result.problems:
            click.echo(f"{len(result.problems)} feeds left out.")
        return
    contact = _contact_named(owner, contact_name) if contact_name else None
    role = Feed.Role.OWN if own else Feed.Role.READING
    try:
        added = feed_add(owner=owner, address=address, contact=contact, role=role)
    except ValidationError as exc:
        fail(_errors(exc))
    if added.found_on:
        click.echo(f"Found the feed of {added.found_on}.")
    click.echo(f"Following {_feed_line(added.feed)}.")


@feeds.command("list")
@user_option
def feeds_list(username: str | None) -> None:
    """List followed feeds, with each one's last poll and last error."""
    require_database()
    from goodwill.feeds import selectors

    owner = account_for(username)
    followed = list(selectors.feeds_for_owner(owner=owner))
    if not followed:
        click.echo("No feeds yet: add one with `goodwill feeds add URL`.")
        return
    for feed in followed:
        click.echo(_feed_line(feed))
        polled = feed.last_polled_at.strftime("%Y-%m-%d %H:%M") if feed.last_polled_at else "never"
        click.echo(f"    {feed.article_count} articles, last polled {polled}")  # type: ignore[attr-defined]
        if feed.last_error:
            click.echo(f"    last error: {feed.last_error}")
        if feed.last_warning:
            click.echo(f"    note: {feed.last_warning}")


@feeds.command("poll")
@click.option("--all", "poll_all", is_flag=True, help="Poll every feed, due or not.")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 120),
    metavar="SECONDS",
    help="How long to wait for each server.",
)
@user_option
def feeds_poll(poll_all: bool, timeout: float, username: str | None) -> None:
    """Poll the feeds that are due now and store their new articles.

    The background worker does this every hour; this is for now, or for cron. A feed that
    fails keeps its error (see `goodwill feeds list`) and the others go on.
    """
    require_database()
    from django.utils import timezone

    from goodwill.feeds import polling

    owner = account_for(username)
    due = polling.feeds_due(owner=owner, now=timezone.now(), force=poll_all)
    if not due:
        click.echo("No feed is due; --all polls them anyway.")
        return
    results = polling.feeds_poll(due, timeout=timeout)
    for result in results:
        if result.error:
            outcome = f"error: {result.error}"
        elif result.not_modified:
            outcome = "not modified"
        else:
            outcome = f"{result.new_articles} new"
        click.echo(f"{result.feed_name}: {outcome}")
    failed = sum(1 for result in results if result.error)
    new = sum(result.new_articles for result in results)
    click.echo(f"Polled {len(results)} feeds: {new} new articles, {failed} failed.")


@feeds.command("discover")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 120),
    metavar="SECONDS",
    help="How long to wait for each website.",
)
@user_option
def feeds_discover(timeout: float, username: str | None) -> None:
    """Find and follow the feeds of contacts known only by their website.

    For each contact with a website handle and no feed yet, reads the site's
    <link rel="alternate"> and follows the feed it announces; says which sites have none.
    """
    require_database()
    from django.core.exceptions import ValidationError

    from goodwill.feeds import selectors
    from goodwill.feeds.adding import feed_add

    owner = account_for(username)
    candidates = selectors.contacts_with_a_site_and_no_feed(owner=owner)
    if not candidates:
        click.echo("No contact has a website without a followed feed.")
        return
    followed = 0
    for contact, site in candidates:
        try:
            added = feed_add(owner=owner, address=site, contact=contact, timeout=timeout)
        except ValidationError as exc:
            click.echo(f"{contact.full_name}: {_errors(exc)}")
            continue
        followed += 1
        click.echo(f"{contact.full_name}: following {added.feed.url}")
    click.echo(f"Followed {followed} of {len(candidates)} contacts' feeds.")


@main.command("suggest-shares")
@click.argument("source", metavar="URL|FILE")
@click.option(
    "--limit",
    default=5,
    show_default=True,
    type=click.IntRange(1, 20),
    metavar="N",
    help="The most contacts to suggest.",
)
@click.option(
    "--share-with",
    "share_with",
    multiple=True,
    metavar="NAME",
    help="Record sharing it with this contact (repeat for more).",
)
@click.option("--note", default="", metavar="TEXT", help="Your note to go with the share.")
@user_option
def suggest_shares(
    source: str, limit: int, share_with: tuple[str, ...], note: str, username: str | None
) -> None:
    """Show who would enjoy an article, and why.

    SOURCE is a link to fetch, or a file of text or HTML (its first line is the title). Nobody
    who already has the item or asked for no articles is suggested. For a post of your own
    feed, each suggestion comes with a draft note and any broadcast warning. --share-with NAME
    records the share in one step (a message on their timeline and a give), with --note.
    """
    require_database()
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from goodwill.feeds import selectors, services
    from goodwill.feeds.pasted import PastedArticle, article_from_text, article_from_url
    from goodwill.insight.own_posts import broadcast_report, draft_note
    from goodwill.sources.feeds import item_key
    from goodwill.sources.http_fetch import FetchError

    owner = account_for(username)
    path = Path(source)
    article: PastedArticle
    if path.is_file():
        try:
            article = article_from_text(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            fail(f"{path}: cannot be read: {exc.strerror or exc}")
        if not article.title:
            fail(f"{path}: is empty")
    else:
        try:
            article = article_from_url(source)
        except FetchError as exc:
            fail(f"{source}: {exc}")
    click.echo(f"“{article.title}”")
    suggestions = selectors.share_suggestions(
        owner=owner, article=article.for_ranking(), url=article.url, limit=limit
    )
    if not suggestions:
        click.echo("Nobody stands out for this one.")
    own = bool(article.url) and item_key(article.url) in selectors.own_post_keys(owner=owner)
    earlier = selectors.own_post_shares(owner=owner) if own else []
    now = timezone.now()
    if own:
        report = broadcast_report(earlier, now=now, post_key=item_key(article.url))
        click.echo(f"Your own post. {report.summary}")
    for suggestion in suggestions:
        click.echo(f"  {suggestion.name}: {suggestion.why}")
        if own:
            draft = draft_note(
                contact_name=suggestion.name,
                post_title=article.title,
                matched_words=suggestion.matched_words,
            )
            click.echo(f"      draft: {draft}")
            crossing = broadcast_report(
                earlier,
                now=now,
                post_key=item_key(article.url),
                adding=[(suggestion.contact_id, suggestion.name)],
            )
            for warning in crossing.warnings:
                click.echo(f"      warning: {warning}")
    if not share_with:
        return
    if not article.url:
        fail("only an article with a web address can be shared; give its URL")
    for name in share_with:
        contact = _contact_named(owner, name)
        try:
            services.article_share(
                owner=owner, contact=contact, url=article.url, title=article.title, note=note
            )
        except ValidationError as exc:
            fail(_errors(exc))
        click.echo(f"Shared with {contact.full_name}.")
