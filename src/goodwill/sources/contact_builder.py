"""Gathers what one source says about a person into a ContactRecord, the same way for every format:
handles normalised and de-duplicated, a name found even when the source gave none outright, a
source key that survives re-exports, and every unusable value written down as a problem."""

from __future__ import annotations

from datetime import date

from goodwill.sources.handles import (
    HandleError,
    is_linkedin_host,
    normalize_email,
    normalize_linkedin_url,
    normalize_phone,
    normalize_url,
    split_url,
)
from goodwill.sources.records import (
    Birthday,
    ContactRecord,
    HandleRecord,
    Origin,
    Photo,
    SkippedRecord,
    SourceFormat,
)


class ContactBuilder:
    """Collects one contact's fields in any order; build() makes the record or says why not."""

    def __init__(self, *, source: SourceFormat, origin: Origin, default_region: str) -> None:
        self.source = source
        self.origin = origin
        self.default_region = default_region
        self.uid = ""
        self.full_name = ""
        self.prefix = ""
        self.given_name = ""
        self.middle_name = ""
        self.family_name = ""
        self.suffix = ""
        self.nickname = ""
        self.organization = ""
        self.position = ""
        self.birthday: Birthday | None = None
        self.photo: Photo | None = None
        self.connected_on: date | None = None
        self._notes: list[str] = []
        self._emails: dict[str, HandleRecord] = {}
        self._phones: dict[str, HandleRecord] = {}
        self._urls: dict[str, HandleRecord] = {}
        self._linkedin: HandleRecord | None = None
        self._problems: list[str] = []

    def add_email(self, raw: str, label: str = "") -> None:
        """An email address; a value that is no address becomes a problem."""
        raw = raw.strip()
        if raw:
            self._add("email", raw, label, self._emails)

    def add_phone(self, raw: str, label: str = "") -> None:
        """A phone number, normalised to E.164 in the builder's default region."""
        raw = raw.strip()
        if raw:
            self._add("phone", raw, label, self._phones)

    def add_url(self, raw: str, label: str = "") -> None:
        """A web address; a LinkedIn profile becomes the contact's LinkedIn handle instead."""
        raw = raw.strip()
        if not raw:
            return
        try:
            host = split_url(raw).hostname or ""
        except HandleError:
            host = ""  # normalize_url below says what is wrong with it
        if is_linkedin_host(host) and self._linkedin is None:
            try:
                normalized = normalize_linkedin_url(raw)
            except HandleError:
                pass  # a company page or a feed on linkedin.com: an ordinary website
            else:
                self._linkedin = HandleRecord("linkedin", raw, normalized, label)
                return
        self._add("website", raw, label, self._urls)

    def add_linkedin(self, raw: str, label: str = "") -> None:
        """A LinkedIn profile address from a column that holds nothing else."""
        raw = raw.strip()
        if not raw or self._linkedin is not None:
            return
        try:
            self._linkedin = HandleRecord("linkedin", raw, normalize_linkedin_url(raw), label)
        except HandleError as exc:
            self._problems.append(f"LinkedIn profile {exc}")

    def add_note(self, text: str) -> None:
        """A note; several notes are kept apart by a blank line."""
        text = text.strip()
        if text and text not in self._notes:
            self._notes.append(text)

    def add_problem(self, text: str) -> None:
        """A value that was there but could not be used, said for the person reading the report."""
        self._problems.append(text)

    def build(self) -> ContactRecord | SkippedRecord:
        """The record, or a SkippedRecord when nothing at all names the person."""
        full_name, from_person = self._full_name()
        if not full_name:
            return SkippedRecord(
                self.origin, "has no name, organization, email, phone or profile to know it by"
            )
        given, family = self.given_name, self.family_name
        if from_person and not (given or family):
            given, family = split_full_name(full_name)
        return ContactRecord(
            source=self.source,
            source_key=self._source_key(full_name),
            origin=self.origin,
            full_name=full_name,
            given_name=given,
            family_name=family,
            organization=self.organization.strip(),
            position=self.position.strip(),
            emails=tuple(self._emails.values()),
            phones=tuple(self._phones.values()),
            urls=tuple(self._urls.values()),
            linkedin_url=self._linkedin,
            birthday=self.birthday,
            photo=self.photo,
            notes="\n\n".join(self._notes),
            connected_on=self.connected_on,
            problems=tuple(self._problems),
        )

    def _add(self, kind: str, raw: str, label: str, into: dict[str, HandleRecord]) -> None:
        try:
            if kind == "email":
                normalized = normalize_email(raw)
            elif kind == "phone":
                normalized = normalize_phone(raw, self.default_region)
            else:
                normalized = normalize_url(raw)
        except HandleError as exc:
            self._problems.append(f"{kind} {exc}")
            return
        into.setdefault(normalized, HandleRecord(kind, raw, normalized, label.strip()))

    def _full_name(self) -> tuple[str, bool]:
        # The name to show, and whether it names a person (worth splitting into given/family).
        if name := " ".join(self.full_name.split()):
            return name, True
        parts = (self.prefix, self.given_name, self.middle_name, self.family_name, self.suffix)
        if name := " ".join(" ".join(parts).split()):
            return name, False
        for fallback in (self.nickname, self.organization):
            if name := " ".join(fallback.split()):
                return name, False
        for handles in (self._emails, self._phones):
            for handle in handles.values():
                return handle.value, False
        if self._linkedin:
            return self._linkedin.value, False
        return "", False

    def _source_key(self, full_name: str) -> str:
        if self.uid.strip():
            return f"uid:{self.uid.strip()}"
        if self._linkedin:
            return f"linkedin:{self._linkedin.normalized}"
        for kind, handles in (("email", self._emails), ("phone", self._phones)):
            for normalized in handles:
                return f"{kind}:{normalized}"
        return f"name:{full_name.casefold()}"


def split_full_name(full_name: str) -> tuple[str, str]:
    """Given and family name guessed from a full name: 'Doe, Jane' and 'Jane Doe' both give
    ('Jane', 'Doe'); a single word is a given name."""
    if full_name.count(",") == 1:
        family, given = (part.strip() for part in full_name.split(","))
        if family and given and " " not in family:
            return given, family
    words = full_name.split()
    if len(words) < 2:
        return full_name, ""
    return " ".join(words[:-1]), words[-1]
