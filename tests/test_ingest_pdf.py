"""PDF ingestion: reading order in one and two columns, page furniture, captions, hyphens, bad files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from according.ingest.batch import InputText, read_pdf
from according.ingest.pdf import PdfError, join_lines, pdf_to_doc
from according.ingest.text import ingest_text
from according.records import ErrorRecord

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def words(text: str) -> list[str]:
    """Lower-cased words (hyphenated compounds and apostrophes kept whole)."""
    return re.findall(r"\w+(?:[-'’]\w+)*", text.lower())


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two word sequences."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def order_score(name: str) -> float:
    """Share of the gold words that come out of the PDF in reading order."""
    gold = words((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    got = words(pdf_to_doc((FIXTURES / f"{name}.pdf").read_bytes()).text)
    return lcs_length(gold, got) / len(gold)


@pytest.fixture(scope="module")
def two_column():
    """The three-page two-column youtube-dl article."""
    return pdf_to_doc((FIXTURES / "youtube-dl-two-column.pdf").read_bytes())


def tiny_pdf(draw_text: bool = True, encrypt: bool = False) -> bytes:
    """A one-page PDF made here: a sentence (or only a box), optionally password-protected."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=letter, encrypt=StandardEncryption("secret", canPrint=0) if encrypt else None
    )
    if draw_text:
        canvas.drawString(72, 700, "The council voted on Tuesday to approve the harbour budget.")
    canvas.rect(72, 400, 200, 150, fill=1)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["youtube-dl-two-column", "ebola-two-column", "soleimani-one-column"])
def test_words_come_out_in_reading_order(name):
    assert order_score(name) >= 0.98


def test_running_header_and_page_numbers_are_dropped(two_column):
    assert "Wikinews, the free news source" not in two_column.text
    assert not re.search(r"(?m)^\d+$", two_column.text)


def test_title_is_the_largest_type(two_column):
    assert two_column.title == "GitHub blocks public access to youtube-dl after RIAA issues DMCA notice"


def test_caption_is_set_apart_after_the_body(two_column):
    ((start, end),) = two_column.captions
    caption = two_column.text[start:end]
    assert caption == "A screenshot of the youtube-dl project page after the takedown."
    assert two_column.text.count(caption) == 1
    assert end == len(two_column.text)


def test_paragraph_split_across_columns_is_rejoined(two_column):
    paragraphs = two_column.text.split("\n\n")
    assert any(
        p.startswith("The notice did not list any incident") and p.endswith("restrictions.")
        for p in paragraphs
    )


def test_output_is_paragraphs_for_the_text_repair(two_column):
    ingested = ingest_text(two_column.text)
    body = [p for p in ingested.parts if p.kind == "body"]
    assert len(body) >= 20
    assert "\n" not in ingested.mapped.text.split("\n\n")[3]


def test_soft_hyphens_go_and_compounds_stay():
    lines = [
        "the long-",
        "range missiles, the self-",
        "sacrifice of the govern-",
        "ment, a co-",
        "founder and a human-",
        "to-human spread were re-",
        "ported.",
    ]
    assert join_lines(lines, "") == (
        "the long-range missiles, the self-sacrifice of the government, a co-founder and a human-to-human "
        "spread were reported."
    )


def test_hyphenated_form_seen_elsewhere_is_kept():
    raw = "a take-down notice\nthe take-\ndown was"
    assert join_lines(["the take-", "down was"], raw) == "the take-down was"


def test_pdf_reader_gives_metadata():
    (item,) = read_pdf((FIXTURES / "ebola-two-column.pdf").read_bytes(), "ebola.pdf")
    assert isinstance(item, InputText)
    assert item.meta["title"] == "Scientists report two life-saving treatments for Ebola"
    assert item.origin["title"] == "metadata"
    assert [(kind, item.text[a:b]) for kind, a, b in item.hints] == [
        ("headline", "Scientists report two life-saving treatments for Ebola"),
        ("caption", "A transmission electron micrograph of the Ebola virus, coloured blue."),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (tiny_pdf(encrypt=True), "encrypted"),
        ((FIXTURES / "ebola-two-column.pdf").read_bytes()[:2000], "truncated"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
        (b"Just some text that is not a PDF at all", "not a PDF"),
        (tiny_pdf(draw_text=False), "no text layer"),
    ],
)
def test_bad_pdfs_become_error_records(data, reason):
    (item,) = read_pdf(data, "bad.pdf")
    assert isinstance(item, ErrorRecord)
    assert item.stage in ("pdf", "read")
    assert reason.lower() in item.reason.lower()


def test_plain_pdf_reads():
    assert pdf_to_doc(tiny_pdf()).text == "The council voted on Tuesday to approve the harbour budget."


def test_pdf_error_is_an_exception():
    with pytest.raises(PdfError):
        pdf_to_doc(b"")
