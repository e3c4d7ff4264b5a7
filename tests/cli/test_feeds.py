"""`goodwill feeds add|list|poll` and `goodwill suggest-shares`, against feeds on loopback."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from django.contrib.auth.models import User

from goodwill.feeds import services as feed_services
from goodwill.feeds.models import Article, Feed
from goodwill.network import services
from goodwill.network.models import Contact, Give, Interaction, Share
from tests.cli.conftest import invoke as invoke_as_anyone
from tests.feeds.server import Route, rss, serving

FEED = rss("Lori writes", [("fonts", "Variable fonts", "One file, every weight")])
SITE = b"""<html><head><title>Lori</title>
<link rel="alternate" type="application/atom+xml" href="/feed"></head><body>Hi</body></html>"""


def invoke(*args: str) -> Result:
    """The command as alice, the owner (the fixtures make three accounts)."""
    return invoke_as_anyone(*args, "--user", "alice")


ARTICLE = b"""<html><head><title>Home batteries and rooftop solar in 2026</title></head>
<body><article><p>Battery prices fell. Rooftop solar with a home battery pays back in nine
years, for schools and homes alike.</p></article></body></html>"""


def test_adding_a_feed_follows_it(owner: User) -> None:
    with serving({"/feed": Route(FEED)}) as server:
        result = invoke("feeds", "add", server.url("/feed"))

    assert result.exit_code == 0, result.output
    assert result.output == f"Following Lori writes <{server.url('/feed')}>.\n"
    assert Feed.objects.get(owner=owner).role == Feed.Role.READING


def test_adding_a_contacts_website_finds_and_follows_its_feed(owner: User, lori: Contact) -> None:
    routes = {"/": Route(SITE, content_type="text/html"), "/feed": Route(FEED)}
    with serving(routes) as server:
        result = invoke("feeds", "add", server.url("/"), "--contact", "lori chen")

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Found the feed of {server.url('/')}.",
        f"Following {server.url('/feed')} (Lori Chen's).",
    ]
    assert Feed.objects.get(owner=owner).contact == lori


def test_an_address_that_is_no_feed_is_one_line_and_exit_2(owner: User) -> None:
    with serving({"/": Route(b"<html><body>hi</body></html>", content_type="text/html")}) as s:
        result = invoke("feeds", "add", s.url("/"))

    assert result.exit_code == 2
    assert result.output == (
        f"goodwill: {s.url('/')} is a web page that announces no feed; "
        "give the feed's own address\n"
    )
    assert not Feed.objects.exists()


def test_an_opml_file_follows_every_feed_in_it(owner: User, lori: Contact, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        """<opml version="2.0"><body>
        <outline xmlUrl="https://lori.example/atom.xml" text="Lori" goodwillRole="contact"
                 goodwillContact="Lori Chen"/>
        <outline xmlUrl="https://news.example/rss" text="News"/>
        <outline xmlUrl="ftp://old.example/feed" text="Old"/>
        </body></opml>"""
    )

    result = invoke("feeds", "add", str(opml))

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Following 2 feeds from {opml}.",
        "  left out ftp://old.example/feed: ftp://old.example/feed is not a web address "
        "(http:// or https://)",
        "1 feeds left out.",
    ]
    assert Feed.objects.get(url="https://lori.example/atom.xml").contact == lori


def test_a_file_that_is_not_opml_is_one_line(owner: User, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just notes")

    result = invoke("feeds", "add", str(bad))

    assert result.exit_code == 2
    assert result.output.startswith(f"goodwill: {bad}, line 1, column 0: is not XML")


def test_poll_reads_the_due_feeds_and_list_shows_each_ones_last_error(owner: User) -> None:
    with serving({"/good": Route(FEED), "/bad": Route(b"", status=404)}) as server:
        feed_services.feed_follow(owner=owner, url=server.url("/good"))
        feed_services.feed_follow(owner=owner, url=server.url("/bad"))

        polled = invoke("feeds", "poll")
        again = invoke("feeds", "poll")
        listed = invoke("feeds", "list")

    assert polled.exit_code == 0, polled.output
    assert "Polled 2 feeds: 1 new articles, 1 failed." in polled.output
    assert again.output == "No feed is due; --all polls them anyway.\n"
    assert "    last error: the server answered 404 Not Found" in listed.output
    assert "    1 articles, last polled" in listed.output
    assert Article.objects.filter(owner=owner).count() == 1


def _diego(owner: User) -> Contact:
    diego = services.contact_create(
        owner=owner,
        full_name="Diego Alvarez",
        organization_name="SunPeak Energy",
        position="Solar engineer",
        notes="Designs rooftop solar for schools.",
    )
    services.interaction_log(
        owner=owner, contacts=[diego], kind="call", summary="Home battery storage"
    )
    return diego


def test_suggest_shares_names_who_would_enjoy_a_link_and_why(owner: User, lori: Contact) -> None:
    _diego(owner)
    with serving({"/solar": Route(ARTICLE, content_type="text/html; charset=utf-8")}) as server:
        result = invoke("suggest-shares", server.url("/solar"))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "“Home batteries and rooftop solar in 2026”"
    assert lines[1].startswith("  Diego Alvarez: Matches their work (solar)")
    assert "Lori" not in result.output


def test_sharing_from_the_terminal_records_a_share_a_give_and_a_timeline_message(
    owner: User,
) -> None:
    diego = _diego(owner)
    with serving({"/solar": Route(ARTICLE, content_type="text/html")}) as server:
        result = invoke(
            "suggest-shares", server.url("/solar"), "--share-with", "Diego", "--note", "For you"
        )
        again = invoke("suggest-shares", server.url("/solar"), "--share-with", "Diego")

    assert result.exit_code == 0, result.output
    assert result.output.endswith("Shared with Diego Alvarez.\n")
    share = Share.objects.get(contact=diego)
    assert (share.url, share.note) == (server.url("/solar"), "For you")
    assert Give.objects.get(contact=diego).kind == Give.Kind.ARTICLE
    message = Interaction.objects.get(source="share")
    assert message.summary == "Shared “Home batteries and rooftop solar in 2026”"
    # Already shared: not suggested again, and refused in one line.
    assert "Diego Alvarez:" not in again.output
    assert again.exit_code == 2
    assert again.output.endswith("goodwill: You already shared this with Diego Alvarez.\n")


def test_suggest_shares_reads_a_text_file(owner: User, tmp_path: Path) -> None:
    _diego(owner)
    article = tmp_path / "draft.txt"
    article.write_text(
        "Rooftop solar for schools\nBatteries and solar panels on every school roof."
    )

    result = invoke("suggest-shares", str(article))

    assert result.exit_code == 0, result.output
    assert "  Diego Alvarez: Matches" in result.output


def test_a_link_that_cannot_be_fetched_is_one_line(owner: User) -> None:
    with serving() as server:
        result = invoke("suggest-shares", server.url("/missing"))

    assert result.exit_code == 2
    assert (
        result.output == f"goodwill: {server.url('/missing')}: the server answered 404 Not Found\n"
    )


def test_discover_follows_the_feeds_of_contacts_known_by_their_website(
    owner: User, lori: Contact
) -> None:
    sam = services.contact_create(owner=owner, full_name="Sam Okafor")
    routes = {
        "/lori/": Route(
            SITE.replace(b'href="/feed"', b'href="/lori/feed"'), content_type="text/html"
        ),
        "/lori/feed": Route(FEED),
        "/sam/": Route(b"<html><body>No feed</body></html>", content_type="text/html"),
    }
    with serving(routes) as server:
        services.handle_add(contact=lori, kind="website", value=server.url("/lori/"))
        services.handle_add(contact=sam, kind="website", value=server.url("/sam/"))

        result = invoke("feeds", "discover")
        again = invoke("feeds", "discover")

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Lori Chen: following {server.url('/lori/feed')}",
        f"Sam Okafor: {server.url('/sam/')} is a web page that announces no feed; "
        "give the feed's own address",
        "Followed 1 of 2 contacts' feeds.",
    ]
    assert Feed.objects.get(owner=owner).contact == lori
    assert again.output.splitlines()[-1] == "Followed 0 of 1 contacts' feeds."


def test_suggesting_for_your_own_post_drafts_notes_and_warns_of_a_broadcast(owner: User) -> None:
    diego = _diego(owner)
    with serving({"/solar": Route(ARTICLE, content_type="text/html")}) as server:
        own = feed_services.feed_follow(owner=owner, url="https://me.example/feed", role="own")
        Article.objects.create(
            owner=owner,
            feed=own,
            key="solar",
            url=server.url("/solar"),
            title="Home batteries",
            found_at=diego.created_at,
        )
        for number in range(8):
            reader = services.contact_create(owner=owner, full_name=f"Reader {number}")
            services.share_send(contact=reader, url=server.url("/solar"))

        result = invoke("suggest-shares", server.url("/solar"))

    assert result.exit_code == 0, result.output
    assert (
        "Your own post. In the last 90 days you sent 1 of your posts to 8 people." in result.output
    )
    assert "      draft: Hi Diego, I just wrote “Home batteries and rooftop solar in 2026”." in (
        result.output
    )
    assert "      warning: This post would go to 9 people" in result.output
