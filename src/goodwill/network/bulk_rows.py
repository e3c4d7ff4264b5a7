"""Bulk inserts and updates for imports, one `executemany` per table and batch.

Measured on 30,000 LinkedIn connections, Django's bulk_create spent about two thirds of the
import building model instances and compiling their values field by field. Imports write plain
rows here instead; values still go through the backend's own adapters, and columns a row leaves
out get the model field's default, so the models stay the one description of the tables.
On PostgreSQL the rows go through COPY. Only SQLite and PostgreSQL are supported, as for
Goodwill itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

CHUNK = 5000

Converter = Callable[[Any], Any]


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for rows the caller inserts itself, inside the transaction
    that holds the database's write lock (SQLite) or from the table's sequence (PostgreSQL)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(
                f"imports support SQLite and PostgreSQL, not {connection.vendor}"
            )
        # AUTOINCREMENT remembers the largest id ever used, even of deleted rows: never reuse one.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
    return list(range(start, start + count))


def _converter(field: models.Field[Any, Any]) -> Converter:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
            return _sqlite_utc_datetime
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField | models.BinaryField | models.UUIDField):
        return lambda value: field.get_db_prep_save(value, connection)
    return _as_is


def _as_is(value: Any) -> Any:
    return value


def _sqlite_utc_datetime(value: datetime | None) -> str | None:
    # What the SQLite backend's adapter writes (naive UTC as text), without its per-value
    # settings lookups, which cost a second per 300,000 values.
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)


def _fields(model: type[models.Model], with_ids: bool) -> list[models.Field[Any, Any]]:
    return [field for field in model._meta.concrete_fields if with_ids or not field.primary_key]


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None, f"{field.name} has no column"
    return field.column


def insert_rows(
    model: type[models.Model], rows: Iterable[Mapping[str, Any]], *, with_ids: bool = False
) -> int:
    """Inserts rows given as {attname: value}; a column a row leaves out gets its field's
    default. With `with_ids`, each row carries its "id" (see allocate_ids)."""
    fields = _fields(model, with_ids)
    converters = [_converter(field) for field in fields]
    names = [field.attname for field in fields]
    defaults = {field.attname: field for field in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(_column(field)) for field in fields)
    if connection.vendor == "postgresql":
        return _copy_rows(table, columns, _values(rows, names, converters, defaults))
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    written = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for values in _values(rows, names, converters, defaults):
            batch.append(values)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def _values(
    rows: Iterable[Mapping[str, Any]],
    names: list[str],
    converters: list[Converter],
    defaults: Mapping[str, models.Field[Any, Any]],
) -> Iterator[list[Any]]:
    """Each row's values in column order, converted for the database, defaults filled in."""
    for row in rows:
        yield [
            convert(row[name] if name in row else defaults[name].get_default())
            for name, convert in zip(names, converters, strict=True)
        ]


def _copy_rows(table: str, columns: str, rows: Iterator[list[Any]]) -> int:
    # PostgreSQL takes rows through COPY faster than through an INSERT each, even pipelined:
    # 30,000 LinkedIn connections import in 3.8 s instead of 6.2 s (docs/benchmarks.md).
    written = 0
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for values in rows:
            copy.write_row(values)
            written += 1
    _keep_statistics(table, written)
    return written


# Rows this process has written to each table, and how many it had written when it last had
# PostgreSQL gather the table's statistics.
_WRITTEN: dict[str, int] = {}
_ANALYZED_AT: dict[str, int] = {}
ANALYZE_AFTER = 2000


def _keep_statistics(table: str, written: int) -> None:
    """Have PostgreSQL gather a table's statistics again once it has grown by half (and by
    ANALYZE_AFTER rows at least) through this process: a table filled by an import is
    otherwise planned as the near-empty table it was, and lookups by key scan every row: a
    re-read of 100,000 LinkedIn messages right after their import spent 5.9 s in them, 0.9 s
    with the statistics gathered. SKIP_LOCKED, so an import never waits for another one's
    statistics; inside the import's transaction, so its own rows count."""
    total = _WRITTEN[table] = _WRITTEN.get(table, 0) + written
    before = _ANALYZED_AT.get(table, 0)
    if total - before >= max(ANALYZE_AFTER, before // 2):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE (SKIP_LOCKED) {table}")
        _ANALYZED_AT[table] = total


def update_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Sets `columns` (attnames) of many rows: each row is its values in that order, then its id."""
    if not rows:
        return
    by_name = {field.attname: field for field in model._meta.concrete_fields}
    converters = [_converter(by_name[name]) for name in columns]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    prepared = [
        [convert(value) for convert, value in zip(converters, row[:-1], strict=True)] + [row[-1]]
        for row in rows
    ]
    if connection.vendor == "postgresql":
        _update_from_arrays(table, [by_name[name] for name in columns], prepared)
        return
    assignments = ", ".join(f"{quote(_column(by_name[name]))} = %s" for name in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE id = %s"
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), CHUNK):
            cursor.executemany(sql, prepared[start : start + CHUNK])


def _update_from_arrays(
    table: str, fields: list[models.Field[Any, Any]], rows: list[list[Any]]
) -> None:
    # One UPDATE ... FROM unnest(arrays) a chunk instead of an UPDATE a row, even pipelined:
    # setting the thread of 96,857 messages took 2.0 s instead of 3.5 s.
    quote = connection.ops.quote_name
    names = [f"c{number}" for number in range(len(fields))]
    assignments = ", ".join(
        f"{quote(_column(field))} = data.{name}" for field, name in zip(fields, names, strict=True)
    )
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    sql = (
        f"UPDATE {table} SET {assignments} FROM unnest({arrays}, %s::bigint[]) "
        f"AS data({', '.join(names)}, id) WHERE {table}.id = data.id"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
