"""The review in Chromium on the demo network: its charts draw, the year picker works, the PDF
downloads, and the screenshots in docs/review.md are taken from it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, screenshot
from tests.browser.test_network_flow import sign_in

pytestmark = pytest.mark.browser

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def test_the_review_of_the_demo_network_draws_its_charts_and_names_next_steps(
    page: Page, server: Server
) -> None:
    sign_in(page, server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()

    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Review "))).to_be_visible()
    charts = page.locator("#charts figure.chart svg")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    for slug in ("review-gives-asks", "review-cadence-kept", "review-growth"):
        bars = page.locator(f"#chart-{slug} rect.bar")
        assert bars.count() > 0, slug
        # Accessible: the SVG is an image named by its title.
        expect(page.locator(f"#chart-{slug} svg")).to_have_attribute("role", "img")
    expect(page.locator("#helped li").first).to_be_visible()
    expect(page.locator("#next-steps")).to_contain_text("People to thank")
    expect(page.locator("#next-steps li").first).to_be_visible()

    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.screenshot(path=str(DOCS_IMAGES / "review.png"))
    page.locator("#next-steps").scroll_into_view_if_needed()
    page.locator("#next-steps").screenshot(path=str(DOCS_IMAGES / "review-next-steps.png"))
    screenshot(page, "review", full_page=True)


def test_the_year_picker_and_the_pdf_download(page: Page, server: Server, tmp_path: Path) -> None:
    sign_in(page, server)
    page.goto("/review/")
    last_year = str(date.today().year - 1)

    page.get_by_label("Year").select_option(last_year)
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", level=1, name=f"Review {last_year}")).to_be_visible()
    # WeasyPrint takes seconds on a busy machine; the download may too.
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("link", name="PDF").click(timeout=120_000)
    saved = tmp_path / "review.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == f"goodwill-review-{last_year}.pdf"


def test_a_period_that_ends_before_it_starts_is_explained(page: Page, server: Server) -> None:
    sign_in(page, server)
    page.goto("/review/")

    page.get_by_label("Since").fill("2025-05-01")
    page.get_by_label("Until").fill("2025-04-01")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("alert")).to_have_text(
        "since 2025-05-01 is after until 2025-04-01; the period would be empty."
    )
