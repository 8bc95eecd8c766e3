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
    # attribute docstrings become field descriptions in the JSON Schema (`according schema`)
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Span(_Model):
    """A stretch of the original input text: ``text == article.text[start:end]``."""

    start: int
    """Offset of the first character in ``Article.text``."""
    end: int
    """Offset just past the last character in ``Article.text``."""
    text: str = ""
    """The characters themselves: ``article.text[start:end]``."""


class Part(Span):
    """A labelled region of the article: headline, body paragraph, caption, credit, related link…"""

    kind: PartKind
    """What the region is: headline, body paragraph, caption, photo credit, related-article line…"""


class Article(_Model):
    """The article as read: original text, metadata with its origin, and where its parts lie."""

    id: str
    """Stable id: a hash of the whitespace- and Unicode-normalised text (same text, same id)."""
    source: str | None = None
    """Where the text came from: a file path, ``file:LINE`` for a row of a container, or ``<stdin>``."""
    source_id: str | None = None
    """The input row's own id (the ``id`` field of a JSONL / JSON / CSV row), to join records back to the
    corpus they came from."""
    url: str | None = None
    """The article's web address, when the input gave one."""
    outlet: str | None = None
    """The publication that printed the article."""
    outlet_state_media: bool = False
    """True when the outlet is run by a government or ruling party (from the outlet registry)."""
    title: str | None = None
    """The headline."""
    byline: str | None = None
    """The author line."""
    published: str | None = None
    """Publication date, ISO 8601 (``2025-08-15``); relative dates in the text are resolved against it."""
    published_origin: DateOrigin = "none"
    """Where ``published`` came from: given on the command line, the document's metadata, inferred, none."""
    metadata_origin: dict[str, DateOrigin] = Field(default_factory=dict)
    """For each metadata field (title, outlet, url…), where its value came from."""
    language: str = "en"
    """ISO 639-1 code of the text's language, detected from the text unless the input gave it."""
    text: str
    """The original input text; every span of the record is an offset into it."""
    parts: list[Part] = Field(default_factory=list)
    """Headline, body paragraphs, captions, credits and related lines, as labelled spans."""
    extractor_version: str = ""
    """Version of `according` that wrote this record."""
    warnings: list[str] = Field(default_factory=list)
    """What reading had to repair: ``decode: 2 bytes not valid UTF-8 replaced``…"""

    @property
    def paragraphs(self) -> list[Part]:
        """Body paragraphs only."""
        return [p for p in self.parts if p.kind == "body"]


class Mention(Span):
    """One place where an entity is named or referred to."""

    kind: MentionKind = "name"
    """How the entity is referred to: name, alias, pronoun, title, metonym, demonym or nominal."""


class Entity(_Model):
    """A canonical entity of the article with all its mentions."""

    id: str
    """Canonical id, the same across articles: ``country:PRK``, ``person:vladimir-putin``, ``org:kcna``."""
    name: str
    """Canonical name."""
    type: str
    """PERSON, ORG, GPE, NORP, LOC, MEDIA…"""
    country: str | None = None
    """ISO 3166 alpha-3 code of the entity's country."""
    roles: list[str] = Field(default_factory=list)
    """Roles held at the article's date (head of state, state news agency…)."""
    state_media: bool = False
    """True for an outlet run by a government or ruling party, from the registry or the text's words."""
    wikidata: str | None = None
    """Wikidata QID, where known."""
    mentions: list[Mention] = Field(default_factory=list)
    """Every place the article names or refers to the entity."""


class EntityRef(_Model):
    """A pointer to an entity (by canonical id) through one of its mentions."""

    entity_id: str | None = None
    """Canonical id of the entity (see ``Entity.id``), when the reference was resolved to one."""
    name: str
    """Canonical name, or the words of the mention when unresolved."""
    mention: Span | None = None
    """The words of the article that refer to it here."""
    state_media: bool = False
    """True when the entity is state media, so one field answers "did this come through state media?"."""


class ChainLink(_Model):
    """One relay between the speaker and the article: ``—according to→ KCNA``."""

    source: EntityRef
    """Who relayed the statement (an outlet, agency or person)."""
    cue: str
    """The relaying words: ``according to``, ``reported``, ``quoted``…"""
    cue_span: Span | None = None
    """Where those words are."""
    state_media: bool = False
    """True when this relay is state media."""
    inferred: bool = False
    """True when the relay is not written in the attribution's sentence but carried over from an earlier
    attribution of the same speaker through the same relay ('Tehran Radio quoted Mousavi as saying …' …
    'Mousavi added …')."""


class Attribution(_Model):
    """Who said what, through whom: a quotation, reported speech or unsourced claim."""

    id: str
    """``<article id>-a<N>``, numbered in reading order."""
    kind: AttributionKind
    """direct (quoted), indirect (reported), mixed (partly quoted) or unattributed (no speaker named)."""
    content: list[Span]
    """What was said; several spans when a cue interrupts it."""
    cue: Span | None = None
    """The words that mark the speech act (said, told, according to…); None when the paragraph continues an
    earlier quotation."""
    cue_lemma: str | None = None
    """The cue's dictionary form (``say``, ``tell``, ``according to``)."""
    speaker: EntityRef | None = None
    """Who said it."""
    addressee: EntityRef | None = None
    """To whom it was said (``told reporters``)."""
    medium: str | None = None
    """How it was said: letter, statement, interview, phone call, social post…"""
    chain: list[ChainLink] = Field(default_factory=list)
    """The relays between the speaker and the article, from the speaker outwards."""
    date: str | None = None
    """When it was said, ISO 8601, when the text says."""
    confidence: float = 1.0
    """How sure the engine is, from 0 to 1."""


class Claim(_Model):
    """A figure asserted in the text: quantity, qualifier, unit, what it counts and who says so."""

    id: str
    """``<article id>-c<N>``."""
    span: Span
    """The figure with its qualifier and unit."""
    quantity: float | None = None
    """The number, when it is one (``600``, ``0.15`` for 15%)."""
    quantity_text: str
    """The number as written."""
    qualifier: str | None = None
    """more than, around, up to, at least, vague…"""
    unit: str | None = None
    """percent, euros, people…"""
    about: str | None = None
    """What is counted (``troops``, ``passengers``)."""
    attribution_id: str | None = None
    """The attribution whose content holds the figure, i.e. who gave it; None for the article's own voice."""
    date: str | None = None
    """When the figure holds, when the text says."""


class Event(_Model):
    """A PLOVER event with actors and recipients as entity ids and its evidence span."""

    id: str
    """``<article id>-e<N>``."""
    type: str
    """PLOVER 2.0 event type (AGREE, ASSAULT, CONSULT, DEMAND…)."""
    mode: str | None = None
    """PLOVER mode refining the type (``visit``, ``threaten``…)."""
    cameo: str | None = None
    """CAMEO code through the CAMEO→PLOVER crosswalk."""
    trigger: Span
    """The words that name the event."""
    evidence: Span
    """The sentence that states it."""
    actors: list[str] = Field(default_factory=list)
    """Entity ids of who acts."""
    recipients: list[str] = Field(default_factory=list)
    """Entity ids of who is acted upon."""
    location: str | None = None
    """Where it happened."""
    date: str | None = None
    """When it happened, ISO 8601."""
    negated: bool = False
    """True when the text says it did not happen."""
    hypothetical: bool = False
    """True for a threat, plan, promise or condition rather than a fact."""
    historical: bool = False
    """True when it happened well before the article's date."""
    reported_by: str | None = None
    """The attribution that reports it, or None for the article's own voice."""


class TimeExpression(_Model):
    """A time expression normalised TIMEX3-style against the anchor (publication) date."""

    id: str
    """``<article id>-t<N>``."""
    span: Span
    """The words of the expression."""
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    """TIMEX3 type."""
    value: str | None = None
    """TIMEX3 value: ``2025-08-13``, ``2025-04``, ``P3Y``, ``XXXX-WXX-2``, ``T14:00``."""
    granularity: Granularity = "unknown"
    """The unit the value is precise to."""
    anchor: str | None = None
    """The date relative expressions were resolved against (the publication date)."""
    quant: str | None = None
    """TimeML's quantifier of a SET: ``EVERY`` ("every Tuesday"), ``EACH`` ("each year"); else None."""
    freq: str | None = None
    """TimeML's frequency of a SET: ``2X`` for "twice a week" (value ``P1W``); else None."""


class ErrorRecord(_Model):
    """An input that could not become an article, and why."""

    schema_version: str = SCHEMA_VERSION
    """Version of this record format."""
    input: str
    """The input that failed: a path, ``file:LINE`` or ``<stdin>``."""
    stage: str
    """Where it failed: read, decode, parse, html, pdf, extract, timeout…"""
    reason: str
    """Why, in words."""


class Record(_Model):
    """Everything `according` wrote down about one article."""

    schema_version: str = SCHEMA_VERSION
    """Version of this record format."""
    article: Article
    """The article as read."""
    entities: list[Entity] = Field(default_factory=list)
    """People, organisations, places and outlets it mentions."""
    attributions: list[Attribution] = Field(default_factory=list)
    """Who said what, through whom."""
    claims: list[Claim] = Field(default_factory=list)
    """Figures it asserts, and who gave them."""
    events: list[Event] = Field(default_factory=list)
    """PLOVER events it reports."""
    times: list[TimeExpression] = Field(default_factory=list)
    """Time expressions, normalised."""
    skipped: str | None = None
    """Why no extraction ran on this article (a language other than English), or None when it ran."""

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
