"""The PolNeAR brat reader, the attribution scorer and the `according eval polnear` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.eval.polnear import (
    GoldDocument,
    Rel,
    Tally,
    content_match,
    gold_kind,
    misses,
    read_ann,
    read_corpus,
    score_document,
    trim,
)

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev"

TEXT = 'Officials said "the plan works." Critics disagree, it seems. The mayor believes taxes will fall.'


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    """The (start, end) of the first occurrence of ``phrase``."""
    start = text.index(phrase)
    return start, start + len(phrase)


def rel(source: str | None, cue: str, content: str) -> Rel:
    """A one-piece relation built from phrases of TEXT."""
    return Rel((at(source),) if source else (), (at(cue),), (at(content),))


GOLD = [
    rel("Officials", "said", '"the plan works."'),
    rel(None, "it seems", "Critics disagree"),
    rel("The mayor", "believes", "taxes will fall"),
]

ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 20;25 32\tfirst second\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 48\tit seems\n"
    "T6\tContent 33 49\tCritics disagree\n"
    "and a continuation line of a long span\n"
    "T7\tAttribution-no-source 40 48\tit seems\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    "T8\tDiscuss 0 5\tOffic\n"
    "#1\tAnnotatorNotes T8\tnot sure\n"
)


def test_read_ann_joins_events_with_discontinuous_content_and_no_source() -> None:
    """Each Attribution event becomes a Rel; a missing Source is an empty tuple; notes are skipped."""
    rels = read_ann(ANN)
    assert rels == [
        Rel(source=((0, 9),), cue=((10, 14),), content=((15, 20), (25, 32))),
        Rel(source=(), cue=((40, 48),), content=((33, 49),)),
    ]


def test_read_corpus_yields_one_document_per_annotator_with_metadata_date(tmp_path: Path) -> None:
    """A text annotated twice is read twice; the publication date comes from the parent's metadata.tsv."""
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc_one.txt").write_text("Line one.\r\n\r\nLine two.", encoding="utf-8", newline="")
    for annotator in ("ab12", "cd34"):
        (split / "attributions" / f"doc_one_{annotator}.ann").write_text(ANN, encoding="utf-8")
    metadata = "filename\tpublication_date\ndoc_one\t2016-09-12\n"
    (tmp_path / "metadata.tsv").write_text(metadata, encoding="utf-8")
    docs = list(read_corpus(split))
    assert [(d.name, d.annotator, d.published) for d in docs] == [
        ("doc_one", "ab12", "2016-09-12"),
        ("doc_one", "cd34", "2016-09-12"),
    ]
    assert docs[0].text == "Line one.\r\n\r\nLine two."  # newlines untranslated, as the offsets count them
    assert len(list(read_corpus(split, limit=1))) == 1


def test_trim_strips_quotes_punctuation_and_space() -> None:
    """Trimming removes surrounding quote marks, punctuation and whitespace, and nothing inside."""
    assert trim(TEXT, at('"the plan works."')) == at("the plan works")
    assert trim(TEXT, at(" Critics disagree,")) == at("Critics disagree")
    assert trim('" . "', (0, 5)) is None


def test_score_document_exact_overlap_attribution_and_kinds() -> None:
    """Hand-made predictions give exactly the expected counts, including the no-source rule."""
    pred = [
        rel("Officials", "said", "the plan works"),  # all right after trimming
        rel("Critics", "seems", "Critics disagree"),  # content right, but gold has no source
        rel("mayor", "believes", "taxes will"),  # content Jaccard 10/15, source overlaps
    ]
    counts = score_document(TEXT, GOLD, pred)
    assert [counts[f"exact.source.{k}"] for k in ("tp", "fp", "fn")] == [1, 2, 1]
    assert [counts[f"exact.cue.{k}"] for k in ("tp", "fp", "fn")] == [2, 1, 1]
    assert [counts[f"exact.content.{k}"] for k in ("tp", "fp", "fn")] == [2, 1, 1]
    assert [counts[f"content_overlap.{k}"] for k in ("tp", "fp", "fn")] == [3, 0, 0]
    assert [counts[f"attribution.{k}"] for k in ("tp", "fp", "fn")] == [2, 1, 1]
    tally = Tally()
    tally.add(counts, seconds=2.0)
    figures = tally.figures()
    assert figures["attribution.f1"] == pytest.approx(2 / 3)
    assert figures["content_overlap.f1"] == 1.0
    assert figures["kind.direct.recall"] == 1.0
    assert figures["kind.indirect.recall"] == 1.0
    assert figures["kind.unattributed.recall"] == 0.0
    assert figures["documents_per_second"] == 0.5


def test_no_source_prediction_matches_no_source_gold() -> None:
    """A gold relation without a source is right when the prediction has no speaker either."""
    counts = score_document(TEXT, [GOLD[1]], [rel(None, "it seems", "Critics disagree")])
    assert counts["attribution.tp"] == 1 and counts["exact.source.fp"] == 0


def test_overlap_rule_accepts_jaccard_or_coverage() -> None:
    """Content matches at Jaccard ≥ 0.5 or when the prediction covers ≥ 0.8 of the gold content."""
    gold = frozenset(range(100, 115))
    assert content_match(frozenset(range(100, 110)), gold)  # Jaccard 10/15
    assert content_match(frozenset(range(80, 120)), gold)  # Jaccard 15/40 but covers all of gold
    assert not content_match(frozenset(range(100, 107)), gold)  # Jaccard 7/15, covers 7/15
    assert not content_match(frozenset(), gold)


def test_gold_kind_from_quote_marks() -> None:
    """Whole content in quotes is direct, some quotes mixed, none indirect, no source unattributed."""
    text = 'He said "we will win" and that it was "a great day" for all.'
    direct = Rel((at("He", text),), (at("said", text),), (at("we will win", text),))
    assert gold_kind(text, direct) == "direct"
    mixed = Rel((at("He", text),), (at("said", text),), (at('it was "a great day" for all', text),))
    assert gold_kind(text, mixed) == "mixed"
    assert gold_kind(TEXT, GOLD[2]) == "indirect"
    assert gold_kind(TEXT, GOLD[1]) == "unattributed"


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="PolNeAR corpus not available")
@pytest.mark.parametrize("engine", ["product", "model"])
def test_eval_polnear_command_on_three_dev_documents(engine: str) -> None:
    """`according eval polnear DEV --limit 3 --json` prints one flat JSON object with the figures."""
    from according.cli import app

    result = CliRunner().invoke(
        app, ["eval", "polnear", str(POLNEAR_DEV), "--limit", "3", "--json", "--engine", engine]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["documents"] == 3
    keys = ("attribution.f1", "content_overlap.f1", "exact.source.f1", "exact.cue.f1", "kind.direct.recall")
    for key in keys:
        assert 0.0 <= figures[key] <= 1.0
    assert figures["kind.direct.gold"] + figures["kind.indirect.gold"] > 0


def test_misses_lists_unmatched_gold_and_spurious_predictions_with_texts() -> None:
    doc = GoldDocument(name="d", annotator="a", text=TEXT, published=None, relations=GOLD)
    pred = [GOLD[0], rel("Critics", "disagree", "The mayor believes")]
    found = list(misses(doc, pred))
    assert [m["error"] for m in found] == ["missed", "missed", "spurious"]
    assert found[0]["gold"] == {"source": [], "cue": ["it seems"], "content": ["Critics disagree"]}
    assert found[2]["pred"]["cue"] == ["disagree"]
