"""A shared interest as a reason to write now, for Today (registered in FeedsConfig.ready).

For the few contacts Today is about to show: the interests the user wrote down for them
(their sharing profile), met in the user's own posts (their feed) or in what they shared with
anyone, in the last RECENT_DAYS. See goodwill.insight.shared_interest for the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from goodwill.feeds.models import Article, Feed, SharingProfile
from goodwill.insight.shared_interest import (
    RECENT_DAYS,
    UserWriting,
    index_writings,
    shared_interest,
    shared_interest_reason,
)
from goodwill.network.models import Share
from goodwill.sources.html_text import html_to_text

# The newest posts and shares read for each Today: enough to know what the user is into lately.
POSTS_READ = 100
SHARES_READ = 200


def _recent_writings(owner: User, now: datetime) -> list[UserWriting]:
    since = now - timedelta(days=RECENT_DAYS)
    writings: list[UserWriting] = []
    posts = (
        Article.objects.filter(owner=owner, feed__role=Feed.Role.OWN)
        .filter(
            Q(published_at__gte=since, published_at__lte=now)
            | Q(published_at__isnull=True, found_at__gte=since)
        )
        .order_by("-found_at", "-pk")
        .values_list("title", "summary", "published_at", "found_at")[:POSTS_READ]
    )
    for title, summary, published_at, found_at in posts:
        writings.append(
            UserWriting(
                kind="post",
                title=title,
                text=html_to_text(summary),
                at=timezone.localtime(published_at or found_at),
            )
        )
    seen: set[str] = set()
    shares = (
        Share.objects.filter(owner=owner, shared_at__gte=since, shared_at__lte=now)
        .order_by("-shared_at", "-pk")
        .values_list("url", "title", "note", "shared_at")[:SHARES_READ]
    )
    for url, title, note, shared_at in shares:
        if url in seen:  # the same article shared with several people counts once
            continue
        seen.add(url)
        writings.append(
            UserWriting(kind="share", title=title, text=note, at=timezone.localtime(shared_at))
        )
    return writings


def shared_interest_reasons(
    owner: User, contact_ids: Sequence[int], now: datetime
) -> list[tuple[int, str]]:
    """(contact id, reason) for each of these contacts with an interest the user shares."""
    profiles = [
        (contact_id, [part.strip() for part in interests.split(",") if part.strip()])
        for contact_id, interests in SharingProfile.objects.filter(
            owner=owner, contact_id__in=contact_ids
        )
        .exclude(interests="")
        .values_list("contact_id", "interests")
    ]
    if not profiles:
        return []
    writings = index_writings(_recent_writings(owner, now))
    if not writings:
        return []
    local_now = timezone.localtime(now)
    reasons = []
    for contact_id, interests in profiles:
        found = shared_interest(interests, writings)
        if found is not None:
            reasons.append((contact_id, shared_interest_reason(found, now=local_now)))
    return reasons
