"""Trails: the same quotation or claim seen in several articles, found as each article is stored.

Quotations are matched by their content words (lower-cased, stop words, pronouns and auxiliaries dropped,
plural ``s`` cut, figures kept): a MinHash of those words is cut into LSH bands stored in ``quote_bands``,
so a new quotation looks up only the quotations that share a band (an index lookup, never all pairs),
and a candidate joins when the exact Jaccard of the two word sets is at least ``QUOTE_JACCARD``. Indirect
speech ("they had been patient") keeps the content words of the direct quote ("We have been patient").
Claims are matched by what they count — the same unit, a quantity within ``CLAIM_TOLERANCE``, the content
words of ``about`` overlapping and the sentences around them sharing words — through the (unit, quantity)
index of ``claims``; figures written in words ("five nominations") are too common to trail.

Matching happens inside the article's write transaction, so trails grow with every article and no
rebuild is ever needed; the changes along a trail are worked out when it is read.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from functools import cache
from typing import Any

from datasketch import MinHash
from sqlite_utils import Database

from according.records import Claim, Record
from according.store.rows import now

NUM_PERM = 64
SCHEME = "affine32"  # the stored band keys depend on it: pinned, and datasketch pinned below 3
BAND_ROWS = 3  # 21 bands of 3 rows: a pair with Jaccard 0.6 shares a band with probability 0.994
QUOTE_JACCARD = 0.6
MIN_QUOTE_WORDS = 5
CLAIM_TOLERANCE = 0.05
CLAIM_JACCARD = 0.5
CLAIM_CONTEXT_JACCARD = 0.35
CONTEXT = 200  # characters either side of a claim searched for its sentence
MIN_ABOUT_WORDS = 2
STOP = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about than then that
    this these those there here it its it's is are was were be been being am has have had having do does
    did done will would shall should can could may might must not no nor so too very just also only
    i me my mine we us our ours you your yours he him his she her hers they them their theirs one ones
    who whom whose which what when where why how all any some such each other more most own same s t
    said says say told tell added adding according would've we've we're they're i'm don't didn't won't
    cannot can't isn't aren't wasn't weren't hasn't haven't hadn't""".split()
)
WORD_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*(?:'[a-z]+)?")
FIGURE_RE = re.compile(
    r"(?:\b(?:more than|less than|fewer than|over|under|about|around|nearly|almost|up to|at least|"
    r"some|roughly|approximately|close to)\s+)?[$€£]?\d[\d,.]*\d?(?:\s*(?:%|per ?cent|million|billion|"
    r"bn|m|thousand))?",
    re.IGNORECASE,
)


# --- matching ----------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower-case NFKC text with typographic quotes made plain."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("’", "'").replace("‘", "'")


def content_words(text: str) -> list[str]:
    """The words that carry a statement's content: no stop words, plural/verb ``s`` cut, figures kept."""
    words = []
    for word in WORD_RE.findall(normalise(text)):
        if word in STOP:
            continue
        word = word.replace(",", "")
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


@cache
def permutations() -> Any:
    """The MinHash permutations, made once per process (every MinHash must share them)."""
    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME).permutations


def band_hashes(words: set[str]) -> list[int]:
    """The LSH band keys of a word set: one signed 64-bit hash per band of the MinHash signature."""
    mh = MinHash(num_perm=NUM_PERM, permutations=permutations(), scheme=SCHEME)
    mh.update_batch([w.encode("utf-8") for w in sorted(words)])
    values = mh.hashvalues
    keys = []
    for band in range(NUM_PERM // BAND_ROWS):  # 21 bands; the 64th value is unused
        chunk = values[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def quote_words(kind: str, text: str) -> set[str] | None:
    """The word set a quotation is matched by, or None when it is too short or unattributed to trail."""
    if kind == "unattributed":
        return None
    words = set(content_words(text))
    return words if len(words) >= MIN_QUOTE_WORDS else None


def index_record(db: Database, record: Record) -> None:
    """Match the article's quotations and claims against the archive and grow the trails (in its txn)."""
    aid = record.article.id
    for att in record.attributions:
        index_quote(db, att.id, att.kind, " ".join(s.text for s in att.content), aid)
    for claim in record.claims:
        matched = matching_claims(db, claim, record.article.text, aid)
        if matched:
            join_trail(db, "claim", claim.id, aid, matched)


def index_quote(db: Database, item: str, kind: str, text: str, aid: str) -> None:
    """Join one quotation to the quotations of other articles it matches, then store its band keys."""
    words = quote_words(kind, text)
    if words is None:
        return
    bands = band_hashes(words)
    marks = ",".join("?" * len(bands))
    found = db.execute(
        f"SELECT DISTINCT b.item_id, a.text FROM quote_bands b JOIN attributions a ON a.id = b.item_id "
        f"WHERE b.band IN ({marks}) AND b.article_id != ?",
        [*bands, aid],
    ).fetchall()
    matched = [
        other_id for other_id, other in found if jaccard(words, set(content_words(other))) >= QUOTE_JACCARD
    ]
    if matched:
        join_trail(db, "quote", item, aid, matched)
    db.conn.executemany(
        "INSERT INTO quote_bands (band, item_id, article_id) VALUES (?, ?, ?)",
        [(b, item, aid) for b in bands],
    )


def context_words(text: str, start: int, end: int) -> set[str]:
    """The content words of the sentence holding a span of ``text``."""
    low = max(0, start - CONTEXT)
    return set(content_words(sentence_around(text[low : end + CONTEXT], start - low)))


def matching_claims(db: Database, claim: Claim, text: str, aid: str) -> list[str]:
    """Claims of other articles counting the same thing: same unit, close quantity, same ``about`` words
    and a sentence that shares words; figures written as words ("five nominations") are not trailed."""
    about = set(content_words(claim.about or ""))
    if claim.quantity is None or len(about) < MIN_ABOUT_WORDS:
        return []
    if not any(ch.isdigit() for ch in claim.quantity_text):
        return []
    low, high = sorted((claim.quantity * (1 - CLAIM_TOLERANCE), claim.quantity * (1 + CLAIM_TOLERANCE)))
    rows = db.execute(
        "SELECT id, about FROM claims WHERE unit IS ? AND quantity BETWEEN ? AND ? AND article_id != ? "
        "AND quantity_text GLOB '*[0-9]*'",
        [claim.unit, low, high, aid],
    ).fetchall()
    same = [cid for cid, other in rows if jaccard(about, set(content_words(other or ""))) >= CLAIM_JACCARD]
    if not same:
        return []
    context = context_words(text, claim.span.start, claim.span.end)
    return [cid for cid in same if jaccard(context, stored_context(db, cid)) >= CLAIM_CONTEXT_JACCARD]


def stored_context(db: Database, claim_id: str) -> set[str]:
    """The content words of the sentence around a stored claim."""
    window, at = db.execute(
        f"SELECT substr(ar.text, max(1, c.start - {CONTEXT - 1}), c.end - c.start + {2 * CONTEXT}), "
        f"c.start - max(0, c.start - {CONTEXT}) FROM claims c JOIN articles ar ON ar.id = c.article_id "
        "WHERE c.id = ?",
        [claim_id],
    ).fetchone()
    return set(content_words(sentence_around(window, at)))


def join_trail(db: Database, kind: str, item: str, aid: str, matched: list[str]) -> int:
    """Put ``item`` and the items it matched in one trail, merging the trails they were in."""
    marks = ",".join("?" * len(matched))
    trail_ids = [
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT trail_id FROM trail_members WHERE item_id IN ({marks}) ORDER BY trail_id",
            matched,
        )
    ]
    if trail_ids:
        tid = trail_ids[0]
        for other in trail_ids[1:]:
            db.execute("UPDATE trail_members SET trail_id = ? WHERE trail_id = ?", [tid, other])
            db.execute("DELETE FROM trails WHERE id = ?", [other])
    else:
        tid = db["trails"].insert({"kind": kind, "created_at": now()}).last_pk  # type: ignore[union-attr]
    table = "attributions" if kind == "quote" else "claims"
    rows = db.execute(f"SELECT id, article_id FROM {table} WHERE id IN ({marks})", matched).fetchall()
    members = [
        {"item_id": i, "trail_id": tid, "kind": kind, "article_id": a} for i, a in [*rows, (item, aid)]
    ]
    db["trail_members"].insert_all(members, ignore=True)  # type: ignore[union-attr]
    return int(tid)


def rebuild(db: Database, records: Any) -> None:
    """Forget every trail and match every stored record again, in ingestion order (after a rule change)."""
    for table in ("trail_members", "trails", "quote_bands"):
        db.execute(f"DELETE FROM {table}")
    for record in records:
        index_record(db, record)


def drop_members(db: Database, aid: str) -> None:
    """Take one article's items out of their trails (before it is deleted); empty trails go."""
    tids = [
        r[0] for r in db.execute("SELECT DISTINCT trail_id FROM trail_members WHERE article_id = ?", [aid])
    ]
    db.execute("DELETE FROM trail_members WHERE article_id = ?", [aid])
    for tid in tids:
        left = db.execute("SELECT COUNT(*) FROM trail_members WHERE trail_id = ?", [tid]).fetchone()[0]
        if left < 2:
            db.execute("DELETE FROM trail_members WHERE trail_id = ?", [tid])
            db.execute("DELETE FROM trails WHERE id = ?", [tid])


# --- reading -----------------------------------------------------------------------------------------

QUOTE_SQL = """
SELECT a.id, a.article_id, ar.outlet, ar.published, ar.seq, ar.title, a.speaker_name, a.chain, a.kind, a.text
FROM trail_members m JOIN attributions a ON a.id = m.item_id JOIN articles ar ON ar.id = a.article_id
WHERE m.trail_id = ?
"""
CLAIM_SQL = """
SELECT c.id, c.article_id, ar.outlet, ar.published, ar.seq, ar.title, a.speaker_name, a.chain, a.kind,
       substr(ar.text, max(1, c.start - 199), c.end - max(0, c.start - 200) + 200), c.qualifier,
       c.quantity_text, c.start - max(0, c.start - 200)
FROM trail_members m JOIN claims c ON c.id = m.item_id JOIN articles ar ON ar.id = c.article_id
LEFT JOIN attributions a ON a.id = c.attribution_id
WHERE m.trail_id = ?
"""


def sentence_around(window: str, at: int) -> str:
    """The sentence of ``window`` that holds character ``at`` (whitespace collapsed)."""
    starts = [m.end() for m in re.finditer(r"[.!?][”\"']?\s+|\n\s*\n", window[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?][”\"']?(?=\s|$)|\n\s*\n", window[at:])
    end = at + end_match.end() if end_match else len(window)
    return " ".join(window[start:end].split())


def appearance(row: tuple) -> dict[str, Any]:
    """One appearance of a trail from a QUOTE_SQL or CLAIM_SQL row."""
    item, aid, outlet, published, seq, title, speaker, chain, kind, text = row[:10]
    found = {
        "article_id": aid,
        "item_id": item,
        "outlet": outlet,
        "published": published,
        "title": title,
        "speaker": speaker,
        "chain": json.loads(chain) if chain else [],
        "kind": kind,
        "text": text,
        "_seq": seq,
    }
    if len(row) > 10:
        qualifier, quantity_text, at = row[10:]
        found["text"] = sentence_around(text, at)
        found["figure"] = " ".join(x for x in (qualifier, quantity_text) if x)
    return found


def get_trail(archive: Any, trail_id: int) -> dict[str, Any] | None:
    """A trail: id, kind, first appearance, every appearance in order and the changes from the first."""
    if not -(2**63) <= trail_id < 2**63:  # past SQLite's integers: no such trail
        return None
    row = archive.conn.execute("SELECT id, kind FROM trails WHERE id = ?", [trail_id]).fetchone()
    if row is None:
        return None
    tid, kind = row
    sql = QUOTE_SQL if kind == "quote" else CLAIM_SQL
    apps = [appearance(r) for r in archive.conn.execute(sql, [tid])]
    apps.sort(key=lambda a: (a["published"] is None, a["published"] or "", a["_seq"], a["item_id"]))
    for app in apps:
        app.pop("_seq")
    first = apps[0] if apps else None
    changes = [change for app in apps[1:] for change in compare(first, app, kind)] if first else []
    return {"id": tid, "kind": kind, "first": first, "appearances": apps, "changes": changes}


def list_trails(archive: Any, kind: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Trails seen in two or more articles, those in most articles first."""
    from according.store.query import bounded

    where = "WHERE t.kind = ?" if kind else ""
    rows = archive.conn.execute(
        "SELECT t.id, COUNT(DISTINCT m.article_id) AS n FROM trails t "
        f"JOIN trail_members m ON m.trail_id = t.id "
        f"{where} GROUP BY t.id HAVING n >= 2 ORDER BY n DESC, t.id LIMIT ? OFFSET ?",
        [*([kind] if kind else []), bounded(limit), bounded(offset)],
    ).fetchall()
    return [trail for tid, _ in rows if (trail := get_trail(archive, tid))]


# --- changes -----------------------------------------------------------------------------------------


def figures(text: str) -> list[str]:
    """The figures of a text with their qualifiers ("more than 600", "15%"), in order."""
    return [
        " ".join(m.group(0).split()) for m in FIGURE_RE.finditer(text) if any(c.isdigit() for c in m.group(0))
    ]


def word_key(word: str) -> str:
    """A word as compared in a diff: lower case, punctuation dropped."""
    return "".join(ch for ch in normalise(word) if ch.isalnum())


def word_diff(old: str, new: str) -> str:
    """The words that differ (case and punctuation ignored), as ``old → new``, ``+ added``, ``- removed``."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        None, [word_key(w) for w in a], [word_key(w) for w in b], autojunk=False
    )
    chunks = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            chunks.append(f"{' '.join(a[i1:i2])} → {' '.join(b[j1:j2])}")
        elif op == "delete":
            chunks.append(f"- {' '.join(a[i1:i2])}")
        elif op == "insert":
            chunks.append(f"+ {' '.join(b[j1:j2])}")
    return "; ".join(chunks)


def without_figures(text: str) -> str:
    """The text with each figure (and its qualifier) replaced by ``#``."""
    return FIGURE_RE.sub(lambda m: "#" if any(c.isdigit() for c in m.group(0)) else m.group(0), text)


def plain(name: str | None) -> str:
    """A name compared loosely: lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", (name or "").lower()))


def compare(first: dict[str, Any], app: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """How one appearance differs from the first: wording, figure, speaker, relay, direct → indirect."""
    base = {"article_id": app["article_id"], "outlet": app["outlet"], "published": app["published"]}
    changes: list[dict[str, Any]] = []
    old_fig = [first["figure"]] if kind == "claim" else figures(first["text"])
    new_fig = [app["figure"]] if kind == "claim" else figures(app["text"])
    if old_fig != new_fig:
        changes.append({**base, "type": "figure", "from": ", ".join(old_fig), "to": ", ".join(new_fig)})
    if kind == "quote" and word_diff(without_figures(first["text"]), without_figures(app["text"])):
        diff = word_diff(first["text"], app["text"])
        changes.append({**base, "type": "wording", "from": first["text"], "to": app["text"], "diff": diff})
    if plain(first["speaker"]) != plain(app["speaker"]):
        changes.append({**base, "type": "speaker", "from": first["speaker"], "to": app["speaker"]})
    if [plain(n) for n in first["chain"]] != [plain(n) for n in app["chain"]]:
        changes.append(
            {**base, "type": "relay", "from": " → ".join(first["chain"]), "to": " → ".join(app["chain"])}
        )
    if kind == "quote" and first["kind"] in ("direct", "mixed") and app["kind"] == "indirect":
        changes.append({**base, "type": "indirect", "from": first["kind"], "to": app["kind"]})
    return changes
