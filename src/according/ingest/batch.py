"""Turn command-line inputs (files, folders, globs, ``-`` for stdin) into article texts or error records.

Each file is read by the reader its name or first bytes call for: plain text, HTML, PDF, JSONL / JSON or
CSV / TSV (one article per row). Nothing is lost: every input — every row of a container — comes out as
an InputText or an ErrorRecord, so ``inputs == articles + errors`` always holds.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import IO, Any

from according.ingest.encoding import (
    SURROGATE_RE,
    clean_text,
    decode_container,
    decode_counting,
    has_bad_bytes,
    stream_encoding,
    text_lines,
)
from according.records import ErrorRecord
from according.settings import get_settings

META_KEYS = ("url", "title", "byline", "published", "outlet", "language", "source_id")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
SUFFIX_FORMATS = {
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
GLOB_CHARS = set("*?[")
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")  # physical lines as csv counts them (not U+2028)


@dataclass
class InputText:
    """One article's decoded text and the metadata its container gave, with where each value came from."""

    source: str
    text: str
    meta: dict[str, str | None] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    format: str = "text"
    hints: list[tuple[str, int, int]] = field(default_factory=list)  # (part kind, start, end) in ``text``
    warnings: list[str] = field(default_factory=list)  # what reading had to repair ("2 bytes … replaced")


@dataclass(frozen=True)
class Fields:
    """Column / key names to read from JSONL and CSV rows; each lists alternatives, first found wins."""

    text: tuple[str, ...] = ("text",)
    title: tuple[str, ...] = ("title",)
    published: tuple[str, ...] = ("date", "published")
    url: tuple[str, ...] = ("url",)
    outlet: tuple[str, ...] = ("outlet",)
    byline: tuple[str, ...] = ("byline", "author")
    source_id: tuple[str, ...] = ("id",)

    def __post_init__(self) -> None:
        """A field given as one string ("body", or "body|content") is read as its names, not its letters."""
        for name, value in vars(self).items():
            if isinstance(value, str):
                object.__setattr__(self, name, tuple(n.strip() for n in value.split("|") if n.strip()))

    @classmethod
    def from_options(cls, **names: str | None) -> Fields:
        """Fields from "a|b" option strings (text=, title=, published=, url=…); None (or no name) keeps the
        default."""
        return cls(**{key: value for key, value in names.items() if value and value.strip("| ")})


def make_input(source: str, text: str, meta: dict[str, Any], fmt: str) -> InputText:
    """An InputText whose metadata values are cleaned strings, each marked as coming from metadata."""
    from according.ingest.html import iso_date

    clean: dict[str, str | None] = {}
    for key in META_KEYS:
        value = meta.get(key)
        value = clean_text(" ".join(str(value).split())) if value not in (None, "") else None
        clean[key] = iso_date(value) if key == "published" and value else value
    origin = {key: "metadata" for key, value in clean.items() if value}
    return InputText(source=source, text=clean_text(text), meta=clean, origin=origin, format=fmt)


def read_text(data: bytes, source: str) -> Iterator[InputText | ErrorRecord]:
    """A plain-text article (UTF-8, a BOM's encoding or a detected legacy one); stray bytes in UTF-8 text
    are replaced with U+FFFD and counted in a warning."""
    decoded = decode_counting(data, source)
    if isinstance(decoded, ErrorRecord):
        yield decoded
        return
    item = make_input(source, decoded[0], {}, "text")
    if decoded[1]:
        item.warnings.append(stray_bytes_warning(decoded[1]))
    yield item


def stray_bytes_warning(count: int) -> str:
    """The warning a record carries when stray bytes in UTF-8 text were replaced."""
    return f"decode: {count} byte{'s' if count != 1 else ''} not valid UTF-8 replaced with U+FFFD"


def read_html(data: bytes, source: str) -> Iterator[InputText | ErrorRecord]:
    """The article in a web page, with its title, byline, date, outlet and URL."""
    from according.ingest.html import decode_html, extract_html

    markup = decode_html(data, source)
    if isinstance(markup, ErrorRecord):
        yield markup
        return
    doc = extract_html(markup)
    if doc is None:
        yield ErrorRecord(input=source, stage="html", reason="no article text found in the page")
        return
    yield make_input(source, doc.text, doc.meta(), "html")


def read_pdf(data: bytes, source: str) -> Iterator[InputText | ErrorRecord]:
    """The article in a PDF, in reading order, captions last; headline and caption spans in ``hints``."""
    from according.ingest.pdf import PdfError, pdf_to_doc

    if not data.strip():
        yield ErrorRecord(input=source, stage="read", reason="empty input")
        return
    try:
        doc = pdf_to_doc(data)
    except PdfError as exc:
        yield ErrorRecord(input=source, stage="pdf", reason=str(exc))
        return
    item = make_input(source, doc.text, {"title": doc.title, "byline": doc.byline}, "pdf")
    item.hints = doc.hints()
    yield item


def row_input(row: Any, source: str, fields: Fields, fmt: str) -> InputText | ErrorRecord:
    """One JSON object or CSV row as an article, or an error saying what is missing."""
    if not isinstance(row, dict):
        return ErrorRecord(input=source, stage="parse", reason="row is not an object")
    texts = (row[k] for k in fields.text if isinstance(row.get(k), str))
    text = next((t for t in texts if clean_text(t).strip()), None)
    if text is None:
        return ErrorRecord(input=source, stage="parse", reason=f"no text in field {'|'.join(fields.text)}")
    if any(has_bad_bytes(value) for value in row.values() if isinstance(value, str)):
        return ErrorRecord(input=source, stage="decode", reason="row has bytes that are not valid UTF-8")
    meta = {
        key: field_value(row, getattr(fields, key))
        for key in ("title", "published", "url", "outlet", "byline", "source_id")
    }
    return make_input(source, text, meta, fmt)


def field_value(row: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first non-empty scalar among a row's ``names`` fields, as text."""
    for name in names:
        value = row.get(name)
        if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    return None


def read_jsonl(data: bytes, source: str, fields: Fields) -> Iterator[InputText | ErrorRecord]:
    """One article per JSON line; a bad line becomes an error named ``file:LINE`` and the rest go on."""
    text = decode_container(data, source)
    if isinstance(text, ErrorRecord):
        yield text
        return
    yield from at_least_one(jsonl_rows(text, source, fields), source)


def jsonl_rows(text: str, source: str, fields: Fields) -> Iterator[InputText | ErrorRecord]:
    """Each non-blank line as an article or an error named ``file:LINE``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield jsonl_row(line, f"{source}:{number}", fields)


def jsonl_row(line: str, row_source: str, fields: Fields) -> InputText | ErrorRecord:
    """One JSON line as an article, or an error saying why not."""
    try:
        row = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return ErrorRecord(input=row_source, stage="parse", reason=f"invalid JSON: {str(exc)[:100]}")
    return row_input(row, row_source, fields, "jsonl")


def stream_jsonl(
    handle: IO[bytes] | PrefixedStream, source: str, fields: Fields, limit: int
) -> Iterator[InputText | ErrorRecord]:
    """JSONL larger than the input size limit, read a line at a time so memory stays flat: the limit then
    holds for each line (one article); a longer line is an error named ``source:LINE``. Lines are read as
    UTF-8, bad bytes kept escaped so only their rows fail (as for smaller inputs)."""
    rows = (
        jsonl_line(raw, f"{source}:{number}", fields, limit)
        for number, raw in enumerate(bounded_lines(handle, limit), start=1)
        if raw is None or raw.strip()
    )
    yield from at_least_one(rows, source)


def file_too_big(name: str, size: int, limit: int) -> ErrorRecord:
    """The error record of a file over the input size limit that cannot be read a row at a time."""
    return ErrorRecord(input=name, stage="read", reason=f"file is {size} bytes, over the {limit}-byte limit")


STREAMED_FORMATS = ("jsonl", "csv", "tsv")  # read a row at a time when over the input size limit
HEAD_BYTES = 1 << 20


def stream_rows(
    handle: IO[bytes] | PrefixedStream, fmt: str, source: str, fields: Fields, limit: int
) -> Iterator[InputText | ErrorRecord]:
    """The rows of a JSONL, CSV or TSV input over the input size limit, read as they come in constant
    memory (the limit then holds for each row)."""
    if fmt == "jsonl":
        yield from stream_jsonl(handle, source, fields, limit)
        return
    head = b""
    while len(head) < HEAD_BYTES and (line := handle.readline(HEAD_BYTES)):
        head += line  # whole lines, about a megabyte, to judge the encoding by
    encoding = stream_encoding(head, source)
    if isinstance(encoding, ErrorRecord):
        yield encoding
        return
    stream = PrefixedStream(head, handle)
    yield from csv_rows(text_lines(stream.readline, encoding, limit), source, fields, fmt == "tsv")


def jsonl_line(raw: bytes | None, name: str, fields: Fields, limit: int) -> InputText | ErrorRecord:
    """One non-blank line of a JSONL file read a line at a time (here, or by Spark): its article, or the
    error it ends as (``None`` stands for a line over ``limit`` bytes). Bad UTF-8 stays escaped, so only its
    row fails."""
    if raw is None:
        return ErrorRecord(input=name, stage="read", reason=f"line is over the {limit}-byte limit")
    line = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape").lstrip("\ufeff")
    return jsonl_row(line, name, fields)


class PrefixedStream:
    """A binary stream whose first bytes were already read (to sniff it): they are served again first."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = io.BytesIO(head), rest

    def readline(self, size: int = -1) -> bytes:
        """The next line, at most ``size`` bytes, across the seam between the two parts."""
        line = self.head.readline(size)
        if line.endswith(b"\n") or (size >= 0 and len(line) >= size):
            return line
        return line + self.rest.readline(-1 if size < 0 else size - len(line))


def bounded_lines(handle: IO[bytes] | PrefixedStream, limit: int) -> Iterator[bytes | None]:
    """Each line of a binary file, or None for a line over ``limit`` bytes (skipped, never held whole)."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def at_least_one(
    results: Iterator[InputText | ErrorRecord], source: str
) -> Iterator[InputText | ErrorRecord]:
    """Pass results through; a container that held no rows at all becomes one error, so it is counted."""
    empty = True
    for result in results:
        empty = False
        yield result
    if empty:
        yield ErrorRecord(input=source, stage="parse", reason="no article rows")


def read_json(data: bytes, source: str, fields: Fields) -> Iterator[InputText | ErrorRecord]:
    """A JSON file holding one article object or a list of them (``file:N`` names the N-th, from 1)."""
    text = decode_container(data, source)
    if isinstance(text, ErrorRecord):
        yield text
        return
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield ErrorRecord(input=source, stage="parse", reason=f"invalid JSON: {str(exc)[:100]}")
        return
    if isinstance(value, dict):
        yield row_input(value, source, fields, "json")
        return
    if not isinstance(value, list) or not value:
        yield ErrorRecord(input=source, stage="parse", reason="JSON holds no article object or list")
        return
    for number, row in enumerate(value, start=1):
        yield row_input(row, f"{source}:{number}", fields, "json")


DELIMITERS = ",;\t|"


def csv_dialect(header_line: str, tab: bool) -> type[csv.Dialect]:
    """The standard dialect (RFC 4180 quoting): comma, or tab for .tsv. Only when the header line reads
    as a single column under it is another delimiter (; | tab or comma) taken: the one splitting it most."""
    standard: type[csv.Dialect] = csv.excel_tab if tab else csv.excel
    if len(header_cells(header_line, standard)) > 1:
        return standard
    counts = {d: len(header_cells(header_line, delimited(d))) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return delimited(best) if counts[best] > 1 else standard


def delimited(delimiter: str) -> type[csv.Dialect]:
    """The standard (excel) dialect with another delimiter."""
    return type("Delimited", (csv.excel,), {"delimiter": delimiter})


def header_cells(line: str, dialect: type[csv.Dialect]) -> list[str]:
    """The cells of one header line under ``dialect`` (none when it does not parse)."""
    try:
        return next(csv.reader([line], dialect), [])
    except csv.Error:
        return []


class Rewindable:
    """Lines handed to ``csv.reader`` one at a time, keeping those of the record being read so that a
    broken multi-line record can give all but its first line back to be read again."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines, self.back, self.taken = lines, deque[str](), list[str]()

    def __iter__(self) -> Rewindable:
        return self

    def __next__(self) -> str:
        line = self.back.popleft() if self.back else next(self.lines)
        self.taken.append(line)
        return line

    def done(self) -> int:
        """Close the record read so far; how many lines it took."""
        count, self.taken = len(self.taken), []
        return count

    def rewind(self) -> None:
        """Give back every line of the record read so far but its first."""
        self.back.extendleft(reversed(self.taken[1:]))
        self.taken = []


def csv_records(lines: Iterable[str], dialect: Any, width: int) -> Iterator[tuple[int, list[str] | str]]:
    """(line index, cells) per record, or (line index, reason) for a broken one, reading ``lines`` (physical
    lines with their ends) as they come.

    A record whose quote never closes swallows the lines after it; when such a multi-line record has the
    wrong number of cells, only its first line is reported broken and reading starts again after it.
    """
    source = Rewindable(iter(lines))
    pos = 0
    while True:
        reader = csv.reader(source, dialect)
        try:
            for cells in reader:
                if len(source.taken) > 1 and len(cells) != width:
                    yield pos, "broken CSV row: a quote that never closes"
                    source.rewind()
                    pos += 1
                    break
                start, pos = pos, pos + source.done()
                yield start, cells
            else:
                return
        except csv.Error as exc:
            yield pos, f"broken CSV row: {exc}"
            source.rewind()
            pos += 1


def read_csv(
    data: bytes, source: str, fields: Fields, tab: bool = False
) -> Iterator[InputText | ErrorRecord]:
    """One article per row under a header line; a broken row becomes an error named ``file:LINE``."""
    text = decode_container(data, source)
    if isinstance(text, ErrorRecord):
        yield text
        return
    yield from csv_rows((m.group(0) for m in LINE_RE.finditer(text)), source, fields, tab)


def csv_rows(
    lines: Iterator[str], source: str, fields: Fields, tab: bool
) -> Iterator[InputText | ErrorRecord]:
    """The articles (or errors) of CSV text given as physical lines, read as they come: blank lines
    before the header skipped, rows named ``file:LINE``."""
    csv.field_size_limit(max(get_settings().max_input_bytes, 131072))
    lines = (line for line in lines if line)
    first = 0
    for line in lines:
        if line.strip():
            break
        first += 1
    else:
        yield ErrorRecord(input=source, stage="parse", reason="CSV has no header row")
        return
    dialect = csv_dialect(line, tab)
    header = [c.strip().lstrip("\ufeff") for c in header_cells(line, dialect)]
    if not any(header):
        yield ErrorRecord(input=source, stage="parse", reason="CSV has no header row")
        return
    yield from at_least_one(csv_articles(lines, first, header, source, fields, dialect), source)


def csv_articles(
    lines: Iterable[str], first: int, header: list[str], source: str, fields: Fields, dialect: Any
) -> Iterator[InputText | ErrorRecord]:
    """The rows after the header (line ``first``) as articles or errors named ``file:LINE``."""
    for index, cells in csv_records(lines, dialect, len(header)):
        row_source = f"{source}:{first + index + 2}"
        if isinstance(cells, str):
            yield ErrorRecord(input=row_source, stage="parse", reason=cells)
        elif any(c.strip() for c in cells):
            yield csv_record(header, cells, row_source, fields)


def csv_record(header: list[str], cells: list[str], source: str, fields: Fields) -> InputText | ErrorRecord:
    """One CSV row as an article; a row with the wrong number of cells is broken."""
    if len(cells) != len(header):
        reason = f"broken CSV row: {len(cells)} cells where the header has {len(header)}"
        return ErrorRecord(input=source, stage="parse", reason=reason)
    return row_input(dict(zip(header, cells, strict=True)), source, fields, "csv")


INPUT_FORMATS = ("text", "html", "pdf", "jsonl", "json", "csv", "tsv")


def sniff_format(name: str, data: bytes, fields: Fields | None = None) -> str:
    """The reader for a file: by its suffix, else by its content (see ``sniff_content``)."""
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    return sniff_content(data, fields or Fields())


def sniff_content(data: bytes, fields: Fields) -> str:
    """The reader that bytes with no telling name call for: PDF magic, an HTML start, JSON / JSON lines,
    a CSV or TSV whose header names a text field, else plain text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = head[:1024].lower()
    if lower.startswith(b"%pdf-"):
        return "pdf"
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lower[:300]:
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl" if first_line_is_object(data.lstrip(b"\xef\xbb\xbf \t\r\n")) else "json"
    return header_format(head, fields) or "text"


def sniff_long_content(data: bytes, fields: Fields) -> str:
    """``sniff_content`` for the first bytes of an input over the size limit: an object whose first line
    does not end within them is the first of JSON lines (read line by line, that line an error), as the
    same rows in a .jsonl file would be."""
    found = sniff_content(data, fields)
    if found == "json" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b"\n" not in data.strip():
        return "jsonl"
    return found


def first_line_is_object(data: bytes) -> bool:
    """True when the first line of ``data`` is a whole JSON object (JSON lines, not one indented object)."""
    line = data.split(b"\n", 1)[0].strip()
    try:
        return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
    except ValueError:
        return False


def header_format(head: bytes, fields: Fields) -> str | None:
    """csv or tsv when the first line is a header that names one of the text fields, else None."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    for delimiter, fmt in (("\t", "tsv"), (",", "csv"), (";", "csv")):
        cells = {cell.strip().strip('"').strip() for cell in first.split(delimiter)}
        if len(cells) > 1 and cells & {name.lower() for name in fields.text}:
            return fmt
    return None


def read_bytes(data: bytes, source: str, fmt: str, fields: Fields) -> Iterator[InputText | ErrorRecord]:
    """Dispatch to the format's reader; any exception a reader lets slip becomes an error record."""
    readers: dict[str, Callable[[], Iterator[InputText | ErrorRecord]]] = {
        "pdf": lambda: read_pdf(data, source),
        "html": lambda: read_html(data, source),
        "jsonl": lambda: read_jsonl(data, source, fields),
        "json": lambda: read_json(data, source, fields),
        "csv": lambda: read_csv(data, source, fields),
        "tsv": lambda: read_csv(data, source, fields, tab=True),
        "text": lambda: read_text(data, source),
    }
    try:
        yield from readers[fmt]()
    except Exception as exc:  # last line of defence: a reader bug must cost one input, not the batch
        yield ErrorRecord(input=source, stage=fmt, reason=f"{type(exc).__name__}: {str(exc)[:200]}")


def read_limited(handle: IO[bytes], limit: int) -> bytes | None:
    """Up to ``limit`` bytes, or None when there are more (never reads more than limit + 1)."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_path(
    path: Path, fields: Fields | None = None, fmt: str | None = None
) -> Iterator[InputText | ErrorRecord]:
    """The article(s) in one file (read as ``fmt`` when given), or an error record; files over the size
    limit are never read, except JSONL files, read a line at a time with the limit holding for each line."""
    source = display_name(str(path))
    limit = get_settings().max_input_bytes
    try:
        size = path.stat().st_size
        streamed = fmt or SUFFIX_FORMATS.get(path.suffix.lower())
        if size > limit and streamed in STREAMED_FORMATS:
            with path.open("rb") as handle:
                yield from stream_rows(handle, streamed, source, fields or Fields(), limit)
            return
        if size > limit:
            yield file_too_big(source, size, limit)
            return
        with path.open("rb") as handle:
            data = read_limited(handle, limit)
    except IsADirectoryError:
        yield ErrorRecord(input=source, stage="read", reason="is a directory")
        return
    except OSError as exc:
        yield ErrorRecord(input=source, stage="read", reason=exc.strerror or str(exc))
        return
    if data is None:
        yield ErrorRecord(input=source, stage="read", reason=f"input is over the {limit}-byte limit")
        return
    fields = fields or Fields()
    yield from read_bytes(data, source, fmt or sniff_format(path.name, data, fields), fields)


def read_stdin(
    fields: Fields | None = None, stream: IO[bytes] | None = None, fmt: str | None = None
) -> Iterator[InputText | ErrorRecord]:
    """The article(s) piped in on stdin, read as ``fmt`` or as the content says (JSONL, CSV, HTML…); JSON
    lines over the size limit are read a line at a time, the limit holding for each line."""
    limit = get_settings().max_input_bytes
    handle = stream or sys.stdin.buffer
    data = handle.read(limit + 1)
    fields = fields or Fields()
    if len(data) > limit:
        streamed = fmt or sniff_long_content(data, fields)
        if streamed in STREAMED_FORMATS:  # rows of any number stream on
            yield from stream_rows(PrefixedStream(data, handle), streamed, "<stdin>", fields, limit)
        else:
            yield ErrorRecord(input="<stdin>", stage="read", reason=f"input is over the {limit}-byte limit")
        return
    yield from read_bytes(data, "<stdin>", fmt or sniff_content(data, fields), fields)


def display_name(name: str) -> str:
    """A file name as text that always encodes: bytes that were not UTF-8 (kept by Python as lone
    surrogates) are written as their surrogate escape, ``e\\udcffmpty.txt`` for the byte 0xFF."""
    return SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", name)


def walk(root: Path) -> Iterator[Path | ErrorRecord]:
    """Every visible (no dot name) regular file under ``root``, recursively; a folder that cannot be
    listed becomes an error record in its place."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield ErrorRecord(input=display_name(str(root)), stage="read", reason=exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if is_dir(entry):
            yield from walk(path)
        elif path.is_file():
            yield path


def is_dir(entry: os.DirEntry) -> bool:
    """A real (not symlinked) folder; one that cannot be looked at counts as a file, to be read and fail."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def expand(arg: str) -> list[Path | ErrorRecord]:
    """Files named by one argument: a folder's files (recursively, in name order), a glob's matches, or
    the path itself; folders that cannot be listed become error records. An empty argument (an unset
    variable: ``according extract "$FILE"``) is an error, not the current folder that ``Path("")`` is."""
    if not arg.strip():
        reason = "empty input name (use . for the current folder)"
        return [ErrorRecord(input=repr(arg), stage="read", reason=reason)]
    path = Path(arg)
    if path.is_dir():
        return list(walk(path))
    if not path.exists() and GLOB_CHARS & set(arg):
        found: list[Path | ErrorRecord] = []
        for match in sorted(glob.glob(arg, recursive=True)):
            found.extend(expand(match) if Path(match).is_dir() else [Path(match)])
        return found
    return [path]


def file_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, so two names for one file compare equal."""
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return None
    return (stat.st_dev, stat.st_ino)


def stdout_file() -> Path | None:
    """The regular file standard output is redirected to (``> DIR/out.jsonl``), if any and knowable."""
    try:
        if not S_ISREG(os.fstat(sys.stdout.fileno()).st_mode):
            return None
        return Path(os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}"))
    except (OSError, ValueError, AttributeError):
        return None


def iter_inputs(
    args: list[str],
    fields: Fields | None = None,
    exclude: Collection[Path] = (),
    *,
    fmt: str | None = None,
) -> Iterator[InputText | ErrorRecord]:
    """Every article text named by ``args``, in order; bad inputs (and bad rows) become error records.

    Files in ``exclude`` (the output file, ``stdout_file()``) are never read, under whatever name; ``fmt``
    forces one reader for every input.
    """
    skip = {key for key in map(file_key, exclude) if key}
    for arg in args:
        if arg == "-":
            yield from read_stdin(fields, fmt=fmt)
            continue
        try:
            files = expand(arg)
        except (OSError, ValueError) as exc:
            yield ErrorRecord(input=display_name(arg), stage="read", reason=str(exc)[:200])
            continue
        if not files:
            reason = "no files match" if GLOB_CHARS & set(arg) else "folder holds no files"
            yield ErrorRecord(input=display_name(arg), stage="read", reason=reason)
        for path in files:
            if isinstance(path, ErrorRecord):
                yield path
            elif not (skip and file_key(path) in skip):
                yield from read_path(path, fields, fmt)


def article_kwargs(
    item: InputText, published: str | None = None, outlet: str | None = None
) -> dict[str, Any]:
    """Keyword arguments for ``extract_text``: command line > document metadata > inferred, per field."""
    given = {"published": published, "outlet": outlet}
    values: dict[str, Any] = {"source": item.source}
    if item.meta.get("source_id"):
        values["source_id"] = item.meta["source_id"]
    origin: dict[str, str] = {}
    for key in ("published", "outlet", "title", "url", "byline"):
        value = given.get(key) or item.meta.get(key)
        values[key] = value
        if value:
            origin[key] = "given" if given.get(key) else item.origin.get(key, "metadata")
    values["metadata_origin"] = origin
    if item.hints:
        values["hints"] = item.hints
    if item.warnings:
        values["warnings"] = item.warnings
    return values
