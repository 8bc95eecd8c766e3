"""The command line: extract in every format, bad inputs as one-line errors, schema."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def test_extract_jsonl_one_record_per_example():
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--published", "2025-03-03"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    rows = sum(len(p.read_text("utf-8").splitlines()) for p in EXAMPLES.rglob("*.jsonl"))
    assert len(lines) == len(list(EXAMPLES.rglob("*.txt"))) + rows
    assert all(rec["article"]["published"] == "2025-03-03" for rec in lines)
    assert all(rec["attributions"] for rec in lines)


def test_extract_json_and_table():
    one = str(EXAMPLES / "council-budget-vote.txt")
    as_json = runner.invoke(app, ["extract", one, "--format", "json", "--outlet", "Courier"])
    assert as_json.exit_code == 0
    (record,) = json.loads(as_json.stdout)  # always one JSON array, one element per input
    assert record["article"]["outlet"] == "Courier"
    table = runner.invoke(app, ["extract", one, "--format", "table"])
    assert table.exit_code == 0
    assert "Sosa" in table.stdout and "Menon" in table.stdout


def test_bad_inputs_are_reported_and_the_rest_still_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes(
        "Der Bürgermeister sagte \xff\xfe nichts.".encode("latin-1", "replace") + b"\xff"
    )
    (tmp_path / "folder").mkdir()
    good = EXAMPLES / "council-budget-vote.txt"
    args = [
        "extract",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.bin"),
        str(tmp_path / "latin.txt"),
        str(tmp_path / "missing.txt"),
        str(good),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("empty.txt" in e and "empty" in e.split(":", 2)[2] for e in errors)
    assert any("missing.txt" in e for e in errors)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum("article" in r for r in records) == 1
    assert sum("reason" in r for r in records) == 4
    assert "5 inputs, 1 article, 4 errors" in result.stderr


def test_directory_with_no_files_is_an_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "folder holds no files" in result.stderr


def test_stdin():
    text = (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")
    result = runner.invoke(app, ["extract", "-"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["source"] == "<stdin>"


def test_schema_command_prints_json_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "Attribution" in json.loads(result.stdout)["$defs"]


def test_metadata_precedence_command_line_over_document(tmp_path):
    text = (EXAMPLES / "council-budget-vote.txt").read_text("utf-8")
    rows = tmp_path / "articles.jsonl"
    rows.write_text(json.dumps({"body": text, "pubDate": "2024-05-02", "title": "Budget passes"}) + "\n")
    from_doc = runner.invoke(app, ["extract", str(rows), "--text-field", "body", "--date-field", "pubDate"])
    assert from_doc.exit_code == 0, from_doc.output
    article = json.loads(from_doc.stdout)["article"]
    assert article["published"] == "2024-05-02" and article["published_origin"] == "metadata"
    assert article["title"] == "Budget passes" and article["metadata_origin"]["title"] == "metadata"
    given = runner.invoke(
        app,
        [
            "extract",
            str(rows),
            "--text-field",
            "body",
            "--date-field",
            "pubDate",
            "--published",
            "2024-06-01",
        ],
    )
    article = json.loads(given.stdout)["article"]
    assert article["published"] == "2024-06-01" and article["published_origin"] == "given"


def test_python_dash_m_according_runs_the_command_line():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "according", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("according ")


def test_an_empty_input_name_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text('"We will stay," the minister said on Monday.\n')
    monkeypatch.chdir(tmp_path)
    for command in (["extract", ""], ["show", ""], ["ingest", "", "--db", str(tmp_path / "a.db")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "error: '': empty input name" in result.stderr
        assert "article.txt" not in result.output and "minister" not in result.output


def test_spark_refuses_an_empty_or_missing_local_input_before_starting_spark(tmp_path):
    missing = str(tmp_path / "no.jsonl")
    for source, reason in (("", "'': empty input name"), (missing, "no such file or folder")):
        result = runner.invoke(app, ["spark", source, str(tmp_path / "out")])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: ") and reason in result.stderr and not result.stdout
    assert not (tmp_path / "out").exists()


def test_eval_with_missing_or_broken_gold_data_is_one_error_line_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n")
    other = tmp_path / "other.json"  # JSON, but not the scorer's shape
    other.write_text('{"text": "An article, not gold."}\n')
    cases = [
        (["eval", "timex", str(other)], "line 1: not a TIMEX3 document"),
        (["eval", "plover", str(other)], "not PLOVER gold records"),
        (["eval", "plover", str(tmp_path / "nope.json")], "No such file or directory"),
        (["eval", "html", str(tmp_path / "nope")], "No such file or directory"),
        (["eval", "timex", str(broken)], "not UTF-8 JSON"),
        (["eval", "entities", str(broken)], "not UTF-8 JSON"),
        (["eval", "polnear", str(tmp_path), "--json"], "no PolNeAR annotations"),
    ]
    for args, reason in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert reason in " ".join(result.stderr.split()) and "Traceback" not in result.output, args
        assert result.stdout == "", args


def test_a_wrong_setting_is_one_error_line_for_the_run_not_one_per_article(monkeypatch):
    cases = {
        "ACCORDING_MAX_INPUT_BYTES": ("abc", "ACCORDING_MAX_INPUT_BYTES='abc'"),
        "ACCORDING_ARTICLE_TIMEOUT": ("-5", "greater than or equal to 0"),
        "ACCORDING_PIPELINE": ('["attributions", "entities"]', "'attributions' needs 'entities'"),
        "ACCORDING_SPACY_MODEL": ("en_core_web_nonesuch", "'en_core_web_nonesuch' is not installed"),
        "ACCORDING_EVENT_LAYERS": ('["list"]', "ACCORDING_EVENT_LAYERS='list': Input should be"),
    }
    for name, (value, reason) in cases.items():
        monkeypatch.setenv(name, value)
        result = runner.invoke(app, ["extract", str(EXAMPLES)])
        monkeypatch.delenv(name)
        assert result.exit_code == 2, (name, result.output)
        assert result.stdout == "" and reason in result.stderr, (name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
    monkeypatch.setenv("ACCORDING_PIPELINE", "notjson")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", "unused.db"])
    assert (
        result.exit_code == 2
        and 'ACCORDING_PIPELINE: not a JSON list (write it like ["entities"' in result.stderr
    )


def test_show_help_spells_out_its_marks():
    result = runner.invoke(app, ["show", "--help"], env={"COLUMNS": "200"})
    assert "[[n: what was said]] *speaker* _cue_" in result.stdout


@pytest.mark.parametrize("command", ["extract", "ingest", "spark"])
def test_a_publication_date_that_is_not_a_date_stops_every_runner_before_reading(command, tmp_path):
    args = [command, str(EXAMPLES), *([str(tmp_path / "out")] if command == "spark" else [])]
    if command == "ingest":
        args += ["--db", str(tmp_path / "a.db")]
    result = runner.invoke(app, [*args, "--published", "2025-02-30"])
    assert result.exit_code == 2 and "not a real date" in result.stderr and result.stdout == ""
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "out").exists()


def test_a_bare_command_group_prints_its_help_and_no_error_line():
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2 and "timex" in result.stdout and result.stderr == ""
