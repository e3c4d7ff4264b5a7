from __future__ import annotations

import pytest

from tests.cli.conftest import invoke


@pytest.mark.django_db
def test_manage_passes_everything_to_django_including_its_options() -> None:
    result = invoke("manage", "showmigrations", "network", "--plan")

    assert result.exit_code == 0, result.output
    assert "[X]  network.0001_initial" in result.output
