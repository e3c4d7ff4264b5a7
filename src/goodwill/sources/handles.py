"""Handles normalised to one canonical spelling, so the same address always matches itself."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
KINDS = ("email", "phone", "linkedin", "website", "feed")


class HandleError(ValueError):
    """A handle value that cannot be what its kind says it is; the message says why."""


def normalize_handle(kind: str, value: str) -> str:
    """The canonical form of a handle of the given kind, or HandleError naming the problem."""
    value = value.strip()
    if not value:
        raise HandleError("is empty")
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value)
    if kind == "linkedin":
        return normalize_linkedin_url(value)
    if kind in ("website", "feed"):
        return normalize_url(value)
    raise HandleError(f"has an unknown kind {kind!r}")


def normalize_email(value: str) -> str:
    """Lower-cased address without a mailto: prefix or angle brackets."""
    address = value.strip().strip("<>").removeprefix("mailto:").strip().lower()
    if not EMAIL_PATTERN.match(address):
        raise HandleError(f"{value!r} is not an email address")
    return address


def normalize_phone(value: str) -> str:
    """Digits with a leading + kept; the full E.164 treatment arrives with the importers."""
    digits = re.sub(r"[^\d+]", "", value)
    plus = digits.startswith("+")
    digits = digits.replace("+", "")
    if len(digits) < 3:
        raise HandleError(f"{value!r} is not a phone number")
    return f"+{digits}" if plus else digits


def normalize_url(value: str) -> str:
    """Host lower-cased, scheme, 'www.' and trailing slash dropped, so one site matches itself."""
    candidate = value if "://" in value else f"https://{value}"
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if "." not in host:
        raise HandleError(f"{value!r} is not a web address")
    path = unquote(parts.path).rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def normalize_linkedin_url(value: str) -> str:
    """linkedin.com/in/<slug>, whatever the locale subdomain, encoding or trailing slash."""
    candidate = value if "://" in value else f"https://{value}"
    parts = urlsplit(candidate)
    host = (parts.hostname or "").lower()
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        raise HandleError(f"{value!r} is not a LinkedIn profile URL")
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    if len(segments) < 2 or segments[0].lower() not in ("in", "pub"):
        raise HandleError(f"{value!r} is not a LinkedIn profile URL")
    return f"linkedin.com/in/{segments[1].lower()}"
