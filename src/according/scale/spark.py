"""The Spark runner: input files read as ``according extract`` reads them, ``extract_partition`` in
``mapPartitions``, one Parquet dataset per table of the archive's export (``columns``) plus the errors.

JSONL, JSON, CSV/TSV, text, HTML and PDF files are read whole on the executors (``binaryFile``) by the
same readers as the local runner, so every row or file ends as a record or an error record named as it
is there (``file:LINE``); a JSONL file over the input size limit is split into lines across the cluster
instead (as the local runner streams it); Parquet inputs are read as rows (``text`` plus metadata columns).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from according.ingest.batch import SUFFIX_FORMATS, Fields, InputText, file_too_big, jsonl_line
from according.records import ErrorRecord
from according.scale.columns import TABLES, columns, table_rows
from according.settings import get_settings


def spark_type(kind: str) -> Any:
    """The Spark SQL type of a column kind."""
    from pyspark.sql import types as T

    return {"long": T.LongType(), "double": T.DoubleType()}.get(kind, T.StringType())


def schema(table: str) -> Any:
    """The Spark schema of one table."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(name, spark_type(kind), True) for name, kind in columns(table)])


def session(master: str | None) -> Any:
    """The active Spark session (spark-submit's), or a new one on ``master``. On a ``local[...]`` master
    the Python workers run this interpreter unless ``PYSPARK_PYTHON`` says otherwise (Spark's default,
    ``python3`` on the PATH, need not have ``according`` installed)."""
    from pyspark.sql import SparkSession

    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("according")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def local_name(uri: str, given: str, base: str) -> str:
    """A file's name as the local runner writes it: relative to the INPUT as given, when under it."""
    path = uri[len("file:") :] if uri.startswith("file:") else uri
    path = "/" + path.lstrip("/") if uri.startswith("file:") else path
    if path == base:
        return given
    if path.startswith(base.rstrip("/") + "/"):
        return os.path.join(given, path[len(base.rstrip("/")) + 1 :])
    return path


def file_items(spark: Any, source: str, fields: Fields) -> Any:
    """An RDD of InputText / ErrorRecord: every article row or file of the input, read as locally."""
    from according.scale.partition import read_file

    base = os.path.abspath(source) if "://" not in source else source
    limit = get_settings().max_input_bytes
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(source)

    def read(row: Any) -> Iterator[InputText | ErrorRecord]:
        yield from read_file(local_name(row.path, source, base), bytes(row.content), fields)

    small = (
        files.filter((files.length > 0) & (files.length <= limit)).select("path", "content").rdd.flatMap(read)
    )
    big = files.filter(files.length > limit).select("path", "length").collect()  # few: paths only
    named = [(row.path, local_name(row.path, source, base), row.length) for row in big]
    empty = spark.sparkContext.parallelize(empty_file_errors(source, fields), 1)
    return spark.sparkContext.union(
        [small, empty, *(big_file_items(spark, *file, fields, limit) for file in named)]
    )


def empty_file_errors(source: str, fields: Fields) -> list[InputText | ErrorRecord]:
    """The error records of a local input's empty files, as the local runner reads them ("empty input"):
    Spark's file reader passes over files of no bytes, so an empty input would vanish."""
    from according.ingest.batch import expand
    from according.scale.partition import read_file

    if "://" in source:
        return []
    return [
        item
        for path in expand(source)
        if isinstance(path, Path) and path.is_file() and path.stat().st_size == 0
        for item in read_file(str(path), b"", fields)
    ]


def big_file_items(spark: Any, path: str, name: str, size: int, fields: Fields, limit: int) -> Any:
    """The rows of a file over the input size limit: a JSONL file split into lines across the cluster
    (``name:LINE``, the limit holding per line, as the local runner streams it), any other an error."""
    if SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower()) != "jsonl":
        return spark.sparkContext.parallelize([file_too_big(name, size, limit)], 1)
    lines = spark.sparkContext.textFile(path, use_unicode=False).zipWithIndex()

    def row(pair: tuple[bytes, int]) -> InputText | ErrorRecord:
        raw, index = pair
        return jsonl_line(raw if len(raw) <= limit else None, f"{name}:{index + 1}", fields, limit)

    return lines.filter(lambda pair: pair[0].strip()).map(row)


def parquet_items(spark: Any, source: str) -> Any:
    """An RDD of dict rows from Parquet articles, each named ``INPUT#N`` unless it has a source column."""
    frame = spark.read.parquet(source)

    def row(pair: tuple[Any, int]) -> dict[str, Any]:
        values = pair[0].asDict()
        values.setdefault("source", f"{source}#{pair[1] + 1}")
        return values

    return frame.rdd.zipWithIndex().map(row)


def is_parquet(source: str) -> bool:
    """Parquet input: a .parquet path, or a folder of .parquet files."""
    if source.rstrip("/").endswith(".parquet"):
        return True
    return os.path.isdir(source) and any(name.endswith(".parquet") for name in os.listdir(source))


def run_spark(
    source: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    fields: Fields | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> dict[str, int]:
    """Extract every article of ``source`` on Spark and write ``output/<table>`` Parquet; row counts."""
    spark = session(master)
    items = (
        parquet_items(spark, source) if is_parquet(source) else file_items(spark, source, fields or Fields())
    )
    count = partitions or spark.sparkContext.defaultParallelism * 2
    options = {"published": published, "outlet": outlet, "fields": fields}

    def extract(rows: Iterable[Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        from according.scale.partition import extract_partition

        for result in extract_partition(rows, **options):
            yield from table_rows(result)

    tagged = items.repartition(count).mapPartitions(extract).persist()
    counts = {table: 0 for table in TABLES}
    counts.update(tagged.countByKey())
    for table in TABLES:
        rows = tagged.filter(lambda pair, t=table: pair[0] == t).map(lambda pair: pair[1])
        spark.createDataFrame(rows, schema(table)).write.mode("overwrite").parquet(
            os.path.join(output, table)
        )
    tagged.unpersist()
    return counts
