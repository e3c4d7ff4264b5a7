from __future__ import annotations

import io
import zipfile
from collections import Counter

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.records import (
    ContactRecord,
    Direction,
    EndorsementRecord,
    InvitationRecord,
    MessageRecord,
    RecommendationRecord,
    SkippedRecord,
)
from tests.sources.helpers import csv_text, read, zip_bytes
from tests.sources.layouts import (
    CONNECTIONS_2024,
    ENDORSEMENTS_GIVEN,
    ENDORSEMENTS_RECEIVED_2022,
    INVITATIONS_2024,
    LINKEDIN_NOTES,
    MESSAGES_2024,
    PROFILE,
    RECOMMENDATIONS,
)

ME = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera")
ANA = ("Ana Bozic", "https://www.linkedin.com/in/ana-bozic")


def message(sender: tuple[str, str], recipient: tuple[str, str], content: str) -> dict[str, str]:
    return {
        "CONVERSATION ID": "c1",
        "FROM": sender[0],
        "SENDER PROFILE URL": sender[1],
        "TO": recipient[0],
        "RECIPIENT PROFILE URLS": recipient[1],
        "DATE": "2024-12-16 18:24:37 UTC",
        "CONTENT": content,
        "FOLDER": "INBOX",
        "IS MESSAGE DRAFT": "No",
    }


CONNECTIONS = csv_text(
    CONNECTIONS_2024,
    [{"First Name": "Ana", "Last Name": "Bozic", "URL": ANA[1], "Connected On": "16 Dec 2024"}],
    preamble=LINKEDIN_NOTES,
)
# One conversation of two people: counting alone cannot tell which of them is the user.
MESSAGES = csv_text(MESSAGES_2024, [message(ANA, ME, "Hello"), message(ME, ANA, "Hi Ana")])


def full_export() -> bytes:
    return zip_bytes(
        {
            "Basic_LinkedInDataExport_12-16-2024/Connections.csv": CONNECTIONS,
            "Basic_LinkedInDataExport_12-16-2024/MESSAGES.CSV": MESSAGES,
            "Basic_LinkedInDataExport_12-16-2024/Invitations.csv": csv_text(
                INVITATIONS_2024,
                [
                    {
                        "From": "Sam Rivera",
                        "To": "Ana Bozic",
                        "Sent At": "12/15/24, 7:47 AM",
                        "Direction": "OUTGOING",
                        "inviteeProfileUrl": ANA[1],
                    }
                ],
            ),
            "Endorsement_Given_Info.csv": csv_text(
                ENDORSEMENTS_GIVEN,
                [
                    {
                        "Endorsement Date": "2024/12/15 08:53:43 UTC",
                        "Skill Name": "Sales",
                        "Endorsee First Name": "Ana",
                        "Endorsee Last Name": "Bozic",
                    }
                ],
            ),
            "Recommendations_Received.csv": csv_text(
                RECOMMENDATIONS,
                [
                    {
                        "First Name": "Ana",
                        "Last Name": "Bozic",
                        "Text": "Great",
                        "Creation Date": "11/27/24, 09:51 AM",
                        "Status": "VISIBLE",
                    }
                ],
            ),
            "Profile.csv": csv_text(PROFILE, [{"First Name": "Sam", "Last Name": "Rivera"}]),
            "Skills.csv": "Name\nSales\n",
        }
    )


def test_a_whole_export_yields_every_kind_of_record_from_any_folder_in_any_case() -> None:
    kinds = Counter(type(r).__name__ for r in read(full_export(), "export.zip"))
    assert kinds == {
        "ContactRecord": 1,
        "MessageRecord": 2,
        "InvitationRecord": 1,
        "EndorsementRecord": 1,
        "RecommendationRecord": 1,
    }


def test_records_from_a_zip_name_the_archive_and_the_member() -> None:
    contact = next(r for r in read(full_export(), "export.zip") if isinstance(r, ContactRecord))
    assert str(contact.origin) == (
        "export.zip/Basic_LinkedInDataExport_12-16-2024/Connections.csv, line 5"
    )


def test_in_a_two_person_conversation_the_user_is_the_one_who_is_not_a_connection() -> None:
    records = read(full_export(), "export.zip")
    found = [r for r in records if isinstance(r, MessageRecord)]
    assert [(m.content, m.direction) for m in found] == [
        ("Hello", Direction.TO_ME),
        ("Hi Ana", Direction.FROM_ME),
    ]
    assert [p.name for p in found[1].counterparts] == ["Ana Bozic"]


def test_profile_csv_names_the_user_when_nothing_else_can() -> None:
    export = zip_bytes(
        {
            "messages.csv": MESSAGES,
            "Profile.csv": csv_text(PROFILE, [{"First Name": "Sam", "Last Name": "Rivera"}]),
        }
    )
    found = [r for r in read(export, "export.zip") if isinstance(r, MessageRecord)]
    assert [m.direction for m in found] == [Direction.TO_ME, Direction.FROM_ME]


def test_the_other_kinds_arrive_with_the_right_direction() -> None:
    records = read(full_export(), "export.zip")
    invitation = next(r for r in records if isinstance(r, InvitationRecord))
    endorsement = next(r for r in records if isinstance(r, EndorsementRecord))
    recommendation = next(r for r in records if isinstance(r, RecommendationRecord))
    assert invitation.direction == Direction.FROM_ME
    assert endorsement.direction == Direction.FROM_ME
    assert recommendation.direction == Direction.TO_ME


def test_the_underscore_endorsement_file_wins_over_its_legacy_utf16_twin() -> None:
    legacy = "\t".join(ENDORSEMENTS_RECEIVED_2022) + "\n2022/09/01 10:00:00 UTC\tOld\tCy\tNg\tX\n"
    modern = csv_text(
        ENDORSEMENTS_RECEIVED_2022,
        [{"Endorsement Date": "2022/09/01 10:00:00 UTC", "Skill Name": "New",
          "Endorser First Name": "Cy", "Endorser Last Name": "Ng"}],
    )  # fmt: skip
    export = zip_bytes(
        {
            "Endorsement Received Info.csv": legacy.encode("utf-16"),
            "Endorsement_Received_Info.csv": modern,
        }
    )
    [record] = read(export, "export.zip")
    assert isinstance(record, EndorsementRecord)
    assert record.skill == "New"


def test_a_truncated_zip_is_one_line_naming_the_file() -> None:
    data = full_export()
    with pytest.raises(SourceError) as caught:
        read(data[: len(data) // 2], "export.zip")
    assert str(caught.value) == (
        "export.zip, end of file: is not a complete zip archive (cut short or damaged)"
    )


def test_a_damaged_member_is_reported_by_its_name() -> None:
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
    data = bytearray(stored.getvalue())
    at = data.index(b"Ana,Bozic")
    data[at : at + 3] = b"Eva"  # the stored CRC no longer matches
    with pytest.raises(SourceError, match=r"export\.zip/Connections\.csv, line 1: cannot be read"):
        read(bytes(data), "export.zip")


def test_a_zip_without_linkedin_files_says_what_it_looked_for() -> None:
    with pytest.raises(SourceError, match=r"holds none of the LinkedIn export files \(Connections"):
        read(zip_bytes({"photos/cat.jpg": b"\xff\xd8\xff"}), "photos.zip")


def test_an_export_yields_skipped_records_for_bad_rows_and_keeps_the_rest() -> None:
    broken = CONNECTIONS + "Eva,Ek,,,Acme, Inc,CEO,16 Dec 2024\n"
    records = read(zip_bytes({"Connections.csv": broken}), "export.zip")
    assert [type(r) for r in records] == [ContactRecord, SkippedRecord]


def test_a_member_with_a_header_goodwill_cannot_read_costs_that_member_only() -> None:
    export = zip_bytes({"Connections.csv": CONNECTIONS, "Invitations.csv": "Who,When\nx,y\n"})
    records = read(export, "export.zip")
    assert [type(r) for r in records] == [ContactRecord, SkippedRecord]
    assert str(records[1]) == (
        "export.zip/Invitations.csv, line 1: was not read: the header fits no format Goodwill knows"
    )


def test_an_empty_member_holds_no_records_and_no_complaint() -> None:
    export = zip_bytes({"Connections.csv": CONNECTIONS, "Invitations.csv": ""})
    assert [type(r) for r in read(export, "export.zip")] == [ContactRecord]


def test_coach_and_learning_messages_are_not_taken_for_the_users_messages() -> None:
    export = zip_bytes(
        {
            "Connections.csv": CONNECTIONS,
            "coach_messages.csv": MESSAGES,
            "learning_coach_messages.csv": MESSAGES,
        }
    )
    assert [type(r) for r in read(export, "export.zip")] == [ContactRecord]


def test_a_member_packed_with_an_unknown_method_is_reported_by_name() -> None:
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
    data = bytearray(stored.getvalue())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.index(signature) + offset
        data[at : at + 2] = (99).to_bytes(2, "little")  # compression method 99: AES, say
    with pytest.raises(SourceError, match=r"^export\.zip/Connections\.csv, line 1: cannot be read"):
        read(bytes(data), "export.zip")
