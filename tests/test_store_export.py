"""Exports: JSONL round-trips into Records, CSV and Parquet keep the documented columns, PLOVER, brat."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from according.records import Record
from according.store import Archive
from according.store.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reference_archive(tmp_path_factory, reference_record) -> Archive:
    """An archive holding the reference article."""
    store = Archive(tmp_path_factory.mktemp("ref") / "ref.db")
    store.add(reference_record)
    yield store
    store.close()


def exported(store: Archive) -> list:
    """The exported tables (the LSH band index stays inside)."""
    return [t for t in TABLES if t.export]


def test_jsonl_export_round_trips_into_records(reference_archive, reference_record, tmp_path):
    (path,) = reference_archive.export("jsonl", tmp_path)
    lines = path.read_text("utf-8").splitlines()
    assert [Record.model_validate_json(line) for line in lines] == [reference_record]


def test_csv_files_have_the_documented_columns(reference_archive, reference_record, tmp_path):
    paths = reference_archive.export("csv", tmp_path)
    assert {p.stem for p in paths} == {t.name for t in exported(reference_archive)}
    for table in exported(reference_archive):
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == [n for n in table.names if n != "record"]
    with (tmp_path / "attributions.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(reference_record.attributions)


def test_parquet_files_open_with_pyarrow_and_match_the_columns(reference_archive, reference_record, tmp_path):
    import pyarrow.parquet as pq

    reference_archive.export("parquet", tmp_path)
    for table in exported(reference_archive):
        data = pq.read_table(tmp_path / f"{table.name}.parquet")
        assert data.schema.names == [n for n in table.names if n != "record"]
    claims = pq.read_table(tmp_path / "claims.parquet")
    assert claims.num_rows == len(reference_record.claims)
    assert str(claims.schema.field("quantity").type) == "double"


def test_plover_export_has_the_manual_fields(reference_archive, reference_record, tmp_path):
    (path,) = reference_archive.export("plover", tmp_path)
    events = json.loads(path.read_text("utf-8"))
    assert len(events) == len(reference_record.events)
    for event in events:
        assert {"id", "date", "event", "mode", "source", "target", "eventText", "text", "publication"} <= set(
            event
        )
        assert all({"actorText", "code"} <= set(actor) for actor in event["source"] + event["target"])


def test_brat_export_reads_back_with_the_polnear_reader(reference_archive, reference_record, tmp_path):
    from according.eval.polnear import Rel, read_corpus

    reference_archive.export("brat", tmp_path)
    (doc,) = list(read_corpus(tmp_path))
    assert doc.text == reference_record.article.text
    assert doc.annotator == "according"
    expected = []
    for att in reference_record.attributions:
        mention = att.speaker.mention if att.speaker else None
        expected.append(
            Rel(
                ((mention.start, mention.end),) if mention else (),
                ((att.cue.start, att.cue.end),) if att.cue else (),
                tuple(sorted((s.start, s.end) for s in att.content)),
            )
        )
    assert sorted(doc.relations) == sorted(expected)
    assert len(doc.relations) == len(reference_record.attributions) > 5


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_an_export_that_fails_midway_leaves_no_half_file(reference_archive, tmp_path, monkeypatch, fmt):
    old = tmp_path / "records.jsonl"
    old.write_text("an earlier export\n")

    def broken(*args, **kwargs):
        yield from reference_archive.__class__.records(reference_archive) if fmt == "jsonl" else ()
        raise OSError("disk full")

    monkeypatch.setattr(reference_archive, "records" if fmt == "jsonl" else "rows", broken)
    with pytest.raises(Exception, match="disk full"):  # the archive names itself in the error
        reference_archive.export(fmt, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]  # no part file, no half table
    assert old.read_text() == "an earlier export\n"


def test_an_unknown_format_is_refused(reference_archive, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        reference_archive.export("xml", tmp_path)


def test_docs_list_every_column_of_every_table():
    doc = (ROOT / "docs" / "archive.md").read_text("utf-8")
    for table in TABLES:
        section = doc.split(f"### {table.name}\n", 1)
        assert len(section) == 2, f"docs/archive.md has no section for {table.name}"
        body = section[1].split("\n### ", 1)[0]
        for name in table.names:
            assert f"`{name}`" in body, f"{table.name}.{name} is not documented"


def test_state_media_and_country_filters_follow_the_relays(reference_archive):
    relayed = reference_archive.query("quotes", state_media=True)
    # relayed by KCNA, or by the words "North Korean state media" (an entity of their own)
    chains = [" ".join(q["chain"]) for q in relayed]
    assert relayed and all("KCNA" in c or "state media" in c for c in chains)
    assert any("KCNA" in c for c in chains)
    assert {q["speaker"] for q in reference_archive.query("quotes", country="RUS")} >= {"Vladimir Putin"}
    state = {e["entity_id"] for e in reference_archive.query("entities", state_media=True)}
    assert {"org:kcna", "org:state-media-prk"} <= state
    assert reference_archive.query("events", country="PRK")


def test_plover_dates_are_calendar_days_and_sector_actors_have_names():
    from according.store.export import calendar_day, plover_actor

    assert calendar_day("2025-08-15") == "2025-08-15" and calendar_day("2025-08-15T10:00") == "2025-08-15"
    assert (
        calendar_day("XXXX-WXX-4") is None and calendar_day("PXM") is None and calendar_day("2025-08") is None
    )
    assert plover_actor("sector:GOV", {})["actorText"] == "government"
    assert plover_actor("country:GBR", {}) == {
        "actorText": "United Kingdom",
        "code": "GBR",
        "entityId": "country:GBR",
    }
