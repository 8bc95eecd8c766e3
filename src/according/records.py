"""The record types of `according`: one Record per article, every span as character offsets.

Spans are plain integers into the *original input text* (``Article.text``), so any record can be
highlighted in its source and every type flattens to one row per record (see ``Record.rows``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "0.1.0"

PartKind = Literal["headline", "body", "caption", "credit", "related", "dateline", "byline", "other"]
AttributionKind = Literal["direct", "indirect", "mixed", "unattributed"]
MentionKind = Literal["name", "alias", "pronoun", "title", "metonym", "demonym", "nominal"]
Granularity = Literal[
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
    "century",
    "time",
    "duration",
    "set",
    "unknown",
]
DateOrigin = Literal["given", "metadata", "inferred", "none"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the original input text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str = ""


class Part(Span):
    """A labelled region of the article: headline, body paragraph, caption, credit, related link…"""

    kind: PartKind


class Article(_Model):
    """The article as read: original text, metadata with its origin, and where its parts lie."""

    id: str
    source: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_state_media: bool = False
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    published_origin: DateOrigin = "none"
    metadata_origin: dict[str, DateOrigin] = Field(default_factory=dict)
    language: str = "en"
    text: str
    parts: list[Part] = Field(default_factory=list)
    extractor_version: str = ""

    @property
    def paragraphs(self) -> list[Part]:
        """Body paragraphs only."""
        return [p for p in self.parts if p.kind == "body"]


class Mention(Span):
    """One place where an entity is named or referred to."""

    kind: MentionKind = "name"


class Entity(_Model):
    """A canonical entity of the article with all its mentions."""

    id: str
    name: str
    type: str
    country: str | None = None
    roles: list[str] = Field(default_factory=list)
    state_media: bool = False
    wikidata: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class EntityRef(_Model):
    """A pointer to an entity (by canonical id) through one of its mentions."""

    entity_id: str | None = None
    name: str
    mention: Span | None = None


class ChainLink(_Model):
    """One relay between the speaker and the article: ``—according to→ KCNA``."""

    source: EntityRef
    cue: str
    cue_span: Span | None = None
    state_media: bool = False
    inferred: bool = Field(
        default=False,
        description="true when the relay is not written in the attribution's sentence but carried over "
        "from an earlier attribution of the same speaker through the same relay ('Tehran Radio quoted "
        "Mousavi as saying …' … 'Mousavi added …')",
    )


class Attribution(_Model):
    """Who said what, through whom: a quotation, reported speech or unsourced claim."""

    id: str
    kind: AttributionKind
    content: list[Span]
    cue: Span | None = None
    cue_lemma: str | None = None
    speaker: EntityRef | None = None
    addressee: EntityRef | None = None
    medium: str | None = None
    chain: list[ChainLink] = Field(default_factory=list)
    date: str | None = None
    confidence: float = 1.0


class Claim(_Model):
    """A figure asserted in the text: quantity, qualifier, unit, what it counts and who says so."""

    id: str
    span: Span
    quantity: float | None = None
    quantity_text: str
    qualifier: str | None = None
    unit: str | None = None
    about: str | None = None
    attribution_id: str | None = None
    date: str | None = None


class Event(_Model):
    """A PLOVER event with actors and recipients as entity ids and its evidence span."""

    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    trigger: Span
    evidence: Span
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reported_by: str | None = None


class TimeExpression(_Model):
    """A time expression normalised TIMEX3-style against the anchor (publication) date."""

    id: str
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = None
    granularity: Granularity = "unknown"
    anchor: str | None = None


class ErrorRecord(_Model):
    """An input that could not become an article, and why."""

    schema_version: str = SCHEMA_VERSION
    input: str
    stage: str
    reason: str


class Record(_Model):
    """Everything `according` wrote down about one article."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Flatten into one table of plain rows per record type (for SQLite, CSV, Parquet)."""
        aid = self.article.id
        art = self.article.model_dump(exclude={"parts", "text", "metadata_origin"})
        tables: dict[str, list[dict[str, Any]]] = {"articles": [art]}
        for name in ("entities", "attributions", "claims", "events", "times"):
            tables[name] = [
                {"article_id": aid, **_flatten(item.model_dump())} for item in getattr(self, name)
            ]
        return tables


def _flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become prefixed columns; lists stay as lists (JSON in a column)."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, dict):
            flat.update(_flatten(item, f"{name}_"))
        else:
            flat[name] = item
    return flat


def article_id(text: str) -> str:
    """Stable id: a hash of the whitespace- and Unicode-normalised text."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a Record, generated from these types."""
    schema = Record.model_json_schema()
    schema["$id"] = f"https://according.invalid/schema/{SCHEMA_VERSION}/record.json"
    schema["title"] = "according Record"
    return schema
