"""The CLI reference in docs/cli.md, rendered from each command's own help text."""

from __future__ import annotations

import click

from goodwill.cli import main

# A fixed width, so the page is the same whatever terminal it is generated in.
HELP_WIDTH = 80
REGENERATE = ".venv/bin/python scripts/gen-cli-docs"


def _help_block(title: str, text: str) -> str:
    return f"## {title}\n\n```text\n{text.rstrip()}\n```\n"


def cli_reference_markdown() -> str:
    """docs/cli.md: `goodwill --help`, then the help of every command, in name order."""
    root = click.Context(
        main, info_name="goodwill", terminal_width=HELP_WIDTH, **main.context_settings
    )
    blocks = [
        "# The `goodwill` command\n",
        f"Generated from each command's help by `{REGENERATE}`; "
        "edit the docstrings in src/goodwill/cli/, not this page.\n",
        _help_block("goodwill --help", main.get_help(root)),
    ]
    for name in sorted(main.commands):
        command = main.commands[name]
        context = click.Context(command, info_name=name, parent=root, **command.context_settings)
        blocks.append(_help_block(f"goodwill {name} --help", command.get_help(context)))
    return "\n".join(blocks)
