"""The one partition function every runner calls: input rows in, one Record or ErrorRecord per row out.

The spaCy pipeline is loaded once per process (``according.nlp.load`` is cached) and texts are parsed in
small batches with ``nlp.pipe``; a failure costs only the article it happens in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from according.ingest.batch import (
    Fields,
    InputText,
    article_kwargs,
    file_too_big,
    read_bytes,
    row_input,
    sniff_format,
)
from according.pipeline import Prepared, parse, parse_batch, prepare, run_pipeline
from according.records import ErrorRecord, Record
from according.settings import get_settings

BATCH_SIZE = 16  # articles parsed together; small enough that a batch costs little memory
Row = Mapping[str, Any] | InputText | ErrorRecord
Result = Record | ErrorRecord


def extract_partition(
    rows: Iterable[Row],
    *,
    published: str | None = None,
    outlet: str | None = None,
    fields: Fields | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Result]:
    """One Record or ErrorRecord per row, in order; rows are dicts (text + metadata) or read inputs.

    A dict row names its article with ``source`` (else ``row N``) and its text and metadata with the
    fields of ``fields`` (``text``, ``title``, ``date|published``, ``url``, ``outlet``, ``byline``).
    """
    items = (as_item(row, number, fields or Fields()) for number, row in enumerate(rows, start=1))
    while batch := list(islice(items, batch_size)):
        yield from extract_batch(batch, published, outlet)


def warm_up() -> None:
    """Load the model, registries and tagger now (a worker does this before its clock starts)."""
    list(
        extract_partition([{"text": "The minister said on Monday that 3,000 jobs were safe.", "source": "-"}])
    )


def as_item(row: Row, number: int, fields: Fields) -> InputText | ErrorRecord:
    """A row as an input text, or an error record when it has no usable text or is over the size limit."""
    if isinstance(row, InputText | ErrorRecord):
        return row
    source = str(row.get("source") or f"row {number}")
    item = row_input(dict(row), source, fields, "row")
    limit = get_settings().max_input_bytes
    if isinstance(item, InputText) and len(item.text.encode("utf-8", "surrogatepass")) > limit:
        return ErrorRecord(input=source, stage="read", reason=f"input is over the {limit}-byte limit")
    return item


def extract_batch(
    batch: list[InputText | ErrorRecord], published: str | None, outlet: str | None
) -> list[Result]:
    """Each item of a batch extracted (read errors passed through), parsing the texts together."""
    ready: list[Prepared | Result] = [prepared(item, published, outlet) for item in batch]
    todo = [r for r in ready if isinstance(r, Prepared)]
    try:
        docs = parse_batch([r.ingested.mapped.text for r in todo])
    except Exception:  # one bad text must not cost its batch: parse one by one instead
        docs = [None] * len(todo)
    try:  # the transformer attribution engine tags the batch's articles together
        from according.extract.attribution.transformer import prime_batch

        prime_batch(docs)
    except Exception:  # then each article is tagged alone, as extract_text does
        pass
    parsed = dict(zip(map(id, todo), docs, strict=True))
    return [finish(r, parsed[id(r)]) if isinstance(r, Prepared) else r for r in ready]


def prepared(item: InputText | ErrorRecord, published: str | None, outlet: str | None) -> Prepared | Result:
    """An input ingested and ready to parse, or the error it ends as."""
    if isinstance(item, ErrorRecord):
        return item
    try:
        kwargs = article_kwargs(item, published, outlet)
        return prepare(item.text, kwargs.pop("hints", None), **kwargs)
    except Exception as exc:  # a bad article must never stop the batch
        return failure(item.source, exc)


def finish(ready: Prepared, doc: Any) -> Result:
    """Run the extractors on one parsed article (parsing it alone when the batch parse failed)."""
    try:
        return run_pipeline(ready.article, ready.ingested, doc=doc if doc is not None else parse_one(ready))
    except Exception as exc:  # a bad article must never stop the batch
        return failure(ready.article.source or ready.article.id, exc)


def parse_one(ready: Prepared) -> Any:
    """The parse of one prepared article."""
    return parse(ready.ingested.mapped.text)


def failure(source: str, exc: Exception) -> ErrorRecord:
    """The error record of an article whose extraction raised."""
    return ErrorRecord(input=source, stage="extract", reason=f"{type(exc).__name__}: {str(exc)[:300]}")


def read_file(name: str, data: bytes, fields: Fields | None = None) -> Iterator[InputText | ErrorRecord]:
    """The articles (or errors) in one file's bytes, read exactly as ``according extract`` reads them."""
    limit = get_settings().max_input_bytes
    if len(data) > limit:
        yield file_too_big(name, len(data), limit)
        return
    yield from read_bytes(data, name, sniff_format(name, data), fields or Fields())
