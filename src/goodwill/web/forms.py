"""Forms check the shape of what was typed; services decide whether it makes sense.

Field names follow the keyword arguments of the services they feed, so a ValidationError a
service raises for `summary` lands on the form's `summary` field without translation.
"""

from __future__ import annotations

import math
from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from goodwill.accounts.services import (
    login_blocked_until,
    login_failure_record,
    login_failures_clear,
)
from goodwill.network import selectors
from goodwill.network.models import Circle, Direction, Give, Handle, Interaction, Loop
from goodwill.network.services import DEFAULT_CIRCLE_NAME, Owner

# The contact form's handle fields and the kind of handle each one becomes.
CONTACT_HANDLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("email", Handle.Kind.EMAIL),
    ("phone", Handle.Kind.PHONE),
    ("linkedin", Handle.Kind.LINKEDIN),
)


class Form(forms.Form):
    """A form whose labels read as plain words ("Summary", not "Summary:")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a username from an address after repeated wrong passwords."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip_address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        blocked_until = login_blocked_until(username=username, ip_address=ip_address)
        if blocked_until is not None:
            # Refused before the password is checked, so a right guess is no wiser than a wrong one.
            minutes = max(1, math.ceil((blocked_until - timezone.now()).total_seconds() / 60))
            raise ValidationError(
                "Too many wrong passwords for this account from your address. "
                f"Sign-in is paused; try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                login_failure_record(username=username, ip_address=ip_address)
            raise
        login_failures_clear(username=username, ip_address=ip_address)
        return cleaned


class ContactDetailsForm(Form):
    full_name = forms.CharField(label="Name", max_length=200)
    organization_name = forms.CharField(label="Organization", max_length=200, required=False)
    position = forms.CharField(label="Job title", max_length=200, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ContactCreateForm(ContactDetailsForm):
    circle = forms.ModelChoiceField(
        queryset=Circle.objects.none(), label="Circle", empty_label=None
    )
    # Plain text inputs with keyboard hints: the service, not the browser, decides what is valid.
    email = forms.CharField(
        label="Email",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label="Phone",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    linkedin = forms.CharField(
        label="LinkedIn URL",
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )

    field_order = [
        "full_name",
        "organization_name",
        "position",
        "circle",
        "email",
        "phone",
        "linkedin",
        "notes",
    ]

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circles = selectors.circles_for_owner(owner=owner)
        circle_field = self.fields["circle"]
        assert isinstance(circle_field, forms.ModelChoiceField)
        circle_field.queryset = circles
        circle_field.initial = circles.filter(name=DEFAULT_CIRCLE_NAME).first()

    def handles(self) -> list[tuple[str, str, str]]:
        """(field name, handle kind, value) for each handle field the user filled in."""
        return [
            (field, kind, self.cleaned_data[field])
            for field, kind in CONTACT_HANDLE_FIELDS
            if self.cleaned_data.get(field, "").strip()
        ]


class InteractionForm(Form):
    """Log an interaction and, in the same breath, the ask, offer or promise it carried."""

    kind = forms.ChoiceField(label="Kind", choices=Interaction.Kind.choices)
    direction = forms.ChoiceField(
        label="Direction", choices=Direction.choices, required=False, initial=Direction.BOTH
    )
    summary = forms.CharField(label="Summary", max_length=300)
    details = forms.CharField(
        label="Details", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    occurred_at = forms.DateField(
        label="Date",
        required=False,
        help_text="Leave empty for now.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    has_loop = forms.BooleanField(label="This includes an ask, offer or promise", required=False)
    # The loop fields matter only when the box is ticked; defaults keep the quick form short.
    loop_kind = forms.ChoiceField(
        label="Ask, offer or promise",
        choices=Loop.Kind.choices,
        initial=Loop.Kind.ASK,
        required=False,
    )
    loop_whose = forms.ChoiceField(
        label="Whose", choices=Loop.Whose.choices, initial=Loop.Whose.THEIRS, required=False
    )
    loop_summary = forms.CharField(
        label="What was asked, offered or promised",
        max_length=300,
        required=False,
        help_text="Leave empty to use the summary.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["direction"] = cleaned.get("direction") or Direction.BOTH
        cleaned["loop_kind"] = cleaned.get("loop_kind") or Loop.Kind.ASK
        cleaned["loop_whose"] = cleaned.get("loop_whose") or Loop.Whose.THEIRS
        return cleaned

    def occurred_at_datetime(self) -> datetime | None:
        """The chosen day at noon in the user's time zone; None (meaning now) for today or blank."""
        day = self.cleaned_data.get("occurred_at")
        if day is None or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.combine(day, time(12, 0)))


class LoopForm(Form):
    kind = forms.ChoiceField(
        label="Ask, offer or promise", choices=Loop.Kind.choices, initial=Loop.Kind.ASK
    )
    whose = forms.ChoiceField(label="Whose", choices=Loop.Whose.choices, initial=Loop.Whose.THEIRS)
    summary = forms.CharField(label="What was asked, offered or promised", max_length=300)


class LoopCloseForm(Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Loop.Outcome.choices)


class GiveForm(Form):
    kind = forms.ChoiceField(label="Kind", choices=Give.Kind.choices)
    direction = forms.ChoiceField(
        label="Direction",
        choices=[(Direction.FROM_ME.value, "You gave"), (Direction.TO_ME.value, "You received")],
        initial=Direction.FROM_ME,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(label="What was given", max_length=300)


class CircleForm(Form):
    circle = forms.ModelChoiceField(
        queryset=Circle.objects.none(), label="Circle", empty_label=None
    )
    # No min_value: the service says why a zero, negative or inverted cadence makes no sense,
    # in the same words as the circles page and the CLI.
    cadence_days = forms.IntegerField(
        label="Own cadence in days",
        required=False,
        help_text="Ideal days between touches; leave empty to follow the circle.",
    )
    max_cadence_days = forms.IntegerField(
        label="Own maximum in days",
        required=False,
        help_text="Most days before it is urgent; leave empty to follow the circle.",
    )

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        circle_field = self.fields["circle"]
        assert isinstance(circle_field, forms.ModelChoiceField)
        circle_field.queryset = selectors.circles_for_owner(owner=owner)


class HandleForm(Form):
    kind = forms.ChoiceField(label="Kind", choices=Handle.Kind.choices)
    value = forms.CharField(
        label="Handle",
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "Address, number or URL"}),
    )


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, rename: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the fields it names; the rest above the form."""
    rename = rename or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = rename.get(field, field)
        form.add_error(name if name in form.fields else None, messages)
