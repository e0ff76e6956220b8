"""DR-plan update triggers (the seed's table) and the tasks they create, each with an owner role.

When triggers run: ``apply_triggers(engine, now)`` is idempotent (one task per trigger and scope, enforced by
a unique constraint), so it is safe to call after every post-mortem create or import, when the DR-plan page
opens and from ``lessons reviews`` (which runs it first). Recording a DR test applies the
failed-test trigger in the same unit of work. Scopes: the incident id (every incident, post-major incident),
the quarter of ``now`` such as ``2026-Q1`` (quarterly), ``test-<id>`` (failed test). Due dates are calendar
dates (UTC): runbook review 14 days after the incident (documentation's typical timeline), extra drill 30 days
after it, quarterly review on the quarter's last day, emergency update the day after the failed test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, String, and_, cast, exists, func, literal, not_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.action_items import is_overdue, overdue_clause
from core.database import unit_of_work
from core.errors import FieldProblem, NotFoundError, ValidationError
from core.orm import DrTaskRow, DrTestRow, IncidentRow
from core.repository import quarter_of
from core.validation import SHORT_TEXT_LIMIT, parse_enum

MAJOR_SEVERITIES = ("SEV1", "SEV2")


class Trigger(StrEnum):
    """The seed's DR-plan update triggers."""

    EVERY_INCIDENT = "every_incident"
    QUARTERLY = "quarterly"
    MAJOR_INCIDENT = "post_major_incident"
    FAILED_TEST = "failed_test"

    @property
    def label(self) -> str:
        """The seed's wording of the trigger."""
        return {
            "every_incident": "Every incident",
            "quarterly": "Quarterly",
            "post_major_incident": "Post-major incident",
            "failed_test": "After failed test",
        }[self.value]


OWNER_ROLES = {
    Trigger.EVERY_INCIDENT: "Incident Commander",
    Trigger.QUARTERLY: "Infrastructure Lead",
    Trigger.MAJOR_INCIDENT: "SRE",
    Trigger.FAILED_TEST: "DevOps",
}


class TaskStatus(StrEnum):
    """Where a DR task stands."""

    OPEN = "Open"
    IN_PROGRESS = "In Progress"
    DONE = "Done"


DONE_STATUSES = (TaskStatus.DONE.value,)


@dataclass(frozen=True)
class DrTask:
    """A DR-plan update task."""

    id: int
    trigger: Trigger
    scope: str
    incident_id: str | None
    action: str
    owner_role: str
    due_date: date | None
    status: str
    created_at: datetime
    done_at: datetime | None
    note: str

    def overdue(self, now: datetime) -> bool:
        """Due before today (UTC) and not done: the action items' overdue rule."""
        return is_overdue(self.due_date, self.status, now, DONE_STATUSES)


def _quarter_end(day: date) -> date:
    first_of_next = date(day.year + (day.month > 9), (((day.month - 1) // 3 + 1) * 3) % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _missing(trigger: Trigger, scope_col):  # type: ignore[no-untyped-def]
    return not_(exists().where(DrTaskRow.trigger == trigger.value, DrTaskRow.scope == scope_col))


def _new_tasks(session: Session, now: datetime, incident_pk: int | None = None) -> list[DrTaskRow]:
    rows: list[DrTaskRow] = []
    only = IncidentRow.id == incident_pk if incident_pk is not None else and_(True)
    incidents = session.execute(
        select(IncidentRow.id, IncidentRow.incident_id, IncidentRow.title, IncidentRow.incident_date).where(
            _missing(Trigger.EVERY_INCIDENT, IncidentRow.incident_id), only
        )
    )
    for pk, incident_id, title, day in incidents:
        rows.append(
            DrTaskRow(
                trigger=Trigger.EVERY_INCIDENT.value,
                scope=incident_id,
                incident_pk=pk,
                action=f"Review and update the runbook relevant to {incident_id} ({title})",
                owner_role=OWNER_ROLES[Trigger.EVERY_INCIDENT],
                due_date=day + timedelta(days=14),
            )
        )
    major = session.execute(
        select(
            IncidentRow.id, IncidentRow.incident_id, IncidentRow.severity, IncidentRow.incident_date
        ).where(
            IncidentRow.severity.in_(MAJOR_SEVERITIES),
            _missing(Trigger.MAJOR_INCIDENT, IncidentRow.incident_id),
            only,
        )
    )
    for pk, incident_id, severity, day in major:
        rows.append(
            DrTaskRow(
                trigger=Trigger.MAJOR_INCIDENT.value,
                scope=incident_id,
                incident_pk=pk,
                action=f"Schedule an additional DR drill after {severity} {incident_id}",
                owner_role=OWNER_ROLES[Trigger.MAJOR_INCIDENT],
                due_date=day + timedelta(days=30),
            )
        )
    if incident_pk is not None:  # a single incident's save: its own tasks only
        return _added(session, rows, now)
    quarter = quarter_of(now.date())
    if session.scalar(select(_missing(Trigger.QUARTERLY, quarter))):
        rows.append(
            DrTaskRow(
                trigger=Trigger.QUARTERLY.value,
                scope=quarter,
                incident_pk=None,
                action=f"Full DR plan review for {quarter}",
                owner_role=OWNER_ROLES[Trigger.QUARTERLY],
                due_date=_quarter_end(now.date()),
            )
        )
    scope = literal("test-", String) + cast(DrTestRow.id, String)
    failed = session.execute(
        select(DrTestRow.id, DrTestRow.tested_on).where(
            DrTestRow.passed.is_(False), _missing(Trigger.FAILED_TEST, scope)
        )
    )
    for test_id, tested_on in failed:
        rows.append(
            DrTaskRow(
                trigger=Trigger.FAILED_TEST.value,
                scope=f"test-{test_id}",
                incident_pk=None,
                action=f"Emergency DR plan update after the failed DR test of {tested_on}",
                owner_role=OWNER_ROLES[Trigger.FAILED_TEST],
                due_date=tested_on + timedelta(days=1),
            )
        )
    return _added(session, rows, now)


def _added(session: Session, rows: list[DrTaskRow], now: datetime) -> list[DrTaskRow]:
    for row in rows:
        row.created_at = now
        row.status = TaskStatus.OPEN.value
        row.note = ""
    session.add_all(rows)
    session.flush()
    return rows


def create_incident_tasks(session: Session, incident_pk: int, now: datetime) -> list[DrTaskRow]:
    """Inside the caller's unit of work: add the tasks one incident's triggers call for that do not exist yet."""
    return _new_tasks(session, now, incident_pk)


def apply_triggers(engine: Engine, *, now: datetime) -> list[DrTask]:
    """Create the tasks every trigger calls for and that do not exist yet; returns the new ones."""
    for attempt in range(3):
        try:
            with unit_of_work(engine) as session:
                return [_task(r, _incident_id(session, r)) for r in _new_tasks(session, now)]
        except IntegrityError:
            if attempt == 2:  # another writer created the same tasks meanwhile: look again
                raise
    return []


def _incident_id(session: Session, row: DrTaskRow) -> str | None:
    """Incident-scoped triggers use the incident id as their scope."""
    return row.scope if row.incident_pk is not None else None


def _task(row: DrTaskRow, incident_id: str | None) -> DrTask:
    return DrTask(
        row.id,
        Trigger(row.trigger),
        row.scope,
        incident_id,
        row.action,
        row.owner_role,
        row.due_date,
        row.status,
        row.created_at,
        row.done_at,
        row.note,
    )


def list_tasks(
    engine: Engine,
    *,
    statuses: list[str] | None = None,
    triggers: list[str] | None = None,
    incident_id: str | None = None,
    limit: int = 1000,
) -> list[DrTask]:
    """DR tasks, open ones first and soonest due first."""
    clauses = []
    if statuses:
        clauses.append(DrTaskRow.status.in_(statuses))
    if triggers:
        clauses.append(DrTaskRow.trigger.in_(triggers))
    if incident_id:
        clauses.append(IncidentRow.incident_id == incident_id)
    stmt = (
        select(DrTaskRow, IncidentRow.incident_id)
        .outerjoin(IncidentRow, IncidentRow.id == DrTaskRow.incident_pk)
        .where(and_(True, *clauses))
        .order_by(DrTaskRow.status == TaskStatus.DONE.value, DrTaskRow.due_date, DrTaskRow.id)
        .limit(limit)
    )
    with unit_of_work(engine) as session:
        return [_task(row, inc) for row, inc in session.execute(stmt)]


def task_counts(engine: Engine, *, now: datetime) -> dict[str, dict[str, int]]:
    """Per trigger: open, overdue and done counts (GROUP BY in SQL)."""
    is_open = DrTaskRow.status != TaskStatus.DONE.value
    num = DrTaskRow.id.type
    stmt = select(
        DrTaskRow.trigger,
        func.sum(func.cast(is_open, num)),
        func.sum(func.cast(overdue_clause(now, DrTaskRow.due_date, DrTaskRow.status, DONE_STATUSES), num)),
        func.sum(func.cast(~is_open, num)),
    ).group_by(DrTaskRow.trigger)
    counts = {t.value: {"open": 0, "overdue": 0, "done": 0} for t in Trigger}
    with unit_of_work(engine) as session:
        for trigger, open_n, overdue_n, done_n in session.execute(stmt):
            counts[trigger] = {
                "open": int(open_n or 0),
                "overdue": int(overdue_n or 0),
                "done": int(done_n or 0),
            }
    return counts


def update_task(engine: Engine, task_id: int, status: str, note: str = "", *, now: datetime) -> DrTask:
    """Set a task's status and note; Done stamps ``done_at``, reopening clears it."""
    problems: list[FieldProblem] = []
    parsed = parse_enum(TaskStatus, status, "status", problems)
    if len(note or "") > 20_000:
        problems.append(FieldProblem("note", "is longer than 20,000 characters"))
    if problems:
        raise ValidationError(problems)
    with unit_of_work(engine) as session:
        row = session.get(DrTaskRow, task_id)
        if row is None:
            raise NotFoundError(f"no DR task {task_id}")
        row.status = parsed.value
        row.note = (note or "").strip()
        row.done_at = (row.done_at or now) if parsed is TaskStatus.DONE else None
        session.flush()
        return _task(row, _incident_id(session, row))


def record_dr_test(
    engine: Engine, tested_on: date, passed: bool, notes: str = "", *, now: datetime
) -> list[DrTask]:
    """Record a DR test; a failed one creates the emergency plan update at once. Returns tasks created."""
    problems: list[FieldProblem] = []
    if not isinstance(tested_on, date):
        problems.append(FieldProblem("tested_on", "is required (YYYY-MM-DD)"))
    elif tested_on > now.date():
        problems.append(FieldProblem("tested_on", f"{tested_on.isoformat()} is in the future"))
    if not passed and not (notes or "").strip():
        problems.append(FieldProblem("notes", "say what failed: notes are required for a failed test"))
    if len(notes or "") > SHORT_TEXT_LIMIT * 40:
        problems.append(FieldProblem("notes", "is too long"))
    if problems:
        raise ValidationError(problems)
    with unit_of_work(engine) as session:
        session.add(DrTestRow(tested_on=tested_on, passed=bool(passed), notes=(notes or "").strip()))
        session.flush()
        return [_task(r, _incident_id(session, r)) for r in _new_tasks(session, now)]


@dataclass(frozen=True)
class DrTest:
    """A recorded DR test."""

    id: int
    tested_on: date
    passed: bool
    notes: str


def list_tests(engine: Engine, limit: int = 100) -> list[DrTest]:
    """Recorded DR tests, newest first."""
    with unit_of_work(engine) as session:
        return [
            DrTest(r.id, r.tested_on, r.passed, r.notes)
            for r in session.scalars(
                select(DrTestRow).order_by(DrTestRow.tested_on.desc(), DrTestRow.id.desc()).limit(limit)
            )
        ]
