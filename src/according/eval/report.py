"""Rich tables for scorer output: one row per record type, the usual figures as columns."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

MAIN = ("tp", "fp", "fn", "precision", "recall", "f1")


def print_scores(title: str, result: dict[str, Any], console: Console | None = None) -> None:
    """A table of P/R/F1 per section, with any extra figures of the section listed after them."""
    table = Table(title=title)
    table.add_column("section")
    for name in MAIN:
        table.add_column(name, justify="right")
    table.add_column("other")
    for section, figures in result.items():
        if not isinstance(figures, dict):
            table.add_row(section, *[""] * len(MAIN), str(figures))
            continue
        main = [str(figures.get(k, "")) for k in MAIN]
        other = ", ".join(f"{k}={v}" for k, v in figures.items() if k not in MAIN)
        table.add_row(section, *main, other)
    (console or Console()).print(table)
