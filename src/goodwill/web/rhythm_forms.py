"""Forms for keeping in touch: Today's snooze, cadences, the day's number and the digest, events.

As in forms.py, forms check the shape of what was typed and services decide whether it makes
sense; field names follow the services' keyword arguments.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from goodwill.network import selectors
from goodwill.network.models import Circle
from goodwill.network.services import Owner
from goodwill.web.forms import Form

SNOOZE_CHOICES = (
    ("1", "Until tomorrow"),
    ("3", "For 3 days"),
    ("7", "For a week"),
    ("30", "For a month"),
)


def start_of_day_in(days: int) -> datetime:
    """Midnight, in the user's time zone, `days` days from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time.min))


class TodaySnoozeForm(Form):
    snooze_days = forms.TypedChoiceField(
        label="Snooze", choices=SNOOZE_CHOICES, coerce=int, initial="7"
    )

    def until(self) -> datetime:
        return start_of_day_in(self.cleaned_data["snooze_days"])


class ContactSnoozeForm(Form):
    until = forms.DateField(label="Snooze until", widget=forms.DateInput(attrs={"type": "date"}))

    def until_datetime(self) -> datetime:
        """The start of the chosen day in the user's time zone."""
        return timezone.make_aware(datetime.combine(self.cleaned_data["until"], time.min))


class CircleCadenceForm(Form):
    """A circle's ideal and maximum interval; negative numbers reach the service, which says
    why they make no sense, so the message is the same on every page and in the CLI."""

    cadence_days = forms.IntegerField(label="Ideal, in days", required=False)
    max_cadence_days = forms.IntegerField(label="Maximum, in days", required=False)


class RhythmSettingsForm(Form):
    daily_limit = forms.IntegerField(
        label="Things a day on Today", help_text="A humane number: 7 unless you choose."
    )
    digest_enabled = forms.BooleanField(label="Email me a daily digest", required=False)
    digest_email = forms.CharField(
        label="Digest address",
        required=False,
        max_length=254,
        help_text="Leave empty to use your account's address.",
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    digest_hour = forms.IntegerField(label="Send at (hour, 0 to 23)", initial=7)


class EventForm(Form):
    name = forms.CharField(label="Event", max_length=200)
    held_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Place", max_length=200, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EventPersonForm(Form):
    full_name = forms.CharField(label="Name", max_length=200, required=False)
    organization_name = forms.CharField(label="Company", max_length=200, required=False)
    email = forms.CharField(
        label="Email",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
    linkedin = forms.CharField(
        label="LinkedIn URL",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )
    needs = forms.CharField(label="What they need", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(name, "").strip() for name in ("full_name", "email", "linkedin")):
            self.add_error("full_name", "A name, an email or a LinkedIn URL is needed.")
        return cleaned


class CircleChoiceForm(Form):
    circle = forms.ModelChoiceField(
        queryset=Circle.objects.none(), label="Circle", empty_label=None
    )

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["circle"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.circles_for_owner(owner=owner)
