"""The record types: schema generation, flat rows, stable ids."""

from according.records import (
    SCHEMA_VERSION,
    Article,
    Attribution,
    ChainLink,
    EntityRef,
    Record,
    Span,
    article_id,
    json_schema,
)


def make_record() -> Record:
    text = "Putin said it was fine, KCNA reported."
    article = Article(id=article_id(text), text=text, published="2025-08-15")
    speaker = EntityRef(
        entity_id="person:vladimir-putin", name="Vladimir Putin", mention=Span(start=0, end=5, text="Putin")
    )
    link = ChainLink(source=EntityRef(name="KCNA"), cue="reported")
    attr = Attribution(
        id=f"{article.id}-a1",
        kind="indirect",
        content=[Span(start=11, end=22, text="it was fine")],
        cue=Span(start=6, end=10, text="said"),
        cue_lemma="say",
        speaker=speaker,
        chain=[link],
    )
    return Record(article=article, attributions=[attr])


def test_schema_lists_every_record_type():
    schema = json_schema()
    defs = set(schema["$defs"])
    assert {"Article", "Attribution", "Entity", "Claim", "Event", "TimeExpression", "ChainLink"} <= defs
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION


def test_rows_are_flat_with_integer_spans():
    rows = make_record().rows()
    attr = rows["attributions"][0]
    assert attr["article_id"] == rows["articles"][0]["id"]
    assert attr["cue_start"] == 6 and attr["cue_end"] == 10
    assert attr["speaker_mention_start"] == 0
    assert not any(isinstance(v, dict) for v in attr.values())


def test_article_id_ignores_whitespace_only_changes():
    assert article_id("North Korea  said\nso.") == article_id("North Korea said so.")
    assert article_id("North Korea said so.") != article_id("South Korea said so.")


def test_record_round_trips_through_json():
    record = make_record()
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_schema_describes_every_field():
    schema = json_schema()
    missing = [
        f"{name}.{field}"
        for name, definition in [("Record", schema), *schema["$defs"].items()]
        for field, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []


def test_the_python_api_refuses_a_publication_date_that_is_not_a_date(tmp_path):
    import pytest as _pytest

    from according.pipeline import extract_text
    from according.store import Archive

    with _pytest.raises(ValueError, match="not a real date"):
        extract_text("The minister said so.", published="notadate")
    article = tmp_path / "a.txt"
    article.write_text("The minister said the ferry runs.")
    with Archive(tmp_path / "a.db") as archive, _pytest.raises(ValueError, match="not a real date"):
        archive.ingest([str(article)], published="15/08/2025")
