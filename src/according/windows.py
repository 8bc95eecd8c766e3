"""Long documents cut into paragraph-aligned windows, so steps that compare items pairwise stay linear.

A step that looks at every pair of its findings (every draft against every other, every quote against
every draft) costs n² on a long text; run per window, it costs n times the window. Texts up to the window
size (nearly every news article) are one window, and their results do not change.
"""

from __future__ import annotations

from spacy.tokens import Doc

from according.context import Context
from according.ingest.mapped import MappedText
from according.nlp import text_of
from according.records import Record

WINDOW_CHARS = 20_000
OPENERS = ("“", '"', "«", "''", "``")  # a paragraph opening with one may continue the quote before it


def windows(ctx: Context, limit: int | None = None) -> list[Context]:
    """``ctx`` itself when its text fits in ``limit`` (default WINDOW_CHARS) characters, else one Context
    per window whose offsets still map to the original text."""
    limit = limit or WINDOW_CHARS
    if len(text_of(ctx.doc)) <= limit:
        return [ctx]
    return [window_context(ctx, start, end) for start, end in window_bounds(ctx.doc, limit)]


def window_bounds(doc: Doc, limit: int) -> list[tuple[int, int]]:
    """Token ranges of consecutive windows: each ends before the first paragraph past ``limit`` characters
    that opens no quotation (a quote's next paragraph continues it), or any sentence past twice that."""
    text = text_of(doc)
    bounds: list[tuple[int, int]] = []
    start = 0
    for sent in doc.sents:
        size = sent.start_char - doc[start].idx
        if sent.start == start or size < limit:
            continue
        paragraph = text[sent.start_char - 1] == "\n" and not text.startswith(OPENERS, sent.start_char)
        if paragraph or size >= 2 * limit:
            bounds.append((start, sent.start))
            start = sent.start
    bounds.append((start, len(doc)))
    return bounds


def window_context(ctx: Context, start: int, end: int) -> Context:
    """A Context over tokens ``start:end`` of ``ctx.doc``: its own Doc and the matching slice of the map."""
    doc = ctx.doc[start:end].as_doc()
    first = ctx.doc[start].idx
    last = first + len(text_of(doc))
    mapped = MappedText(offsets=ctx.mapped.offsets[first:last], pieces=[text_of(ctx.doc)[first:last]])
    record = local_record(ctx.record, mapped.offsets[0], mapped.offsets[-1] + 1)
    return Context(article=ctx.article, mapped=mapped, doc=doc, record=record, scratch=ctx.scratch)


def local_record(record: Record, start: int, end: int) -> Record:
    """A view of the record with only the entity mentions, times and attributions that start inside
    ``start:end`` (original offsets), so lookups by position scan the window, not the whole text."""
    entities = []
    for entity in record.entities:
        mentions = [m for m in entity.mentions if start <= m.start < end]
        if mentions:
            entities.append(entity.model_copy(update={"mentions": mentions}))
    times = [t for t in record.times if start <= t.span.start < end]
    said = [a for a in record.attributions if any(start <= c.start < end for c in a.content)]
    return record.model_copy(update={"entities": entities, "times": times, "attributions": said})
