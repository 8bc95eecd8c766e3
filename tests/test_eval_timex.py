"""The TempEval-3 style TIMEX3 scorer: relaxed one-to-one span matching, value F1, per-type figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.eval.timex import Timex3, count, document_counts, figures, match, read_documents, score

TIMEBANK = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "timex" / "timebank.jsonl"


def gold(text: str, phrase: str, kind: str, value: str) -> dict[str, object]:
    """A gold TIMEX3 entry for the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "type": kind, "value": value}


def tiny_corpus(path: Path) -> Path:
    """Three written documents: two right values, one wrong value, one spurious and one missed expression."""
    one = "The company said Friday that profit rose 5% in the third quarter."
    two = "Sales will double over the next two years, analysts say."
    three = "He arrived yesterday."
    docs = [
        {
            "id": "one",
            "date": "1989-10-30",
            "text": one,
            "timex3": [
                gold(one, "Friday", "DATE", "1989-10-27"),
                gold(one, "the third quarter", "DATE", "1989-Q3"),
            ],
        },
        {
            "id": "two",
            "date": "1998-01-08",
            "text": two,
            "timex3": [gold(two, "the next two years", "DURATION", "P3Y")],
        },
        {
            "id": "three",
            "date": "1998-01-08T10:00:00",
            "text": three,
            "timex3": [gold(three, "He", "DATE", "1998")],
        },
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_scores_on_a_hand_made_corpus(tmp_path: Path) -> None:
    result = score(read_documents(tiny_corpus(tmp_path / "tiny.jsonl")))
    assert result["documents"] == 3
    assert (result["all.span_tp"], result["all.span_fp"], result["all.span_fn"]) == (3, 1, 1)
    assert result["all.span_f1"] == 0.75
    assert (result["all.value_tp"], result["all.value_fp"], result["all.value_fn"]) == (2, 2, 2)
    assert result["all.value_f1"] == 0.5
    assert result["DATE.span_f1"] == 0.6667 and result["DATE.value_f1"] == 0.6667
    assert result["DURATION.span_f1"] == 1.0 and result["DURATION.value_f1"] == 0.0
    assert result["SET.span_f1"] == 0.0 and result["SET.span_tp"] == 0


def test_cli_json_prints_one_object_with_flat_keys(tmp_path: Path) -> None:
    path = tiny_corpus(tmp_path / "tiny.jsonl")
    result = CliRunner().invoke(app, ["eval", "timex", str(path), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    figures_ = json.loads(result.stdout)
    assert figures_["documents"] == 1
    assert figures_["all.span_f1"] == 1.0 and figures_["all.value_f1"] == 1.0
    assert {"DATE.span_precision", "DATE.value_recall", "documents_per_second"} <= set(figures_)


def test_cli_table_and_error_file(tmp_path: Path) -> None:
    path, errors = tiny_corpus(tmp_path / "tiny.jsonl"), tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["eval", "timex", str(path), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "DURATION" in result.stdout
    kinds = sorted(json.loads(line)["error"] for line in errors.read_text().splitlines())
    assert kinds == ["missed", "spurious", "value"]


def test_matching_is_one_to_one_and_prefers_the_larger_overlap() -> None:
    gold_ = [Timex3(0, 10, "DATE", "a"), Timex3(12, 20, "DATE", "b")]
    pred = [Timex3(5, 15, "DATE", "b"), Timex3(14, 22, "DATE", "b")]
    assert sorted(match(gold_, pred)) == [(0, 0), (1, 1)]
    assert match([Timex3(0, 10, "DATE", "a")], [Timex3(0, 4, "DATE", "a"), Timex3(6, 10, "DATE", "a")]) == [
        (0, 0)
    ]


def test_per_type_figures_need_the_type_to_agree() -> None:
    counts = document_counts([Timex3(0, 5, "DATE", "P1Y")], [Timex3(0, 5, "DURATION", "P1Y")])
    flat = figures(counts)
    assert flat["all.span_f1"] == 1.0 and flat["all.value_f1"] == 1.0
    assert flat["DATE.span_fn"] == 1 and flat["DURATION.span_fp"] == 1


def test_values_compare_as_exact_strings_like_the_official_scorer() -> None:
    for gold_value, predicted in (("199X", "199"), ("2000-W7", "2000-W07"), ("1989", "1989-XX")):
        counts = count([Timex3(0, 5, "DATE", gold_value)], [Timex3(0, 5, "DATE", predicted)], "all")
        assert counts["all.span"] == 1 and counts["all.value"] == 0
    assert count([Timex3(0, 5, "DATE", "199")], [Timex3(1, 3, "DATE", "199")], "all")["all.value"] == 1


@pytest.mark.slow
@pytest.mark.corpus
def test_timebank_sample_is_sane() -> None:
    if not TIMEBANK.is_file():
        pytest.skip("../shared/corpora is absent")
    result = score(read_documents(TIMEBANK, limit=8))
    assert result["documents"] == 8
    assert result["all.span_f1"] > 0.8
    assert 0.5 < result["all.value_f1"] <= result["all.span_f1"]
    assert result["DATE.value_f1"] > 0.5
