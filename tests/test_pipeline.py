"""The main entry point: every record type filled, every span pinned to the original text."""

import json

import pytest

from according.pipeline import extract_text
from according.records import Record
from conftest import CORPORA, EXAMPLES


def spans_of(record: Record):
    """Every (start, end, text) the record claims about its article."""
    for attr in record.attributions:
        yield from ((s.start, s.end, s.text) for s in attr.content)
        if attr.cue:
            yield attr.cue.start, attr.cue.end, attr.cue.text
        if attr.speaker and attr.speaker.mention:
            yield attr.speaker.mention.start, attr.speaker.mention.end, attr.speaker.mention.text
    for entity in record.entities:
        yield from ((m.start, m.end, m.text) for m in entity.mentions)
    for item in [*record.times, *record.claims]:
        yield item.span.start, item.span.end, item.span.text
    for event in record.events:
        yield event.evidence.start, event.evidence.end, event.evidence.text
    for part in record.article.parts:
        yield part.start, part.end, part.text


def assert_pinned(record: Record) -> None:
    text = record.article.text
    for start, end, piece in spans_of(record):
        assert text[start:end] == piece


def test_example_article_fills_every_record_type():
    raw = (EXAMPLES / "harbour-ferry-strike.txt").read_text("utf-8")
    record = extract_text(raw, published="2025-03-03", outlet="Harbour Press")
    assert record.attributions and record.entities and record.times and record.claims and record.events
    assert record.article.published_origin == "given" and record.article.outlet == "Harbour Press"
    assert_pinned(record)


def test_steps_are_chosen_by_name():
    raw = (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")
    record = extract_text(raw, steps=("times",))
    assert record.times and not record.attributions and not record.entities
    with pytest.raises(KeyError, match="unknown extractor"):
        extract_text(raw, steps=("nonsense",))


def test_ids_are_stable_across_runs():
    raw = (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")
    first, second = extract_text(raw), extract_text(raw)
    assert [a.id for a in first.attributions] == [a.id for a in second.attributions]


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPORA / "news" / "wikinews.jsonl").is_file(), reason="shared corpora absent")
def test_spans_pinned_on_real_articles():
    lines = (CORPORA / "news" / "wikinews.jsonl").read_text("utf-8").splitlines()[:12]
    for line in lines:
        row = json.loads(line)
        assert_pinned(extract_text(row["text"], published=row.get("date")))


def test_schema_version_is_written():
    record = extract_text("Police said nobody was hurt.")
    assert json.loads(record.model_dump_json())["schema_version"] == record.schema_version
