"""`according show`: the article with its records drawn on it, in colour or as plain marks."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.marks import coloured_text, plain_marked
from according.records import Article, Attribution, ChainLink, Claim, EntityRef, Record, Span, TimeExpression
from according.render import speaker_colours

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
KCNA = SHARED / "examples" / "kcna-putin-letter.txt"
runner = CliRunner()

TEXT = "Putin said on Friday that 600 troops died, according to KCNA. Kim said nothing."


def span(text: str, words: str, after: int = 0) -> Span:
    """The span of ``words`` in ``text`` (first found at or after ``after``)."""
    start = text.index(words, after)
    return Span(start=start, end=start + len(words), text=words)


def small_record() -> Record:
    """A hand-made record over TEXT: one attribution with a chain, one figure, one date."""
    t = TEXT
    putin = EntityRef(entity_id="person:vladimir-putin", name="Vladimir Putin", mention=span(t, "Putin"))
    kcna = EntityRef(entity_id="org:kcna", name="KCNA", mention=span(t, "KCNA"), state_media=True)
    attr = Attribution(
        id="x-a1",
        kind="indirect",
        content=[span(t, "that 600 troops died")],
        cue=span(t, "said"),
        cue_lemma="say",
        speaker=putin,
        chain=[ChainLink(source=kcna, cue="according to", state_media=True)],
    )
    claim = Claim(id="x-c1", span=span(t, "600 troops"), quantity=600, quantity_text="600")
    when = TimeExpression(id="x-t1", span=span(t, "Friday"), value="2025-08-15", granularity="day")
    return Record(article=Article(id="x", text=t), attributions=[attr], claims=[claim], times=[when])


def test_plain_marks_snapshot():
    assert plain_marked(small_record()) == (
        "*Putin* _said_ on <Friday|2025-08-15> [[1: that {600 troops} died]], according to KCNA. "
        "Kim said nothing."
    )


def test_colours_follow_the_speaker():
    record = small_record()
    colour = speaker_colours(record)["person:vladimir-putin"]
    text = coloured_text(record)
    content = record.attributions[0].content[0]
    styles = {str(s.style) for s in text.spans if (s.start, s.end) == (content.start, content.end)}
    assert colour in styles


@pytest.mark.skipif(not KCNA.exists(), reason="needs ../shared/examples")
def test_show_reference_article_in_plain_text_marks_putins_quotes_and_kcna_as_state_media():
    result = runner.invoke(app, ["show", str(KCNA), "--published", "2025-08-15", "--no-color"])
    assert result.exit_code == 0, result.output
    assert "*Putin*" in result.stdout or "*Vladimir Putin*" in result.stdout
    assert "[[1: " in result.stdout and "_said_" in result.stdout
    assert "KCNA (state" in result.stdout  # the chain in the table names KCNA as state media
    assert "\x1b[" not in result.stdout  # no colour codes when asked for none


@pytest.mark.skipif(not KCNA.exists(), reason="needs ../shared/examples")
def test_reference_article_quotations_all_share_putins_colour():
    from according.pipeline import extract_text

    record = extract_text(KCNA.read_text("utf-8"), published="2025-08-15")
    colours = speaker_colours(record)
    putin = [a for a in record.attributions if a.speaker and a.speaker.entity_id == "person:vladimir-putin"]
    assert len(putin) >= 5
    text = coloured_text(record)
    for attr in putin:
        piece = attr.content[0]
        assert any(
            str(s.style) == colours["person:vladimir-putin"] and s.start == piece.start for s in text.spans
        )
