"""Rich tables for scorer output: one row per section, the usual figures as columns."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

MAIN = ("tp", "fp", "fn", "precision", "recall", "f1")


def print_scores(title: str, result: dict[str, Any], console: Console | None = None) -> None:
    """A table of the P/R/F1 columns some section has, then any other figures of each section."""
    sections = {k: v if isinstance(v, dict) else {"value": v} for k, v in result.items()}
    columns = [c for c in MAIN if any(c in figures for figures in sections.values())]
    table = Table(title=title)
    table.add_column("section")
    for name in columns:
        table.add_column(name, justify="right")
    table.add_column("other figures", overflow="fold")
    for section, figures in sections.items():
        main = [str(figures.get(k, "")) for k in columns]
        other = ", ".join(f"{k}={v}" for k, v in figures.items() if k not in columns)
        table.add_row(section, *main, other)
    (console or Console()).print(table)
