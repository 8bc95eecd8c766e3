"""CSV/TSV read with the standard dialect: whatever csv.writer writes comes back unchanged, row for row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from according.ingest.batch import Fields, InputText, read_csv
from according.ingest.encoding import clean_text

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "news" / "bbc2225.jsonl"
cells = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\",;|\t\n\r '“”«»")),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=200,
).filter(lambda t: clean_text(t).strip())


def written(rows: list[list[str]], dialect: str = "excel") -> bytes:
    """Rows as csv.writer writes them, header first, UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=dialect)
    writer.writerow(["title", "text", "date"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=6))
def test_every_row_csv_writer_writes_reads_back_unchanged(rows: list[tuple[str, str]]) -> None:
    data = written([[title, text, "2020-01-02"] for title, text in rows])
    results = list(read_csv(data, "in.csv", Fields()))
    assert [type(r) for r in results] == [InputText] * len(rows)
    assert [r.text for r in results] == [clean_text(text) for _, text in rows]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=4))
def test_every_row_a_tsv_writer_writes_reads_back_unchanged(rows: list[tuple[str, str]]) -> None:
    data = written([[title, text, "2020-01-02"] for title, text in rows], dialect="excel-tab")
    results = list(read_csv(data, "in.tsv", Fields(), tab=True))
    assert [r.text for r in results] == [clean_text(text) for _, text in rows]


def test_a_cell_of_a_megabyte_is_read_whole() -> None:
    text = ('He said "yes", then, "no".\n' * 40_000)[:1_000_000]
    (item,) = read_csv(written([["Big", text, ""]]), "big.csv", Fields())
    assert isinstance(item, InputText) and item.text == text


def test_a_single_column_header_takes_the_delimiter_that_splits_it() -> None:
    data = "text;title\nLe président a parlé à Genève, hier.;Genève\n".encode()
    (item,) = read_csv(data, "fr.csv", Fields())
    assert item.meta["title"] == "Genève"


@pytest.mark.skipif(not BBC.exists(), reason="needs ../shared/corpora/news/bbc2225.jsonl")
def test_bbc_articles_written_by_csv_writer_are_all_read() -> None:
    with BBC.open(encoding="utf-8") as handle:
        articles = [json.loads(next(handle)) for _ in range(5)]
    data = written([[a["title"], a["text"], a["date"] or ""] for a in articles])
    results = list(read_csv(data, "bbc.csv", Fields()))
    assert [r.text for r in results] == [a["text"] for a in articles]
