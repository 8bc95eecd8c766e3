"""The archive's tables: one fixed column list per table, used for the SQLite schema, CSV and Parquet.

``TABLES`` is the single source of the column schema; docs/archive.md documents it and a test keeps the two
in step. Types are SQLite affinities: ``TEXT``, ``INTEGER`` (booleans are 0/1), ``REAL``; ``JSON`` columns
hold a JSON array as TEXT.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """One table: its columns as (name, type), primary key, foreign keys and indexes."""

    name: str
    columns: tuple[tuple[str, str], ...]
    pk: str | tuple[str, ...] | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    unique: tuple[str, ...] = ()
    export: bool = True

    @property
    def names(self) -> list[str]:
        """Column names in order."""
        return [name for name, _ in self.columns]


ARTICLE_FK = (("article_id", "articles", "id"),)

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        (
            ("seq", "INTEGER"),
            ("id", "TEXT"),
            ("source", "TEXT"),
            ("source_id", "TEXT"),
            ("url", "TEXT"),
            ("outlet", "TEXT"),
            ("outlet_state_media", "INTEGER"),
            ("title", "TEXT"),
            ("byline", "TEXT"),
            ("published", "TEXT"),
            ("published_origin", "TEXT"),
            ("language", "TEXT"),
            ("extractor_version", "TEXT"),
            ("schema_version", "TEXT"),
            ("ingested_at", "TEXT"),
            ("text", "TEXT"),
            ("record", "TEXT"),
        ),
        pk="seq",
        indexes=(("outlet",), ("published",)),
        unique=("id",),
    ),
    Table(
        "parts",
        (
            ("article_id", "TEXT"),
            ("position", "INTEGER"),
            ("kind", "TEXT"),
            ("start", "INTEGER"),
            ("end", "INTEGER"),
            ("text", "TEXT"),
        ),
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",),),
    ),
    Table(
        "entities",
        (
            ("article_id", "TEXT"),
            ("entity_id", "TEXT"),
            ("name", "TEXT"),
            ("type", "TEXT"),
            ("country", "TEXT"),
            ("roles", "JSON"),
            ("state_media", "INTEGER"),
            ("wikidata", "TEXT"),
            ("mentions", "INTEGER"),
        ),
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",), ("entity_id",), ("country",)),
    ),
    Table(
        "mentions",
        (
            ("article_id", "TEXT"),
            ("entity_id", "TEXT"),
            ("position", "INTEGER"),
            ("kind", "TEXT"),
            ("start", "INTEGER"),
            ("end", "INTEGER"),
            ("text", "TEXT"),
        ),
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",),),
    ),
    Table(
        "attributions",
        (
            ("seq", "INTEGER"),
            ("id", "TEXT"),
            ("article_id", "TEXT"),
            ("position", "INTEGER"),
            ("kind", "TEXT"),
            ("text", "TEXT"),
            ("content", "JSON"),
            ("cue_start", "INTEGER"),
            ("cue_end", "INTEGER"),
            ("cue_text", "TEXT"),
            ("cue_lemma", "TEXT"),
            ("speaker_entity_id", "TEXT"),
            ("speaker_name", "TEXT"),
            ("speaker_start", "INTEGER"),
            ("speaker_end", "INTEGER"),
            ("speaker_text", "TEXT"),
            ("speaker_country", "TEXT"),
            ("addressee_entity_id", "TEXT"),
            ("addressee_name", "TEXT"),
            ("medium", "TEXT"),
            ("date", "TEXT"),
            ("confidence", "REAL"),
            ("state_media", "INTEGER"),
            ("chain", "JSON"),
        ),
        pk="seq",
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",), ("speaker_entity_id",), ("speaker_name",)),
        unique=("id",),
    ),
    Table(
        "chain_links",
        (
            ("attribution_id", "TEXT"),
            ("article_id", "TEXT"),
            ("position", "INTEGER"),
            ("source_entity_id", "TEXT"),
            ("source_name", "TEXT"),
            ("cue", "TEXT"),
            ("cue_start", "INTEGER"),
            ("cue_end", "INTEGER"),
            ("state_media", "INTEGER"),
        ),
        foreign_keys=(*ARTICLE_FK, ("attribution_id", "attributions", "id")),
        indexes=(("attribution_id",), ("source_entity_id",)),
    ),
    Table(
        "claims",
        (
            ("id", "TEXT"),
            ("article_id", "TEXT"),
            ("start", "INTEGER"),
            ("end", "INTEGER"),
            ("text", "TEXT"),
            ("quantity", "REAL"),
            ("quantity_text", "TEXT"),
            ("qualifier", "TEXT"),
            ("unit", "TEXT"),
            ("about", "TEXT"),
            ("attribution_id", "TEXT"),
            ("date", "TEXT"),
        ),
        pk="id",
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",), ("unit", "quantity")),
    ),
    Table(
        "events",
        (
            ("id", "TEXT"),
            ("article_id", "TEXT"),
            ("type", "TEXT"),
            ("mode", "TEXT"),
            ("cameo", "TEXT"),
            ("trigger_start", "INTEGER"),
            ("trigger_end", "INTEGER"),
            ("trigger_text", "TEXT"),
            ("evidence_start", "INTEGER"),
            ("evidence_end", "INTEGER"),
            ("evidence_text", "TEXT"),
            ("location", "TEXT"),
            ("date", "TEXT"),
            ("negated", "INTEGER"),
            ("hypothetical", "INTEGER"),
            ("historical", "INTEGER"),
            ("reported_by", "TEXT"),
        ),
        pk="id",
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",), ("type",)),
    ),
    Table(
        "event_participants",
        (
            ("event_id", "TEXT"),
            ("article_id", "TEXT"),
            ("role", "TEXT"),
            ("position", "INTEGER"),
            ("entity_id", "TEXT"),
        ),
        foreign_keys=(*ARTICLE_FK, ("event_id", "events", "id")),
        indexes=(("event_id",), ("entity_id",)),
    ),
    Table(
        "times",
        (
            ("id", "TEXT"),
            ("article_id", "TEXT"),
            ("start", "INTEGER"),
            ("end", "INTEGER"),
            ("text", "TEXT"),
            ("type", "TEXT"),
            ("value", "TEXT"),
            ("granularity", "TEXT"),
            ("anchor", "TEXT"),
            ("quant", "TEXT"),
            ("freq", "TEXT"),
        ),
        pk="id",
        foreign_keys=ARTICLE_FK,
        indexes=(("article_id",),),
    ),
    Table(
        "errors",
        (("input", "TEXT"), ("stage", "TEXT"), ("reason", "TEXT"), ("ingested_at", "TEXT")),
        pk="input",
    ),
    Table(
        "trails",
        (("id", "INTEGER"), ("kind", "TEXT"), ("created_at", "TEXT")),
        pk="id",
    ),
    Table(
        "trail_members",
        (("item_id", "TEXT"), ("trail_id", "INTEGER"), ("kind", "TEXT"), ("article_id", "TEXT")),
        pk="item_id",
        foreign_keys=(*ARTICLE_FK, ("trail_id", "trails", "id")),
        indexes=(("trail_id",), ("article_id",)),
    ),
    Table(
        "quote_bands",
        (("band", "INTEGER"), ("item_id", "TEXT"), ("article_id", "TEXT")),
        foreign_keys=ARTICLE_FK,
        indexes=(("band",), ("article_id",)),
        export=False,
    ),
)

BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
# the tables that hold one article's records, children first (the order to delete them in)
RECORD_TABLES = (
    "quote_bands",
    "trail_members",
    "chain_links",
    "event_participants",
    "mentions",
    "parts",
    "claims",
    "events",
    "times",
    "attributions",
    "entities",
)
# full-text indexes: name -> (content table, columns)
FTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles_fts": ("articles", ("title", "text")),
    "attributions_fts": ("attributions", ("text",)),
}
