"""Text a user or an import typed is shown as text: no field on a page can run a script.

Every text field shown on a page carries the same attempts (a script element, an image with an
onerror handler, `javascript:` links in HTML and in Markdown), and the pages that show them must
contain none of them as markup.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import services
from goodwill.network.models import Contact, Direction, Give, Handle, Interaction, Loop
from goodwill.web.templatetags.markdown import markdown_to_safe_html
from goodwill.work.services import WorkFields, work_record

ATTACK = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">raw link</a> [md link](javascript:alert(1)) '
    "[md link 2](JaVaScRiPt:alert(1))"
)


class _ActiveMarkup(HTMLParser):
    """Collects what a browser would run: inline scripts, on* handlers, javascript: URLs, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "img":
            self.found.append(f"<img src={names.get('src')!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{name}={value!r} on <{tag}>")


def _assert_inert(html: str) -> None:
    parser = _ActiveMarkup()
    parser.feed(html)
    assert parser.found == []


@pytest.fixture
def booby_trapped(owner: User) -> Contact:
    contact = services.contact_create(
        owner=owner,
        full_name=f"Name {ATTACK}",
        organization_name=f"Org {ATTACK}",
        position=f"Position {ATTACK}",
        notes=f"**Notes** {ATTACK}",
    )
    services.handle_add(
        contact=contact,
        kind=Handle.Kind.WEBSITE,
        value="example.com/<script>alert(1)</script>?q=<img src=x onerror=alert(1)>",
    )
    services.interaction_log(
        owner=owner,
        contacts=[contact],
        kind=Interaction.Kind.MEETING,
        summary=f"Summary {ATTACK}",
        details=f"Details {ATTACK}",
        direction=Direction.BOTH,
    )
    services.loop_open(
        contact=contact, kind=Loop.Kind.ASK, whose=Loop.Whose.THEIRS, summary=f"Loop {ATTACK}"
    )
    services.give_record(
        contact=contact,
        kind=Give.Kind.HELP,
        direction=Direction.FROM_ME,
        summary=f"Give {ATTACK}",
    )
    work_record(
        owner=owner,
        fields=WorkFields(
            title=f"Work {ATTACK}",
            referred_by=contact,
            client_name=f"Client {ATTACK}",
            value="1200",
            currency="EUR",
            notes=f"Work notes {ATTACK}",
        ),
    )
    return contact


def test_the_contact_page_shows_every_field_as_text(
    owner_client: Client, booby_trapped: Contact
) -> None:
    html = owner_client.get(reverse("contact_detail", args=[booby_trapped.pk])).content.decode()

    _assert_inert(html)
    # The attempts are still there to read, as text.
    for label in ("Name", "Org", "Position", "Summary", "Details", "Loop", "Give", "Work"):
        assert f"{label} &lt;script&gt;alert(1)&lt;/script&gt;" in html, label
    assert "example.com/&lt;script&gt;" in html


def test_notes_are_markdown_and_keep_their_text_but_not_their_markup(
    owner_client: Client, booby_trapped: Contact
) -> None:
    html = owner_client.get(reverse("contact_detail", args=[booby_trapped.pk])).content.decode()

    assert "<strong>Notes</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "page",
    [
        "contact_list",
        "today",
        "contact_edit",
        "work_page",
        "scorecard_page",
        "review_page",
        "review_print",
        "ledger_page",
        "habits_page",
        "duplicates_page",
        "share_home",
    ],
)
def test_other_pages_showing_the_contact_show_it_as_text(
    owner_client: Client, booby_trapped: Contact, page: str
) -> None:
    args = [booby_trapped.pk] if page == "contact_edit" else []
    response = owner_client.get(reverse(page, args=args))

    assert response.status_code == 200
    _assert_inert(response.content.decode())


def test_markdown_keeps_ordinary_links_and_marks_them_nofollow() -> None:
    html = markdown_to_safe_html("See [her site](https://lori.example) and <b>bold</b>")

    assert '<a href="https://lori.example" rel="noopener noreferrer nofollow">her site</a>' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_sanitiser_removes_what_markdown_might_let_through() -> None:
    # Raw HTML is off in the Markdown renderer; this proves nh3 alone would still clean it.
    import nh3

    from goodwill.web.templatetags import markdown

    cleaned = nh3.clean(
        '<p onclick="x()">hi<script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">j</a></p>',
        tags=markdown.ALLOWED_TAGS,
        attributes=markdown.ALLOWED_ATTRIBUTES,
        url_schemes=markdown.ALLOWED_URL_SCHEMES,
    )

    _assert_inert(cleaned)
    assert "onclick" not in cleaned
    assert "<p>hi" in cleaned


@pytest.mark.parametrize(
    ("page", "label"),
    [("work_page", "Work"), ("work_page", "Client"), ("review_page", "Give")],
)
def test_pages_show_the_attempts_as_text(
    owner_client: Client, booby_trapped: Contact, page: str, label: str
) -> None:
    html = owner_client.get(reverse(page)).content.decode()

    assert f"{label} &lt;script&gt;alert(1)&lt;/script&gt;" in html
