"""Small formatting helpers shared by the pages and the API: chains written out, snippets, dates."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from according.names import participant_name as participant_name
from according.records import Attribution


def chain_line(attr: Attribution, who: str | None = None) -> str:
    """``Vladimir Putin —said→ letter —according to→ KCNA (state media)``: speaker, cue and medium, then
    every relay in order (``…`` stands for the medium when a relay follows and none is known)."""
    name = who or (attr.speaker.name if attr.speaker else "unknown speaker")
    cue = " ".join(attr.cue.text.split()) if attr.cue else ("said" if attr.kind != "unattributed" else "")
    pieces = [name]
    if cue:
        pieces.append(f"—{cue}→ {attr.medium or ('…' if attr.chain else '')}".rstrip())
    for link in attr.chain:
        pieces.append(f"—{link.cue}→ {link.source.name}" + (" (state media)" if link.state_media else ""))
    return " ".join(pieces)


def chain_from_row(speaker: str | None, cue: str | None, medium: str | None, chain: list[Any]) -> str:
    """The same line from a stored row (chain as a list of dicts or of names)."""
    pieces = [speaker or "unknown speaker"]
    if cue or medium or chain:
        pieces.append(f"—{cue or 'said'}→ {medium or ('…' if chain else '')}".rstrip())
    for link in chain or []:
        if isinstance(link, dict):
            name = (
                link.get("name") or link.get("source_name") or (link.get("source") or {}).get("name") or "?"
            )
            state = " (state media)" if link.get("state_media") else ""
            pieces.append(f"—{link.get('cue') or 'via'}→ {name}{state}")
        else:
            pieces.append(f"—via→ {link}")
    return " ".join(pieces)


def time_value(value: str | None) -> Markup:
    """A TimeML value as words with the value itself beside it, dim ("Fridays XXXX-WXX-5"): the words
    for reading, the value for matching what exports and the API hold. Calendar dates stay as they are."""
    from according.dates import PARTIAL
    from according.extract.time.words import timex_words

    if not value:
        return Markup("")
    said = timex_words(value)
    if said == value or PARTIAL.fullmatch(value):  # a calendar date reads as it is
        return Markup('<span class="timex">{}</span>').format(value)
    return Markup('<span class="timex">{} <span class="dim">{}</span></span>').format(said, value)


def shorten(text: str | None, limit: int = 220) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def words(query: str) -> list[str]:
    """The words of a search query, FTS syntax characters dropped (they are searched as words)."""
    return [w for w in re.findall(r"\w+", query or "") if w]


def query_pattern(query: str) -> re.Pattern[str] | None:
    """A pattern finding every query word (as a word start, any case), or None when the query has none."""
    terms = words(query)
    if not terms:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)


# Where a search result's snippet may come from, in order: the body first, then the parts kept apart from it.
# The headline is left out: it is the result's title already.
SNIPPET_KINDS = ("body", "caption", "credit", "dateline", "byline", "related", "other")


def snippet_source(parts: list[tuple[str, str]], query: str, text: str = "") -> tuple[str, str]:
    """The (kind, text) a search result's snippet is cut from, given the article's (kind, text) parts.

    The body paragraphs when a query word is among them, or when no other part holds one (a match in the
    headline alone, or a stemmed match the snippet's word pattern cannot see); else the first caption,
    credit, dateline, byline or related line that holds one, with its kind so the page can label it. An
    article without body parts gives its whole ``text`` with kind ``""``."""
    body = "\n\n".join(t for kind, t in parts if kind == "body")
    pattern = query_pattern(query)
    if pattern is not None and not (body and pattern.search(body)):
        for wanted in SNIPPET_KINDS[1:]:
            for kind, t in parts:
                if kind == wanted and pattern.search(t):
                    return kind, t
    return ("body", body) if body else ("", text)


def highlight(text: str | None, query: str, width: int = 240) -> Markup:
    """An escaped snippet of ``text`` around the first query word, every query word wrapped in <mark>."""
    flat = " ".join((text or "").split())
    pattern = query_pattern(query)
    if pattern is None:
        return Markup(escape(shorten(flat, width)))
    found = pattern.search(flat)
    if found:
        left = max(0, found.start() - width // 3)
        if left:  # start at a word
            space = flat.find(" ", left, found.start())
            left = space + 1 if space >= 0 else left
        snippet = flat[left : left + width]
        prefix, suffix = ("…" if left else ""), ("…" if left + width < len(flat) else "")
    else:
        snippet, prefix, suffix = flat[:width], "", "…" if len(flat) > width else ""
    out: list[str] = [str(escape(prefix))]
    last = 0
    for hit in pattern.finditer(snippet):
        out.append(str(escape(snippet[last : hit.start()])))
        out.append(f"<mark>{escape(hit.group(0))}</mark>")
        last = hit.end()
    out.append(str(escape(snippet[last:])))
    out.append(str(escape(suffix)))
    return Markup("".join(out))
