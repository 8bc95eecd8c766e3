"""Every record drawn on its article: spans become flat, escaped HTML segments.

Spans nest and overlap freely (a speaker mention inside a quotation, a figure inside a claim inside a
quotation, two quotations sharing a sentence). HTML cannot express overlapping elements, so the text of a
part is cut at every span boundary; each piece becomes one ``<span>`` carrying the classes and record ids of
every span that covers it. Nothing from the article reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from according import render
from according.records import Attribution, Part, Record
from according.serve.palette import speaker_colours


@dataclass(frozen=True)
class Mark:
    """One stretch of text to draw: CSS classes, the record it belongs to, and its size (for nesting)."""

    start: int
    end: int
    classes: tuple[str, ...]
    record_id: str

    @property
    def size(self) -> int:
        return self.end - self.start


def speaker_key(attr: Attribution) -> str:
    """The key a speaker's colour hangs on (the terminal view's): canonical id, else name; '' for none."""
    key = render.speaker_key(attr)
    return "" if key == render.NO_SPEAKER else key


def record_marks(record: Record) -> list[Mark]:
    """Marks for attributions (content, cue, speaker, relays), claims and time expressions."""
    colours = speaker_colours(speaker_key(a) for a in record.attributions)
    marks: list[Mark] = []
    for attr in record.attributions:
        key = speaker_key(attr)
        shade = f"sp{colours[key]}" if key else "sp-none"
        for piece in attr.content:
            marks.append(Mark(piece.start, piece.end, ("q", shade, f"k-{attr.kind}"), attr.id))
        if attr.cue:
            marks.append(Mark(attr.cue.start, attr.cue.end, ("cue",), attr.id))
        if attr.speaker and attr.speaker.mention:
            mention = attr.speaker.mention
            marks.append(Mark(mention.start, mention.end, ("who", f"who{shade[2:]}"), attr.id))
        for link in attr.chain:
            if link.source.mention:
                span = link.source.mention
                marks.append(
                    Mark(span.start, span.end, ("relay",) + (("sm",) if link.state_media else ()), attr.id)
                )
            if link.cue_span:
                marks.append(Mark(link.cue_span.start, link.cue_span.end, ("rcue",), attr.id))
    for claim in record.claims:
        marks.append(Mark(claim.span.start, claim.span.end, ("claim",), claim.id))
    for time in record.times:
        marks.append(Mark(time.span.start, time.span.end, ("time",), time.id))
    return [m for m in marks if m.end > m.start]


def draw(
    text: str, start: int, end: int, marks: list[Mark], anchors: dict[int, list[str]] | None = None
) -> Markup:
    """The escaped HTML of ``text[start:end]`` with every mark that touches it drawn as classes.

    ``anchors`` maps a character offset to the element ids that start there (the first piece of each
    quotation, figure and event trigger, so the side list and the list pages can link to it): the first id
    goes on the piece, the others on empty elements just before it."""
    anchors = anchors or {}
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted(
        {start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)}
        | {at for at in anchors if start <= at < end}
    )
    out: list[str] = []
    # marks sorted by start; a small active list is enough for article-sized inputs
    pending = sorted(inside, key=lambda m: m.start)
    active: list[Mark] = []
    index = 0
    for left, right in zip(cuts, cuts[1:], strict=False):
        while index < len(pending) and pending[index].start <= left:
            active.append(pending[index])
            index += 1
        active = [m for m in active if m.end > left]
        piece = escape(text[left:right])
        covering = [m for m in active if m.start <= left and m.end >= right]
        names = anchors.get(left, [])
        anchor = names[0] if names else None
        out.extend(f'<span id="{escape(name)}"></span>' for name in names[1:])
        if not covering:
            out.append(f'<span id="{escape(anchor)}">{piece}</span>' if anchor else str(piece))
            continue
        out.append(segment(covering, piece, anchor))
    return Markup("".join(out))


def segment(covering: list[Mark], piece: Markup, anchor: str | None) -> str:
    """One piece of text under several marks: the innermost quotation gives the shade, and every mark
    adds its classes and record id (largest first, so the outer quotation is listed before the inner)."""
    ordered = sorted(covering, key=lambda m: -m.size)
    classes: list[str] = ["m"]
    quotes = [m for m in ordered if "q" in m.classes]
    for mark in ordered:
        if "q" in mark.classes and mark is not quotes[-1]:
            continue  # an outer quotation's shade gives way to the inner one
        classes.extend(c for c in mark.classes if c not in classes)
    if len(quotes) > 1:
        classes.append("nest")
    ids: list[str] = []
    for mark in ordered:
        if mark.record_id not in ids:
            ids.append(mark.record_id)
    attrs = f' class="{escape(" ".join(classes))}" data-r="{escape(" ".join(ids))}" tabindex="0"'
    if anchor:
        attrs = f' id="{escape(anchor)}"' + attrs
    return f"<span{attrs}>{piece}</span>"


def record_anchors(record: Record) -> dict[int, list[str]]:
    """Where the article page can be entered at a record (``#at-ID``): a quotation's first words, a figure,
    an event's trigger word."""
    starts = [(attr.content[0].start, attr.id) for attr in record.attributions if attr.content]
    starts += [(claim.span.start, claim.id) for claim in record.claims]
    starts += [(event.trigger.start, event.id) for event in record.events]
    anchors: dict[int, list[str]] = {}
    for at, record_id in starts:
        anchors.setdefault(at, []).append(f"at-{record_id}")
    return anchors


def draw_parts(record: Record) -> dict[str, list[tuple[Part, Markup]]]:
    """Each part of the article drawn with its marks, grouped by kind (headline, body, caption, related…).

    An article without parts is drawn as one body part over the whole text."""
    text = record.article.text
    marks = record_marks(record)
    anchors = record_anchors(record)
    parts = record.article.parts or [Part(start=0, end=len(text), text=text, kind="body")]
    grouped: dict[str, list[tuple[Part, Markup]]] = {}
    for part in parts:
        grouped.setdefault(part.kind, []).append((part, draw(text, part.start, part.end, marks, anchors)))
    return grouped
