"""Keeping in touch in Chromium: a touch logged from the terminal takes a contact off Today,
Today's inline actions work, and the ledger, warnings and charts show on the demo network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, screenshot
from tests.browser.test_network_flow import sign_in

pytestmark = pytest.mark.browser


def test_a_touch_logged_in_the_terminal_takes_the_contact_off_today(
    page: Page, server: Server
) -> None:
    sign_in(page, server)
    drifting = page.locator("#drifting")
    name = drifting.locator("a.who").first.inner_text()

    printed = server.goodwill("log", name, "call", "Caught up by phone", "--user", "demo")

    assert printed.startswith(f"Logged a call with {name}")
    page.reload()
    expect(page.locator("#drifting").get_by_role("link", name=name, exact=True)).to_have_count(0)


def test_today_explains_each_item_and_done_and_dismiss_work_inline(
    page: Page, server: Server
) -> None:
    sign_in(page, server)
    expect(page.get_by_text(re.compile(r"Your \d+ for today"))).to_be_visible()
    first = page.locator("#waiting li.item").first
    title = first.locator(".item-title").inner_text()
    expect(first.locator(".reason")).not_to_be_empty()
    screenshot(page, "today-with-reasons")

    first.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#waiting .item-title", has_text=title)).to_have_count(0)

    drifting = page.locator("#drifting li.item").first
    name = drifting.locator("a.who").inner_text()
    drifting.get_by_role("button", name="Done").click()
    expect(page.locator("#drifting").get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_text(re.compile(r"\d+ done"))).to_be_visible()


def test_the_ledger_the_warning_and_the_charts_on_the_demo_network(
    page: Page, server: Server
) -> None:
    sign_in(page, server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Give & ask").click()
    expect(page.locator("#chart-give-share svg")).to_be_visible()
    screenshot(page, "ledger")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Habits").click()
    expect(page.locator("figure.chart svg")).to_have_count(7)
    screenshot(page, "habits", full_page=True)

    page.get_by_role("link", name="Contacts", exact=True).click()
    page.get_by_role("link", name="Add contact").click()
    form = page.get_by_role("form", name="Add contact")
    form.get_by_label("Name").fill("Quinn Newcomer")
    form.get_by_role("button", name="Add contact").click()
    expect(page.locator("#ledger")).to_contain_text("Nothing has passed between you")
    loop = page.get_by_role("form", name="Open a loop")
    loop.get_by_label("Ask, offer or promise").select_option("ask")
    loop.get_by_label("Whose").select_option("mine")
    loop.get_by_label("What was asked, offered or promised").fill("Could you refer me?")
    loop.get_by_role("button", name="Open loop").click()
    expect(page.locator("#loops .ask-advice")).to_contain_text("never given Quinn Newcomer")
    loop.get_by_role("button", name="Ask anyway").click()
    expect(page.locator("#loops")).to_contain_text("Could you refer me?")
