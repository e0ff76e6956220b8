"""Prose to lint, with a map from its characters back to the original file.

A `Prose` block is the text the linter reads (a paragraph, a heading, a list item, a table cell) together with the
pieces it was assembled from. Pieces copied verbatim map one to one; placeholders (inline code shown as "code",
a line break shown as a space) map to the place they stand for. Offsets reported to users always go through
`to_original`, so they point into the file as written.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class Prose:
    text: str = ""
    _starts: list[int] = field(default_factory=list)  # offset in `text` where each piece starts
    _origins: list[int] = field(default_factory=list)  # offset in the original where it comes from
    _exact: list[bool] = field(default_factory=list)
    _lengths: list[int] = field(default_factory=list)  # length in the original

    @classmethod
    def verbatim(cls, text: str, origin: int = 0) -> Prose:
        prose = cls()
        prose.add(text, origin)
        return prose

    def add(self, text: str, origin: int, exact: bool = True, original_length: int | None = None) -> None:
        if not text:
            return
        self._starts.append(len(self.text))
        self._origins.append(origin)
        self._exact.append(exact)
        self._lengths.append(len(text) if original_length is None else original_length)
        self.text += text

    def to_original(self, offset: int, end: bool = False) -> int:
        """The original offset of character `offset` of `text` (for `end`, of the position just after it)."""
        if not self._starts:
            return offset
        index = max(bisect_right(self._starts, offset - 1 if end else offset) - 1, 0)
        delta = offset - self._starts[index]
        if self._exact[index]:
            return self._origins[index] + delta
        return self._origins[index] + (self._lengths[index] if end and delta > 0 else 0)
