"""Action items as text: an aligned table, JSON, CSV, and a CSV that Jira's CSV importer takes.

Jira layout: one issue per row with the columns Summary, Issue Type, Priority, Assignee, Due Date, Labels
(one column per label, all named ``Labels``, which the importer reads as several values), Description.
Priorities map P0 -> Highest, P1 -> High, P2 -> Medium (Jira's default scheme). Due dates are
``yyyy-MM-dd``: choose that date format in the importer's settings. Labels cannot hold spaces, so they are
slugs: ``postmortem``, the incident id, the category (``immediate-fix``) and the priority (``p0``).
Assignee is the owner's name as typed; map it to Jira users in the importer's value-mapping step.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from core.action_items import TrackedItem

FORMATS = ("table", "json", "csv", "jira-csv")
JIRA_PRIORITY = {"P0": "Highest", "P1": "High", "P2": "Medium"}
COLUMNS = (
    "incident_id",
    "number",
    "priority",
    "action",
    "owner",
    "due_date",
    "status",
    "category",
    "completed_on",
    "verified_effective",
    "verification_note",
    "tracker_key",
    "overdue",
    "updated_at",
)
_TABLE = (("Item", 24), ("Pri", 3), ("Status", 11), ("Due", 10), ("Owner", 18), ("Action", 60))


def _record(item: TrackedItem) -> dict[str, object]:
    return {c: getattr(item, c) for c in COLUMNS} | {
        "incident_title": item.incident_title,
        "severity": item.severity,
    }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(items: Sequence[TrackedItem]) -> str:
    """Aligned columns for a terminal; overdue items are marked with ``!``."""
    lines = ["  ".join(h.ljust(w) for h, w in _TABLE).rstrip()]
    for i in items:
        cells = (
            f"{'!' if i.overdue else ' '}{i.label}",
            i.priority,
            i.status,
            _text(i.due_date),
            i.owner,
            " ".join(i.action.split()),
        )
        lines.append(
            "  ".join(_clip(c, w).ljust(w) for c, (_, w) in zip(cells, _TABLE, strict=True)).rstrip()
        )
    overdue = sum(i.overdue for i in items)
    lines.append(f"{len(items)} item(s), {overdue} overdue (!)")
    return "\n".join(lines) + "\n"


def to_json(items: Sequence[TrackedItem]) -> str:
    """A JSON array of objects: dates as ISO strings, missing values as null."""

    def plain(value: object) -> object:
        return value if value is None or isinstance(value, (bool, int, str)) else _text(value)

    records = [{k: plain(v) for k, v in _record(i).items()} for i in items]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def to_csv(items: Sequence[TrackedItem]) -> str:
    """Every column, one item per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ("incident_id", "incident_title", "severity") + COLUMNS[1:]
    writer.writerow(header)
    for item in items:
        record = _record(item)
        writer.writerow([_text(record[c]) for c in header])
    return out.getvalue()


def _slug(text: str) -> str:
    return "-".join(text.lower().replace("_", " ").split())


def jira_labels(item: TrackedItem) -> list[str]:
    """``postmortem``, the incident id, the category and the priority, as space-free labels."""
    labels = ["postmortem", item.incident_id, item.priority.lower()]
    if item.category:
        labels.insert(2, _slug(item.category))
    return labels


def jira_description(item: TrackedItem) -> str:
    """The action, then where it comes from (incident id and title) and its tracking state."""
    parts = [
        item.action,
        "",
        f"Action item #{item.number} of post-mortem {item.incident_id}: {item.incident_title} "
        f"({item.severity}).",
    ]
    if item.category:
        parts.append(f"Category: {item.category}.")
    parts.append(f"Status in Lessons: {item.status}.")
    return "\n".join(parts)


def to_jira_csv(items: Sequence[TrackedItem]) -> str:
    """Rows for Jira's CSV importer (see the module docstring for the mapping)."""
    width = max((len(jira_labels(i)) for i in items), default=3)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(
        ["Summary", "Issue Type", "Priority", "Assignee", "Due Date"] + ["Labels"] * width + ["Description"]
    )
    for item in items:
        labels = jira_labels(item)
        summary = _clip(" ".join(item.action.split()), 250)
        writer.writerow(
            [summary, "Task", JIRA_PRIORITY[item.priority], item.owner, _text(item.due_date)]
            + labels
            + [""] * (width - len(labels))
            + [jira_description(item)]
        )
    return out.getvalue()


def render(items: Sequence[TrackedItem], fmt: str) -> str:
    """``items`` in one of FORMATS."""
    return {"table": to_table, "json": to_json, "csv": to_csv, "jira-csv": to_jira_csv}[fmt](items)
