"""Contacts: the searchable list, adding one, a contact's page, and editing their details."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from goodwill.network import selectors, services
from goodwill.network.models import Contact
from goodwill.web.forms import ContactCreateForm, ContactDetailsForm, add_service_errors
from goodwill.web.views.common import AuthedRequest, get_contact_for_user, wants_partial
from goodwill.web.views.contact_page import contact_page_context

CONTACTS_PER_PAGE = 50


def _circle_id(value: str | None) -> int | None:
    # A circle filter that is not a number filters nothing, rather than failing the page.
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
@vary_on_headers("HX-Request")
def contact_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    circle_id = _circle_id(request.GET.get("circle"))
    contacts = selectors.contact_search(owner=request.user, query=query, circle_id=circle_id)
    page = Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "circle_id": circle_id,
        "circles": selectors.circles_for_owner(owner=request.user),
    }
    template = "web/contacts/_results.html" if wants_partial(request) else "web/contacts/list.html"
    return render(request, template, context)


def _create_contact(request: AuthedRequest, form: ContactCreateForm) -> Contact | None:
    """The new contact, or None with the services' complaints put on the form's fields."""
    data = form.cleaned_data
    with transaction.atomic():
        try:
            contact = services.contact_create(
                owner=request.user,
                full_name=data["full_name"],
                organization_name=data["organization_name"],
                position=data["position"],
                circle=data["circle"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return None
        # One handle at a time, so a refused handle is reported next to the field it came from.
        for field, kind, value in form.handles():
            try:
                services.handle_add(contact=contact, kind=kind, value=value)
            except ValidationError as exc:
                add_service_errors(form, exc, rename={"value": field, "kind": field})
        if form.errors:
            transaction.set_rollback(True)
            return None
    return contact


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = ContactCreateForm(request.POST, owner=request.user)
        if form.is_valid():
            contact = _create_contact(request, form)
            if contact is not None:
                return redirect("contact_detail", contact_id=contact.pk)
        return render(request, "web/contacts/create.html", {"form": form}, status=422)
    form = ContactCreateForm(owner=request.user)
    return render(request, "web/contacts/create.html", {"form": form})


@login_required
@require_GET
def contact_detail(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    return render(request, "web/contact/page.html", contact_page_context(request, contact))


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthedRequest, contact_id: int) -> HttpResponse:
    contact = get_contact_for_user(request, contact_id)
    if request.method == "POST":
        form = ContactDetailsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contact_update(
                    contact=contact,
                    full_name=data["full_name"],
                    organization_name=data["organization_name"],
                    position=data["position"],
                    notes=data["notes"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("contact_detail", contact_id=contact.pk)
        context = {"form": form, "contact": contact}
        return render(request, "web/contacts/edit.html", context, status=422)
    form = ContactDetailsForm(
        initial={
            "full_name": contact.full_name,
            "organization_name": contact.organization.name if contact.organization else "",
            "position": contact.position,
            "notes": contact.notes,
        }
    )
    return render(request, "web/contacts/edit.html", {"form": form, "contact": contact})
