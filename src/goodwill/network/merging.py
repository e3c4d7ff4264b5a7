"""Merging two contacts that turned out to be one person. Nothing of the absorbed contact is
lost: handles, interactions, loops, gives, shares, notes, photo and where each value came from
all move to the contact that is kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from goodwill.insight.cadence import touch_due_at
from goodwill.network.models import (
    Contact,
    ContactPhoto,
    MergeSuggestion,
    Participation,
    Share,
)

# Fields the kept contact takes from the absorbed one when it has none of its own.
_FILLED_FROM_ABSORBED = ("organization", "position", "connected_on", "cadence_days")
_BIRTHDAY = ("birthday_year", "birthday_month", "birthday_day")


def contact_merge(*, keep: Contact, absorb: Contact) -> Contact:
    """Makes one contact of two: `keep` gets everything `absorb` had, and `absorb` is deleted.
    Where both have a value, the kept contact's stays; notes are joined. The pair's suggestion
    (made for this merge when there was none) is kept as merged: the history of the merge."""
    if keep.owner_id != absorb.owner_id:
        raise ValidationError("That record belongs to another account.")
    if keep.pk == absorb.pk:
        raise ValidationError("A contact cannot be merged into itself.")
    with transaction.atomic():
        keep = Contact.objects.select_related("circle").get(pk=keep.pk)
        absorb = Contact.objects.get(pk=absorb.pk)
        _merge_values(keep, absorb)
        _move_participations(keep, absorb)
        _move_shares(keep, absorb)
        _move_photo(keep, absorb)
        _move_suggestions(keep, absorb)
        _move_everything_else(keep, absorb)
        keep.save()
        absorb.delete()
    return keep


def _merge_values(keep: Contact, absorb: Contact) -> None:
    sources = dict(keep.field_sources)
    for name in _FILLED_FROM_ABSORBED:
        if getattr(keep, name) in (None, "") and getattr(absorb, name) not in (None, ""):
            setattr(keep, name, getattr(absorb, name))
            _take_source(sources, absorb, name)
    if keep.connected_on and absorb.connected_on and absorb.connected_on < keep.connected_on:
        keep.connected_on = absorb.connected_on
        _take_source(sources, absorb, "connected_on")
    if keep.birthday_month is None and absorb.birthday_month is not None:
        for name in _BIRTHDAY:
            setattr(keep, name, getattr(absorb, name))
        _take_source(sources, absorb, "birthday")
    if absorb.notes.strip() and absorb.notes.strip() not in keep.notes:
        if keep.notes.strip():
            keep.notes = f"{keep.notes.rstrip()}\n\n{absorb.notes.strip()}"
            # Joined by the user's own decision to merge: no import may rewrite it now.
            sources["notes"] = "user"
        else:
            keep.notes = absorb.notes
            _take_source(sources, absorb, "notes")
    keep.field_sources = sources
    keep.created_at = min(keep.created_at, absorb.created_at)
    if absorb.last_touch_at and (
        not keep.last_touch_at or absorb.last_touch_at > keep.last_touch_at
    ):
        keep.last_touch_at = absorb.last_touch_at
    keep.touch_due_at = touch_due_at(
        last_touch_at=keep.last_touch_at,
        known_since=keep.created_at,
        cadence_days=keep.cadence_days or keep.circle.cadence_days,
    )


def _take_source(sources: dict[str, str], absorb: Contact, name: str) -> None:
    origin = absorb.field_sources.get(name)
    if origin is None:
        sources.pop(name, None)
    else:
        sources[name] = origin


def _move_participations(keep: Contact, absorb: Contact) -> None:
    # An interaction both took part in keeps one participation: the kept contact's.
    shared = Participation.objects.filter(contact=keep).values("interaction_id")
    Participation.objects.filter(contact=absorb, interaction_id__in=shared).delete()
    Participation.objects.filter(contact=absorb).update(contact=keep)


def _move_shares(keep: Contact, absorb: Contact) -> None:
    # The same article sent to both: it was sent to this one person, once, the earlier time.
    for share in Share.objects.filter(contact=absorb):
        kept = Share.objects.filter(contact=keep, url=share.url).first()
        if kept is None:
            share.contact = keep
            share.save(update_fields=["contact"])
            continue
        if share.shared_at < kept.shared_at:
            kept.shared_at = share.shared_at
            kept.note = kept.note or share.note
            kept.save(update_fields=["shared_at", "note"])
        share.delete()


def _move_photo(keep: Contact, absorb: Contact) -> None:
    photo = ContactPhoto.objects.filter(contact=absorb).first()
    if photo is not None and not ContactPhoto.objects.filter(contact=keep).exists():
        photo.contact = keep
        photo.save(update_fields=["contact"])
        _take_source(keep.field_sources, absorb, "photo")


def _move_suggestions(keep: Contact, absorb: Contact) -> None:
    # "Not the same person" said of the absorbed contact holds for the kept one too.
    pairs = MergeSuggestion.objects.filter(Q(contact_a=absorb) | Q(contact_b=absorb))
    merged = False
    for suggestion in pairs:
        if suggestion.status == MergeSuggestion.Status.MERGED:
            # The absorbed contact's own merges: their history now belongs to the kept one.
            suggestion.contact_a = keep
            suggestion.save(update_fields=["contact_a"])
            continue
        other_id = (
            suggestion.contact_b_id
            if suggestion.contact_a_id == absorb.pk
            else suggestion.contact_a_id
        )
        assert other_id is not None  # only merged rows lack their second contact
        if other_id == keep.pk:
            _record_merge(suggestion, keep, absorb)
            merged = True
            continue
        first, second = sorted((keep.pk, other_id))
        existing = MergeSuggestion.objects.filter(
            owner_id=keep.owner_id, contact_a_id=first, contact_b_id=second
        ).first()
        if existing is None:
            suggestion.contact_a_id, suggestion.contact_b_id = first, second
            suggestion.save(update_fields=["contact_a", "contact_b"])
            continue
        if suggestion.status == MergeSuggestion.Status.DISMISSED:
            existing.status = MergeSuggestion.Status.DISMISSED
            existing.decided_at = suggestion.decided_at
            existing.save(update_fields=["status", "decided_at"])
        suggestion.delete()
    if not merged:
        # Merged without being suggested (the command takes any two contacts): on record too.
        _record_merge(
            MergeSuggestion(owner_id=keep.owner_id, reasons=[], created_at=timezone.now()),
            keep,
            absorb,
        )


def _record_merge(suggestion: MergeSuggestion, keep: Contact, absorb: Contact) -> None:
    # The absorbed contact is about to be deleted: the row keeps its name, not a reference.
    suggestion.status = MergeSuggestion.Status.MERGED
    suggestion.contact_a = keep
    suggestion.contact_b = None
    suggestion.absorbed_name = absorb.full_name
    suggestion.decided_at = timezone.now()
    suggestion.save()


def _move_everything_else(keep: Contact, absorb: Contact) -> None:
    # Handles, loops, gives, and whatever points at a contact in models added later.
    handled = {Participation, Share, ContactPhoto, MergeSuggestion}
    for relation in Contact._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        if relation.many_to_many or relation.related_model in handled:
            continue
        field = relation.field  # type: ignore[union-attr]
        if not isinstance(field, models.ForeignKey):
            continue
        related: type[models.Model] = relation.related_model  # type: ignore[assignment]
        related._default_manager.filter(**{field.name: absorb}).update(**{field.name: keep})
