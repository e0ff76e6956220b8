"""The Markdown spelling of a post-mortem shared by the writer and the reader: labels, escaping, times.

Text sections are stored as Markdown source. Three escapes keep any text from breaking the layout:

- a line of a block of text (summary, resolution, list item) that could start a heading, fence, HTML block or
  setext underline gets a leading backslash;
- a one-line value (title, header field, table cell, impact bullet) spells a line break ``<br>``, a backslash
  ``\\\\``, a literal ``<br>`` ``\\<br>`` and, in table cells, a pipe ``\\|``;
- list separators inside a value (a comma in a service name) are escaped the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from core.postmortem import Anchor, format_duration

TITLE_PREFIX = "Post-Mortem: "

HEADER_LABELS = {
    "incident_date": "Date",
    "incident_id": "Incident ID",
    "severity": "Severity",
    "duration": "Duration",
    "reporter": "Reporter",
}

# Fields the template has no place for: written after the template's header lines, only when set.
EXTRA_LABELS = {
    "incident_commander": "Incident Commander",
    "summary": "Summary",
    "detection_method": "Detection Method",
    "category": "Category",
    "cause": "Cause",
    "resolution_method": "Resolution Method",
    "rto_met": "RTO Met",
    "rpo_met": "RPO Met",
    "status": "Status",
    "repeat_of": "Repeat Of",
    "recorded_duration": "Recorded Duration",
}

ANCHOR_AT_LABELS = {
    Anchor.IMPACT_STARTED: "Impact Started At",
    Anchor.DETECTED: "Detected At",
    Anchor.ACKNOWLEDGED: "Acknowledged At",
    Anchor.DECLARED: "Declared At",
    Anchor.ROOT_CAUSE_IDENTIFIED: "Root Cause Identified At",
    Anchor.MITIGATED: "Mitigated At",
    Anchor.RESOLVED: "Resolved At",
    Anchor.CONFIRMED_STABLE: "Confirmed Stable At",
}

IMPACT_LABELS = {
    "users_affected": "Users Affected",
    "services_affected": "Services Affected",
    "data_loss": "Data Loss",
    "financial": "Financial Impact",
    "reputational": "Reputational Impact",
}

TIMELINE_COLUMNS = ("Time (UTC)", "Event", "Owner")
ANCHOR_COLUMN = "Anchor"
NO_ANCHOR_WORD = "none"
ACTION_COLUMNS = ("ID", "Priority", "Action", "Owner", "Due Date", "Status")
# Per-row extras of action items: extra columns, present only when some row has a value.
ACTION_EXTRA_COLUMNS = {
    "category": "Category",
    "completed_on": "Completed On",
    "verified_effective": "Verified",
    "verification_note": "Verification Note",
    "tracker_key": "Tracker",
}
SIGN_OFF_COLUMNS = ("Role", "Name", "Date")
WHY_PREFIX = "Why? "
ROOT_CAUSE_LABEL = "Root Cause"
PROBLEM_LABEL = "Problem"

_BLOCK_SPECIAL = re.compile(r"[ \t]*[#`~<\\]| {0,3}(?:=+|-+)[ \t]*$")
_PUNCTUATION = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_UNESCAPE = re.compile(rf"\\([{_PUNCTUATION}])|<br[ \t]*/?>", re.IGNORECASE)
_LITERAL_BR = re.compile(r"<(br[ \t]*/?>)", re.IGNORECASE)


def escape_block_line(line: str) -> str:
    """One line of a block of text, with a leading backslash when it could change the document's structure."""
    return "\\" + line if _BLOCK_SPECIAL.match(line) else line


def unescape_block_line(line: str) -> str:
    """Undo escape_block_line."""
    if line.startswith("\\") and _BLOCK_SPECIAL.match(line[1:]):
        return line[1:]
    return line


def escape_block(text: str, indent: str = "") -> str:
    """A multi-line text as Markdown lines; continuation lines indented by ``indent``."""
    lines = [escape_block_line(line) for line in normalise_newlines(text).split("\n")]
    return "\n".join([lines[0]] + [indent + line if line else "" for line in lines[1:]])


def normalise_newlines(text: str) -> str:
    """Text with ``\\n`` line ends only."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def escape_inline(text: str, *, specials: str = "") -> str:
    """A value that must stay on one line; ``specials`` are separator characters to escape as well."""
    out = normalise_newlines(text).replace("\\", "\\\\")
    out = _LITERAL_BR.sub(r"\\<\1", out)
    for char in specials:
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "<br>")


def unescape_inline(text: str) -> str:
    """Undo escape_inline: backslash escapes of punctuation and ``<br>`` line breaks."""
    return _UNESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else "\n", text)


def split_escaped(text: str, separator: str) -> list[str]:
    """Split at ``separator`` where it is not escaped by a backslash; parts keep their escapes."""
    parts, current, i = [], [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def table_row(cells: list[str]) -> str:
    """One table row; cells must be escaped already. An empty cell is a single space, as in the template."""
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A whole table: header, delimiter row (header width + 2 dashes) and body rows."""
    lines = [table_row(header), "|" + "|".join("-" * (len(h) + 2) for h in header) + "|"]
    lines += [table_row(row) for row in rows]
    return "\n".join(lines)


def cell(value: str) -> str:
    """A table cell's text, escaped."""
    return escape_inline(value, specials="|")


def split_row(line: str) -> list[str]:
    """The cells of a table row, stripped and unescaped."""
    text = line.strip()
    parts = split_escaped(text, "|")
    if text.startswith("|"):
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]
    return [unescape_inline(c.strip()) for c in parts]


def format_clock(value: datetime) -> str:
    """``HH:MM``, or ``HH:MM:SS`` when the seconds are not zero."""
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def resolve_clock(clock: time, incident_date: date, previous: datetime | None) -> datetime:
    """The moment a bare ``HH:MM`` row means: on the incident date, or just after the previous row when that
    would go back in time (the timeline crossed midnight)."""
    moment = datetime.combine(incident_date, clock)
    if previous is None or moment >= previous:
        return moment
    moment = datetime.combine(previous.date(), clock)
    return moment if moment >= previous else moment + timedelta(days=1)


def format_event_time(value: datetime, incident_date: date, previous: datetime | None) -> str:
    """``HH:MM`` on the incident date (when a reader gets the same moment back), else ``YYYY-MM-DD HH:MM``."""
    if (
        value.date() == incident_date
        and value.microsecond == 0
        and resolve_clock(value.time(), incident_date, previous) == value
    ):
        return format_clock(value)
    return format_moment(value)


def format_moment(value: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` (with seconds when they are not zero)."""
    return f"{value:%Y-%m-%d} {format_clock(value)}"


_CLOCK = re.compile(
    r"^(?:(?P<date>\d{4}-\d{2}-\d{2})(?:[ T]+|,\s*))?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*(?:Z|UTC|GMT|\+00:?00))?$",
    re.IGNORECASE,
)


def parse_event_time(text: str) -> tuple[date | None, time]:
    """Read ``HH:MM[:SS]`` or ``YYYY-MM-DD HH:MM[:SS]`` (optionally ``UTC``); else ValueError."""
    match = _CLOCK.match(text.strip().strip("*_`"))
    if not match:
        raise ValueError(f"unreadable time {text.strip()!r}; expected HH:MM or YYYY-MM-DD HH:MM (UTC)")
    try:
        day = date.fromisoformat(match["date"]) if match["date"] else None
    except ValueError:
        raise ValueError(f"unreadable time {text.strip()!r}: no such date") from None
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"unreadable time {text.strip()!r}: no such time of day")
    return day, time(hour, minute, second)


def read_event_time(text: str, incident_date: date, previous: datetime | None = None) -> datetime:
    """The moment a timeline time means: ``YYYY-MM-DD HH:MM`` as written, a bare ``HH:MM`` on the incident
    date (or, given the row before it, just after that row when the timeline crossed midnight); else
    ValueError. The importer's rule, shared with the post-mortem form."""
    day, clock = parse_event_time(text)
    return datetime.combine(day, clock) if day is not None else resolve_clock(clock, incident_date, previous)


def parse_moment(text: str) -> datetime:
    """Read ``YYYY-MM-DD HH:MM[:SS]``; ValueError when unreadable or without a date."""
    day, clock = parse_event_time(text)
    if day is None:
        raise ValueError(f"{text.strip()!r} needs a date: YYYY-MM-DD HH:MM")
    return datetime.combine(day, clock)


_DURATION_PARTS = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>d(?:ays?)?|h(?:ours?|rs?)?|m(?:in(?:ute)?s?)?)\b", re.IGNORECASE
)


def parse_duration(text: str) -> int:
    """Minutes of ``X hours Y minutes``, ``75 minutes``, ``1h 15m`` or ``1:15``; else ValueError."""
    value = text.strip().lower()
    clock = re.fullmatch(r"(\d+):(\d{2})", value)
    if clock:
        return int(clock[1]) * 60 + int(clock[2])
    total, rest = 0.0, value
    parts = list(_DURATION_PARTS.finditer(value))
    if not parts:
        raise ValueError(f"unreadable duration {text.strip()!r}; expected e.g. '1 hours 15 minutes'")
    for part in parts:
        n, unit = float(part["n"]), part["unit"][0]
        total += n * {"d": 1440, "h": 60, "m": 1}[unit]
        rest = rest.replace(part.group(0), "", 1)
    if rest.replace("and", "").strip(" ,"):
        raise ValueError(f"unreadable duration {text.strip()!r}; expected e.g. '1 hours 15 minutes'")
    return round(total)


def format_duration_minutes(minutes: int) -> str:
    """``X hours Y minutes`` of a number of minutes."""
    return format_duration(timedelta(minutes=minutes))


def yes_no(value: bool | None) -> str:
    """``Yes``, ``No`` or '' for unknown."""
    return "" if value is None else ("Yes" if value else "No")


def parse_yes_no(text: str) -> bool | None:
    """True/False for yes/no words, None for an empty value; ValueError otherwise."""
    word = text.strip().lower().rstrip(".")
    if not word:
        return None
    if word in ("yes", "y", "true", "met", "1"):
        return True
    if word in ("no", "n", "false", "not met", "missed", "0"):
        return False
    raise ValueError(f"expected Yes or No, got {text.strip()!r}")
