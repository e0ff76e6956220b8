"""Reader of an imported post-mortem's timeline: a table (Time / Event / Owner, optionally Anchor),
bullets such as ``- 09:40 — event`` or lines such as ``2026-01-30 08:00    event`` in a code block."""

from __future__ import annotations

import re
from datetime import datetime

from core.anchor_inference import NO_ANCHOR, Marker
from core.import_values import parse_anchor
from core.markdown_format import NO_ANCHOR_WORD, parse_event_time, resolve_clock
from core.markdown_reader import Section
from core.section_readers import Reading, TimelineRow, column_map, column_value, leave_columns, words

_TIME_FIRST = re.compile(
    r"^(?:\*\*|`)?(?P<time>(?:\d{4}-\d{2}-\d{2}[ T,]+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|Z)\b)?)"
    r"(?:\*\*|`)?"
    r"(?:\s*[—–|:-]+\s*|\s+)(?P<event>\S.*)$",
    re.DOTALL | re.IGNORECASE,
)
_TIMELINE_COLUMNS = {
    "time": "time|when|timestamp|utc|time utc|clock",
    "date": "date|day",
    "event": "event|events|description|what happened|what|details|activity|action",
    "owner": "owner|who|actor|by|person|team|responder|source",
    "anchor": "anchor|kind|milestone",
}


def add_row(
    reading: Reading, line: int, when: str, event: str, owner: str = "", marker: Marker = None
) -> None:
    """Read one timeline row's time (bare HH:MM on the incident date, or after the row before it)."""
    try:
        day, clock = parse_event_time(when)
    except ValueError as exc:
        reading.fail(line, f"timeline row: {exc}")
    previous = reading.rows[-1].time if reading.rows else None
    if day is not None:
        moment = datetime.combine(day, clock)
    else:
        moment = resolve_clock(clock, reading.pm.incident_date, previous)
        if moment.date() != reading.pm.incident_date:
            reading.warnings.append(
                f"line {line}: {when.strip()} is earlier than the row before; read as "
                f"{moment:%Y-%m-%d %H:%M} (the timeline crossed midnight)"
            )
    reading.lines[f"timeline[{len(reading.rows)}]"] = line
    reading.rows.append(TimelineRow(line, moment, event.strip(), owner.strip(), marker))


def read_timeline(section: Section, reading: Reading) -> None:
    """A table (Time / Event / Owner [/ Anchor]), bullets ``- 09:40 — event`` or lines of a code block."""
    for block in section.blocks:
        if block.kind == "table" and block.rows:
            columns, unknown = column_map(block.rows[0][1], _TIMELINE_COLUMNS)
            if "time" not in columns:
                reading.fail(block.line, "timeline table: no Time column (expected 'Time (UTC)')")
            leave_columns(reading, section, block, unknown)
            for line, cells in block.rows[1:]:
                marker_text = column_value(cells, columns, "anchor")
                try:
                    marker = NO_ANCHOR if marker_text.lower() == NO_ANCHOR_WORD else parse_anchor(marker_text)
                except ValueError as exc:
                    reading.fail(line, f"timeline row: {exc}")
                when = " ".join(
                    filter(None, [column_value(cells, columns, "date"), column_value(cells, columns, "time")])
                )
                add_row(
                    reading,
                    line,
                    when,
                    column_value(cells, columns, "event"),
                    column_value(cells, columns, "owner"),
                    marker,
                )
        elif block.kind == "list":
            for item in block.items:
                _timeline_text(reading, section, item.line, item.text)
        elif block.kind in ("paragraph", "code"):
            offset = 1 if block.kind == "code" and block.lines[0].lstrip().startswith(("```", "~~~")) else 0
            for n, text in enumerate(block.lines[offset:], block.line + offset):
                if text.strip() and not text.lstrip().startswith(("```", "~~~")):
                    _timeline_text(reading, section, n, text.strip(), quiet_headers=True)
        else:
            reading.leave(section.heading, block.line, "\n".join(block.lines))


def _timeline_text(
    reading: Reading, section: Section, line: int, text: str, quiet_headers: bool = False
) -> None:
    match = _TIME_FIRST.match(text)
    if match:
        add_row(reading, line, match["time"], match["event"])
    elif re.match(r"^\d{1,2}[:.h]\d", text):
        reading.fail(line, f"timeline row: unreadable time at the start of {text[:40]!r}; expected HH:MM")
    elif not (quiet_headers and (re.fullmatch(r"[-=\s|]+", text) or words(text).startswith("time"))):
        reading.leave(section.heading, line, text)
