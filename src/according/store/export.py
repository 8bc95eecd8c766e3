"""Export the archive: JSONL Records, CSV and Parquet tables, PLOVER 2.0 event JSON, brat standoff.

* ``jsonl`` — ``records.jsonl``, one whole Record per line (``Record.model_validate_json`` reads it back).
* ``csv`` / ``parquet`` — one file per table of schema.py (``quote_bands`` excepted) with exactly the
  documented columns, in order; Parquet types from ``ARROW_TYPES``.
* ``plover`` — ``events.json``, a list of PLOVER 2.0 event objects (the manual's fields).
* ``brat`` — ``text/NAME.txt`` and ``attributions/NAME_according.ann`` per article, the layout of
  PolNeAR, so ``according eval polnear DIR`` (and brat) read them.

Each file is written under a temporary name beside it and renamed when whole (``output.replaced``).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from according.names import participant_name
from according.output import replaced
from according.records import Record
from according.store.schema import TABLES
from according.store.sqlite import ArchiveError


class ExportError(ArchiveError):
    """The export's output cannot be written: the message names the output path, not the archive."""


FORMATS = ("jsonl", "csv", "parquet", "plover", "brat")
ANNOTATOR = "according"


def export(archive: Any, fmt: str, out: Path) -> list[Path]:
    """Write the archive in one format under ``out`` (created); the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the output folder: {exc.strerror or exc}") from exc
    writer = {"jsonl": jsonl, "csv": tables_csv, "parquet": tables_parquet, "plover": plover, "brat": brat}
    try:
        return writer[fmt](archive, out)
    except OSError as exc:
        where = exc.filename2 or exc.filename or out  # a rename names its target second
        raise ExportError(f"{where}: cannot write the export: {exc.strerror or exc}") from exc


def jsonl(archive: Any, out: Path) -> list[Path]:
    """Every Record as one JSON line."""
    path = out / "records.jsonl"
    with replaced(path) as temp, temp.open("w", encoding="utf-8") as handle:
        for record in archive.records():
            handle.write(record.model_dump_json() + "\n")
    return [path]


def exported_tables() -> list[Any]:
    """The tables that are exported (the LSH band index is internal)."""
    return [t for t in TABLES if t.export]


def export_columns(table: Any) -> list[str]:
    """A table's exported columns (the stored Record JSON stays inside the archive)."""
    return [n for n in table.names if n != "record"]


def tables_csv(archive: Any, out: Path) -> list[Path]:
    """One CSV file per table, header row first, documented columns in order."""
    paths = []
    for table in exported_tables():
        path = out / f"{table.name}.csv"
        columns = export_columns(table)
        with replaced(path) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in archive.rows(table.name):
                writer.writerow([row[c] for c in columns])
        paths.append(path)
    return paths


def arrow_type(kind: str) -> Any:
    """The Arrow type of a column type of schema.py."""
    import pyarrow as pa

    return {"INTEGER": pa.int64(), "REAL": pa.float64()}.get(kind, pa.string())


def arrow_schema(table: Any) -> Any:
    """The fixed Parquet schema of one table."""
    import pyarrow as pa

    kinds = dict(table.columns)
    return pa.schema([(name, arrow_type(kinds[name])) for name in export_columns(table)])


def tables_parquet(archive: Any, out: Path, batch: int = 5000) -> list[Path]:
    """One Parquet file per table with the documented columns and types, written in row batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = []
    for table in exported_tables():
        schema = arrow_schema(table)
        path = out / f"{table.name}.parquet"
        with replaced(path) as temp, pq.ParquetWriter(temp, schema) as writer:
            rows: list[dict[str, Any]] = []
            for row in archive.rows(table.name):
                rows.append(row)
                if len(rows) >= batch:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    rows = []
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        paths.append(path)
    return paths


DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")


def plover_actor(entity_id: str, entities: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER actor object: its text, a code (ISO alpha-3 country) and our entity id."""
    entity = entities.get(entity_id)
    code = entity.country if entity else None
    if code is None and entity_id.startswith("country:"):
        code = entity_id.split(":", 1)[1]
    name = entity.name if entity else participant_name(entity_id)
    return {"actorText": name, "code": code, "entityId": entity_id}


def calendar_day(value: str | None) -> str | None:
    """``value`` when it is one calendar day (YYYY-MM-DD, a time of day dropped), else None: PLOVER's
    ``date`` is a day, not a TimeML value like ``XXXX-WXX-4`` or ``PXM``."""
    return value[:10] if value and DAY_RE.match(value) else None


def plover_events(record: Record) -> list[dict[str, Any]]:
    """One article's events as PLOVER 2.0 objects."""
    from according import __version__

    art = record.article
    entities = {e.id: e for e in record.entities}
    return [
        {
            "id": ev.id,
            "date": calendar_day(ev.date) or calendar_day(art.published),
            "dateValue": ev.date,  # the event's own TimeML value, whatever its precision
            "event": ev.type,
            "mode": ev.mode,
            "context": [],
            "source": [plover_actor(a, entities) for a in ev.actors],
            "target": [plover_actor(r, entities) for r in ev.recipients],
            "eventText": ev.trigger.text,
            "text": ev.evidence.text,
            "location": ev.location,
            "cameo": ev.cameo,
            "negated": ev.negated,
            "hypothetical": ev.hypothetical,
            "historical": ev.historical,
            "reportedBy": ev.reported_by,
            "language": art.language,
            "publication": art.outlet,
            "articleId": art.id,
            "url": art.url,
            "sourceFile": art.source,
            "coder": "according",
            "version": __version__,
        }
        for ev in record.events
    ]


def plover(archive: Any, out: Path) -> list[Path]:
    """Every event as a PLOVER 2.0 JSON list in ``events.json``."""
    path = out / "events.json"
    events = [event for record in archive.records() for event in plover_events(record)]
    with replaced(path) as temp:
        temp.write_text(json.dumps(events, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path]


def brat_name(record: Record) -> str:
    """A file name for an article: a slug of its source file or title, then its id."""
    stem = Path((record.article.source or "").split(":")[0]).stem or record.article.title or "article"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")[:40] or "article"
    return f"{slug}_{record.article.id}"


def brat_span(kind: str, pieces: list[tuple[int, int]], text: str, number: int) -> str:
    """One brat text-bound line: ``T1<TAB>Kind 10 20;25 30<TAB>text`` (newlines in the text as spaces)."""
    offsets = ";".join(f"{s} {e}" for s, e in pieces)
    shown = " ".join(" ".join(text[s:e].split()) for s, e in pieces)
    return f"T{number}\t{kind} {offsets}\t{shown}"


def brat_ann(record: Record) -> str:
    """The attributions of one record as PolNeAR-style brat lines (Source, Cue, Content, Attribution)."""
    text = record.article.text
    lines: list[str] = []
    number = 0
    for event_no, att in enumerate(record.attributions, start=1):
        args = []
        trigger = att.cue or (att.content[0] if att.content else None)
        if trigger is None:
            continue
        parts = [("Attribution", [(trigger.start, trigger.end)])]
        if att.speaker and att.speaker.mention:
            parts.append(("Source", [(att.speaker.mention.start, att.speaker.mention.end)]))
        if att.cue:
            parts.append(("Cue", [(att.cue.start, att.cue.end)]))
        if att.content:
            parts.append(("Content", [(s.start, s.end) for s in att.content]))
        for kind, pieces in parts:
            number += 1
            lines.append(brat_span(kind, pieces, text, number))
            args.append(f"{kind}:T{number}")
        lines.append(f"E{event_no}\t" + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


def brat(archive: Any, out: Path) -> list[Path]:
    """``text/NAME.txt`` and ``attributions/NAME_according.ann`` per article."""
    (out / "text").mkdir(exist_ok=True)
    (out / "attributions").mkdir(exist_ok=True)
    paths = []
    for record in archive.records():
        name = brat_name(record)
        txt = out / "text" / f"{name}.txt"
        with replaced(txt) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(record.article.text)
        ann = out / "attributions" / f"{name}_{ANNOTATOR}.ann"
        with replaced(ann) as temp:
            temp.write_text(brat_ann(record), encoding="utf-8")
        paths += [txt, ann]
    return paths
