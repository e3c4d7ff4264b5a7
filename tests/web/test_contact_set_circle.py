"""Moving a contact to another circle, optionally with a cadence of their own."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import selectors
from goodwill.network.models import Contact
from tests.web.conftest import HTMX


def _url(contact: Contact) -> str:
    return reverse("contact_set_circle", args=[contact.pk])


def test_moving_to_inner_changes_the_circle_and_the_due_date(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    inner = selectors.circles_for_owner(owner=owner).get(name="Inner")
    due_before = lori.touch_due_at

    response = owner_client.post(_url(lori), {"circle": inner.pk}, headers=HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="contact-header"')
    assert "Inner ·" in html
    assert "every 14 days" in html
    lori.refresh_from_db()
    assert lori.circle == inner
    assert due_before is not None
    assert lori.touch_due_at is not None
    assert lori.touch_due_at < due_before


def test_an_own_cadence_is_kept_and_shown(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(_url(lori), {"circle": lori.circle_id, "cadence_days": "21"})

    assert response.status_code == 302
    lori.refresh_from_db()
    assert lori.cadence_days == 21
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    assert "every 21 days, 120 at most (own cadence)" in html


def test_a_cadence_of_zero_days_is_refused_next_to_it(owner_client: Client, lori: Contact) -> None:
    response = owner_client.post(
        _url(lori), {"circle": lori.circle_id, "cadence_days": "0"}, headers=HTMX
    )

    assert response.status_code == 422
    assert 'id="circle-cadence_days_error"' in response.content.decode()
    lori.refresh_from_db()
    assert lori.cadence_days is None


def test_another_accounts_circle_is_refused(
    owner_client: Client, stranger: User, lori: Contact
) -> None:
    foreign = selectors.circles_for_owner(owner=stranger).get(name="Inner")

    response = owner_client.post(_url(lori), {"circle": foreign.pk}, headers=HTMX)

    assert response.status_code == 422
    assert 'id="circle-circle_error"' in response.content.decode()
    lori.refresh_from_db()
    assert lori.circle.owner_id == lori.owner_id
    assert lori.circle.name == "Network"
