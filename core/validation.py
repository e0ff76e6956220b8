"""Checks a post-mortem before anything is written; every problem names its field."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from enum import StrEnum
from typing import Any
from urllib.parse import urlparse

from core.errors import FieldProblem, ValidationError
from core.postmortem import (
    ANCHOR_ORDER,
    ActionCategory,
    ActionStatus,
    Anchor,
    LessonKind,
    PostMortem,
    Priority,
    ReviewStatus,
    Severity,
    Verification,
)

INCIDENT_ID = re.compile(r"^INC-(\d{4})-(\d{2})-(\d{2})-(\d{3,})$")
SHORT_TEXT_LIMIT = 500
LONG_TEXT_LIMIT = 20_000

_SHORT_FIELDS = ("title", "reporter", "incident_commander", "detection_method", "category", "cause",
                 "resolution_method")
_LONG_FIELDS = ("summary", "executive_summary", "resolution", "problem", "root_cause")


def parse_enum(kind: type[StrEnum], value: Any, field: str, problems: list[FieldProblem]) -> Any:
    """Coerce ``value`` to ``kind`` (lenient about case and spaces); record a problem when impossible."""
    if isinstance(value, kind):
        return value
    text = str(value or "").strip()
    for member in kind:
        if text.lower() in (member.value.lower(), member.name.lower(), member.name.lower().replace("_", " ")):
            return member
    if kind is Severity:
        compact = text.upper().replace(" ", "").replace("-", "")
        if compact in Severity.__members__:
            return Severity(compact)
    allowed = ", ".join(m.value for m in kind)
    problems.append(FieldProblem(field, f"unknown value {text!r}; expected one of {allowed}"))
    return None


def to_utc_naive(value: datetime) -> datetime:
    """Stored times are naive UTC: convert aware times, keep naive ones as they are."""
    if value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _check_text(problems: list[FieldProblem], field: str, value: str, limit: int) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        problems.append(FieldProblem(field, "must be text"))
    elif len(value) > limit:
        problems.append(FieldProblem(field, f"is {len(value):,} characters long; the limit is {limit:,}"))
    elif "\x00" in value:
        problems.append(FieldProblem(field, "contains a NUL character"))


def _check_list(problems: list[FieldProblem], field: str, values: list[str]) -> None:
    for i, value in enumerate(values):
        _check_text(problems, f"{field}[{i}]", value, LONG_TEXT_LIMIT)
        if isinstance(value, str) and not value.strip():
            problems.append(FieldProblem(f"{field}[{i}]", "is empty; remove the row or fill it in"))


def is_http_url(value: str) -> bool:
    """True for an absolute http:// or https:// link with a host."""
    parsed = urlparse(value.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value.strip()


def normalise(pm: PostMortem) -> PostMortem:
    """Coerce enums, trim text and convert times to naive UTC in place; raise ValidationError on any problem."""
    problems: list[FieldProblem] = []
    pm.title = (pm.title or "").strip()
    if not pm.title:
        problems.append(FieldProblem("title", "is required"))
    for name in _SHORT_FIELDS:
        _check_text(problems, name, getattr(pm, name), SHORT_TEXT_LIMIT)
    for name in _LONG_FIELDS:
        _check_text(problems, name, getattr(pm, name), LONG_TEXT_LIMIT)
    for name in ("users_affected", "data_loss_amount", "financial", "reputational"):
        _check_text(problems, f"impact.{name}", getattr(pm.impact, name), LONG_TEXT_LIMIT)
    pm.impact.services_affected = [s.strip() for s in pm.impact.services_affected if s and s.strip()]
    _check_list(problems, "impact.services_affected", pm.impact.services_affected)
    if not isinstance(pm.incident_date, date) or isinstance(pm.incident_date, datetime):
        if isinstance(pm.incident_date, datetime):
            pm.incident_date = pm.incident_date.date()
        else:
            problems.append(FieldProblem("incident_date", "is required (YYYY-MM-DD)"))
    pm.severity = parse_enum(Severity, pm.severity, "severity", problems)
    pm.status = parse_enum(ReviewStatus, pm.status, "status", problems)
    if pm.incident_id is not None:
        pm.incident_id = pm.incident_id.strip() or None
    if pm.incident_id is not None:
        match = INCIDENT_ID.match(pm.incident_id)
        if not match:
            problems.append(FieldProblem("incident_id", f"{pm.incident_id!r} is not of the form INC-YYYY-MM-DD-NNN"))
        elif isinstance(pm.incident_date, date) and pm.incident_id[4:14] != pm.incident_date.isoformat():
            problems.append(FieldProblem("incident_id", f"{pm.incident_id} does not match the date "
                                         f"{pm.incident_date.isoformat()}"))
    if pm.duration_minutes is not None and pm.duration_minutes < 0:
        problems.append(FieldProblem("duration_minutes", "cannot be negative"))

    _normalise_times(pm, problems)
    _normalise_rows(pm, problems)
    if problems:
        raise ValidationError(problems)
    return pm


def _normalise_times(pm: PostMortem, problems: list[FieldProblem]) -> None:
    stamps: dict[Anchor, datetime] = {}
    for key, value in pm.timestamps.items():
        anchor = parse_enum(Anchor, key, f"timestamps.{key}", problems)
        if anchor is None or value is None:
            continue
        if not isinstance(value, datetime):
            problems.append(FieldProblem(f"timestamps.{anchor.value}", "must be a date and time"))
            continue
        stamps[anchor] = to_utc_naive(value)
    pm.timestamps = stamps
    for i, event in enumerate(pm.timeline):
        where = f"timeline[{i}]"
        if not isinstance(event.time, datetime):
            problems.append(FieldProblem(f"{where}.time", "is required (date and time, UTC)"))
        else:
            event.time = to_utc_naive(event.time)
        event.event = (event.event or "").strip()
        event.owner = (event.owner or "").strip()
        if not event.event:
            problems.append(FieldProblem(f"{where}.event", "is required"))
        _check_text(problems, f"{where}.event", event.event, LONG_TEXT_LIMIT)
        _check_text(problems, f"{where}.owner", event.owner, SHORT_TEXT_LIMIT)
        if event.kind is not None:
            event.kind = parse_enum(Anchor, event.kind, f"{where}.kind", problems)
    if any(p.field.startswith(("timestamps", "timeline")) for p in problems):
        return
    times = pm.anchor_times()
    known = [(a, times[a]) for a in ANCHOR_ORDER if a in times]
    for (first, t1), (second, t2) in zip(known, known[1:]):
        if t2 < t1:
            problems.append(FieldProblem(
                f"timestamps.{second.value}",
                f"{second.label} ({t2:%Y-%m-%d %H:%M}) is before {first.label} ({t1:%Y-%m-%d %H:%M})"))


def _normalise_rows(pm: PostMortem, problems: list[FieldProblem]) -> None:
    for name in ("whys", "contributing_factors", "went_well", "could_improve"):
        setattr(pm, name, [v.strip() if isinstance(v, str) else v for v in getattr(pm, name)])
        _check_list(problems, name, getattr(pm, name))
    for kind in LessonKind:
        values = [v.strip() if isinstance(v, str) else v for v in getattr(pm.lessons, kind.value)]
        setattr(pm.lessons, kind.value, values)
        _check_list(problems, f"lessons.{kind.value}", values)
    numbers: set[int] = set()
    for i, item in enumerate(pm.action_items):
        where = f"action_items[{i}]"
        item.action = (item.action or "").strip()
        item.owner = (item.owner or "").strip()
        if not item.action:
            problems.append(FieldProblem(f"{where}.action", "is required"))
        _check_text(problems, f"{where}.action", item.action, LONG_TEXT_LIMIT)
        _check_text(problems, f"{where}.owner", item.owner, SHORT_TEXT_LIMIT)
        _check_text(problems, f"{where}.tracker_key", item.tracker_key, SHORT_TEXT_LIMIT)
        _check_text(problems, f"{where}.verification_note", item.verification_note, LONG_TEXT_LIMIT)
        item.priority = parse_enum(Priority, item.priority, f"{where}.priority", problems)
        item.status = parse_enum(ActionStatus, item.status, f"{where}.status", problems)
        item.verified_effective = parse_enum(Verification, item.verified_effective or "unknown",
                                             f"{where}.verified_effective", problems)
        if item.category is not None and item.category != "":
            item.category = parse_enum(ActionCategory, item.category, f"{where}.category", problems)
        else:
            item.category = None
        if isinstance(pm.incident_date, date) and item.due_date is not None and item.due_date < pm.incident_date:
            problems.append(FieldProblem(f"{where}.due_date", f"{item.due_date.isoformat()} is before the incident "
                                         f"({pm.incident_date.isoformat()})"))
        if item.completed_on is not None and item.status is not ActionStatus.DONE:
            problems.append(FieldProblem(f"{where}.completed_on", "is set but the status is not Done"))
        if item.verified_effective not in (None, Verification.UNKNOWN) and item.status is not ActionStatus.DONE:
            problems.append(FieldProblem(f"{where}.verified_effective", "can only be recorded once the item is Done"))
        if item.number is not None:
            if item.number in numbers:
                problems.append(FieldProblem(f"{where}.number", f"ID {item.number} is used twice"))
            numbers.add(item.number)
    next_number = max(numbers, default=0) + 1
    for item in pm.action_items:
        if item.number is None:
            item.number = next_number
            next_number += 1
    for i, link in enumerate(pm.attachments):
        where = f"attachments[{i}]"
        link.label = (link.label or "").strip()
        link.url = (link.url or "").strip()
        if not link.url:
            problems.append(FieldProblem(f"{where}.url", "is required"))
        elif not is_http_url(link.url):
            problems.append(FieldProblem(f"{where}.url", f"{link.url!r} is not an http:// or https:// link"))
        if not link.label:
            link.label = link.url
        _check_text(problems, f"{where}.label", link.label, SHORT_TEXT_LIMIT)
        _check_text(problems, f"{where}.url", link.url, 2_000)
    for i, sign in enumerate(pm.signoffs):
        where = f"signoffs[{i}]"
        sign.role = (sign.role or "").strip()
        sign.name = (sign.name or "").strip()
        if not sign.role:
            problems.append(FieldProblem(f"{where}.role", "is required"))
        if sign.date is not None and not sign.name:
            problems.append(FieldProblem(f"{where}.name", "is required when a date is given"))
        if sign.date is not None and isinstance(pm.incident_date, date) and sign.date < pm.incident_date:
            problems.append(FieldProblem(f"{where}.date", "is before the incident"))
        _check_text(problems, f"{where}.role", sign.role, SHORT_TEXT_LIMIT)
        _check_text(problems, f"{where}.name", sign.name, SHORT_TEXT_LIMIT)


def validate(pm: PostMortem) -> None:
    """Raise ValidationError naming every problem of ``pm`` (normalising it in place)."""
    normalise(pm)
