"""What is due across incidents: review-cadence steps, DR-plan tasks and the annual DR-plan review.

Used by the "Reviews due" page and ``lessons reviews --due``. A row is listed when it is not done and
falls due within ``within_days`` of ``now`` or is overdue (cadence steps also while their window is open).
``since`` keeps incidents on or after that date: cadence steps and incident-scoped DR tasks by the incident
date, the tasks of no incident (quarterly review, failed test) and the annual review by their due date.
Totals are counted in SQL, so a ``limit`` cuts the list, never the counts.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine, and_, case, func, or_, select

from core.action_items import is_overdue, overdue_clause
from core.annual_review import get_annual_review
from core.cadence import StepState, reviews_due, reviews_due_counts
from core.database import unit_of_work
from core.dr_plan import DONE_STATUSES, TaskStatus, apply_triggers
from core.orm import DrTaskRow, IncidentRow

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


@dataclass(frozen=True)
class DueWork:
    """The first ``rows`` of what is due, with the true totals counted in SQL."""

    rows: list[DueRow]
    total: int
    overdue: int

    @property
    def truncated(self) -> bool:
        """Fewer rows listed than there are."""
        return len(self.rows) < self.total


def _task_clauses(horizon: date, since: date | None) -> list:  # type: ignore[type-arg]
    """Open DR tasks due by ``horizon``; with ``since``, incident-scoped tasks of incidents on or after it and
    the others (quarterly, failed test) due on or after it."""
    clauses = [
        DrTaskRow.status.in_([TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value]),
        DrTaskRow.due_date.is_not(None),
        DrTaskRow.due_date <= horizon,
    ]
    if since is not None:
        clauses.append(
            or_(
                and_(DrTaskRow.incident_pk.is_not(None), IncidentRow.incident_date >= since),
                and_(DrTaskRow.incident_pk.is_(None), DrTaskRow.due_date >= since),
            )
        )
    return clauses


def _dr_rows(engine: Engine, now: datetime, horizon: date, since: date | None, limit: int | None):  # type: ignore[no-untyped-def]
    """(rows, total, overdue) of the open DR tasks due by ``horizon``, soonest due first."""
    where = _task_clauses(horizon, since)
    late = case((overdue_clause(now, DrTaskRow.due_date, DrTaskRow.status, DONE_STATUSES), 1), else_=0)
    key = func.coalesce(IncidentRow.incident_id, DrTaskRow.scope)
    with unit_of_work(engine) as session:
        total, overdue = session.execute(
            select(func.count(), func.sum(late))
            .select_from(DrTaskRow)
            .outerjoin(IncidentRow, IncidentRow.id == DrTaskRow.incident_pk)
            .where(*where)
        ).one()
        found = session.execute(
            select(DrTaskRow.action, DrTaskRow.owner_role, DrTaskRow.due_date, DrTaskRow.status, key)
            .outerjoin(IncidentRow, IncidentRow.id == DrTaskRow.incident_pk)
            .where(*where)
            .order_by(DrTaskRow.due_date, key, DrTaskRow.id)
            .limit(limit)
        ).all()
    rows = [
        DueRow(
            "dr-task",
            scope,
            action,
            owner,
            datetime.combine(due, time(23, 59, 59)),
            (
                StepState.OVERDUE.value
                if is_overdue(due, status, now, DONE_STATUSES)
                else StepState.OPEN.value
            ),
        )
        for action, owner, due, status, scope in found
    ]
    return rows, int(total or 0), int(overdue or 0)


def due_summary(
    engine: Engine,
    *,
    now: datetime,
    within_days: int = 7,
    since: date | None = None,
    limit: int | None = None,
    apply: bool = True,
) -> DueWork:
    """The first ``limit`` rows (``None``: all) of ``due_work`` and the true totals (COUNT in SQL)."""
    if apply:
        apply_triggers(engine, now=now)
    rows = [
        DueRow("review", s.incident_id, s.label, s.participants, s.due_at, s.state.value, s.estimated)
        for s in reviews_due(engine, now=now, within_days=within_days, since=since, limit=limit)
    ]
    total, overdue = reviews_due_counts(engine, now=now, within_days=within_days, since=since)
    horizon = now.date() + timedelta(days=within_days)
    tasks, n_tasks, n_late = _dr_rows(engine, now, horizon, since, limit)
    rows += tasks
    total, overdue = total + n_tasks, overdue + n_late
    annual = get_annual_review(engine, now.year)
    if not annual.complete and annual.due <= horizon and (since is None or annual.due >= since):
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
        total += 1
    rows.sort(key=lambda r: (r.state != StepState.OVERDUE.value, r.due_at, r.incident_id))
    return DueWork(rows[:limit], total, overdue)


def due_work(
    engine: Engine,
    *,
    now: datetime,
    within_days: int = 7,
    since: date | None = None,
    apply: bool = True,
    limit: int | None = None,
) -> list[DueRow]:
    """Overdue rows first, then by due time; ``apply`` runs the DR-plan triggers first. Every row unless
    ``limit`` is given (``due_summary`` also gives the totals)."""
    return due_summary(engine, now=now, within_days=within_days, since=since, limit=limit, apply=apply).rows


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render(rows: list[DueRow], fmt: str, *, total: int | None = None, overdue: int | None = None) -> str:
    """``rows`` as an aligned table, JSON or CSV; the table's last line counts ``total`` and ``overdue``
    (default: the rows given) and says how many are shown when fewer rows than ``total`` are given."""
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
    total = len(rows) if total is None else total
    overdue = sum(r.state == StepState.OVERDUE.value for r in rows) if overdue is None else overdue
    lines.append(
        f"{total} due, {overdue} overdue"
        + (f" (showing the first {len(rows)})" if len(rows) < total else "")
        + (" (~ estimated: no resolution time recorded)" if any(r.estimated for r in rows) else "")
    )
    return "\n".join(lines) + "\n"
