"""PLOVER events: type, mode, actors, recipients, date and evidence."""

from __future__ import annotations

from according.context import Context
from according.records import Event
from according.registry import register


@register("events", field="events")
def extract_events(ctx: Context) -> list[Event]:
    """Placeholder until the events extractor lands."""
    return []
