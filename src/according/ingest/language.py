"""The language of an article's text, from py3langid (langid.py's model, shipped inside the package).

Short Latin-script texts say little about their language: below ``MIN_WORDS`` words, or when the model is
unsure, such a text is taken to be English, so a short English sentence is never refused.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_WORDS = 12
MIN_CONFIDENCE = 0.95
SAMPLE_CHARS = 5000
WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def identifier():
    """py3langid's identifier with normalised probabilities, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def latin_share(text: str) -> float:
    """Share of the letters of ``text`` that are Latin (1.0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c <= "\u024f" for c in letters) / len(letters) if letters else 1.0


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language. Text mostly in another script is never English; Latin-script
    text is English unless it is long enough and the model is sure."""
    sample = text[:SAMPLE_CHARS]
    if latin_share(sample) < 0.5:
        return identifier().classify(sample)[0]
    if len(WORD_RE.findall(sample)) < MIN_WORDS:
        return "en"
    language, confidence = identifier().classify(sample)
    return language if confidence >= MIN_CONFIDENCE else "en"
