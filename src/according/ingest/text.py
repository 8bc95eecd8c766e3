"""Plain-text ingestion: repair text pulled from PDFs (broken lines, hyphens, missing paragraph breaks)
and separate headline, captions, credits and "Related article" lines from the body — keeping offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from according.ingest.mapped import MappedText
from according.records import Part

TERMINAL = tuple('.!?:"”’»')
RELATED_RE = re.compile(
    r"^(related( articles?| stories| story| content| news| coverage)?|read (more|also|next)|see also|"
    r"also read|recommended( reading)?|more on this( story)?|more from \w+)\s*[:\-–—|]",
    re.IGNORECASE,
)
CREDIT_RE = re.compile(
    r"^((photo|image|picture|video|credit|source|file photo|photograph)s?\b\s*[:(/]|©|\(c\)\s)", re.IGNORECASE
)
CAPTION_CREDIT_RE = re.compile(
    r"[.!?]\s+(?:\(?(?i:photo|image|picture|credit)s?:?\s*)?([A-Z][\w&'./-]*(?:\s+[A-Z][\w&'./-]*){0,3})\)?\s*$"
)
COMPOUND_PREFIXES = {
    "self",
    "long",
    "short",
    "well",
    "cross",
    "ex",
    "non",
    "multi",
    "anti",
    "pro",
    "co",
    "post",
    "pre",
    "all",
    "half",
    "high",
    "low",
    "full",
    "part",
    "first",
    "second",
    "third",
    "so",
    "far",
    "near",
    "mid",
    "large",
    "small",
    "state",
    "government",
    "kremlin",
    "pro-",
    "one",
    "two",
    "three",
    "four",
    "five",
    "year",
}


@dataclass
class Line:
    """One physical line of the original text: its stripped content and where that lies."""

    start: int
    end: int
    text: str


@dataclass
class IngestedText:
    """The labelled parts of a text and the cleaned text to parse, mapped back to the original."""

    parts: list[Part]
    mapped: MappedText
    title: str | None


def split_lines(raw: str) -> list[Line]:
    """Lines with surrounding whitespace trimmed; positions point into ``raw``."""
    lines: list[Line] = []
    for match in re.finditer(r"[^\n]*", raw):
        text = match.group(0)
        stripped = text.strip()
        if (
            match.start() > 0
            and match.start() == match.end()
            and raw[match.start() - 1 : match.start()] != "\n"
        ):
            continue
        lead = len(text) - len(text.lstrip())
        start = match.start() + lead
        lines.append(Line(start, start + len(stripped), stripped))
    return lines


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Groups of non-empty lines separated by blank lines."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def typical_width(blocks: list[list[Line]]) -> int:
    """The width the text was wrapped at: a high percentile of line lengths in multi-line blocks."""
    lengths = sorted(len(line.text) for block in blocks if len(block) > 1 for line in block)
    if len(lengths) < 3:
        return 0
    return lengths[int(len(lengths) * 0.9) - 1]


def ends_paragraph(line: Line, width: int) -> bool:
    """A line closes its paragraph when it ends a sentence well short of the wrap width."""
    if not width or not line.text.endswith(TERMINAL):
        return line.text.endswith(TERMINAL) and not width
    return len(line.text) < 0.8 * width


def is_related(text: str) -> bool:
    """ "Related article: …", "Read more: …" and similar links to other stories."""
    return bool(RELATED_RE.match(text))


def is_credit(text: str) -> bool:
    """A photo credit line such as "Photo: Reuters" or "© AFP"."""
    return bool(CREDIT_RE.match(text)) and len(text) < 120


def is_caption(text: str) -> bool:
    """A short caption ending in a credit: "Training of North Korean soldiers. KCNA"."""
    if len(text) > 200 or len(text.split()) < 3 or text[:1] in "“”\"«‘'":
        return False  # a line opening with a quotation mark is somebody's words, not a caption
    match = CAPTION_CREDIT_RE.search(text)
    return bool(match) and not text.rstrip().endswith(TERMINAL)


def is_headline_line(text: str) -> bool:
    """Title-case text with no sentence-final full stop: most longer words capitalised."""
    words = [w.strip("‘’'\"“”") for w in text.split()]
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if not long_words or text.endswith("."):
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


def take_headline(block: list[Line]) -> tuple[list[Line], list[Line]]:
    """Leading title-case lines of the first block (the headline) and the lines after them."""
    count = 0
    for line in block:
        if is_caption(line.text) or is_related(line.text) or not is_headline_line(line.text):
            break
        count += 1
    if count == len(block) and len(block) > 3:
        return [], block
    return block[:count], block[count:]


def line_kind(line: Line, width: int, after_break: bool) -> str | None:
    """ "related", "credit" or "caption" for a stand-alone non-body line, else None."""
    if is_related(line.text):
        return "related"
    short = not width or len(line.text) < 0.8 * width
    if short and after_break and is_credit(line.text):
        return "credit"
    if short and after_break and is_caption(line.text):
        return "caption"
    return None


def is_heading_before(line: Line, nxt: Line | None, width: int) -> bool:
    """A short title-case line ("Invasion Of Iraq") stands alone when the next line starts anew."""
    if nxt is None or not nxt.text[:1].isupper() or line.text.endswith((",", "-")):
        return False
    short = len(line.text) < (0.6 * width if width else 80)
    return short and is_headline_line(line.text)


def group_block(block: list[Line], width: int) -> list[tuple[str, list[Line]]]:
    """Split one block into (kind, lines) paragraphs: body text joined across wrapped lines."""
    groups: list[tuple[str, list[Line]]] = []
    current: list[Line] = []
    for index, line in enumerate(block):
        kind = line_kind(line, width, after_break=not current)
        if kind:
            if current:
                groups.append(("body", current))
                current = []
            groups.append((kind, [line]))
            continue
        current.append(line)
        nxt = block[index + 1] if index + 1 < len(block) else None
        if ends_paragraph(line, width) or is_heading_before(line, nxt, width):
            groups.append(("body", current))
            current = []
    if current:
        groups.append(("body", current))
    return groups


def known(word: str) -> bool:
    """The word is in the spaCy model's vocabulary (our word list for telling soft hyphens apart)."""
    from according.nlp import model_words

    return word.lower() in model_words()


def keep_hyphen(left: str, right: str, raw: str) -> bool:
    """Whether a line-final hyphen belongs to the word: compounds ("self-sacrifice") yes, soft hyphens no."""
    head = re.findall(r"\w+$", left[:-1])
    tail = re.match(r"[\w-]+", right)
    if not head or not tail or not right[:1].islower() or "-" in tail.group(0).strip("-"):
        return True
    word_left, word_right = head[0], tail.group(0).strip("-")
    if re.search(rf"\b{re.escape(word_left)}-{re.escape(word_right)}\b", raw):
        return True
    if re.search(rf"\b{re.escape(word_left + word_right)}\b", raw):
        return False
    joined_known, right_known = known(word_left + word_right), known(word_right)
    if joined_known and not right_known:
        return False
    if word_left.lower() in COMPOUND_PREFIXES and right_known:
        return True
    return not joined_known and right_known and known(word_left)


def append_lines(mapped: MappedText, raw: str, lines: list[Line]) -> None:
    """Append a paragraph's lines as one line: breaks become spaces, soft hyphens vanish."""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt and line.text.endswith("-") and line.text[-2:-1].isalpha() and nxt.text[:1].isalpha():
            if keep_hyphen(line.text, nxt.text, raw):
                mapped.append_original(raw, line.start, line.end)
            else:
                mapped.append_original(raw, line.start, line.end - 1)
            continue
        mapped.append_original(raw, line.start, line.end)
        if nxt:
            mapped.append_synthetic(" ", line.end)


def make_part(raw: str, kind: str, lines: list[Line]) -> Part:
    """A Part covering ``lines`` in the original text."""
    start, end = lines[0].start, lines[-1].end
    return Part(kind=kind, start=start, end=end, text=raw[start:end])  # type: ignore[arg-type]


def apply_hints(groups: list[tuple[str, list[Line]]], hints: list[tuple[str, int, int]]):
    """Relabel paragraphs that a reader already knows the kind of (a PDF's headline and captions)."""
    relabelled = []
    for kind, lines in groups:
        start, end = lines[0].start, lines[-1].end
        hinted = next((k for k, h_start, h_end in hints if h_start <= start and end <= h_end), None)
        relabelled.append((hinted or kind, lines))
    return relabelled


def ingest_text(raw: str, hints: list[tuple[str, int, int]] | None = None) -> IngestedText:
    """Label the parts of ``raw`` and build the cleaned, paragraph-separated text to parse.

    ``hints`` are (kind, start, end) spans of ``raw`` whose kind the reader knows (e.g. PDF captions).
    """
    blocks = blocks_of(split_lines(raw))
    width = typical_width(blocks)
    groups: list[tuple[str, list[Line]]] = []
    if len(blocks) > 1:
        headline, rest = take_headline(blocks[0])
        if headline:
            groups.append(("headline", headline))
            blocks = ([rest] if rest else []) + blocks[1:]
    for block in blocks:
        groups.extend(group_block(block, width))
    groups = apply_hints(groups, hints or [])
    mapped = MappedText()
    parts: list[Part] = []
    for kind, lines in groups:
        parts.append(make_part(raw, kind, lines))
        if kind in ("headline", "body"):
            if mapped.offsets:
                mapped.append_synthetic("\n\n", mapped.offsets[-1] + 1)
            append_lines(mapped, raw, lines)
    title = " ".join(line.text for line in groups[0][1]) if groups and groups[0][0] == "headline" else None
    return IngestedText(parts=parts, mapped=mapped, title=title)
