"""Text with an offset map back to the original input, so cleaned text never loses its place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MappedText:
    """Cleaned text where ``offsets[i]`` is the index in the original text of ``text[i]``."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def append_original(self, original: str, start: int, end: int) -> None:
        """Copy ``original[start:end]`` verbatim, keeping each character's position."""
        self.text += original[start:end]
        self.offsets.extend(range(start, end))

    def append_synthetic(self, chars: str, at: int) -> None:
        """Add characters that do not exist in the original (separators), pinned to ``at``."""
        self.text += chars
        self.offsets.extend([at] * len(chars))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text to a half-open span of the original."""
        if not self.offsets:
            return (0, 0)
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end, start + 1), len(self.offsets))
        return self.offsets[start], self.offsets[end - 1] + 1
