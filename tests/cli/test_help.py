"""Every command explains itself, and docs/cli.md is that help, up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.cli import main
from goodwill.cli.reference import REGENERATE, cli_reference_markdown
from tests.cli.conftest import invoke

CLI_PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_a_help_line(name: str) -> None:
    command = main.commands[name]

    assert command.help, f"`goodwill {name}` needs a docstring"
    line = command.get_short_help_str(limit=65)
    assert line.strip()
    assert not line.endswith("..."), f"`goodwill {name}`: keep the first sentence short"


def test_goodwill_help_lists_every_command() -> None:
    result = invoke("--help")

    assert result.exit_code == 0
    for name, command in main.commands.items():
        assert f"  {name} " in result.output
        assert command.get_short_help_str(limit=65) in result.output


def test_docs_cli_md_is_the_current_help_of_every_command() -> None:
    assert CLI_PAGE.read_text() == cli_reference_markdown(), (
        f"docs/cli.md is out of date; run {REGENERATE}"
    )
