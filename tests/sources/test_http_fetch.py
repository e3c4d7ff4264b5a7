"""Fetching over HTTP from a real server on loopback: validators, timeouts, errors in words."""

from __future__ import annotations

import pytest

from goodwill.sources.http_fetch import FetchError, fetch
from tests.feeds.server import Route, serving


def test_an_answer_carries_its_body_type_and_validators() -> None:
    with serving(
        {"/feed": Route(b"<rss/>", etag='"v1"', last_modified="Mon, 02 Nov 2026 10:00:00 GMT")}
    ) as server:
        fetched = fetch(server.url("/feed"))

    assert fetched.status == 200
    assert fetched.body == b"<rss/>"
    assert fetched.content_type.startswith("application/rss+xml")
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Mon, 02 Nov 2026 10:00:00 GMT")


def test_sending_the_last_validators_gets_not_modified_without_a_body() -> None:
    with serving({"/feed": Route(b"<rss/>", etag='"v1"')}) as server:
        fetched = fetch(server.url("/feed"), etag='"v1"', last_modified="yesterday")
        sent = server.requests_to("/feed")[0]

    assert fetched.not_modified
    assert fetched.body == b""
    assert fetched.etag == '"v1"'
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "yesterday"


def test_a_server_that_does_not_answer_in_time_is_a_timeout_in_words() -> None:
    with (
        serving({"/slow": Route(b"<rss/>", delay=2)}) as server,
        pytest.raises(FetchError) as error,
    ):
        fetch(server.url("/slow"), timeout=0.3)

    assert str(error.value) == "the server did not answer within 0.3 s"


def test_an_error_status_and_an_unreachable_server_are_said_in_one_line() -> None:
    with serving() as server, pytest.raises(FetchError) as missing:
        fetch(server.url("/nowhere"))
    port = server.port  # closed now: nobody listens there

    with pytest.raises(FetchError) as refused:
        fetch(f"http://127.0.0.1:{port}/feed", timeout=2)

    assert str(missing.value) == "the server answered 404 Not Found"
    assert str(refused.value).startswith(f"cannot reach 127.0.0.1:{port}: ")


@pytest.mark.parametrize("url", ["", "ftp://x.example/feed", "file:///etc/passwd", "lori.example"])
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="is not a web address"):
        fetch(url)


def test_an_answer_larger_than_the_cap_is_refused() -> None:
    with serving({"/big": Route(b"x" * 5000)}) as server, pytest.raises(FetchError) as error:
        fetch(server.url("/big"), max_bytes=1024)

    assert "larger than" in str(error.value)
