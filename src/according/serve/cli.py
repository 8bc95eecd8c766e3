"""`according serve`: the workbench over an archive, served by uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_MAX_UPLOAD = 5_000_000  # the same default as serve.app


def serve(
    db: Annotated[Path, typer.Option("--db", help="The archive (SQLite) to serve.")] = Path("according.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(help="Enable uploads guarded by this token (or set ACCORDING_TOKEN).")
    ] = None,
    max_upload_bytes: Annotated[
        int, typer.Option(help="Largest request body accepted; larger ones get 413.")
    ] = DEFAULT_MAX_UPLOAD,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.")] = 1,
) -> None:
    """Serve the analyst's workbench: pages, the JSON API (/api/v1/), Datasette (/explore)."""
    try:
        import uvicorn

        import according.serve.app  # noqa: F401  (fails early when the serve extra is missing)
    except ImportError as exc:
        typer.echo(f"error: {exc.name} is missing: pip install 'according[serve]'", err=True)
        raise typer.Exit(2) from exc
    if not db.is_file():
        typer.echo(f"error: no archive at {db} (build one with `according ingest … --db {db}`)", err=True)
        raise typer.Exit(2)
    token = token or os.environ.get("ACCORDING_TOKEN") or None
    os.environ["ACCORDING_SERVE_DB"] = str(db.resolve())
    os.environ["ACCORDING_SERVE_MAX_UPLOAD"] = str(max_upload_bytes)
    if token:
        os.environ["ACCORDING_TOKEN"] = token
    typer.echo(
        f"according workbench on http://{host}:{port}/ (archive {db}; uploads {'on' if token else 'off'})"
    )
    uvicorn.run(
        "according.serve.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
