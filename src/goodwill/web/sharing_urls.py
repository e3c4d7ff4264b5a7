"""The Share and Feeds pages, and the news sections of Today and the contact page."""

from __future__ import annotations

from django.urls import URLPattern, path

from goodwill.web.views import feeds, news, sharing

urlpatterns: list[URLPattern] = [
    path("share/", sharing.share_home, name="share_home"),
    path("share/suggest/", sharing.share_suggest, name="share_suggest"),
    path("share/news/", news.news_today, name="news_today"),
    path("share/articles/<int:article_id>/", sharing.article_detail, name="article_detail"),
    path("share/articles/<int:article_id>/reply/", sharing.article_reply, name="article_reply"),
    path("share/contacts/<int:contact_id>/", sharing.share_send, name="share_send"),
    path("feeds/", feeds.feed_list, name="feed_list"),
    path("feeds/opml/", feeds.feeds_opml, name="feeds_opml"),
    path("feeds/<int:feed_id>/poll/", feeds.feed_poll_now, name="feed_poll_now"),
    path("feeds/<int:feed_id>/remove/", feeds.feed_remove, name="feed_remove"),
    path("contacts/<int:contact_id>/news/", news.contact_news, name="contact_news"),
    path(
        "contacts/<int:contact_id>/sharing/", news.contact_sharing_set, name="contact_sharing_set"
    ),
    path("contacts/<int:contact_id>/feeds/", feeds.contact_feed_add, name="contact_feed_add"),
]
