"""Inline switches written as HTML comments.

```
<!-- blameless-disable-next-line BL003 -->   no BL003 finding on the next non-blank line (all rules without ids)
<!-- blameless-disable -->                   nothing reported from here ...
<!-- blameless-enable -->                    ... to here (ids work here too)
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Finding

DIRECTIVE = re.compile(
    r"<!--\s*blameless-(disable-next-line|disable|enable)\b((?:\s+[A-Za-z]{2}\d{3},?)*)\s*-->", re.IGNORECASE
)
ALL = "*"


@dataclass(slots=True)
class Switches:
    next_line: dict[int, set[str]] = field(default_factory=dict)  # line -> rule ids (or ALL)
    ranges: list[tuple[int, int, set[str]]] = field(default_factory=list)  # first line, last line, rule ids

    def suppresses(self, finding: Finding) -> bool:
        rules = self.next_line.get(finding.line, set())
        if ALL in rules or finding.rule_id in rules:
            return True
        return any(
            first <= finding.line <= last and (ALL in ids or finding.rule_id in ids)
            for first, last, ids in self.ranges
        )

    def filter(self, findings: list[Finding]) -> list[Finding]:
        if not self.next_line and not self.ranges:
            return findings
        return [finding for finding in findings if not self.suppresses(finding)]


def _ids(text: str) -> set[str]:
    ids = {word.upper() for word in re.findall(r"[A-Za-z]{2}\d{3}", text)}
    return ids or {ALL}


def parse_switches(text: str, comments: list[tuple[int, int]] | None = None) -> Switches:
    """Switches in `text`; `comments` limits the search to these (start, end) ranges (HTML comments in Markdown)."""
    switches = Switches()
    regions = comments if comments is not None else [(0, len(text))]
    lines = text.split("\n")
    open_ranges: dict[str, int] = {}
    for start, end in regions:
        for match in DIRECTIVE.finditer(text, start, end):
            action, ids = match.group(1).lower(), _ids(match.group(2))
            line = text.count("\n", 0, match.end()) + 1
            if action == "disable-next-line":
                target = line + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                switches.next_line.setdefault(target, set()).update(ids)
            elif action == "disable":
                for rule in ids:
                    open_ranges.setdefault(rule, line)
            else:
                closing = ids if ALL not in ids else set(open_ranges)
                for rule in closing:
                    if rule in open_ranges:
                        switches.ranges.append((open_ranges.pop(rule), line, {rule}))
    for rule, first in open_ranges.items():
        switches.ranges.append((first, len(lines) + 1, {rule}))
    return switches
