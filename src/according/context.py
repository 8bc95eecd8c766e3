"""What every extractor sees: the article, its cleaned text and offset map, the parse, earlier results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from according.ingest.mapped import MappedText
from according.records import Article, Record, Span


@dataclass
class Context:
    """Shared state of one article's extraction; extractors read earlier fields of ``record``."""

    article: Article
    mapped: MappedText
    doc: Doc
    record: Record
    scratch: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        """A Span of the original text from cleaned-text character offsets."""
        o_start, o_end = self.mapped.to_original(start, end)
        return Span(start=o_start, end=o_end, text=self.article.text[o_start:o_end])

    def span_of(self, span: SpacySpan) -> Span:
        """A Span of the original text from a spaCy span (or token via ``doc[i:i+1]``)."""
        return self.span(span.start_char, span.end_char)

    def new_id(self, prefix: str, index: int) -> str:
        """Stable id of the ``index``-th item of a kind within this article."""
        return f"{self.article.id}-{prefix}{index}"
