"""The `goodwill` command. Thin: each command parses its arguments and calls services and selectors.

Commands live one module per command (or per family of commands) in this package and register
themselves on `main` when imported at the bottom of this file. A command's docstring is its help.
"""

from __future__ import annotations

import click

from goodwill.cli.common import setup_django


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="goodwill")
def main() -> None:
    """Goodwill: a give-first personal CRM."""


__all__ = ["main", "setup_django"]


# Each module below adds its commands to `main` when imported. Keep one import per module.
# isort: off
from goodwill.cli import accounts as accounts  # noqa: E402
from goodwill.cli import database as database  # noqa: E402
from goodwill.cli import demo as demo  # noqa: E402
from goodwill.cli import serve as serve  # noqa: E402
from goodwill.cli import today as today  # noqa: E402
from goodwill.cli import importing as importing  # noqa: E402
from goodwill.cli import exporting as exporting  # noqa: E402
from goodwill.cli import feeds as feeds  # noqa: E402
from goodwill.cli import asks as asks  # noqa: E402
from goodwill.cli import rhythm as rhythm  # noqa: E402
from goodwill.cli import mail as mail  # noqa: E402
from goodwill.cli import coach as coach  # noqa: E402
from goodwill.cli import work as work  # noqa: E402
from goodwill.cli import review as review  # noqa: E402
from goodwill.cli import tokens as tokens  # noqa: E402
