"""Words of the summary lines on stderr: counts with their nouns in the right number."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 input`` / ``3 inputs``; ``plural`` for a noun that takes no plain s (``2 entities``)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def batch_summary(inputs: int, errors: int) -> str:
    """``N inputs, M articles, K errors``: the last line of a batch on stderr (extract, spark)."""
    return f"{counted(inputs, 'input')}, {counted(inputs - errors, 'article')}, {counted(errors, 'error')}"
