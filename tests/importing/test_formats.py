"""Every format Goodwill reads turns into contacts, handles, organizations and history."""

from __future__ import annotations

import base64
from datetime import date

from django.contrib.auth.models import User

from goodwill.network import services
from goodwill.network.models import Contact, ContactPhoto, Give, Interaction
from tests.importing.helpers import (
    ANA,
    BEN,
    CARA,
    ME,
    PNG,
    connection_row,
    contact_named,
    counts,
    handles_of,
    import_bytes,
    linkedin_export,
    message_row,
    vcard,
)
from tests.sources.helpers import csv_text, zip_bytes
from tests.sources.layouts import (
    CONNECTIONS_2018,
    GOOGLE,
    MESSAGES_2018,
    OUTLOOK_COM,
    OUTLOOK_DESKTOP,
    THUNDERBIRD,
)


def test_a_linkedin_export_brings_contacts_organizations_positions_and_when_you_connected(
    owner: User,
) -> None:
    export = linkedin_export(
        connections=[
            connection_row(ANA, email="ana@lumen.example", company="Lumen", position="CTO"),
            connection_row(BEN, company="Okafor Builders"),
        ]
    )

    run = import_bytes(owner, export, "Basic_LinkedInDataExport.zip")

    assert run.format == "linkedin"
    assert counts(run) == {"added": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    ana = contact_named(owner, "Ana Bozic")
    assert ana.organization is not None
    assert ana.organization.name == "Lumen"
    assert ana.position == "CTO"
    assert ana.connected_on == date(2024, 12, 16)
    assert handles_of(ana) == {
        ("linkedin", "linkedin.com/in/ana-bozic"),
        ("email", "ana@lumen.example"),
    }


def test_linkedin_messages_become_interactions_with_the_right_direction(owner: User) -> None:
    export = linkedin_export(
        connections=[connection_row(ANA)],
        messages=[
            message_row(ANA, [ME], "Could you intro me to Ben?", date="2024-12-01 09:00:00 UTC"),
            message_row(ME, [ANA], "Sure &amp; gladly", date="2024-12-02 10:00:00 UTC"),
        ],
    )

    import_bytes(owner, export, "export.zip")

    ana = contact_named(owner, "Ana Bozic")
    messages = list(ana.interactions.order_by("occurred_at"))
    assert [(m.kind, m.direction, m.summary) for m in messages] == [
        ("message", "in", "Could you intro me to Ben?"),
        ("message", "out", "Sure & gladly"),
    ]
    assert {m.source for m in messages} == {"linkedin"}
    assert all(m.source_key for m in messages)
    ana.refresh_from_db()
    assert ana.last_touch_at == messages[-1].occurred_at


def test_a_group_conversation_includes_every_known_participant(owner: User) -> None:
    export = linkedin_export(
        connections=[connection_row(ANA), connection_row(BEN)],
        messages=[message_row(ANA, [ME, BEN, CARA], "Welcome, all three of you")],
    )

    import_bytes(owner, export, "export.zip")

    [message] = Interaction.objects.filter(owner=owner)
    names = set(message.contacts.values_list("full_name", flat=True))
    assert names == {"Ana Bozic", "Ben Okafor", "Cara Lind"}


def test_drafts_are_skipped_with_their_reason(owner: User) -> None:
    export = linkedin_export(
        connections=[connection_row(ANA)],
        messages=[message_row(ME, [ANA], "Half-written thought", draft="Yes")],
    )

    run = import_bytes(owner, export, "export.zip")

    assert run.skipped == 1
    [skip] = run.skips.all()
    assert "draft" in skip.reason
    assert "messages.csv" in skip.location
    assert not Interaction.objects.filter(owner=owner).exists()


def test_invitations_endorsements_and_recommendations_become_interactions_and_gives(
    owner: User,
) -> None:
    export = linkedin_export(
        connections=[connection_row(ANA), connection_row(BEN)],
        invitations=[
            {
                "From": "Sam Rivera",
                "To": "Ana Bozic",
                "Sent At": "12/15/24, 7:47 AM",
                "Message": "Great to meet you at the meetup",
                "Direction": "OUTGOING",
                "inviterProfileUrl": ME[1],
                "inviteeProfileUrl": ANA[1],
            }
        ],
        endorsements_given=[
            {
                "Endorsement Date": "2024/12/15 08:53:43 UTC",
                "Skill Name": "Typography",
                "Endorsee First Name": "Ana",
                "Endorsee Last Name": "Bozic",
                "Endorsee Public Url": "www.linkedin.com/in/ana-bozic",
                "Endorsement Status": "ACCEPTED",
            }
        ],
        endorsements_received=[
            {
                "Endorsement Date": "2024/12/14 08:53:43 UTC",
                "Skill Name": "Pricing",
                "Endorser First Name": "Ben",
                "Endorser Last Name": "Okafor",
                "Endorser Public Url": "www.linkedin.com/in/ben-okafor",
                "Endorsement Status": "ACCEPTED",
            }
        ],
        recommendations_received=[
            {
                "First Name": "Ben",
                "Last Name": "Okafor",
                "Company": "Okafor Builders",
                "Job Title": "Founder",
                "Text": "Sam rescued our launch.",
                "Creation Date": "11/27/24, 09:51 AM",
                "Status": "VISIBLE",
            }
        ],
    )

    run = import_bytes(owner, export, "export.zip")

    assert run.skipped == 0
    ana, ben = contact_named(owner, "Ana Bozic"), contact_named(owner, "Ben Okafor")
    [invitation] = ana.interactions.all()
    assert (invitation.kind, invitation.direction) == ("social", "out")
    assert "Great to meet you" in invitation.summary
    gives = {
        (give.contact_id, give.kind, give.direction, give.summary)
        for give in Give.objects.filter(owner=owner)
    }
    assert gives == {
        (ana.pk, "endorsement", "out", "Endorsement for Typography"),
        (ben.pk, "endorsement", "in", "Endorsement for Pricing"),
        (ben.pk, "recommendation", "in", "Recommendation: Sam rescued our launch."),
    }
    assert all(give.source == "linkedin" and give.source_key for give in Give.objects.all())


def test_a_vcard_keeps_names_handles_birthday_without_a_year_and_the_photo(owner: User) -> None:
    card = vcard(
        "FN:Lori Chen",
        "N:Chen;Lori;;;",
        "ORG:Northwind Design",
        "TITLE:Art director",
        "EMAIL;TYPE=work:Lori@Northwind.example",
        "TEL;TYPE=cell:+1 415 555 0134",
        "URL:https://www.linkedin.com/in/lori-chen/",
        "BDAY:--0203",
        "NOTE:Met at the Typo conference",
        "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(PNG).decode(),
    )

    run = import_bytes(owner, card, "contacts.vcf")

    assert run.format == "vcard"
    assert run.added == 1
    lori = contact_named(owner, "Lori Chen")
    assert lori.organization is not None
    assert lori.organization.name == "Northwind Design"
    assert (lori.position, lori.notes) == ("Art director", "Met at the Typo conference")
    assert (lori.birthday_year, lori.birthday_month, lori.birthday_day) == (None, 2, 3)
    assert handles_of(lori) == {
        ("email", "lori@northwind.example"),
        ("phone", "+14155550134"),
        ("linkedin", "linkedin.com/in/lori-chen"),
    }
    photo = ContactPhoto.objects.get(contact=lori)
    assert (bytes(photo.data), photo.mime_type) == (PNG, "image/png")


def test_a_google_contacts_csv_imports(owner: User) -> None:
    data = csv_text(
        GOOGLE,
        [
            {
                "First Name": "Priya",
                "Last Name": "Shah",
                "Organization Name": "Lumen Labs",
                "Organization Title": "CTO",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": "priya@lumen.example ::: priya.shah@gmail.com",
                "Phone 1 - Value": "+44 20 7946 0958",
                "Birthday": "1990-04-01",
            }
        ],
    )

    run = import_bytes(owner, "\ufeff" + data, "contacts.csv")

    assert (run.format, run.added) == ("google-csv", 1)
    priya = contact_named(owner, "Priya Shah")
    assert (priya.birthday_year, priya.birthday_month, priya.birthday_day) == (1990, 4, 1)
    assert handles_of(priya) == {
        ("email", "priya@lumen.example"),
        ("email", "priya.shah@gmail.com"),
        ("phone", "+442079460958"),
    }


def test_outlook_and_thunderbird_csvs_import(owner: User) -> None:
    desktop = csv_text(
        OUTLOOK_DESKTOP,
        [{"First Name": "Omar", "Last Name": "Haddad", "E-mail Address": "omar@haddad.example"}],
    )
    outlook_com = csv_text(
        OUTLOOK_COM,
        [{"First Name": "Mei", "Last Name": "Tanaka", "Mobile Phone": "(415) 555-0100"}],
    )
    thunderbird = csv_text(
        THUNDERBIRD,
        [{"First Name": "Jonas", "Last Name": "Berg", "Primary Email": "jonas@berg.example"}],
    )

    runs = [
        import_bytes(owner, desktop, "outlook.csv"),
        import_bytes(owner, outlook_com, "outlook-com.csv"),
        import_bytes(owner, thunderbird, "thunderbird.csv"),
    ]

    assert [(run.format, run.added) for run in runs] == [
        ("outlook-csv", 1),
        ("outlook-csv", 1),
        ("thunderbird-csv", 1),
    ]
    assert handles_of(contact_named(owner, "Mei Tanaka")) == {("phone", "+14155550100")}
    assert handles_of(contact_named(owner, "Jonas Berg")) == {("email", "jonas@berg.example")}


def test_phones_without_a_country_code_follow_the_chosen_region(owner: User) -> None:
    card = vcard("FN:Hanna Vogel", "TEL:0351 4400 800")

    import_bytes(owner, card, "contacts.vcf", default_region="DE")

    assert handles_of(contact_named(owner, "Hanna Vogel")) == {("phone", "+493514400800")}


def test_a_2018_export_without_profiles_joins_messages_to_connections_by_name(
    owner: User,
) -> None:
    connections = csv_text(
        CONNECTIONS_2018,
        [
            {
                "First Name": "Ana",
                "Last Name": "Bozic",
                "Company": "Lumen",
                "Connected On": "1/8/18, 6:14 PM",
            },
            {"First Name": "Ben", "Last Name": "Okafor", "Connected On": "1/9/18, 6:14 PM"},
        ],
    )
    messages = csv_text(
        MESSAGES_2018,
        [
            {
                "From": "Ana Bozic",
                "To": "Sam Rivera",
                "Date": "10/16/18, 8:36 AM",
                "Content": "Hi Sam",
                "Direction": "INCOMING",
                "Folder": "INBOX",
            },
            {
                "From": "Sam Rivera",
                "To": "Ben Okafor",
                "Date": "10/17/18, 8:36 AM",
                "Content": "Hi Ben",
                "Direction": "OUTGOING",
                "Folder": "INBOX",
            },
        ],
    )
    export = zip_bytes({"Connections.csv": connections, "Messages.csv": messages})

    first = import_bytes(owner, export, "export-2018.zip")
    again = import_bytes(owner, export, "export-2018.zip")

    assert counts(first) == {"added": 4, "updated": 0, "unchanged": 0, "skipped": 0}
    assert counts(again) == {"added": 0, "updated": 0, "unchanged": 4, "skipped": 0}
    assert Contact.objects.filter(owner=owner).count() == 2
    ana, ben = contact_named(owner, "Ana Bozic"), contact_named(owner, "Ben Okafor")
    assert [(i.direction, i.summary) for i in ana.interactions.all()] == [("in", "Hi Sam")]
    assert [(i.direction, i.summary) for i in ben.interactions.all()] == [("out", "Hi Ben")]


def test_a_message_from_a_name_two_contacts_share_is_skipped_with_why(owner: User) -> None:
    services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Acme")
    services.contact_create(owner=owner, full_name="Jane Doe", organization_name="Zeta")
    messages = csv_text(
        MESSAGES_2018,
        [
            {
                "From": "Jane Doe",
                "To": "Sam Rivera",
                "Date": "10/16/18, 8:36 AM",
                "Content": "Hi",
                "Direction": "INCOMING",
                "Folder": "INBOX",
            }
        ],
    )

    run = import_bytes(owner, messages, "Messages.csv")

    assert run.skipped == 1
    assert run.skips.get().reason == "Jane Doe could be any of 2 contacts of that name"
    assert not Interaction.objects.exists()
