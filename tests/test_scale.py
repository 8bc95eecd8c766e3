"""The local runner: same records in the same order with any number of workers, nothing lost when a
worker dies or an article runs past its time limit, and the partition function on plain rows."""

from __future__ import annotations

import pytest

from according.ingest.batch import InputText, iter_inputs
from according.records import ErrorRecord, Record
from according.scale import extract_partition, run
from according.scale.local import run_pool
from conftest import EXAMPLES

TASK = "scale_tasks:misbehaving"


def texts(*words: str) -> list[InputText]:
    """Input texts named t0, t1, … holding ``words``."""
    return [InputText(source=f"t{i}", text=word) for i, word in enumerate(words)]


def sources(results: list[Record | ErrorRecord]) -> list[str]:
    """The input name of every result, in output order."""
    return [r.input if isinstance(r, ErrorRecord) else r.article.source for r in results]


def test_pool_keeps_input_order_and_passes_read_errors_through():
    items: list[InputText | ErrorRecord] = texts(*[f"article {i}" for i in range(60)])
    items.insert(7, ErrorRecord(input="bad.txt", stage="read", reason="empty input"))
    results = list(run_pool(items, workers=2, timeout=None, task=TASK, batch=3))
    assert sources(results) == [i.input if isinstance(i, ErrorRecord) else i.source for i in items]


def test_killed_worker_costs_its_article_one_error_record():
    items = texts("one", "two", "KILL three", "four", "five", "six")
    results = list(run_pool(items, workers=2, timeout=None, task=TASK, batch=4))
    assert sources(results) == ["t0", "t1", "t2", "t3", "t4", "t5"]
    errors = [r for r in results if isinstance(r, ErrorRecord)]
    assert len(errors) == 1 and errors[0].input == "t2" and errors[0].stage == "worker"
    assert "signal 9" in errors[0].reason


def test_article_past_the_time_limit_becomes_an_error_and_the_batch_goes_on():
    items = texts("one", "HANG two", "three", "four")
    results = list(run_pool(items, workers=1, timeout=2, task=TASK, batch=2))
    assert sources(results) == ["t0", "t1", "t2", "t3"]
    errors = [r for r in results if isinstance(r, ErrorRecord)]
    assert [(e.input, e.stage) for e in errors] == [("t1", "timeout")]
    assert "ACCORDING_ARTICLE_TIMEOUT" in errors[0].reason


def test_two_workers_write_what_one_process_writes():
    inputs = [str(EXAMPLES)]
    alone = [r.model_dump_json() for r in run(iter_inputs(inputs), workers=1, timeout=0)]
    pooled = [r.model_dump_json() for r in run(iter_inputs(inputs), workers=2, timeout=60)]
    assert pooled == alone and len(alone) >= 2


def test_partition_function_takes_plain_rows_and_reports_bad_ones():
    rows = [
        {"text": "The mayor said the bridge would reopen in May.", "title": "Bridge", "source": "r1"},
        {"title": "no text here"},
        {"text": "   "},
    ]
    results = list(extract_partition(rows, published="2025-03-03"))
    assert isinstance(results[0], Record) and results[0].article.title == "Bridge"
    assert results[0].article.published == "2025-03-03" and results[0].attributions
    assert [(r.input, r.stage) for r in results[1:]] == [("row 2", "parse"), ("row 3", "parse")]


def test_row_over_the_size_limit_is_an_error(monkeypatch):
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "100")
    (result,) = extract_partition([{"text": "word " * 50, "source": "big"}])
    assert isinstance(result, ErrorRecord) and result.stage == "read" and "100-byte" in result.reason


@pytest.mark.parametrize("workers", [1, 2])
def test_batched_parsing_gives_the_records_of_one_at_a_time(workers):
    from according.pipeline import extract_text

    rows = [
        {"text": (EXAMPLES / name).read_text("utf-8"), "source": name}
        for name in sorted(p.name for p in EXAMPLES.glob("*.txt"))
    ][: workers + 2]
    batched = [r.model_dump_json() for r in extract_partition(rows, batch_size=4)]
    single = [extract_text(row["text"], source=row["source"]).model_dump_json() for row in rows]
    assert batched == single


def test_long_articles_are_parsed_in_groups_of_bounded_size():
    from according.pipeline import char_groups

    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e" * 40]
    groups = char_groups(texts, 30)
    assert [t for group in groups for t in group] == texts  # order kept, nothing lost
    assert all(sum(map(len, g)) <= 30 or len(g) == 1 for g in groups)
    assert groups[-1] == ["e" * 40]  # a text over the limit is parsed alone


def test_parse_batch_over_the_character_budget_keeps_each_text_with_its_parse(monkeypatch):
    import according.pipeline as pipeline

    monkeypatch.setattr(pipeline, "BATCH_CHARS", 40)
    texts = ["The minister spoke.", "Rain fell on Monday in the north of the country.", "", "He left."]
    assert [d.text for d in pipeline.parse_batch(texts)] == texts
