"""`according spark INPUT OUTPUT`: the Spark runner from the command line, or as a spark-submit script
(``spark-submit --master yarn $(python -c 'import according.scale.cli as m; print(m.__file__)') IN OUT``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from according.cli_options import Outlet, Published, fail, setup_or_fail
from according.ingest.batch import GLOB_CHARS
from according.wording import batch_summary


def spark(
    input: Annotated[str, typer.Argument(help="JSONL/JSON/CSV/text/HTML/PDF files or folder, or Parquet.")],
    output: Annotated[str, typer.Argument(help="Folder for one Parquet dataset per record type.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[2]; default: spark-submit's or local[*].")
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(help="Partitions to extract in (default: 2 per core of the cluster).")
    ] = None,
    published: Published = None,
    outlet: Outlet = None,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV text field(s), a|b.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV title field(s), a|b.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV date field(s), a|b.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV URL field(s), a|b.")] = None,
) -> None:
    """Extract records on Spark and write Parquet per record type; prints row counts as one JSON object."""
    if problem := input_problem(input):
        raise fail(f"{input if input.strip() else repr(input)}: {problem}")
    try:
        from pyspark.errors import AnalysisException
    except ImportError:
        raise fail("the Spark runner needs PySpark: pip install 'according[spark]'") from None
    setup_or_fail()
    from according.ingest.batch import Fields
    from according.scale.spark import run_spark

    try:
        counts = run_spark(
            input,
            output,
            master=master,
            partitions=partitions,
            fields=Fields.from_options(
                text=text_field, title=title_field, published=date_field, url=url_field
            ),
            published=published,
            outlet=outlet,
        )
    except AnalysisException as exc:  # Spark's "path does not exist" and the like
        raise fail(" ".join(str(exc).split())) from None
    sys.stdout.write(json.dumps(counts) + "\n")
    errors = counts["errors"]
    Console(stderr=True).print(batch_summary(counts["articles"] + errors, errors), highlight=False)
    if errors:
        raise typer.Exit(1)


def input_problem(source: str) -> str | None:
    """Why a local INPUT cannot be read (empty, or no such path); None for one that exists, a glob, or a
    cluster URI (``hdfs://``, ``s3a://``) that only Spark can look at."""
    if not source.strip():
        return "empty input name"
    if "://" in source or GLOB_CHARS & set(source) or Path(source).exists():
        return None
    return "no such file or folder"


if __name__ == "__main__":
    typer.run(spark)
