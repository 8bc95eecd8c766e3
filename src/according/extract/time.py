"""Time expressions normalised against the publication date."""

from __future__ import annotations

from according.context import Context
from according.records import TimeExpression
from according.registry import register


@register("times", field="times")
def extract_times(ctx: Context) -> list[TimeExpression]:
    """Placeholder until the time extractor lands."""
    return []
