"""`goodwill asks`: one verdict and score per line of standard input, in order, with no database."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.cli.conftest import GOODWILL, invoke

LINES = [
    "Could you introduce me to Maria?",
    "Thanks for the lunch yesterday, it was great to see you.",
    "",
    "Please send me the signed contract.",
    "Let me know if there is anything I can do for you.",
]


def test_prints_a_verdict_and_a_score_for_each_line_in_order() -> None:
    result = invoke("asks", input="\n".join(LINES) + "\n")

    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert len(rows) == len(LINES)
    assert all(re.fullmatch(r"(ask|no)\t[01]\.\d\d", row) for row in rows), rows
    assert [row.split("\t")[0] for row in rows] == ["ask", "no", "no", "ask", "no"]


def test_the_verdict_follows_the_score() -> None:
    result = invoke("asks", input="\n".join(LINES))

    for row in result.output.splitlines():
        verdict, score = row.split("\t")
        assert (verdict == "ask") == (float(score) >= 0.5)


def test_a_last_line_without_a_newline_is_read_too() -> None:
    result = invoke("asks", input="Thanks!\nCan you call me tomorrow?")

    assert [row.split("\t")[0] for row in result.output.splitlines()] == ["no", "ask"]


def test_undecodable_bytes_do_not_stop_the_run(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(b"Could you send the caf\xe9 menu?\nNoted.\n")

    result = invoke("asks", str(pasted))

    assert result.exit_code == 0
    assert [row.split("\t")[0] for row in result.output.splitlines()] == ["ask", "no"]


def test_why_adds_the_reasons_and_names_an_offer() -> None:
    result = invoke("asks", "--why", input="Could you send the deck?\nHappy to help.\n")

    ask_row, offer_row = result.output.splitlines()
    assert ask_row.startswith("ask\t")
    assert 'asks "could/would/can you"' in ask_row.split("\t")[2]
    assert offer_row.startswith("no\t")
    assert 'offer phrase "Happy to help"' in offer_row.split("\t")[2]


def test_runs_as_a_command_without_a_database(command_env: dict[str, str]) -> None:
    # Nothing answers at this address, and GOODWILL_HOME is a folder not yet made.
    command_env["GOODWILL_DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"

    completed = subprocess.run(
        [str(GOODWILL), "asks"],
        input="Can you review my draft?\nAll good here.\n",
        env=command_env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert completed.returncode == 0, completed.stderr
    assert [row.split("\t")[0] for row in completed.stdout.splitlines()] == ["ask", "no"]
    assert not Path(command_env["GOODWILL_HOME"]).exists()
