"""The Python call for files mirrors `according extract FILE…`: same records, same error records."""

import json
import subprocess
import sys

import pytest

from according import Fields, extract_files
from according.records import ErrorRecord, Record
from conftest import EXAMPLES


def without_time(line: dict) -> dict:
    """A record as JSON, less the moment it was extracted."""
    line.pop("extracted_at", None)
    return line


def test_extract_files_gives_what_the_command_line_writes(tmp_path):
    (tmp_path / "a.txt").write_text("The minister said the bridge will open in May.", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    api = [r.model_dump(mode="json") for r in extract_files(tmp_path, published="2025-03-01")]
    cli = subprocess.run(
        [sys.executable, "-m", "according", "extract", str(tmp_path), "--published", "2025-03-01"],
        capture_output=True,
        text=True,
    )
    lines = [json.loads(line) for line in cli.stdout.splitlines()]
    assert [without_time(r) for r in api] == [without_time(r) for r in lines]
    assert api[1]["reason"] == "empty input" and cli.returncode == 1


def test_extract_files_turns_unreadable_inputs_into_error_records(tmp_path):
    results = list(extract_files([tmp_path / "missing.txt", EXAMPLES / "council-budget-vote.txt"]))
    assert isinstance(results[0], ErrorRecord) and "No such file" in results[0].reason
    assert isinstance(results[1], Record) and results[1].attributions


def test_extract_files_reads_the_named_fields_of_rows(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"body": "Officials said the talks failed.", "id": "r7"}) + "\n", "utf-8")
    (record,) = extract_files(rows, fields=Fields.from_options(text="body"))
    assert record.article.source_id == "r7" and record.attributions


def test_extract_files_refuses_a_bad_date_or_format_before_reading():
    with pytest.raises(ValueError, match="not a real date"):
        extract_files("anything", published="last week")
    with pytest.raises(ValueError, match="input_format 'docx'"):
        extract_files("anything", input_format="docx")


def test_a_negative_worker_count_and_a_bare_field_string_are_read_as_meant():
    with pytest.raises(ValueError, match="workers must be 0"):
        extract_files("anything", workers=-1)
    assert Fields(text="body|content").text == ("body", "content")
