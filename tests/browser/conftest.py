"""A real `goodwill serve` with the demo network, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("GOODWILL_CHROMIUM", "/usr/bin/chromium"))
# Headless, no sandbox (CI runs as root), and nothing that reaches for the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
GOODWILL = Path(sys.executable).with_name("goodwill")


@dataclass(frozen=True)
class Server:
    url: str
    home: Path
    username: str
    password: str

    def goodwill(self, *args: str) -> str:
        """Run a `goodwill` command against this server's data and return what it printed."""
        return subprocess.run(
            [str(GOODWILL), *args],
            env=_env(self.home),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "GOODWILL_HOME": str(home)}
    env.pop("GOODWILL_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("goodwill-home")
    env = _env(home)
    subprocess.run([str(GOODWILL), "migrate"], env=env, check=True, timeout=120)
    subprocess.run(
        [str(GOODWILL), "demo", "--user", "demo", "--create-user"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    password = (home / "demo-password").read_text().strip()
    port = _free_port()
    process = subprocess.Popen(
        [str(GOODWILL), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"goodwill serve did not answer on {url} within 60 s")
        time.sleep(0.3)
    try:
        yield Server(url=url, home=home, username="demo", password=password)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 900}, device_scale_factor=1
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: object, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot under artifacts/screenshots and return its path."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=full_page)
    return path
