"""What every command needs: Django set up, the account to act for, errors as one line."""

from __future__ import annotations

import os
import sys

import click


def setup_django() -> None:
    """Configure Django once, turning a bad configuration into one line and exit status 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    import django

    from goodwill.config import ConfigurationError

    try:
        django.setup()
    except ConfigurationError as exc:
        fail(str(exc))


def fail(message: str) -> None:
    """Print one line for a person on standard error and exit with status 2."""
    click.echo(f"goodwill: {message}", err=True)
    sys.exit(2)
