"""What goes in and comes out of /api/v1: one output shape per resource, and inputs whose
types already refuse what the services could not store."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from goodwill.api.fields import (
    Days,
    HandleValue,
    Id,
    LongText,
    Moment,
    Name,
    Search,
    Summary,
    WebAddress,
)

# Each list holds this many items unless page_size says otherwise, and never more than the max.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000

HandleKind = Literal["email", "phone", "linkedin", "website", "feed"]
InteractionKind = Literal["email", "message", "call", "meeting", "event", "social", "note"]
Direction = Literal["out", "in", "both"]
GiveDirection = Literal["out", "in"]
GiveKind = Literal[
    "help", "introduction", "referral", "article", "endorsement", "recommendation", "advice"
]
LoopKind = Literal["ask", "offer", "promise"]
LoopWhose = Literal["mine", "theirs"]
LoopStatus = Literal["open", "acknowledged", "closed"]
LoopOutcome = Literal["done", "declined", "dropped"]
ImportStatus = Literal["pending", "running", "done", "failed"]


class ErrorOut(Schema):
    detail: str = Field(description="What was wrong, in one line.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages by field, when the problem was in a field."
    )


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.")
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items a page (50 unless said, 200 at most)."
    )


class PageOut(Schema):
    count: int = Field(description="Items across all pages.")
    next: str | None = Field(description="URL of the next page, or null on the last.")
    previous: str | None = Field(description="URL of the previous page, or null on the first.")


# Organizations


class OrganizationOut(Schema):
    id: int
    name: str


class OrganizationIn(Schema):
    name: Name


class OrganizationPatch(Schema):
    name: Name | None = None


class OrganizationFilters(PageParams):
    q: Search = Field("", description="Part of the name.")


class OrganizationPage(PageOut):
    results: list[OrganizationOut]


# Handles


class HandleOut(Schema):
    id: int
    contact_id: int
    kind: str
    value: str
    normalized: str
    source: str


class NewHandle(Schema):
    kind: HandleKind
    value: HandleValue


class HandleIn(NewHandle):
    contact_id: Id


class HandlePatch(Schema):
    kind: HandleKind | None = None
    value: HandleValue | None = None


class HandleFilters(PageParams):
    contact: Id | None = Field(None, description="Only this contact's handles.")
    kind: HandleKind | None = None


class HandlePage(PageOut):
    results: list[HandleOut]


# Contacts


class ContactOut(Schema):
    id: int
    full_name: str
    organization_id: int | None
    organization: str | None
    position: str
    circle_id: int
    circle: str
    cadence_days: int | None
    max_cadence_days: int | None
    snoozed_until: datetime | None
    notes: str
    created_at: datetime
    last_touch_at: datetime | None
    touch_due_at: datetime | None


class ContactIn(Schema):
    full_name: Name
    organization: Name = Field("", description="The organization's name; made on first use.")
    position: Name = ""
    notes: LongText = ""
    circle_id: Id | None = Field(None, description="Network unless said.")
    handles: list[NewHandle] = Field(default_factory=list, max_length=50)


class ContactPatch(Schema):
    full_name: Name | None = None
    organization: Name | None = Field(None, description="A name; an empty one clears it.")
    position: Name | None = None
    notes: LongText | None = None
    circle_id: Id | None = None
    cadence_days: Days | None = Field(None, description="Null: the circle's cadence.")
    max_cadence_days: Days | None = Field(None, description="Null: the circle's maximum.")


class ContactFilters(PageParams):
    q: Search = Field("", description="Words in the name, organization, job title or a handle.")
    circle: Id | None = Field(None, description="Only contacts in this circle.")
    organization: Id | None = Field(None, description="Only contacts of this organization.")


class ContactPage(PageOut):
    results: list[ContactOut]


# Interactions


class InteractionOut(Schema):
    id: int
    kind: str
    direction: str
    occurred_at: datetime
    summary: str
    details: str
    source: str
    contact_ids: list[int]


class InteractionIn(Schema):
    contact_ids: list[Id] = Field(min_length=1, max_length=50)
    kind: InteractionKind
    summary: Summary
    direction: Direction = "both"
    details: LongText = ""
    occurred_at: Moment | None = Field(None, description="Now unless said; never the future.")


class InteractionPatch(Schema):
    kind: InteractionKind | None = None
    summary: Summary | None = None
    direction: Direction | None = None
    details: LongText | None = None
    occurred_at: Moment | None = None


class InteractionFilters(PageParams):
    contact: Id | None = Field(None, description="Only interactions this contact took part in.")
    since: Moment | None = Field(None, description="At or after this time.")
    until: Moment | None = Field(None, description="Before this time.")
    kind: InteractionKind | None = None


class InteractionPage(PageOut):
    results: list[InteractionOut]


# Loops


class LoopOut(Schema):
    id: int
    contact_id: int
    interaction_id: int | None
    kind: str
    whose: str
    summary: str
    status: str
    outcome: str
    opened_at: datetime
    acknowledged_at: datetime | None
    closed_at: datetime | None
    response_window_days: int
    reply_due_at: datetime


class LoopIn(Schema):
    contact_id: Id
    kind: LoopKind
    whose: LoopWhose
    summary: Summary
    interaction_id: Id | None = None
    opened_at: Moment | None = None
    response_window_days: Days | None = Field(None, description="The circle's window unless said.")


class LoopPatch(Schema):
    summary: Summary | None = None
    response_window_days: Days | None = None
    status: Literal["acknowledged", "closed"] | None = Field(
        None, description="acknowledged, or closed with an outcome; a loop never reopens."
    )
    outcome: LoopOutcome | None = Field(None, description="With status closed.")


class LoopFilters(PageParams):
    status: LoopStatus | None = None
    whose: LoopWhose | None = None
    kind: LoopKind | None = None
    contact: Id | None = None


class LoopPage(PageOut):
    results: list[LoopOut]


# Gives


class GiveOut(Schema):
    id: int
    contact_id: int
    interaction_id: int | None
    kind: str
    direction: str
    summary: str
    occurred_at: datetime
    source: str


class GiveIn(Schema):
    contact_id: Id
    kind: GiveKind
    direction: GiveDirection
    summary: Summary
    occurred_at: Moment | None = None
    interaction_id: Id | None = None


class GivePatch(Schema):
    kind: GiveKind | None = None
    direction: GiveDirection | None = None
    summary: Summary | None = None
    occurred_at: Moment | None = None


class GiveFilters(PageParams):
    contact: Id | None = None
    direction: GiveDirection | None = None
    kind: GiveKind | None = None


class GivePage(PageOut):
    results: list[GiveOut]


# Shares


class ShareOut(Schema):
    id: int
    contact_id: int
    url: str
    title: str
    note: str
    shared_at: datetime


class ShareIn(Schema):
    contact_id: Id
    url: WebAddress
    title: Summary = ""
    note: LongText = ""


class SharePatch(Schema):
    title: Summary | None = None
    note: LongText | None = None


class ShareFilters(PageParams):
    contact: Id | None = None


class SharePage(PageOut):
    results: list[ShareOut]


# Today


class TodayItemOut(Schema):
    kind: str
    contact_id: int
    contact: str
    loop_id: int | None
    subject_id: int | None
    title: str
    reason: str
    why_now: list[str]
    urgent: bool
    since: datetime


class TodayOut(Schema):
    waiting_on_you: list[TodayItemOut] = Field(default_factory=list)
    silence: list[TodayItemOut] = Field(default_factory=list)
    follow_up: list[TodayItemOut] = Field(default_factory=list)
    drifting: list[TodayItemOut] = Field(default_factory=list)
    totals: dict[str, int]
    daily_limit: int
    done_today: int


class TodayParams(Schema):
    all: bool = Field(False, description="Up to 50 in each section instead of the day's list.")


# Import runs


class ImportSkipOut(Schema):
    location: str
    reason: str
    record_kept: bool


class ImportRunOut(Schema):
    id: int
    batch: UUID
    file_name: str
    file_size: int
    format: str
    dry_run: bool
    status: str
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    added: int
    updated: int
    unchanged: int
    skipped: int
    duplicates_suggested: int


class ImportRunDetailOut(ImportRunOut):
    skips: list[ImportSkipOut]


class ImportRunFilters(PageParams):
    status: ImportStatus | None = None


class ImportRunPage(PageOut):
    results: list[ImportRunOut]
