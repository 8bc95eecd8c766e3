"""Per-speaker colours: the n-th distinct speaker of an article gets the n-th colour.

The same order is used by the terminal view when render.py offers a palette; the names are Rich / CSS
colour names so both views can share them. The CSS classes ``sp0``…``sp9`` in static/style.css are drawn
from this list (a test keeps them in step).
"""

from __future__ import annotations

from collections.abc import Iterable

# (terminal colour name, light shade for the background, strong shade for borders and text)
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("blue", "#dbe9ff", "#1f5fbf"),
    ("dark_orange", "#ffe4c7", "#b35900"),
    ("green", "#d9f2dc", "#217a32"),
    ("magenta", "#f6daf3", "#9c2a8e"),
    ("cyan", "#d4f1f4", "#137a86"),
    ("red", "#fbdada", "#b32020"),
    ("yellow", "#fbf1bf", "#8a6d00"),
    ("purple", "#e6defa", "#5b3aa8"),
    ("spring_green", "#d7f5e9", "#11795a"),
    ("orange_red", "#ffdccf", "#b33a12"),
)


def speaker_colours(keys: Iterable[str]) -> dict[str, int]:
    """Palette index for each distinct non-empty key, in order of first appearance (cycling)."""
    colours: dict[str, int] = {}
    for key in keys:
        if key and key not in colours:
            colours[key] = len(colours) % len(PALETTE)
    return colours
