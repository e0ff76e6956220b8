"""What is due across incidents: review-cadence steps, DR-plan tasks and the annual DR-plan review.

Used by the "Reviews due" page and ``lessons reviews --due``. A row is listed when it is not done and
falls due within ``within_days`` of ``now`` or is overdue (cadence steps also while their window is open).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine

from core.annual_review import get_annual_review
from core.cadence import StepState, reviews_due
from core.dr_plan import TaskStatus, apply_triggers, list_tasks

FORMATS = ("table", "json", "csv")


@dataclass(frozen=True)
class DueRow:
    """One thing to do: what, for which incident (if any), who, by when, and its state."""

    kind: str
    incident_id: str
    what: str
    who: str
    due_at: datetime
    state: str
    estimated: bool = False


def due_work(
    engine: Engine, *, now: datetime, within_days: int = 7, since: date | None = None, apply: bool = True
) -> list[DueRow]:
    """Overdue rows first, then by due time; ``apply`` runs the DR-plan triggers first."""
    if apply:
        apply_triggers(engine, now=now)
    rows = [
        DueRow("review", s.incident_id, s.label, s.participants, s.due_at, s.state.value, s.estimated)
        for s in reviews_due(engine, now=now, within_days=within_days, since=since)
    ]
    horizon = now.date() + timedelta(days=within_days)
    for task in list_tasks(engine, statuses=[TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value]):
        if task.due_date is None or task.due_date > horizon:
            continue
        due_at = datetime.combine(task.due_date, time(23, 59, 59))
        state = StepState.OVERDUE.value if task.overdue(now) else StepState.OPEN.value
        rows.append(
            DueRow("dr-task", task.incident_id or task.scope, task.action, task.owner_role, due_at, state)
        )
    annual = get_annual_review(engine, now.year)
    if not annual.complete and annual.due <= horizon:
        rows.append(
            DueRow(
                "annual",
                str(now.year),
                "Annual DR plan review",
                "Infrastructure Lead",
                datetime.combine(annual.due, time(23, 59, 59)),
                StepState.OPEN.value,
            )
        )
    rows.sort(key=lambda r: (r.state != StepState.OVERDUE.value, r.due_at, r.incident_id))
    return rows


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render(rows: list[DueRow], fmt: str) -> str:
    """``rows`` as an aligned table, JSON or CSV."""
    if fmt == "json":
        return (
            json.dumps(
                [{k: _cell(v) if isinstance(v, datetime) else v for k, v in asdict(r).items()} for r in rows],
                indent=2,
            )
            + "\n"
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(DueRow.__dataclass_fields__))
        writer.writerows([_cell(v) for v in asdict(r).values()] for r in rows)
        return out.getvalue()
    widths = (("State", 8), ("Due (UTC)", 16), ("Incident", 19), ("What", 44), ("Who", 19))
    lines = ["  ".join(h.ljust(w) for h, w in widths).rstrip()]
    for r in rows:
        due = _cell(r.due_at) + ("~" if r.estimated else "")
        cells = (r.state, due, r.incident_id, r.what, r.who)
        lines.append(
            "  ".join(
                (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
                for c, (_, w) in zip(cells, widths, strict=True)
            ).rstrip()
        )
    overdue = sum(r.state == StepState.OVERDUE.value for r in rows)
    lines.append(
        f"{len(rows)} due, {overdue} overdue"
        + (" (~ estimated: no resolution time recorded)" if any(r.estimated for r in rows) else "")
    )
    return "\n".join(lines) + "\n"
