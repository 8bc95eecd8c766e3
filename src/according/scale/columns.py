"""Fixed columns per record type, for Parquet: one table per type keyed by article id, plus errors.

The columns come from the record types in ``according.records`` (nested objects flattened with a
prefix, as ``Record.rows`` does; lists and dicts as JSON text), so every table has the same columns
whatever an article holds. To be unified with the archive's ``export --format parquet`` columns.
"""

from __future__ import annotations

import json
import types
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from according.records import Article, Attribution, Claim, Entity, ErrorRecord, Event, Record, TimeExpression

ITEM_TYPES: dict[str, type[BaseModel]] = {
    "entities": Entity,
    "attributions": Attribution,
    "claims": Claim,
    "events": Event,
    "times": TimeExpression,
}
ARTICLE_LEFT_OUT = {"parts", "text", "metadata_origin"}  # as in Record.rows
TABLES = ("articles", *ITEM_TYPES, "errors")
Column = tuple[str, str]  # (name, kind): string, long, double, boolean or json


def kind_of(annotation: Any) -> str | type[BaseModel]:
    """The column kind of a field annotation, or the model class of a nested object."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        return kind_of(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Literal or annotation is str:
        return "string"
    simple = {bool: "boolean", int: "long", float: "double"}
    return simple.get(annotation, "json")


def model_columns(model: type[BaseModel], prefix: str = "", skip: set[str] | None = None) -> list[Column]:
    """The flat columns of a model: nested models' fields under ``<field>_``."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        if name in (skip or set()):
            continue
        kind = kind_of(info.annotation)
        if isinstance(kind, str):
            found.append((f"{prefix}{name}", kind))
        else:
            found.extend(model_columns(kind, f"{prefix}{name}_"))
    return found


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The fixed columns of one table."""
    if table == "articles":
        return tuple(model_columns(Article, skip=ARTICLE_LEFT_OUT))
    if table == "errors":
        return tuple(model_columns(ErrorRecord))
    return (("article_id", "string"), *model_columns(ITEM_TYPES[table]))


def fixed_row(row: dict[str, Any], table: str) -> tuple[Any, ...]:
    """A flat row as a tuple in the table's column order: missing values None, lists and dicts as JSON."""
    values = []
    for name, kind in columns(table):
        value = row.get(name)
        if kind == "json" and value is not None:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif kind == "double" and value is not None:
            value = float(value)
        values.append(value)
    return tuple(values)


def table_rows(result: Record | ErrorRecord) -> list[tuple[str, tuple[Any, ...]]]:
    """(table, fixed row) for everything one result holds."""
    if isinstance(result, ErrorRecord):
        return [("errors", fixed_row(result.model_dump(), "errors"))]
    return [(table, fixed_row(row, table)) for table, rows in result.rows().items() for row in rows]
