"""A finding: one place in a text where blame language was detected."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field, replace

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class Finding:
    """One match of one rule.

    `start`/`end` are character offsets into the original text (a Markdown file, a pasted draft), `line` and
    `column` are 1-based and point at `start`. `suggestions` always holds at least one system-focused rewording
    of `sentence` or a reflective question.
    """

    rule_id: str
    kind: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    sentence: str
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def shifted(self, offset: int, line: int, column: int) -> Finding:
        """The same finding with its offsets moved into a larger text."""
        return replace(self, start=self.start + offset, end=self.end + offset, line=line, column=column)


class LineIndex:
    """Fast offset -> (line, column) for one text, for many findings."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        position = text.find("\n")
        while position != -1:
            self._starts.append(position + 1)
            position = text.find("\n", position + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1
