"""Read-only queries the workbench needs over the archive's tables (see docs/archive.md).

The archive (``according.store.Archive``) owns the schema, ingest and trails; this module only reads, with
one read-only SQLite connection per call and every value passed as a parameter. Search input is cut into
words and each word is quoted for FTS5, so its syntax characters (``"``, ``*``, ``NEAR``, parentheses) are
searched as words, never parsed.
"""

from __future__ import annotations

import calendar
import copy
import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from according.dates import partial_date
from according.records import ErrorRecord, Record, article_id
from according.serve.views import snippet_source, words

KINDS = ("quotes", "claims", "events", "entities", "articles")
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000  # pages and API alike; SQLite's integers end at 2**63
PAGE = 50


class BadFilter(ValueError):
    """A filter value a page cannot use (a date that is no date)."""


@dataclass
class Filters:
    """The filters every list shares (the same as `according query`), plus event fields and paging."""

    q: str = ""
    speaker: str = ""
    entity: str = ""
    country: str = ""
    outlet: str = ""
    state_media: bool = False
    since: str = ""
    until: str = ""
    type: str = ""
    actor: str = ""
    recipient: str = ""
    kind: str = ""
    limit: int = PAGE
    offset: int = 0
    speaker_exact: bool = False  # the speaker page: this id, or this exact name without an id

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> Filters:
        """Filters from query parameters; unknown ones are ignored, bad numbers fall back to defaults, a date
        that is no date raises BadFilter (the page says so rather than showing no rows)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(f.name)
            if raw is None or f.name == "speaker_exact":
                continue
            if f.name in ("limit", "offset"):
                values[f.name] = int(raw) if raw.strip().isdigit() else (PAGE if f.name == "limit" else 0)
            elif f.name == "state_media":
                values[f.name] = raw.lower() in ("1", "true", "on", "yes")
            elif f.name in ("since", "until") and raw.strip():
                try:
                    values[f.name] = partial_date(raw)
                except ValueError as exc:
                    raise BadFilter(f"{f.name}: {exc}") from None
            else:
                values[f.name] = raw.strip()[:500]
        out = cls(**values)
        out.limit = max(1, min(out.limit, MAX_LIMIT))
        out.offset = max(0, min(out.offset, MAX_OFFSET))
        return out

    def active(self) -> dict[str, Any]:
        """The filters that are set (paging excluded)."""
        return {k: v for k, v in asdict(self).items() if v and k not in ("limit", "offset", "speaker_exact")}


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression that finds every word of ``text`` (each word quoted), or None."""
    terms = words(text)
    return " ".join(f'"{t}"' for t in terms[:20]) or None


ENTITY_ID_RE = re.compile(r"[a-z_]+:[\w.-]+")


def like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere (LIKE's own wildcards escaped with a backslash)."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def speaker_match(f: Filters, prefix: str) -> tuple[str, list[Any]]:
    """Speaker by entity id or by name (any part, any case), as `according query` does; the speaker page
    asks for one id, or one exact name among speakers without an id."""
    sid, name = f"{prefix}speaker_entity_id", f"{prefix}speaker_name"
    if ENTITY_ID_RE.fullmatch(f.speaker):  # a canonical id (person:tony-blair): its index, no name scan
        return f"{sid} = ?", [f.speaker]
    if f.speaker_exact:
        return f"({sid} = ? OR ({sid} IS NULL AND {name} = ?))", [f.speaker, f.speaker]
    return f"({sid} = ? OR {name} LIKE ? ESCAPE '\\')", [f.speaker, like(f.speaker)]


def join(f: Filters, child: str) -> str:
    """``articles ar`` joined to a child table. With only article filters (or none) the query is driven
    from the articles' date index (CROSS JOIN keeps that order), so a page of the newest rows needs no sort
    of them all; with a filter on the rows themselves the planner starts from the few rows that match."""
    narrow = (f.q, f.speaker, f.entity, f.country, f.state_media, f.kind, f.type, f.actor, f.recipient)
    return f"articles ar {'JOIN' if any(narrow) else 'CROSS JOIN'} {child} = ar.id"


def until_bound(until: str) -> str:
    """``published <= until`` for a day, a month or a year, as a string comparison."""
    return until + "\uffff"


class Workbench:
    """The archive at ``path``, read for the pages and the API (uploads go through ``Archive.ingest``)."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.memo: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()
        self.local = threading.local()

    # -- connections -------------------------------------------------------------------------------------

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's read-only connection (opened once per thread and kept: opening costs more than
        most of the queries the pages run)."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            if not self.path.is_file():
                raise FileNotFoundError(f"no archive at {self.path}")
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            conn.row_factory = sqlite3.Row
            self.local.conn = conn
        try:
            yield conn
        except sqlite3.Error:
            self.local.conn = None
            conn.close()
            raise

    def select(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self.connect() as conn:
            return [dict(row) for row in conn.execute(sql, params)]

    # -- articles ----------------------------------------------------------------------------------------

    def record(self, article_id: str) -> Record | None:
        """The whole Record of one article."""
        rows = self.select("SELECT text, record FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        data = json.loads(rows[0]["record"])
        data["article"]["text"] = rows[0]["text"]
        return Record.model_validate(data)

    def article_where(self, f: Filters, alias: str = "ar") -> tuple[list[str], list[Any]]:
        """Conditions on the article: outlet, publication dates."""
        where: list[str] = []
        params: list[Any] = []
        if f.outlet:
            where.append(f"{alias}.outlet = ? COLLATE NOCASE")
            params.append(f.outlet)
        if f.since:
            where.append(f"{alias}.published >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"{alias}.published <= ?")
            params.append(until_bound(f.until))
        return where, params

    def articles_sql(self, f: Filters, ids_only: bool = False) -> tuple[str, list[Any]]:
        """Articles matching the filters, newest first (or only their ids, unordered, for counting)."""
        where, params = self.article_where(f)
        match = fts_query(f.q)
        if match:
            where.append("ar.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        if f.speaker:
            clause, values = speaker_match(f, "")
            where.append(f"ar.id IN (SELECT article_id FROM attributions WHERE {clause})")
            params += values
        if f.entity or f.country:
            sub = ["1"]
            if f.entity:
                sub.append("(entity_id = ? OR name LIKE ? ESCAPE '\\')")
                params += [f.entity, like(f.entity)]
            if f.country:
                sub.append("country = ?")
                params.append(f.country.upper())
            where.append(f"ar.id IN (SELECT article_id FROM entities WHERE {' AND '.join(sub)})")
        if f.state_media:
            where.append(
                "(ar.outlet_state_media = 1 OR ar.id IN (SELECT article_id FROM attributions WHERE "
                "state_media = 1))"
            )
        if ids_only:
            return f"SELECT ar.id FROM articles ar WHERE {' AND '.join(where) or '1'}", params
        cols = "ar.id, ar.title, ar.outlet, ar.outlet_state_media, ar.published, ar.source, ar.url"
        sql = (
            f"SELECT {cols} FROM articles ar WHERE {' AND '.join(where) or '1'} "
            "ORDER BY ar.published DESC, ar.seq DESC"
        )
        return sql, params

    # -- attributions, claims, events, entities --------------------------------------------------------

    def quotes_sql(self, f: Filters) -> tuple[str, list[Any]]:
        where, params = self.article_where(f)
        match = fts_query(f.q)
        if match:
            where.append("a.seq IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
            params.append(match)
        if f.speaker:
            clause, values = speaker_match(f, "a.")
            where.append(clause)
            params += values
        if f.entity:
            where.append(
                "(a.speaker_entity_id = ? OR a.speaker_name LIKE ? ESCAPE '\\' OR a.addressee_entity_id = ? "
                "OR a.id IN (SELECT attribution_id FROM chain_links WHERE source_entity_id = ? "
                "OR source_name LIKE ? ESCAPE '\\'))"
            )
            params += [f.entity, like(f.entity), f.entity, f.entity, like(f.entity)]
        if f.country:
            where.append("a.speaker_country = ?")
            params.append(f.country.upper())
        if f.state_media:
            where.append("a.state_media = 1")
        if f.kind:
            where.append("a.kind = ?")
            params.append(f.kind)
        sql = (
            "SELECT a.id, a.article_id, a.kind, a.text, a.cue_lemma, a.cue_text, a.speaker_entity_id, "
            "a.speaker_name, a.speaker_text, a.speaker_country, a.addressee_name, a.medium, a.date, "
            "a.confidence, a.state_media, a.chain, ar.outlet, ar.published, ar.title "
            f"FROM {join(f, 'attributions a ON a.article_id')} WHERE "
            f"{' AND '.join(where) or '1'} "
            "ORDER BY ar.published DESC, ar.seq DESC, a.seq"
        )
        return sql, params

    def claims_sql(self, f: Filters) -> tuple[str, list[Any]]:
        where, params = self.article_where(f)
        for word in words(f.q)[:10]:
            where.append("(c.text LIKE ? OR c.about LIKE ? OR c.unit LIKE ?)")
            params += [f"%{word}%"] * 3
        if f.speaker or f.entity or f.country or f.state_media:
            sub, sub_params = [], []
            if f.speaker:
                clause, values = speaker_match(f, "")
                sub.append(clause)
                sub_params += values
            if f.entity:
                sub.append("speaker_entity_id = ?")
                sub_params.append(f.entity)
            if f.country:
                sub.append("speaker_country = ?")
                sub_params.append(f.country.upper())
            if f.state_media:
                sub.append("state_media = 1")
            where.append(f"c.attribution_id IN (SELECT id FROM attributions WHERE {' AND '.join(sub)})")
            params += sub_params
        sql = (
            "SELECT c.id, c.article_id, c.text, c.quantity, c.quantity_text, c.qualifier, c.unit, c.about, "
            "c.attribution_id, c.date, a.speaker_name, a.speaker_entity_id, a.chain, ar.outlet, "
            "ar.published, "
            f"ar.title FROM {join(f, 'claims c ON c.article_id')} "
            "LEFT JOIN attributions a ON a.id = c.attribution_id "
            f"WHERE {' AND '.join(where) or '1'} ORDER BY ar.published DESC, ar.seq DESC, c.rowid"
        )
        return sql, params

    def events_sql(self, f: Filters) -> tuple[str, list[Any]]:
        where, params = self.article_where(f)
        if f.type:
            where.append("e.type = ?")
            params.append(f.type.upper())
        for role, value in (("actor", f.actor), ("recipient", f.recipient or f.entity)):
            if value:
                where.append(
                    "e.id IN (SELECT event_id FROM event_participants WHERE role = ? AND entity_id = ?)"
                )
                params += [role, value]
        if f.country:
            where.append(
                "e.id IN (SELECT p.event_id FROM event_participants p JOIN entities en "
                "ON en.article_id = p.article_id AND en.entity_id = p.entity_id WHERE en.country = ?)"
            )
            params.append(f.country.upper())
        for word in words(f.q)[:10]:
            where.append("e.evidence_text LIKE ?")
            params.append(f"%{word}%")
        sql = (
            "SELECT e.id, e.article_id, e.type, e.mode, e.cameo, e.trigger_text, e.evidence_text, "
            "e.location, "
            "e.date, e.negated, e.hypothetical, e.historical, e.reported_by, "
            "(SELECT json_group_array(entity_id) FROM event_participants WHERE event_id = e.id AND role = "
            "'actor') "
            "AS actors, "
            "(SELECT json_group_array(entity_id) FROM event_participants WHERE event_id = e.id "
            "AND role = 'recipient') AS recipients, "
            "(SELECT json_group_object(p.entity_id, en.name) "
            "FROM event_participants p "
            "LEFT JOIN entities en ON en.article_id = p.article_id AND en.entity_id = p.entity_id "
            "WHERE p.event_id = e.id) AS names, ar.outlet, ar.published, ar.title "
            f"FROM {join(f, 'events e ON e.article_id')} "
            f"WHERE {' AND '.join(where) or '1'} "
            "ORDER BY ar.published DESC, ar.seq DESC, e.rowid"
        )
        return sql, params

    def entities_sql(self, f: Filters) -> tuple[str, list[Any]]:
        where, params = self.article_where(f)
        if f.country:
            where.append("en.country = ?")
            params.append(f.country.upper())
        if f.entity:
            where.append("en.entity_id = ?")
            params.append(f.entity)
        if f.state_media:
            where.append("en.state_media = 1")
        if f.type:
            where.append("en.type = ?")
            params.append(f.type)
        for word in words(f.q)[:10]:
            where.append("en.name LIKE ?")
            params.append(f"%{word}%")
        # the article join (three times the cost) only when an article filter needs it; otherwise the
        # first and last publication dates are added to the rows of the page afterwards (with_dates)
        joined = any((f.outlet, f.since, f.until))
        sql = (
            "SELECT en.entity_id AS id, max(en.name) AS name, max(en.type) AS type, max(en.country) AS "
            "country, max(en.state_media) AS state_media, max(en.wikidata) AS wikidata, "
            "count(DISTINCT en.article_id) AS articles, sum(en.mentions) AS mentions"
            + (
                ", min(ar.published) AS first_seen, max(ar.published) AS last_seen FROM entities en "
                "JOIN articles ar ON ar.id = en.article_id "
                if joined
                else " FROM entities en "
            )
            + f"WHERE {' AND '.join(where) or '1'} GROUP BY en.entity_id ORDER BY articles DESC, name"
        )
        return sql, params

    def with_dates(self, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Entities rows get their first and last publication dates when the list query left them out."""
        if kind != "entities" or not rows or "first_seen" in rows[0]:
            return rows
        dates = {
            r["id"]: r
            for r in self.select(
                "SELECT en.entity_id AS id, min(ar.published) AS first_seen, max(ar.published) AS last_seen "
                "FROM entities en JOIN articles ar ON ar.id = en.article_id "
                "WHERE en.entity_id IN (SELECT value FROM json_each(?)) GROUP BY en.entity_id",
                [json.dumps([r["id"] for r in rows])],
            )
        }
        for row in rows:
            found = dates.get(row["id"], {})
            row["first_seen"], row["last_seen"] = found.get("first_seen"), found.get("last_seen")
        return rows

    def sql_for(self, kind: str, f: Filters) -> tuple[str, list[Any]]:
        return getattr(self, f"{kind}_sql")(f)

    def rows(self, kind: str, f: Filters) -> dict[str, Any]:
        """One page of rows of a kind with the filters applied."""
        return self.cached(f"rows:{kind}", f, lambda: self._rows(kind, f))

    def _rows(self, kind: str, f: Filters) -> dict[str, Any]:
        sql, params = self.sql_for(kind, f)
        items = [clean(row) for row in self.select(f"{sql} LIMIT ? OFFSET ?", [*params, f.limit, f.offset])]
        items = self.with_dates(kind, items)
        if kind == "articles":
            for item in items:
                item.pop("text", None)
        return {"items": items, "limit": f.limit, "offset": f.offset}

    def count(self, kind: str, f: Filters) -> int:
        sql, params = self.sql_for(kind, f)
        return self.select(f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"]

    def all_rows(
        self, kind: str, f: Filters, chunk: int = 1000, flat: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Every row of a kind with the filters (for downloads), fetched in chunks. Trails come whole, or
        with ``flat`` one row per appearance (for CSV)."""
        if kind in ("speakers", "trails"):
            yield from self.paged(kind, f, min(chunk, 200), flat)
            return
        sql, params = self.sql_for(kind, f)
        offset = 0
        while True:
            batch = self.with_dates(kind, self.select(f"{sql} LIMIT ? OFFSET ?", [*params, chunk, offset]))
            for row in batch:
                row = clean(row)
                if kind == "articles":
                    row.pop("text", None)
                yield row
            if len(batch) < chunk:
                return
            offset += chunk

    def paged(self, kind: str, f: Filters, chunk: int, flat: bool) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            sub = Filters(**{**asdict(f), "limit": chunk, "offset": offset})
            batch = self._speakers(sub)["items"] if kind == "speakers" else self.trails(sub)["items"]
            for item in batch:
                if kind == "trails" and flat:
                    yield from trail_rows(item)
                else:
                    yield item
            if len(batch) < chunk:
                return
            offset += chunk

    # -- search page -------------------------------------------------------------------------------------

    def search_page(self, f: Filters) -> dict[str, Any]:
        """Articles and quotations matching the query and filters, with facet counts over the matches."""
        return self.cached("search_page", f, lambda: self._search_page(f))

    def _search_page(self, f: Filters) -> dict[str, Any]:
        sql, params = self.articles_sql(f)
        articles = self.select(f"{sql} LIMIT ? OFFSET ?", [*params, f.limit, f.offset])
        if articles:  # the snippet comes from the body, not the captions, credits or bylines around it
            ids = [a["id"] for a in articles]
            marks = ",".join("?" * len(ids))
            parts: dict[str, list[tuple[str, str]]] = {}
            for r in self.select(
                f"SELECT article_id, kind, text FROM parts WHERE article_id IN ({marks}) "
                "ORDER BY article_id, position",
                ids,
            ):
                parts.setdefault(r["article_id"], []).append((r["kind"], r["text"] or ""))
            bare = [i for i in ids if not any(kind == "body" for kind, _ in parts.get(i, []))]
            texts: dict[str, str] = {}
            if bare:  # no body parts: the whole text, as before
                marks = ",".join("?" * len(bare))
                texts = {
                    r["id"]: r["text"] or ""
                    for r in self.select(f"SELECT id, text FROM articles WHERE id IN ({marks})", bare)
                }
            for article in articles:
                kind, text = snippet_source(parts.get(article["id"], []), f.q, texts.get(article["id"], ""))
                article["text"], article["snippet_kind"] = text, kind
        id_sql, params = self.articles_sql(f, ids_only=True)
        quotes_sql, quotes_params = self.quotes_sql(f)
        quotes = [clean(r) for r in self.select(f"{quotes_sql} LIMIT 20", quotes_params)]
        if id_sql.endswith("WHERE 1"):  # no filter: facets over the whole archive
            ids, params = "SELECT id FROM articles", []
            total = self.select("SELECT count(*) AS n FROM articles")[0]["n"]
        else:  # the matching ids once, handed to every facet as one JSON parameter (no FTS rerun)
            found = [r["id"] for r in self.select(id_sql, params)]
            ids, params, total = "SELECT value FROM json_each(?)", [json.dumps(found)], len(found)
        facets = {
            "outlet": self.select(
                f"SELECT outlet AS value, count(*) AS n FROM articles WHERE id IN ({ids}) AND outlet IS "
                "NOT NULL "
                "GROUP BY outlet ORDER BY n DESC LIMIT 15",
                params,
            ),
            "speaker": self.select(
                f"SELECT coalesce(speaker_entity_id, speaker_name) AS value, max(speaker_name) AS label, "
                f"count(DISTINCT article_id) AS n FROM attributions WHERE article_id IN ({ids}) "
                "AND speaker_name IS NOT NULL "
                "GROUP BY value ORDER BY n DESC LIMIT 15",
                params,
            ),
            "country": self.select(
                "SELECT country AS value, count(DISTINCT article_id) AS n FROM entities WHERE article_id "
                f"IN ({ids}) "
                "AND country IS NOT NULL GROUP BY country ORDER BY n DESC LIMIT 15",
                params,
            ),
            "state_media": self.select(
                "SELECT 'true' AS value, 'state media' AS label, count(DISTINCT article_id) AS n FROM "
                "attributions "
                f"WHERE article_id IN ({ids}) AND state_media = 1",
                params,
            ),
            "month": self.select(
                f"SELECT substr(published, 1, 7) AS value, count(*) AS n FROM articles WHERE id IN ({ids}) "
                "AND published IS NOT NULL GROUP BY value ORDER BY value DESC LIMIT 24",
                params,
            ),
        }
        facets["state_media"] = [x for x in facets["state_media"] if x["n"]]
        for month in facets["month"]:
            month["since"], month["until"] = month_bounds(month["value"])
        return {"articles": articles, "total": total, "quotes": quotes, "facets": facets}

    # -- cache -------------------------------------------------------------------------------------------

    def stamp(self) -> tuple[int, ...]:
        """Changes whenever the archive does (the file or its write-ahead log)."""
        out: list[int] = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                info = path.stat()
                out += [info.st_mtime_ns, info.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def cached(self, name: str, key: Any, compute: Any) -> Any:
        """The result of ``compute()`` for (name, key), kept while the archive is unchanged (LRU of 512)."""
        full = (name, repr(key), self.stamp())
        with self.lock:
            if full in self.memo:
                self.memo.move_to_end(full)
                return copy.deepcopy(self.memo[full])
        value = compute()
        with self.lock:
            self.memo[full] = copy.deepcopy(value)
            while len(self.memo) > 512:
                self.memo.popitem(last=False)
        return value

    # -- speakers ----------------------------------------------------------------------------------------

    def event_types(self) -> list[dict[str, Any]]:
        """PLOVER types present in the archive, with counts (for the events filter)."""
        sql = "SELECT type AS value, count(*) AS n FROM events GROUP BY type ORDER BY type"
        return self.cached("event_types", None, lambda: self.select(sql))

    def speakers(self, f: Filters) -> dict[str, Any]:
        """Speakers by how much they said, with the articles and relays they came through."""
        return self.cached("speakers", f, lambda: self._speakers(f))

    def _speakers(self, f: Filters) -> dict[str, Any]:
        where, params = self.article_where(f)
        where.append("a.speaker_name IS NOT NULL")
        for word in words(f.q)[:10]:
            where.append("a.speaker_name LIKE ?")
            params.append(f"%{word}%")
        if f.country:
            where.append("a.speaker_country = ?")
            params.append(f.country.upper())
        if f.state_media:
            where.append("a.state_media = 1")
        sql = (
            "SELECT coalesce(a.speaker_entity_id, a.speaker_name) AS id, max(a.speaker_name) AS name, "
            "max(a.speaker_country) AS country, count(*) AS statements, count(DISTINCT a.article_id) AS "
            "articles, "
            "min(ar.published) AS first_seen, max(ar.published) AS last_seen "
            f"FROM attributions a JOIN articles ar ON ar.id = a.article_id WHERE {' AND '.join(where)} "
            "GROUP BY coalesce(a.speaker_entity_id, a.speaker_name) "
            "ORDER BY statements DESC, name LIMIT ? OFFSET ?"
        )
        items = self.select(sql, [*params, f.limit, f.offset])
        return {"items": items, "limit": f.limit, "offset": f.offset}

    def speaker(self, key: str, f: Filters) -> dict[str, Any] | None:
        """Everything one speaker said (by canonical id, or by name when it has none), its relays and a
        count per month. A name that belongs to a canonical entity stands for that entity."""
        return self.cached("speaker", (key, f), lambda: self._speaker(key, f))

    def _speaker(self, key: str, f: Filters) -> dict[str, Any] | None:
        if ":" not in key:
            named = self.select(
                "SELECT speaker_entity_id AS id FROM attributions WHERE speaker_name = ? "
                "AND speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 1",
                (key,),
            ) or self.select("SELECT entity_id AS id FROM entities WHERE name = ? LIMIT 1", (key,))
            unnamed = self.select(
                "SELECT 1 FROM attributions WHERE speaker_entity_id IS NULL AND speaker_name = ? LIMIT 1",
                (key,),
            )
            if named and not unnamed:
                key = named[0]["id"]
        found = self.select(
            "SELECT speaker_entity_id, max(speaker_name) AS name, max(speaker_country) AS country, "
            "count(*) AS n "
            "FROM attributions WHERE speaker_entity_id = ? OR (speaker_entity_id IS NULL AND speaker_name "
            "= ?) "
            "GROUP BY speaker_entity_id",
            (key, key),
        )
        entity = self.select(
            "SELECT entity_id, max(name) AS name, max(type) AS type, max(country) AS country, "
            "max(state_media) AS state_media, max(wikidata) AS wikidata, max(roles) AS roles FROM entities "
            "WHERE entity_id = ? GROUP BY entity_id",
            (key,),
        )
        if not found and not entity:
            return None
        name = (found[0]["name"] if found else None) or entity[0]["name"]
        sub = Filters(**{**asdict(f), "speaker": key, "entity": "", "q": f.q, "speaker_exact": True})
        quotes = self.rows("quotes", sub)
        relays = self.select(
            "SELECT cl.source_name AS name, cl.source_entity_id AS entity_id, max(cl.state_media) AS "
            "state_media, "
            "count(*) AS n FROM chain_links cl JOIN attributions a ON a.id = cl.attribution_id "
            "WHERE a.speaker_entity_id = ? OR (a.speaker_entity_id IS NULL AND a.speaker_name = ?) "
            "GROUP BY cl.source_name ORDER BY n DESC LIMIT 20",
            (key, key),
        )
        timeline = self.select(
            "SELECT substr(ar.published, 1, 7) AS period, count(*) AS n FROM attributions a "
            "JOIN articles ar ON ar.id = a.article_id WHERE (a.speaker_entity_id = ? OR "
            "(a.speaker_entity_id IS NULL AND a.speaker_name = ?)) AND ar.published IS NOT NULL "
            "GROUP BY period ORDER BY period",
            (key, key),
        )
        mentioned = self.select(
            "SELECT count(DISTINCT article_id) AS n FROM entities WHERE entity_id = ?", (key,)
        )
        return {
            "id": key,
            "name": name,
            "entity": entity[0] if entity else None,
            "statements": found[0]["n"] if found else 0,
            "articles_mentioning": mentioned[0]["n"],
            "quotes": quotes,
            "relays": relays,
            "timeline": fill_months([(r["period"], r["n"]) for r in timeline]),
        }

    # -- trails (computed by the archive) ----------------------------------------------------------------

    def archive(self, readonly: bool = True) -> Any:
        from according.store import Archive

        return Archive(self.path, readonly=readonly)

    def trails(self, f: Filters) -> dict[str, Any]:
        with closing(self.archive()) as archive:
            items = archive.trails(kind=f.kind or None, limit=f.limit, offset=f.offset)
        return {"items": [jsonable(t) for t in items], "limit": f.limit, "offset": f.offset}

    def trail(self, trail_id: str) -> dict[str, Any] | None:
        if not str(trail_id).isdigit() or int(trail_id) >= 2**63:  # SQLite's integers stop there
            return None
        with closing(self.archive()) as archive:
            trail = archive.trail(int(trail_id))
        return jsonable(trail) if trail else None

    # -- uploads -----------------------------------------------------------------------------------------

    def ingest_upload(
        self, text: str, *, name: str, data: bytes | None, outlet: str | None, published: str | None
    ) -> str | ErrorRecord:
        """One pasted or uploaded article through the CLI's reader and the archive's ingest; its id."""
        import tempfile

        from according.ingest.batch import iter_inputs

        suffix = (
            Path(name).suffix.lower()
            if Path(name).suffix.lower() in (".txt", ".html", ".htm", ".pdf")
            else ".txt"
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            if data is not None:
                path.write_bytes(data)
            else:
                path.write_text(text, "utf-8")
            outcome: dict[str, Any] = {}

            def extract(item: Any, published: str | None, outlet: str | None) -> Record | ErrorRecord:
                from according.store.sqlite import extract_one

                item.source = f"upload:{name}"  # not the temporary path
                return extract_one(item, published, outlet)

            def seen(status: str, result: Record | ErrorRecord | None) -> None:
                outcome["status"], outcome["result"] = status, result

            with closing(self.archive(readonly=False)) as archive:
                archive.ingest(
                    [str(path)], published=published, outlet=outlet, extract=extract, on_result=seen
                )
                result = outcome.get("result")
                if isinstance(result, Record):
                    return result.article.id
                if isinstance(result, ErrorRecord):
                    return result
                if outcome.get("status") == "skipped":  # already in the archive: open the stored article
                    items = [i for i in iter_inputs([str(path)]) if not isinstance(i, ErrorRecord)]
                    if items:
                        return article_id(items[0].text)
            return ErrorRecord(input=name, stage="read", reason="no article in the upload")


@contextmanager
def closing(obj: Any) -> Iterator[Any]:
    try:
        yield obj
    finally:
        close = getattr(obj, "close", None)
        if close:
            close()


def trail_rows(trail: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per appearance of a trail, with the kinds of change it shows against the first."""
    changes: dict[str, list[str]] = {}
    for change in trail.get("changes") or []:
        changes.setdefault(str(change.get("article_id")), []).append(str(change.get("type")))
    for position, app in enumerate(trail.get("appearances") or []):
        yield {
            "trail_id": trail.get("id"),
            "kind": trail.get("kind"),
            "position": position,
            "article_id": app.get("article_id"),
            "item_id": app.get("item_id"),
            "outlet": app.get("outlet"),
            "published": app.get("published"),
            "speaker": app.get("speaker"),
            "chain": app.get("chain"),
            "appearance_kind": app.get("kind"),
            "text": app.get("text"),
            "changes": sorted(set(changes.get(str(app.get("article_id")), []))) if position else [],
        }


def clean(row: dict[str, Any]) -> dict[str, Any]:
    """JSON columns decoded (chain, actors, recipients, roles, content, names)."""
    for key in ("chain", "actors", "recipients", "roles", "content", "names"):
        value = row.get(key)
        if isinstance(value, str) and value[:1] in "[{":
            try:
                row[key] = json.loads(value)
            except ValueError:
                pass
    return row


def jsonable(value: Any) -> Any:
    """A trail from the archive as plain JSON data (dataclasses and pydantic models included)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of ``YYYY-MM`` (what a date input can show); anything else as it is."""
    try:
        year, number = int(month[:4]), int(month[5:7])
        last = calendar.monthrange(year, number)[1]
    except ValueError:
        return month, month
    return f"{month[:7]}-01", f"{month[:7]}-{last:02d}"


def fill_months(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Monthly counts with the empty months between first and last filled in with zero."""
    valid = [(p, n) for p, n in counts if len(p) == 7 and p[:4].isdigit() and p[5:].isdigit()]
    if not valid:
        return counts
    by = dict(valid)
    year, month = int(valid[0][0][:4]), int(valid[0][0][5:])
    end = (int(valid[-1][0][:4]), int(valid[-1][0][5:]))
    out: list[tuple[str, int]] = []
    while (year, month) <= end and len(out) < 600:
        key = f"{year:04d}-{month:02d}"
        out.append((key, by.get(key, 0)))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
