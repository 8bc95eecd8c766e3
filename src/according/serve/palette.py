"""Per-speaker colours, the same as the terminal view's (``according.render.SPEAKER_PALETTE``).

The n-th distinct speaker of an article gets the n-th colour, exactly as ``render.speaker_colours`` counts
them; the page shades quotations with a light tint of that colour and draws speaker names in the colour
itself. The CSS classes ``sp0``…``sp9`` in static/style.css are generated from this list (``css()``; a test
keeps the file in step).
"""

from __future__ import annotations

from collections.abc import Iterable

from according.render import NO_SPEAKER, SPEAKER_PALETTE


def tint(colour: str, strength: float = 0.22) -> str:
    """The colour mixed with white (``strength`` of the colour), as #rrggbb."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in rgb)


# (strong colour for speaker names and borders, light tint for the quotation's background)
PALETTE: tuple[tuple[str, str], ...] = tuple((colour, tint(colour)) for colour in SPEAKER_PALETTE)


def speaker_colours(keys: Iterable[str]) -> dict[str, int]:
    """Palette index for each speaker key in order of first appearance (as render.speaker_colours)."""
    colours: dict[str, int] = {}
    for key in keys:
        if key and key != NO_SPEAKER and key not in colours:
            colours[key] = len(colours) % len(PALETTE)
    return colours


def css() -> str:
    """The speaker classes of static/style.css."""
    return "\n".join(
        f".sp{i} {{ background: {light}; }}\n"
        f".who{i} {{ border-bottom: 3px solid {strong}; color: {strong}; }}\n"
        f".chip.sp{i} {{ background: {strong}; }}"
        for i, (strong, light) in enumerate(PALETTE)
    )
