"""The give-and-ask ledger, the habits page, events and the people met there, and suggested
circles for imported contacts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goodwill.insight import charts
from goodwill.network import rhythm_services, selectors
from goodwill.rhythm import selectors as rhythm_selectors
from goodwill.rhythm import services as rhythm
from goodwill.rhythm.habits import habits_for_owner
from goodwill.rhythm.ledger import network_ledger
from goodwill.rhythm.models import Event
from goodwill.rhythm.suggestions import circle_suggestions
from goodwill.web.forms import add_service_errors
from goodwill.web.rhythm_forms import EventForm, EventPersonForm
from goodwill.web.views.common import AuthedRequest, get_contact_for_user

INVALID = 422
SUGGESTIONS_SHOWN = 100


@login_required
@require_GET
def ledger_page(request: AuthedRequest) -> HttpResponse:
    ledger = network_ledger(owner=request.user)
    chart = charts.bar_chart(
        slug="give-share",
        title="Give share",
        description="What you gave ÷ (what you gave + what you received + what you asked)",
        months=[month.month for month in ledger.months],
        values=[month.share for month in ledger.months],
        top=1.0,
        value_text=charts.percent,
        target=0.5,
        target_label="Even: as much given as taken",
    )
    return render(request, "web/rhythm/ledger.html", {"ledger": ledger, "chart": chart})


@login_required
@require_GET
def habits_page(request: AuthedRequest) -> HttpResponse:
    habits = habits_for_owner(owner=request.user)
    months = habits.months
    acknowledge = [value for value in habits.acknowledge_days if value is not None]
    shares_top = max([*habits.personal_shares, *habits.broadcasts, 1])
    context = {
        "habits": habits,
        "give_chart": charts.bar_chart(
            slug="gives",
            title="Interactions that were gives",
            description="Gives you made ÷ interactions that month",
            months=months,
            values=habits.give_share,
            top=max([0.2, *[value for value in habits.give_share if value is not None]]),
            value_text=charts.percent,
        ),
        "acknowledge_chart": charts.bar_chart(
            slug="acknowledge",
            title="Days to acknowledge others' asks",
            description="Median, by the month the ask came; lower is kinder",
            months=months,
            values=habits.acknowledge_days,
            top=max([2.0, *acknowledge]),
            value_text=charts.days,
        ),
        "circle_charts": [
            charts.bar_chart(
                slug=f"kept-{index}",
                title=f"Cadence kept: {circle.circle_name}",
                description=(
                    f"Share of its {circle.contacts} contacts within {circle.ideal_days} days "
                    "of a touch at each month's end"
                ),
                months=months,
                values=circle.kept,
                top=1.0,
                value_text=charts.percent,
            )
            for index, circle in enumerate(habits.circles)
        ],
        "personal_chart": charts.bar_chart(
            slug="personal",
            title="Personal shares",
            description="Articles sent to one person with a note of your own",
            months=months,
            values=[float(count) for count in habits.personal_shares],
            top=float(shares_top),
            value_text=charts.count,
        ),
        "broadcast_chart": charts.bar_chart(
            slug="broadcasts",
            title="Broadcasts",
            description="The same article to three or more people, or without a note",
            months=months,
            values=[float(count) for count in habits.broadcasts],
            top=float(shares_top),
            value_text=charts.count,
        ),
    }
    return render(request, "web/rhythm/habits.html", context)


# Events


@login_required
@require_http_methods(["GET", "POST"])
def events_page(request: AuthedRequest) -> HttpResponse:
    form = EventForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = rhythm.event_create(
                owner=request.user,
                name=data["name"],
                held_on=data["held_on"],
                place=data["place"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("event_detail", event_id=event.pk)
    status = INVALID if request.method == "POST" else 200
    events = rhythm_selectors.events_for_owner(owner=request.user)[:50]
    return render(
        request, "web/rhythm/events.html", {"form": form, "events": events}, status=status
    )


def _get_event_for_user(request: AuthedRequest, event_id: int) -> Event:
    event = rhythm_selectors.event_for_owner(owner=request.user, event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    return event


def _event_context(event: Event, form: EventPersonForm | None = None) -> dict[str, object]:
    return {
        "event": event,
        "attendees": rhythm_selectors.event_attendees(event=event),
        "form": form or EventPersonForm(auto_id="person-%s"),
    }


@login_required
@require_GET
def event_detail(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = _get_event_for_user(request, event_id)
    return render(request, "web/rhythm/event.html", _event_context(event))


@login_required
@require_POST
def event_add_person(request: AuthedRequest, event_id: int) -> HttpResponse:
    event = _get_event_for_user(request, event_id)
    form = EventPersonForm(request.POST, auto_id="person-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            attendee = rhythm.event_add_person(
                event=event,
                full_name=data["full_name"] or data["email"] or data["linkedin"],
                organization_name=data["organization_name"],
                email=data["email"],
                linkedin=data["linkedin"],
                needs=data["needs"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, rename={"value": "email"})
        else:
            due = timezone.localtime(attendee.follow_up_due_at).strftime("%A %-d %b")
            messages.success(request, f"Added {attendee.contact.full_name}; follow up by {due}.")
            return redirect("event_detail", event_id=event.pk)
    return render(request, "web/rhythm/event.html", _event_context(event, form), status=INVALID)


# Suggested circles


@login_required
@require_GET
def circle_suggestions_page(request: AuthedRequest) -> HttpResponse:
    suggestions = circle_suggestions(owner=request.user)
    return render(
        request,
        "web/rhythm/suggestions.html",
        {"suggestions": suggestions[:SUGGESTIONS_SHOWN], "total": len(suggestions)},
    )


@login_required
@require_POST
def circle_suggestions_accept(request: AuthedRequest) -> HttpResponse:
    wanted = request.POST.getlist("contact")
    if not all(value.isdigit() for value in wanted):
        raise Http404("No such contact.")
    ids = {int(value) for value in wanted}
    owned = set(
        selectors.contacts_for_owner(owner=request.user)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    if owned != ids:
        # Another account's contact among them: as if none existed, and nothing is changed.
        raise Http404("No such contact.")
    suggestions = circle_suggestions(owner=request.user, contact_ids=sorted(ids))
    with transaction.atomic():
        for suggestion in suggestions:
            rhythm_services.contact_accept_circle(
                contact=suggestion.contact, circle=suggestion.circle
            )
    count = len(suggestions)
    messages.success(
        request, f"Moved {count} contact{'s' if count != 1 else ''} to the suggested circle."
    )
    return redirect("circle_suggestions")


@login_required
@require_POST
def circle_suggestion_accept(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    for suggestion in circle_suggestions(owner=request.user, contact_ids=[contact.pk]):
        rhythm_services.contact_accept_circle(contact=contact, circle=suggestion.circle)
        messages.success(request, f"Moved {contact.full_name} to {suggestion.circle.name}.")
    return redirect("circle_suggestions")


@login_required
@require_POST
def circle_suggestion_keep(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    rhythm_services.contact_keep_circle(contact=contact)
    messages.success(request, f"{contact.full_name} stays in {contact.circle.name}.")
    return redirect("circle_suggestions")
