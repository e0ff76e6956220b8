"""Writers of a post-mortem: the seed's Markdown template, its incident-database YAML record, and JSON."""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import yaml

from core.anchor_inference import NO_ANCHOR, Marker, assign_kinds
from core.errors import ExportFormatError
from core.markdown_format import (
    ACTION_COLUMNS,
    ACTION_EXTRA_COLUMNS,
    ANCHOR_AT_LABELS,
    ANCHOR_COLUMN,
    EXTRA_LABELS,
    HEADER_LABELS,
    IMPACT_LABELS,
    NO_ANCHOR_WORD,
    PROBLEM_LABEL,
    ROOT_CAUSE_LABEL,
    SIGN_OFF_COLUMNS,
    TIMELINE_COLUMNS,
    TITLE_PREFIX,
    WHY_PREFIX,
    cell,
    escape_block,
    escape_inline,
    format_duration_minutes,
    format_event_time,
    format_moment,
    table,
    yes_no,
)
from core.postmortem import ANCHOR_ORDER, Anchor, LessonKind, PostMortem, ReviewStatus, Verification

FORMATS = ("md", "yaml", "json")


def _value(member: Any) -> Any:
    return member.value if isinstance(member, Enum) else member


def _line(label: str, value: str) -> str:
    return f"**{label}:** {value}" if value else f"**{label}:**"


def _minutes(pm: PostMortem) -> int | None:
    duration = pm.duration
    return None if duration is None else int(duration.total_seconds() // 60)


def _title(title: str) -> str:
    escaped = escape_inline(title)
    # A trailing run of '#' would read as the heading's closing sequence.
    return re.sub(r"(#+\s*)$", r"\\\1", escaped)


def _header(pm: PostMortem) -> str:
    minutes = _minutes(pm)
    severity = _value(pm.severity)
    lines = [
        _line(HEADER_LABELS["incident_date"], pm.incident_date.isoformat()),
        _line(HEADER_LABELS["incident_id"], escape_inline(pm.incident_id or "")),
        _line(HEADER_LABELS["severity"], f"SEV {str(severity)[-1]}" if severity else ""),
        _line(HEADER_LABELS["duration"], format_duration_minutes(minutes) if minutes is not None else ""),
        _line(HEADER_LABELS["reporter"], escape_inline(pm.reporter)),
    ]
    status = _value(pm.status)
    extras = {
        "incident_commander": escape_inline(pm.incident_commander),
        "summary": escape_inline(pm.summary),
        "detection_method": escape_inline(pm.detection_method),
        "category": escape_inline(pm.category),
        "cause": escape_inline(pm.cause),
        "resolution_method": escape_inline(pm.resolution_method),
        "rto_met": yes_no(pm.rto_met),
        "rpo_met": yes_no(pm.rpo_met),
        "status": ReviewStatus(status).label if status and status != ReviewStatus.DRAFT else "",
        "repeat_of": escape_inline(pm.repeat_of or ""),
        "recorded_duration": "",
    }
    ttr = pm.ttr
    if pm.duration_minutes is not None and ttr is not None and pm.duration_minutes != minutes:
        extras["recorded_duration"] = format_duration_minutes(pm.duration_minutes)
    lines += [_line(EXTRA_LABELS[name], value) for name, value in extras.items() if value]
    lines += [
        _line(ANCHOR_AT_LABELS[a], format_moment(pm.timestamps[a]))
        for a in ANCHOR_ORDER
        if a in pm.timestamps
    ]
    return "\n".join(lines)


def _impact(pm: PostMortem) -> str:
    impact = pm.impact
    loss = "Yes" if impact.data_loss else "No"
    if impact.data_loss_amount:
        loss += ", " + escape_inline(impact.data_loss_amount)
    values = {
        "users_affected": escape_inline(impact.users_affected),
        "services_affected": ", ".join(escape_inline(s, specials=",") for s in impact.services_affected),
        "data_loss": loss,
        "financial": escape_inline(impact.financial),
        "reputational": escape_inline(impact.reputational),
    }
    return "\n".join("- " + _line(IMPACT_LABELS[name], value) for name, value in values.items())


def anchor_markers(pm: PostMortem) -> list[Marker]:
    """The anchor marks a reader needs to get each row's anchor back (None where the wording gives it)."""
    rows = [(e.time, e.event) for e in pm.timeline]
    actual = [_value(e.kind) for e in pm.timeline]
    markers: list[Marker] = [None] * len(rows)
    while True:
        kinds, _ = assign_kinds(rows, markers, timestamps=pm.timestamps, duration_minutes=_minutes(pm))
        differing = next((i for i, kind in enumerate(kinds) if kind != actual[i]), None)
        if differing is None:
            return markers
        markers[differing] = Anchor(actual[differing]) if actual[differing] is not None else NO_ANCHOR


def _timeline(pm: PostMortem) -> str:
    markers = anchor_markers(pm)
    marked = any(m is not None for m in markers)
    header = list(TIMELINE_COLUMNS) + ([ANCHOR_COLUMN] if marked else [])
    rows, previous = [], None
    for event, marker in zip(pm.timeline, markers, strict=True):
        row = [
            format_event_time(event.time, pm.incident_date, previous),
            cell(event.event),
            cell(event.owner),
        ]
        if marked:
            row.append(NO_ANCHOR_WORD if marker is NO_ANCHOR else (marker.label if marker else ""))  # type: ignore[union-attr]
        rows.append(row)
        previous = event.time
    return table(header, rows)


def _numbered(items: list[str], prefix: str = "") -> str:
    lines = []
    for n, text in enumerate(items, 1):
        marker = f"{n}. "
        lines.append(marker + escape_block(prefix + text, " " * len(marker)))
    return "\n".join(lines)


def _bullets(items: list[str]) -> str:
    return "\n".join("- " + escape_block(text, "  ") for text in items)


def _whys(pm: PostMortem) -> str:
    blocks = []
    if pm.problem:
        blocks.append(_line(PROBLEM_LABEL, escape_inline(pm.problem)))
    if pm.whys:
        blocks.append(_numbered(pm.whys, WHY_PREFIX))
    blocks.append(_line(ROOT_CAUSE_LABEL, escape_inline(pm.root_cause)))
    return "\n\n".join(blocks)


def _action_items(pm: PostMortem) -> str:
    items = pm.action_items
    extras = [
        name
        for name in ACTION_EXTRA_COLUMNS
        if any(getattr(item, name) not in (None, "", Verification.UNKNOWN) for item in items)
    ]
    header = list(ACTION_COLUMNS) + [ACTION_EXTRA_COLUMNS[name] for name in extras]
    rows = []
    for item in items:
        row = [
            "" if item.number is None else str(item.number),
            str(_value(item.priority)),
            cell(item.action),
            cell(item.owner),
            item.due_date.isoformat() if item.due_date else "",
            str(_value(item.status)),
        ]
        for name in extras:
            value = getattr(item, name)
            if isinstance(value, date):
                row.append(value.isoformat())
            elif value in (None, Verification.UNKNOWN):
                row.append("")
            else:
                row.append(cell(str(_value(value))))
        rows.append(row)
    return table(header, rows)


def _lessons(pm: PostMortem) -> str:
    parts = []
    for kind in LessonKind:
        body = _bullets(getattr(pm.lessons, kind.value))
        parts.append(f"### {kind.value.capitalize()}" + ("\n" + body if body else ""))
    return "\n\n".join(parts)


def _attachments(pm: PostMortem) -> str:
    return "\n".join(f"- [{escape_inline(a.label, specials='[]')}]({a.url})" for a in pm.attachments)


def _signoffs(pm: PostMortem) -> str:
    rows = [[cell(s.role), cell(s.name), s.date.isoformat() if s.date else ""] for s in pm.signoffs]
    return table(list(SIGN_OFF_COLUMNS), rows)


def to_markdown(pm: PostMortem) -> str:
    """The post-mortem in the seed's template layout; fields the template lacks are added only when set."""
    blocks = [
        f"# {TITLE_PREFIX}{_title(pm.title)}",
        _header(pm),
        "## Executive Summary",
        escape_block(pm.executive_summary) if pm.executive_summary else "",
        "## Impact Assessment",
        _impact(pm),
        "## Timeline",
        _timeline(pm),
        "## Root Cause Analysis",
        "### 5 Whys",
        _whys(pm),
        "### Contributing Factors",
        _bullets(pm.contributing_factors),
        "## Resolution",
        escape_block(pm.resolution) if pm.resolution else "",
        "## What Went Well",
        _numbered(pm.went_well),
        "## What Could Be Improved",
        _numbered(pm.could_improve),
        "## Action Items",
        _action_items(pm),
        "## Lessons Learned",
        _lessons(pm),
        "## Attachments",
        _attachments(pm),
        "## Sign-Off",
        _signoffs(pm),
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def to_yaml(pm: PostMortem) -> str:
    """The seed's incident-database record, keys in the seed's order."""
    done, total = pm.action_items_completed
    severity = str(_value(pm.severity))
    record = {
        "incident_id": pm.incident_id,
        "date": pm.incident_date,
        "severity": f"SEV-{severity[-1]}",
        "category": pm.category,
        "cause": pm.cause,
        "resolution": pm.resolution_method,
        "rto_met": pm.rto_met,
        "rpo_met": pm.rpo_met,
        "action_items_completed": f"{done}/{total}",
    }
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        ordered = sorted(
            value.items(), key=lambda kv: ANCHOR_ORDER.index(kv[0]) if kv[0] in ANCHOR_ORDER else 99
        )
        return {str(_plain(k)): _plain(v) for k, v in ordered}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(pm: PostMortem) -> str:
    """The whole post-mortem as JSON (field order of the domain, ISO dates), plus its derived figures."""
    data = _plain(pm)
    done, total = pm.action_items_completed
    data["derived"] = {
        "ttd_seconds": int(pm.ttd.total_seconds()) if pm.ttd is not None else None,
        "ttr_seconds": int(pm.ttr.total_seconds()) if pm.ttr is not None else None,
        "duration_minutes": _minutes(pm),
        "action_items_completed": f"{done}/{total}",
        "anchors": {
            a.value: t.isoformat()
            for a, t in sorted(pm.anchor_times().items(), key=lambda kv: ANCHOR_ORDER.index(kv[0]))
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_WRITERS = {"md": to_markdown, "yaml": to_yaml, "json": to_json}


def export_postmortem(pm: PostMortem, fmt: str) -> str:
    """``pm`` in format ``fmt`` (one of FORMATS); ExportFormatError for any other."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ExportFormatError(
            f"format: unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    return writer(pm)
