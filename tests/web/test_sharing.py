"""The Share pages: who would enjoy an article, sharing it in one step, your own posts without
broadcasting, and their news on Today and on a contact's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodwill.feeds import services as feed_services
from goodwill.feeds.models import Article, Feed
from goodwill.network import services
from goodwill.network.models import Contact, Give, Interaction, Share
from tests.feeds.server import Route, serving
from tests.web.conftest import HTMX

SOLAR_PAGE = b"""<html><head><title>Rooftop solar and batteries for schools</title></head>
<body><p>Battery prices fell; rooftop solar with storage pays back fast for schools.</p>
</body></html>"""


@pytest.fixture
def diego(owner: User) -> Contact:
    diego = services.contact_create(
        owner=owner,
        full_name="Diego Alvarez",
        organization_name="SunPeak Energy",
        position="Solar engineer",
        notes="Designs rooftop solar for schools.",
    )
    services.interaction_log(owner=owner, contacts=[diego], kind="call", summary="Battery storage")
    return diego


def _article(
    owner: User,
    *,
    role: str = Feed.Role.READING,
    contact: Contact | None = None,
    published_days_ago: int = 1,
    key: str = "solar",
) -> Article:
    site = "contact" if contact else role
    feed = feed_services.feed_follow(
        owner=owner, url=f"https://{site}.example/feed", role=role, contact=contact
    )
    return Article.objects.create(
        owner=owner,
        feed=feed,
        key=key,
        url=f"https://{site}.example/{key}",
        title="Rooftop solar and batteries for schools",
        summary="Battery prices fell; rooftop solar with storage pays back fast for schools.",
        published_at=timezone.now() - timedelta(days=published_days_ago),
        found_at=timezone.now(),
    )


def test_pasted_text_gets_suggestions_with_reasons(owner_client: Client, diego: Contact) -> None:
    response = owner_client.post(
        reverse("share_suggest"),
        {"text": "Rooftop solar for schools\nBatteries and solar on every school roof."},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Diego Alvarez" in html
    assert "Matches their work (solar" in html
    assert "Pasted text has no address to share" in html


def test_a_pasted_link_is_fetched_and_ranked(owner_client: Client, diego: Contact) -> None:
    with serving({"/solar": Route(SOLAR_PAGE, content_type="text/html")}) as server:
        response = owner_client.post(reverse("share_suggest"), {"url": server.url("/solar")})

    html = response.content.decode()
    assert "Who would enjoy “Rooftop solar and batteries for schools”" in html
    assert f'action="{reverse("share_send", args=[diego.pk])}"' in html


def test_a_link_that_cannot_be_fetched_is_said_on_the_form(owner_client: Client) -> None:
    with serving() as server:
        response = owner_client.post(reverse("share_suggest"), {"url": server.url("/gone")})

    assert response.status_code == 422
    assert "the server answered 404 Not Found" in response.content.decode()


def test_nothing_given_is_refused(owner_client: Client) -> None:
    response = owner_client.post(reverse("share_suggest"), {"url": "", "text": ""})

    assert response.status_code == 422
    assert "Give a link or paste the article" in response.content.decode()


def test_sharing_in_one_step_records_share_give_and_timeline_message(
    owner_client: Client, owner: User, diego: Contact
) -> None:
    article = _article(owner)

    response = owner_client.post(
        reverse("share_send", args=[diego.pk]),
        {
            "url": article.url,
            "title": article.title,
            "article": article.pk,
            "note": "Thought of you",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Shared. It is on their timeline and counts as a give." in response.content.decode()
    share = Share.objects.get(contact=diego)
    assert share.note == "Thought of you"
    give = Give.objects.get(contact=diego)
    assert (give.kind, give.direction) == (Give.Kind.ARTICLE, "out")
    message = diego.interactions.get(source="share")
    assert message.summary == f"Shared “{article.title}”"
    assert message.direction == "out"
    page = owner_client.get(reverse("contact_detail", args=[diego.pk])).content.decode()
    assert f"Shared “{article.title}”" in page


def test_an_item_already_shared_is_not_suggested_again_and_cannot_be_shared_twice(
    owner_client: Client, owner: User, diego: Contact
) -> None:
    article = _article(owner)
    url = reverse("share_send", args=[diego.pk])
    owner_client.post(url, {"url": article.url, "title": article.title})

    again = owner_client.post(url, {"url": article.url + "/"}, headers=HTMX)
    page = owner_client.get(reverse("article_detail", args=[article.pk])).content.decode()

    assert again.status_code == 422
    assert "You already shared this with Diego Alvarez." in again.content.decode()
    assert Share.objects.count() == 1
    assert f'action="{url}"' not in page
    assert "Already shared with" in page


def test_a_contact_who_wants_no_articles_is_never_suggested(
    owner_client: Client, owner: User, diego: Contact
) -> None:
    article = _article(owner)
    owner_client.post(
        reverse("contact_sharing_set", args=[diego.pk]), {"interests": "solar", "no_articles": "on"}
    )

    page = owner_client.get(reverse("article_detail", args=[article.pk])).content.decode()

    assert diego.sharing_profile.no_articles
    assert "Share with Diego Alvarez" not in page
    assert "Nobody stands out for this one." in page


def test_interests_written_on_a_contact_make_them_a_match(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    article = _article(owner)
    owner_client.post(
        reverse("contact_sharing_set", args=[lori.pk]), {"interests": "solar, schools, batteries"}
    )

    page = owner_client.get(reverse("article_detail", args=[article.pk])).content.decode()

    assert "Share with Lori Chen" in page
    assert "Matches their interests (" in page


def test_a_contacts_article_is_shared_onward_with_credit_and_not_back_to_them(
    owner_client: Client, owner: User, diego: Contact, lori: Contact
) -> None:
    feed_services.sharing_profile_set(contact=lori, interests="solar, batteries", no_articles=False)
    article = _article(owner, contact=lori)
    feed_services.sharing_profile_set(contact=diego, interests="solar", no_articles=False)

    page = owner_client.get(reverse("article_detail", args=[article.pk])).content.decode()

    assert "Share with Diego Alvarez" in page
    assert "Share with Lori Chen" not in page
    assert "By Lori Chen." in page


def test_a_reply_to_a_contacts_article_is_logged_on_their_timeline(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    article = _article(owner, contact=lori)

    response = owner_client.post(
        reverse("article_reply", args=[article.pk]),
        {"kind": "social", "summary": "Commented on her solar post", "return_to": "today"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    reply = lori.interactions.get()
    assert (reply.kind, reply.direction, reply.summary) == (
        Interaction.Kind.SOCIAL,
        "out",
        "Commented on her solar post",
    )
    assert article.url in reply.details


def test_your_own_post_comes_with_a_personal_draft_for_each_contact(
    owner_client: Client, owner: User, diego: Contact
) -> None:
    post = _article(owner, role=Feed.Role.OWN)

    page = owner_client.get(reverse("article_detail", args=[post.pk])).content.decode()

    assert "Who this post really suits" in page
    assert "Hi Diego, I just wrote “Rooftop solar and batteries for schools”." in page
    assert "You have not sent any of your own posts in the last 90 days." in page


def test_sending_your_post_to_too_many_people_warns_of_a_broadcast(
    owner_client: Client, owner: User, diego: Contact
) -> None:
    post = _article(owner, role=Feed.Role.OWN)
    for number in range(8):
        someone = services.contact_create(owner=owner, full_name=f"Reader {number}")
        services.share_send(contact=someone, url=post.url, title=post.title)

    page = owner_client.get(reverse("article_detail", args=[post.pk])).content.decode()

    assert "This post has gone to 8 so far." in page
    assert "This post would go to 9 people: more than 8 is a broadcast" in page


def test_today_loads_their_news_and_the_section_lists_new_articles_by_contacts(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    fresh = _article(owner, contact=lori, key="fresh")
    _article(owner, contact=lori, key="old", published_days_ago=60)
    _article(owner, key="not-a-contacts")

    today = owner_client.get(reverse("today")).content.decode()
    news = owner_client.get(reverse("news_today")).content.decode()

    assert f'hx-get="{reverse("news_today")}"' in today
    assert news.count("Log a reply") == 1
    assert f'href="{fresh.url}"' in news
    assert "Lori Chen" in news


def test_the_contact_page_loads_their_news_and_what_they_like_to_be_sent(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    article = _article(owner, contact=lori)
    feed_services.sharing_profile_set(contact=lori, interests="type, posters", no_articles=False)

    page = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    news = owner_client.get(reverse("contact_news", args=[lori.pk])).content.decode()

    assert f'hx-get="{reverse("contact_news", args=[lori.pk])}"' in page
    assert article.title in news
    assert 'value="type, posters"' in news


def test_the_share_page_lists_your_posts_your_contacts_news_and_your_reading(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    _article(owner, role=Feed.Role.OWN, key="mine")
    _article(owner, contact=lori, key="hers")

    page = owner_client.get(reverse("share_home")).content.decode()

    assert page.count("Rooftop solar and batteries for schools") == 2
    assert 'aria-current="page">Share<' in page


def test_a_stranger_sees_none_of_the_owners_feeds_or_articles(
    stranger_client: Client, owner: User, lori: Contact
) -> None:
    _article(owner, contact=lori)

    for name in ("share_home", "news_today", "feed_list", "feeds_opml"):
        html = stranger_client.get(reverse(name)).content.decode()
        assert "Rooftop solar" not in html, name
        assert "Lori" not in html, name
        assert "contact.example" not in html, name


def test_a_contact_known_only_by_their_website_is_offered_it_to_find_their_feed(
    owner_client: Client, lori: Contact
) -> None:
    services.handle_add(contact=lori, kind="website", value="https://lori.example/")

    news = owner_client.get(reverse("contact_news", args=[lori.pk])).content.decode()

    assert 'value="https://lori.example/"' in news
