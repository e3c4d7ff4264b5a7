"""`goodwill review`: the text summary, --json, --pdf (read back), --user, and bad periods."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from pypdf import PdfReader

from tests.cli.conftest import invoke
from tests.review.network import Year2025, build_2025, empty_cache

pytestmark = pytest.mark.usefixtures(empty_cache.__name__)


@pytest.fixture
def year(owner: User, stranger: User) -> Year2025:
    build_2025(stranger, prefix="Mallory's ")
    return build_2025(owner)


@pytest.mark.usefixtures("year")
def test_the_review_of_a_year_in_the_terminal_names_people_and_why() -> None:
    result = invoke("review", "--year", "2025", "--user", "alice")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Review 2025 (2025-01-01 to 2025-12-31)")
    assert (
        "People you helped (1)\n  Ana Lima: You gave twice; the latest: “Advice on pricing”." in out
    )
    assert "New relationships (1)\n  Cleo Park: Added on 1 Apr 2025." in out
    assert "Cooled (1)\n  Ben Okoro:" in out
    assert "Work by source\n  Ben Okoro: 1 (EUR 1,200)" in out
    assert "Thank (1)\n  Ben Okoro: Sent you 1 piece of work in this period (EUR 1,200)." in out
    assert "Mallory" not in out


@pytest.mark.usefixtures("year")
def test_json_for_scripts_and_a_custom_period() -> None:
    result = invoke(
        "review", "--since", "2025-04-01", "--until", "2025-04-30", "--json", "--user", "alice"
    )

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == {"since": "2025-04-01", "until": "2025-04-30"}
    assert data["previous_period"] == {"since": "2025-03-02", "until": "2025-03-31"}
    assert [p["contact"] for p in data["new_relationships"]["people"]] == ["Cleo Park"]
    assert data["helped"]["people"] == []


@pytest.mark.usefixtures("year")
def test_the_pdf_is_written_and_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "review-2025.pdf"

    result = invoke("review", "--year", "2025", "--pdf", str(target), "--user", "alice")

    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Review 2025" in text
    assert "People who helped you" in text
    assert "Ben Okoro" in text
    assert "Relationships to rekindle" in text
    assert f"Wrote the review to {target}." in result.stderr


@pytest.mark.usefixtures("year")
def test_another_account_reviews_only_its_own_network() -> None:
    result = invoke("review", "--year", "2025", "--json", "--user", "mallory")

    assert result.exit_code == 0, result.output
    helped = json.loads(result.stdout)["helped"]["people"]
    assert [p["contact"] for p in helped] == ["Mallory's Ana Lima"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "twenty"], "goodwill: year 'twenty' is not a year; write it as YYYY.\n"),
        (
            ["--since", "2025-02-30"],
            "goodwill: since '2025-02-30' is not a date; write it as YYYY-MM-DD.\n",
        ),
        (
            ["--since", "2025-05-01", "--until", "2025-04-01"],
            "goodwill: since 2025-05-01 is after until 2025-04-01; the period would be empty.\n",
        ),
        (
            ["--year", "2025", "--until", "2025-04-01"],
            "goodwill: Give a year, or since and until, not both.\n",
        ),
    ],
)
def test_a_bad_period_is_one_line_and_exit_status_2(
    owner: User, arguments: list[str], message: str
) -> None:
    result = invoke("review", *arguments, "--user", "alice")

    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_a_pdf_into_a_missing_folder_is_refused_before_any_work(
    owner: User, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "review.pdf"

    result = invoke("review", "--year", "2025", "--pdf", str(target), "--user", "alice")

    assert result.exit_code == 2
    assert result.stderr == f"goodwill: {target}: the folder {target.parent} does not exist\n"
    assert not target.parent.exists()
