"""The lines under a post-mortem's title (``**Date:** 2026-01-30`` …), YAML front matter and two-column
metadata tables: which key means which field, and how each value is read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from core.import_values import parse_severity
from core.markdown_format import (
    ANCHOR_AT_LABELS,
    EXTRA_LABELS,
    HEADER_LABELS,
    parse_duration,
    parse_event_time,
    parse_yes_no,
    unescape_inline,
)
from core.markdown_reader import Block
from core.postmortem import Anchor, ReviewStatus
from core.section_readers import Reading, words
from core.validation import INCIDENT_ID, parse_enum

_KEYS = {
    "incident_date": "date|incident date|date of incident|day",
    "incident_id": "incident id|id|incident|incident number",
    "severity": "severity|sev|severity level",
    "duration": "duration|total duration|outage duration",
    "reporter": "reporter|author|authors|reported by|written by|prepared by",
    "incident_commander": "incident commander|ic|commander",
    "summary": "summary|one sentence summary|tldr|tl dr",
    "detection_method": "detection method|detection|detected by|how detected|how it was detected",
    "category": "category|incident category",
    "cause": "cause|cause category",
    "resolution_method": "resolution method",
    "rto_met": "rto met",
    "rpo_met": "rpo met",
    "status": "status|review status",
    "repeat_of": "repeat of",
    "recorded_duration": "recorded duration",
    "title": "title",
}
_KEYS.update({f"at:{a.value}": words(label) for a, label in ANCHOR_AT_LABELS.items()})
_KEYS[f"at:{Anchor.IMPACT_STARTED.value}"] += "|start|start time|started|impact start"
_KEYS[f"at:{Anchor.RESOLVED.value}"] += "|end|end time|ended"
_FIELD_OF = {phrase: name for name, phrases in _KEYS.items() for phrase in phrases.split("|")}
LABELS = {**HEADER_LABELS, **EXTRA_LABELS}

_KEY_VALUE = [
    re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<key>[^*\n]{1,60}?):\*\*[ \t]*(?P<value>.*)$"),
    re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<key>[^*\n]{1,60}?)\*\*[ \t]*:[ \t]*(?P<value>.*)$"),
    re.compile(r"^\s*(?:[-*+]\s+)?(?P<key>[A-Za-z][\w /()'-]{0,40}?)[ \t]*:[ \t]+(?P<value>.*)$"),
]


def key_value(line: str) -> tuple[str, str] | None:
    """``(key, raw value)`` of a ``**Key:** value`` or ``Key: value`` line."""
    for pattern in _KEY_VALUE:
        match = pattern.match(line)
        if match:
            return match["key"].strip(), match["value"].strip()
    return None


def field_of(key: str) -> str | None:
    """The field a header key names (``at:<anchor>`` for anchor times), or None."""
    return _FIELD_OF.get(words(key))


@dataclass
class HeaderValue:
    """One header entry as written."""

    field: str
    key: str
    value: str
    line: int


def collect(
    blocks: list[Block], reading: Reading, heading: str
) -> tuple[list[HeaderValue], list[tuple[int, str]]]:
    """Key/value entries of the header blocks, and the prose lines that are not entries."""
    entries: list[HeaderValue] = []
    prose: list[tuple[int, str]] = []

    def take(line: int, text: str, key: str, value: str) -> None:
        name = field_of(key)
        if name is None or any(e.field == name for e in entries):
            reading.leave(f"{heading}: {key}", line, text)
        else:
            entries.append(HeaderValue(name, key, value, line))

    for block in blocks:
        if block.kind == "table" and block.rows and all(len(cells) == 2 for _, cells in block.rows):
            for line, (key, value) in [(n, cells) for n, cells in block.rows]:
                if field_of(key):
                    take(line, f"{key}: {value}", key, value)
            continue
        pieces = (
            [(block.line + i, text) for i, text in enumerate(block.lines)]
            if block.kind == "paragraph"
            else [(item.line, item.text) for item in block.items]
            if block.kind == "list"
            else [(block.line, "\n".join(block.lines))]
        )
        for line, text in pieces:
            pair = key_value(text) if block.kind in ("paragraph", "list") else None
            if pair:
                take(line, text, *pair)
            elif block.kind in ("paragraph", "list") and text.strip():
                prose.append((line, text))
            elif text.strip():
                reading.leave(heading, line, text)
    return entries, prose


def front_matter(lines: list[str], reading: Reading) -> list[HeaderValue]:
    """Entries of a YAML front matter block (``---`` … ``---``); unknown keys are reported."""
    if not lines:
        return []
    try:
        data = yaml.safe_load("\n".join(lines[1:-1])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        reading.fail(mark.line + 2 if mark else 1, f"front matter is not valid YAML: {problem}")
    if not isinstance(data, dict):
        reading.fail(1, "front matter must be key: value lines")
    entries = []
    for key, value in data.items():
        line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)
        text = (
            value.isoformat()
            if isinstance(value, (date, datetime))
            else str(value if value is not None else "")
        )
        if isinstance(value, bool):
            text = "Yes" if value else "No"
        name = field_of(str(key))
        if name is None:
            reading.leave(f"front matter: {key}", line, text)
        else:
            entries.append(HeaderValue(name, str(key), text.replace("\\", "\\\\"), line))
    return entries


def apply(entry: HeaderValue, reading: Reading) -> None:
    """Store one header entry on the post-mortem (the date and title are taken before)."""
    pm, name, raw, line = reading.pm, entry.field, entry.value, entry.line
    value = unescape_inline(raw).strip()
    reading.lines[name] = line
    try:
        if name in ("incident_date", "title"):
            return
        if name == "incident_id":
            if value and not INCIDENT_ID.match(value):
                reading.warnings.append(
                    f"line {line}: incident id {value!r} is not of the form INC-YYYY-MM-DD-NNN;"
                    " the store assigns one"
                )
                reading.leave(f"header: {entry.key}", line, value)
            else:
                pm.incident_id = value or None
        elif name == "severity":
            if value:
                pm.severity, warning = parse_severity(value)
                if warning:
                    reading.warnings.append(f"line {line}: {warning}")
        elif name in ("duration", "recorded_duration"):
            setattr(reading, f"header_{name}", parse_duration(value) if value else None)
        elif name in ("rto_met", "rpo_met"):
            setattr(pm, name, parse_yes_no(value))
        elif name == "status":
            problems: list = []
            status = parse_enum(ReviewStatus, value, "status", problems)
            if problems:
                raise ValueError(problems[0].message)
            pm.status = status
        elif name == "repeat_of":
            pm.repeat_of = value or None
        elif name.startswith("at:"):
            anchor = Anchor(name[3:])
            day, clock = parse_event_time(value)
            pm.timestamps[anchor] = datetime.combine(day or pm.incident_date, clock)
            reading.lines[f"timestamps.{anchor.value}"] = line
        else:
            setattr(pm, name, value)
    except ValueError as exc:
        reading.fail(line, f"{LABELS.get(name, entry.key)}: {exc}")
