from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from goodwill.sources.errors import SourceError
from goodwill.sources.records import (
    Direction,
    EndorsementRecord,
    InvitationRecord,
    RecommendationRecord,
    SkippedRecord,
)
from tests.sources.helpers import csv_text, read
from tests.sources.layouts import (
    ENDORSEMENTS_GIVEN,
    ENDORSEMENTS_RECEIVED,
    ENDORSEMENTS_RECEIVED_2022,
    INVITATIONS_2018,
    INVITATIONS_2024,
    PROFILE,
    RECOMMENDATIONS,
)

INVITATIONS = [
    {"From": "Sam Rivera", "To": "Linnéa Blixt", "Sent At": "12/15/24, 7:47 AM",
     "Message": "Great talk today!", "Direction": "OUTGOING",
     "inviterProfileUrl": "https://www.linkedin.com/in/sam-rivera",
     "inviteeProfileUrl": "https://www.linkedin.com/in/linnéa-blixt"},
    {"From": "Bo Li", "To": "Sam Rivera", "Sent At": "12/1/24, 11:02 PM", "Message": "",
     "Direction": "INCOMING", "inviterProfileUrl": "https://www.linkedin.com/in/bo-li",
     "inviteeProfileUrl": "https://www.linkedin.com/in/sam-rivera"},
]  # fmt: skip


def test_invitations_know_who_is_on_the_other_side_and_which_way_they_went() -> None:
    sent, received = read(csv_text(INVITATIONS_2024, INVITATIONS), "Invitations.csv")
    assert isinstance(sent, InvitationRecord)
    assert isinstance(received, InvitationRecord)
    assert (sent.direction, sent.counterpart.name) == (Direction.FROM_ME, "Linnéa Blixt")
    assert sent.counterpart.linkedin is not None
    assert sent.counterpart.linkedin.normalized == "linkedin.com/in/linnéa-blixt"
    assert sent.message == "Great talk today!"
    assert sent.sent_at == datetime(2024, 12, 15, 7, 47, tzinfo=UTC)
    assert (received.direction, received.counterpart.name) == (Direction.TO_ME, "Bo Li")
    assert received.sent_at == datetime(2024, 12, 1, 23, 2, tzinfo=UTC)


def test_invitations_before_2024_have_names_but_no_profiles() -> None:
    sent, _ = read(csv_text(INVITATIONS_2018, INVITATIONS))
    assert isinstance(sent, InvitationRecord)
    assert sent.counterpart.name == "Linnéa Blixt"
    assert sent.counterpart.linkedin is None


def test_an_invitation_with_an_unknown_direction_is_skipped_with_why() -> None:
    row = {**INVITATIONS[0], "Direction": "SIDEWAYS"}
    [skip] = read(csv_text(INVITATIONS_2024, [row]), "Invitations.csv")
    assert str(skip) == (
        "Invitations.csv, line 2: Direction 'SIDEWAYS' is not OUTGOING or INCOMING"
    )


def test_endorsements_received_name_the_endorser_and_the_skill() -> None:
    row = {"Endorsement Date": "2024/12/15 08:53:43 UTC", "Skill Name": "Negotiation",
           "Endorser First Name": "Ana", "Endorser Last Name": "Bozic",
           "Endorser Public Url": "www.linkedin.com/in/ana-bozic",
           "Endorsement Status": "ACCEPTED"}  # fmt: skip
    [record] = read(csv_text(ENDORSEMENTS_RECEIVED, [row]), "Endorsement_Received_Info.csv")
    assert isinstance(record, EndorsementRecord)
    assert record.direction == Direction.TO_ME
    assert record.skill == "Negotiation"
    assert record.counterpart.name == "Ana Bozic"
    assert record.counterpart.linkedin is not None
    assert record.counterpart.linkedin.normalized == "linkedin.com/in/ana-bozic"
    assert record.endorsed_at == datetime(2024, 12, 15, 8, 53, 43, tzinfo=UTC)
    assert record.status == "ACCEPTED"


def test_endorsements_given_go_from_the_user() -> None:
    row = {
        "Endorsement Date": "2024/12/15 08:53:43 UTC",
        "Skill Name": "Python",
        "Endorsee First Name": "Bo",
        "Endorsee Last Name": "Li",
        "Endorsee Public Url": "www.linkedin.com/in/bo-li",
        "Endorsement Status": "ACCEPTED",
    }
    [record] = read(csv_text(ENDORSEMENTS_GIVEN, [row]), "anything.csv")
    assert isinstance(record, EndorsementRecord)
    assert (record.direction, record.counterpart.name) == (Direction.FROM_ME, "Bo Li")


def test_the_legacy_utf16_tab_separated_endorsement_file_reads() -> None:
    header = "\t".join(f'"{name}"' for name in ENDORSEMENTS_RECEIVED_2022)
    row = "\t".join(
        f'"{cell}"' for cell in ("2022/09/01 10:00:00 UTC", "Go", "Cy", "Ng", "ACCEPTED")
    )
    data = codecs.BOM_UTF16_LE + f"{header}\r\n{row}\r\n".encode("utf-16-le")
    [record] = read(data, "Endorsement Received Info.csv")
    assert isinstance(record, EndorsementRecord)
    assert (record.skill, record.counterpart.name) == ("Go", "Cy Ng")
    assert record.counterpart.linkedin is None


RECOMMENDATION = {
    "First Name": "Ana",
    "Last Name": "Bozic",
    "Company": "Northwind",
    "Job Title": "Head of Sales",
    "Text": "Sam is a joy to work with.\nHighly recommended.",
    "Creation Date": "11/27/24, 09:51 AM",
    "Status": "VISIBLE",
}


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        ("Recommendations_Given.csv", Direction.FROM_ME),
        ("Recommendations_Received.csv", Direction.TO_ME),
    ],
)
def test_recommendations_take_their_direction_from_the_file_name(
    name: str, direction: Direction
) -> None:
    [record] = read(csv_text(RECOMMENDATIONS, [RECOMMENDATION]), name)
    assert isinstance(record, RecommendationRecord)
    assert record.direction == direction
    assert record.counterpart.name == "Ana Bozic"
    assert (record.company, record.job_title) == ("Northwind", "Head of Sales")
    assert record.text == "Sam is a joy to work with.\nHighly recommended."
    assert record.created_at == datetime(2024, 11, 27, 9, 51, tzinfo=UTC)


def test_a_recommendations_file_whose_name_says_neither_way_is_refused_with_advice() -> None:
    with pytest.raises(SourceError) as caught:
        read(csv_text(RECOMMENDATIONS, [RECOMMENDATION]), "recs.csv")
    assert str(caught.value).startswith("recs.csv, line 1: is a LinkedIn recommendations file")
    assert "Recommendations_Given.csv" in str(caught.value)


def test_a_recommendation_with_an_unreadable_date_is_skipped() -> None:
    row = {**RECOMMENDATION, "Creation Date": "last spring"}
    [skip] = read(csv_text(RECOMMENDATIONS, [row]), "Recommendations_Given.csv")
    assert isinstance(skip, SkippedRecord)
    assert skip.reason == "Creation Date 'last spring' is not a time"


def test_a_lone_profile_file_is_refused_as_holding_no_contacts() -> None:
    with pytest.raises(SourceError, match=r"Profile\.csv, line 1: is your own LinkedIn profile"):
        read(csv_text(PROFILE, [{"First Name": "Sam", "Last Name": "Rivera"}]), "Profile.csv")


def test_re_exported_invitations_keep_their_keys() -> None:
    once = read(csv_text(INVITATIONS_2024, INVITATIONS))
    again = read(csv_text(INVITATIONS_2024, list(reversed(INVITATIONS))))
    keys = {r.source_key for r in once if isinstance(r, InvitationRecord)}
    assert len(keys) == 2
    assert keys == {r.source_key for r in again if isinstance(r, InvitationRecord)}
