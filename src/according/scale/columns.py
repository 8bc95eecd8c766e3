"""The Parquet tables the Spark runner writes: the archive's export tables and columns (store/schema.py,
as ``according export --format parquet`` writes them), filled per article by ``store.rows``.

Trail tables are left out (trails join quotations across the whole archive, not within one partition);
``seq`` columns (the archive's insertion order) are empty.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from according.records import ErrorRecord, Record
from according.store.export import export_columns, exported_tables
from according.store.rows import error_row, record_rows

ACROSS_ARTICLES = {"trails", "trail_members"}
TABLES = tuple(t.name for t in exported_tables() if t.name not in ACROSS_ARTICLES)
KINDS = {"INTEGER": "long", "REAL": "double"}  # every other column type is text (JSON as text)
Column = tuple[str, str]  # (name, kind): string, long or double


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The fixed columns of one table, in the archive's export order."""
    (spec,) = [t for t in exported_tables() if t.name == table]
    kinds = dict(spec.columns)
    return tuple((name, KINDS.get(kinds[name], "string")) for name in export_columns(spec))


def fixed_row(row: dict[str, Any], table: str) -> tuple[Any, ...]:
    """A row as a tuple in the table's column order (missing columns None, REAL columns as floats)."""
    values = []
    for name, kind in columns(table):
        value = row.get(name)
        values.append(float(value) if kind == "double" and value is not None else value)
    return tuple(values)


def table_rows(result: Record | ErrorRecord) -> list[tuple[str, tuple[Any, ...]]]:
    """(table, fixed row) for everything one result holds."""
    if isinstance(result, ErrorRecord):
        return [("errors", fixed_row(error_row(result), "errors"))]
    tables = record_rows(result)
    return [(table, fixed_row(row, table)) for table in TABLES for row in tables.get(table, [])]
