"""Where records go: stdout or a file written atomically, as JSONL, one JSON array, CSV rows or tables.

Standard output carries data only. A file named with ``-o`` is written under a temporary name beside it
and renamed at the end, so an interrupted run never leaves half a file under the final name.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TextIO

from rich.console import Console

from according.records import ErrorRecord, Record
from according.tables import COLUMNS, table_rows


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """stdout when ``path`` is None or ``-``, else a temporary file renamed to ``path`` on success."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    with replaced(Path(path)) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
        yield handle


@contextlib.contextmanager
def replaced(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed to it when the block ends without error (and removed
    when it raises), so a crash mid-write never leaves half a file under the final name. A symbolic link's
    file is replaced, not the link; what is not a file (``/dev/stdout``, a named pipe) is written in place."""
    if target.exists() and not target.is_file():
        yield target
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    fd, name = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, file_mode(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def file_mode(target: Path) -> int:
    """The permissions ``target`` would have if written in place: its own when it exists, else those a new
    file gets under the umask (a temporary file is made readable by its owner only)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux), since setting it to
    read it would race with other threads creating files (the web app exports in worker threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


class RecordWriter(Protocol):
    """Writes results one at a time; ``close`` ends the document."""

    def write(self, result: Record | ErrorRecord) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One JSON object per line: records and error records alike."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: Record | ErrorRecord) -> None:
        """Write one line and flush it, so a pipe sees each record as soon as it is made."""
        self.out.write(result.model_dump_json() + "\n")
        self.out.flush()

    def close(self) -> None:
        """Nothing to end."""


class JsonArrayWriter:
    """One JSON array holding every result (also for one input), streamed element by element."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, result: Record | ErrorRecord) -> None:
        """Write one element, comma-separated from the one before."""
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        """Close the array (an empty one when nothing was written)."""
        self.out.write("[]\n" if self.count == 0 else "\n]\n")


class CsvWriter:
    """Flat rows of one record type with fixed columns (see ``according.tables``); errors stay on stderr."""

    def __init__(self, out: TextIO, table: str) -> None:
        self.table = table
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
        self.writer.writeheader()

    def write(self, result: Record | ErrorRecord) -> None:
        """Write the rows of one record."""
        if isinstance(result, Record):
            self.writer.writerows(table_rows(result, self.table))

    def close(self) -> None:
        """Nothing to end."""


class TableWriter:
    """Readable Rich tables, one block per article."""

    def __init__(self, out: TextIO, table: str) -> None:
        self.console = Console(file=out) if out is not sys.stdout else Console()
        self.table = table

    def write(self, result: Record | ErrorRecord) -> None:
        """Print one article's header and table."""
        from according.render import print_record

        if isinstance(result, Record):
            print_record(result, self.console, self.table)

    def close(self) -> None:
        """Nothing to end."""


def make_writer(fmt: str, out: TextIO, table: str = "attributions") -> RecordWriter:
    """The writer for an output format name."""
    if fmt == "jsonl":
        return JsonlWriter(out)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt == "csv":
        return CsvWriter(out, table)
    return TableWriter(out, table)
