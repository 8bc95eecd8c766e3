"""The attribution tagger: features, BIO decoding, linking, and the shipped model on written sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from according.extract.attribution import model as am
from according.nlp import load

MODEL_PRESENT = (am.MODEL_DIR / am.ROLE_FILE).exists() and (am.MODEL_DIR / am.CONTENT_FILE).exists()
needs_model = pytest.mark.skipif(not MODEL_PRESENT, reason="attribution model not shipped")


def text_of(doc_text: str, offsets: tuple[int, int] | None) -> str | None:
    """The text of a character span, or None."""
    return doc_text[offsets[0] : offsets[1]] if offsets else None


def test_tag_spans_decodes_bio_including_stray_inside_tags() -> None:
    """B/I runs become token ranges; an I- without a B- still opens a span."""
    tags = ["O", "B-CUE", "I-CUE", "O", "I-CUE", "B-SOURCE", "B-CUE"]
    assert am.tag_spans(tags, "CUE") == [(1, 3), (4, 5), (6, 7)]
    assert am.tag_spans(tags, "SOURCE") == [(5, 6)]


def test_quote_states_follow_curly_and_straight_quotes() -> None:
    """Tokens between opening and closing marks are inside; the state resets at a paragraph break."""
    doc = load()('He said "yes now" and “no” today.\n\n"Open')
    inside = [t.text for t, q in zip(doc, am.quote_states(doc), strict=True) if q]
    assert inside == ['"', "yes", "now", '"', "“", "no", "”", '"', "Open"]


def test_doc_features_give_one_row_per_token_with_parse_features() -> None:
    """Every token gets its word, its governing verb arc and a window; the subject of 'said' shows it."""
    doc = load()("The senator said the plan works.")
    feats = am.doc_features(doc)
    assert len(feats) == len(doc)
    assert "w=senator" in feats[1] and "gv=nsubj|say" in feats[1]
    assert "-1:w=the" in feats[1] and "-2:pad" in feats[0]


def test_load_tagger_without_model_folder_is_none(tmp_path: Path) -> None:
    """A missing model folder means no tagger (and predict_relations degrades to [])."""
    assert am.load_tagger(tmp_path) is None


def test_predict_relations_is_empty_without_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no tagger available the product gets an empty list, never an error."""
    monkeypatch.setattr(am, "load_tagger", lambda: None)
    assert am.predict_relations(load()("The senator said the plan works.")) == []


@needs_model
def test_model_tags_said_as_cue_of_a_direct_quote() -> None:
    """A written sentence: cue over 'said', source 'the senator', content the quoted words."""
    doc = load()('"We will win," the senator said on Tuesday.')
    roles, _, cue_probs = am.load_tagger().tag(doc)
    cue_tokens = [doc[i].text for start, end in am.tag_spans(roles, "CUE") for i in range(start, end)]
    assert cue_tokens == ["said"]
    assert cue_probs[[t.text for t in doc].index("said")] > 0.5
    relations = am.predict_relations(doc)
    assert len(relations) == 1
    relation = relations[0]
    assert text_of(doc.text, relation.cue) == "said"
    assert text_of(doc.text, relation.source) == "the senator"
    assert any("We will win" in doc.text[s:e] for s, e in relation.content)
    assert 0.5 < relation.score <= 1.0


@needs_model
def test_model_links_reported_speech_with_that_clause() -> None:
    """Indirect speech: the subject is the source, the that-clause the content."""
    doc = load()("The mayor told reporters that the bridge would reopen in May.")
    relations = am.predict_relations(doc)
    assert len(relations) == 1
    assert text_of(doc.text, relations[0].source) == "The mayor"
    content = " ".join(doc.text[s:e] for s, e in relations[0].content)
    assert "the bridge would reopen in May" in content


def span_of(doc: Doc, phrase: str) -> tuple[int, int]:
    """Token range of the first occurrence of ``phrase`` in the Doc."""
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    return span.start, span.end


def test_link_joins_tagged_spans_through_the_parse() -> None:
    """Without any model: given tagged spans, the linker pairs content, cue and the cue's subject."""
    doc = load()("The mayor said that taxes will fall. Critics were not convinced.")
    cues, sources = [span_of(doc, "said")], [span_of(doc, "The mayor")]
    relations = am.link(doc, cues, sources, [span_of(doc, "that taxes will fall")])
    pairs = [(text_of(doc.text, r.source), text_of(doc.text, r.cue)) for r in relations]
    assert pairs == [("The mayor", "said")]
    assert [doc.text[s:e] for s, e in relations[0].content] == ["that taxes will fall"]


def test_parse_source_reads_according_to_and_passive_agents() -> None:
    """The parse supplies a source the tagger missed: the object of 'according to', a passive's agent."""
    doc = load()("Prices will rise, according to the central bank.")
    assert doc[slice(*am.parse_source(doc, span_of(doc, "according to")))].text == "the central bank"
    doc = load()("The plan was first reported by the Daily Courier.")
    assert doc[slice(*am.parse_source(doc, span_of(doc, "reported")))].text == "the Daily Courier"


def test_content_without_tagged_cue_takes_the_governing_verb() -> None:
    """A content with no tagged cue nearby is linked to the verb the parse hangs it on."""
    doc = load()("The minister insisted that the talks would continue.")
    relations = am.link(doc, [], [], [span_of(doc, "that the talks would continue")])
    assert text_of(doc.text, relations[0].cue) == "insisted"
    assert text_of(doc.text, relations[0].source) == "The minister"
