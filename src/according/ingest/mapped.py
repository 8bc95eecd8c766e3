"""Text with an offset map back to the original input, so cleaned text never loses its place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MappedText:
    """Cleaned text where ``offsets[i]`` is the index in the original text of ``text[i]``.

    Pieces are collected and joined once when ``text`` is read, so building a long text stays linear.
    """

    offsets: list[int] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned text so far."""
        if len(self.pieces) > 1:
            self.pieces[:] = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""

    def append_original(self, original: str, start: int, end: int) -> None:
        """Copy ``original[start:end]`` verbatim, keeping each character's position."""
        self.pieces.append(original[start:end])
        self.offsets.extend(range(start, end))

    def append_synthetic(self, chars: str, at: int) -> None:
        """Add characters that do not exist in the original (separators), pinned to ``at``."""
        self.pieces.append(chars)
        self.offsets.extend([at] * len(chars))

    def starts_in_original(self, starts: list[int]) -> list[int]:
        """Where each of these positions of the cleaned text starts in the original (``to_original``'s
        start for each, in one pass)."""
        if not self.offsets:
            return [0] * len(starts)
        offsets, last = self.offsets, len(self.offsets) - 1
        return [offsets[min(max(i, 0), last)] for i in starts]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the cleaned text to a half-open span of the original."""
        if not self.offsets:
            return (0, 0)
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end, start + 1), len(self.offsets))
        return self.offsets[start], self.offsets[end - 1] + 1
