"""An article with its records drawn on it: in colour for a terminal, with bracketed marks as plain text.

The same spans as the web page: what was said in the speaker's colour, the cue underlined, the speaker's
mention bold, figures and dates marked. Plain text writes ``[[n: what was said]]`` for attribution n,
``*speaker*``, ``_cue_``, ``{figure}`` and ``<date|VALUE>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from according.records import Record
from according.render import speaker_colours, speaker_key

LEGEND = "marks: [[n: what was said]] · *speaker* · _cue_ · {figure} · <date|value>"


@dataclass(frozen=True)
class Mark:
    """One span to draw: plain-text brackets and a Rich style."""

    start: int
    end: int
    opening: str
    closing: str
    style: str


def record_marks(record: Record) -> list[Mark]:
    """Every span of the record worth drawing, in no particular order."""
    colours = speaker_colours(record)
    marks: list[Mark] = []
    for index, attr in enumerate(record.attributions, start=1):
        colour = colours[speaker_key(attr)]
        for piece in attr.content:
            marks.append(Mark(piece.start, piece.end, f"[[{index}: ", "]]", colour))
        if attr.cue:
            marks.append(Mark(attr.cue.start, attr.cue.end, "_", "_", "underline"))
        if attr.speaker and attr.speaker.mention:
            mention = attr.speaker.mention
            marks.append(Mark(mention.start, mention.end, "*", "*", f"bold {colour}"))
    for claim in record.claims:
        marks.append(Mark(claim.span.start, claim.span.end, "{", "}", "reverse"))
    for time in record.times:
        value = f"|{time.value}" if time.value else ""
        marks.append(Mark(time.span.start, time.span.end, "<", f"{value}>", "italic"))
    return [m for m in marks if 0 <= m.start < m.end]


def unique_marks(marks: list[Mark]) -> list[Mark]:
    """One mark per (span, brackets): a speaker named by several attributions is starred once."""
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for mark in marks:
        key = (mark.start, mark.end, mark.opening[:1])
        if key not in seen:
            seen.add(key)
            kept.append(mark)
    return kept


def plain_marked(record: Record) -> str:
    """The article text with bracketed marks inserted; outer spans open first and close last."""
    text = record.article.text
    inserts: list[tuple[int, int, int, str]] = []  # (position, order, tie-break, string)
    for mark in unique_marks(record_marks(record)):
        length = mark.end - mark.start
        inserts.append((mark.start, 1, -length, mark.opening))
        inserts.append((mark.end, 0, length, mark.closing))
    inserts.sort(key=lambda item: (item[0], item[1], item[2]))
    out: list[str] = []
    pos = 0
    for position, _order, _tie, string in inserts:
        out.append(text[pos:position])
        out.append(string)
        pos = position
    out.append(text[pos:])
    return "".join(out)


def coloured_text(record: Record) -> Text:
    """The article text as Rich Text with each record's style laid over its span."""
    text = Text(record.article.text)
    marks = unique_marks(record_marks(record))
    for mark in sorted(marks, key=lambda m: m.start - m.end):  # longest first, so inner styles win
        text.stylize(mark.style, mark.start, mark.end)
    return text
