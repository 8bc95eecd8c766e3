"""The SQLite archive: schema and migrations, idempotent crash-safe ingest, full-text search.

One file in WAL mode with foreign keys on. ``PRAGMA user_version`` is the schema version; ``MIGRATIONS``
holds one step per version. Every article and all its records (trails included) are written in one
``BEGIN IMMEDIATE`` transaction, checked for the article id inside it, so a kill at any moment leaves
each article either wholly stored or absent, and two writers never store one article twice.
"""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import sqlite_utils

from according.records import ErrorRecord, Record, article_id
from according.store.rows import error_row, record_rows, row_record
from according.store.schema import BY_NAME, FTS, RECORD_TABLES, TABLES, Table
from according.wording import counted

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 60_000


class ArchiveError(Exception):
    """A one-line, user-facing reason the archive cannot be opened or written."""


@dataclass
class IngestSummary:
    """What one ingest run did: inputs read, articles stored, already stored, replaced, errors."""

    inputs: int = 0
    stored: int = 0
    skipped: int = 0
    replaced: int = 0
    errors: int = 0

    def line(self) -> str:
        """``N inputs, M stored, S already stored, K errors`` (and replaced ones when any)."""
        replaced = f", {self.replaced} replaced" if self.replaced else ""
        return (
            f"{counted(self.inputs, 'input')}, {self.stored} stored, "
            f"{self.skipped} already stored{replaced}, {counted(self.errors, 'error')}"
        )


def sql_type(kind: str) -> type:
    """The Python type sqlite-utils wants for a column type of schema.py."""
    return {"INTEGER": int, "REAL": float}.get(kind, str)


def create_table(db: sqlite_utils.Database, table: Table) -> None:
    """Create one table of schema.py with its keys and indexes."""
    db[table.name].create(  # type: ignore[union-attr]
        {name: sql_type(kind) for name, kind in table.columns},
        pk=table.pk,
        foreign_keys=list(table.foreign_keys) or None,
    )
    for column in table.unique:
        db[table.name].create_index([column], unique=True)  # type: ignore[union-attr]
    for columns in table.indexes:
        db[table.name].create_index(list(columns))  # type: ignore[union-attr]


def create_v1(db: sqlite_utils.Database) -> None:
    """Schema version 1: every table of schema.py and the FTS5 indexes kept in step by triggers."""
    for table in TABLES:
        create_table(db, table)
    for content, columns in FTS.values():
        db[content].enable_fts(list(columns), fts_version="FTS5", create_triggers=True, tokenize="porter")  # type: ignore[union-attr]


def add_set_columns(db: sqlite_utils.Database) -> None:
    """Schema version 2: TimeML's ``quant`` and ``freq`` of a SET on ``times`` (an archive created at
    version 2 already has them; older rows keep them empty)."""
    have = {c.name for c in db["times"].columns}  # type: ignore[union-attr]
    for column in ("quant", "freq"):
        if column not in have:
            db["times"].add_column(column, str)  # type: ignore[union-attr]


def add_source_id(db: sqlite_utils.Database) -> None:
    """Schema version 3: ``articles.source_id``, the input row's own id (older rows keep it empty)."""
    if "source_id" not in {c.name for c in db["articles"].columns}:  # type: ignore[union-attr]
        db["articles"].add_column("source_id", str)  # type: ignore[union-attr]


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: create_v1,
    2: add_set_columns,
    3: add_source_id,
}


def translate(exc: sqlite3.Error, path: str) -> ArchiveError:
    """A one-line reason for an SQLite error on the archive at ``path``."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ArchiveError(f"{path}: the archive is locked by another process (try again later)")
    if "full" in text:
        return ArchiveError(f"{path}: the disk is full; the article being written was rolled back")
    if "readonly" in text or "read-only" in text:
        return ArchiveError(f"{path}: the archive is read-only")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return ArchiveError(f"{path}: not an according archive (the file is corrupt or not SQLite)")
    if "disk i/o" in text:
        return ArchiveError(f"{path}: disk I/O error (read-only, failing or not a regular file)")
    if "unable to open" in text:
        return ArchiveError(f"{path}: cannot open the archive (missing folder or no permission)")
    return ArchiveError(f"{path}: {exc}")


@contextmanager
def sqlite_errors(path: str) -> Iterator[None]:
    """Turn SQLite and OS errors into one-line ArchiveErrors."""
    try:
        yield
    except ArchiveError:
        raise
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    except OSError as exc:
        raise ArchiveError(f"{path}: {exc.strerror or exc}") from exc


def connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """An SQLite connection in autocommit mode (transactions are explicit), busy timeout set."""
    if readonly:
        if not path.exists():
            raise ArchiveError(f"{path}: no such archive")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        if not path.parent.exists():
            raise ArchiveError(f"{path}: the folder {path.parent} does not exist")
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


@cache
def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """The INSERT statement for some columns of a table."""
    names = ", ".join(f"[{c}]" for c in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts keyed by the table's column names; missing ones are NULL) in one executemany."""
    if not rows:
        return
    columns = tuple(n for n in BY_NAME[table].names if n in rows[0] or n != BY_NAME[table].pk)
    conn.executemany(insert_sql(table, columns), [[row.get(c) for c in columns] for row in rows])


class Archive:
    """An archive of Records in one SQLite file: ingest, query, trails, search and export."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create, unless read-only) the archive and bring its schema up to date."""
        self.path = Path(path)
        self.readonly = readonly
        with sqlite_errors(str(self.path)):
            self.conn = connect(self.path, readonly)
            self.db = sqlite_utils.Database(self.conn)
            self.open_schema()

    # --- opening -----------------------------------------------------------------------------------

    def open_schema(self) -> None:
        """Check the file is an archive of a version we know; create or migrate it when writable."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: archive schema version {version} is newer than this according "
                f"understands ({SCHEMA_VERSION}); upgrade according"
            )
        if version and not self.db["articles"].exists():
            raise ArchiveError(f"{self.path}: not an according archive (no articles table)")
        if self.readonly:
            if 0 < version < SCHEMA_VERSION:
                self.upgrade(version)
            elif version < SCHEMA_VERSION:
                raise ArchiveError(f"{self.path}: not an according archive")
            return
        if version == 0 and self.db.table_names() and not self.db["articles"].exists():
            raise ArchiveError(f"{self.path}: an SQLite file that is not an according archive")
        self.enter_wal()
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            self.migrate()

    def upgrade(self, version: int) -> None:
        """Migrate an older archive opened to be read, through a brief writable connection (rows stay)."""
        try:
            Archive(self.path).close()
        except ArchiveError as exc:
            reason = str(exc).removeprefix(f"{self.path}: ")
            raise ArchiveError(
                f"{self.path}: archive schema version {version} is older than this according's "
                f"({SCHEMA_VERSION}) and could not be upgraded: {reason}"
            ) from None

    def enter_wal(self) -> None:
        """Put the file in WAL mode. Two processes creating one archive at once can each hold the lock the
        other's switch waits for, and SQLite then answers "locked" at once instead of waiting: try again a
        little later, up to the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.01
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def migrate(self) -> None:
        """Run each migration step above the stored version, all in one transaction."""
        with self.transaction():
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[step](self.db)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error."""
        if self.readonly:
            raise ArchiveError(f"{self.path}: opened read-only")
        with sqlite_errors(str(self.path)):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------------

    def stored_version(self, aid: str) -> str | None:
        """The extractor version an article was stored with, or None when it is not stored."""
        row = self.conn.execute("SELECT extractor_version FROM articles WHERE id = ?", (aid,)).fetchone()
        return None if row is None else (row[0] or "")

    def add(self, item: Record | ErrorRecord, *, replace: bool = False) -> str:
        """Store one record (or error) in one transaction: 'stored', 'replaced', 'skipped' or 'error'."""
        if isinstance(item, ErrorRecord):
            with self.transaction():
                self.db["errors"].insert(error_row(item), replace=True)  # type: ignore[union-attr]
            return "error"
        from according.store.trails import index_record

        rows = record_rows(item)
        aid = item.article.id
        with self.transaction():
            old = self.stored_version(aid)
            if old is not None and (not replace or old == item.article.extractor_version):
                return "skipped"
            if old is not None:
                self.delete_article(aid)
            for name, table_rows in rows.items():
                insert_rows(self.conn, name, table_rows)
            index_record(self.db, item)
        return "stored" if old is None else "replaced"

    def delete_article(self, aid: str) -> None:
        """Remove one article and every record of it (inside the caller's transaction)."""
        from according.store.trails import drop_members

        drop_members(self.db, aid)
        for name in RECORD_TABLES:
            self.conn.execute(f"DELETE FROM [{name}] WHERE article_id = ?", (aid,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (aid,))

    def own_files(self) -> list[Path]:
        """The archive's file and SQLite's files beside it, never read as articles (``ingest .``)."""
        return [self.path.with_name(self.path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]

    def ingest(
        self,
        inputs: list[str],
        *,
        published: str | None = None,
        outlet: str | None = None,
        fields: Any = None,
        reprocess: bool = False,
        on_result: Callable[[str, Record | ErrorRecord | None], None] | None = None,
        extract: Callable[..., Record | ErrorRecord] | None = None,
        workers: int = 1,
    ) -> IngestSummary:
        """Read, extract and store every input; articles already stored are skipped before extraction.

        Articles run through the local runner (``according.scale.run``: ``workers`` processes, 0 = every
        core, each article under the per-article time limit), or through ``extract(item, published,
        outlet)`` in this process when given. ``on_result(status, item)`` is called once per input, in
        input order (for progress and error lines); ``reprocess`` replaces articles stored by another
        extractor version.
        """
        from according.dates import real_date
        from according.ingest.batch import iter_inputs

        published = real_date(published) if published else None  # ValueError before any work
        summary = IngestSummary()
        decided: deque[bool] = deque()  # per input, in order: True when it went to extraction

        def to_extract() -> Iterator[Any]:
            for item in iter_inputs(inputs, fields, self.own_files()):
                go = isinstance(item, ErrorRecord) or self.wanted(item.text, reprocess)
                decided.append(go)
                if go:
                    yield item

        def note(status: str, result: Record | ErrorRecord | None) -> None:
            summary.inputs += 1
            setattr(summary, COUNTERS[status], getattr(summary, COUNTERS[status]) + 1)
            if on_result:
                on_result(status, result)

        def skipped_before() -> None:
            while decided and not decided[0]:
                decided.popleft()
                note("skipped", None)

        if extract is not None:
            results: Iterator[Record | ErrorRecord] = (
                item if isinstance(item, ErrorRecord) else extract(item, published, outlet)
                for item in to_extract()
            )
        else:
            from according.scale import run

            results = run(to_extract(), workers=workers, published=published, outlet=outlet)
        for result in results:
            skipped_before()
            decided.popleft()
            note(self.add(result, replace=reprocess), result)
        skipped_before()
        return summary

    def wanted(self, text: str, reprocess: bool) -> bool:
        """Whether an article's text needs extracting: not stored yet, or stored by another extractor
        version when ``reprocess``."""
        from according import __version__

        old = self.stored_version(article_id(text))
        return old is None or (reprocess and old != __version__)

    def rebuild_trails(self) -> None:
        """Match every stored article again under the current trail rules (one transaction)."""
        from according.store.trails import rebuild

        with self.transaction():
            rebuild(self.db, list(self.records()))

    # --- reading -----------------------------------------------------------------------------------

    def record(self, aid: str) -> Record | None:
        """The whole Record of a stored article, or None."""
        with sqlite_errors(str(self.path)):
            row = self.conn.execute("SELECT text, record FROM articles WHERE id = ?", (aid,)).fetchone()
        return None if row is None else row_record(row[0], row[1])

    def records(self) -> Iterator[Record]:
        """Every stored Record in ingestion order."""
        with sqlite_errors(str(self.path)):
            cursor = self.conn.execute("SELECT text, record FROM articles ORDER BY seq")
            for text, stored in cursor:
                yield row_record(text, stored)

    def counts(self) -> dict[str, int]:
        """Rows per table of schema.py."""
        with sqlite_errors(str(self.path)):
            return {t.name: self.db[t.name].count for t in TABLES}  # type: ignore[union-attr]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one table, in its documented column order."""
        names = ", ".join(f"[{n}]" for n in BY_NAME[table].names)
        with sqlite_errors(str(self.path)):
            cursor = self.conn.execute(f"SELECT {names} FROM [{table}] ORDER BY rowid")
            columns = BY_NAME[table].names
            for row in cursor:
                yield dict(zip(columns, row, strict=True))

    def query(self, kind: str, **filters: Any) -> list[dict[str, Any]]:
        """Rows of quotes, claims, events, entities or trails matching the filters (see query.py)."""
        from according.store.query import run_query

        with sqlite_errors(str(self.path)):
            return run_query(self, kind, **filters)

    def search(self, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles whose title or text hold the words, with a highlighted snippet."""
        from according.store.query import search

        with sqlite_errors(str(self.path)):
            return search(self, text, limit, offset)

    def trails(self, kind: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Trails seen in two or more articles, most articles first (see trails.py)."""
        from according.store.trails import list_trails

        with sqlite_errors(str(self.path)):
            return list_trails(self, kind, limit, offset)

    def trail(self, trail_id: int) -> dict[str, Any] | None:
        """One trail with its first appearance, every appearance and the changes along it."""
        from according.store.trails import get_trail

        with sqlite_errors(str(self.path)):
            return get_trail(self, trail_id)

    def export(self, fmt: str, out_dir: str | Path) -> list[Path]:
        """Write the archive as jsonl, csv, parquet, plover or brat under ``out_dir``; the files written."""
        from according.store.export import export

        with sqlite_errors(str(self.path)):
            return export(self, fmt, Path(out_dir))


COUNTERS = {"stored": "stored", "replaced": "replaced", "skipped": "skipped", "error": "errors"}


def extract_one(item: Any, published: str | None, outlet: str | None) -> Record | ErrorRecord:
    """One article through the pipeline; an unexpected failure becomes an error record, never a crash."""
    from according.ingest.batch import article_kwargs
    from according.pipeline import extract_text

    try:
        return extract_text(item.text, **article_kwargs(item, published, outlet))
    except Exception as exc:  # a bad article must never stop the batch
        return ErrorRecord(input=item.source, stage="extract", reason=f"{type(exc).__name__}: {exc}")
