"""A Record as rows of the archive's tables (see schema.py), and back to the whole Record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from according.records import Attribution, EntityRef, ErrorRecord, Record, Span

Rows = dict[str, list[dict[str, Any]]]


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    """``prefix_start``, ``prefix_end``, ``prefix_text`` of a span (all None without one)."""
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
        f"{prefix}_text": span.text if span else None,
    }


def ref_name(ref: EntityRef | None) -> str | None:
    """The name an entity reference carries."""
    return ref.name if ref else None


def attribution_row(att: Attribution, aid: str, position: int, countries: dict[str, str | None]) -> dict:
    """One attribution as a row: content joined, speaker flattened, state media of speaker or any relay."""
    speaker = att.speaker
    mention = speaker.mention if speaker else None
    sm_speaker = bool(speaker and speaker.entity_id and countries.get(f"sm:{speaker.entity_id}"))
    return {
        "id": att.id,
        "article_id": aid,
        "position": position,
        "kind": att.kind,
        "text": " … ".join(" ".join(s.text.split()) for s in att.content),
        "content": json.dumps([[s.start, s.end] for s in att.content]),
        **span_cols("cue", att.cue),
        "cue_lemma": att.cue_lemma,
        "speaker_entity_id": speaker.entity_id if speaker else None,
        "speaker_name": ref_name(speaker),
        "speaker_start": mention.start if mention else None,
        "speaker_end": mention.end if mention else None,
        "speaker_text": mention.text if mention else None,
        "speaker_country": countries.get(speaker.entity_id) if speaker and speaker.entity_id else None,
        "addressee_entity_id": att.addressee.entity_id if att.addressee else None,
        "addressee_name": ref_name(att.addressee),
        "medium": att.medium,
        "date": att.date,
        "confidence": att.confidence,
        "state_media": int(sm_speaker or any(link.state_media for link in att.chain)),
        "chain": json.dumps([link.source.name for link in att.chain], ensure_ascii=False),
    }


def record_rows(record: Record) -> Rows:
    """Every table's rows for one article (trail tables excepted)."""
    art = record.article
    aid = art.id
    countries: dict[str, str | None] = {e.id: e.country for e in record.entities}
    countries.update({f"sm:{e.id}": "1" for e in record.entities if e.state_media})
    stored = record.model_dump(mode="json")
    stored["article"].pop("text")
    rows: Rows = {
        "articles": [
            {
                "id": aid,
                "source": art.source,
                "source_id": art.source_id,
                "url": art.url,
                "outlet": art.outlet,
                "outlet_state_media": int(art.outlet_state_media),
                "title": art.title,
                "byline": art.byline,
                "published": art.published,
                "published_origin": art.published_origin,
                "language": art.language,
                "extractor_version": art.extractor_version,
                "schema_version": record.schema_version,
                "ingested_at": now(),
                "text": art.text,
                "record": json.dumps(stored, ensure_ascii=False),
            }
        ],
        "parts": [
            {"article_id": aid, "position": i, "kind": p.kind, "start": p.start, "end": p.end, "text": p.text}
            for i, p in enumerate(art.parts)
        ],
        "entities": [
            {
                "article_id": aid,
                "entity_id": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "roles": json.dumps(e.roles, ensure_ascii=False),
                "state_media": int(e.state_media),
                "wikidata": e.wikidata,
                "mentions": len(e.mentions),
            }
            for e in record.entities
        ],
        "mentions": [
            {
                "article_id": aid,
                "entity_id": e.id,
                "position": i,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for e in record.entities
            for i, m in enumerate(e.mentions)
        ],
        "attributions": [attribution_row(a, aid, i, countries) for i, a in enumerate(record.attributions)],
        "chain_links": [
            {
                "attribution_id": a.id,
                "article_id": aid,
                "position": i,
                "source_entity_id": link.source.entity_id,
                "source_name": link.source.name,
                "cue": link.cue,
                "cue_start": link.cue_span.start if link.cue_span else None,
                "cue_end": link.cue_span.end if link.cue_span else None,
                "state_media": int(link.state_media),
            }
            for a in record.attributions
            for i, link in enumerate(a.chain)
        ],
        "claims": [
            {
                "id": c.id,
                "article_id": aid,
                "start": c.span.start,
                "end": c.span.end,
                "text": c.span.text,
                "quantity": c.quantity,
                "quantity_text": c.quantity_text,
                "qualifier": c.qualifier,
                "unit": c.unit,
                "about": c.about,
                "attribution_id": c.attribution_id,
                "date": c.date,
            }
            for c in record.claims
        ],
        "events": [
            {
                "id": ev.id,
                "article_id": aid,
                "type": ev.type,
                "mode": ev.mode,
                "cameo": ev.cameo,
                **span_cols("trigger", ev.trigger),
                **span_cols("evidence", ev.evidence),
                "location": ev.location,
                "date": ev.date,
                "negated": int(ev.negated),
                "hypothetical": int(ev.hypothetical),
                "historical": int(ev.historical),
                "reported_by": ev.reported_by,
            }
            for ev in record.events
        ],
        "event_participants": [
            {"event_id": ev.id, "article_id": aid, "role": role, "position": i, "entity_id": ent}
            for ev in record.events
            for role, ids in (("actor", ev.actors), ("recipient", ev.recipients))
            for i, ent in enumerate(ids)
        ],
        "times": [
            {
                "id": t.id,
                "article_id": aid,
                "start": t.span.start,
                "end": t.span.end,
                "text": t.span.text,
                "type": t.type,
                "value": t.value,
                "granularity": t.granularity,
                "anchor": t.anchor,
                "quant": t.quant,
                "freq": t.freq,
            }
            for t in record.times
        ],
    }
    return rows


def error_row(error: ErrorRecord) -> dict[str, Any]:
    """A failed input as a row of ``errors``."""
    return {"input": error.input, "stage": error.stage, "reason": error.reason, "ingested_at": now()}


def row_record(text: str, stored: str) -> Record:
    """The whole Record back from an article's text and its stored JSON."""
    data = json.loads(stored)
    data["article"]["text"] = text
    return Record.model_validate(data)
