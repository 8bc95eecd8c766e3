"""Quotation spans: pairs of opening and closing quote marks, including quotes running over paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'
DOUBLED_RE = re.compile(r"``|''")  # typewriter quotes of wire and NYT text: ''A,'' he said / ``A,''
OPENERS = ("“", '"', "«", "''", "``")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them (cleaned-text offsets)."""

    start: int
    end: int
    inner_start: int
    inner_end: int


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans of the cleaned text (separated by blank lines)."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        yield match.start(), match.end()


def curly_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, int | None]]:
    """(open, close) positions of curly/guillemet pairs in one paragraph; close None when unclosed."""
    i = start
    while i < end:
        char = text[i]
        if char in OPEN_CLOSE or is_turned_opener(text, i, start):
            close = text.find(OPEN_CLOSE.get(char, "”"), i + 1, end)
            yield i, (close if close >= 0 else None)
            if close < 0:
                return
            i = close + 1
            continue
        i += 1


def is_turned_opener(text: str, i: int, start: int) -> bool:
    """A closing mark that opens a line of text (”Fear. I am truly afraid …”): it closes nothing, so it is
    an opening mark typed the wrong way round."""
    at_line_start = i == start or text[i - 1] == "\n"
    return text[i] == "”" and at_line_start and i + 1 < len(text) and text[i + 1].isalnum()


def straight_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, int | None]]:
    """Pairs of straight double quotes in one paragraph; an odd last one is unclosed."""
    marks = [m.start() for m in re.finditer('"', text[start:end])]
    for k in range(0, len(marks), 2):
        close = marks[k + 1] + start if k + 1 < len(marks) else None
        yield marks[k] + start, close


def doubled_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, int | None]]:
    """Pairs of two-character quote marks ('' or ``) in one paragraph; an odd last one is unclosed."""
    marks = [m.start() for m in DOUBLED_RE.finditer(text, start, end)]
    for k in range(0, len(marks), 2):
        yield marks[k], (marks[k + 1] if k + 1 < len(marks) else None)


def paragraph_pairs(text: str, start: int, end: int) -> tuple[list[tuple[int, int | None]], int]:
    """The quote pairs of one paragraph and the width of its marks: curly quotes first, then straight,
    then doubled apostrophes (a paragraph uses one style)."""
    pairs = list(curly_quotes(text, start, end))
    if pairs:
        return pairs, 1
    if STRAIGHT in text[start:end]:
        return list(straight_quotes(text, start, end)), 1
    return list(doubled_quotes(text, start, end)), 2


def find_quotes(text: str) -> list[Quote]:
    """All quotations; an unclosed quote whose next paragraph opens a quote runs to its paragraph's end."""
    spans = list(paragraphs(text))
    quotes: list[Quote] = []
    for idx, (p_start, p_end) in enumerate(spans):
        pairs, width = paragraph_pairs(text, p_start, p_end)
        for open_at, close_at in pairs:
            if close_at is None:
                nxt = spans[idx + 1][0] if idx + 1 < len(spans) else None
                if nxt is None or not text.startswith(OPENERS, nxt):
                    continue
                quotes.append(Quote(open_at, p_end, open_at + width, p_end))
                continue
            quotes.append(Quote(open_at, close_at + width, open_at + width, close_at))
    return quotes


def quote_marks_in(text: str) -> int:
    """How many quotation marks (not apostrophes) a piece of text holds."""
    return sum(text.count(c) for c in '“”"«»„') + len(DOUBLED_RE.findall(text))
