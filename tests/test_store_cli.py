"""`according ingest`, `query` and `export`: data on stdout, one-line errors, the trail in JSONL."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from according.cli import app
from according.store.cli import QUERY_COLUMNS
from according.store.render import count_line

TRAVELLING = Path(__file__).resolve().parent.parent / "examples" / "travelling"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """An archive ingested from the travelling-statement examples through the command line."""
    path = tmp_path_factory.mktemp("cli") / "t.db"
    result = runner.invoke(app, ["ingest", str(TRAVELLING), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "3 inputs, 3 stored, 0 already stored, 0 errors" in result.stderr
    return path


def test_ingesting_again_stores_nothing_new_and_says_so(db):
    result = runner.invoke(app, ["ingest", str(TRAVELLING), "--db", str(db)])
    assert result.exit_code == 0
    assert "3 inputs, 0 stored, 3 already stored, 0 errors (nothing new)" in result.stderr


def test_query_trails_jsonl_prints_one_object_per_trail(db):
    result = runner.invoke(app, ["query", "trails", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    trails = [json.loads(line) for line in result.stdout.splitlines()]
    quote = next(t for t in trails if t["kind"] == "quote")
    assert set(quote) == {"id", "kind", "first", "appearances", "changes"}
    assert quote["first"]["outlet"] == "Harbour Press"
    assert {c["type"] for c in quote["changes"]} >= {"figure", "wording", "relay", "indirect"}


def test_a_long_trail_change_wraps_under_its_own_text_not_under_the_type(db):
    result = runner.invoke(app, ["query", "trails", "--db", str(db)], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("wording "))
    indent = lines[start].index(lines[start].split()[1])
    follow = lines[start + 1]
    assert follow[:indent].strip() == "" and follow[indent:].strip(), (lines[start], follow)


def test_query_tables_fit_80_columns(db):
    for kind in ("quotes", "claims", "events", "entities", "trails"):
        result = runner.invoke(app, ["query", kind, "--db", str(db)], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_query_csv_and_filters(db):
    result = runner.invoke(
        app,
        ["query", "quotes", "--db", str(db), "--speaker", "Kivi", "--format", "csv", "--since", "2025-03-11"],
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,article_id,published,outlet,speaker")
    assert len(lines) == 3
    fts = runner.invoke(app, ["query", "quotes", "--db", str(db), "--search", 'NEAR("sailings" *'])
    assert fts.exit_code == 0


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "plover", "brat"])
def test_every_export_format_writes_files(db, tmp_path, fmt):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--output", str(tmp_path / fmt)])
    assert result.exit_code == 0, result.output
    assert any((tmp_path / fmt).rglob("*"))


def test_bad_archives_are_one_line_errors(tmp_path):
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage" * 500)
    cases = [
        ["ingest", str(TRAVELLING), "--db", str(corrupt)],
        ["query", "quotes", "--db", str(corrupt)],
        ["query", "quotes", "--db", str(tmp_path / "missing.db")],
        ["export", "--db", str(tmp_path / "missing.db")],
        ["ingest", str(TRAVELLING), "--db", str(tmp_path / "no" / "dir.db")],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)


@pytest.mark.parametrize("kind", ["quotes", "claims", "events", "entities"])
@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_query_prints_only_data_on_stdout_and_the_count_on_stderr(db, kind, fmt):
    result = runner.invoke(
        app, ["query", kind, "--db", str(db), "--limit", "2", "--format", fmt], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and lines[0].strip() and lines[-1].strip(), "no blank edge lines on stdout"
    assert not any(line.strip() in (f"{n} {kind}" for n in range(3)) for line in lines)
    if fmt == "jsonl":
        assert 1 <= len([json.loads(line) for line in lines]) <= 2
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert 1 <= len(rows) <= 2
    else:
        assert lines[0].split()[0] == QUERY_COLUMNS[kind][0]
        one = {"entities": "entity"}.get(kind, kind[:-1])
        assert re.fullmatch(rf"1 {one}|2 {kind}", result.stderr.strip()), result.stderr


def test_query_trails_as_a_table_puts_the_count_of_trails_on_stderr(db):
    result = runner.invoke(app, ["query", "trails", "--db", str(db), "--limit", "1"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("─") and "trail 1" in result.stdout
    assert result.stderr.strip() == "1 trail"


def test_count_lines_put_the_noun_in_the_number_of_its_count():
    assert [count_line(n, "entities") for n in (0, 1, 2)] == ["0 entities", "1 entity", "2 entities"]
    assert count_line(1, "quotes") == "1 quote" and count_line(3, "trails") == "3 trails"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--limit", "0"], "--limit must be at least 1"),
        (["--limit", "-5"], "--limit must be at least 1"),
        (["--offset", "-1"], "--offset must be 0 or more"),
        (["--since", "notadate"], "--since: 'notadate' is not a real date"),
        (["--until", "2025-02-30"], "--until: '2025-02-30' is not a real date"),
    ],
)
def test_query_refuses_a_bad_limit_or_date_as_a_usage_error(db, args, reason):
    result = runner.invoke(app, ["query", "quotes", "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {reason}"), result.stderr


def test_query_since_takes_an_iso_date_time_as_its_day(db):
    day = runner.invoke(app, ["query", "quotes", "--db", str(db), "--since", "2025-03-11", "-f", "jsonl"])
    moment = runner.invoke(
        app, ["query", "quotes", "--db", str(db), "--since", "2025-03-11T18:00", "-f", "jsonl"]
    )
    assert day.exit_code == moment.exit_code == 0
    assert day.stdout == moment.stdout != ""


DB_COMMANDS = ("ingest", "query", "export")


def test_read_commands_say_the_archive_is_read_and_ingest_that_it_is_created():
    commands = typer.main.get_command(app).commands
    help_of = {name: next(p.help for p in commands[name].params if p.name == "db") for name in DB_COMMANDS}
    assert help_of["ingest"] == "The archive file (created when missing)."
    assert help_of["query"] == help_of["export"] == "The archive file to read."


def test_export_into_a_path_below_a_file_names_the_output_path(db, tmp_path):
    (tmp_path / "self.txt").write_text("a file, not a folder")
    output = tmp_path / "self.txt" / "x"
    result = runner.invoke(app, ["export", "--db", str(db), "--output", str(output)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"error: {output}: cannot create the output folder: Not a directory"


def test_ingesting_the_folder_that_holds_the_archive_never_reads_the_archive(tmp_path, monkeypatch):
    import shutil

    shutil.copy(TRAVELLING / "ferry-statement.jsonl", tmp_path)
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["ingest", "."])
    again = runner.invoke(app, ["ingest", "."])
    assert first.exit_code == 0, first.output
    assert "3 inputs, 3 stored, 0 already stored, 0 errors" in first.stderr
    assert again.exit_code == 0 and "3 inputs, 0 stored, 3 already stored, 0 errors" in again.stderr


def test_an_archive_option_naming_a_folder_says_so_in_every_command(tmp_path):
    for args in (["query", "quotes"], ["export"], ["ingest", str(TRAVELLING)]):
        result = runner.invoke(app, [*args, "--db", str(tmp_path)])
        assert result.exit_code == 2, (args, result.output)
        assert "is a folder, not an archive file" in result.stderr, args


def test_a_brat_export_into_a_folder_holding_another_archive_warns(db, tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "old-article.txt").write_text("from another archive")
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "brat", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "warning: 1 other file in" in result.stderr and "old-article.txt" in result.stderr
    again = runner.invoke(
        app, ["export", "--db", str(db), "--format", "brat", "--output", str(tmp_path / "new")]
    )
    assert "warning" not in again.stderr
