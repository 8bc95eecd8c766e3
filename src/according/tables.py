"""Flat tables of a Record with fixed, documented columns: one row per record, readable by people and tools.

``Record.rows()`` keeps every nested field (prefixed columns, lists as JSON); these tables are what CSV
output shows a person: the speaker's name and the chain of relays written out (``KCNA (state media) <
letter``), the same columns whether a value is there or not, so a file never changes shape between rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from according.records import Attribution, ChainLink, Claim, Entity, EntityRef, Event, Record, TimeExpression

TABLES = ("attributions", "claims", "events", "entities", "times", "articles")

COLUMNS: dict[str, tuple[str, ...]] = {
    "attributions": (
        "article_id", "id", "kind", "speaker_name", "speaker_entity_id", "speaker_mention",
        "speaker_state_media", "cue_lemma", "cue_text", "content", "content_start", "content_end",
        "addressee_name", "medium", "chain", "chain_state_media", "date", "confidence",
    ),
    "claims": (
        "article_id", "id", "text", "start", "end", "quantity", "quantity_text", "qualifier", "unit",
        "about", "attribution_id", "speaker_name", "date",
    ),
    "events": (
        "article_id", "id", "type", "mode", "cameo", "trigger", "evidence", "evidence_start",
        "evidence_end", "actors", "recipients", "location", "date", "negated", "hypothetical",
        "historical", "reported_by",
    ),
    "entities": (
        "article_id", "id", "name", "type", "country", "roles", "state_media", "wikidata", "mentions",
        "first_mention",
    ),
    "times": (
        "article_id", "id", "text", "start", "end", "type", "value", "granularity", "anchor", "quant", "freq",
    ),
    "articles": (
        "id", "source", "source_id", "url", "outlet", "outlet_state_media", "title", "byline", "published",
        "published_origin", "language", "skipped", "attributions", "claims", "events", "entities",
        "times", "extractor_version",
    ),
}  # fmt: skip

LIST_SEPARATOR = "; "


def link_label(link: ChainLink) -> str:
    """A relay's name, marked when it is state media: ``KCNA (state media)``."""
    return f"{link.source.name} (state media)" if link.state_media else link.source.name


def chain_link_label(link: ChainLink) -> str:
    """A relay as the chain column writes it, marked when carried over from an earlier sentence."""
    return link_label(link) + (" (inferred)" if link.inferred else "")


def chain_label(attr: Attribution) -> str:
    """The relays from the article's side inwards, then the medium: ``KCNA (state media) < letter``."""
    parts = [chain_link_label(link) for link in reversed(attr.chain)]
    if attr.medium:
        parts.append(attr.medium)
    return " < ".join(parts)


def ref_name(ref: EntityRef | None) -> str | None:
    """The canonical name behind a reference, or None."""
    return ref.name if ref else None


def attribution_row(record: Record, attr: Attribution) -> dict[str, Any]:
    """One attribution with its speaker and chain written out."""
    speaker = attr.speaker
    return {
        "article_id": record.article.id,
        "id": attr.id,
        "kind": attr.kind,
        "speaker_name": ref_name(speaker),
        "speaker_entity_id": speaker.entity_id if speaker else None,
        "speaker_mention": speaker.mention.text if speaker and speaker.mention else None,
        "speaker_state_media": bool(speaker and speaker.state_media),
        "cue_lemma": attr.cue_lemma,
        "cue_text": attr.cue.text if attr.cue else None,
        "content": " … ".join(piece.text for piece in attr.content),
        "content_start": attr.content[0].start if attr.content else None,
        "content_end": attr.content[-1].end if attr.content else None,
        "addressee_name": ref_name(attr.addressee),
        "medium": attr.medium,
        "chain": chain_label(attr),
        "chain_state_media": any(link.state_media for link in attr.chain),
        "date": attr.date,
        "confidence": attr.confidence,
    }


def claim_row(record: Record, claim: Claim) -> dict[str, Any]:
    """One figure with the name of whoever gave it."""
    attr = next((a for a in record.attributions if a.id == claim.attribution_id), None)
    return {
        "article_id": record.article.id,
        "id": claim.id,
        "text": claim.span.text,
        "start": claim.span.start,
        "end": claim.span.end,
        "quantity": claim.quantity,
        "quantity_text": claim.quantity_text,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "about": claim.about,
        "attribution_id": claim.attribution_id,
        "speaker_name": ref_name(attr.speaker) if attr else None,
        "date": claim.date,
    }


def event_row(record: Record, event: Event) -> dict[str, Any]:
    """One PLOVER event with its actors and recipients joined into one cell each."""
    return {
        "article_id": record.article.id,
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "trigger": event.trigger.text,
        "evidence": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "actors": LIST_SEPARATOR.join(event.actors),
        "recipients": LIST_SEPARATOR.join(event.recipients),
        "location": event.location,
        "date": event.date,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "historical": event.historical,
        "reported_by": event.reported_by,
    }


def entity_row(record: Record, entity: Entity) -> dict[str, Any]:
    """One canonical entity with its mention count and first mention's offset."""
    return {
        "article_id": record.article.id,
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "roles": LIST_SEPARATOR.join(entity.roles),
        "state_media": entity.state_media,
        "wikidata": entity.wikidata,
        "mentions": len(entity.mentions),
        "first_mention": min((m.start for m in entity.mentions), default=None),
    }


def time_row(record: Record, time: TimeExpression) -> dict[str, Any]:
    """One time expression with its normalised value."""
    return {
        "article_id": record.article.id,
        "id": time.id,
        "text": time.span.text,
        "start": time.span.start,
        "end": time.span.end,
        "type": time.type,
        "value": time.value,
        "granularity": time.granularity,
        "anchor": time.anchor,
        "quant": time.quant,
        "freq": time.freq,
    }


def article_row(record: Record) -> dict[str, Any]:
    """The article's metadata and how many records of each type it has."""
    art = record.article
    return {
        "id": art.id,
        "source": art.source,
        "source_id": art.source_id,
        "url": art.url,
        "outlet": art.outlet,
        "outlet_state_media": art.outlet_state_media,
        "title": art.title,
        "byline": art.byline,
        "published": art.published,
        "published_origin": art.published_origin,
        "language": art.language,
        "skipped": record.skipped,
        **{name: len(getattr(record, name)) for name in ROW_MAKERS},
        "extractor_version": art.extractor_version,
    }


ROW_MAKERS: dict[str, tuple[str, Callable[[Record, Any], dict[str, Any]]]] = {
    "attributions": ("attributions", attribution_row),
    "claims": ("claims", claim_row),
    "events": ("events", event_row),
    "entities": ("entities", entity_row),
    "times": ("times", time_row),
}


def table_rows(record: Record, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table for one record, each with exactly ``COLUMNS[table]`` as keys."""
    if table == "articles":
        yield article_row(record)
        return
    field, make = ROW_MAKERS[table]
    for item in getattr(record, field):
        yield make(record, item)
