"""One number parser for dates and claims: cardinals in digits ("10,000", "2 1/2", "$1.13bn", "30%") or in
words ("twenty four", "two million", "a couple of", "two and a half"); vague counts ("several", "a few")
give ``VAGUE``. The words come from data/time_words.json."""

from __future__ import annotations

import re

from according.data import load

VAGUE = -1.0
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SUFFIXES = {**SCALES, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
SIGNS_RE = re.compile(r"[$€£¥%]|us\$|per ?cent")
DIGITS_RE = re.compile(r"[^\d]*?(\d+(?:\.\d+)?)(?:\s+(\d+)/(\d+))?\s*([a-z]*)")
HALF_RE = re.compile(r"\s*(?:and\s+)?(?:a\s+)?half$")


def parse_number(text: str) -> float | None:
    """A cardinal in digits or words; ``VAGUE`` for a vague count; None when the text is no number."""
    t = SIGNS_RE.sub("", text.strip().lower().replace(",", "")).strip()
    if not t:
        return None
    if t in load("time_words.json")["vague_numbers"]:
        return VAGUE
    half = HALF_RE.search(t)
    extra = 0.5 if half and half.start() > 0 else 0.0
    t = t[: half.start()] if extra else t
    digits = DIGITS_RE.fullmatch(t)
    if digits:
        whole, num, den, suffix = digits.groups()
        if suffix and suffix not in SUFFIXES:
            return None
        frac = int(num) / int(den) if num else 0.0
        return (float(whole) + frac + extra) * SUFFIXES.get(suffix, 1.0)
    value = words_number(t)
    return None if value is None else value + extra


def words_number(t: str) -> float | None:
    """Sum number words ("one hundred twenty", "two million", "a couple of"); None when a word is none."""
    numbers = load("time_words.json")["numbers"]
    tokens = [x for x in re.split(r"[\s-]+", t) if x not in ("and", "of")]
    if len(tokens) > 1 and tokens[0] == "half" and tokens[1] in ("a", "an"):  # "half a million", "half an"
        rest = words_number(" ".join(tokens[2:])) if len(tokens) > 2 else 1.0
        return None if rest is None else rest / 2
    if len(tokens) > 1 and tokens[0] in ("a", "an"):
        tokens = tokens[1:]
    # "two and a half million": the article of "a half" is no count of its own
    tokens = [x for i, x in enumerate(tokens) if not (x in ("a", "an") and tokens[i + 1 : i + 2] == ["half"])]
    total, current = 0.0, 0.0
    for token in tokens:
        if token in SCALES:
            scale = SCALES[token]
            if scale < 1000:
                current = max(current, 1) * scale
            else:
                total, current = total + max(current, 1) * scale, 0.0
        elif token in numbers:
            current += numbers[token]
        else:
            return None
    return total + current if tokens else None
