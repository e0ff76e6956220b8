"""`--fix`: apply the first rewording of each flagged sentence to the original text."""

from __future__ import annotations

import difflib

from .finding import Finding


def rewording(finding: Finding) -> str | None:
    """The first suggestion that is a rewording (questions are for the author, not for the file)."""
    return next((s for s in finding.suggestions if not s.rstrip().endswith("?")), None)


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int, int]:
    """The revised text, the number of sentences rewritten, and the number left for the author.

    A sentence is only rewritten when it appears verbatim in `text` around its finding (a sentence with inline
    Markdown such as links or code is left alone and counted as not fixed).
    """
    edits: dict[tuple[int, int], str] = {}
    unfixed: set[tuple[int, int]] = set()
    for finding in findings:
        start = text.rfind(finding.sentence, 0, finding.start + len(finding.sentence))
        span = (start, start + len(finding.sentence))
        replacement = rewording(finding)
        if start < 0 or not (span[0] <= finding.start < span[1]) or replacement is None:
            unfixed.add((finding.start, finding.end) if start < 0 else span)
            continue
        edits.setdefault(span, replacement)
    unfixed -= set(edits)
    revised = text
    previous_start = len(text) + 1
    for (start, end), replacement in sorted(edits.items(), reverse=True):
        if end > previous_start:  # overlapping sentences: keep the later edit only
            continue
        revised = revised[:start] + replacement + revised[end:]
        previous_start = start
    return revised, len(edits), len(unfixed)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{path.lstrip('/')}",
            f"b/{path.lstrip('/')}",
        )
    )
