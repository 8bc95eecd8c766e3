"""Batch input: files, folders, globs, stdin, JSONL/CSV rows, encodings; every input an article or error."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from according.ingest.batch import (
    Fields,
    InputText,
    article_kwargs,
    iter_inputs,
    read_csv,
    read_jsonl,
    read_path,
    read_stdin,
    sniff_format,
)
from according.records import ErrorRecord

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
# Wikinews (CC BY 2.5): "Magnitogorsk apartment building collapses after explosion, dozens dead"
SENTENCE = "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia."
SECOND = "The 1973 building was home to over 1,000 people; 48 apartments were damaged."


def items(args: list[str], fields: Fields | None = None) -> list[InputText | ErrorRecord]:
    """Everything iter_inputs yields, checking each is an article or an error."""
    out = list(iter_inputs(args, fields))
    assert all(isinstance(item, InputText | ErrorRecord) for item in out)
    return out


def errors(results: list[InputText | ErrorRecord]) -> dict[str, ErrorRecord]:
    """The error records by input name."""
    return {r.input: r for r in results if isinstance(r, ErrorRecord)}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder (with a sub-folder) holding .txt, .html, .pdf, .jsonl and .csv files, some of them bad."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f"{SENTENCE}\n\n{SECOND}\n", encoding="utf-8")
    shutil.copy(FIXTURES / "magnitogorsk.html", tmp_path / "b.html")
    shutil.copy(FIXTURES / "ebola-two-column.pdf", tmp_path / "sub" / "c.pdf")
    rows = [
        {"text": SENTENCE, "title": "Collapse", "published": "2019-01-04"},
        "not an object",
        {"title": "x"},
    ]
    (tmp_path / "d.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8"
    )
    (tmp_path / "sub" / "e.csv").write_text(
        f'text,title,date\n"{SECOND}",Building,2019-01-04\n', encoding="utf-8"
    )
    (tmp_path / "f.txt").write_bytes(b"")
    (tmp_path / "g.pdf").write_bytes(b"%PDF-1.4\n% truncated")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    return tmp_path


def test_mixed_folder_reads_every_format(mixed: Path):
    results = items([str(mixed)])
    articles = [r for r in results if isinstance(r, InputText)]
    assert sorted(a.format for a in articles) == ["csv", "html", "jsonl", "pdf", "text"]
    assert len(results) == 5 + 5  # five articles; empty .txt, broken .pdf and three bad JSONL rows
    assert set(errors(results)) == {
        str(mixed / "f.txt"),
        str(mixed / "g.pdf"),
        f"{mixed / 'd.jsonl'}:2",
        f"{mixed / 'd.jsonl'}:3",
        f"{mixed / 'd.jsonl'}:4",
    }
    assert not any(".hidden" in getattr(r, "source", getattr(r, "input", "")) for r in results)


def test_glob_is_expanded_recursively(mixed: Path):
    results = items([f"{mixed}/**/*.csv", f"{mixed}/*.txt"])
    assert [getattr(r, "source", None) or r.input for r in results] == [
        f"{mixed / 'sub' / 'e.csv'}:2",
        str(mixed / "a.txt"),
        str(mixed / "f.txt"),
    ]


def test_glob_without_matches_and_missing_file_are_errors(tmp_path: Path):
    results = items([f"{tmp_path}/*.nothing", str(tmp_path / "missing.txt")])
    assert [r.reason for r in results if isinstance(r, ErrorRecord)] == [
        "no files match",
        "No such file or directory",
    ]


def test_csv_broken_rows_are_errors_and_the_rest_goes_on():
    data = (
        "text,title,date,url\n"
        f'"{SENTENCE}",Collapse,2019-01-04,https://example.org/a\n'
        "only,two\n"
        '"A quote that never closes,x,2019-01-05,u\n'
        f'"{SECOND}",Building,4 January 2019,https://example.org/b\n'
        '"Line one of a text\nthat spans two lines.",Multi,,\n'
    ).encode()
    results = list(read_csv(data, "news.csv", Fields()))
    assert [getattr(r, "source", None) or r.input for r in results] == [
        "news.csv:2",
        "news.csv:3",
        "news.csv:4",
        "news.csv:5",
        "news.csv:6",
    ]
    assert isinstance(results[1], ErrorRecord) and isinstance(results[2], ErrorRecord)
    assert results[3].meta["published"] == "2019-01-04" and results[3].meta["url"] == "https://example.org/b"
    assert results[4].text == "Line one of a text\nthat spans two lines."


def test_csv_semicolons_and_legacy_encoding():
    data = "text;title\nLe président a déclaré à Genève que les négociations reprendront.;Genève\n".encode(
        "cp1252"
    )
    (item,) = read_csv(data, "fr.csv", Fields())
    assert isinstance(item, InputText)
    assert item.text.startswith("Le président a déclaré") and item.meta["title"] == "Genève"


def test_configurable_field_names(tmp_path: Path):
    row = {"body": SENTENCE, "headline": "Collapse", "pubDate": "2019-01-04", "link": "https://example.org/c"}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    fields = Fields.from_options(text="body", title="headline", published="pubDate|date", url="link")
    (item,) = items([str(path)], fields)
    assert item.text == SENTENCE
    assert item.meta["title"] == "Collapse" and item.meta["published"] == "2019-01-04"
    assert item.meta["url"] == "https://example.org/c"


def test_jsonl_row_with_bad_utf8_is_one_error():
    good = json.dumps({"text": "Zürich’s café reopened."}, ensure_ascii=False).encode()
    data = good + b"\n" + b'{"text": "caf\xe9 society"}\n' + good + b"\n"
    results = list(read_jsonl(data, "x.jsonl", Fields()))
    assert [type(r).__name__ for r in results] == ["InputText", "ErrorRecord", "InputText"]
    assert results[1].input == "x.jsonl:2" and results[1].stage == "decode"
    assert results[2].text == "Zürich’s café reopened."


def test_jsonl_in_a_legacy_encoding_is_detected():
    rows = [{"text": "Le président a déclaré à Genève que les négociations reprendront."}, {"text": "Voilà."}]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("cp1252")
    results = list(read_jsonl(data, "fr.jsonl", Fields()))
    assert [r.text for r in results] == [r["text"] for r in rows]


def test_json_list_file(tmp_path: Path):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"text": SENTENCE}, {"text": ""}]), encoding="utf-8")
    results = items([str(path)])
    assert isinstance(results[0], InputText) and results[1].input == f"{path}:2"


@pytest.mark.parametrize(
    ("data", "stage"),
    [
        (b"", "read"),
        (b"   \n\n ", "read"),
        (bytes(range(256)) * 8, "read"),
        (bytes(range(0x80, 0x100)) * 20, "decode"),
        ("A plain sentence in UTF-16 without a byte-order mark.".encode("utf-16-le"), "read"),
    ],
)
def test_bad_text_files_are_refused(tmp_path: Path, data: bytes, stage: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (item,) = read_path(path)
    assert isinstance(item, ErrorRecord) and item.stage == stage


def test_legacy_and_bom_encodings_are_read(tmp_path: Path):
    quote = (
        "“The search and rescue operation is complete,” Deputy Emergency Situations Minister Alexander "
        "Chupriyan told TASS on Wednesday. Chelyabinsk’s governor has promised each victim a payout."
    )
    (tmp_path / "a.txt").write_bytes(quote.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(quote.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(quote.encode("utf-8") + b"\xff")
    results = items([str(tmp_path)])
    assert [r.text for r in results] == [quote, quote, quote + "\ufffd"]


def test_unidentifiable_encoding_is_an_error(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Der Bürgermeister sagte \xff\xfe nichts.".encode("latin-1") + b"\xff")
    (item,) = read_path(path)
    assert isinstance(item, ErrorRecord) and item.stage == "decode"


def test_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "50")
    path = tmp_path / "long.txt"
    path.write_text(SENTENCE + " " + SECOND, encoding="utf-8")
    (item,) = read_path(path)
    assert isinstance(item, ErrorRecord) and "50-byte limit" in item.reason


def test_huge_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk

    def no_open(*_args, **_kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    monkeypatch.setattr(Path, "read_bytes", no_open)
    (item,) = read_path(path)
    assert isinstance(item, ErrorRecord) and "limit" in item.reason


def test_jsonl_over_the_size_limit_is_read_a_line_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "150")
    rows = [{"text": SENTENCE}, {"text": SECOND + " " + SENTENCE}, {"text": SECOND}]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert path.stat().st_size > 150
    items = list(read_path(path))
    assert [i.source if isinstance(i, InputText) else i.input for i in items] == [
        f"{path}:1",
        f"{path}:2",
        f"{path}:3",
    ]
    assert [i.text for i in items if isinstance(i, InputText)] == [SENTENCE, SECOND]
    assert isinstance(items[1], ErrorRecord) and "150-byte limit" in items[1].reason


def test_jsonl_on_stdin_over_the_size_limit_streams_on(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "150")
    rows = [{"text": SENTENCE}, {"text": SECOND}, {"text": SENTENCE + " " + SECOND}, {"text": SECOND}]
    data = ("\n".join(json.dumps(r) for r in rows) + "\n").encode("utf-8")
    items = list(read_stdin(stream=io.BytesIO(data)))
    assert [i.source if isinstance(i, InputText) else i.input for i in items] == [
        f"<stdin>:{n}" for n in range(1, 5)
    ]
    assert [i.text for i in items if isinstance(i, InputText)] == [SENTENCE, SECOND, SECOND]
    assert isinstance(items[2], ErrorRecord) and "150-byte limit" in items[2].reason


def test_stdin_is_sniffed_and_limited(monkeypatch: pytest.MonkeyPatch):
    pdf = (FIXTURES / "ebola-two-column.pdf").read_bytes()
    (item,) = read_stdin(stream=io.BytesIO(pdf))
    assert isinstance(item, InputText) and item.format == "pdf" and item.source == "<stdin>"
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "10")
    (item,) = read_stdin(stream=io.BytesIO(b"x" * 11))
    assert isinstance(item, ErrorRecord)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"0123456789")))
    (item,) = iter_inputs(["-"])
    assert isinstance(item, InputText) and item.text == "0123456789"


@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("x", b"%PDF-1.4", "pdf"),
        ("x", b"\n<!DOCTYPE html><html>", "html"),
        ("x.htm", b"hi", "html"),
        ("x.TSV", b"a\tb", "tsv"),
        ("x.ndjson", b"{}", "jsonl"),
        ("notes", b"Just words.", "text"),
        ("x.txt", b"<html>", "text"),
    ],
)
def test_sniff_format(name: str, head: bytes, fmt: str):
    assert sniff_format(name, head) == fmt


def test_article_kwargs_precedence():
    from according.pipeline import extract_text

    item = InputText(
        source="a.html",
        text=SENTENCE,
        meta={"title": "Collapse", "published": "2019-01-04", "outlet": "Wikinews Daily"},
        origin={"title": "metadata", "published": "metadata", "outlet": "metadata"},
    )
    kwargs = article_kwargs(item, published="2019-01-05", outlet=None)
    assert kwargs["published"] == "2019-01-05" and kwargs["outlet"] == "Wikinews Daily"
    assert kwargs["source"] == "a.html"
    if "metadata_origin" in kwargs:
        assert kwargs["metadata_origin"]["published"] == "given"
        assert kwargs["metadata_origin"]["outlet"] == "metadata"
    import inspect

    assert set(kwargs) <= set(inspect.signature(extract_text).parameters)


CSV_TEXT = (
    f'title,text\r\n"One","{SENTENCE}"\r\n\r\n"Two","line one\nline two {SECOND}"\r\n'
    f'"Broken","never closes\r\n"Three","{SECOND}"\r\n"Four",{SECOND}\r\n'
)


def names(items: list[InputText | ErrorRecord]) -> list[tuple[str, str]]:
    """Each item's name with its text or error reason."""
    return [(i.source, i.text) if isinstance(i, InputText) else (i.input, i.reason) for i in items]


@pytest.mark.parametrize(("suffix", "encoding"), [(".csv", "utf-8"), (".tsv", "utf-8"), (".csv", "utf-16")])
def test_csv_over_the_size_limit_is_read_a_row_at_a_time_with_the_rows_of_a_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, encoding: str
):
    text = CSV_TEXT.replace(",", "\t") if suffix == ".tsv" else CSV_TEXT
    path = tmp_path / f"big{suffix}"
    path.write_bytes(text.encode(encoding))
    whole = names(list(read_path(path)))
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "120")
    assert path.stat().st_size > 120
    streamed = names(list(read_path(path)))
    assert streamed == whole
    assert [name for name, _ in streamed] == [f"{path}:{n}" for n in (2, 4, 6, 7, 8)]
    assert "quote that never closes" in streamed[2][1]
    assert streamed[3][1] == (SECOND.replace(",", "\t") if suffix == ".tsv" else SECOND)
    assert "3 cells where the header has 2" in streamed[4][1] or suffix == ".tsv"


def test_csv_on_stdin_over_the_size_limit_streams_on(monkeypatch: pytest.MonkeyPatch):
    whole = names(list(read_stdin(stream=io.BytesIO(CSV_TEXT.encode("utf-8")))))
    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "120")
    assert names(list(read_stdin(stream=io.BytesIO(CSV_TEXT.encode("utf-8"))))) == whole
    assert len(whole) == 5 and whole[0] == ("<stdin>:2", SENTENCE)


def test_stdin_whose_first_json_line_is_over_the_limit_loses_only_that_line(monkeypatch):
    import io
    import json

    from according.ingest.batch import read_stdin
    from according.records import ErrorRecord

    monkeypatch.setenv("ACCORDING_MAX_INPUT_BYTES", "1000")
    rows = [{"text": "x " * 800}, {"text": "The mayor said the ferry runs."}, {"text": "Officials said so."}]
    stream = io.BytesIO("".join(json.dumps(row) + "\n" for row in rows).encode())
    results = list(read_stdin(stream=stream))
    assert [type(r).__name__ for r in results] == ["ErrorRecord", "InputText", "InputText"]
    assert isinstance(results[0], ErrorRecord) and results[0].input == "<stdin>:1"


def test_a_rows_own_id_is_kept_to_join_records_back_to_the_corpus(tmp_path):
    from according.store import Archive

    rows = tmp_path / "corpus.jsonl"
    rows.write_text(
        '{"id": "bbc/business/001", "text": "The minister said the ferry runs."}\n'
        '{"text": "Officials said the port is open."}\n'
    )
    with Archive(tmp_path / "a.db") as archive:
        archive.ingest([str(rows)])
        stored = archive.conn.execute("SELECT source, source_id FROM articles ORDER BY seq").fetchall()
        records = list(archive.records())
    assert [tuple(r) for r in stored] == [(f"{rows}:1", "bbc/business/001"), (f"{rows}:2", None)]
    assert [r.article.source_id for r in records] == ["bbc/business/001", None]
