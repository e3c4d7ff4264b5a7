"""Share: who would enjoy an article (from a feed, a link or pasted text), sharing it in one
step, your own posts without broadcasting, and replying to a contact's article."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.feeds import selectors, services
from goodwill.feeds.models import Article, Feed
from goodwill.feeds.pasted import PastedArticle, article_from_text, article_from_url
from goodwill.insight.own_posts import BroadcastReport, broadcast_report, draft_note
from goodwill.insight.share_match import ShareSuggestion
from goodwill.sources.feeds import item_key
from goodwill.sources.http_fetch import FetchError
from goodwill.web.forms import add_service_errors
from goodwill.web.sharing_forms import PasteForm, ReplyForm, ShareForm
from goodwill.web.views.common import AuthedRequest, get_contact_for_user, wants_partial

INVALID = 422


@dataclass(frozen=True)
class SuggestionRow:
    suggestion: ShareSuggestion
    form: ShareForm
    # Only for your own posts: what sharing with this contact would cross.
    warnings: tuple[str, ...] = ()


def get_article_for_user(request: AuthedRequest, article_id: int) -> Article:
    """The signed-in user's article, or 404 for anyone else's id."""
    article = selectors.articles_for_owner(owner=request.user).filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article.")
    return article


def _is_own(article: Article) -> bool:
    return article.feed.role == Feed.Role.OWN


def _credit(article: Article) -> str:
    # Sharing a contact's article onward says whose it is.
    if article.feed.contact is not None:
        return f"By {article.feed.contact.full_name}. "
    return ""


def _suggestion_rows(
    request: AuthedRequest,
    pasted: PastedArticle,
    *,
    article: Article | None = None,
) -> tuple[list[SuggestionRow], BroadcastReport | None]:
    exclude = [article.feed.contact_id] if article and article.feed.contact_id else []
    suggestions = selectors.share_suggestions(
        owner=request.user, article=pasted.for_ranking(), url=pasted.url, exclude=exclude
    )
    own = article is not None and _is_own(article)
    report = None
    earlier = selectors.own_post_shares(owner=request.user) if own else []
    if own:
        report = broadcast_report(earlier, now=timezone.now(), post_key=item_key(pasted.url))
    rows = []
    for suggestion in suggestions:
        if own:
            note = draft_note(
                contact_name=suggestion.name,
                post_title=pasted.title,
                matched_words=suggestion.matched_words,
            )
            warnings = broadcast_report(
                earlier,
                now=timezone.now(),
                post_key=item_key(pasted.url),
                adding=[(suggestion.contact_id, suggestion.name)],
            ).warnings
        else:
            note, warnings = (_credit(article) if article else ""), ()
        form = ShareForm(
            auto_id=f"share-{suggestion.contact_id}-%s",
            initial={
                "url": pasted.url,
                "title": pasted.title,
                "article": article.pk if article else None,
                "note": note,
            },
        )
        rows.append(SuggestionRow(suggestion, form, warnings))
    return rows, report


def _home_context(request: AuthedRequest, paste_form: PasteForm | None = None) -> dict[str, object]:
    owner = request.user
    return {
        "paste_form": paste_form or PasteForm(),
        "own_posts": selectors.recent_articles(owner=owner, role=Feed.Role.OWN, limit=5),
        "news": selectors.contact_news(owner=owner, limit=10),
        "reading": selectors.recent_articles(owner=owner, role=Feed.Role.READING, limit=10),
        "broadcast": broadcast_report(selectors.own_post_shares(owner=owner), now=timezone.now()),
    }


@login_required
@require_GET
def share_home(request: AuthedRequest) -> HttpResponse:
    return render(request, "web/sharing/home.html", _home_context(request))


@login_required
@require_http_methods(["GET", "POST"])
def share_suggest(request: AuthedRequest) -> HttpResponse:
    """Who would enjoy a link or pasted text; GET ?url= for a link from elsewhere."""
    form = PasteForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(
            request, "web/sharing/home.html", _home_context(request, form), status=INVALID
        )
    url, text = form.cleaned_data["url"].strip(), form.cleaned_data["text"].strip()
    try:
        pasted = article_from_text(text, url=url) if text else article_from_url(url)
    except FetchError as exc:
        form.add_error("url", f"{url}: {exc}")
        return render(
            request, "web/sharing/home.html", _home_context(request, form), status=INVALID
        )
    rows, _ = _suggestion_rows(request, pasted)
    context = {
        "pasted": pasted,
        "rows": rows,
        "shared_with": selectors.contacts_shared_with(owner=request.user, url=pasted.url)
        if pasted.url
        else [],
    }
    return render(request, "web/sharing/suggestions.html", context)


@login_required
@require_GET
def article_detail(request: AuthedRequest, article_id: int) -> HttpResponse:
    article = get_article_for_user(request, article_id)
    pasted = PastedArticle(url=article.url, title=article.title, text=article.summary)
    rows, report = _suggestion_rows(request, pasted, article=article) if article.url else ([], None)
    context = {
        "article": article,
        "pasted": pasted,
        "rows": rows,
        "report": report,
        "is_own": _is_own(article),
        "shared_with": selectors.contacts_shared_with(owner=request.user, url=article.url)
        if article.url
        else [],
        "reply_form": ReplyForm(auto_id="reply-%s") if article.feed.contact else None,
    }
    return render(request, "web/sharing/article.html", context)


@login_required
@require_POST
def share_send(request: AuthedRequest, contact_id: int) -> HttpResponse:
    """Share an item with one contact in one step; htmx gets the row back, marked as shared."""
    contact = get_contact_for_user(request, contact_id)
    form = ShareForm(request.POST, auto_id=f"share-{contact.pk}-%s")
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.article_share(
                owner=request.user,
                contact=contact,
                url=data["url"],
                title=data["title"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"url": "note"})
    if form.errors:
        error = " ".join(str(message) for errors in form.errors.values() for message in errors)
    status = INVALID if error else 200
    if wants_partial(request):
        context = {"contact": contact, "error": error, "form": form}
        return render(request, "web/sharing/_shared.html", context, status=status)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Shared with {contact.full_name}.")
    article_id = getattr(form, "cleaned_data", {}).get("article")
    if article_id and Article.objects.filter(owner=request.user, pk=article_id).exists():
        return redirect("article_detail", article_id=article_id)
    return redirect(f"{reverse('contact_detail', args=[contact.pk])}#timeline")


@login_required
@require_POST
def article_reply(request: AuthedRequest, article_id: int) -> HttpResponse:
    """Log a reply to (or a comment on) a contact's article, on their timeline."""
    article = get_article_for_user(request, article_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.article_log_reply(
                article=article,
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Logged on their timeline.")
    else:
        messages.error(request, "Say how you replied: a message, an email or a comment.")
    if form.is_valid() and form.cleaned_data["return_to"] == "today":
        return redirect("today")
    contact_id = article.feed.contact_id
    if contact_id is None:
        return redirect("article_detail", article_id=article.pk)
    return redirect(f"{reverse('contact_detail', args=[contact_id])}#timeline")
