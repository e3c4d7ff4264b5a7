"""Rows as the API shows them: plain dicts in the shapes of schemas.py."""

from __future__ import annotations

from typing import Any

from goodwill.network.models import (
    Contact,
    Give,
    Handle,
    ImportRun,
    Interaction,
    Loop,
    Organization,
    Share,
)


def organization(row: Organization) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name}


def handle(row: Handle) -> dict[str, Any]:
    return {
        "id": row.pk,
        "contact_id": row.contact_id,
        "kind": row.kind,
        "value": row.value,
        "normalized": row.normalized,
        "source": row.source,
    }


def contact(row: Contact) -> dict[str, Any]:
    return {
        "id": row.pk,
        "full_name": row.full_name,
        "organization_id": row.organization_id,
        "organization": row.organization.name if row.organization else None,
        "position": row.position,
        "circle_id": row.circle_id,
        "circle": row.circle.name,
        "cadence_days": row.cadence_days,
        "max_cadence_days": row.max_cadence_days,
        "snoozed_until": row.snoozed_until,
        "notes": row.notes,
        "created_at": row.created_at,
        "last_touch_at": row.last_touch_at,
        "touch_due_at": row.touch_due_at,
    }


def interaction(row: Interaction) -> dict[str, Any]:
    return {
        "id": row.pk,
        "kind": row.kind,
        "direction": row.direction,
        "occurred_at": row.occurred_at,
        "summary": row.summary,
        "details": row.details,
        "source": row.source,
        "contact_ids": sorted(p.contact_id for p in row.participations.all()),
    }


def loop(row: Loop) -> dict[str, Any]:
    return {
        "id": row.pk,
        "contact_id": row.contact_id,
        "interaction_id": row.interaction_id,
        "kind": row.kind,
        "whose": row.whose,
        "summary": row.summary,
        "status": row.status,
        "outcome": row.outcome,
        "opened_at": row.opened_at,
        "acknowledged_at": row.acknowledged_at,
        "closed_at": row.closed_at,
        "response_window_days": row.response_window_days,
        "reply_due_at": row.reply_due_at,
    }


def give(row: Give) -> dict[str, Any]:
    return {
        "id": row.pk,
        "contact_id": row.contact_id,
        "interaction_id": row.interaction_id,
        "kind": row.kind,
        "direction": row.direction,
        "summary": row.summary,
        "occurred_at": row.occurred_at,
        "source": row.source,
    }


def share(row: Share) -> dict[str, Any]:
    return {
        "id": row.pk,
        "contact_id": row.contact_id,
        "url": row.url,
        "title": row.title,
        "note": row.note,
        "shared_at": row.shared_at,
    }


def import_run(row: ImportRun) -> dict[str, Any]:
    return {
        "id": row.pk,
        "batch": row.batch,
        "file_name": row.file_name,
        "file_size": row.file_size,
        "format": row.format,
        "dry_run": row.dry_run,
        "status": row.status,
        "error": row.error,
        "created_at": row.created_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "added": row.added,
        "updated": row.updated,
        "unchanged": row.unchanged,
        "skipped": row.skipped,
        "duplicates_suggested": row.duplicates_suggested,
    }
