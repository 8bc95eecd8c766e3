"""Shared scoring helpers: text normalisation, locating gold strings in a text, span overlap, P/R/F1."""

from __future__ import annotations

import re

QUOTE_CHARS = "“”„\"‘’'«»`"
_QUOTES_RE = re.compile(f"[{re.escape(QUOTE_CHARS)}]")


def normalise(text: str) -> str:
    """Lower case, quote marks removed, whitespace collapsed: the lenient form gold strings match in."""
    return " ".join(_QUOTES_RE.sub("", text).lower().split())


def normalised_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` plus, for each of its characters, the index of the source character."""
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if char in QUOTE_CHARS:
            continue
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char.lower())
        index.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


def locate(text: str, needle: str, norm: tuple[str, list[int]] | None = None) -> tuple[int, int] | None:
    """Where a gold string occurs in ``text`` (leniently), as original character offsets."""
    haystack, index = norm or normalised_with_map(text)
    target = normalise(needle)
    pos = haystack.find(target) if target else -1
    if pos < 0:
        return None
    return index[pos], index[pos + len(target) - 1] + 1


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def covers(pred: tuple[int, int], gold: tuple[int, int]) -> float:
    """Share of the gold span that the predicted span covers."""
    inter = max(0, min(pred[1], gold[1]) - max(pred[0], gold[0]))
    return inter / (gold[1] - gold[0]) if gold[1] > gold[0] else 0.0


def content_matches(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    """The gold README's rule: Jaccard >= 0.5, or the prediction covers >= 0.8 of the gold span."""
    return jaccard(pred, gold) >= 0.5 or covers(pred, gold) >= 0.8


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Counts with precision, recall and F1 (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def names_match(a: str, b: str) -> bool:
    """Lenient name equality: same normalised words, or one ends with the other ("state news agency KCNA")."""
    x, y = normalise(a).removeprefix("the "), normalise(b).removeprefix("the ")
    return bool(x and y) and (x == y or x.endswith(" " + y) or y.endswith(" " + x))
