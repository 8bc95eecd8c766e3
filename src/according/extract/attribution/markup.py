"""HTML left in plain text ("<p>Officials said …</p>"): spans moved off the tags at their edges, names
started after the markup before them."""

from __future__ import annotations

import re

TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")  # an HTML tag, as plain text holding markup has them
UP_TO_MARKUP_RE = re.compile(r".*[<>(){}\[\]=\"“”/]\s*", re.DOTALL)  # through a name's last markup character


def holds_markup(piece: str) -> bool:
    """Whether a piece of text holds an angle bracket (most text holds none, and is left alone)."""
    return "<" in piece or ">" in piece


def outside_tags(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` moved off the tags it starts or ends in or with (``p>"The plan`` -> ``"The plan``,
    ``taxes would rise</b>.`` -> ``taxes would rise``), and off whitespace at its edges."""
    tags = list(TAG_RE.finditer(text, max(0, start - 202), min(len(text), end + 202)))
    moved = True
    while moved and start < end:
        moved = False
        for tag in tags:
            if tag.start() < start < tag.end() or (tag.start() == start and tag.end() <= end):
                start, moved = tag.end(), True
            elif tag.start() < end < tag.end() or (
                start <= tag.start() and tag.end() <= end and not text[tag.end() : end].strip(" .,;:!?")
            ):
                end, moved = tag.start(), True
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
    return start, end


def past_markup(text: str, offsets: tuple[int, int]) -> tuple[int, int]:
    """A name mention off its tags, starting after its last markup character (``<p>Officials`` ->
    ``Officials``, ``script>alert("officials`` -> ``officials``, ``John Smith</b>`` -> ``John Smith``);
    unchanged when it holds no markup or nothing word-like would remain."""
    if not holds_markup(text[offsets[0] : offsets[1]]):
        return offsets
    start, end = outside_tags(text, *offsets)
    cut = UP_TO_MARKUP_RE.match(text[start:end])
    if cut is not None and any(ch.isalnum() for ch in text[start + cut.end() : end]):
        start += cut.end()
    return (start, end) if any(ch.isalnum() for ch in text[start:end]) else offsets
