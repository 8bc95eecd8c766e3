"""The spaCy loader: one model name in settings, paragraph breaks that the parser respects."""

import pytest

from according.nlp import load, text_of


def test_sentences_never_cross_a_blank_line():
    doc = load()("The minister spoke to reporters\n\nThe crowd cheered")
    starts = [sent.start_char for sent in doc.sents]
    assert doc.text.index("The crowd") in starts


def test_text_of_is_cached_and_equal():
    doc = load()("One sentence here.")
    assert text_of(doc) == doc.text and text_of(doc) is text_of(doc)


def test_unknown_model_gives_a_clear_error(monkeypatch):
    monkeypatch.setenv("ACCORDING_SPACY_MODEL", "no_such_model_xyz")
    load.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="not installed"):
            load()
    finally:
        monkeypatch.delenv("ACCORDING_SPACY_MODEL")
        load.cache_clear()


def test_cached_rule_components_and_numpy_matrices_give_the_models_own_annotations():
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    from conftest import EXAMPLES

    fast, plain = load(), load(None, False)
    assert "according_attributes" in fast.pipe_names and "attribute_ruler" in plain.pipe_names
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("Y'all gonna let's c'mon, there's one. It ain't gets got. \n\n  Spaces  here\n")
    for text in texts * 2:  # the second time from the caches
        attrs = [POS, TAG, MORPH, LEMMA, SENT_START, HEAD, DEP, ENT_IOB, ENT_TYPE]
        assert (fast(text).to_array(attrs) == plain(text).to_array(attrs)).all()


def test_the_products_model_multiplies_matrices_with_numpy_not_blis():
    fast, plain = load(), load(None, False)
    layers = [layer for _, pipe in fast.pipeline if hasattr(pipe, "model") for layer in pipe.model.walk()]
    assert layers and all(not getattr(layer.ops, "use_blis", False) for layer in layers)
    assert any(getattr(layer.ops, "use_blis", False) for layer in plain.get_pipe("parser").model.walk())


def test_one_blas_thread_limits_blas_only_inside_the_block():
    from threadpoolctl import threadpool_info

    from according.nlp import one_blas_thread

    def blas_threads():
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    assert before, "numpy loads a BLAS library"
    with one_blas_thread():
        assert all(n == 1 for n in blas_threads())
    assert blas_threads() == before
