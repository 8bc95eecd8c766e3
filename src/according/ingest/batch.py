"""Turn command-line inputs (files, folders, ``-`` for stdin) into article texts or error records."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from according.records import ErrorRecord
from according.settings import get_settings


@dataclass
class InputText:
    """One article's decoded text and the metadata its container gave."""

    source: str
    text: str
    meta: dict[str, str | None] = field(default_factory=dict)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not text."""
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def decode_text(data: bytes, source: str) -> InputText | ErrorRecord:
    """UTF-8 text (BOM tolerated) or an error record saying why not."""
    if not data.strip():
        return ErrorRecord(input=source, stage="read", reason="empty input")
    if looks_binary(data):
        return ErrorRecord(input=source, stage="read", reason="binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ErrorRecord(input=source, stage="decode", reason=f"invalid UTF-8 at byte {exc.start}")
    return InputText(source=source, text=text)


def read_path(path: Path) -> Iterator[InputText | ErrorRecord]:
    """The article(s) in one file, or an error record."""
    source = str(path)
    limit = get_settings().max_input_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            yield ErrorRecord(input=source, stage="read", reason=f"file is {size} bytes, over the {limit}-byte limit")
            return
        data = path.read_bytes()
    except IsADirectoryError:
        yield ErrorRecord(input=source, stage="read", reason="is a directory")
        return
    except OSError as exc:
        yield ErrorRecord(input=source, stage="read", reason=exc.strerror or str(exc))
        return
    yield decode_text(data, source)


def expand(arg: str) -> list[Path] | None:
    """Files named by one argument: a folder's files (recursively, sorted), or the path itself."""
    path = Path(arg)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def iter_inputs(args: list[str]) -> Iterator[InputText | ErrorRecord]:
    """Every article text named by ``args``, in order; bad inputs become error records."""
    for arg in args:
        if arg == "-":
            yield decode_text(sys.stdin.buffer.read(), "<stdin>")
            continue
        files = expand(arg) or []
        if not files:
            yield ErrorRecord(input=arg, stage="read", reason="folder holds no files")
        for path in files:
            yield from read_path(path)
