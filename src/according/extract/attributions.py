"""Attributions: quotes and reported speech with speaker, cue and relay chain."""

from __future__ import annotations

from according.context import Context
from according.records import Attribution
from according.registry import register


@register("attributions", field="attributions")
def extract_attributions(ctx: Context) -> list[Attribution]:
    """Placeholder."""
    return []
