"""Feeds: the list with each feed's last error, following one (or a contact's blog), polling
now, unfollowing, and OPML in and out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from goodwill.feeds import selectors, services
from goodwill.feeds.adding import feed_add
from goodwill.feeds.models import Feed
from goodwill.feeds.polling import feed_poll
from goodwill.sources.errors import SourceError
from goodwill.sources.opml import OpmlFeed, opml_document, parse_opml
from goodwill.web.forms import add_service_errors
from goodwill.web.sharing_forms import ContactFeedForm, FeedAddForm, OpmlUploadForm
from goodwill.web.views.common import AuthedRequest, get_contact_for_user

INVALID = 422
# An OPML list is a few kilobytes; a megabyte is thousands of feeds.
OPML_MAX_BYTES = 1024 * 1024


def get_feed_for_user(request: AuthedRequest, feed_id: int) -> Feed:
    """The signed-in user's feed, or 404 for anyone else's id."""
    feed = selectors.feeds_for_owner(owner=request.user).filter(pk=feed_id).first()
    if feed is None:
        raise Http404("No such feed.")
    return feed


def _page(
    request: AuthedRequest,
    *,
    add_form: FeedAddForm | None = None,
    opml_form: OpmlUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "feeds": selectors.feeds_for_owner(owner=request.user),
        "add_form": add_form or FeedAddForm(auto_id="feed-%s"),
        "opml_form": opml_form or OpmlUploadForm(auto_id="opml-%s"),
    }
    return render(request, "web/feeds/list.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def feed_list(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = FeedAddForm(request.POST, auto_id="feed-%s")
    if form.is_valid():
        try:
            added = feed_add(
                owner=request.user, address=form.cleaned_data["url"], role=form.cleaned_data["role"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            found = f" (found on {added.found_on})" if added.found_on else ""
            messages.success(request, f"Following {added.feed.name}{found}.")
            return redirect("feed_list")
    return _page(request, add_form=form, status=INVALID)


@login_required
@require_POST
def feed_poll_now(request: AuthedRequest, feed_id: int) -> HttpResponse:
    feed = get_feed_for_user(request, feed_id)
    result = feed_poll(feed)
    if result.error:
        messages.error(request, f"{feed.name}: {result.error}")
    elif result.not_modified:
        messages.success(request, f"{feed.name}: nothing new.")
    else:
        messages.success(request, f"{feed.name}: {result.new_articles} new.")
    return redirect("feed_list")


@login_required
@require_POST
def feed_remove(request: AuthedRequest, feed_id: int) -> HttpResponse:
    feed = get_feed_for_user(request, feed_id)
    name = feed.name
    services.feed_unfollow(feed=feed)
    messages.success(request, f"No longer following {name}.")
    return redirect("feed_list")


@login_required
@require_http_methods(["GET", "POST"])
def feeds_opml(request: AuthedRequest) -> HttpResponse:
    """GET: every followed feed as OPML, for another reader. POST: follow an OPML file's feeds."""
    if request.method != "POST":
        listed = [
            OpmlFeed(
                url=feed.url,
                title=feed.title,
                site_url=feed.site_url,
                role=feed.role,
                contact_name=feed.contact.full_name if feed.contact else "",
            )
            for feed in selectors.feeds_for_owner(owner=request.user)
        ]
        document = opml_document(listed, title="Goodwill feeds", created=timezone.now())
        response = HttpResponse(document, content_type="text/x-opml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="goodwill-feeds.opml"'
        return response
    form = OpmlUploadForm(request.POST, request.FILES, auto_id="opml-%s")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > OPML_MAX_BYTES:
            form.add_error("file", f"{upload.name} is over 1 MB: not an OPML list of feeds.")
        else:
            try:
                listed = parse_opml(upload.read(), name=upload.name)
            except SourceError as exc:
                form.add_error("file", str(exc))
            else:
                result = services.feeds_import_opml(owner=request.user, feeds=listed)
                messages.success(
                    request, f"Following {len(result.followed)} feeds from {upload.name}."
                )
                for problem in result.problems:
                    messages.error(request, f"Left out {problem}")
                return redirect("feed_list")
    return _page(request, opml_form=form, status=INVALID)


@login_required
@require_POST
def contact_feed_add(request: AuthedRequest, contact_id: int) -> HttpResponse:
    """Follow a contact's blog, from its feed or their website."""
    contact = get_contact_for_user(request, contact_id)
    form = ContactFeedForm(request.POST)
    if form.is_valid():
        try:
            added = feed_add(owner=request.user, address=form.cleaned_data["url"], contact=contact)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Following {contact.full_name}'s {added.feed.name}.")
    else:
        messages.error(request, "Give the address of their blog or its feed.")
    return redirect(f"{reverse('contact_detail', args=[contact.pk])}#news")
