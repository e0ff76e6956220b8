"""Action-item completion per quarter and overdue items by priority, aggregated in SQL.

Definition: the completion of a quarter is the number of action items whose due date falls in that quarter
and whose status is Done, divided by the number of action items whose due date falls in that quarter (any
status, cancelled included). Items without a due date belong to no quarter. Incident filters (severity,
category, service) select the incidents whose items count; the date range applies to the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, Integer, case, cast, extract, func, select

from core.action_items import CLOSED, overdue_clause
from core.database import unit_of_work
from core.orm import ActionItemRow, IncidentRow
from core.periods import is_partial, quarter_bounds, without_dates
from core.postmortem import ActionStatus, Priority
from core.repository import utcnow
from core.services import IncidentFilter, filter_clause

DEFINITION = (
    "Completion of a quarter = action items due in that quarter with status Done ÷ all action items due in "
    "that quarter (any status). Items without a due date are not counted."
)


@dataclass(frozen=True)
class CompletionStats:
    """One quarter: items due, done, done by their due date, still open; ``pct`` None when none due."""

    quarter: str
    due: int
    done: int
    done_on_time: int
    still_open: int
    pct: float | None
    partial: bool


@dataclass(frozen=True)
class OverdueCount:
    """Open items past their due date, by priority and the quarter they were due in."""

    priority: str
    quarter: str
    count: int


def _due_quarter():  # type: ignore[no-untyped-def]
    year = cast(extract("year", ActionItemRow.due_date), Integer)
    q = (cast(extract("month", ActionItemRow.due_date), Integer) + 2) // 3
    return year, q


def _join_incidents(stmt, flt: IncidentFilter):  # type: ignore[no-untyped-def]
    """Join the incidents (for their filter) only when the filter asks about them: saves a lookup per item."""
    undated = without_dates(flt)
    if undated == IncidentFilter():
        return stmt
    return stmt.join(IncidentRow, IncidentRow.id == ActionItemRow.incident_pk).where(filter_clause(undated))


def _item_filter(flt: IncidentFilter, quarters: list[str]):  # type: ignore[no-untyped-def]
    conditions = [ActionItemRow.due_date.is_not(None)]
    if quarters:
        first, last = quarter_bounds(quarters[0])[0], quarter_bounds(quarters[-1])[1]
        conditions += [
            ActionItemRow.due_date >= max(first, flt.date_from or first),
            ActionItemRow.due_date <= min(last, flt.date_to or last),
        ]
    return conditions


def completion_stats(
    engine: Engine, flt: IncidentFilter, quarters: list[str], *, today: date | None = None
) -> list[CompletionStats]:
    """Completion of action items per shown quarter (see the module's definition)."""
    today = today or utcnow().date()
    if not quarters:
        return []
    year, q = _due_quarter()
    done = ActionItemRow.status == ActionStatus.DONE.value
    stmt = (
        select(
            year,
            q,
            func.count(),
            func.sum(case((done, 1), else_=0)),
            func.sum(case((done & (ActionItemRow.completed_on <= ActionItemRow.due_date), 1), else_=0)),
            func.sum(case((ActionItemRow.status.not_in(CLOSED), 1), else_=0)),
        )
        .where(*_item_filter(flt, quarters))
        .group_by(year, q)
    )
    stmt = _join_incidents(stmt, flt)
    with unit_of_work(engine, read_only=True) as session:
        rows = {
            f"{y}-Q{n}": (int(a), int(b or 0), int(c or 0), int(d or 0))
            for y, n, a, b, c, d in session.execute(stmt)
        }
    out = []
    for quarter in quarters:
        due, done_n, on_time, still_open = rows.get(quarter, (0, 0, 0, 0))
        out.append(
            CompletionStats(
                quarter,
                due,
                done_n,
                on_time,
                still_open,
                100 * done_n / due if due else None,
                is_partial(quarter, today),
            )
        )
    return out


def overdue_counts(
    engine: Engine, flt: IncidentFilter, quarters: list[str], *, today: date | None = None
) -> list[OverdueCount]:
    """Items overdue (core.action_items.overdue_clause) by priority and due quarter; ``today`` is UTC."""
    today = today or utcnow().date()
    if not quarters:
        return []
    year, q = _due_quarter()
    stmt = (
        select(ActionItemRow.priority, year, q, func.count())
        .where(*_item_filter(flt, quarters), overdue_clause(today))
        .group_by(ActionItemRow.priority, year, q)
    )
    stmt = _join_incidents(stmt, flt)
    with unit_of_work(engine, read_only=True) as session:
        found = {(p, f"{y}-Q{n}"): int(c) for p, y, n, c in session.execute(stmt)}
    order = [p.value for p in Priority] + sorted({p for p, _ in found} - {p.value for p in Priority})
    return [OverdueCount(p, quarter, found.get((p, quarter), 0)) for p in order for quarter in quarters]
