"""Plain-text ingestion: PDF-text repair, non-body parts, and the offset map back to the original."""

from pathlib import Path

from according.ingest.mapped import MappedText
from according.ingest.text import ingest_text, is_caption, is_headline_line, is_related

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbour-ferry-strike.txt"

WRAPPED = (
    "Officials in the capital said on Monday that the new bridge would open to traffic\n"
    "next spring, two years later than planned, because of rising steel prices and a\n"
    "shortage of skilled workers.\n"
    "“We are doing everything we can,” the minister said.\n"
)


def test_headline_caption_and_related_are_not_body():
    raw = EXAMPLE.read_text("utf-8")
    result = ingest_text(raw)
    kinds = [p.kind for p in result.parts]
    assert kinds[:2] == ["headline", "caption"]
    assert "related" in kinds
    assert result.title == "Ferry Workers Walk Out as Port Talks Collapse in Valmora"
    body = " ".join(p.text for p in result.parts if p.kind == "body")
    assert "Photo: Harbour Press" not in body and "Related article" not in body
    assert "Photo: Harbour Press" not in result.mapped.text


def test_parts_point_into_the_original_text():
    raw = EXAMPLE.read_text("utf-8")
    for part in ingest_text(raw).parts:
        assert raw[part.start : part.end] == part.text


def test_cleaned_text_maps_back_character_by_character():
    raw = EXAMPLE.read_text("utf-8")
    mapped = ingest_text(raw).mapped
    for i, char in enumerate(mapped.text):
        if not char.isspace():
            assert raw[mapped.offsets[i]] == char


def test_wrapped_lines_join_and_short_sentence_end_breaks_paragraph():
    result = ingest_text(WRAPPED)
    paragraphs = result.mapped.text.split("\n\n")
    assert len(paragraphs) == 2
    assert "traffic next spring" in paragraphs[0]
    assert paragraphs[1].startswith("“We are doing")


def test_soft_hyphen_is_dropped_and_compound_kept():
    raw = (
        "The ministry said the govern-\nment had agreed to the plan after long talks with the unions and\n"
        "employers, and praised the self-\nsacrifice of the nurses who had worked through the whole winter.\n"
    )
    text = ingest_text(raw).mapped.text
    assert "government had agreed" in text
    assert "self-sacrifice" in text


def test_line_classifiers():
    assert is_caption("Training of North Korean soldiers. AFP")
    assert not is_caption("The minister said the talks would resume on Friday.")
    assert is_related("Related article: Port traffic falls again")
    assert is_related("READ MORE: Strike enters second week")
    assert is_headline_line("Council Backs Budget After Late-Night Session")
    assert not is_headline_line("The council backed the budget after a late session.")


def test_mapped_text_span_mapping():
    mapped = MappedText()
    mapped.append_original("ab\ncd", 0, 2)
    mapped.append_synthetic(" ", 2)
    mapped.append_original("ab\ncd", 3, 5)
    assert mapped.text == "ab cd"
    assert mapped.to_original(3, 5) == (3, 5)
    assert mapped.to_original(0, 5) == (0, 5)


def test_empty_and_single_line_input():
    assert ingest_text("").parts == []
    single = ingest_text("Police said nobody was hurt.")
    assert [p.kind for p in single.parts] == ["body"]


def test_reader_hints_relabel_parts():
    raw = "Floods close valley road\n\nThe road was closed on Monday.\n\nA car stuck in mud by the bridge\n"
    start = raw.index("A car")
    result = ingest_text(raw, hints=[("caption", start, len(raw))])
    assert [p.kind for p in result.parts][-1] == "caption"
    assert "A car stuck" not in result.mapped.text


def test_short_title_line_is_not_glued_to_the_next_line():
    raw = "The debate was long.\n\nTrump Backed The Invasion Of Iraq\nSee photos from the debate below:\n"
    result = ingest_text(raw)
    assert "Iraq See photos" not in result.mapped.text
    assert [p.kind for p in result.parts] == ["body", "body", "body"]


def test_a_signed_quotation_is_not_a_caption():
    assert not is_caption("“We deserve better than this campaign.” ― Julie A. Diaz Martinez")
    assert not is_caption("”Fear. I am truly afraid that Donald Trump will win.” ― Edwin G. Monroy")
