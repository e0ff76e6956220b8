"""Editor frames of the post-mortem form: PostMortem <-> one pandas frame per table section.

No Streamlit here: the form page renders these frames with st.data_editor and hands the edited frames back.
A frame's index is the row id the editor keeps stable; ``rows`` maps every domain list index back to the
1-based row number the user sees, so that ``timeline[2].time`` can be reported as "row 4" when blank rows
were skipped.

Times are text cells read by core's timeline parser (``HH:MM`` on the incident date or ``YYYY-MM-DD HH:MM``),
so nothing typed is lost: an unreadable time stays in its cell and is reported at its row. A timeline row
whose Marks cell is empty gets the named moment its wording gives, by the importer's own rule
(``core.anchor_inference.assign_kinds``); ``none`` marks a row that is no named moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from core.action_items import default_due_date
from core.anchor_inference import NO_ANCHOR, Marker, anchors_in, assign_kinds
from core.errors import FieldProblem
from core.markdown_format import NO_ANCHOR_WORD, format_event_time, read_event_time
from core.postmortem import (
    ANCHOR_ORDER,
    SIGN_OFF_ROLES,
    ActionCategory,
    ActionItem,
    ActionStatus,
    Anchor,
    Attachment,
    LessonKind,
    PostMortem,
    Priority,
    Severity,
    SignOff,
    TimelineEvent,
    Verification,
)

KIND_BY_LABEL = {a.label: a for a in Anchor}
# The Marks choice for a row that is no named moment (the Markdown Anchor column's "none"). Not "none": the
# grid shows an empty cell, which means "read from the wording", as "None".
NO_MARK = "no named moment"
MARK_OPTIONS = [*KIND_BY_LABEL, NO_MARK]
TIME_HELP = "HH:MM on the incident date, or YYYY-MM-DD HH:MM for another day (UTC)"

# What each severity means, in the words the importer reads back (core.import_values.parse_severity).
SEVERITY_WORDS = {
    Severity.SEV1: "critical",
    Severity.SEV2: "major",
    Severity.SEV3: "moderate",
    Severity.SEV4: "low",
}


# The action-item editor's columns, in display order; the editor frame adds the row's database key.
ACTION_ITEM_COLUMNS = (
    "number", "priority", "action", "owner", "due_date", "status", "category", "completed_on",
    "verified_effective", "tracker_key", "verification_note",
)

def severity_label(severity: Severity) -> str:
    """``SEV 1 (critical)``: how the form offers a severity."""
    return f"{severity.label} ({SEVERITY_WORDS[severity]})"


LIST_SECTIONS = ("whys", "contributing_factors", "went_well", "could_improve")
LESSON_SECTIONS = tuple(f"lessons.{k.value}" for k in LessonKind)

# Column names the user sees in each table section, keyed by the domain attribute (for error messages).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "timeline": {"time": "Time (UTC)", "event": "Event", "owner": "Owner", "kind": "Marks"},
    "action_items": {
        "number": "ID",
        "priority": "Priority",
        "action": "Action",
        "owner": "Owner",
        "due_date": "Due date",
        "status": "Status",
        "category": "Category",
        "completed_on": "Completed on",
        "verified_effective": "Verified effective",
        "tracker_key": "Tracker key",
        "verification_note": "Verification note",
    },
    "attachments": {"label": "Label", "url": "Link"},
    "signoffs": {"role": "Role", "name": "Name", "date": "Date"},
}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value)


def _datetime(value: Any) -> datetime | None:
    if _blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return pd.Timestamp(str(value)).to_pydatetime()
    except (ValueError, TypeError):
        return None


def time_text(value: datetime | None, incident_date: date) -> str | None:
    """A time as the form shows it: ``HH:MM`` on the incident date, else ``YYYY-MM-DD HH:MM``."""
    if value is None:
        return None
    return format_event_time(value, incident_date, None)


def read_time(value: Any, incident_date: date) -> tuple[datetime | None, str | None]:
    """(moment, problem) of a Time cell: blank -> (None, None); unreadable -> (None, core's message)."""
    if _blank(value):
        return None, None
    if isinstance(value, datetime | pd.Timestamp):
        return _datetime(value), None
    try:
        return read_event_time(str(value), incident_date), None
    except ValueError as exc:
        return None, str(exc)


def _date(value: Any) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError):
        return None


def _frame(
    records: list[dict[str, Any]], columns: list[str], dtypes: dict[str, str] | None = None
) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=columns)
    for column, dtype in (dtypes or {}).items():
        df[column] = df[column].astype(dtype)
    for column in columns:
        if df[column].dtype == object and column not in (dtypes or {}):
            df[column] = df[column].astype("string") if records else pd.Series(dtype="string")
    df.index = pd.RangeIndex(len(df), name="row")
    return df


def _date_column(series: pd.Series) -> pd.Series:
    """A column of ``datetime.date`` values (None where empty), as st.data_editor's DateColumn expects."""
    return pd.Series([_date(v) for v in series], index=series.index, dtype="object")


def _mark(event: TimelineEvent) -> str | None:
    """The Marks cell of a stored row: its moment, NO_MARK where the wording names a moment the row does not
    carry (so that saving again does not infer it), else empty."""
    if isinstance(event.kind, Anchor):
        return event.kind.label
    if event.kind:
        return str(event.kind)
    return NO_MARK if anchors_in(event.event or "") else None


def timeline_frame(pm: PostMortem) -> pd.DataFrame:
    records = [
        {
            "time": time_text(e.time, pm.incident_date),
            "event": e.event,
            "owner": e.owner,
            "kind": _mark(e),
        }
        for e in pm.timeline
    ]
    return _frame(records, ["time", "event", "owner", "kind"], {"time": "string", "kind": "string"})


def timestamps_frame(pm: PostMortem) -> pd.DataFrame:
    """One fixed row per named moment, with the time entered by hand (marked timeline rows fill the rest)."""
    df = pd.DataFrame(
        {
            "moment": [a.label for a in ANCHOR_ORDER],
            "time": [time_text(pm.timestamps.get(a), pm.incident_date) for a in ANCHOR_ORDER],
        }
    )
    df["moment"] = df["moment"].astype("string")
    df["time"] = df["time"].astype("string")
    df.index = pd.Index([a.value for a in ANCHOR_ORDER], name="anchor")
    return df


def list_frame(values: list[str], column: str = "text") -> pd.DataFrame:
    return _frame([{column: v} for v in values], [column])


def action_items_frame(pm: PostMortem) -> pd.DataFrame:
    records = [
        {
            "number": a.number,
            "priority": a.priority.value,
            "action": a.action,
            "owner": a.owner,
            "due_date": a.due_date,
            "status": a.status.value,
            "category": a.category.value if a.category else None,
            "completed_on": a.completed_on,
            "verified_effective": a.verified_effective.value,
            "tracker_key": a.tracker_key,
            "verification_note": a.verification_note,
            "key": a.id,
        }
        for a in pm.action_items
    ]
    columns = [*ACTION_ITEM_COLUMNS, "key"]
    df = _frame(records, columns, {"number": "Int64", "key": "Int64"})
    for column in ("due_date", "completed_on"):
        df[column] = _date_column(df[column])
    return df


def attachments_frame(pm: PostMortem) -> pd.DataFrame:
    return _frame([{"label": a.label, "url": a.url} for a in pm.attachments], ["label", "url"])


def signoffs_frame(pm: PostMortem) -> pd.DataFrame:
    signoffs = pm.signoffs or [SignOff(role) for role in SIGN_OFF_ROLES]
    df = _frame(
        [{"role": s.role, "name": s.name, "date": s.date} for s in signoffs], ["role", "name", "date"]
    )
    df["date"] = _date_column(df["date"])
    return df


def all_frames(pm: PostMortem) -> dict[str, pd.DataFrame]:
    """The source frame of every table section of ``pm``."""
    frames = {
        "timeline": timeline_frame(pm),
        "timestamps": timestamps_frame(pm),
        "action_items": action_items_frame(pm),
        "attachments": attachments_frame(pm),
        "signoffs": signoffs_frame(pm),
    }
    for name in LIST_SECTIONS:
        frames[name] = list_frame(getattr(pm, name))
    for kind in LessonKind:
        frames[f"lessons.{kind.value}"] = list_frame(getattr(pm.lessons, kind.value))
    return frames


@dataclass
class Tables:
    """The table sections read back from the editors, and where each item came from."""

    timeline: list[TimelineEvent] = field(default_factory=list)
    timestamps: dict[Anchor, datetime] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    action_items: list[ActionItem] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)  # cells that cannot be read (a bad time)
    inferred: list[tuple[int, Anchor]] = field(default_factory=list)  # (row number, moment read from wording)
    warnings: list[str] = field(default_factory=list)  # from the anchor inference (duration disagrees)


def _rows(df: pd.DataFrame, columns: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """(1-based row number, values) of every row that is not entirely blank."""
    out = []
    for number, (_, row) in enumerate(df.iterrows(), start=1):
        values = {c: row.get(c) for c in columns}
        if all(_blank(v) for v in values.values()):
            continue
        out.append((number, values))
    return out


def _enum_value(kind: type, value: Any, default: Any = None) -> Any:
    """The enum member for a cell, or the raw text so that core names the bad value."""
    if _blank(value):
        return default
    try:
        return kind(str(value))
    except ValueError:
        return str(value)


def _marker(value: Any) -> tuple[Marker, Any]:
    """(marker for the inference, kind to keep) of a Marks cell; unknown text is kept for core to name."""
    if _blank(value):
        return None, None
    text = str(value)
    if text.strip().lower() in (NO_MARK, NO_ANCHOR_WORD):
        return NO_ANCHOR, None
    if text in KIND_BY_LABEL:
        return KIND_BY_LABEL[text], KIND_BY_LABEL[text]
    return NO_ANCHOR, text


def read_tables(
    frames: dict[str, pd.DataFrame], incident_date: date, duration_minutes: int | None = None
) -> Tables:
    """Turn edited frames into domain values, skipping rows the user left entirely blank.

    Times are read on ``incident_date``; empty Marks cells get the moment the wording gives, by the same rule
    as an import (``duration_minutes`` is the stated duration, as an imported file's Duration line).
    """
    out = Tables()
    stamps = frames["timestamps"]
    for anchor in ANCHOR_ORDER:
        if anchor.value in stamps.index:
            value, problem = read_time(stamps.loc[anchor.value, "time"], incident_date)
            if problem:
                out.problems.append(FieldProblem(f"timestamps.{anchor.value}", problem))
            elif value is not None:
                out.timestamps[anchor] = value
    events: list[TimelineEvent] = []
    markers: list[Marker] = []
    kept: list[Any] = []
    out.rows["timeline"] = []
    for number, v in _rows(frames["timeline"], ["time", "event", "owner", "kind"]):
        moment, problem = read_time(v["time"], incident_date)
        if problem:
            out.problems.append(FieldProblem(f"timeline[{len(events)}].time", problem))
        marker, kind = _marker(v["kind"])
        markers.append(marker)
        kept.append(kind)
        events.append(
            TimelineEvent(time=moment, event=_text(v["event"]), owner=_text(v["owner"]))  # type: ignore[arg-type]
        )
        out.rows["timeline"].append(number)
    kinds, out.warnings = assign_kinds(
        [(e.time, e.event) for e in events],
        markers,
        timestamps=out.timestamps,
        duration_minutes=duration_minutes,
    )
    for i, event in enumerate(events):
        event.kind = kept[i] if markers[i] is not None else kinds[i]
        if markers[i] is None and kinds[i] is not None:
            out.inferred.append((out.rows["timeline"][i], kinds[i]))  # type: ignore[arg-type]
    out.timeline = events
    for name in (*LIST_SECTIONS, *LESSON_SECTIONS):
        rows = _rows(frames[name], ["text"])
        out.lists[name] = [_text(v["text"]) for _, v in rows]
        out.rows[name] = [n for n, _ in rows]
    out.rows["action_items"] = []
    columns = list(ACTION_ITEM_COLUMNS)
    for number, v in _rows(frames["action_items"], columns):
        key = frames["action_items"].iloc[number - 1].get("key")
        out.action_items.append(
            ActionItem(
                action=_text(v["action"]),
                priority=_enum_value(Priority, v["priority"], Priority.P1),
                owner=_text(v["owner"]),
                due_date=_date(v["due_date"]),
                status=_enum_value(ActionStatus, v["status"], ActionStatus.OPEN),
                category=_enum_value(ActionCategory, v["category"]),
                completed_on=_date(v["completed_on"]),
                verified_effective=_enum_value(Verification, v["verified_effective"], Verification.UNKNOWN),
                verification_note=_text(v["verification_note"]),
                tracker_key=_text(v["tracker_key"]),
                number=None if _blank(v["number"]) else int(v["number"]),
                id=None if _blank(key) else int(key),
            )
        )
        out.rows["action_items"].append(number)
    out.rows["attachments"] = []
    for number, v in _rows(frames["attachments"], ["label", "url"]):
        out.attachments.append(Attachment(label=_text(v["label"]), url=_text(v["url"])))
        out.rows["attachments"].append(number)
    out.rows["signoffs"] = []
    for number, v in _rows(frames["signoffs"], ["role", "name", "date"]):
        out.signoffs.append(SignOff(role=_text(v["role"]), name=_text(v["name"]), date=_date(v["date"])))
        out.rows["signoffs"].append(number)
    return out


def suggest_due_dates(pm: PostMortem, sprint_days: int) -> list[int]:
    """Give every action item without a due date the default one (``core.action_items.default_due_date``):
    the later of its category's typical timeline and its priority's horizon (P0 1 day, P1 one sprint, P2 two).

    Counted from the resolution (or the incident date when it is not known); returns the IDs it filled. Items
    with an unknown priority or category are left for validation to name.
    """
    resolved = pm.anchor_times().get(Anchor.RESOLVED)
    start = resolved.date() if isinstance(resolved, datetime) else pm.incident_date
    filled: list[int] = []
    if not isinstance(start, date):
        return filled
    for position, item in enumerate(pm.action_items, start=1):
        known_category = item.category is None or isinstance(item.category, ActionCategory)
        if item.due_date is None and isinstance(item.priority, Priority) and known_category:
            item.due_date = default_due_date(item.category, item.priority, start, sprint_days)
            filled.append(item.number or position)
    return filled


def describe_problem(problem_field: str, rows: dict[str, list[int]]) -> tuple[str, str]:
    """(section, human location) of a dotted field path, e.g. ``timeline[2].time`` -> row 3, Time (UTC)."""
    import re

    match = re.match(r"^([a-z_]+(?:\.[a-z_]+)?)\[(\d+)\](?:\.([a-z_]+))?$", problem_field)
    if not match:
        return problem_field.split(".")[0], problem_field
    section, index, column = match.group(1), int(match.group(2)), match.group(3)
    numbers = rows.get(section, [])
    row = numbers[index] if index < len(numbers) else index + 1
    label = COLUMN_LABELS.get(section, {}).get(column or "", column or "")
    return section, f"row {row}" + (f", {label}" if label else "")
