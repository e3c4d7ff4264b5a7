"""A contact named on the command line, found the way `goodwill log` finds one: any handle, an
exact name, a name containing every word typed, or "Name [#id]" as the candidate lists print it."""

from __future__ import annotations

from django.contrib.auth.models import User

from goodwill.cli.common import fail
from goodwill.network.models import Contact

CANDIDATES_SHOWN = 10


def contact_from_argument(owner: User, text: str, *, nothing_done: str) -> Contact:
    """The one contact `text` names; else one line listing the namesakes (each with the
    reference that picks it), ending with `nothing_done`, and exit status 2."""
    from goodwill.rhythm.selectors import contact_lookup
    from goodwill.work.selectors import contact_by_reference

    referenced = contact_by_reference(owner=owner, text=text)
    if referenced is not None:
        return referenced
    found = contact_lookup(owner=owner, text=text)
    if found.contact is not None:
        return found.contact
    if not found.candidates:
        fail(f"no contact is called or reached at {text!r}; {nothing_done}")
    shown = found.candidates[:CANDIDATES_SHOWN]
    names = "; ".join(
        c.full_name + (f" ({c.organization.name})" if c.organization else "") + f" [#{c.pk}]"
        for c in shown
    )
    count = f"{len(shown)}+" if len(found.candidates) > len(shown) else str(len(shown))
    fail(f"{text!r} fits {count} contacts: {names}. Give the full name or a handle; {nothing_done}")
