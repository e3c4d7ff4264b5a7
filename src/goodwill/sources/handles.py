"""Handles normalised to one canonical spelling, so the same address always matches itself."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

import phonenumbers
from phonenumbers import CountryCodeSource

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
KINDS = ("email", "phone", "linkedin", "website", "feed")
DEFAULT_REGION = "US"
_PLAIN_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|[a-z]{2}\.)?linkedin\.com/in/([^/?#\s]+)/?", re.IGNORECASE
)

# Why phonenumbers said no, in words for the person reading the import report.
_PHONE_REASONS = {
    phonenumbers.ValidationResult.TOO_SHORT: "is too short to be a phone number",
    phonenumbers.ValidationResult.TOO_LONG: "is too long to be a phone number",
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "has no country code Goodwill knows",
    phonenumbers.ValidationResult.INVALID_LENGTH: "has the wrong number of digits",
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "has no area code",
}


class HandleError(ValueError):
    """A handle value that cannot be what its kind says it is; the message says why."""


def normalize_handle(kind: str, value: str, default_region: str = DEFAULT_REGION) -> str:
    """The canonical form of a handle of the given kind, or HandleError naming the problem.
    Phones written without a country code are read as numbers of `default_region`."""
    value = value.strip()
    if not value:
        raise HandleError("is empty")
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value, default_region)
    if kind == "linkedin":
        return normalize_linkedin_url(value)
    if kind in ("website", "feed"):
        return normalize_url(value)
    raise HandleError(f"has an unknown kind {kind!r}")


@lru_cache(maxsize=65536)
def normalize_email(value: str) -> str:
    """Lower-cased address without a mailto: prefix or angle brackets."""
    address = value.strip().strip("<>").removeprefix("mailto:").strip().lower()
    if not EMAIL_PATTERN.match(address):
        raise HandleError(f"{value!r} is not an email address")
    return address


def check_region(region: str) -> str:
    """The region code upper-cased, or HandleError when phonenumbers does not know it."""
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise HandleError(f"{region!r} is not a region code phonenumbers knows (e.g. US, GB, DE)")
    return code


@lru_cache(maxsize=65536)
def normalize_phone(value: str, default_region: str = DEFAULT_REGION) -> str:
    """E.164 (+14155550134), with ';ext=N' kept so two extensions of one switchboard stay two
    handles. A number without a country code must be a valid one of `default_region`."""
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    region = check_region(default_region)
    try:
        number = phonenumbers.parse(text, region, keep_raw_input=True)
    except phonenumbers.NumberParseException as exc:
        raise HandleError(f"{value!r} is not a phone number") from exc
    verdict = phonenumbers.is_possible_number_with_reason(number)
    if verdict != phonenumbers.ValidationResult.IS_POSSIBLE:
        reason = _PHONE_REASONS.get(verdict, "is not a phone number")
        raise HandleError(f"{value!r} {reason} (read as a number of {region})")
    # A number written without its country code is only trusted when it is a real number of
    # the default region: a German 0351 223344 read as American would become a stranger's.
    from_default = number.country_code_source == CountryCodeSource.FROM_DEFAULT_COUNTRY
    if from_default and not phonenumbers.is_valid_number(number):
        raise HandleError(f"{value!r} is not a valid {region} number and has no country code")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def normalize_url(value: str) -> str:
    """Host lower-cased, scheme, 'www.' and trailing slash dropped, so one site matches itself."""
    parts = split_url(value)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if "." not in host:
        raise HandleError(f"{value!r} is not a web address")
    path = unquote(parts.path).rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def split_url(value: str) -> SplitResult:
    """The parts of a web address, 'https://' assumed when no scheme is written; HandleError
    for text urllib cannot split (a stray '[' reads as a broken IPv6 address)."""
    try:
        return urlsplit(value if "://" in value else f"https://{value}")
    except ValueError as exc:
        raise HandleError(f"{value!r} is not a web address") from exc


def is_linkedin_host(host: str) -> bool:
    """True for linkedin.com and its locale and mobile subdomains (de., uk., m., ...)."""
    host = host.lower()
    return host == "linkedin.com" or host.endswith(".linkedin.com")


@lru_cache(maxsize=65536)
def normalize_linkedin_url(value: str) -> str:
    """linkedin.com/in/<slug>, whatever the locale subdomain, mobile form, percent-encoding,
    case or trailing slash; old /pub/name/a/b/c addresses become the /in/ slug they redirect to."""
    text = value.strip()
    if match := _PLAIN_PROFILE.match(text):
        # The form exports write 30,000 times over, read without the general URL machinery.
        return _profile(match[1])
    parts = split_url(text.lstrip("/"))
    if not is_linkedin_host(parts.hostname or ""):
        raise HandleError(f"{value!r} is not a LinkedIn profile URL")
    # Still percent-encoded: _profile decodes the slug once, whichever way it arrived.
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments and segments[0].lower() in ("mwlite", "m"):
        segments = segments[1:]
    head = unquote(segments[0]).lower() if segments else ""
    if head == "in" and len(segments) >= 2:
        slug = segments[1]
    elif head == "pub" and len(segments) >= 2:
        slug = _slug_from_pub(segments[1:])
    elif head == "profile" and len(segments) >= 2 and segments[1].lower() == "view":
        member = parse_qs(parts.query).get("id", [""])[0].strip()
        if not member:
            raise HandleError(f"{value!r} is not a LinkedIn profile URL")
        return f"linkedin.com/profile/view?id={member.lower()}"
    else:
        raise HandleError(f"{value!r} is not a LinkedIn profile URL")
    profile = _profile(slug)
    if profile == "linkedin.com/in/":
        raise HandleError(f"{value!r} is not a LinkedIn profile URL")
    return profile


def _profile(slug: str) -> str:
    # The slug as it may still be percent-encoded; NFC so that an é typed as e + accent matches
    # the precomposed é LinkedIn writes.
    if "%" in slug:
        slug = unquote(slug)
    if not slug.isascii():
        slug = unicodedata.normalize("NFC", slug)
    return f"linkedin.com/in/{slug.strip().lower()}"


def _slug_from_pub(segments: list[str]) -> str:
    # /pub/jane-doe/a7/576/b50 redirects to /in/jane-doe-b50576a7: the three id parts reversed,
    # the last two padded to three characters.
    name = segments[0]
    ids = segments[1:4]
    if len(ids) != 3:
        return name
    first, middle, last = ids
    return f"{name}-{last.zfill(3)}{middle.zfill(3)}{first}"
