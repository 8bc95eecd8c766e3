"""Score a run on one document against a hand-made gold record (see ../shared/examples)."""

from __future__ import annotations


def command() -> None:
    """Placeholder."""
