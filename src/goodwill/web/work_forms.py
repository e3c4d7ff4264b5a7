"""The work form: contacts typed as a name or any handle, found the way `goodwill log` finds
them; services decide whether the work makes sense."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from goodwill.network.models import Contact
from goodwill.network.services import Owner
from goodwill.rhythm.selectors import contact_lookup
from goodwill.web.forms import Form
from goodwill.work import selectors as work_selectors
from goodwill.work.models import Work
from goodwill.work.services import WorkFields

CANDIDATES_SHOWN = 5


def contact_for_text(*, owner: Owner, text: str) -> Contact:
    """The one contact a person means by a name, a handle or "Name [#id]"; else a ValidationError
    that lists the namesakes, each with the reference that picks it."""
    text = text.strip()
    found = work_selectors.contact_by_reference(owner=owner, text=text)
    if found is not None:
        return found
    lookup = contact_lookup(owner=owner, text=text)
    if lookup.contact is not None:
        return lookup.contact
    if not lookup.candidates:
        raise ValidationError(f"No contact is called or reached at “{text}”.")
    shown = lookup.candidates[:CANDIDATES_SHOWN]
    names = "; ".join(work_selectors.contact_reference(contact) for contact in shown)
    more = " and more" if len(lookup.candidates) > len(shown) else ""
    raise ValidationError(f"“{text}” fits several contacts: {names}{more}. Type one of these.")


class WorkForm(Form):
    title = forms.CharField(label="The work", max_length=300, help_text="The project or the job.")
    direction = forms.ChoiceField(
        label="Which way",
        choices=Work.Direction.choices,
        initial=Work.Direction.CAME_TO_ME,
        widget=forms.RadioSelect,
    )
    referred_by = forms.CharField(
        label="Referred by",
        required=False,
        max_length=300,
        help_text="Who sent it your way: a name or any handle.",
    )
    passed_to = forms.CharField(
        label="Passed on to",
        required=False,
        max_length=300,
        help_text="For work you passed on: who got it.",
    )
    via = forms.CharField(
        label="Introductions on the way",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Who introduced whom before it reached you, one per line, first one first.",
    )
    client_name = forms.CharField(
        label="Client",
        required=False,
        max_length=200,
        help_text="A contact's exact name or email, or an organization.",
    )
    value = forms.CharField(label="Value", required=False, max_length=40)
    currency = forms.CharField(label="Currency", required=False, max_length=10)
    came_on = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    record_give = forms.BooleanField(
        label="Count it as a referral they gave you",
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, owner: Owner, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "work-%s")
        super().__init__(*args, **kwargs)
        self.owner = owner

    def _contact(self, name: str) -> Contact | None:
        text = self.cleaned_data.get(name, "").strip()
        return contact_for_text(owner=self.owner, text=text) if text else None

    def clean_referred_by(self) -> Contact | None:
        return self._contact("referred_by")

    def clean_passed_to(self) -> Contact | None:
        return self._contact("passed_to")

    def clean_via(self) -> list[Contact]:
        lines = [line.strip() for line in self.cleaned_data.get("via", "").splitlines()]
        return [contact_for_text(owner=self.owner, text=line) for line in lines if line]

    def fields_for_service(self) -> WorkFields:
        data = self.cleaned_data
        return WorkFields(
            title=data["title"],
            direction=data["direction"],
            referred_by=data["referred_by"],
            passed_to=data["passed_to"],
            via=data["via"],
            client_name=data["client_name"],
            value=data["value"],
            currency=data["currency"],
            came_on=data["came_on"],
            notes=data["notes"],
            record_give=data["record_give"],
        )


def work_form_initial(work: Work) -> dict[str, object]:
    """A work record as its edit form shows it, every contact by a reference that finds it again."""

    def ref(contact: Contact | None) -> str:
        return work_selectors.contact_reference(contact) if contact is not None else ""

    if work.client_contact is not None:
        client = work_selectors.contact_reference(work.client_contact)
    elif work.client_organization is not None:
        client = work.client_organization.name
    else:
        client = ""
    return {
        "title": work.title,
        "direction": work.direction,
        "referred_by": ref(work.referred_by),
        "passed_to": ref(work.passed_to),
        "via": "\n".join(ref(contact) for contact in work_selectors.work_chain(work)),
        "client_name": client,
        "value": "" if work.value is None else str(work.value),
        "currency": work.currency,
        "came_on": work.came_on,
        "notes": work.notes,
        "record_give": work.give_id is not None or work.direction == Work.Direction.PASSED_ON,
    }
