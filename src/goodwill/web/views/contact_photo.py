"""A contact's picture, as an import kept it: only ever the signed-in user's own contact's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from goodwill.network.import_selectors import PHOTO_TYPES
from goodwill.network.import_selectors import contact_photo as photo_of
from goodwill.web.views.common import AuthedRequest, get_contact_for_user


@login_required
@require_GET
def contact_photo(request: AuthedRequest, contact_id: int) -> HttpResponse:
    """The picture's bytes with their type; another account's contact, or a contact without a
    picture, is a 404. A type a browser could run (SVG) or does not know is sent as a download."""
    contact = get_contact_for_user(request, contact_id)
    photo = photo_of(contact=contact)
    if photo is None:
        raise Http404("No photo.")
    shown = photo.mime_type in PHOTO_TYPES
    response = HttpResponse(
        bytes(photo.data), content_type=photo.mime_type if shown else "application/octet-stream"
    )
    if not shown:
        response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}-photo"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response
