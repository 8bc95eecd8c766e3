"""No span of an attribution begins or ends with whitespace: contents, speakers, addressees, relays."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from according.pipeline import extract_text
from according.records import Record, Span

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def attribution_spans(record: Record) -> list[Span]:
    """Every span an attribution of the record points at."""
    spans: list[Span] = []
    for a in record.attributions:
        spans += a.content
        spans += [ref.mention for ref in (a.speaker, a.addressee) if ref and ref.mention]
        spans += [link.source.mention for link in a.chain if link.source.mention]
    return spans


def untrimmed(record: Record) -> list[str]:
    """The texts of attribution spans with whitespace at an edge."""
    return [s.text for s in attribution_spans(record) if s.text != s.text.strip()]


def test_content_running_into_a_paragraph_break_is_trimmed() -> None:
    text = 'The minister said the talks would resume   \n\non Monday. "We are ready,\n" she added.'
    assert untrimmed(extract_text(text)) == []


@pytest.mark.slow
@pytest.mark.skipif(not NEWS.exists(), reason="needs ../shared/corpora/news")
def test_no_attribution_span_of_a_corpus_sample_has_edge_whitespace() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for name in ("bbc2225.jsonl", "wikinews.jsonl"):
        with (NEWS / name).open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in itertools.islice(handle, 15)]
    found = {i: untrimmed(extract_text(text)) for i, text in enumerate(texts)}
    assert {i: bad for i, bad in found.items() if bad} == {}
