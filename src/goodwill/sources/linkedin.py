"""LinkedIn's "Get a copy of your data": the whole zip or any of its CSV files on their own.

Files are recognised by their header row, so a Connections.csv renamed or re-saved by a
spreadsheet (preamble gone, dates rewritten, a Row column added) still reads. Inside a zip,
members are found by name in any folder, whatever their case.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import PurePosixPath
from typing import IO

from goodwill.sources.contact_builder import ContactBuilder
from goodwill.sources.dates import parse_date, parse_timestamp
from goodwill.sources.errors import SourceError
from goodwill.sources.inputs import Blob
from goodwill.sources.linkedin_messages import read_messages
from goodwill.sources.linkedin_people import participant, participant_key
from goodwill.sources.records import (
    ContactRecord,
    Direction,
    EndorsementRecord,
    InvitationRecord,
    Origin,
    RecommendationRecord,
    SkippedRecord,
    SourceFormat,
    SourceRecord,
)
from goodwill.sources.tables import Row, Table, find_table, table_rows


class LinkedInFile(StrEnum):
    """The files of an export that Goodwill reads, by their usual names."""

    PROFILE = "Profile.csv"
    CONNECTIONS = "Connections.csv"
    INVITATIONS = "Invitations.csv"
    MESSAGES = "messages.csv"
    ENDORSEMENTS_GIVEN = "Endorsement_Given_Info.csv"
    ENDORSEMENTS_RECEIVED = "Endorsement_Received_Info.csv"
    RECOMMENDATIONS_GIVEN = "Recommendations_Given.csv"
    RECOMMENDATIONS_RECEIVED = "Recommendations_Received.csv"
    # Given and received recommendations share one header; only the file name tells them apart.
    RECOMMENDATIONS = "Recommendations_*.csv"


_MEMBER_KINDS = tuple(kind for kind in LinkedInFile if kind != LinkedInFile.RECOMMENDATIONS)
# Connections first, so that messages know who is not the user; messages last.
_READ_ORDER = (
    LinkedInFile.CONNECTIONS,
    LinkedInFile.INVITATIONS,
    LinkedInFile.ENDORSEMENTS_GIVEN,
    LinkedInFile.ENDORSEMENTS_RECEIVED,
    LinkedInFile.RECOMMENDATIONS_GIVEN,
    LinkedInFile.RECOMMENDATIONS_RECEIVED,
    LinkedInFile.MESSAGES,
)


def classify_header(header: tuple[str, ...]) -> LinkedInFile | None:
    """Which LinkedIn file a (normalised) header row belongs to, or None."""
    columns = set(header)
    if {"first name", "last name", "connected on"} <= columns:
        return LinkedInFile.CONNECTIONS
    if {"conversation id", "from", "to", "date", "content"} <= columns or {
        "from",
        "to",
        "date",
        "content",
        "direction",
    } <= columns:
        return LinkedInFile.MESSAGES
    if {"from", "to", "sent at", "direction"} <= columns:
        return LinkedInFile.INVITATIONS
    if {"skill name", "endorsee first name"} <= columns:
        return LinkedInFile.ENDORSEMENTS_GIVEN
    if {"skill name", "endorser first name"} <= columns:
        return LinkedInFile.ENDORSEMENTS_RECEIVED
    if {"first name", "last name", "text", "creation date"} <= columns:
        return LinkedInFile.RECOMMENDATIONS
    if {"first name", "last name", "headline"} <= columns:
        return LinkedInFile.PROFILE
    return None


def read_linkedin_csv(blob: Blob, *, default_region: str) -> Iterator[SourceRecord]:
    """The records of one LinkedIn CSV file, recognised by its header; SourceError when the
    header is not one of LinkedIn's, raised before the first record."""
    table = _table(blob)
    if table.layout == LinkedInFile.PROFILE:
        raise SourceError(
            blob.name,
            f"line {table.header_line}",
            "is your own LinkedIn profile: no contacts in it",
        )
    return _records_of(table, default_region=default_region)


# Zip-bomb limits. Real exports are tens of megabytes and their CSV files compress five to twenty
# times; a bomb claims gigabytes from a few kilobytes. zipfile never yields more bytes than a
# member's header declares (and fails its CRC check if the data disagrees), so checking the declared
# sizes before reading bounds what reading can cost.
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Below this, a high ratio costs nothing worth refusing (a CSV of one repeated row, say).
_RATIO_EXEMPT_BYTES = 1024 * 1024


def open_linkedin_zip(
    blob: Blob,
    *,
    max_member_bytes: int = MAX_MEMBER_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> LinkedInExport:
    """The export inside a zip archive; SourceError now when the archive is cut short,
    damaged, holds none of the files Goodwill reads, or would unpack to more than the limits
    allow (a zip bomb)."""
    with blob.reading("end of file"):
        stream = blob.opener()
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:
            stream.close()
            raise SourceError(
                blob.name, "end of file", "is not a complete zip archive (cut short or damaged)"
            ) from exc
    members = _find_members(archive)
    if not (members.keys() - {LinkedInFile.PROFILE}):
        archive.close()
        stream.close()
        wanted = ", ".join(kind.value for kind in _MEMBER_KINDS if kind != LinkedInFile.PROFILE)
        raise SourceError(
            blob.name, "archive", f"holds none of the LinkedIn export files ({wanted})"
        )
    try:
        _check_unpacked_sizes(
            blob.name,
            members.values(),
            max_member_bytes=max_member_bytes,
            max_total_bytes=max_total_bytes,
            max_ratio=max_ratio,
        )
    except SourceError:
        archive.close()
        stream.close()
        raise
    blobs = {
        kind: Blob.from_zip(archive, member, f"{blob.name}/{member.filename}")
        for kind, member in members.items()
    }
    return LinkedInExport(blob.name, archive, stream, blobs)


@dataclass
class LinkedInExport:
    """An opened LinkedIn zip: its members by kind, read in an order that lets messages know
    who the user is (Profile.csv's name, and not one of the user's own connections)."""

    name: str
    archive: zipfile.ZipFile
    stream: IO[bytes]
    members: dict[LinkedInFile, Blob]

    def records(self, *, default_region: str) -> Iterator[SourceRecord]:
        """Every record of every member; the archive is closed when the records run out. A member
        whose header Goodwill cannot read costs that member (a SkippedRecord says so), not the
        whole export; an empty member holds no records."""
        try:
            connections: set[str] = set()
            for kind in _READ_ORDER:
                blob = self.members.get(kind)
                if blob is None or not blob.head(4096).strip():
                    continue
                try:
                    table = _table(blob)
                except SourceError as exc:
                    line = int(exc.location[5:]) if exc.location[5:].isdigit() else 1
                    yield SkippedRecord(Origin(blob.name, line, 0), f"was not read: {exc.problem}")
                    continue
                if table.layout == LinkedInFile.MESSAGES:
                    yield from read_messages(
                        table, profile_name=self._profile_name(), connections=frozenset(connections)
                    )
                    continue
                for record in _records_of(table, default_region=default_region):
                    if isinstance(record, ContactRecord) and record.linkedin_url:
                        connections.add(record.linkedin_url.normalized)
                    yield record
        finally:
            # ZipFile leaves a stream it was handed open, so both are closed here.
            self.archive.close()
            self.stream.close()

    def _profile_name(self) -> str:
        blob = self.members.get(LinkedInFile.PROFILE)
        if blob is None:
            return ""
        try:
            table = find_table(blob, classify_header)
            for row in table_rows(table):
                return f"{row.get('first name')} {row.get('last name')}".strip()
        except SourceError:
            pass  # the profile only helps to name the user; messages still read without it
        return ""


def _check_unpacked_sizes(
    name: str,
    members: Iterable[zipfile.ZipInfo],
    *,
    max_member_bytes: int,
    max_total_bytes: int,
    max_ratio: int,
) -> None:
    """SourceError naming the first member Goodwill would read that unpacks too large or too
    compressed to be a real export file, or when together they unpack past the total limit."""
    total = 0
    for member in members:
        where = f"{name}/{member.filename}"
        unpacked = member.file_size
        if unpacked > max_member_bytes:
            raise SourceError(
                where,
                "archive",
                f"would unpack to {_megabytes(unpacked)}, more than the "
                f"{_megabytes(max_member_bytes)} one file may hold",
            )
        ratio = unpacked / max(member.compress_size, 1)
        if unpacked > _RATIO_EXEMPT_BYTES and ratio > max_ratio:
            raise SourceError(
                where,
                "archive",
                f"would unpack {ratio:.0f} times larger than it is stored (at most {max_ratio} "
                "is allowed); this looks like a zip bomb, not a LinkedIn export",
            )
        total += unpacked
        if total > max_total_bytes:
            raise SourceError(
                where,
                "archive",
                f"brings the export's files to {_megabytes(total)} unpacked, more than the "
                f"{_megabytes(max_total_bytes)} allowed",
            )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _find_members(archive: zipfile.ZipFile) -> dict[LinkedInFile, zipfile.ZipInfo]:
    wanted = {kind.value.casefold(): kind for kind in _MEMBER_KINDS}
    found: dict[LinkedInFile, zipfile.ZipInfo] = {}
    # 2022 exports hold a legacy copy, 'Endorsement Received Info.csv' (UTF-16, tabs): the
    # underscore spelling is preferred, then the shallowest path.
    infos = sorted(
        (info for info in archive.infolist() if not info.is_dir()),
        key=lambda info: (" " in PurePosixPath(info.filename).name, info.filename.count("/")),
    )
    for info in infos:
        base = PurePosixPath(info.filename).name.casefold().replace(" ", "_")
        kind = wanted.get(base)
        if kind is not None and kind not in found:
            found[kind] = info
    return found


def _table(blob: Blob) -> Table[LinkedInFile]:
    table = find_table(blob, classify_header)
    if table.layout == LinkedInFile.RECOMMENDATIONS:
        base = PurePosixPath(blob.name).name.casefold()
        if "given" in base:
            return replace(table, layout=LinkedInFile.RECOMMENDATIONS_GIVEN)
        if "received" in base:
            return replace(table, layout=LinkedInFile.RECOMMENDATIONS_RECEIVED)
        raise SourceError(
            blob.name,
            f"line {table.header_line}",
            "is a LinkedIn recommendations file, but only its name tells given from "
            "received: call it Recommendations_Given.csv or Recommendations_Received.csv",
        )
    return table


def _records_of(table: Table[LinkedInFile], *, default_region: str) -> Iterator[SourceRecord]:
    kind = table.layout
    if kind == LinkedInFile.CONNECTIONS:
        return _connections(table, default_region)
    if kind == LinkedInFile.INVITATIONS:
        return _invitations(table)
    if kind in (LinkedInFile.ENDORSEMENTS_GIVEN, LinkedInFile.ENDORSEMENTS_RECEIVED):
        return _endorsements(table)
    if kind in (LinkedInFile.RECOMMENDATIONS_GIVEN, LinkedInFile.RECOMMENDATIONS_RECEIVED):
        return _recommendations(table)
    if kind == LinkedInFile.MESSAGES:
        return read_messages(table)
    return iter(())  # the user's own profile: it names them, but holds nobody else


def _origin(table: Table[LinkedInFile], row: Row) -> Origin:
    return Origin(table.blob.name, row.line, row.number)


def _connections(table: Table[LinkedInFile], default_region: str) -> Iterator[SourceRecord]:
    for row in table_rows(table):
        origin = _origin(table, row)
        if problem := row.misfit(len(table.header)):
            yield SkippedRecord(origin, problem)
            continue
        contact = ContactBuilder(
            source=SourceFormat.LINKEDIN, origin=origin, default_region=default_region
        )
        contact.given_name = row.get("first name")
        contact.family_name = row.get("last name")
        contact.add_linkedin(row.get("url", "profile url"))
        contact.add_email(row.get("email address"))
        contact.organization = row.get("company")
        contact.position = row.get("position")
        connected = row.get("connected on")
        try:
            contact.connected_on = parse_date(connected)
        except ValueError:
            contact.add_problem(f"Connected On {connected!r} is not a date")
        yield contact.build()


def _direction(text: str) -> Direction | None:
    return {"OUTGOING": Direction.FROM_ME, "INCOMING": Direction.TO_ME}.get(text.upper())


def _moment(text: str) -> tuple[datetime | None, bool]:
    # The time, and whether the cell was readable (an empty cell is, and gives None).
    try:
        return parse_timestamp(text), True
    except ValueError:
        return None, False


def _invitations(table: Table[LinkedInFile]) -> Iterator[SourceRecord]:
    for row in table_rows(table):
        origin = _origin(table, row)
        direction = _direction(row.get("direction"))
        if direction is None:
            found = row.get("direction")
            yield SkippedRecord(origin, f"Direction {found!r} is not OUTGOING or INCOMING")
            continue
        if direction == Direction.FROM_ME:
            counterpart = participant(row.get("to"), row.get("inviteeprofileurl"))
        else:
            counterpart = participant(row.get("from"), row.get("inviterprofileurl"))
        sent_at, readable = _moment(row.get("sent at"))
        if not readable:
            yield SkippedRecord(origin, f"Sent At {row.get('sent at')!r} is not a time")
            continue
        if not counterpart.name and counterpart.linkedin is None:
            yield SkippedRecord(origin, "names nobody on the other side")
            continue
        when = sent_at.isoformat() if sent_at else ""
        yield InvitationRecord(
            source_key=f"invitation:{direction}:{participant_key(counterpart)}:{when}",
            origin=origin,
            direction=direction,
            counterpart=counterpart,
            sent_at=sent_at,
            message=row.get("message"),
        )


def _endorsements(table: Table[LinkedInFile]) -> Iterator[SourceRecord]:
    given = table.layout == LinkedInFile.ENDORSEMENTS_GIVEN
    role = "endorsee" if given else "endorser"
    direction = Direction.FROM_ME if given else Direction.TO_ME
    for row in table_rows(table):
        origin = _origin(table, row)
        name = f"{row.get(f'{role} first name')} {row.get(f'{role} last name')}"
        counterpart = participant(name, row.get(f"{role} public url"))
        skill = row.get("skill name")
        endorsed_at, readable = _moment(row.get("endorsement date"))
        if not readable:
            found = row.get("endorsement date")
            yield SkippedRecord(origin, f"Endorsement Date {found!r} is not a time")
            continue
        if not skill or (not counterpart.name and counterpart.linkedin is None):
            yield SkippedRecord(origin, "names no skill or nobody on the other side")
            continue
        yield EndorsementRecord(
            source_key=f"endorsement:{direction}:{participant_key(counterpart)}:{skill.casefold()}",
            origin=origin,
            direction=direction,
            counterpart=counterpart,
            skill=skill,
            endorsed_at=endorsed_at,
            status=row.get("endorsement status").upper(),
        )


def _recommendations(table: Table[LinkedInFile]) -> Iterator[SourceRecord]:
    given = table.layout == LinkedInFile.RECOMMENDATIONS_GIVEN
    direction = Direction.FROM_ME if given else Direction.TO_ME
    for row in table_rows(table):
        origin = _origin(table, row)
        counterpart = participant(f"{row.get('first name')} {row.get('last name')}")
        created_at, readable = _moment(row.get("creation date"))
        if not readable:
            yield SkippedRecord(origin, f"Creation Date {row.get('creation date')!r} is not a time")
            continue
        if not counterpart.name:
            yield SkippedRecord(origin, "names nobody on the other side")
            continue
        when = created_at.isoformat() if created_at else ""
        yield RecommendationRecord(
            source_key=f"recommendation:{direction}:{participant_key(counterpart)}:{when}",
            origin=origin,
            direction=direction,
            counterpart=counterpart,
            company=row.get("company"),
            job_title=row.get("job title"),
            text=row.cells.get("text", "").strip(),
            created_at=created_at,
            status=row.get("status").upper(),
        )
