from __future__ import annotations

from goodwill.sources.errors import SourceError


def test_a_source_error_reads_as_one_line_naming_file_line_and_problem() -> None:
    error = SourceError("contacts.csv", "line 1", "the header fits no format Goodwill knows")
    assert str(error) == "contacts.csv, line 1: the header fits no format Goodwill knows"


def test_a_problem_that_spans_lines_is_still_printed_on_one() -> None:
    error = SourceError("a.vcf", "line 3", "first\nsecond\r\nthird")
    assert str(error) == "a.vcf, line 3: first second third"


def test_a_source_error_without_location_names_the_file() -> None:
    assert str(SourceError("missing.csv", "", "no such file")) == "missing.csv: no such file"
