"""Reader of an imported post-mortem's root-cause analysis: five whys (numbered ``Why?`` items or lines),
``**Problem:**`` and ``**Root Cause:**`` lines, or plain prose naming the root cause."""

from __future__ import annotations

import re

from core.markdown_format import PROBLEM_LABEL, WHY_PREFIX, unescape_inline
from core.markdown_reader import Block, Section
from core.section_readers import Reading, paragraphs_and_items


def read_causes(section: Section, reading: Reading, kind: str) -> None:
    """Five whys (numbered ``Why?`` items or lines), ``**Problem:**`` and ``**Root Cause:**``; in a root-cause
    section, prose without those labels is the root cause."""
    pm, prose = reading.pm, []
    for line, text, block in paragraphs_and_items(section) + _code_lines(section):
        for n, piece in _labelled_lines(line, text, block):
            label = re.match(
                r"^(?:\*\*)?(problem|root cause)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<v>.*)$",
                piece,
                re.IGNORECASE | re.DOTALL,
            )
            why = re.match(r"^(?:\*\*)?why(?:\s*\d+)?\s*[?:](?:\*\*)?\s*(?P<v>.*)$", piece, re.I | re.S)
            if label and label.group(1).lower() == PROBLEM_LABEL.lower():
                pm.problem, reading.lines["problem"] = unescape_inline(label["v"]), n
            elif label:
                if pm.root_cause:
                    reading.leave(section.heading, n, piece)
                else:
                    pm.root_cause, reading.lines["root_cause"] = unescape_inline(label["v"]), n
            elif why or (block.kind == "list" and kind == "whys"):
                answer = (
                    piece[len(WHY_PREFIX) :] if piece.startswith(WHY_PREFIX) else (why["v"] if why else piece)
                )
                reading.lines[f"whys[{len(pm.whys)}]"] = n
                pm.whys.append(answer)
            else:
                prose.append((n, piece))
    for block in section.blocks:
        if block.kind not in ("list", "paragraph", "code"):
            prose.append((block.line, "\n".join(block.lines)))
    if prose and kind == "rca" and not pm.root_cause:
        pm.root_cause = "\n\n".join(text for _, text in prose)
        reading.lines["root_cause"] = prose[0][0]
    else:
        for n, text in prose:
            reading.leave(section.heading, n, text)


def _code_lines(section: Section) -> list[tuple[int, str, Block]]:
    out = []
    for block in section.blocks:
        if block.kind == "code":
            out += [
                (block.line + i, text.strip(), Block("code-line", block.line + i, [text]))
                for i, text in enumerate(block.lines)
                if text.strip() and not text.lstrip().startswith(("```", "~~~"))
            ]
    return out


def _labelled_lines(line: int, text: str, block: Block) -> list[tuple[int, str]]:
    """Paragraph text cut into lines when its lines carry labels (Why? / **Root Cause:**), else whole."""
    if block.kind != "paragraph":
        return [(line, text)]
    pieces = text.split("\n")
    if len(pieces) > 1 and all(re.match(r"^(?:\*\*)?(?:why|problem|root cause)\b", p, re.I) for p in pieces):
        return [(line + i, p) for i, p in enumerate(pieces)]
    return [(line, text)]
