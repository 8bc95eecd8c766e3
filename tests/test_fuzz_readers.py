"""Property tests: random bytes and random text thrown at every reader never raise, and every input ends
as an InputText or an ErrorRecord (containers: one per row)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from according.ingest.batch import (
    Fields,
    InputText,
    iter_inputs,
    read_bytes,
    read_csv,
    read_html,
    read_json,
    read_jsonl,
    read_pdf,
    read_text,
)
from according.ingest.text import ingest_text
from according.records import ErrorRecord

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PDF = (FIXTURES / "ebola-two-column.pdf").read_bytes()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

READERS = {
    "text": lambda data: read_text(data, "in"),
    "html": lambda data: read_html(data, "in"),
    "pdf": lambda data: read_pdf(data, "in"),
    "jsonl": lambda data: read_jsonl(data, "in", Fields()),
    "json": lambda data: read_json(data, "in", Fields()),
    "csv": lambda data: read_csv(data, "in", Fields()),
    "tsv": lambda data: read_csv(data, "in", Fields(), tab=True),
}
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
markup = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<html>",
            "<body>",
            "<article>",
            "<nav>",
            "<a href='x'>",
            "</a>",
            "<script>",
            "<meta charset='koi8-r'>",
            "<title>",
            "&amp;",
            "<![CDATA[",
            "<!--",
            "\x00",
            "é",
            "said.",
        ]
    )
    | texts,
    max_size=30,
).map("".join)


def check(results: list, single: bool) -> None:
    """Every result is an article or an error; single-document readers give exactly one."""
    assert all(isinstance(r, InputText | ErrorRecord) for r in results)
    assert results, "an input vanished"
    if single:
        assert len(results) == 1
    for r in results:
        if isinstance(r, InputText):
            assert r.text.strip()
            r.text.encode("utf-8")  # no lone surrogates: the record must serialise
            for value in r.meta.values():
                assert value is None or isinstance(value.encode("utf-8"), bytes)


def run_all(data: bytes) -> None:
    """Every reader on the same bytes."""
    for name, reader in READERS.items():
        check(list(reader(data)), single=name in ("text", "html", "pdf"))


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    run_all(data)


@FAST
@given(texts, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_random_text(text: str, encoding: str) -> None:
    run_all(text.encode(encoding, "replace"))


@SLOW
@given(markup)
def test_random_markup(page: str) -> None:
    check(list(read_html(page.encode("utf-8", "surrogatepass"), "in")), single=True)


@SLOW
@given(
    st.integers(0, len(PDF)),
    st.lists(st.tuples(st.integers(0, len(PDF) - 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_pdf(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(PDF[:cut] if cut > 20 else PDF)
    for pos, value in flips:
        if pos < len(data):
            data[pos] = value
    check(list(read_pdf(bytes(data), "in")), single=True)


rows = st.lists(
    st.dictionaries(
        st.sampled_from(["text", "title", "date", "url", "x"]),
        st.one_of(texts, st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=2)),
    ),
    max_size=6,
)


@FAST
@given(rows)
def test_jsonl_rows_one_result_each(records: list[dict]) -> None:
    lines = [json.dumps(r) for r in records]
    results = list(read_jsonl("\n".join(lines).encode(), "in", Fields()))
    assert len(results) == len(lines) or not lines
    check(results, single=False)


@FAST
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_json_escapes_and_surrogates(values: list[str]) -> None:
    line = json.dumps({"text": "Words. " + "".join(values), "title": values[0]})
    check(list(read_jsonl(line.encode("utf-8", "surrogatepass"), "in", Fields())), single=True)


@FAST
@given(texts)
def test_csv_text_one_result_per_record(text: str) -> None:
    check(list(read_csv(("text,title\n" + text).encode(), "in", Fields())), single=False)


@SLOW
@given(
    st.binary(max_size=2000),
    st.sampled_from(["", ".txt", ".html", ".pdf", ".jsonl", ".json", ".csv", ".tsv"]),
)
def test_iter_inputs_on_random_files(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        check(list(iter_inputs([str(path)])), single=suffix in ("", ".txt", ".html", ".pdf"))


@FAST
@given(st.binary(max_size=1000), st.sampled_from(list(READERS)))
def test_dispatcher_never_raises(data: bytes, fmt: str) -> None:
    check(list(read_bytes(data, "in", fmt, Fields())), single=False)


@FAST
@given(texts)
def test_articles_survive_text_repair(text: str) -> None:
    (item,) = read_text(text.encode("utf-8"), "in")
    if isinstance(item, InputText):
        ingested = ingest_text(item.text)
        assert len(ingested.mapped.offsets) == len(ingested.mapped.text)
