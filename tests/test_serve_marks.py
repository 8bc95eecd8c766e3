"""Records drawn on their text: nested and overlapping spans, escaping, one colour per speaker."""

import re

import pytest

pytest.importorskip("markupsafe")

from according.records import Attribution, Claim, EntityRef, Record, Span  # noqa: E402
from according.serve.marks import Mark, draw, draw_parts  # noqa: E402
from according.serve.palette import PALETTE, speaker_colours  # noqa: E402
from according.serve.views import chain_line, highlight  # noqa: E402


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_nested_and_overlapping_marks_keep_the_text_and_every_record():
    text = "abcdefghij"
    marks = [Mark(0, 8, ("q", "sp0"), "a1"), Mark(2, 4, ("who",), "a1"), Mark(6, 10, ("claim",), "c1")]
    html = str(draw(text, 0, 10, marks))
    assert plain(html) == text
    assert 'class="m q sp0 who" data-r="a1"' in html  # speaker inside the quotation
    assert 'data-r="a1 c1" tabindex="0">gh<' in html  # the overlap carries both records
    assert 'class="m claim" data-r="c1"' in html and ">ij<" in html  # the claim runs past the quotation


def test_inner_quotation_takes_the_shade_and_is_marked_nested():
    marks = [Mark(0, 10, ("q", "sp0"), "outer"), Mark(3, 6, ("q", "sp1"), "inner")]
    html = str(draw("0123456789", 0, 10, marks))
    inner = re.search(r'<span class="([^"]+)" data-r="outer inner"[^>]*>345<', html)
    assert inner and "sp1" in inner.group(1) and "sp0" not in inner.group(1) and "nest" in inner.group(1)


def test_article_text_is_escaped():
    text = "<script>alert(1)</script> & <img src=x onerror=alert(1)>"
    html = str(draw(text, 0, len(text), [Mark(0, 8, ("q",), 'x" onmouseover="alert(1)')]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert 'onmouseover="alert' not in html


def test_parts_are_drawn_apart_and_clip_marks():
    text = "Headline here\n\nBody says “hi,” she said."
    record = Record.model_validate(
        {
            "article": {
                "id": "x",
                "text": text,
                "parts": [
                    {"start": 0, "end": 13, "text": text[:13], "kind": "headline"},
                    {"start": 15, "end": len(text), "text": text[15:], "kind": "body"},
                ],
            }
        }
    )
    record.attributions.append(
        Attribution(
            id="x-a1",
            kind="direct",
            content=[Span(start=26, end=28, text="hi")],
            cue=Span(start=35, end=39, text="said"),
            speaker=EntityRef(name="she", mention=Span(start=31, end=34, text="she")),
        )
    )
    record.claims.append(Claim(id="x-c1", span=Span(start=9, end=20, text=text[9:20]), quantity_text="1"))
    parts = draw_parts(record)
    assert set(parts) == {"headline", "body"}
    assert plain(str(parts["headline"][0][1])) == "Headline here"
    assert plain(str(parts["body"][0][1])) == text[15:]
    assert 'id="at-x-a1"' in str(parts["body"][0][1])


def test_colours_follow_first_appearance_and_cycle():
    colours = speaker_colours(["b", "a", "b", "", *[f"s{i}" for i in range(12)]])
    assert colours["b"] == 0 and colours["a"] == 1 and "" not in colours
    assert max(colours.values()) == len(PALETTE) - 1


def test_css_has_a_shade_per_palette_colour():
    from pathlib import Path

    import according.serve
    from according.serve.palette import css

    style = (Path(according.serve.__file__).parent / "static" / "style.css").read_text()
    assert css() in style, "regenerate the speaker classes of style.css from serve.palette.css()"


def test_speakers_have_the_terminal_views_colours(reference_record):
    from according import render
    from according.serve.marks import speaker_key

    terminal = render.speaker_colours(reference_record)
    web = speaker_colours(speaker_key(a) for a in reference_record.attributions)
    assert len(web) >= 4
    for attr in reference_record.attributions:
        key = speaker_key(attr)
        if key:
            assert PALETTE[web[key]][0] == terminal[render.speaker_key(attr)]


def test_chain_is_written_out(reference_record):
    a5 = next(a for a in reference_record.attributions if "Kursk region" in a.content[0].text)
    assert chain_line(a5) == "Vladimir Putin —said→ … —according to→ KCNA (state media)"
    letter = next(a for a in reference_record.attributions if a.medium == "letter" and a.chain)
    assert "—said→ letter —" in chain_line(letter) or "→ letter —" in chain_line(letter)


def test_highlight_marks_words_and_escapes():
    html = str(highlight("The <b>mayor</b> said NEAR the port (sic)", 'mayor "NEAR (port'))
    assert "<mark>mayor</mark>" in html and "<mark>NEAR</mark>" in html and "<mark>port</mark>" in html
    assert "&lt;b&gt;" in html
