"""Entities: spaCy NER corrected by the shipped registry, clustered into canonical entities."""

from __future__ import annotations

from according.context import Context
from according.records import Entity
from according.registry import register


@register("entities", field="entities")
def extract_entities(ctx: Context) -> list[Entity]:
    """Placeholder."""
    return []
