"""Action items across incidents: default due dates, filters, listing, known owners.

Time rules: due dates are calendar dates in UTC. An item due on D is overdue from D+1 00:00 UTC while it is
not Done or Cancelled: ``overdue_clause`` says so in SQL and ``is_overdue`` in Python, for action items and DR
tasks alike; "today" is the UTC date (``core.repository.utcnow``), never the server's local date.
"Due this week" is the ISO week (Monday to Sunday) of ``now``. Default due dates that
land on a Saturday or Sunday move to the next Monday, except 24-hour items (P0), which keep the day.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, select, union
from sqlalchemy.orm import Session

from core.database import unit_of_work
from core.errors import FieldProblem, NotFoundError, UnknownOwnerError, ValidationError
from core.orm import ActionItemRow, IncidentRow
from core.postmortem import ActionCategory, ActionStatus, Priority, Verification
from core.repository import utcnow
from core.validation import parse_enum

CLOSED = (ActionStatus.DONE.value, ActionStatus.CANCELLED.value)
EDITABLE = ("status", "owner", "due_date", "priority")


def default_due_date(
    category: ActionCategory | str | None, priority: Priority | str, start: date, sprint_days: int = 14
) -> date:
    """Suggested due date: the later of the category's typical timeline and the priority's horizon.

    P0 (immediate) allows 1 day, P1 (this sprint) ``sprint_days``, P2 (next sprint) twice that; an item
    without a category follows its priority alone. Weekend results move to Monday, except 24-hour items.
    """
    problems: list[FieldProblem] = []
    prio = parse_enum(Priority, priority, "priority", problems)
    cat = parse_enum(ActionCategory, category, "category", problems) if category else None
    if sprint_days < 1:
        problems.append(FieldProblem("sprint_days", "must be at least 1"))
    if problems:
        raise ValidationError(problems)
    horizon = {Priority.P0: 1, Priority.P1: sprint_days, Priority.P2: 2 * sprint_days}[prio]
    days = max(horizon, cat.typical_timeline.days if cat else 0)
    due = start + timedelta(days=days)
    if days > 1 and due.weekday() >= 5:
        due += timedelta(days=7 - due.weekday())
    return due


def week_bounds(now: datetime) -> tuple[date, date]:
    """Monday and Sunday of the ISO week of ``now`` (UTC)."""
    monday = now.date() - timedelta(days=now.date().weekday())
    return monday, monday + timedelta(days=6)


@dataclass
class ActionFilter:
    """Tracker filters; empty lists do not filter."""

    owners: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)
    overdue: bool = False
    due_this_week: bool = False
    open_only: bool = False
    verified: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TrackedItem:
    """One action item as the tracker lists it, with its incident."""

    id: int
    incident_id: str
    incident_title: str
    severity: str
    number: int
    priority: str
    action: str
    owner: str
    due_date: date | None
    status: str
    category: str | None
    completed_on: date | None
    verified_effective: str
    verification_note: str
    tracker_key: str
    created_at: datetime
    updated_at: datetime
    overdue: bool

    @property
    def label(self) -> str:
        """``INC-…-001 #2``: how people name an item."""
        return f"{self.incident_id} #{self.number}"


def _day(today: date | datetime | None) -> date:
    """The UTC calendar date of ``today`` (a date, a naive UTC time, or None for now)."""
    if today is None:
        return utcnow().date()
    return today.date() if isinstance(today, datetime) else today


def is_overdue(
    due_date: date | None, status: str, today: date | datetime | None, closed: Iterable[str] = CLOSED
) -> bool:
    """The overdue rule for objects: a due date before today (UTC) and a status not in ``closed``."""
    return due_date is not None and due_date < _day(today) and status not in tuple(closed)


def overdue_clause(  # type: ignore[no-untyped-def]
    today: date | datetime | None,
    due_date=ActionItemRow.due_date,
    status=ActionItemRow.status,
    closed: Iterable[str] = CLOSED,
):
    """The overdue rule in SQL (the same as ``is_overdue``); other tables pass their own columns."""
    return and_(due_date.is_not(None), due_date < _day(today), status.not_in(tuple(closed)))


def _where(session: Session, flt: ActionFilter, now: datetime):  # type: ignore[no-untyped-def]
    problems: list[FieldProblem] = []
    for name, kind in (("priorities", Priority), ("statuses", ActionStatus), ("categories", ActionCategory)):
        values = [parse_enum(kind, v, name, problems) for v in getattr(flt, name)]
        setattr(flt, name, [v.value for v in values if v is not None])
    if problems:
        raise ValidationError(problems)
    clauses = []
    if flt.owners:
        clauses.append(ActionItemRow.owner.in_(resolve_owners(session, flt.owners)))
    if flt.statuses:
        clauses.append(ActionItemRow.status.in_(flt.statuses))
    if flt.priorities:
        clauses.append(ActionItemRow.priority.in_(flt.priorities))
    if flt.categories:
        clauses.append(ActionItemRow.category.in_(flt.categories))
    if flt.incidents:
        known = set(session.scalars(select(IncidentRow.incident_id).where(IncidentRow.incident_id.in_(flt.incidents))))
        missing = [i for i in flt.incidents if i not in known]
        if missing:
            raise NotFoundError(f"no incident {', '.join(missing)}")
        clauses.append(IncidentRow.incident_id.in_(flt.incidents))
    if flt.overdue:
        clauses.append(overdue_clause(now))
    if flt.due_this_week:
        monday, sunday = week_bounds(now)
        clauses.append(ActionItemRow.due_date.between(monday, sunday))
    if flt.open_only:
        clauses.append(ActionItemRow.status.not_in(CLOSED))
    if flt.verified:
        verdicts = [parse_enum(Verification, v, "verified", problems) for v in flt.verified]
        if problems:
            raise ValidationError(problems)
        clauses.append(ActionItemRow.verified_effective.in_([v.value for v in verdicts if v is not None]))
    return and_(True, *clauses)


def to_tracked(row: ActionItemRow, incident: IncidentRow, now: datetime) -> TrackedItem:
    """The tracker's view of a row and its incident."""
    return TrackedItem(
        id=row.id,
        incident_id=incident.incident_id,
        incident_title=incident.title,
        severity=incident.severity,
        number=row.number,
        priority=row.priority,
        action=row.action,
        owner=row.owner,
        due_date=row.due_date,
        status=row.status,
        category=row.category,
        completed_on=row.completed_on,
        verified_effective=row.verified_effective,
        verification_note=row.verification_note,
        tracker_key=row.tracker_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        overdue=is_overdue(row.due_date, row.status, now),
    )


def query_items(
    session: Session,
    where: Any,
    now: datetime,
    order: tuple = (),
    limit: int | None = None,
    offset: int = 0,
) -> list[TrackedItem]:
    """Tracked items matching the SQL clause ``where`` inside the caller's session (the default order ends
    with the incident and item number, which are unique, so pages of ``limit`` rows never overlap)."""
    stmt = (
        select(ActionItemRow, IncidentRow)
        .join(IncidentRow, IncidentRow.id == ActionItemRow.incident_pk)
        .where(where)
        .order_by(
            *(
                order
                or (
                    ActionItemRow.due_date.is_(None),
                    ActionItemRow.due_date,
                    ActionItemRow.priority,
                    IncidentRow.incident_id,
                    ActionItemRow.number,
                )
            )
        )
        .limit(limit)
        .offset(offset or None)
    )
    return [to_tracked(a, i, now) for a, i in session.execute(stmt)]


def list_action_items(
    engine: Engine,
    flt: ActionFilter | None = None,
    *,
    now: datetime,
    limit: int | None = None,
    offset: int = 0,
) -> list[TrackedItem]:
    """Action items of every incident matching ``flt``, soonest due first (no due date last); ``limit`` and
    ``offset`` page through them (``count_by_status`` gives the total)."""
    problems: list[FieldProblem] = []
    if limit is not None and limit < 1:
        problems.append(FieldProblem("limit", "must be at least 1"))
    if offset < 0:
        problems.append(FieldProblem("offset", "cannot be negative"))
    if problems:
        raise ValidationError(problems)
    with unit_of_work(engine) as session:
        where = _where(session, flt or ActionFilter(), now)
        return query_items(session, where, now, limit=limit, offset=offset)


def count_by_status(engine: Engine, flt: ActionFilter | None = None, *, now: datetime) -> dict[str, int]:
    """How many items match ``flt``, per status (GROUP BY in SQL)."""
    with unit_of_work(engine) as session:
        stmt = (
            select(ActionItemRow.status, func.count())
            .join(IncidentRow)
            .where(_where(session, flt or ActionFilter(), now))
            .group_by(ActionItemRow.status)
        )
        return {status: int(n) for status, n in session.execute(stmt)}


def people_in(session: Session) -> list[str]:
    """Sorted non-empty names of action-item owners, incident commanders and reporters."""
    stmt = union(
        select(ActionItemRow.owner), select(IncidentRow.incident_commander), select(IncidentRow.reporter)
    )
    return sorted({name for name in session.scalars(stmt) if name})


def known_owners(engine: Engine) -> list[str]:
    """People the store knows: action-item owners, incident commanders and reporters."""
    with unit_of_work(engine) as session:
        return people_in(session)


def unknown_owner(name: str, people: list[str], field_name: str) -> FieldProblem:
    """The problem of an unknown owner, suggesting close spellings (case-insensitive)."""
    folded = {p.casefold(): p for p in people}
    close = [folded[c] for c in difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; no such owner"
    return FieldProblem(field_name, f"unknown owner {name!r}{hint}")


def resolve_owners(session: Session, names: list[str]) -> list[str]:
    """Stored spellings of ``names`` (case-insensitive); UnknownOwnerError names those nobody has."""
    people = people_in(session)
    lookup = {p.casefold(): p for p in people}
    problems = [unknown_owner(n, people, "owner") for n in names if n.strip().casefold() not in lookup]
    if problems:
        raise UnknownOwnerError(problems)
    return [lookup[n.strip().casefold()] for n in names]
