"""Writes for feeds and sharing: following and unfollowing feeds, OPML import, what a contact
wants to be sent, and replies to a contact's article. Network rows (handles, interactions,
shares, gives) are written through network/services.py, never here."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goodwill.feeds.models import Article, Feed, SharingProfile
from goodwill.network import services as network
from goodwill.network.models import Contact, Direction, Handle, Interaction, Share
from goodwill.network.services import Owner
from goodwill.sources.http_fetch import FetchError, check_web_address
from goodwill.sources.opml import OpmlFeed


def feed_follow(
    *,
    owner: Owner,
    url: str,
    role: str = Feed.Role.READING,
    contact: Contact | None = None,
    title: str = "",
    site_url: str = "",
) -> Feed:
    """Follow a feed (polled soon after); following it again updates whose it is.

    A contact's feed also becomes a feed handle on the contact, so imports and matching know it.
    """
    try:
        url = check_web_address(url)
    except FetchError as exc:
        raise ValidationError({"url": str(exc)}) from exc
    if role not in Feed.Role.values:
        raise ValidationError({"role": f"{role!r} is not a kind of feed."})
    if contact is not None:
        if contact.owner_id != owner.pk:
            raise ValidationError("That contact belongs to another account.")
        role = Feed.Role.CONTACT
    elif role == Feed.Role.CONTACT:
        raise ValidationError({"contact": "Say whose feed it is."})
    with transaction.atomic():
        feed = Feed.objects.filter(owner=owner, url=url).first()
        if feed is None:
            now = timezone.now()
            feed = Feed.objects.create(
                owner=owner,
                url=url,
                role=role,
                contact=contact,
                title=" ".join(title.split())[:300],
                site_url=site_url[:1000],
                created_at=now,
                next_poll_at=now,
            )
        elif (feed.role, feed.contact_id) != (role, contact.pk if contact else None):
            feed.role = role
            feed.contact = contact
            feed.save(update_fields=["role", "contact"])
        if contact is not None:
            network.handle_add(contact=contact, kind=Handle.Kind.FEED, value=url)
    from goodwill.feeds.tasks import poll_soon

    transaction.on_commit(poll_soon)
    return feed


def feed_unfollow(*, feed: Feed) -> None:
    """Stop following a feed; its articles go with it, shares already made stay."""
    feed.delete()


@dataclass(frozen=True)
class OpmlImport:
    followed: list[Feed]
    problems: list[str]


def feeds_import_opml(*, owner: Owner, feeds: list[OpmlFeed]) -> OpmlImport:
    """Follow every feed of an OPML list; a feed naming a contact of the owner (as Goodwill's
    export does) is linked to them. Each feed that cannot be followed is named with why."""
    contacts = {c.full_name.casefold(): c for c in Contact.objects.filter(owner=owner)}
    followed: list[Feed] = []
    problems: list[str] = []
    for item in feeds:
        contact = contacts.get(item.contact_name.casefold()) if item.contact_name else None
        role = item.role if item.role in Feed.Role.values else Feed.Role.READING
        if role == Feed.Role.CONTACT and contact is None:
            role = Feed.Role.READING
        try:
            with transaction.atomic():
                followed.append(
                    feed_follow(
                        owner=owner,
                        url=item.url,
                        role=role,
                        contact=contact,
                        title=item.title,
                        site_url=item.site_url,
                    )
                )
        except ValidationError as exc:
            problems.append(f"{item.url}: {' '.join(exc.messages)}")
    return OpmlImport(followed=followed, problems=problems)


def sharing_profile_set(*, contact: Contact, interests: str, no_articles: bool) -> SharingProfile:
    """Write down what a contact cares about, or that they want no articles at all."""
    cleaned = ", ".join(part.strip() for part in interests.split(",") if part.strip())
    if len(cleaned) > 500:
        raise ValidationError({"interests": "Keep the interests under 500 characters."})
    profile, _ = SharingProfile.objects.update_or_create(
        contact=contact,
        defaults={"owner_id": contact.owner_id, "interests": cleaned, "no_articles": no_articles},
    )
    # New interests should rank at once in this process (others catch up within minutes).
    from goodwill.feeds.selectors import share_index_forget

    share_index_forget(owner_id=contact.owner_id)
    return profile


def article_log_reply(
    *, article: Article, kind: str, summary: str, details: str = ""
) -> Interaction:
    """Log a reply to (or a comment on) a contact's article as an interaction from the user."""
    contact = article.feed.contact
    if contact is None:
        raise ValidationError("This article is not by one of your contacts.")
    if kind not in (Interaction.Kind.MESSAGE, Interaction.Kind.SOCIAL, Interaction.Kind.EMAIL):
        raise ValidationError({"kind": "A reply is a message, an email or a comment."})
    summary = summary.strip() or f"Replied to “{article.title}”"
    link = f"On “{article.title}”: {article.url}" if article.url else f"On “{article.title}”"
    return network.interaction_log(
        owner=contact.owner,
        contacts=[contact],
        kind=kind,
        direction=Direction.FROM_ME,
        summary=summary,
        details="\n\n".join(part for part in (details.strip(), link) if part),
    )


def article_share(
    *, owner: Owner, contact: Contact, url: str, title: str = "", note: str = ""
) -> Share:
    """Share an article with a contact in one step (share, timeline message, give)."""
    if contact.owner_id != owner.pk:
        raise ValidationError("That contact belongs to another account.")
    if not url.strip():
        raise ValidationError({"url": "Only an article with a web address can be shared."})
    return network.share_send(contact=contact, url=url, title=title, note=note)
