"""Fetching a feed or a page over HTTP: conditional requests, a timeout, a size cap, and every
failure as one FetchError line a person can read. The standard library does all of it."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 10.0
# A feed or an article page is rarely over a megabyte; more is a wrong address or an attack.
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "Goodwill feed reader"
NOT_MODIFIED = 304


class FetchError(Exception):
    """The address could not be fetched; the message says why in one line."""


@dataclass(frozen=True)
class Fetched:
    """A server's answer: 200 with a body, or 304 (not modified since the validators we sent)."""

    status: int
    url: str
    body: bytes
    content_type: str
    etag: str
    last_modified: str

    @property
    def not_modified(self) -> bool:
        return self.status == NOT_MODIFIED


def check_web_address(url: str) -> str:
    """The address trimmed, or FetchError when it is not an http(s) address with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url or 'an empty address'} is not a web address (http:// or https://)")
    return url


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET the address, sending the validators of the last answer so an unchanged feed costs a
    304 and no body; FetchError for anything but a readable answer."""
    url = check_web_address(url)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/atom+xml, application/rss+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"the answer is larger than {max_bytes // (1024 * 1024)} MB")
            return Fetched(
                status=response.status,
                url=response.url,
                body=body,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == NOT_MODIFIED:
            return Fetched(
                status=NOT_MODIFIED,
                url=url,
                body=b"",
                content_type="",
                etag=exc.headers.get("ETag", "") or etag,
                last_modified=exc.headers.get("Last-Modified", "") or last_modified,
            )
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"the server did not answer within {timeout:g} s") from exc
        raise FetchError(f"cannot reach {urlsplit(url).netloc}: {_words(reason)}") from exc
    except TimeoutError as exc:
        raise FetchError(f"the server did not answer within {timeout:g} s") from exc
    except (HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"the answer could not be read: {_words(exc)}") from exc


def _words(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__
