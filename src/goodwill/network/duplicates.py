"""Merge suggestions: contacts that are probably one person, found by insight.duplicates, and
the user's answers to them (merge, or "not the same person", which is kept for good)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from goodwill.insight.duplicates import ContactFacts, duplicate_pairs
from goodwill.network.models import Contact, Handle, MergeSuggestion


def _contact_facts(owner: User) -> list[ContactFacts]:
    domains: dict[int, set[str]] = defaultdict(set)
    emails = Handle.objects.filter(owner=owner, kind=Handle.Kind.EMAIL).values_list(
        "contact_id", "normalized"
    )
    for contact_id, address in emails.iterator(chunk_size=5000):
        domains[contact_id].add(address.rpartition("@")[2])
    contacts = Contact.objects.filter(owner=owner).values_list(
        "pk", "full_name", "organization__name"
    )
    return [
        ContactFacts(pk, full_name, organization or "", frozenset(domains.get(pk, ())))
        for pk, full_name, organization in contacts.iterator(chunk_size=5000)
    ]


def duplicates_suggest(*, owner: User, conflicts: Iterable[tuple[int, int, str]] = ()) -> int:
    """Suggests every probable duplicate pair not suggested (or dismissed) before, plus pairs an
    import found in one record (`conflicts`: first id, second id, why). Returns how many are new.
    Never merges anything."""
    found: dict[tuple[int, int], list[str]] = {
        (pair.first_id, pair.second_id): list(pair.reasons)
        for pair in duplicate_pairs(_contact_facts(owner))
    }
    for first, second, reason in conflicts:
        if first == second:
            continue
        reasons = found.setdefault((min(first, second), max(first, second)), [])
        if reason not in reasons:
            reasons.append(reason)
    known = set(
        MergeSuggestion.objects.filter(owner=owner).values_list("contact_a_id", "contact_b_id")
    )
    now = timezone.now()
    new = [
        MergeSuggestion(
            owner=owner, contact_a_id=first, contact_b_id=second, reasons=reasons, created_at=now
        )
        for (first, second), reasons in sorted(found.items())
        if (first, second) not in known
    ]
    MergeSuggestion.objects.bulk_create(new, batch_size=2000)
    return len(new)


def contact_mark_not_same(*, first: Contact, second: Contact) -> MergeSuggestion:
    """Remembers that two contacts are different people, so they are never suggested again."""
    if first.owner_id != second.owner_id:
        raise ValidationError("That record belongs to another account.")
    if first.pk == second.pk:
        raise ValidationError("A contact is always the same person as itself.")
    low, high = sorted((first, second), key=lambda contact: contact.pk)
    suggestion, _ = MergeSuggestion.objects.get_or_create(
        owner_id=first.owner_id,
        contact_a=low,
        contact_b=high,
        defaults={"reasons": [], "created_at": timezone.now()},
    )
    suggestion.status = MergeSuggestion.Status.DISMISSED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return suggestion
