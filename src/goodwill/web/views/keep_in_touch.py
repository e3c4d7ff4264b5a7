"""Keep-in-touch settings: a contact's snooze, each circle's ideal and maximum, the day's number,
the digest, and the secret calendar URL."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.network import rhythm_services, selectors
from goodwill.network.models import Circle
from goodwill.rhythm import selectors as rhythm_selectors
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.tasks import daily_rhythm_schedule
from goodwill.web.forms import add_service_errors
from goodwill.web.rhythm_forms import CircleCadenceForm, ContactSnoozeForm, RhythmSettingsForm
from goodwill.web.views.common import AuthedRequest, get_contact_for_user, wants_partial
from goodwill.web.views.contact_page import render_contact_sections

INVALID = 422


@login_required
@require_POST
def contact_snooze(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    if request.POST.get("action") == "wake":
        rhythm_services.contact_unsnooze(contact=contact)
    else:
        form = ContactSnoozeForm(request.POST, auto_id="snooze-%s")
        if form.is_valid():
            try:
                rhythm_services.contact_snooze(contact=contact, until=form.until_datetime())
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return render_contact_sections(
                request,
                contact,
                ["contact-header"],
                status=INVALID,
                bound={"snooze_form": form},
            )
    if wants_partial(request):
        return render_contact_sections(request, contact, ["contact-header"])
    return redirect(f"{reverse('contact_detail', args=[contact.pk])}#contact-header")


def _get_circle_for_user(request: AuthedRequest, circle_id: int) -> Circle:
    circle = selectors.circles_for_owner(owner=request.user).filter(pk=circle_id).first()
    if circle is None:
        raise Http404("No such circle.")
    return circle


def _circle_rows(
    request: AuthedRequest, bound: dict[int, CircleCadenceForm] | None = None
) -> list[tuple[Circle, CircleCadenceForm]]:
    bound = bound or {}
    return [
        (
            circle,
            bound.get(circle.pk)
            or CircleCadenceForm(
                auto_id=f"circle-{circle.pk}-%s",
                initial={
                    "cadence_days": circle.cadence_days,
                    "max_cadence_days": circle.max_cadence_days,
                },
            ),
        )
        for circle in selectors.circles_for_owner(owner=request.user)
    ]


@login_required
@require_GET
def circles_page(request: AuthedRequest) -> HttpResponse:
    return render(request, "web/rhythm/circles.html", {"rows": _circle_rows(request)})


@login_required
@require_POST
def circle_edit(request: AuthedRequest, circle_id: int) -> HttpResponse:
    circle = _get_circle_for_user(request, circle_id)
    form = CircleCadenceForm(request.POST, auto_id=f"circle-{circle.pk}-%s")
    if form.is_valid():
        try:
            rhythm_services.circle_set_cadence(
                circle=circle,
                cadence_days=form.cleaned_data["cadence_days"],
                max_cadence_days=form.cleaned_data["max_cadence_days"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The {circle.name} circle's cadence is saved.")
            return redirect("circles_page")
    circle.refresh_from_db()
    return render(
        request,
        "web/rhythm/circles.html",
        {"rows": _circle_rows(request, {circle.pk: form})},
        status=INVALID,
    )


def _settings_context(
    request: AuthedRequest, form: RhythmSettingsForm | None = None, token: str = ""
) -> dict[str, object]:
    settings = rhythm_selectors.rhythm_settings_for(owner=request.user)
    if form is None:
        form = RhythmSettingsForm(
            initial={
                "daily_limit": settings.daily_limit,
                "digest_enabled": settings.digest_enabled,
                "digest_email": settings.digest_email,
                "digest_hour": settings.digest_hour,
            }
        )
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[token])) if token else ""
    return {
        "form": form,
        "feed": rhythm_selectors.calendar_feed_live(owner=request.user),
        "feed_url": feed_url,
        "account_email": request.user.email,
    }


@login_required
@require_http_methods(["GET", "POST"])
def rhythm_settings(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "web/rhythm/settings.html", _settings_context(request))
    form = RhythmSettingsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rhythm.rhythm_settings_update(
                owner=request.user,
                daily_limit=data["daily_limit"],
                digest_enabled=data["digest_enabled"],
                digest_email=data["digest_email"],
                digest_hour=data["digest_hour"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if data["digest_enabled"]:
                daily_rhythm_schedule()
            messages.success(request, "Your rhythm is saved.")
            return redirect("rhythm_settings")
    return render(
        request, "web/rhythm/settings.html", _settings_context(request, form), status=INVALID
    )


@login_required
@require_POST
def calendar_feed_create(request: AuthedRequest) -> HttpResponse:
    _, token = rhythm.calendar_feed_create(owner=request.user)
    # The token is shown this once: only its hash is kept.
    return render(request, "web/rhythm/settings.html", _settings_context(request, token=token))


@login_required
@require_POST
def calendar_feed_revoke(request: AuthedRequest) -> HttpResponse:
    if rhythm.calendar_feed_revoke(owner=request.user):
        messages.success(request, "The calendar URL no longer works.")
    return redirect("rhythm_settings")
