"""Another account's contacts and loops do not exist for you: not on any page, not by any id.

Every URL that takes an id is requested as the stranger, with each method it accepts, plain and
through htmx: always 404, nothing of the owner's in the answer, and no row changed anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from goodwill.api import tokens as api_tokens
from goodwill.api.models import ApiToken
from goodwill.feeds import services as feed_services
from goodwill.feeds.models import Article, Feed, SharingProfile
from goodwill.mail import models as mail
from goodwill.network import selectors, services
from goodwill.network.models import (
    Circle,
    Contact,
    ContactPhoto,
    Give,
    Handle,
    ImportRun,
    ImportSkip,
    Interaction,
    Loop,
    MergeSuggestion,
    Organization,
    Participation,
    Share,
)
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.models import (
    CalendarFeed,
    Event,
    EventAttendee,
    PositionSeen,
    RhythmSettings,
    TodayDecision,
)
from goodwill.work import services as work_services
from goodwill.work.models import Work, WorkIntroduction
from tests.web.conftest import HTMX

DOMAIN_MODELS: tuple[type[models.Model], ...] = (
    Organization,
    Circle,
    Contact,
    Handle,
    Interaction,
    Participation,
    Loop,
    Give,
    Share,
    ContactPhoto,
    ImportRun,
    ImportSkip,
    MergeSuggestion,
    Feed,
    Article,
    SharingProfile,
)
# The rhythm app's rows count too.
DOMAIN_MODELS = (
    *DOMAIN_MODELS,
    RhythmSettings,
    TodayDecision,
    CalendarFeed,
    Event,
    EventAttendee,
    PositionSeen,
)
# The mail app's rows count too.
DOMAIN_MODELS = (
    *DOMAIN_MODELS,
    mail.MailThread,
    mail.Message,
    mail.Detection,
    mail.RadarItem,
    mail.Dismissal,
    mail.Correspondent,
)
# API tokens count too: revoking another account's token must change nothing.
DOMAIN_MODELS = (*DOMAIN_MODELS, ApiToken)
# Work and its chain of introductions count too.
DOMAIN_MODELS = (*DOMAIN_MODELS, Work, WorkIntroduction)
# The owner's calendar URL once it was revoked: it must be a 404 for everyone.
REVOKED_TOKEN = "revoked-calendar-token-of-the-owner"
# Words that only the owner's data contains; none may reach the stranger.
OWNER_WORDS = ("Lori", "Northwind", "Art director", "Intro to a product designer", "Okafor")


@dataclass(frozen=True)
class Request:
    url_name: str
    method: str
    data: dict[str, object]
    # "contact", "loop", "batch", "run", "suggestion", "article" or "feed": whose id goes in the URL
    target: str


@dataclass(frozen=True)
class OwnerData:
    contact: Contact
    loop: Loop
    run: ImportRun
    suggestion: MergeSuggestion
    article: Article

    def url_argument(self, target: str) -> int | UUID | str:
        owner_id = self.contact.owner_id
        return {
            "event": Event.objects.get(owner_id=owner_id).pk,
            "attendee": EventAttendee.objects.get(owner_id=owner_id).pk,
            "circle": self.contact.circle_id,
            "calendar": REVOKED_TOKEN,
            "contact": self.contact.pk,
            "loop": self.loop.pk,
            "batch": self.run.batch,
            "run": self.run.pk,
            "suggestion": self.suggestion.pk,
            "article": self.article.pk,
            "feed": self.article.feed_id,
            "message": mail.Message.objects.get(owner_id=owner_id).pk,
            "interaction": mail.MailThread.objects.get(owner_id=owner_id).interaction_id or 0,
            "mail_loop": mail.RadarItem.objects.get(owner_id=owner_id).loop_id or 0,
            "radar_item": mail.RadarItem.objects.get(owner_id=owner_id).pk,
            "correspondent": mail.Correspondent.objects.get(owner_id=owner_id).pk,
            "api_token": ApiToken.objects.get(owner_id=owner_id).pk,
            "work": Work.objects.get(owner_id=owner_id).pk,
        }[target]


def _stranger_circle(stranger: User) -> int:
    return selectors.circles_for_owner(owner=stranger).get(name="Inner").pk


def _requests(stranger: User) -> list[Request]:
    """Every id-taking URL with each method it accepts, carrying input that would succeed."""
    return [
        Request("contact_detail", "get", {}, "contact"),
        Request("contact_edit", "get", {}, "contact"),
        Request("contact_photo", "get", {}, "contact"),
        Request(
            "contact_edit",
            "post",
            {"full_name": "Stolen", "organization_name": "", "position": "", "notes": ""},
            "contact",
        ),
        Request(
            "contact_log_interaction",
            "post",
            {"kind": "call", "summary": "Sneaky call", "has_loop": "on"},
            "contact",
        ),
        Request(
            "contact_log_interaction",
            "post",
            {"kind": "call", "summary": "Sneaky touch", "return_to": "today"},
            "contact",
        ),
        Request(
            "contact_open_loop",
            "post",
            {"kind": "ask", "whose": "theirs", "summary": "Sneaky loop"},
            "contact",
        ),
        Request(
            "contact_record_give",
            "post",
            {"kind": "help", "direction": "out", "summary": "Sneaky give"},
            "contact",
        ),
        Request(
            "contact_set_circle",
            "post",
            {"circle": _stranger_circle(stranger), "cadence_days": "3"},
            "contact",
        ),
        Request(
            "contact_add_handle",
            "post",
            {"kind": "email", "value": "mallory@evil.example"},
            "contact",
        ),
        Request("loop_acknowledge", "post", {}, "loop"),
        Request("loop_acknowledge", "post", {"return_to": "today"}, "loop"),
        Request("loop_close", "post", {"outcome": "dropped"}, "loop"),
        Request("loop_close", "post", {"outcome": "done", "return_to": "today"}, "loop"),
        Request("import_batch", "get", {}, "batch"),
        Request("import_confirm", "post", {}, "batch"),
        Request("import_discard", "post", {}, "batch"),
        Request("import_run", "get", {}, "run"),
        Request("duplicate_merge", "post", {"keep": "0"}, "suggestion"),
        Request("duplicate_not_same", "post", {}, "suggestion"),
        Request("today_loop_action", "post", {"action": "done"}, "loop"),
        Request("today_loop_action", "post", {"action": "snooze", "snooze_days": "7"}, "loop"),
        Request("today_loop_action", "post", {"action": "dismiss"}, "loop"),
        Request("today_contact_action", "post", {"action": "done"}, "contact"),
        Request(
            "today_contact_action", "post", {"action": "snooze", "snooze_days": "3"}, "contact"
        ),
        Request("today_contact_action", "post", {"action": "dismiss"}, "contact"),
        Request("today_follow_up_action", "post", {"action": "done"}, "attendee"),
        Request("today_follow_up_action", "post", {"action": "dismiss"}, "attendee"),
        Request("contact_snooze", "post", {"until": "2099-01-01"}, "contact"),
        Request("contact_snooze", "post", {"action": "wake"}, "contact"),
        Request("circle_edit", "post", {"cadence_days": "3", "max_cadence_days": "4"}, "circle"),
        Request("event_detail", "get", {}, "event"),
        Request(
            "event_add_person",
            "post",
            {"full_name": "Sneaky Guest", "email": "guest@evil.example", "needs": "x"},
            "event",
        ),
        Request("circle_suggestion_accept", "post", {}, "contact"),
        Request("circle_suggestion_keep", "post", {}, "contact"),
        Request("calendar_feed", "get", {}, "calendar"),
        Request("article_detail", "get", {}, "article"),
        Request("article_reply", "post", {"kind": "message", "summary": "Sneaky"}, "article"),
        Request("article_reply", "post", {"kind": "social", "return_to": "today"}, "article"),
        Request(
            "share_send",
            "post",
            {"url": "https://evil.example/a", "title": "A", "note": "Sneaky share"},
            "contact",
        ),
        Request("feed_poll_now", "post", {}, "feed"),
        Request("feed_remove", "post", {}, "feed"),
        Request("contact_news", "get", {}, "contact"),
        Request("contact_sharing_set", "post", {"interests": "x", "no_articles": "on"}, "contact"),
        Request("contact_feed_add", "post", {"url": "https://evil.example/feed"}, "contact"),
        Request("mail_message", "get", {}, "message"),
        Request("mail_interaction_thread", "get", {}, "interaction"),
        Request("mail_loop_message", "get", {}, "mail_loop"),
        Request("mail_loop_dismiss", "post", {}, "mail_loop"),
        Request("mail_radar_dismiss", "post", {}, "radar_item"),
        Request("mail_suggestion_accept", "post", {"full_name": "Stolen"}, "correspondent"),
        Request("mail_suggestion_ignore", "post", {}, "correspondent"),
        Request("api_token_revoke", "post", {}, "api_token"),
        Request("work_edit", "get", {}, "work"),
        Request(
            "work_edit",
            "post",
            {"title": "Stolen work", "direction": "in", "value": "1", "currency": "EUR"},
            "work",
        ),
        Request("work_delete", "post", {}, "work"),
    ]


def _id_taking_url_names() -> set[str]:
    return {
        pattern.name
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.converters
    } | {
        pattern.name
        for resolver in get_resolver().url_patterns
        # The REST API's ids are tried as a stranger in tests/api/test_strangers.py.
        if not isinstance(resolver, URLPattern) and resolver.namespace != "api-v1"
        for pattern in resolver.url_patterns
        if isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.converters
    }


def _snapshot() -> dict[str, list[dict[str, object]]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in DOMAIN_MODELS}


@pytest.fixture
def owner_data(lori: Contact, owner: User) -> OwnerData:
    loop = services.loop_open(
        contact=lori, kind="ask", whose="theirs", summary="Intro to a product designer"
    )
    services.interaction_log(owner=owner, contacts=[lori], kind="meeting", summary="Coffee")
    services.give_record(contact=lori, kind="advice", direction="in", summary="Pricing tips")
    # A picture, so that the photo URL has something to keep from the stranger.
    ContactPhoto.objects.create(
        owner=owner, contact=lori, data=b"Lori's picture", mime_type="image/png"
    )
    event = rhythm.event_create(owner=owner, name="Northwind open studio", held_on=date.today())
    rhythm.event_add_person(event=event, full_name="Okafor Guest", needs="Art director")
    rhythm.calendar_feed_revoke(owner=owner)
    CalendarFeed.objects.create(
        owner=owner,
        token_hash=rhythm.calendar_token_hash(REVOKED_TOKEN),
        created_at=timezone.now(),
        revoked_at=timezone.now(),
    )
    run = ImportRun.objects.create(
        owner=owner,
        file_name="Northwind contacts.vcf",
        created_at=timezone.now(),
        dry_run=True,
        status=ImportRun.Status.DONE,
        stored_file="0123456789abcdef0123456789abcdef.upload",
    )
    ImportSkip.objects.create(owner=owner, run=run, location="Lori line 3", reason="no name")
    namesake = services.contact_create(owner=owner, full_name="L. Chen")
    first, second = sorted((lori, namesake), key=lambda contact: contact.pk)
    suggestion = MergeSuggestion.objects.create(
        owner=owner,
        contact_a=first,
        contact_b=second,
        reasons=["names alike: Lori Chen and L. Chen"],
        created_at=timezone.now(),
    )
    feed = feed_services.feed_follow(owner=owner, url="https://lori.example/feed", contact=lori)
    article = Article.objects.create(
        owner=owner,
        feed=feed,
        key="fonts",
        url="https://lori.example/fonts",
        title="Lori on Northwind's fonts",
        found_at=timezone.now(),
    )
    feed_services.sharing_profile_set(contact=lori, interests="Northwind type", no_articles=False)
    _owner_mail(owner, lori)
    api_tokens.token_create(owner=owner, name="Northwind sync", scope="read-write")
    work_services.work_record(
        owner=owner,
        fields=work_services.WorkFields(
            title="Northwind rebrand", referred_by=lori, via=[namesake], client_name="Northwind"
        ),
    )
    return OwnerData(contact=lori, loop=loop, run=run, suggestion=suggestion, article=article)


def _owner_mail(owner: User, lori: Contact) -> None:
    """A thread with Lori whose ask opened a loop, and a suggestion, as a sync leaves them."""
    now = timezone.now()
    interaction = services.interaction_log(
        owner=owner, contacts=[lori], kind="email", summary="Northwind intro", source="mail",
        source_key="thread:ask@northwind.example",
    )  # fmt: skip
    thread = mail.MailThread.objects.create(
        owner=owner, key="ask@northwind.example", subject="Northwind intro", first_at=now,
        last_at=now, addresses="lori@northwind.example", interaction=interaction,
    )  # fmt: skip
    message = mail.Message.objects.create(
        owner=owner, thread=thread, key="ask@northwind.example", subject="Northwind intro",
        sender_name="Lori Chen", sender_address="lori@northwind.example", sent_at=now,
        direction="in", snippet="Lori asks: could you introduce me?",
    )  # fmt: skip
    loop = services.loop_open(
        contact=lori, kind="ask", whose="theirs", summary="Lori: could you introduce me?"
    )
    mail.RadarItem.objects.create(
        owner=owner, message=message, thread=thread, kind="ask", whose="theirs",
        summary="Lori: could you introduce me?", state="open", opened_at=now, state_at=now,
        contact=lori, loop=loop,
    )  # fmt: skip
    mail.Correspondent.objects.create(
        owner=owner, address="okafor@northwind.example", name="Okafor", inbound=2, outbound=1,
        last_at=now,
    )  # fmt: skip


# Signed links, not owned rows: a password-reset link's account id is worth nothing without the
# token signed for it (tests/accounts/test_password_reset.py forges one and changes nothing).
SIGNED_LINK_URLS = {"password_reset_confirm"}


def test_the_isolation_table_covers_every_url_that_takes_an_id(stranger: User) -> None:
    covered = {request.url_name for request in _requests(stranger)}

    assert covered | SIGNED_LINK_URLS == _id_taking_url_names()


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_every_id_taking_url_is_not_found_for_a_stranger_and_changes_nothing(
    stranger_client: Client, stranger: User, owner_data: OwnerData, htmx: bool
) -> None:
    headers = HTMX if htmx else {}
    for request in _requests(stranger):
        url = reverse(request.url_name, args=[owner_data.url_argument(request.target)])
        before = _snapshot()

        response = getattr(stranger_client, request.method)(url, request.data, headers=headers)

        label = f"{request.method.upper()} {request.url_name} {request.data}"
        assert response.status_code == 404, label
        html = response.content.decode()
        for word in OWNER_WORDS:
            assert word not in html, f"{label} shows {word!r}"
        assert _snapshot() == before, f"{label} changed a row"


def test_an_id_that_exists_nowhere_is_not_found_for_the_owner_too(
    owner_client: Client, owner: User
) -> None:
    for request in _requests(owner):
        missing = uuid4() if request.target == "batch" else 987654
        response = getattr(owner_client, request.method)(
            reverse(request.url_name, args=[missing]), request.data
        )
        assert response.status_code == 404, request.url_name


def test_today_never_shows_the_owners_contacts_to_a_stranger(
    stranger_client: Client, owner_data: OwnerData, sam: Contact, my_silent_ask: Loop
) -> None:
    html = stranger_client.get(reverse("today")).content.decode()
    data = stranger_client.get(reverse("today_json")).json()

    for word in OWNER_WORDS:
        assert word not in html
    assert "All clear today" in html
    assert data["totals"] == {"waiting_on_you": 0, "silence": 0, "follow_up": 0, "drifting": 0}


@pytest.mark.parametrize(
    "query", ["", "Lori", "Northwind", "lori@northwind.example", "Art director", "Okafor"]
)
def test_the_contact_list_and_search_never_show_the_owners_contacts(
    stranger_client: Client, owner_data: OwnerData, sam: Contact, query: str
) -> None:
    for headers in ({}, HTMX):
        html = stranger_client.get(
            reverse("contact_list"), {"q": query}, headers=headers
        ).content.decode()

        assert "0 contacts" in html
        for word in OWNER_WORDS:
            if word.lower() != query.lower():
                assert word not in html


def test_filtering_by_the_owners_circle_shows_the_stranger_nothing(
    stranger_client: Client, owner_data: OwnerData
) -> None:
    owners_circle = owner_data.contact.circle_id

    html = stranger_client.get(reverse("contact_list"), {"circle": owners_circle}).content.decode()

    assert "0 contacts" in html
    assert "Lori Chen" not in html


def test_the_stranger_sees_only_their_own_circles_in_forms(
    stranger_client: Client, owner: User, stranger: User
) -> None:
    owner_circle_ids = set(selectors.circles_for_owner(owner=owner).values_list("pk", flat=True))

    html = stranger_client.get(reverse("contact_create")).content.decode()

    for pk in owner_circle_ids:
        assert f'<option value="{pk}"' not in html


def _every_url(owner_data: OwnerData) -> list[tuple[str, str]]:
    contact, loop = owner_data.contact.pk, owner_data.loop.pk
    return [
        ("get", reverse("today")),
        ("get", reverse("today_json")),
        ("get", reverse("contact_list")),
        ("get", reverse("contact_create")),
        ("post", reverse("contact_create")),
        ("get", reverse("contact_detail", args=[contact])),
        ("get", reverse("contact_edit", args=[contact])),
        ("post", reverse("contact_edit", args=[contact])),
        ("post", reverse("contact_log_interaction", args=[contact])),
        ("post", reverse("contact_open_loop", args=[contact])),
        ("post", reverse("contact_record_give", args=[contact])),
        ("post", reverse("contact_set_circle", args=[contact])),
        ("post", reverse("contact_add_handle", args=[contact])),
        ("post", reverse("loop_acknowledge", args=[loop])),
        ("post", reverse("loop_close", args=[loop])),
        ("post", reverse("today_contact_action", args=[contact])),
        ("post", reverse("today_loop_action", args=[loop])),
        ("post", reverse("contact_snooze", args=[contact])),
        ("get", reverse("circles_page")),
        ("get", reverse("rhythm_settings")),
        ("post", reverse("rhythm_settings")),
        ("post", reverse("calendar_feed_create")),
        ("post", reverse("calendar_feed_revoke")),
        ("get", reverse("events_page")),
        ("post", reverse("events_page")),
        ("get", reverse("ledger_page")),
        ("get", reverse("habits_page")),
        ("get", reverse("review_page")),
        ("get", reverse("review_print")),
        ("get", reverse("review_pdf")),
        ("get", reverse("review_json")),
        ("get", reverse("circle_suggestions")),
        ("post", reverse("circle_suggestions_accept")),
        ("get", reverse("import_page")),
        ("post", reverse("import_page")),
        ("get", reverse("import_batch", args=[owner_data.run.batch])),
        ("post", reverse("import_confirm", args=[owner_data.run.batch])),
        ("post", reverse("import_discard", args=[owner_data.run.batch])),
        ("get", reverse("import_run", args=[owner_data.run.pk])),
        ("get", reverse("duplicates_page")),
        ("post", reverse("duplicates_find")),
        ("post", reverse("duplicate_merge", args=[owner_data.suggestion.pk])),
        ("post", reverse("duplicate_not_same", args=[owner_data.suggestion.pk])),
        ("get", reverse("export_vcard")),
        ("get", reverse("export_csv")),
        ("get", reverse("export_backup")),
        ("get", reverse("share_home")),
        ("post", reverse("share_suggest")),
        ("get", reverse("news_today")),
        ("get", reverse("article_detail", args=[owner_data.article.pk])),
        ("post", reverse("article_reply", args=[owner_data.article.pk])),
        ("post", reverse("share_send", args=[contact])),
        ("get", reverse("feed_list")),
        ("post", reverse("feed_list")),
        ("get", reverse("feeds_opml")),
        ("post", reverse("feeds_opml")),
        ("post", reverse("feed_poll_now", args=[owner_data.article.feed_id])),
        ("post", reverse("feed_remove", args=[owner_data.article.feed_id])),
        ("get", reverse("contact_news", args=[contact])),
        ("post", reverse("contact_sharing_set", args=[contact])),
        ("post", reverse("contact_feed_add", args=[contact])),
        ("get", reverse("api_tokens")),
        ("post", reverse("api_tokens")),
        (
            "post",
            reverse(
                "api_token_revoke",
                args=[ApiToken.objects.get(owner_id=owner_data.contact.owner_id).pk],
            ),
        ),
    ]


def test_anonymous_requests_are_sent_to_sign_in_and_change_nothing(
    client: Client, owner_data: OwnerData
) -> None:
    before = _snapshot()
    for method, url in _every_url(owner_data):
        response = getattr(client, method)(url, {"summary": "x", "full_name": "x"})

        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{reverse('login')}?next="), url
        assert "Lori" not in response.content.decode()
    assert _snapshot() == before
