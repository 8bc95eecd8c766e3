"""Long documents cut into paragraph-aligned windows, so steps that compare items pairwise stay linear.

A step that looks at every pair of its findings (every draft against every other, every quote against
every draft) costs n² on a long text; run per window, it costs n times the window. Texts up to the window
size (nearly every news article) are one window, and their results do not change.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable
from typing import Generic, TypeVar

from spacy.tokens import Doc, Token

from according.context import Context
from according.ingest.mapped import MappedText
from according.nlp import text_of
from according.records import Record

WINDOW_CHARS = 20_000
MAX_DENSE = 400  # dense tokens (cue words) in a window: BBC articles have one per 188 characters on average
# and at most 262 per 20,000 characters, so only texts made of attributions get smaller windows
OPENERS = ("“", '"', "«", "''", "``")  # a paragraph opening with one may continue the quote before it


def windows(
    ctx: Context, limit: int | None = None, dense: Callable[[Token], bool] | None = None
) -> list[Context]:
    """``ctx`` itself when its text fits in one window, else one Context per window whose offsets still
    map to the original text. A window holds about ``limit`` (default WINDOW_CHARS) characters, or fewer
    when it holds MAX_DENSE tokens for which ``dense`` is true (cue words: what makes rules pairwise)."""
    limit = limit or WINDOW_CHARS
    bounds = window_bounds(ctx.doc, limit, dense)
    if len(bounds) == 1:
        return [ctx]
    return [window_context(ctx, start, end) for start, end in bounds]


def window_bounds(
    doc: Doc, limit: int, dense: Callable[[Token], bool] | None = None
) -> list[tuple[int, int]]:
    """Token ranges of consecutive windows. A window full (``limit`` characters or MAX_DENSE dense
    tokens) ends before the next paragraph that opens no quotation (a quote's next paragraph continues
    it); one twice as full ends before the next sentence."""
    text = text_of(doc)
    if len(text) <= limit and dense is None:
        return [(0, len(doc))]
    bounds: list[tuple[int, int]] = []
    start = count = 0
    for sent in doc.sents:
        fill = max((sent.start_char - doc[start].idx) / limit, count / MAX_DENSE)
        count += sum(1 for token in sent if dense(token)) if dense else 0
        if sent.start == start or fill < 1:
            continue
        paragraph = text[sent.start_char - 1] == "\n" and not text.startswith(OPENERS, sent.start_char)
        if paragraph or fill >= 2:
            bounds.append((start, sent.start))
            start, count = sent.start, sum(1 for token in sent if dense(token)) if dense else 0
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


T = TypeVar("T")


class Nearby(Generic[T]):
    """Items by the character range each reaches, so the ones touching a range are found without a scan."""

    def __init__(self, items: list[T], reach: Callable[[T], tuple[int, int]]) -> None:
        spans = [reach(item) for item in items]
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        self.ends = list(itertools.accumulate((spans[i][1] for i in self.order), max))

    def touching(self, start: int, end: int) -> list[T]:
        """Items whose reach meets ``start..end`` (both ends included), in their original order."""
        k = bisect_right(self.starts, end)
        found = []
        while k > 0 and self.ends[k - 1] >= start:
            k -= 1
            found.append(self.order[k])
        return [self.items[i] for i in sorted(found)]
