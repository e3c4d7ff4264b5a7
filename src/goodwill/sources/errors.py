"""The one error a parser raises: a file it cannot read at all, said in one line for a person."""

from __future__ import annotations


class SourceError(Exception):
    """A whole file is unreadable: names the file, where in it, and what was wrong."""

    def __init__(self, file: str, location: str, problem: str) -> None:
        # One line, whatever the problem text carried in, so the CLI can print it as it is.
        self.file = file
        self.location = " ".join(location.split())
        self.problem = " ".join(problem.split())
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.location:
            return f"{self.file}, {self.location}: {self.problem}"
        return f"{self.file}: {self.problem}"
