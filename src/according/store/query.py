"""Queries over the archive: quotes, claims, events and entities with filters, and full-text search.

Every filter is a bound parameter; search text is cut into words and each word quoted for FTS5, so
quotes, ``*``, ``NEAR`` or unbalanced parentheses are searched as plain words, never parsed as syntax.
"""

from __future__ import annotations

import json
import re
from typing import Any

from according.dates import real_date

FILTERS = ("speaker", "entity", "country", "outlet", "state_media", "since", "until", "search")
KINDS = ("quotes", "claims", "events", "entities", "trails")


MAX_ROWS = 2**62


def bounded(value: Any) -> int:
    """A limit or offset as an int SQLite can hold (0 … 2**62); negative counts as 0 (search takes it so)."""
    return max(0, min(int(value), MAX_ROWS))


class QueryError(ValueError):
    """A query the archive cannot answer (unknown kind, a filter that does not apply, a date that is none)."""


def checked_dates(filters: dict[str, Any]) -> None:
    """``since`` and ``until`` as ``YYYY-MM-DD`` in place; QueryError when one is not a real date."""
    for name in ("since", "until"):
        if filters.get(name):
            try:
                filters[name] = real_date(filters[name])
            except ValueError as exc:
                raise QueryError(f"{name}: {exc}") from None


def fts_query(text: str) -> str | None:
    """Words of ``text`` as an FTS5 query of quoted terms (all must match); None when it has no words."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words) if words else None


def like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere (LIKE's own wildcards escaped with ``\\``)."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Where:
    """WHERE clauses and their parameters, built up one filter at a time."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        """Add one clause with its parameters."""
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        """``WHERE a AND b`` or nothing."""
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def article_filters(where: Where, filters: dict[str, Any]) -> None:
    """The outlet and date filters, on ``ar`` (articles)."""
    if filters.get("outlet"):
        where.add("ar.outlet = ? COLLATE NOCASE", filters["outlet"])
    if filters.get("since"):
        where.add("substr(ar.published, 1, 10) >= ?", filters["since"])
    if filters.get("until"):
        where.add("substr(ar.published, 1, 10) <= ?", filters["until"])


def speaker_filter(where: Where, value: str | None) -> None:
    """Speaker by entity id or by name (any part, any case), on ``a`` (attributions)."""
    if value:
        where.add("(a.speaker_entity_id = ? OR a.speaker_name LIKE ? ESCAPE '\\')", value, like(value))


ENTITY_MATCH = "(e.entity_id = ? OR e.name LIKE ? ESCAPE '\\')"


def article_search(where: Where, text: str | None) -> bool:
    """Restrict to articles whose title or text hold the words; False when the text has no words."""
    if text is None:
        return True
    query = fts_query(text)
    if query is None:
        return False
    where.add("ar.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", query)
    return True


def quotes(archive: Any, f: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """SQL for attributions with speaker, cue, kind, text, chain and article metadata."""
    where = Where()
    article_filters(where, f)
    speaker_filter(where, f.get("speaker"))
    if f.get("entity"):
        where.add(
            "(a.speaker_entity_id = ? OR a.speaker_name LIKE ? ESCAPE '\\' "
            "OR EXISTS (SELECT 1 FROM chain_links c "
            "WHERE c.attribution_id = a.id AND (c.source_entity_id = ? OR c.source_name LIKE ? ESCAPE '\\')) "
            "OR EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.article_id = m.article_id AND "
            "e.entity_id = m.entity_id WHERE m.article_id = a.article_id AND " + ENTITY_MATCH + " AND "
            "m.start >= json_extract(a.content, '$[0][0]') "
            "AND m.end <= json_extract(a.content, '$[#-1][1]')))",
            f["entity"], like(f["entity"]), f["entity"], like(f["entity"]), f["entity"], like(f["entity"]),
        )  # fmt: skip
    if f.get("country"):
        where.add(
            "(a.speaker_country = ? OR EXISTS (SELECT 1 FROM chain_links c JOIN entities e ON "
            "e.article_id = c.article_id AND e.entity_id = c.source_entity_id WHERE c.attribution_id = a.id "
            "AND e.country = ?))",
            f["country"].upper(), f["country"].upper(),
        )  # fmt: skip
    if f.get("state_media"):
        where.add("(a.state_media = 1 OR ar.outlet_state_media = 1)")
    if f.get("search") is not None:
        query = fts_query(f["search"])
        if query is None:
            return None
        where.add("a.seq IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)", query)
    sql = (
        "SELECT a.id, a.article_id, ar.published, ar.outlet, a.speaker_name AS speaker, "
        "a.speaker_entity_id AS speaker_id, a.cue_lemma AS cue, a.kind, a.text, a.chain, a.medium, "
        "a.state_media FROM attributions a JOIN articles ar ON ar.id = a.article_id "
        f"{where.sql()} ORDER BY ar.published IS NULL, ar.published, ar.seq, a.position LIMIT ? OFFSET ?"
    )
    return sql, where.params


def claims(archive: Any, f: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """SQL for claims with figure, unit, what they count, speaker and article metadata."""
    where = Where()
    article_filters(where, f)
    speaker_filter(where, f.get("speaker"))
    if f.get("entity"):
        where.add(
            "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = c.article_id AND " + ENTITY_MATCH + ")",
            f["entity"], like(f["entity"]),
        )  # fmt: skip
    if f.get("country"):
        where.add("a.speaker_country = ?", f["country"].upper())
    if f.get("state_media"):
        where.add("(a.state_media = 1 OR ar.outlet_state_media = 1)")
    if not article_search(where, f.get("search")):
        return None
    sql = (
        "SELECT c.id, c.article_id, ar.published, ar.outlet, trim(coalesce(c.qualifier || ' ', '') || "
        "c.quantity_text) AS figure, c.quantity, c.unit, c.about, a.speaker_name AS speaker, c.text "
        "FROM claims c JOIN articles ar ON ar.id = c.article_id "
        "LEFT JOIN attributions a ON a.id = c.attribution_id "
        f"{where.sql()} ORDER BY ar.published IS NULL, ar.published, ar.seq, c.start LIMIT ? OFFSET ?"
    )
    return sql, where.params


def events(archive: Any, f: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """SQL for events with type, mode, actors, recipients, evidence and article metadata."""
    where = Where()
    article_filters(where, f)
    speaker_filter(where, f.get("speaker"))
    participant = (
        "EXISTS (SELECT 1 FROM event_participants p LEFT JOIN entities e ON e.article_id = p.article_id AND "
        "e.entity_id = p.entity_id WHERE p.event_id = v.id AND "
    )
    if f.get("entity"):
        where.add(
            participant + "(p.entity_id = ? OR e.name LIKE ? ESCAPE '\\'))", f["entity"], like(f["entity"])
        )
    if f.get("country"):
        code = f["country"].upper()
        where.add(participant + "(e.country = ? OR p.entity_id = ?))", code, f"country:{code}")
    if f.get("state_media"):
        where.add("(a.state_media = 1 OR ar.outlet_state_media = 1)")
    if not article_search(where, f.get("search")):
        return None
    sql = (
        "SELECT v.id, v.article_id, ar.published, ar.outlet, v.type, v.mode, v.cameo, "
        "(SELECT json_group_array(entity_id) FROM event_participants "
        "WHERE event_id = v.id AND role = 'actor') "
        "AS actors, (SELECT json_group_array(entity_id) FROM event_participants WHERE event_id = v.id AND "
        "role = 'recipient') AS recipients, v.evidence_text AS evidence, v.date, v.location, "
        "a.speaker_name AS reported_by FROM events v JOIN articles ar ON ar.id = v.article_id "
        f"LEFT JOIN attributions a ON a.id = v.reported_by {where.sql()} "
        "ORDER BY ar.published IS NULL, ar.published, ar.seq, v.evidence_start LIMIT ? OFFSET ?"
    )
    return sql, where.params


def entities(archive: Any, f: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """SQL for entities across articles: how many articles and mentions each has."""
    if f.get("speaker"):
        raise QueryError("--speaker does not apply to entities (use --entity)")
    where = Where()
    article_filters(where, f)
    if f.get("entity"):
        where.add(ENTITY_MATCH, f["entity"], like(f["entity"]))
    if f.get("country"):
        where.add("e.country = ?", f["country"].upper())
    if f.get("state_media"):
        where.add("e.state_media = 1")
    if not article_search(where, f.get("search")):
        return None
    sql = (
        "SELECT e.entity_id, max(e.name) AS name, max(e.type) AS type, max(e.country) AS country, "
        "max(e.state_media) AS state_media, COUNT(DISTINCT e.article_id) AS articles, "
        "sum(e.mentions) AS mentions "
        f"FROM entities e JOIN articles ar ON ar.id = e.article_id {where.sql()} GROUP BY e.entity_id "
        "ORDER BY articles DESC, mentions DESC, e.entity_id LIMIT ? OFFSET ?"
    )
    return sql, where.params


BUILDERS = {"quotes": quotes, "claims": claims, "events": events, "entities": entities}
JSON_COLUMNS = {"chain", "actors", "recipients"}


def run_query(archive: Any, kind: str, **filters: Any) -> list[dict[str, Any]]:
    """Rows of one kind matching the filters (``limit`` default 50, ``offset`` 0)."""
    limit, offset = filters.pop("limit", 50), filters.pop("offset", 0)
    if (limit is not None and int(limit) < 1) or (offset is not None and int(offset) < 0):
        raise QueryError(f"limit must be at least 1 and offset at least 0 (got {limit}, {offset})")
    limit, offset = bounded(limit or 50), bounded(offset or 0)
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    checked_dates(filters)
    if kind == "trails":
        if any(filters.get(k) for k in FILTERS):
            raise QueryError("trails take no filters (only --limit)")
        return archive.trails(limit=limit, offset=offset)
    if kind not in BUILDERS:
        raise QueryError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    built = BUILDERS[kind](archive, filters)
    if built is None:
        return []
    sql, params = built
    cursor = archive.conn.execute(sql, [*params, limit, offset])
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        for key in JSON_COLUMNS & row.keys():
            row[key] = json.loads(row[key]) if row[key] else []
        rows.append(row)
    return rows


def search(archive: Any, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles whose title or text hold every word of ``text``, best first, with a ``[marked]`` snippet."""
    query = fts_query(text)
    if query is None:
        return []
    cursor = archive.conn.execute(
        "SELECT ar.id AS article_id, ar.title, ar.outlet, ar.published, "
        "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet FROM articles_fts "
        "JOIN articles ar ON ar.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
        "ORDER BY rank LIMIT ? OFFSET ?",
        [query, bounded(limit), bounded(offset)],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
