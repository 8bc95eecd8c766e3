"""`according spark` in local[2] writes, per table of the archive's export, exactly the rows the local
runner gives — bad rows included (inputs = articles + errors in both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPORA, EXAMPLES

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 (make test installs it)"),
]
BBC = CORPORA / "news" / "bbc2225.jsonl"


def articles_file(folder: Path) -> Path:
    """About 50 BBC articles (the bundled examples without the corpus) and three bad rows, as JSONL."""
    if BBC.is_file():
        lines = BBC.read_text("utf-8").splitlines()[:50]
    else:
        lines = [json.dumps({"text": p.read_text("utf-8")}) for p in sorted(EXAMPLES.glob("*.txt"))]
    lines[1:1] = ['{"text": "unclosed', json.dumps({"title": "no text"}), json.dumps({"text": "  "})]
    path = folder / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def comparable(table: str, row: tuple) -> tuple:
    """A row without its ``ingested_at`` time (the one value that differs between two runs)."""
    from according.scale.columns import columns

    return tuple(v for (name, _), v in zip(columns(table), row, strict=True) if name != "ingested_at")


def local_tables(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows from the local runner, sorted."""
    from according.ingest.batch import iter_inputs
    from according.scale import run
    from according.scale.columns import TABLES, table_rows

    tables: dict[str, list[tuple]] = {table: [] for table in TABLES}
    for result in run(iter_inputs([str(path)]), workers=1, timeout=0):
        for table, row in table_rows(result):
            tables[table].append(comparable(table, row))
    return {table: sorted(rows, key=repr) for table, rows in tables.items()}


def spark_tables(path: Path, out: Path) -> tuple[dict[str, int], dict[str, list[tuple]]]:
    """Row counts and every table's rows as `according spark` writes them, sorted."""
    from according.scale.columns import TABLES
    from according.scale.spark import run_spark, session

    counts = run_spark(str(path), str(out), master="local[2]", partitions=3)
    spark = session("local[2]")
    tables = {
        table: sorted(
            (comparable(table, tuple(r)) for r in spark.read.parquet(str(out / table)).collect()), key=repr
        )
        for table in TABLES
    }
    return counts, tables


def spark_equals_local(path: Path, out: Path) -> dict[str, list[tuple]]:
    """Run both runners on ``path``: Spark's counts and rows must be the local runner's; Spark's rows."""
    counts, spark = spark_tables(path, out)
    local = local_tables(path)
    assert counts == {table: len(rows) for table, rows in local.items()}
    for table, rows in local.items():
        assert spark[table] == rows, table
    return spark


@pytest.fixture
def spark_env(monkeypatch):
    """Spark's Python workers run this interpreter with this import path."""
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in sys.path if p))


def test_spark_writes_the_rows_of_the_local_runner(tmp_path, spark_env):
    spark = spark_equals_local(articles_file(tmp_path), tmp_path / "out")
    assert len(spark["errors"]) == 3 and len(spark["articles"]) >= 2


def test_spark_splits_a_jsonl_file_over_the_size_limit_into_lines_as_the_local_runner_streams_it(
    tmp_path, monkeypatch, spark_env
):
    path = articles_file(tmp_path)
    lines = path.read_text("utf-8").splitlines()
    limit = max(len(line.encode("utf-8")) for line in lines) + 10  # every row fits, the file does not
    lines.insert(4, json.dumps({"text": "word " * limit}))  # one row over the limit: an error of its own
    path.write_text("\n".join(lines) + "\n\n", "utf-8")
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", str(limit))
    spark = spark_equals_local(path, tmp_path / "out")
    assert len(spark["errors"]) == 4 and len(spark["articles"]) >= 2
    assert any(f"{path}:5" in row and "over the" in repr(row) for row in spark["errors"])


def test_the_command_on_a_local_master_runs_its_workers_on_this_python(tmp_path):
    """Spark's default worker Python is ``python3`` on the PATH, which need not have ``according``: here a
    ``python3`` that always fails comes first on the PATH, and the run still succeeds."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text("#!/bin/sh\necho 'not the python to use' >&2\nexit 1\n")
    (bin_dir / "python3").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    source = tmp_path / "two.jsonl"
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))[:2]]
    rows = [{"body": t, "headline": f"Story {i}"} for i, t in enumerate(texts)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    fields = ["--text-field", "body", "--title-field", "headline"]
    command = ["spark", str(source), str(tmp_path / "out"), "--master", "local[1]", *fields]
    done = subprocess.run(
        [sys.executable, "-m", "according", *command],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["articles"] == 2 and "2 inputs, 2 articles, 0 errors" in done.stderr
    import pyarrow.parquet as pq

    titles = pq.read_table(tmp_path / "out" / "articles").column("title").to_pylist()
    assert sorted(titles) == ["Story 0", "Story 1"]


def test_an_empty_file_in_the_input_folder_is_an_error_row_as_locally(tmp_path, spark_env):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))][:2]
    (folder / "articles.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
    (folder / "empty.jsonl").write_bytes(b"")
    spark = spark_equals_local(folder, tmp_path / "out")
    assert len(spark["errors"]) == 1 and "empty input" in repr(spark["errors"][0])
    assert len(spark["articles"]) == 2
