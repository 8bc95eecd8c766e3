"""Progress of a batch on stderr: a bar on a terminal, a plain line every few seconds when asked.

Standard output is never touched (Rich's own redirection of stdout is turned off), so records piped or
redirected from a terminal reach their file.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from according.ingest.batch import GLOB_CHARS, expand, sniff_format

PLAIN_INTERVAL = 10.0  # seconds between plain progress lines


class Reporter(Protocol):
    """Told of each finished input."""

    def advance(self, failed: bool) -> None: ...

    def close(self) -> None: ...


def average_rate(task: Task) -> float | None:
    """Inputs done per second since the run started, as the plain lines count it. Rich's own estimate
    looks at the last few updates only, and articles parsed in batches finish in bursts, which read as
    hundreds per second."""
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    """Articles per second, averaged over the run."""

    def render(self, task: Task) -> Text:
        """``12.3/s`` once there is a rate."""
        rate = average_rate(task)
        return Text(f"{rate:.1f}/s" if rate else "–/s", style="cyan")


class RemainingColumn(ProgressColumn):
    """Time left at the average rate so far."""

    def render(self, task: Task) -> Text:
        """``0:01:23``, or ``-:--:--`` before the first input is done."""
        rate = average_rate(task)
        if not rate or task.total is None:
            return Text("-:--:--", style="progress.remaining")
        left = int(max(task.total - task.completed, 0) / rate)
        return Text(f"{left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d}", style="progress.remaining")


class BarReporter:
    """A live Rich bar on stderr: done/total, articles/s, errors, ETA when the total is known."""

    def __init__(self, console: Console, total: int | None, label: str) -> None:
        columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns.append(BarColumn())
        columns += [
            MofNCompleteColumn(),
            RateColumn(),
            TextColumn("{task.fields[errors]} errors"),
            RemainingColumn() if total is not None else TimeElapsedColumn(),
        ]
        self.progress = Progress(
            *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
        )
        self.task = self.progress.add_task(label, total=total, errors=0)
        self.errors = 0
        self.progress.start()

    def advance(self, failed: bool) -> None:
        """One more input done."""
        self.errors += failed
        self.progress.update(self.task, advance=1, errors=self.errors)

    def close(self) -> None:
        """Remove the bar."""
        self.progress.stop()


class PlainReporter:
    """A line ``progress: 120/2225 articles, 3.4/s, 2 errors, ETA 0:10:12`` every few seconds."""

    def __init__(self, console: Console, total: int | None, interval: float | None = None) -> None:
        self.console, self.total = console, total
        self.interval = PLAIN_INTERVAL if interval is None else interval
        self.start = self.last = time.monotonic()
        self.done = self.errors = 0

    def advance(self, failed: bool) -> None:
        """Count one input; print a line when the interval has passed."""
        self.done += 1
        self.errors += failed
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.console.print(self.line(now), highlight=False, markup=False)

    def line(self, now: float) -> str:
        """The progress line for the counts so far."""
        rate = self.done / max(now - self.start, 1e-9)
        of = f"/{self.total}" if self.total is not None else ""
        text = f"progress: {self.done}{of} articles, {rate:.1f}/s, {self.errors} errors"
        if self.total is not None and rate > 0:
            left = max(self.total - self.done, 0) / rate
            text += f", ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}"
        return text

    def close(self) -> None:
        """Nothing to remove."""


class NullReporter:
    """No progress shown."""

    def advance(self, failed: bool) -> None:
        """Nothing."""

    def close(self) -> None:
        """Nothing."""


def make_reporter(console: Console, args: list[str], *, live: bool, plain: bool, label: str) -> Reporter:
    """A bar when ``live``, plain lines when ``plain``, else nothing; the total counted first when cheap."""
    if not (live or plain):
        return NullReporter()
    total = count_inputs(args)
    return BarReporter(console, total, label) if live else PlainReporter(console, total)


def count_inputs(args: list[str]) -> int | None:
    """How many articles ``args`` hold (a file each; JSONL lines and CSV rows counted), None for stdin."""
    total = 0
    for arg in args:
        if arg == "-":
            return None
        files = expand(arg)
        total += count_file(files[0]) if len(files) == 1 else sum(count_file(p) for p in files)
        total += not files and bool(GLOB_CHARS & set(arg) or Path(arg).is_dir())  # the error record
    return total


def count_file(path: Path) -> int:
    """Articles in one file: its rows for JSONL / CSV / TSV, else one (an unreadable file is one error).
    The file is read as a stream, so counting a file of many gigabytes costs no memory."""
    try:
        fmt = sniff_format(path.name, b"")
        if fmt not in ("jsonl", "csv", "tsv"):
            return 1
        with path.open("rb") as handle:
            if fmt == "jsonl":
                return max(sum(1 for line in handle if line.strip()), 1)
            text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
            rows = csv.reader(text, csv.excel_tab if fmt == "tsv" else csv.excel)
            try:
                return max(sum(1 for cells in rows if any(c.strip() for c in cells)) - 1, 1)
            except csv.Error:
                return 1
    except OSError:
        return 1
