"""A signed-in browser in a few lines of the standard library, for the deployment check and the
load test: cookies, Django's CSRF token, form and file posts, one connection per request.

One connection per request keeps every answer unambiguous: a kept-alive connection that the
server closed between two requests would make a write look failed when it may have landed.
"""

from __future__ import annotations

import http.client
import ssl
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit


class HttpError(Exception):
    """An answer the caller did not expect, said in one line."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Browser:
    base_url: str
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    # For https: the certificate to trust (the deployment check makes its own).
    cafile: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.https = parts.scheme == "https"
        self.port = parts.port or (443 if self.https else 80)
        self.set_cookie_lines: list[str] = []

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {"Host": f"{self.host}:{self.port}", "Connection": "close", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = (
            http.client.HTTPSConnection(
                self.host,
                self.port,
                timeout=self.timeout,
                context=ssl.create_default_context(cafile=self.cafile),
            )
            if self.https
            else http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        )
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                response.read(),
            )
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self.set_cookie_lines.append(value)
                    cookie_name, _, rest = value.partition("=")
                    self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        return answer

    def get(self, path: str, *, expect: int = 200) -> Answer:
        answer = self.request("GET", path)
        _check(answer, "GET", path, expect)
        return answer

    def _csrf(self) -> str:
        token = self.cookies.get("csrftoken")
        if token is None:
            raise HttpError("no CSRF cookie yet: GET a page with a form first")
        return token

    def post(self, path: str, fields: dict[str, str], *, expect: int = 302) -> Answer:
        body = urlencode({"csrfmiddlewaretoken": self._csrf(), **fields}).encode()
        answer = self.request(
            "POST",
            path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url + path},
        )
        _check(answer, "POST", path, expect)
        return answer

    def post_file(
        self, path: str, fields: dict[str, str], name: str, file_name: str, data: bytes
    ) -> Answer:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in {"csrfmiddlewaretoken": self._csrf(), **fields}.items():
            disposition = f'Content-Disposition: form-data; name="{key}"'
            parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        answer = self.request(
            "POST",
            path,
            b"".join(parts),
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": self.base_url + path,
            },
        )
        _check(answer, "POST", path, 302)
        return answer

    def sign_in(self, username: str, password: str) -> None:
        self.get("/login/")
        answer = self.post("/login/", {"username": username, "password": password, "next": ""})
        if answer.location.rstrip("/") not in ("", self.base_url.rstrip("/")):
            raise HttpError(f"signing in as {username} led to {answer.location}, not Today")


def _check(answer: Answer, method: str, path: str, expect: int) -> None:
    if answer.status != expect:
        raise HttpError(f"{method} {path}: {answer.status}, expected {expect}")
