"""Reads for feeds and sharing, every one scoped to an owner."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from goodwill.feeds.models import Article, Feed, SharingProfile
from goodwill.insight.own_posts import OwnPostShare
from goodwill.insight.share_match import ArticleText, ContactProfile, ShareIndex, ShareSuggestion
from goodwill.network.models import Contact, Give, Handle, Participation, Share
from goodwill.network.services import Owner
from goodwill.sources.feeds import item_key

# "New" on Today: found in the last two weeks, and not published long before.
NEWS_DAYS = 14
NEWS_LIMIT = 5
# What a contact's profile takes from their history: recent subjects say more than old ones.
PROFILE_CONVERSATIONS = 20
PROFILE_HISTORY_DAYS = 730


def feeds_for_owner(*, owner: Owner) -> QuerySet[Feed]:
    return (
        Feed.objects.filter(owner=owner)
        .select_related("contact")
        .annotate(article_count=Count("articles"))
        .order_by("role", "title", "url")
    )


def articles_for_owner(*, owner: Owner) -> QuerySet[Article]:
    return Article.objects.filter(owner=owner).select_related("feed", "feed__contact")


def contact_news(
    *, owner: Owner, now: datetime | None = None, limit: int = NEWS_LIMIT
) -> list[Article]:
    """New articles by the owner's contacts, newest first: what Today shows as their news."""
    now = now or timezone.now()
    since = now - timedelta(days=NEWS_DAYS)
    return list(
        articles_for_owner(owner=owner)
        .filter(feed__contact__isnull=False, found_at__gte=since)
        .filter(Q(published_at__isnull=True) | Q(published_at__gte=since))
        .order_by("-found_at", "-published_at", "-pk")[:limit]
    )


def contact_articles(*, contact: Contact, limit: int = 10) -> list[Article]:
    """The latest articles from a contact's own feeds."""
    return list(
        Article.objects.filter(owner_id=contact.owner_id, feed__contact=contact)
        .select_related("feed")
        .order_by("-found_at", "-published_at", "-pk")[:limit]
    )


def recent_articles(*, owner: Owner, role: str | None = None, limit: int = 20) -> list[Article]:
    """The latest articles of the owner's feeds (of one role, if given), newest first."""
    articles = articles_for_owner(owner=owner)
    if role is not None:
        articles = articles.filter(feed__role=role)
    return list(articles.order_by("-found_at", "-published_at", "-pk")[:limit])


def sharing_profile_for(*, contact: Contact) -> SharingProfile | None:
    return SharingProfile.objects.filter(owner_id=contact.owner_id, contact=contact).first()


def share_profiles(*, owner: Owner, now: datetime | None = None) -> list[ContactProfile]:
    """Every contact of the owner as plain text for "who would enjoy this": interests, job,
    organization, notes, recent conversation subjects, what they gave the user, what the user
    already shared with them, and whether they want articles at all."""
    now = now or timezone.now()
    since = now - timedelta(days=PROFILE_HISTORY_DAYS)
    settings = {
        contact_id: (interests, no_articles)
        for contact_id, interests, no_articles in SharingProfile.objects.filter(
            owner=owner
        ).values_list("contact_id", "interests", "no_articles")
    }
    conversations: defaultdict[int, list[str]] = defaultdict(list)
    rows = (
        Participation.objects.filter(owner=owner, occurred_at__gte=since)
        .order_by("contact_id", "-occurred_at")
        .values_list("contact_id", "interaction__summary")
    )
    for contact_id, summary in rows.iterator(chunk_size=5000):
        subjects = conversations[contact_id]
        if len(subjects) < PROFILE_CONVERSATIONS:
            subjects.append(summary)
    received: defaultdict[int, list[str]] = defaultdict(list)
    for contact_id, summary in Give.objects.filter(owner=owner, direction="in").values_list(
        "contact_id", "summary"
    ):
        received[contact_id].append(summary)
    shared: defaultdict[int, set[str]] = defaultdict(set)
    for contact_id, url in Share.objects.filter(owner=owner).values_list("contact_id", "url"):
        shared[contact_id].add(item_key(url))
    profiles = []
    for contact_id, name, position, organization, notes in (
        Contact.objects.filter(owner=owner)
        .values_list("pk", "full_name", "position", "organization__name", "notes")
        .iterator(chunk_size=5000)
    ):
        interests, no_articles = settings.get(contact_id, ("", False))
        profiles.append(
            ContactProfile(
                contact_id=contact_id,
                name=name,
                interests=tuple(part.strip() for part in interests.split(",") if part.strip()),
                position=position,
                organization=organization or "",
                notes=notes,
                conversations=tuple(conversations.get(contact_id, ())),
                shared_with_you=tuple(received.get(contact_id, ())),
                already_shared=frozenset(shared.get(contact_id, ())),
                no_articles=no_articles,
            )
        )
    return profiles


# Building the index reads and stems every contact's history: seconds for a large network, so
# each process keeps one per owner for a few minutes. What must never be stale (who asked for
# no articles, who already has the item) is checked afresh by share_suggestions.
INDEX_SECONDS = 600
_indexes: dict[int, tuple[float, tuple[object, ...], ShareIndex]] = {}


def _index_version(owner: Owner) -> tuple[object, ...]:
    # Cheap aggregates that change when contacts, conversations or gives are added: a new
    # contact or a new conversation rebuilds the index at once, an edited note within minutes.
    contacts = Contact.objects.filter(owner=owner).aggregate(
        count=Count("pk"), last=Max("pk"), newest=Max("created_at")
    )
    return (
        contacts["count"],
        contacts["last"],
        contacts["newest"],
        Participation.objects.filter(owner=owner).aggregate(last=Max("pk"))["last"],
        Give.objects.filter(owner=owner).aggregate(last=Max("pk"))["last"],
    )


def share_index(*, owner: Owner, fresh: bool = False) -> ShareIndex:
    """The owner's contacts, indexed for ranking any number of articles (kept a few minutes)."""
    version = _index_version(owner)
    cached = _indexes.get(owner.pk)
    if (
        cached is not None
        and not fresh
        and cached[1] == version
        and time.monotonic() - cached[0] < INDEX_SECONDS
    ):
        return cached[2]
    index = ShareIndex(share_profiles(owner=owner))
    _indexes[owner.pk] = (time.monotonic(), version, index)
    return index


def share_index_forget(*, owner_id: int) -> None:
    """Drop this process's index of the owner, after something it was built from changed."""
    _indexes.pop(owner_id, None)


def share_suggestions(
    *,
    owner: Owner,
    article: ArticleText,
    url: str = "",
    exclude: Iterable[int] = (),
    limit: int = 5,
) -> list[ShareSuggestion]:
    """Who would enjoy the article, never anyone who already has it or wants no articles."""
    excluded = set(exclude)
    excluded.update(
        SharingProfile.objects.filter(owner=owner, no_articles=True).values_list(
            "contact_id", flat=True
        )
    )
    if url:
        excluded.update(contact.pk for contact in contacts_shared_with(owner=owner, url=url))
    return share_index(owner=owner).suggest(article, limit=limit, exclude=excluded)


def own_post_keys(*, owner: Owner) -> set[str]:
    """The item keys of the owner's own posts (articles of their own feeds)."""
    return {
        item_key(url)
        for url in Article.objects.filter(owner=owner, feed__role=Feed.Role.OWN)
        .exclude(url="")
        .values_list("url", flat=True)
    }


def contacts_with_a_site_and_no_feed(*, owner: Owner) -> list[tuple[Contact, str]]:
    """Contacts with a website handle but no feed followed: their feed may be found there."""
    followed = set(
        Feed.objects.filter(owner=owner, contact__isnull=False).values_list("contact_id", flat=True)
    )
    found: dict[int, tuple[Contact, str]] = {}
    for handle in (
        Handle.objects.filter(owner=owner, kind=Handle.Kind.WEBSITE)
        .select_related("contact")
        .order_by("contact__full_name", "pk")
    ):
        if handle.contact_id not in followed and handle.contact_id not in found:
            found[handle.contact_id] = (handle.contact, handle.value)
    return list(found.values())


def own_post_shares(*, owner: Owner) -> list[OwnPostShare]:
    """Every share of one of the owner's own posts (an article of a feed of theirs)."""
    own_keys = own_post_keys(owner=owner)
    if not own_keys:
        return []
    return [
        OwnPostShare(item_key(url), contact_id, name, shared_at)
        for url, contact_id, name, shared_at in Share.objects.filter(owner=owner).values_list(
            "url", "contact_id", "contact__full_name", "shared_at"
        )
        if item_key(url) in own_keys
    ]


def contacts_shared_with(*, owner: Owner, url: str) -> list[Contact]:
    """The contacts the owner already sent this item to, however its address was written."""
    key = item_key(url)
    ids = [
        contact_id
        for contact_id, shared_url in Share.objects.filter(owner=owner).values_list(
            "contact_id", "url"
        )
        if item_key(shared_url) == key
    ]
    return list(Contact.objects.filter(owner=owner, pk__in=ids).order_by("full_name"))
