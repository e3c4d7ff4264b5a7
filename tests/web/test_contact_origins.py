"""The contact page shows what imports stored: the photo (served only to its owner, with its
type), the birthday with or without its year, and where each value and handle came from."""

from __future__ import annotations

import base64

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from goodwill.network import services
from goodwill.network.models import Contact, ContactPhoto, ImportRun
from tests.importing.helpers import (
    ANA,
    PNG,
    connection_row,
    import_bytes,
    linkedin_export,
    vcard,
)


def _page(client: Client, contact: Contact) -> str:
    response = client.get(reverse("contact_detail", args=[contact.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_imported_photo_birthday_and_handle_sources_are_on_the_contact_page(
    owner: User, owner_client: Client
) -> None:
    run = import_bytes(
        owner,
        vcard(
            "FN:Lori Chen",
            "EMAIL:lori@northwind.example",
            "BDAY:--0415",
            "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(PNG).decode(),
        ),
        "phone.vcf",
    )
    lori = Contact.objects.get(owner=owner, full_name="Lori Chen")
    services.handle_add(contact=lori, kind="phone", value="+1 415 555 0134")

    html = _page(owner_client, lori)
    photo = owner_client.get(reverse("contact_photo", args=[lori.pk]))

    assert f'<img class="contact-photo" src="{reverse("contact_photo", args=[lori.pk])}"' in html
    assert "<dt>Birthday</dt><dd>15 April</dd>" in html
    day = run.created_at.strftime("%Y-%m-%d")
    run_link = f'<a href="{reverse("import_run", args=[run.pk])}">{day}</a>'
    assert f"lori@northwind.example: from vCard file {run_link}" in html
    assert "+1 415 555 0134: typed by you" in html
    assert '<span class="tag">Photo</span> a picture: from vCard file' in html
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo.content == PNG


def test_a_birthday_with_its_year_and_linkedin_values_say_where_they_came_from(
    owner: User, owner_client: Client
) -> None:
    import_bytes(
        owner,
        linkedin_export(connections=[connection_row(ANA, company="Lumen", position="CTO")]),
        "export.zip",
    )
    ana = Contact.objects.get(owner=owner, full_name="Ana Bozic")
    Contact.objects.filter(pk=ana.pk).update(birthday_year=1980, birthday_month=4, birthday_day=15)

    html = _page(owner_client, ana)

    assert "<dt>Birthday</dt><dd>15 April 1980</dd>" in html
    assert '<span class="tag">Organization</span> Lumen: from LinkedIn export' in html
    assert '<span class="tag">Job title</span> CTO: from LinkedIn export' in html
    assert "linkedin.com/in/ana-bozic: from LinkedIn export" in html
    assert "contact-photo" not in html


def test_what_the_user_typed_says_so_and_a_contact_without_a_photo_has_none(
    owner: User, owner_client: Client, lori: Contact
) -> None:
    html = _page(owner_client, lori)

    assert '<span class="tag">Organization</span> Northwind Design: typed by you' in html
    assert "Lori@Northwind.example: typed by you" in html
    assert "<dt>Birthday</dt><dd>not known</dd>" in html
    assert owner_client.get(reverse("contact_photo", args=[lori.pk])).status_code == 404


def test_another_accounts_photo_is_not_found(
    owner: User, lori: Contact, stranger_client: Client
) -> None:
    ContactPhoto.objects.create(owner=owner, contact=lori, data=PNG, mime_type="image/png")

    response = stranger_client.get(reverse("contact_photo", args=[lori.pk]))

    assert response.status_code == 404
    assert PNG not in response.content


def test_a_picture_a_browser_could_run_is_only_downloaded(
    owner: User, owner_client: Client, lori: Contact
) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    ContactPhoto.objects.create(owner=owner, contact=lori, data=svg, mime_type="image/svg+xml")

    response = owner_client.get(reverse("contact_photo", args=[lori.pk]))
    html = _page(owner_client, lori)

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<img" not in html.split('id="origins"')[1].split("</section>")[0]
    assert "Download the photo" in html


def test_the_section_never_names_another_accounts_import_run(
    owner: User, stranger: User, owner_client: Client, lori: Contact
) -> None:
    theirs = ImportRun.objects.create(
        owner=stranger, file_name="mallory.vcf", created_at=lori.created_at
    )
    lori.handles.update(import_run=theirs, source="vcard")

    html = _page(owner_client, lori)

    assert reverse("import_run", args=[theirs.pk]) not in html
    assert "Lori@Northwind.example: from vCard file" in html
