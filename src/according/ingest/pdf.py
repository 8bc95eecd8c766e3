"""PDF to article text: pdfminer layout boxes put in reading order (one or more columns), running headers,
footers and page numbers dropped, captions set apart, lines joined with compounds' hyphens kept.

The text comes out as paragraphs separated by blank lines (captions last), ready for ingest/text.py.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from according.ingest.text import keep_hyphen

TERMINAL = tuple('.!?:;"”’»)')
PAGE_NUMBER_RE = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
CAPTION_START_RE = re.compile(
    r"^(?:fig(?:ure)?\.?\s*\d*|photo(?:graph)?|image|picture|caption|illustration)\b", re.I
)
MARGIN = 0.08  # share of the page height at top and bottom where running headers and footers live
WIDE = 0.55  # a box wider than this share of the text width spans the columns
MAX_PAGES = 500


class PdfError(Exception):
    """A PDF that cannot be read: encrypted, truncated, malformed or without a text layer."""


@dataclass
class Line:
    """One text line of a box with its horizontal extent."""

    text: str
    x0: float
    x1: float
    size: float = 0.0
    y: float = 0.0  # vertical middle, to place fragments
    bold: bool = False


@dataclass
class Block:
    """A pdfminer text box: where it sits, its lines and its typical font size."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[Line]
    size: float

    @property
    def text(self) -> str:
        """The box's lines joined by spaces (for matching, not output)."""
        return " ".join(line.text for line in self.lines)


@dataclass
class PdfPage:
    """One page's text blocks, figure boxes and size."""

    number: int
    width: float
    height: float
    blocks: list[Block]
    figures: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class PdfDoc:
    """The article in a PDF: paragraph text, the caption spans in it, and what metadata the file gives."""

    text: str
    title: str | None = None
    byline: str | None = None
    captions: list[tuple[int, int]] = field(default_factory=list)

    def hints(self) -> list[tuple[str, int, int]]:
        """(part kind, start, end) for the headline (when the text opens with it) and each caption."""
        found = [("headline", 0, len(self.title))] if self.title and self.text.startswith(self.title) else []
        return found + [("caption", start, end) for start, end in self.captions]


def median_size(chars: list[Any]) -> float:
    """The median font size of a box's characters (0 when it has none)."""
    sizes = [round(c.size, 1) for c in chars if hasattr(c, "size")]
    return statistics.median(sizes) if sizes else 0.0


def is_bold(chars: list[Any]) -> bool:
    """Most characters are set in a bold or black face (a heading, not running text)."""
    names = [getattr(c, "fontname", "") or "" for c in chars if hasattr(c, "size")]
    bold = sum(1 for n in names if re.search(r"bold|black|heavy|semibold", n, re.IGNORECASE))
    return bool(names) and bold * 2 > len(names)


def make_blocks(box: Any, page: int) -> list[Block]:
    """Blocks from a pdfminer text box, split where the type size or weight changes (headline, caption,
    heading, body)."""
    from pdfminer.layout import LTTextLine

    blocks: list[Block] = []
    for item in box:
        if not isinstance(item, LTTextLine) or not item.get_text().strip():
            continue
        text, middle = " ".join(item.get_text().split()), (item.y0 + item.y1) / 2
        line = Line(text, item.x0, item.x1, median_size(list(item)), middle, is_bold(list(item)))
        last = blocks[-1] if blocks else None
        if last and abs(last.size - line.size) <= 0.6 and last.lines[-1].bold == line.bold:
            last.lines.append(line)
            last.x0, last.x1, last.y0 = min(last.x0, item.x0), max(last.x1, item.x1), item.y0
        else:
            blocks.append(Block(page, item.x0, item.y0, item.x1, item.y1, [line], line.size))
    return blocks


def host_of(frag: Block, blocks: list[Block]) -> Block | None:
    """The multi-line block whose area holds this one-line fragment (split off by wide word spacing)."""
    centre = (frag.y0 + frag.y1) / 2
    for block in blocks:
        inside = block.x0 - 2 <= frag.x0 and frag.x1 <= block.x1 + 2 and block.y0 < centre < block.y1
        if block is not frag and len(block.lines) > 1 and inside and abs(block.size - frag.size) <= 0.6:
            return block
    return None


def absorb(host: Block, frag: Block) -> None:
    """Put a fragment's text into its host: onto the line at the same height, or as a line of its own."""
    line = frag.lines[0]
    same = [ln for ln in host.lines if abs(ln.y - line.y) < max(line.size, 1) / 2]
    if same:
        target = same[0]
        parts = sorted([(target.x0, target.text), (line.x0, line.text)])
        target.text = " ".join(text for _, text in parts)
        target.x0, target.x1 = min(target.x0, line.x0), max(target.x1, line.x1)
    else:
        host.lines.append(line)
        host.lines.sort(key=lambda ln: -ln.y)


def merge_fragments(blocks: list[Block]) -> list[Block]:
    """Fold one-line fragments back into the paragraph they were cut from, in order of x."""
    kept: list[Block] = []
    for frag in sorted(blocks, key=lambda b: b.x0):
        host = host_of(frag, blocks) if len(frag.lines) == 1 else None
        if host is None:
            kept.append(frag)
        else:
            absorb(host, frag)
    return [b for b in blocks if b in kept]


def read_page(layout: Any, number: int) -> PdfPage:
    """The text blocks and figure boxes of one laid-out page."""
    from pdfminer.layout import LTCurve, LTFigure, LTImage, LTTextBox

    page = PdfPage(number, layout.width, layout.height, [])
    for item in layout:
        if isinstance(item, LTTextBox):
            page.blocks.extend(make_blocks(item, number))
        elif isinstance(item, LTFigure | LTImage | LTCurve) and item.width > 40 and item.height > 40:
            page.figures.append((item.x0, item.y0, item.x1, item.y1))
    page.blocks = merge_fragments(page.blocks)
    return page


def load_pages(data: bytes) -> list[PdfPage]:
    """Every page of the PDF laid out by pdfminer; PdfError when the file cannot be read."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise PdfError("not a PDF (no %PDF- header)")
    try:
        layouts = extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None), maxpages=MAX_PAGES)
        return [read_page(layout, i) for i, layout in enumerate(layouts)]
    except PdfError:
        raise
    except Exception as exc:  # pdfminer raises many types (syntax, encryption, EOF, key errors) on bad files
        raise PdfError(pdf_reason(exc)) from exc


def pdf_reason(exc: Exception) -> str:
    """A short human reason for a pdfminer failure."""
    name = type(exc).__name__
    if "Encryption" in name or "Password" in name:
        return "encrypted PDF (password needed)"
    detail = str(exc)[:120]
    return f"malformed or truncated PDF ({name}{': ' + detail if detail else ''})"


def furniture_key(block: Block) -> str:
    """A block's text with digits masked, so "Page 3" and "Page 4" count as the same running line."""
    return re.sub(r"\d+", "#", block.text.casefold())


def in_margin(block: Block, page: PdfPage) -> bool:
    """The block lies in the top or bottom margin band of its page."""
    return block.y0 > page.height * (1 - MARGIN) or block.y1 < page.height * MARGIN


def repeated_furniture(pages: list[PdfPage]) -> set[str]:
    """Margin texts that recur on two or more pages: running headers and footers."""
    counts = Counter(furniture_key(b) for p in pages for b in p.blocks if in_margin(b, p))
    return {key for key, n in counts.items() if n >= 2}


def is_furniture(block: Block, page: PdfPage, repeated: set[str], body_size: float) -> bool:
    """A page number, or a margin line that recurs across pages or is set smaller than the body."""
    if PAGE_NUMBER_RE.match(block.text.strip()):
        return True
    if not in_margin(block, page):
        return False
    small = body_size > 0 and block.size < body_size - 0.4 and len(block.text.split()) <= 15
    return furniture_key(block) in repeated or small


def drop_furniture(page: PdfPage, repeated: set[str], body_size: float) -> list[Block]:
    """The page's blocks less page numbers and running headers and footers."""
    return [b for b in page.blocks if not is_furniture(b, page, repeated, body_size)]


def column_ranges(blocks: list[Block], text_width: float) -> list[tuple[float, float]]:
    """Horizontal ranges of the columns: merged x-extents of the narrow blocks."""
    spans = sorted((b.x0, b.x1) for b in blocks if b.x1 - b.x0 <= WIDE * text_width)
    ranges: list[list[float]] = []
    for x0, x1 in spans:
        if ranges and x0 <= ranges[-1][1] + 2:
            ranges[-1][1] = max(ranges[-1][1], x1)
        else:
            ranges.append([x0, x1])
    return [(a, b) for a, b in ranges]


def column_of(block: Block, ranges: list[tuple[float, float]]) -> int | None:
    """Index of the single column the block sits in, or None when it spans several (or none)."""
    hits = [i for i, (a, b) in enumerate(ranges) if block.x0 < b - 1 and block.x1 > a + 1]
    return hits[0] if len(hits) == 1 else None


def order_blocks(blocks: list[Block]) -> list[Block]:
    """Reading order: full-width blocks cut the page into bands; each band is read column by column."""
    if not blocks:
        return []
    text_width = max(b.x1 for b in blocks) - min(b.x0 for b in blocks)
    ranges = column_ranges(blocks, text_width)
    ordered: list[Block] = []
    band: list[tuple[int, Block]] = []
    for block in sorted(blocks, key=lambda b: (-b.y1, b.x0)):
        col = column_of(block, ranges)
        if col is None:
            ordered.extend(b for _, b in sorted(band, key=lambda cb: (cb[0], -cb[1].y1)))
            ordered.append(block)
            band = []
        else:
            band.append((col, block))
    ordered.extend(b for _, b in sorted(band, key=lambda cb: (cb[0], -cb[1].y1)))
    return ordered


def near_figure(block: Block, figures: list[tuple[float, float, float, float]]) -> bool:
    """The block sits just above or below a figure and overlaps it horizontally."""
    for x0, y0, x1, y1 in figures:
        overlaps = block.x0 < x1 and block.x1 > x0
        if overlaps and (abs(block.y1 - y0) < 24 or abs(block.y0 - y1) < 24):
            return True
    return False


def is_caption(block: Block, body_size: float, figures: list[tuple[float, float, float, float]]) -> bool:
    """A figure caption: starts like one, or is short smaller-type text beside a figure."""
    words = len(block.text.split())
    if words > 80:
        return False
    if CAPTION_START_RE.match(block.text) and words < 60:
        return True
    smaller = body_size > 0 and block.size < body_size - 0.4
    return smaller and near_figure(block, figures)


def paragraph_lines(block: Block) -> list[list[Line]]:
    """Split a block's lines into paragraphs at short sentence-final lines and indented first lines."""
    width = block.x1 - block.x0
    paras: list[list[Line]] = [[]]
    for i, line in enumerate(block.lines):
        paras[-1].append(line)
        nxt = block.lines[i + 1] if i + 1 < len(block.lines) else None
        short_end = line.text.endswith(TERMINAL) and line.x1 < block.x1 - 0.15 * width
        indented = nxt is not None and nxt.x0 > block.x0 + max(block.size, 6)
        if nxt is not None and (short_end or (indented and line.text.endswith(TERMINAL))):
            paras.append([])
    return [p for p in paras if p]


def join_lines(lines: list[str], raw: str) -> str:
    """One paragraph from wrapped lines: soft hyphens removed, real compounds' hyphens kept."""
    out = ""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and line.endswith("-") and line[-2:-1].isalpha() and nxt[:1].isalpha():
            out += line if keep_hyphen(line, nxt, raw) else line[:-1]
        else:
            out += line + (" " if nxt else "")
    return out


def continues(prev: str, nxt: str) -> bool:
    """A paragraph cut by a column or page break: no closing punctuation, next starts in lower case."""
    return not prev.endswith(TERMINAL) and nxt[:1].islower()


def merge_broken(paras: list[list[str]]) -> list[list[str]]:
    """Rejoin paragraphs split across columns and pages (as lists of lines)."""
    merged: list[list[str]] = []
    for lines in paras:
        if merged and continues(merged[-1][-1], lines[0]):
            merged[-1] = merged[-1] + lines
        else:
            merged.append(list(lines))
    return merged


def find_title(pages: list[PdfPage], body_size: float) -> str | None:
    """The largest-type block near the top of the first page, when it is clearly bigger than body text."""
    if not pages or not pages[0].blocks:
        return None
    top = max(pages[0].blocks, key=lambda b: (b.size, b.y1))
    if body_size and top.size >= body_size * 1.2 and len(top.text.split()) <= 40:
        return top.text
    return None


def body_font_size(pages: list[PdfPage]) -> float:
    """The font size most of the text is set in (by characters)."""
    sizes = Counter()
    for page in pages:
        for block in page.blocks:
            sizes[block.size] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def info_author(data: bytes) -> str | None:
    """The Author entry of the PDF's document information, when present and readable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        info = PDFDocument(PDFParser(io.BytesIO(data))).info
        value = info[0].get("Author") if info else None
        if isinstance(value, bytes):
            value = value.decode("utf-16" if value.startswith(b"\xfe\xff") else "latin-1", "replace")
    except Exception:  # metadata is optional: a broken info dictionary just means no author
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


def assemble(body: list[list[str]], captions: list[list[str]], raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The output text (body paragraphs, then captions) and the caption spans in it."""
    text = "\n\n".join(join_lines(lines, raw) for lines in merge_broken(body))
    spans: list[tuple[int, int]] = []
    for lines in captions:
        caption = join_lines(lines, raw)
        text += ("\n\n" if text else "") + caption
        spans.append((len(text) - len(caption), len(text)))
    return text, spans


def pdf_to_doc(data: bytes) -> PdfDoc:
    """The article text of a PDF in reading order; PdfError when it cannot be read or has no text."""
    pages = load_pages(data)
    repeated = repeated_furniture(pages)
    body_size = body_font_size(pages)
    body: list[list[str]] = []
    captions: list[list[str]] = []
    raw_lines: list[str] = []
    for page in pages:
        for block in order_blocks(drop_furniture(page, repeated, body_size)):
            target = captions if is_caption(block, body_size, page.figures) else body
            for para in paragraph_lines(block):
                target.append([line.text for line in para])
                raw_lines.extend(line.text for line in para)
    if not body and not captions:
        raise PdfError("no text layer (scanned or image-only PDF)")
    text, spans = assemble(body, captions, "\n".join(raw_lines))
    return PdfDoc(text=text, title=find_title(pages, body_size), byline=info_author(data), captions=spans)
