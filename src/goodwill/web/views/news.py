"""Their news: contacts' new articles as a section of Today and of each contact's page.

Both are fragments loaded by htmx from an include, so Today and the contact page stay as they
are; each works alone too (a plain GET gives the section).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from goodwill.feeds import selectors, services
from goodwill.network.models import Handle
from goodwill.web.sharing_forms import ContactFeedForm, ReplyForm, SharingProfileForm
from goodwill.web.views.common import AuthedRequest, get_contact_for_user


@login_required
@require_GET
def news_today(request: AuthedRequest) -> HttpResponse:
    """New articles by the user's contacts, for Today."""
    articles = selectors.contact_news(owner=request.user)
    rows = [(article, ReplyForm(auto_id=f"reply-{article.pk}-%s")) for article in articles]
    return render(request, "web/sharing/_news_today.html", {"rows": rows})


@login_required
@require_GET
def contact_news(request: AuthedRequest, contact_id: int) -> HttpResponse:
    """A contact's latest articles, their blog, and what they like to be sent."""
    contact = get_contact_for_user(request, contact_id)
    profile = selectors.sharing_profile_for(contact=contact)
    website = contact.handles.filter(kind=Handle.Kind.WEBSITE).first()
    context = {
        "contact": contact,
        "articles": selectors.contact_articles(contact=contact),
        "feeds": contact.feeds.all(),
        "profile_form": SharingProfileForm(
            auto_id="sharing-%s",
            initial={
                "interests": profile.interests if profile else "",
                "no_articles": profile.no_articles if profile else False,
            },
        ),
        "feed_form": ContactFeedForm(
            auto_id="contact-feed-%s",
            # Only their website known: offer it, its feed is found from there.
            initial={"url": website.value if website and not contact.feeds.exists() else ""},
        ),
    }
    return render(request, "web/sharing/_contact_news.html", context)


@login_required
@require_POST
def contact_sharing_set(request: AuthedRequest, contact_id: int) -> HttpResponse:
    """Write down a contact's interests, or that they want no articles."""
    contact = get_contact_for_user(request, contact_id)
    form = SharingProfileForm(request.POST)
    if form.is_valid():
        try:
            services.sharing_profile_set(
                contact=contact,
                interests=form.cleaned_data["interests"],
                no_articles=form.cleaned_data["no_articles"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Saved what {contact.full_name} likes to be sent.")
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect(f"{reverse('contact_detail', args=[contact.pk])}#news")
