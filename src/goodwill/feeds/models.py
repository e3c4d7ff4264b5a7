"""Feeds the user follows (their own, their contacts', the ones they read), the articles polled
from them, and what each contact wants to be sent.

Every row has an owner; writes go through feeds/services.py and feeds/polling.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from goodwill.network.models import Contact


class Feed(models.Model):
    """An RSS or Atom feed, with what the last polls said, so its page can show the last error."""

    class Role(models.TextChoices):
        READING = "reading", "You read it"
        CONTACT = "contact", "A contact's"
        OWN = "own", "Yours"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)
    site_url = models.URLField(max_length=1000, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.READING)
    # Whose blog it is; kept when the contact goes (SET_NULL) as a feed the user still reads.
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds"
    )
    created_at = models.DateTimeField()
    # The validators of the last answer, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    # Something wrong that did not stop the reading, such as a wrong charset.
    last_warning = models.TextField(blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Failed polls in a row.")
    next_poll_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "url"], name="feed_unique_per_owner"),
        ]
        indexes = [models.Index(fields=["next_poll_at"], name="feed_due_idx")]
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def name(self) -> str:
        return self.title or self.url


class Article(models.Model):
    """One item of a feed, stored once per feed by its key (guid, else link)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="articles")
    key = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When a poll first saw it; "new" on Today means found recently and not published long ago.
    found_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "key"], name="article_once_per_feed"),
        ]
        indexes = [
            models.Index(fields=["owner", "-found_at"], name="article_recent_idx"),
            models.Index(fields=["feed", "-found_at"], name="article_feed_idx"),
        ]
        ordering = ["-found_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SharingProfile(models.Model):
    """What a contact likes to be sent: their interests, or "no articles, please"."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="sharing_profile"
    )
    interests = models.CharField(
        max_length=500, blank=True, help_text="Topics they care about, separated by commas."
    )
    no_articles = models.BooleanField(
        default=False, help_text="They asked not to be sent articles: never suggest them."
    )

    def __str__(self) -> str:
        return f"sharing profile of contact {self.contact_id}"

    @property
    def interest_list(self) -> list[str]:
        return [part.strip() for part in self.interests.split(",") if part.strip()]
