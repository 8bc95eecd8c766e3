"""The tagger's features from token arrays equal the reference features it was trained with."""

import json

import pytest

from according.extract.attribution import features as attribution_features
from according.extract.attribution import model as attribution_model
from according.nlp import load
from conftest import CORPORA, EXAMPLES

ODD_TEXTS = ['He said "yes now" and “no” today.\n\n"Open', "", " ", "\n\nA.\n\n", "“Quote”, he said."]


def lexicon() -> frozenset[str]:
    """The shipped cue lexicon (empty without the model)."""
    tagger = attribution_model.load_tagger()
    return tagger.lexicon if tagger else frozenset()


@pytest.mark.parametrize("words", [lexicon(), frozenset()], ids=["lexicon", "no-lexicon"])
def test_array_features_equal_the_reference_features(words):
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))] + ODD_TEXTS
    for text in texts:
        doc = load()(text)
        assert attribution_features.doc_features(doc, words) == attribution_model.doc_features(doc, words)


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPORA / "news" / "wikinews.jsonl").is_file(), reason="shared corpora absent")
def test_array_features_equal_the_reference_features_on_real_articles():
    lines = (CORPORA / "news" / "wikinews.jsonl").read_text("utf-8").splitlines()[:15]
    for line in lines:
        doc = load()(json.loads(line)["text"])
        expected = attribution_model.doc_features(doc, lexicon())
        assert attribution_features.doc_features(doc, lexicon()) == expected
