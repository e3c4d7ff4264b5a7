"""The same handle is the same contact; what the user typed is never overwritten by an import;
where each value came from is kept."""

from __future__ import annotations

from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Contact, Handle, MergeSuggestion
from tests.importing.helpers import (
    ANA,
    connection_row,
    contact_named,
    handles_of,
    import_bytes,
    linkedin_export,
    vcard,
)


def test_the_same_email_in_two_sources_is_one_contact_with_every_handle(owner: User) -> None:
    import_bytes(
        owner,
        linkedin_export(connections=[connection_row(ANA, email="ana@lumen.example")]),
        "export.zip",
    )

    run = import_bytes(
        owner, vcard("FN:Ana B.", "EMAIL:ANA@lumen.example", "TEL:+1 415 555 0199"), "phone.vcf"
    )

    assert (run.added, run.updated) == (0, 1)
    [ana] = Contact.objects.filter(owner=owner)
    assert ana.full_name == "Ana Bozic"
    assert handles_of(ana) == {
        ("linkedin", "linkedin.com/in/ana-bozic"),
        ("email", "ana@lumen.example"),
        ("phone", "+14155550199"),
    }


def test_a_value_the_user_typed_survives_an_import(owner: User) -> None:
    services.contact_create(
        owner=owner,
        full_name="Ana (Lumen)",
        organization_name="Lumen Labs",
        position="",
        handles=[("linkedin", "https://linkedin.com/in/ana-bozic")],
    )

    import_bytes(
        owner,
        linkedin_export(connections=[connection_row(ANA, company="Lumen", position="CTO")]),
        "export.zip",
    )

    ana = Contact.objects.get(owner=owner)
    assert ana.full_name == "Ana (Lumen)"
    assert ana.organization is not None
    assert ana.organization.name == "Lumen Labs"
    assert ana.position == "CTO"  # empty before: the import may fill it
    assert ana.field_sources == {"position": "linkedin", "connected_on": "linkedin"}


def test_a_value_the_user_changed_after_an_import_is_theirs_from_then_on(owner: User) -> None:
    export = linkedin_export(connections=[connection_row(ANA, company="Lumen", position="CTO")])
    import_bytes(owner, export, "export.zip")
    ana = contact_named(owner, "Ana Bozic")
    services.contact_update(
        contact=ana, full_name="Ana Bozic", organization_name="Lumen", position="", notes=""
    )

    import_bytes(owner, export, "export.zip")

    ana.refresh_from_db()
    assert ana.position == ""  # cleared by the user, not refilled
    assert ana.field_sources["position"] == "user"
    assert ana.field_sources["organization"] == "linkedin"


def test_one_source_never_overwrites_what_another_source_brought(owner: User) -> None:
    import_bytes(
        owner, vcard("FN:Ana Bozic", "EMAIL:ana@lumen.example", "ORG:Lumen Labs Inc."), "a.vcf"
    )

    import_bytes(
        owner,
        linkedin_export(
            connections=[connection_row(ANA, email="ana@lumen.example", company="Lumen")]
        ),
        "export.zip",
    )

    ana = contact_named(owner, "Ana Bozic")
    assert ana.organization is not None
    assert ana.organization.name == "Lumen Labs Inc."
    assert ana.field_sources["organization"] == "vcard"


def test_each_handle_says_which_import_brought_it(owner: User) -> None:
    services.contact_create(
        owner=owner, full_name="Ana Bozic", handles=[("email", "ana@lumen.example")]
    )

    run = import_bytes(
        owner, vcard("FN:Ana Bozic", "EMAIL:ana@lumen.example", "TEL:+14155550199"), "a.vcf"
    )

    sources = {(h.kind, h.source, h.import_run_id) for h in Handle.objects.filter(owner=owner)}
    assert sources == {("email", "manual", None), ("phone", "vcard", run.pk)}


def test_one_record_with_handles_of_two_contacts_suggests_a_merge_and_merges_nothing(
    owner: User,
) -> None:
    email_one = services.contact_create(
        owner=owner, full_name="A. Bozic", handles=[("email", "ana@lumen.example")]
    )
    phone_one = services.contact_create(
        owner=owner, full_name="Ana", handles=[("phone", "+14155550199")]
    )

    run = import_bytes(
        owner, vcard("FN:Ana Bozic", "EMAIL:ana@lumen.example", "TEL:+14155550199"), "a.vcf"
    )

    assert run.duplicates_suggested == 1
    assert Contact.objects.filter(owner=owner).count() == 2
    suggestion = MergeSuggestion.objects.get(owner=owner)
    assert {suggestion.contact_a_id, suggestion.contact_b_id} == {email_one.pk, phone_one.pk}
    assert "gives handles of both" in suggestion.reasons[0]
