"""A person in Chromium: sign in, find a contact, log a touch, open a loop, and see Today change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, screenshot

pytestmark = pytest.mark.browser


def sign_in(page: Page, server: Server) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(server.username)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()


def test_a_wrong_password_is_refused_with_a_message(page: Page, server: Server) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(server.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(re.compile("correct username and password", re.I))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login/"))


def waiting_on_you_total(page: Page) -> int:
    """How many items wait on the user, from Today's machine-readable twin (same session)."""
    response = page.request.get("/today.json")
    assert response.ok, response.status
    return int(response.json()["totals"]["waiting_on_you"])


def test_logging_a_touch_and_opening_a_loop_changes_today(page: Page, server: Server) -> None:
    sign_in(page, server)
    waiting_before = waiting_on_you_total(page)
    drifting = page.locator("#drifting")
    expect(drifting.locator("a.who").first).to_be_visible()
    screenshot(page, "today")
    name = drifting.locator("a.who").first.inner_text()

    page.get_by_role("link", name="Contacts", exact=True).click()
    page.get_by_label("Search").fill(name)
    results = page.locator("#contact-results")
    expect(results.get_by_role("link", name=name, exact=True)).to_be_visible()
    results.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()

    log = page.get_by_role("form", name="Log an interaction")
    log.get_by_label("Kind").select_option("meeting")
    log.get_by_label("Summary").fill(f"Coffee with {name}, talked about the new studio")
    log.get_by_role("button", name="Log interaction").click()
    expect(page.locator("#timeline")).to_contain_text("talked about the new studio")

    loop = page.get_by_role("form", name="Open a loop")
    loop.get_by_label("Ask, offer or promise").select_option("ask")
    loop.get_by_label("Whose").select_option("theirs")
    loop.get_by_label("What was asked, offered or promised").fill("An intro to a good designer")
    loop.get_by_role("button", name="Open loop").click()
    expect(page.locator("#loops")).to_contain_text("An intro to a good designer")
    screenshot(page, "contact")

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.locator("#drifting").get_by_role("link", name=name, exact=True)).to_have_count(0)
    # Waiting on you lists the oldest first, so the new ask joins the end of the queue.
    assert waiting_on_you_total(page) == waiting_before + 1


def test_adding_a_contact_logging_an_ask_and_recording_a_give(page: Page, server: Server) -> None:
    sign_in(page, server)
    waiting_before = waiting_on_you_total(page)
    page.get_by_role("link", name="Add contact").click()
    form = page.get_by_role("form", name="Add contact")
    form.get_by_label("Name").fill("Lori Browser")
    form.get_by_label("Organization").fill("Northwind Design")
    form.get_by_label("Email").fill("lori@browser.example")
    form.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("heading", name="Lori Browser", level=1)).to_be_visible()

    log = page.get_by_role("form", name="Log an interaction")
    log.get_by_label("Kind").select_option("meeting")
    log.get_by_label("Summary").fill("Coffee with Lori, she asked for an intro to a designer")
    log.get_by_label("This includes an ask, offer or promise").check()
    log.get_by_role("button", name="Log interaction").click()
    expect(page.locator("#timeline")).to_contain_text("she asked for an intro to a designer")
    expect(page.locator("#loops")).to_contain_text("she asked for an intro to a designer")

    give = page.get_by_role("form", name="Record a give")
    give.get_by_label("Kind").select_option("introduction")
    give.get_by_label("What was given").fill("Introduced her to Sam, a brand designer")
    give.get_by_role("button", name="Record give").click()
    expect(page.locator("#gives")).to_contain_text("Introduced her to Sam")

    assert waiting_on_you_total(page) == waiting_before + 1


def test_the_pages_work_at_phone_width(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, server)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"Today scrolls sideways on a phone: {width}px wide"
    screenshot(page, "today-phone")
