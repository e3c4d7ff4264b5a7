"""The work page: recording, editing and deleting work, totals by source, and the contact's part."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network.models import Contact, Give
from goodwill.work.models import Work
from goodwill.work.services import WorkFields, work_record
from tests.web.conftest import HTMX


def _post_work(client: Client, **fields: str) -> Any:
    data = {"direction": "in", "record_give": "on", **fields}
    return client.post(reverse("work_page"), data, headers=HTMX)


def test_work_recorded_on_the_page_shows_in_the_list_and_the_totals_by_source(
    owner_client: Client, owner: User, lori: Contact, sam: Contact
) -> None:
    response = _post_work(
        owner_client,
        title="Brand book",
        referred_by="lori@northwind.example",
        via="Sam Okafor",
        client_name="Northwind Design",
        value="2,400",
        currency="eur",
        came_on="2026-02-03",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="work-main"' in html
    assert "<html" not in html
    assert "Brand book" in html
    assert "EUR 2,400.00" in html
    work = Work.objects.get(owner=owner)
    assert work.referred_by == lori
    assert work.came_on == date(2026, 2, 3)
    assert work.client_organization is not None
    assert work.client_organization.name == "Northwind Design"
    assert [step.contact for step in work.introductions.all()] == [sam]
    assert Give.objects.get(owner=owner).direction == "in"
    page = owner_client.get(reverse("work_page")).content.decode()
    assert "By the relationship it came through" in page
    assert f'href="{reverse("contact_detail", args=[lori.pk])}">Lori Chen</a>' in page


def test_an_ambiguous_name_lists_the_namesakes_and_records_nothing(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    from goodwill.network import services

    namesake = services.contact_create(owner=owner, full_name="Lori Chenko")
    response = _post_work(owner_client, title="Site", referred_by="Lori")
    assert response.status_code == 422
    html = response.content.decode()
    assert "fits several contacts" in html
    assert f"Lori Chen [#{lori.pk}]" in html
    assert f"Lori Chenko [#{namesake.pk}]" in html
    assert not Work.objects.exists()
    # The reference shown picks one.
    response = _post_work(owner_client, title="Site", referred_by=f"Lori Chenko [#{namesake.pk}]")
    assert Work.objects.get().referred_by == namesake


def test_a_value_without_a_currency_is_refused_on_its_field(
    owner_client: Client, owner: User
) -> None:
    response = _post_work(owner_client, title="Site", value="100", currency="")
    assert response.status_code == 422
    assert "three-letter code" in response.content.decode()
    assert not Work.objects.exists()


def test_passing_work_on_from_the_page_records_a_give_to_them(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    response = _post_work(
        owner_client, title="Illustration job", direction="out", passed_to="Lori Chen"
    )
    assert response.status_code == 200
    give = Give.objects.get(owner=owner)
    assert (give.contact, give.direction, give.kind) == (lori, "out", "referral")


def test_editing_work_keeps_its_contacts_even_with_namesakes(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    from goodwill.network import services

    services.contact_create(owner=owner, full_name="Lori Chen")  # a namesake
    work = work_record(owner=owner, fields=WorkFields(title="Site", referred_by=lori))
    form = owner_client.get(reverse("work_edit", args=[work.pk])).content.decode()
    assert f"Lori Chen [#{lori.pk}]" in form
    response = owner_client.post(
        reverse("work_edit", args=[work.pk]),
        {
            "title": "Site, phase two",
            "direction": "in",
            "referred_by": f"Lori Chen [#{lori.pk}]",
            "value": "900",
            "currency": "USD",
            "record_give": "on",
        },
    )
    assert response.status_code == 302
    work.refresh_from_db()
    assert (work.title, work.referred_by, work.value) == (
        "Site, phase two",
        lori,
        Decimal("900.00"),
    )


def test_deleting_work_removes_it_and_its_give(
    owner_client: Client, owner: User, lori: Contact
) -> None:
    work = work_record(owner=owner, fields=WorkFields(title="Site", referred_by=lori))
    response = owner_client.post(reverse("work_delete", args=[work.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "Deleted" in response.content.decode()
    assert not Work.objects.exists()
    assert not Give.objects.exists()


def test_the_contact_page_shows_work_through_them_and_passed_on_to_them(
    owner_client: Client, owner: User, lori: Contact, sam: Contact
) -> None:
    work_record(
        owner=owner,
        fields=WorkFields(title="Catalogue", referred_by=lori, value="1500", currency="EUR"),
    )
    work_record(owner=owner, fields=WorkFields(title="Mural", direction="out", passed_to=lori))
    work_record(owner=owner, fields=WorkFields(title="Poster", referred_by=sam, via=[lori]))
    html = owner_client.get(reverse("contact_detail", args=[lori.pk])).content.decode()
    section = html[html.index('id="contact-work"') :]
    section = section[: section.index("</section>")]
    assert "Came to you through them" in section
    assert "Catalogue" in section
    assert "EUR 1,500.00" in section
    assert "You passed on to them" in section
    assert "Mural" in section
    assert "They introduced the way" in section
    assert "Poster" in section
    other = owner_client.get(reverse("contact_detail", args=[sam.pk])).content.decode()
    assert "Catalogue" not in other
    assert "Poster" in other


def test_the_nav_links_the_work_page(owner_client: Client) -> None:
    html = owner_client.get(reverse("today")).content.decode()
    assert f'href="{reverse("work_page")}"' in html


def test_a_stranger_sees_none_of_the_owners_work(
    stranger_client: Client, owner: User, lori: Contact
) -> None:
    work_record(owner=owner, fields=WorkFields(title="Secret Northwind job", referred_by=lori))
    html = stranger_client.get(reverse("work_page")).content.decode()
    assert "Secret Northwind job" not in html
    assert "Lori" not in html
    assert "Nothing recorded yet" in html
