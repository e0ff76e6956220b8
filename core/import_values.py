"""Lenient readers of single values in imported post-mortems: dates, severities, priorities, statuses,
anchors and checkbox action items. Each raises ValueError with a message fit to show the author."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from core.postmortem import ANCHOR_LABELS, ActionStatus, Anchor, Priority, Severity

_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})[-/](?P<mm>\d{1,2})[-/](?P<day>\d{1,2})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
]
_EMPTY_WORDS = {"", "-", "—", "–", "n/a", "na", "none", "tbd", "tba", "?"}


def _from_match(match: re.Match[str]) -> date:
    month = int(match["mm"]) if "mm" in match.re.groupindex else _MONTHS[match["month"].lower()]
    return date(int(match["year"]), month, int(match["day"]))


def find_date(text: str) -> date | None:
    """The first date written in ``text`` (2025-11-04, 4 November 2025, Nov 4, 2025), or None."""
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                found.append((match.start(), _from_match(match)))
            except ValueError:
                continue
    return min(found)[1] if found else None


def parse_day(text: str) -> date | None:
    """A date cell: None when empty (or TBD, n/a); ValueError when it is not a date."""
    value = text.strip().strip("*_`")
    if value.lower() in _EMPTY_WORDS:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return _from_match(match)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a real date") from exc
    raise ValueError(f"unreadable date {value!r}; expected YYYY-MM-DD")


_SEVERITY_WORDS = {
    "critical": "SEV1",
    "major": "SEV2",
    "high": "SEV2",
    "medium": "SEV3",
    "moderate": "SEV3",
    "minor": "SEV4",
    "low": "SEV4",
}


def parse_severity(text: str) -> tuple[Severity, str | None]:
    """``SEV 1``, ``SEV-1``, ``Sev1``, ``S1`` or a word (critical … low), with a warning."""
    value = text.strip().strip("*_`")
    compact = value.upper().replace(" ", "").replace("-", "")
    match = re.fullmatch(r"(?:SEV|S)?([1-4])", compact.split("(")[0])
    if match:
        return Severity(f"SEV{match[1]}"), None
    word = value.lower().split()[0] if value else ""
    if word in _SEVERITY_WORDS:
        severity = Severity(_SEVERITY_WORDS[word])
        return severity, f"severity {value!r} read as {severity.label}"
    raise ValueError(f"unknown severity {value!r}; expected SEV 1, SEV 2, SEV 3 or SEV 4")


_PRIORITY_WORDS = {
    "immediate": "P0",
    "critical": "P0",
    "urgent": "P0",
    "this sprint": "P1",
    "high": "P1",
    "next sprint": "P2",
    "medium": "P2",
    "low": "P2",
}


def parse_priority(text: str) -> Priority:
    """``P0``–``P2`` (or immediate / this sprint / next sprint); ValueError otherwise."""
    value = text.strip().strip("*_`")
    compact = value.upper().replace(" ", "")
    if compact in Priority.__members__:
        return Priority(compact)
    if value.lower() in _PRIORITY_WORDS:
        return Priority(_PRIORITY_WORDS[value.lower()])
    raise ValueError(f"unknown priority {value!r}; expected P0, P1 or P2")


_STATUS_WORDS = {
    "": "Open",
    "todo": "Open",
    "to do": "Open",
    "not started": "Open",
    "new": "Open",
    "planned": "Open",
    "wip": "In Progress",
    "ongoing": "In Progress",
    "started": "In Progress",
    "doing": "In Progress",
    "in-progress": "In Progress",
    "complete": "Done",
    "completed": "Done",
    "closed": "Done",
    "fixed": "Done",
    "resolved": "Done",
    "finished": "Done",
    "canceled": "Cancelled",
    "won't do": "Cancelled",
    "wont do": "Cancelled",
    "dropped": "Cancelled",
    "on hold": "Blocked",
}


def parse_status(text: str) -> ActionStatus:
    """An action-item status (Open, In Progress, Blocked, Done, Cancelled and common synonyms)."""
    value = text.strip().strip("*_`")
    for status in ActionStatus:
        if value.lower() == status.value.lower():
            return status
    if value.lower() in _STATUS_WORDS:
        return ActionStatus(_STATUS_WORDS[value.lower()])
    allowed = ", ".join(s.value for s in ActionStatus)
    raise ValueError(f"unknown status {value!r}; expected one of {allowed}")


_ANCHOR_WORDS = {
    **{label.lower(): a for a, label in ANCHOR_LABELS.items()},
    **{a.value: a for a in Anchor},
    **{a.value.replace("_", " "): a for a in Anchor},
}


def parse_anchor(text: str) -> Anchor | None:
    """An anchor by its label or name; None for an empty cell; ValueError otherwise."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _ANCHOR_WORDS:
        return _ANCHOR_WORDS[value]
    allowed = ", ".join(a.value.replace("_", " ") for a in Anchor)
    raise ValueError(f"unknown anchor {text.strip()!r}; expected none or one of {allowed}")


@dataclass
class BulletAction:
    """What a checkbox or bullet action item says."""

    action: str
    priority: Priority | None = None
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    completed_on: date | None = None
    tracker_key: str = ""
    leftovers: list[str] = field(default_factory=list)


_BOX = re.compile(r"^\[(?P<box>[ xX])\][ \t]+", re.DOTALL)
_LEAD_PRIORITY = re.compile(r"^(?:\*\*)?(?P<p>P[0-2])(?:\*\*)?\s*[:\-—–]?\s+", re.IGNORECASE)
_TRAILER = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
_PARTS = [
    ("priority", re.compile(r"^(?:priority\s*[:=]?\s*)?(P[0-2])$", re.IGNORECASE)),
    (
        "owner",
        re.compile(r"^(?:owner|assignee|assigned to|owned by)\s*[:=]?\s*(.+)$|^@(\S.*)$", re.IGNORECASE),
    ),
    ("due", re.compile(r"^(?:due(?: date)?|deadline|by)\s*[:=]?\s*(.+)$", re.IGNORECASE)),
    ("done", re.compile(r"^(?:done|completed|closed|fixed)(?:\s+on)?\s*[:=]?\s*(.+)$", re.IGNORECASE)),
    ("status", re.compile(r"^status\s*[:=]\s*(.+)$", re.IGNORECASE)),
    ("tracker", re.compile(r"^(?:tracker|ticket|issue|jira)\s*[:=]?\s*(.+)$|^([A-Z][A-Z0-9]+-\d+)$")),
]


def parse_action_bullet(text: str) -> BulletAction:
    """``[ ] Fix X (P1, owner: platform team, due 2025-11-21)``, ``[x] … (done 2025-11-04)`` or a bullet."""
    body, checked = text.strip(), False
    box = _BOX.match(body)
    if box:
        checked, body = box["box"] in "xX", body[box.end() :]
    result = BulletAction(action=body)
    lead = _LEAD_PRIORITY.match(body)
    if lead:
        result.priority, body = Priority(lead["p"].upper()), body[lead.end() :]
    trailer = _TRAILER.search(body)
    if trailer:
        parts = [p.strip() for p in re.split(r"[,;]", trailer["inner"]) if p.strip()]
        known = [(name, m) for p in parts for name, rx in _PARTS if (m := rx.match(p))]
        if known:
            body = body[: trailer.start()]
            recognised = set()
            for part in parts:
                match = next(((name, m) for name, rx in _PARTS if (m := rx.match(part))), None)
                if match is None:
                    result.leftovers.append(part)
                    continue
                name, m = match
                value = next(g for g in m.groups() if g is not None).strip()
                recognised.add(name)
                if name == "priority":
                    result.priority = Priority(value.upper())
                elif name == "owner":
                    result.owner = value
                elif name == "due":
                    result.due_date = parse_day(value)
                elif name == "done":
                    result.completed_on, result.status = parse_day(value), ActionStatus.DONE
                elif name == "status":
                    result.status = parse_status(value)
                else:
                    result.tracker_key = value
    if checked:
        result.status = ActionStatus.DONE
    result.action = body.strip()
    if result.leftovers:
        result.action += f" ({'; '.join(result.leftovers)})"
    return result
