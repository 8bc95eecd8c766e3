"""Command-line options shared by several commands (`extract`, `show`, `ingest`): one definition each."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer


def check_published(value: str | None) -> str | None:
    """--published must be a real ISO date (YYYY-MM-DD); anything else is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real date in the form YYYY-MM-DD") from None


Published = Annotated[
    str | None,
    typer.Option(callback=check_published, help="Publication date (YYYY-MM-DD) for all inputs."),
]
Outlet = Annotated[str | None, typer.Option(help="Outlet name for all inputs.")]

Workers = Annotated[int, typer.Option("--workers", "-w", min=0, help="Worker processes (0 = every core).")]
ProgressLines = Annotated[
    bool,
    typer.Option("--progress", help="Print a progress line every 10 s when stderr is not a terminal."),
]
