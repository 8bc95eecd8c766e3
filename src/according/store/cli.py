"""`according ingest`, `according query` and `according export`: thin shells over ``Archive``."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from according.cli_options import Outlet, ProgressLines, Published, Workers, fail, setup_or_fail
from according.dates import real_date
from according.records import ErrorRecord, Record
from according.wording import counted

err = Console(stderr=True)
DB_OPTION = typer.Option("--db", help="The archive file (created when missing).")
READ_DB_OPTION = typer.Option("--db", help="The archive file to read.")


class QueryKind(str, Enum):
    quotes = "quotes"
    claims = "claims"
    events = "events"
    entities = "entities"
    trails = "trails"


class QueryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    brat = "brat"


def open_archive(db: Path, readonly: bool = False) -> Any:
    """The Archive at ``db``, or a one-line error and exit 2."""
    from according.store import Archive, ArchiveError

    if db.is_dir():
        raise fail(f"{db}: is a folder, not an archive file")
    try:
        return Archive(db, readonly=readonly)
    except ArchiveError as exc:
        raise fail(str(exc)) from None


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or globs to read; - reads stdin.")],
    db: Annotated[Path, DB_OPTION] = Path("according.db"),
    published: Published = None,
    outlet: Outlet = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Replace articles stored by another extractor version.")
    ] = False,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV text field(s), a|b.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV title field(s), a|b.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV date field(s), a|b.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV URL field(s), a|b.")] = None,
    workers: Workers = 1,
    progress: ProgressLines = False,
) -> None:
    """Extract and store articles in the archive; already stored ones are skipped. Exit 1 if any failed."""
    from according.ingest.batch import Fields
    from according.progress import make_reporter
    from according.store import ArchiveError

    fields = Fields.from_options(text=text_field, title=title_field, published=date_field, url=url_field)
    setup_or_fail()
    archive = open_archive(db)
    reporter = make_reporter(
        err, inputs, live=err.is_terminal, plain=progress and not err.is_terminal, label="ingesting"
    )

    def on_result(status: str, item: Record | ErrorRecord | None) -> None:
        if isinstance(item, ErrorRecord):
            err.print(f"[red]error[/red]: {item.input}: {item.reason}", highlight=False, soft_wrap=True)
        reporter.advance(isinstance(item, ErrorRecord))

    try:
        summary = archive.ingest(
            inputs,
            published=published,
            outlet=outlet,
            fields=fields,
            reprocess=reprocess,
            on_result=on_result,
            workers=workers,
        )
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    finally:
        reporter.close()
        archive.close()
    line = summary.line()
    if summary.inputs and not summary.stored and not summary.replaced and not summary.errors:
        line += " (nothing new)"
    err.print(line, highlight=False)
    if summary.errors:
        raise typer.Exit(1)


QUERY_COLUMNS = {
    "quotes": ("published", "outlet", "speaker", "kind", "text"),
    "claims": ("published", "outlet", "figure", "about", "speaker"),
    "events": ("published", "type", "actors", "recipients", "evidence"),
    "entities": ("entity_id", "name", "type", "country", "articles", "mentions"),
}


def query(
    kind: Annotated[QueryKind, typer.Argument(help="What to list.")],
    db: Annotated[Path, READ_DB_OPTION] = Path("according.db"),
    speaker: Annotated[str | None, typer.Option(help="Speaker name (any part) or entity id.")] = None,
    entity: Annotated[str | None, typer.Option(help="Entity name (any part) or id involved.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 country of the speaker or actor.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (exact, any case).")] = None,
    state_media: Annotated[
        bool, typer.Option("--state-media", help="Only statements with a state-media speaker or relay.")
    ] = False,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    search: Annotated[
        str | None, typer.Option(help="Words to find (full text; searched as plain words).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows (or trails) to print, at least 1.")] = 50,
    offset: Annotated[int, typer.Option(help="Rows to skip first (0 or more).")] = 0,
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
) -> None:
    """List quotes, claims, events, entities or trails from the archive, filtered."""
    from according.store import ArchiveError
    from according.store.query import QueryError

    if limit < 1:
        raise fail(f"--limit must be at least 1 (got {limit})")
    if offset < 0:
        raise fail(f"--offset must be 0 or more (got {offset})")
    since, until = checked_date("--since", since), checked_date("--until", until)
    if not db.exists():
        raise fail(f"{db}: no such archive (run `according ingest ... --db {db}` first)")
    archive = open_archive(db, readonly=True)
    filters = dict(
        speaker=speaker,
        entity=entity,
        country=country,
        outlet=outlet,
        state_media=state_media,
        since=since,
        until=until,
        search=search,
        limit=limit,
        offset=offset,
    )
    try:
        rows = archive.query(kind.value, **filters)
    except (ArchiveError, QueryError) as exc:
        raise fail(str(exc)) from None
    finally:
        archive.close()
    print_rows(kind.value, rows, format)


def checked_date(option: str, value: str | None) -> str | None:
    """A --since/--until value as YYYY-MM-DD (the check `--published` uses); else one error line, exit 2."""
    if value is None:
        return None
    try:
        return real_date(value)
    except ValueError as exc:
        raise fail(f"{option}: {exc}") from None


def print_rows(kind: str, rows: list[dict[str, Any]], fmt: QueryFormat) -> None:
    """Rows as JSON lines, CSV (lists as JSON) or a table for an 80-column terminal."""
    if fmt is QueryFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if fmt is QueryFormat.csv:
        flat = [flat_row(kind, row) for row in rows]
        names = list(flat[0]) if flat else list(QUERY_COLUMNS.get(kind, ("id",)))
        writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    from according.store.render import print_table, print_trails

    if kind == "trails":
        print_trails(rows, Console(), err)
    else:
        print_table(kind, rows, QUERY_COLUMNS[kind], Console(), err)


def flat_row(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row with lists and dicts as JSON text (trails: one row per trail with counts)."""
    if kind == "trails":
        first = row["first"] or {}
        return {
            "id": row["id"],
            "kind": row["kind"],
            "appearances": len(row["appearances"]),
            "first_outlet": first.get("outlet"),
            "first_published": first.get("published"),
            "first_text": first.get("text"),
            "changes": json.dumps([c["type"] for c in row["changes"]]),
        }
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}


def others_beside(paths: list[Path]) -> list[Path]:
    """Files in the folders an export wrote into that the export did not write (an earlier archive's)."""
    written = {p.resolve() for p in paths}
    folders = {p.parent for p in paths}
    return sorted(f for d in folders for f in d.iterdir() if f.is_file() and f.resolve() not in written)


def export(
    db: Annotated[Path, READ_DB_OPTION] = Path("according.db"),
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Export format.")
    ] = ExportFormat.jsonl,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into (created).")] = Path(
        "export"
    ),
) -> None:
    """Export the archive: JSONL Records, CSV/Parquet tables, PLOVER JSON events or brat standoff."""
    from according.store import ArchiveError

    if not db.exists():
        raise fail(f"{db}: no such archive")
    archive = open_archive(db, readonly=True)
    try:
        paths = archive.export(format.value, output)
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{output}: {exc.strerror or exc}") from None
    finally:
        archive.close()
    err.print(f"{counted(len(paths), 'file')} written to {output}", highlight=False)
    if format.value == "brat" and (stale := others_beside(paths)):
        err.print(
            f"warning: {counted(len(stale), 'other file')} in {output} ({stale[0]}…) did not come from this "
            "archive; a tool reading the folder (eval polnear) reads them too",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
