"""The archive: idempotent all-or-nothing ingest, trails with their changes, queries, search and errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from according.ingest.batch import iter_inputs
from according.records import ErrorRecord, Record
from according.store import SCHEMA_VERSION, Archive, ArchiveError
from according.store.sqlite import extract_one
from according.store.trails import content_words, word_diff

ROOT = Path(__file__).resolve().parent.parent
TRAVELLING = ROOT / "examples" / "travelling"


@pytest.fixture(scope="module")
def travelling_records() -> list[Record]:
    """The three travelling-statement articles through the full pipeline (once per module)."""
    items = list(iter_inputs([str(TRAVELLING)]))
    records = [extract_one(item, None, None) for item in items]
    assert all(isinstance(r, Record) for r in records)
    return records  # type: ignore[return-value]


@pytest.fixture
def archive(tmp_path, travelling_records) -> Archive:
    """A fresh archive holding the travelling-statement articles."""
    store = Archive(tmp_path / "a.db")
    for record in travelling_records:
        assert store.add(record) == "stored"
    yield store
    store.close()


def test_a_stored_record_comes_back_whole(archive, travelling_records):
    for record in travelling_records:
        assert archive.record(record.article.id) == record
    assert archive.record("nope") is None


def test_adding_an_article_twice_stores_nothing_new(archive, travelling_records):
    before = archive.counts()
    assert archive.add(travelling_records[0]) == "skipped"
    assert archive.counts() == before


def test_reprocess_replaces_only_articles_of_another_extractor_version(archive, travelling_records):
    record = travelling_records[0].model_copy(deep=True)
    assert archive.add(record, replace=True) == "skipped"  # same version: nothing to redo
    before = archive.counts()
    archive.conn.execute("UPDATE articles SET extractor_version = '0.0.1' WHERE id = ?", [record.article.id])
    assert archive.add(record, replace=True) == "replaced"
    assert archive.counts() == before
    assert archive.trails()  # the trail survives its member being replaced


def test_the_travelling_statement_is_one_trail_with_its_changes(archive):
    quotes = archive.trails(kind="quote")
    assert len(quotes) == 1
    trail = quotes[0]
    assert trail["first"]["outlet"] == "Harbour Press"
    assert [a["outlet"] for a in trail["appearances"]] == ["Harbour Press", "Valmora Daily", "Coastal Times"]
    assert all(a["speaker"] == "Anna Kivi" for a in trail["appearances"])
    changes = {(c["outlet"], c["type"]): c for c in trail["changes"]}
    assert changes[("Coastal Times", "figure")]["from"] == "612"
    assert changes[("Coastal Times", "figure")]["to"] == "about 600"
    assert ("Valmora Daily", "indirect") in changes
    assert ("Valmora Daily", "figure") not in changes
    assert changes[("Coastal Times", "relay")]["to"] == "Harbour Press"
    assert "we cannot → that they could not" in changes[("Valmora Daily", "wording")]["diff"]
    assert ("Coastal Times", "wording") not in changes  # the figure is its only change
    assert archive.trail(trail["id"]) == trail
    assert archive.trail(10_000) is None
    assert archive.trail(2**70) is None


def test_trail_jsonl_keys_are_the_documented_ones(archive):
    trail = archive.query("trails")[0]
    assert {"id", "kind", "first", "appearances", "changes"} <= set(trail)
    for app in trail["appearances"]:
        assert {"article_id", "outlet", "published", "speaker", "chain", "text"} <= set(app)


def test_first_appearance_is_the_earliest_date_whatever_the_ingestion_order(tmp_path, travelling_records):
    with Archive(tmp_path / "b.db") as store:
        for record in reversed(travelling_records):
            store.add(record)
        assert store.trails(kind="quote")[0]["first"]["outlet"] == "Harbour Press"


def test_indirect_speech_keeps_the_content_words_of_the_quote():
    direct = set(content_words("The strike has already cost us 612 sailings, and we cannot keep going"))
    indirect = set(
        content_words("the strike had already cost them 612 sailings and that they could not keep going")
    )
    assert direct == indirect


def test_word_diff_names_the_words_that_changed():
    assert word_diff("cost us 612 sailings", "cost us about 600 sailings") == "612 → about 600"
    assert word_diff("a b", "a b c") == "+ c"
    assert word_diff("The strike, he said", "the strike he said.") == ""


def test_quotes_filter_by_speaker_outlet_dates_and_search(archive):
    kivi = archive.query("quotes", speaker="kivi")
    assert len(kivi) == 3 and {q["speaker"] for q in kivi} == {"Anna Kivi"}
    assert {q["outlet"] for q in archive.query("quotes", outlet="coastal times")} == {"Coastal Times"}
    assert {q["published"] for q in archive.query("quotes", since="2025-03-11")} == {"2025-03-11"}
    assert {q["published"] for q in archive.query("quotes", until="2025-03-10")} == {"2025-03-10"}
    found = archive.query("quotes", search="sailings supplied")
    assert found and all("sailings" in q["text"] for q in found)
    assert archive.query("quotes", speaker="kivi", limit=1, offset=1)[0] == kivi[1]
    assert archive.query("quotes", speaker="kivi", limit=2**70, offset=0) == kivi
    assert archive.trails(limit=2**70, offset=2**70) == [] and archive.search("strike", 2**70, 2**70) == []


def test_fts_syntax_is_searched_as_words(archive):
    for text in ['"sailings', "sail*", "NEAR(strike", "strike) OR (", "AND", '"', "((", "-", "port:director"]:
        archive.query("quotes", search=text)
        archive.query("claims", search=text)
        archive.search(text)
    assert archive.search("") == []
    hits = archive.search('strike "sailings')
    assert hits and all("[" in h["snippet"] for h in hits)


def test_claims_events_entities_queries_answer(archive):
    claims = archive.query("claims", speaker="Anna Kivi")
    assert claims and all(c["speaker"] == "Anna Kivi" for c in claims)
    assert any(e["entity_id"] == "person:anna-kivi" for e in archive.query("entities"))
    assert archive.query("entities", entity="kivi")[0]["articles"] == 3
    assert isinstance(archive.query("events"), list)
    assert archive.query("quotes", country="ZZZ") == []
    assert archive.query("quotes", state_media=True) == []


def test_an_unknown_kind_or_filter_is_a_clear_error(archive):
    from according.store.query import QueryError

    with pytest.raises(QueryError):
        archive.query("people")
    with pytest.raises(QueryError):
        archive.query("quotes", colour="red")
    with pytest.raises(QueryError):
        archive.query("entities", speaker="x")


def test_a_date_filter_that_is_not_a_date_is_a_query_error(archive):
    from according.store.query import QueryError

    for kind in ("quotes", "claims", "events", "entities"):
        with pytest.raises(QueryError, match="since: 'notadate' is not a real date"):
            archive.query(kind, since="notadate")
        with pytest.raises(QueryError, match="until: '2025-02-30' is not a real date"):
            archive.query(kind, until="2025-02-30")
    same_day = archive.query("quotes", since="2025-03-11T09:30:00")
    assert same_day == archive.query("quotes", since="2025-03-11")


def test_a_failing_article_leaves_nothing_half_written(tmp_path, travelling_records, monkeypatch):
    import according.store.trails as trails

    with Archive(tmp_path / "c.db") as store:
        store.add(travelling_records[1])
        before = store.counts()

        def boom(db, record):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(trails, "index_record", boom)
        with pytest.raises(ArchiveError, match="disk is full"):
            store.add(travelling_records[0])
        assert store.counts() == before
        assert store.record(travelling_records[0].article.id) is None


def test_error_records_are_stored_once_per_input(archive):
    error = ErrorRecord(input="x.txt", stage="read", reason="empty input")
    assert archive.add(error) == "error"
    assert archive.add(error) == "error"
    assert archive.counts()["errors"] == 1


def test_ingest_counts_stored_skipped_and_errors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")

    def fake(item, published, outlet):
        from according.records import Article, article_id

        return Record(article=Article(id=article_id(item.text), text=item.text, extractor_version="0.1.0"))

    (folder / "one.txt").write_text("Headline\n\nThe mayor said the bridge would reopen.\n")
    with Archive(tmp_path / "d.db") as store:
        first = store.ingest([str(folder)], extract=fake)
        again = store.ingest([str(folder)], extract=fake)
    assert (first.inputs, first.stored, first.skipped, first.errors) == (2, 1, 0, 1)
    assert (again.stored, again.skipped) == (0, 1)
    assert again.line() == "2 inputs, 0 stored, 1 already stored, 1 error"


# --- bad archives ------------------------------------------------------------------------------------


def test_a_corrupt_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match="not an according archive"):
        Archive(bad)


def test_another_sqlite_file_is_not_taken_over(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ArchiveError, match="not an according archive"):
        Archive(other)


def test_a_newer_schema_version_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive(path)


def version_1_archive(path: Path, records: list[Record]) -> None:
    """An archive as version 1 wrote it: no ``quant`` / ``freq`` on times."""
    with Archive(path) as store:
        for record in records:
            store.add(record)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE times DROP COLUMN quant")
    conn.execute("ALTER TABLE times DROP COLUMN freq")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("readonly", [False, True])
def test_a_version_1_archive_is_upgraded_when_opened_and_keeps_its_rows(
    tmp_path, travelling_records, readonly
):
    path = tmp_path / "v1.db"
    version_1_archive(path, travelling_records)
    with Archive(path, readonly=readonly) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rows = list(store.rows("times"))
        assert rows and {"quant", "freq"} <= set(rows[0]) and all(r["freq"] is None for r in rows)
        assert [r.article.id for r in store.records()] == [r.article.id for r in travelling_records]


def test_a_version_1_archive_that_cannot_be_written_is_refused_with_the_reason(
    tmp_path, travelling_records, monkeypatch
):
    import according.store.sqlite as sqlite_store

    path = tmp_path / "v1.db"
    version_1_archive(path, travelling_records)
    real_connect = sqlite_store.connect

    def read_only_disk(where: Path, readonly: bool) -> sqlite3.Connection:
        if not readonly:
            raise ArchiveError(f"{where}: the archive is read-only")
        return real_connect(where, readonly)

    monkeypatch.setattr(sqlite_store, "connect", read_only_disk)
    with pytest.raises(
        ArchiveError, match="version 1 is older .* could not be upgraded: the archive is read-only"
    ):
        Archive(path, readonly=True)


def test_a_missing_folder_or_read_only_archive_is_a_clear_error(tmp_path, travelling_records):
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive(tmp_path / "no" / "such.db")
    with pytest.raises(ArchiveError, match="no such archive"):
        Archive(tmp_path / "absent.db", readonly=True)
    path = tmp_path / "ro.db"
    Archive(path).close()
    with Archive(path, readonly=True) as store:
        with pytest.raises(ArchiveError, match="read-only"):
            store.add(travelling_records[0])


def test_a_locked_archive_is_a_clear_error(tmp_path, travelling_records, monkeypatch):
    import according.store.sqlite as sqlite_mod

    path = tmp_path / "locked.db"
    Archive(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(sqlite_mod, "BUSY_TIMEOUT_MS", 200)
    try:
        with pytest.raises(ArchiveError, match="locked"):
            with Archive(path) as store:
                store.add(travelling_records[0])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_disk_rolls_the_article_back_with_a_clear_error(tmp_path, travelling_records):
    with Archive(tmp_path / "full.db") as store:
        store.add(travelling_records[0])
        before = store.counts()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own 'disk full'
        with pytest.raises(ArchiveError, match="disk is full"):
            store.add(travelling_records[1])
        assert store.counts() == before


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("attempt to write a readonly database", "read-only"),
        ("database is locked", "locked"),
        ("database or disk is full", "disk is full"),
        ("file is not a database", "not an according archive"),
        ("unable to open database file", "cannot open"),
        ("disk I/O error", "disk I/O error"),
    ],
)
def test_sqlite_errors_become_one_line_reasons(message, expected):
    from according.store.sqlite import translate

    error = translate(sqlite3.OperationalError(message), "a.db")
    assert expected in str(error) and "\n" not in str(error) and str(error).startswith("a.db: ")


def test_rebuilding_trails_finds_the_same_trails(archive):
    before = sorted((t["kind"], [a["item_id"] for a in t["appearances"]]) for t in archive.trails())
    archive.rebuild_trails()
    assert sorted((t["kind"], [a["item_id"] for a in t["appearances"]]) for t in archive.trails()) == before


def test_figures_written_in_words_make_no_claim_trail(archive):
    assert all(
        any(ch.isdigit() for ch in a["figure"])
        for t in archive.trails(kind="claim")
        for a in t["appearances"]
    )


def test_every_row_field_is_a_documented_column(travelling_records):
    from according.store.rows import record_rows
    from according.store.schema import BY_NAME

    for record in travelling_records:
        for table, rows in record_rows(record).items():
            for row in rows:
                assert set(row) <= set(BY_NAME[table].names), table


# --- ingest through the local runner --------------------------------------------------------------------


def stored_rows(path: Path) -> dict[str, list]:
    """Every table's rows of an archive, sorted, for comparing two archives."""
    conn = sqlite3.connect(path)
    tables = ("articles", "attributions", "entities", "claims", "events", "times", "errors")
    rows = {}
    for table in tables:
        cursor = conn.execute(f"SELECT * FROM [{table}]")
        keep = [i for i, d in enumerate(cursor.description) if d[0] not in ("ingested_at", "at")]
        rows[table] = sorted(repr([row[i] for i in keep]) for row in cursor.fetchall())
    conn.close()
    return rows


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path):
    inputs = [str(ROOT / "examples")]
    with Archive(tmp_path / "one.db") as store:
        one = store.ingest(inputs, workers=1)
    with Archive(tmp_path / "two.db") as store:
        two = store.ingest(inputs, workers=2)
        again = store.ingest(inputs, workers=2)
    assert one.line() == two.line() and one.stored >= 5
    assert (again.stored, again.skipped) == (0, one.stored)
    assert stored_rows(tmp_path / "one.db") == stored_rows(tmp_path / "two.db")


def test_a_killed_worker_costs_one_error_row_and_the_rest_is_stored(tmp_path, monkeypatch):
    import according.scale
    from according.scale.local import run_pool

    def misbehaving_pool(items, **options):
        return run_pool(items, workers=2, timeout=None, task="scale_tasks:misbehaving", batch=2)

    monkeypatch.setattr(according.scale, "run", misbehaving_pool)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(["one", "two", "KILL three", "four", "five"]):
        (folder / f"{i}.txt").write_text(f"Article {text}.\n")
    order: list[str] = []
    with Archive(tmp_path / "k.db") as store:
        summary = store.ingest([str(folder)], on_result=lambda status, item: order.append(status))
        errors = list(store.rows("errors"))
    assert (summary.inputs, summary.stored, summary.errors) == (5, 4, 1)
    assert order == ["stored", "stored", "error", "stored", "stored"]
    assert len(errors) == 1 and errors[0]["input"].endswith("2.txt") and "signal 9" in errors[0]["reason"]


def test_the_python_query_refuses_a_limit_below_one_or_a_negative_offset_as_the_command_line(tmp_path):
    from according.store import Archive, QueryError

    with Archive(tmp_path / "a.db") as archive:
        for bad in ({"limit": 0}, {"offset": -1}):
            with pytest.raises(QueryError, match="limit must be at least 1"):
                archive.query("quotes", **bad)
        assert archive.query("quotes", limit=5, offset=0) == []
