"""Records from files, folders and globs: the Python call behind ``according extract FILE…``."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from according.ingest.batch import Fields
    from according.records import ErrorRecord, Record


def extract_files(
    inputs: str | PathLike[str] | Iterable[str | PathLike[str]],
    *,
    published: str | None = None,
    outlet: str | None = None,
    workers: int = 1,
    input_format: str | None = None,
    fields: Fields | None = None,
    exclude: Collection[Path] = (),
) -> Iterator[Record | ErrorRecord]:
    """One Record or ErrorRecord per article in ``inputs``, in input order, as ``according extract`` writes.

    ``inputs``: paths, folders (read recursively) or globs; ``"-"`` reads stdin. Formats are sniffed
    unless ``input_format`` names one (``text``, ``html``, ``pdf``, ``jsonl``, ``json``, ``csv``, ``tsv``);
    ``fields`` names JSONL/CSV keys (``Fields.from_options(text="body|content")``). ``published`` and
    ``outlet`` override each document's own metadata; ``workers`` processes (0 = every core). Files in
    ``exclude`` (say, the file the records go to) are never read, under whatever name. An input
    that cannot be read or extracted is an ErrorRecord with its reason, never an exception. A wrong
    ``published`` raises ValueError and a wrong ``ACCORDING_*`` setting SettingsProblem before anything
    is read.
    """
    from according.dates import real_date
    from according.ingest.batch import INPUT_FORMATS, iter_inputs
    from according.pipeline import check_setup
    from according.scale import run

    published = real_date(published) if published else None
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format {input_format!r} is not one of {', '.join(INPUT_FORMATS)}")
    check_setup()
    names = [inputs] if isinstance(inputs, (str, PathLike)) else list(inputs)
    items = iter_inputs([str(name) for name in names], fields, exclude, fmt=input_format)
    return run(items, workers=workers, published=published, outlet=outlet)
