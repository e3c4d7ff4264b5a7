from __future__ import annotations

from tests.cli.conftest import run_goodwill


def test_commands_on_a_new_database_ask_for_migrate_which_then_makes_it_ready(
    command_env: dict[str, str],
) -> None:
    before = run_goodwill("today", env=command_env)

    assert before.returncode == 2
    assert before.stderr.count("\n") == 1
    assert "run `goodwill migrate`" in before.stderr

    migrated = run_goodwill("migrate", env=command_env)

    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.startswith("Applied ")
    assert migrated.stdout.count("\n") == 1

    after = run_goodwill("today", env=command_env)

    assert after.returncode == 2
    assert "there is no account yet" in after.stderr
