"""A database that cannot be reached is one line and exit status 2, from the real console script."""

from __future__ import annotations

import pytest

from tests.cli.conftest import free_port, run_goodwill

# Nothing listens on port 1, so the connection is refused at once.
UNREACHABLE = "postgres://postgres:hunter2@127.0.0.1:1/goodwill"


@pytest.mark.parametrize(
    "command",
    [
        ["today"],
        ["migrate"],
        ["demo", "--create-user"],
        ["adduser", "zoe"],
        ["worker"],
        ["serve", "--port", str(free_port())],
        ["manage", "showmigrations"],
    ],
    ids=lambda command: command[0],
)
def test_an_unreachable_database_is_one_line_without_the_password_and_exit_2(
    command: list[str], command_env: dict[str, str]
) -> None:
    command_env["GOODWILL_DATABASE_URL"] = UNREACHABLE
    command_env["GOODWILL_PASSWORD"] = "plum orchard at dawn"

    result = run_goodwill(*command, env=command_env)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "goodwill: cannot reach the database at postgres://postgres:***@127.0.0.1:1/goodwill: "
    )
    assert "Connection refused" in result.stderr
    assert "hunter2" not in result.stderr


def test_a_database_url_of_an_unknown_kind_is_one_line(command_env: dict[str, str]) -> None:
    command_env["GOODWILL_DATABASE_URL"] = "mongodb://127.0.0.1/goodwill"

    result = run_goodwill("today", env=command_env)

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unknown scheme 'mongodb'" in result.stderr
