"""Form posts are capped: a body of megabytes of text is refused before any of it is used.

(Import files have their own cap, GOODWILL_IMPORT_MAX_BYTES, tested with the import page.)
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import selectors
from goodwill.network.models import Contact


def _form(owner: User, full_name: str, notes: str) -> dict[str, object]:
    circle = selectors.circles_for_owner(owner=owner).get(name="Network")
    return {"full_name": full_name, "circle": circle.pk, "notes": notes}


def test_a_form_post_over_the_limit_is_refused_and_stores_nothing(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("contact_create"), _form(owner, "Huge Notes", "a" * 3_000_000)
    )

    assert response.status_code == 400
    assert not Contact.objects.filter(full_name="Huge Notes").exists()


def test_a_form_post_under_the_limit_is_accepted(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        reverse("contact_create"), _form(owner, "Long Notes", "a" * 100_000)
    )

    assert response.status_code == 302
    assert Contact.objects.filter(full_name="Long Notes").exists()
