"""The contact page's "From your imports" section reads what it shows through this tag, so the
page's view stays the same for every section."""

from __future__ import annotations

from django import template

from goodwill.network.import_selectors import ContactOrigins
from goodwill.network.import_selectors import contact_origins as origins_of
from goodwill.network.models import Contact

register = template.Library()


@register.simple_tag
def contact_origins(contact: Contact) -> ContactOrigins:
    """The contact's photo, birthday and where each value came from."""
    return origins_of(contact=contact)
