"""A readable Rich view of one Record: who said what, according to whom."""

from __future__ import annotations

from rich.console import Console

from according.records import Record


def print_record(record: Record, console: Console) -> None:
    """Placeholder."""
    console.print(record.article.title or record.article.source or record.article.id)
