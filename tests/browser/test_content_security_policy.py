"""Under the Content-Security-Policy, Chromium reports no refused script or style on any page.

htmx under the same policy is exercised by the other browser tests (Today's inline actions)."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tests.browser.conftest import Server
from tests.browser.test_network_flow import sign_in

pytestmark = pytest.mark.browser


def test_pages_load_with_nothing_refused_by_the_policy(page: Page, server: Server) -> None:
    refused: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", note)
    sign_in(page, server)
    navigation = page.get_by_role("navigation", name="Main")
    for name in ("Contacts", "Mail", "Share", "Habits", "Give & ask", "Today"):
        navigation.get_by_role("link", name=name).click()
        page.wait_for_load_state("networkidle")
    page.goto("/rhythm/")
    page.wait_for_load_state("networkidle")

    assert refused == []
