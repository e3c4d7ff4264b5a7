"""The review page, its printable twin, the PDF (read back) and the JSON."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pypdf import PdfReader

from tests.review.network import Year2025, build_2025, empty_cache

pytestmark = pytest.mark.usefixtures(empty_cache.__name__)


@pytest.fixture
def year(owner: User, stranger: User) -> Year2025:
    build_2025(stranger, prefix="Mallory's ")
    return build_2025(owner)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_review_page_shows_every_section_with_its_people(
    owner_client: Client, year: Year2025
) -> None:
    response = owner_client.get("/review/", {"year": "2025"})

    assert response.status_code == 200
    html = response.content.decode()
    for title in (
        "People you helped",
        "People who helped you",
        "New relationships",
        "Warmed",
        "Cooled",
        "Silences you ended",
        "Silences left open",
        "Shares",
        "Topics that mattered",
        "Work by the relationship it came through",
        "Relationships to rekindle",
        "People to thank",
    ):
        assert f">{title}</h" in html, title
    assert f'href="/contacts/{year.ana.pk}/">Ana Lima</a>' in html
    assert "Sent you 1 piece of work in this period (EUR 1,200)." in html
    assert '<option value="2025" selected>' in html


def test_the_charts_are_svg_with_titles_and_a_table_of_their_figures(
    owner_client: Client, year: Year2025
) -> None:
    html = owner_client.get("/review/", {"year": "2025"}).content.decode()

    for slug, title in (
        ("review-gives-asks", "Gives against asks: You gave against You asked"),
        ("review-growth", "Network growth"),
        ("review-work", "Work by source"),
    ):
        assert f'<title id="chart-{slug}-title">{title}</title>' in html, slug
    # March: one give, no ask; the table says so for screen readers.
    assert "<tr><td>Mar, You gave</td><td>1</td></tr>" in html
    assert "<tr><td>Mar, You asked</td><td>0</td></tr>" in html
    assert "<tr><td>Ben Okoro</td><td>1</td></tr>" in html


def test_a_custom_period_is_reviewed_and_a_bad_one_is_refused_in_one_line(
    owner_client: Client, year: Year2025
) -> None:
    page = owner_client.get("/review/", {"since": "2025-04-01", "until": "2025-04-30"})
    assert page.status_code == 200
    assert "Review 2025-04-01 to 2025-04-30" in page.content.decode()

    refused = owner_client.get("/review/", {"since": "2025-05-01", "until": "2025-04-01"})
    assert refused.status_code == 400
    alerts = re.findall(r'role="alert">(.*?)</p>', refused.content.decode())
    assert alerts == ["since 2025-05-01 is after until 2025-04-01; the period would be empty."]


def test_the_printable_review_stands_alone_with_the_print_stylesheet(
    owner_client: Client, year: Year2025
) -> None:
    response = owner_client.get("/review/print/", {"year": "2025"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "review/print.css" in html
    assert 'class="site-nav"' not in html
    assert "Ben Okoro" in html


def test_the_pdf_holds_the_review_as_text_a_reader_can_find(
    owner_client: Client, year: Year2025
) -> None:
    response = owner_client.get("/review/review.pdf", {"year": "2025"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="goodwill-review-2025.pdf"'
    text = pdf_text(response.content)
    for expected in (
        "Review 2025",
        "People you helped",
        "Ana Lima",
        "People who helped you",
        "New relationships",
        "Cleo Park",
        "Silences you ended",
        "Topics that mattered",
        "Work by the relationship it came through",
        "Next steps",
        "Sent you 1 piece of work in this period (EUR 1,200).",
        "Gives against asks",
        "Network growth",
    ):
        assert expected in text, expected


def test_the_json_twin_says_the_same(owner_client: Client, year: Year2025) -> None:
    data = json.loads(owner_client.get("/review.json", {"year": "2025"}).content)

    assert [p["contact"] for p in data["helped"]["people"]] == ["Ana Lima"]
    assert data["work"][0]["source"] == "Ben Okoro"
    assert owner_client.get("/review.json", {"year": "x"}).status_code == 400


@pytest.mark.usefixtures("year")
def test_a_stranger_sees_only_their_own_year_on_every_form_of_the_review(
    stranger_client: Client,
) -> None:
    page = stranger_client.get("/review/", {"year": "2025"}).content.decode()
    printable = stranger_client.get("/review/print/", {"year": "2025"}).content.decode()
    data = stranger_client.get("/review.json", {"year": "2025"}).content.decode()
    pdf = pdf_text(stranger_client.get("/review/review.pdf", {"year": "2025"}).content)

    for shown in (page, printable, data, pdf):
        assert "Mallory&#x27;s Ana Lima" in shown or "Mallory's Ana Lima" in shown
        assert re.search(r"(?<!Mallory&#x27;s )(?<!Mallory's )Ana Lima", shown) is None
        assert re.search(r"(?<!Mallory&#x27;s )(?<!Mallory's )Ben Okoro", shown) is None
