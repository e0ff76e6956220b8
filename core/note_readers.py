"""Readers of the impact assessment, lessons learned and attachments sections of an imported post-mortem."""

from __future__ import annotations

import re

from core.markdown_format import IMPACT_LABELS, split_escaped, unescape_inline
from core.markdown_reader import Section
from core.postmortem import Attachment, LessonKind
from core.section_readers import Reading, paragraphs_and_items, words

_IMPACT_KEYS = {
    "users_affected": "users affected|users|affected users|customers affected|users impacted|customers",
    "services_affected": "services affected|services|affected services|systems affected|components|systems|"
    "services impacted",
    "data_loss": "data loss|data lost",
    "financial": "financial impact|financial|cost|revenue impact|revenue|financial cost",
    "reputational": "reputational impact|reputational|reputation|brand impact",
}
_IMPACT_FIELD = {phrase: name for name, phrases in _IMPACT_KEYS.items() for phrase in phrases.split("|")}


def read_impact(section: Section, reading: Reading) -> list[tuple[int, str, str]]:
    """Impact bullets (``- **Users Affected:** …``); free text goes to Users Affected when that is empty.
    Returns the entries of other keys (e.g. Duration) for the header reader."""
    from core.header_reader import key_value

    impact, free, others = reading.pm.impact, [], []
    for line, text, block in paragraphs_and_items(section):
        pieces = (
            [(line + i, p) for i, p in enumerate(text.split("\n"))]
            if block.kind == "paragraph"
            else [(line, text)]
        )
        if block.kind == "paragraph" and not all(key_value(p) for _, p in pieces):
            pieces = [(line, text)]
        for n, piece in pieces:
            pair = key_value(piece)
            name = _IMPACT_FIELD.get(words(pair[0])) if pair else None
            if pair and name:
                _impact_value(reading, name, pair[1], n)
            elif pair:
                others.append((n, pair[0], pair[1]))
            else:
                free.append((n, piece))
    for block in section.blocks:
        if block.kind not in ("list", "paragraph"):
            free.append((block.line, "\n".join(block.lines)))
    if free and not impact.users_affected:
        impact.users_affected = "\n\n".join(text for _, text in free)
        reading.lines["impact.users_affected"] = free[0][0]
        reading.warnings.append(
            f"line {free[0][0]}: free-text impact kept as {IMPACT_LABELS['users_affected']}"
        )
    else:
        for n, text in free:
            reading.leave(section.heading, n, text)
    return others


def _impact_value(reading: Reading, name: str, raw: str, line: int) -> None:
    impact = reading.pm.impact
    reading.lines[f"impact.{name}"] = line
    if name == "services_affected":
        impact.services_affected = [unescape_inline(s).strip() for s in split_escaped(raw, ",")]
        impact.services_affected = [s for s in impact.services_affected if s]
    elif name == "data_loss":
        exact = re.match(r"^(Yes|No)(?:, (?P<amount>.*))?$", raw, re.DOTALL)
        loose = re.match(r"^(yes|no|none|true|false)\b[\s,;:.—–-]*(?P<amount>.*)$", raw, re.I | re.DOTALL)
        match = exact or loose
        if match:
            impact.data_loss = match.group(1).lower() in ("yes", "true")
            impact.data_loss_amount = unescape_inline(match["amount"] or "")
        else:
            impact.data_loss, impact.data_loss_amount = True, unescape_inline(raw)
            reading.warnings.append(
                f"line {line}: Data Loss {raw!r} does not start with Yes or No; read as Yes"
            )
    else:
        setattr(impact, name, unescape_inline(raw))


_LESSON_HINTS = [
    (
        LessonKind.COMMUNICATION,
        r"communicat|status page|customer|notif|announce|stakeholder|update(?:s|d)? to",
    ),
    (LessonKind.PROCESS, r"runbook|process|checklist|review|training|procedure|on-?call|playbook|owner"),
]


def read_lessons(section: Section, reading: Reading, kind: LessonKind | None) -> None:
    """Lesson items under Technical / Process / Communication; items without a kind are sorted by wording."""
    for line, text, _ in paragraphs_and_items(section):
        target = kind
        if target is None:
            target = next(
                (k for k, hint in _LESSON_HINTS if re.search(hint, text, re.I)), LessonKind.TECHNICAL
            )
            reading.warnings.append(
                f"line {line}: lesson without a Technical/Process/Communication heading; "
                f"filed under {target.value.capitalize()}"
            )
        values = getattr(reading.pm.lessons, target.value)
        reading.lines[f"lessons.{target.value}[{len(values)}]"] = line
        values.append(text)
    for block in section.blocks:
        if block.kind not in ("list", "paragraph"):
            reading.leave(section.heading, block.line, "\n".join(block.lines))


_LINK = re.compile(r"^\[(?P<label>(?:\\.|[^\]\\])*)\]\(<?(?P<url>.*?)>?\)$", re.DOTALL)
_BARE = re.compile(r"^<?(?P<url>https?://\S+?)>?$")
_LABELLED = re.compile(r"^(?P<label>.+?)\s*(?:[:—–]|\s-)\s*<?(?P<url>https?://\S+?)>?$", re.DOTALL)


def read_attachments(section: Section, reading: Reading) -> None:
    """``- [label](url)``, ``- label: url`` or a bare URL per item; items without a link are reported."""
    for line, text, _ in paragraphs_and_items(section):
        match = _LINK.match(text) or _BARE.match(text) or _LABELLED.match(text)
        if not match:
            reading.leave(section.heading, line, text)
            reading.warnings.append(f"line {line}: attachment without an http(s) link not imported")
            continue
        label = unescape_inline(match.groupdict().get("label") or match["url"])
        reading.lines[f"attachments[{len(reading.pm.attachments)}]"] = line
        reading.pm.attachments.append(Attachment(label, match["url"]))
    for block in section.blocks:
        if block.kind not in ("list", "paragraph"):
            reading.leave(section.heading, block.line, "\n".join(block.lines))
