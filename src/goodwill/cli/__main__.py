"""`python -m goodwill.cli`: the same command, for child processes started with sys.executable."""

from __future__ import annotations

from goodwill.cli import main

main(prog_name="goodwill")
