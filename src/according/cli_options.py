"""Command-line options shared by several commands (`extract`, `show`, `ingest`, `query`): one definition."""

from __future__ import annotations

from typing import Annotated

import typer

from according.dates import real_date


def check_published(value: str | None) -> str | None:
    """A date option (--published, --since, --until) must be a real ISO date (YYYY-MM-DD); else exit 2."""
    if value is None:
        return None
    try:
        return real_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


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
