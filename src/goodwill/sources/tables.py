"""CSV files as tables: find the header row (after any preamble, with any of the delimiters
spreadsheets use), then stream the rows with the line each one starts on."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from goodwill.sources.errors import SourceError
from goodwill.sources.inputs import READ_ERRORS, Blob, head_text, open_text, sniff_encoding

# Message bodies can be long; the csv module's default limit (128 KiB a field) is not a format rule.
csv.field_size_limit(64 * 1024 * 1024)

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 12


@dataclass(frozen=True)
class Row:
    """One data row: the line it starts on, its number among the rows (from 1), its cells by
    normalised header name, and any cells past the header's last column."""

    line: int
    number: int
    cells: dict[str, str]
    extra: tuple[str, ...] = ()

    def misfit(self, width: int) -> str | None:
        """Why the row cannot be trusted, or None: a row with values past the header's last
        column is shifted, so its values would land in the wrong fields."""
        if any(cell.strip() for cell in self.extra):
            return f"has {width + len(self.extra)} fields where the header has {width}"
        return None

    def get(self, *names: str) -> str:
        """The first non-empty cell among the named columns, stripped; '' when none."""
        for name in names:
            value = self.cells.get(name)
            if value and (value := value.strip()):
                return value
        return ""


@dataclass(frozen=True)
class Table[L]:
    """A CSV whose header was found and recognised as layout `L`."""

    blob: Blob
    encoding: str
    delimiter: str
    rows_before_header: int
    header: tuple[str, ...]
    header_line: int
    layout: L


def header_key(cell: str) -> str:
    """A header cell as compared: no byte-order mark, quotes or extra spaces, case-folded."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()


def find_table[L](blob: Blob, classify: Callable[[tuple[str, ...]], L | None]) -> Table[L]:
    """The table whose header `classify` recognises among the first rows, trying each delimiter;
    SourceError naming the first line when no header fits."""
    encoding = sniff_encoding(blob)
    text = head_text(blob, encoding)
    first_line = _first_content_line(text)
    for delimiter in DELIMITERS:
        if delimiter not in text:
            continue
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        line = 0
        try:
            for index, cells in enumerate(reader):
                if index >= HEADER_SEARCH_ROWS:
                    break
                start, line = line + 1, reader.line_num
                header = tuple(header_key(cell) for cell in cells)
                layout = classify(header)
                if layout is not None:
                    return Table(blob, encoding, delimiter, index, header, start, layout)
        except csv.Error:
            continue
    raise SourceError(blob.name, f"line {first_line}", "the header fits no format Goodwill knows")


def table_rows(table: Table[object]) -> Iterator[Row]:
    """Each data row after the header; blank rows are not rows. A row the csv module cannot
    read stops the table with a SourceError naming its line."""
    header = table.header
    width = len(header)
    for start, number, cells in table_cells(table):
        yield Row(start, number, dict(zip(header, cells, strict=False)), tuple(cells[width:]))


def table_cells(table: Table[object]) -> Iterator[tuple[int, int, list[str]]]:
    """table_rows without the dictionaries, for files too long to spend them on: each data
    row's first line, its number among the rows (from 1) and its cells as the csv module read
    them, in the header's order."""
    with open_text(table.blob, table.encoding) as stream:
        reader = csv.reader(stream, delimiter=table.delimiter)
        line = 0
        number = 0
        index = -1
        skip = table.rows_before_header
        while True:
            start = line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problem = f"is not valid CSV: {exc}"
                raise SourceError(table.blob.name, f"line {start}", problem) from exc
            except (*READ_ERRORS, UnicodeDecodeError) as exc:
                problem = f"cannot be read: {exc}"
                raise SourceError(table.blob.name, f"line {start}", problem) from exc
            line = reader.line_num
            index += 1
            if index <= skip or not "".join(cells).strip():
                continue
            number += 1
            yield start, number, cells


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            return number
    return 1
