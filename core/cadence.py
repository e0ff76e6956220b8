"""The review cadence of an incident, counted from its resolution time (the seed's timeline table).

Rules: the clock starts at the incident's *resolved* anchor (naive UTC); an incident without one starts at
00:00 UTC of its incident date and is marked "estimated". Each step opens and falls due at fixed offsets; a
step not done by its due time is overdue. The cool-down is a waiting period: it completes by itself. The
action-item step counts as done once every item of the incident is Done or Cancelled (done on the last
completion date), unless a done date was recorded by hand. Follow-up reviews open a week before they fall due.
Times are exact (no business-day shifting): reviews are planned in hours and days, not working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import Engine, and_, exists, func, not_, or_, select

from core.database import unit_of_work
from core.errors import FieldProblem, NotFoundError, ValidationError
from core.orm import ActionItemRow, IncidentRow, ReviewStepRow
from core.validation import parse_enum, to_utc_naive


class Step(StrEnum):
    """The seed's review phases after resolution."""

    COOL_DOWN = "cool_down"
    DATA_COLLECTION = "data_collection"
    MEETING = "postmortem_meeting"
    ACTION_ITEMS = "action_items"
    FOLLOW_UP_30 = "followup_30"
    REVIEW_90 = "review_90"


@dataclass(frozen=True)
class StepRule:
    """When a step opens and falls due after resolution, and who does it."""

    label: str
    opens: timedelta
    due: timedelta
    participants: str


RULES: dict[Step, StepRule] = {
    Step.COOL_DOWN: StepRule("Cool-down period", timedelta(0), timedelta(hours=24), "All"),
    Step.DATA_COLLECTION: StepRule(
        "Data collection", timedelta(hours=24), timedelta(hours=48), "Incident Commander"
    ),
    Step.MEETING: StepRule(
        "Post-mortem meeting", timedelta(hours=24), timedelta(hours=48), "All stakeholders"
    ),
    Step.ACTION_ITEMS: StepRule(
        "Action item implementation", timedelta(days=1), timedelta(days=30), "Assigned owners"
    ),
    Step.FOLLOW_UP_30: StepRule(
        "30-day follow-up review", timedelta(days=23), timedelta(days=30), "Team Lead"
    ),
    Step.REVIEW_90: StepRule("90-day review", timedelta(days=83), timedelta(days=90), "Team Lead"),
}
ACTIONABLE = tuple(s for s in Step if s is not Step.COOL_DOWN)


class StepState(StrEnum):
    """Where a step stands at ``now``."""

    DONE = "done"
    OVERDUE = "overdue"
    OPEN = "due"
    UPCOMING = "upcoming"
    WAITING = "waiting"


@dataclass(frozen=True)
class CadenceStep:
    """One step of one incident's cadence."""

    incident_id: str
    title: str
    severity: str
    step: Step
    opens_at: datetime
    due_at: datetime
    done_at: datetime | None
    state: StepState
    estimated: bool
    note: str = ""

    @property
    def label(self) -> str:
        """The seed's name of the step."""
        return RULES[self.step].label

    @property
    def participants(self) -> str:
        """Who the seed says takes part."""
        return RULES[self.step].participants


def start_of(resolved_at: datetime | None, incident_date: date) -> tuple[datetime, bool]:
    """The cadence clock's start and whether it is estimated (no resolution time recorded)."""
    if resolved_at is not None:
        return resolved_at, False
    return datetime.combine(incident_date, time()), True


def state_of(
    step: Step, opens_at: datetime, due_at: datetime, done_at: datetime | None, now: datetime
) -> StepState:
    """Done, overdue, due (open), upcoming, or waiting (cool-down in progress)."""
    if done_at is not None:
        return StepState.DONE
    if step is Step.COOL_DOWN:
        return StepState.DONE if now >= due_at else StepState.WAITING
    if now > due_at:
        return StepState.OVERDUE
    return StepState.OPEN if now >= opens_at else StepState.UPCOMING


def _items_done_subquery():  # type: ignore[no-untyped-def]
    """Per incident: item count, open item count and last completion date."""
    open_flag = func.sum(
        func.cast(ActionItemRow.status.not_in(("Done", "Cancelled")), ActionItemRow.number.type)
    )
    return (
        select(
            ActionItemRow.incident_pk.label("pk"),
            func.count().label("total"),
            open_flag.label("open"),
            func.max(ActionItemRow.completed_on).label("last"),
        )
        .group_by(ActionItemRow.incident_pk)
        .subquery()
    )


def incident_cadence(engine: Engine, incident_id: str, *, now: datetime) -> list[CadenceStep]:
    """Every step of one incident's cadence with its dates and state at ``now``."""
    items = _items_done_subquery()
    with unit_of_work(engine) as session:
        found = session.execute(
            select(IncidentRow, items.c.total, items.c.open, items.c.last)
            .outerjoin(items, items.c.pk == IncidentRow.id)
            .where(IncidentRow.incident_id == incident_id)
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"no incident {incident_id}")
        row, total, open_count, last = found
        done = {
            r.step: r
            for r in session.scalars(select(ReviewStepRow).where(ReviewStepRow.incident_pk == row.id))
        }
    start, estimated = start_of(row.resolved_at, row.incident_date)
    steps = []
    for step, rule in RULES.items():
        record = done.get(step.value)
        done_at = record.done_at if record else None
        if done_at is None and step is Step.ACTION_ITEMS and total and not open_count:
            done_at = datetime.combine(last, time()) if last else None
        opens_at, due_at = start + rule.opens, start + rule.due
        steps.append(
            CadenceStep(
                row.incident_id,
                row.title,
                row.severity,
                step,
                opens_at,
                due_at,
                done_at,
                state_of(step, opens_at, due_at, done_at, now),
                estimated,
                record.note if record else "",
            )
        )
    return steps


def reviews_due(
    engine: Engine, *, now: datetime, within_days: int = 7, since: date | None = None, limit: int = 1000
) -> list[CadenceStep]:
    """Steps not done whose window opens within ``within_days`` of ``now`` (so due soon, due, or overdue),
    across incidents resolved on or after ``since``; overdue first, then by due time. Filtered in SQL."""
    horizon = now + timedelta(days=within_days)
    items = _items_done_subquery()
    found: list[CadenceStep] = []
    with unit_of_work(engine) as session:
        for step in ACTIONABLE:
            rule = RULES[step]
            latest_start = horizon - rule.opens
            started = or_(
                and_(IncidentRow.resolved_at.is_not(None), IncidentRow.resolved_at <= latest_start),
                and_(IncidentRow.resolved_at.is_(None), IncidentRow.incident_date <= latest_start.date()),
            )
            recorded = exists().where(
                ReviewStepRow.incident_pk == IncidentRow.id,
                ReviewStepRow.step == step.value,
                ReviewStepRow.done_at.is_not(None),
            )
            clauses = [started, not_(recorded)]
            if step is Step.ACTION_ITEMS:
                clauses.append(or_(items.c.total.is_(None), items.c.open > 0))
            if since is not None:
                clauses.append(IncidentRow.incident_date >= since)
            stmt = (
                select(
                    IncidentRow.incident_id,
                    IncidentRow.title,
                    IncidentRow.severity,
                    IncidentRow.resolved_at,
                    IncidentRow.incident_date,
                )
                .outerjoin(items, items.c.pk == IncidentRow.id)
                .where(*clauses)
                .order_by(IncidentRow.resolved_at, IncidentRow.incident_date)
                .limit(limit)
            )
            for incident_id, title, severity, resolved_at, day in session.execute(stmt):
                start, estimated = start_of(resolved_at, day)
                opens_at, due_at = start + rule.opens, start + rule.due
                found.append(
                    CadenceStep(
                        incident_id,
                        title,
                        severity,
                        step,
                        opens_at,
                        due_at,
                        None,
                        state_of(step, opens_at, due_at, None, now),
                        estimated,
                    )
                )
    found.sort(key=lambda s: (s.state is not StepState.OVERDUE, s.due_at, s.incident_id))
    return found[:limit]


def mark_step_done(
    engine: Engine,
    incident_id: str,
    step: Step | str,
    *,
    done_at: datetime | None,
    note: str = "",
    now: datetime,
) -> None:
    """Record (``done_at=None``: clear) when a step was done; not in the future, not before the incident."""
    problems: list[FieldProblem] = []
    parsed = parse_enum(Step, step, "step", problems)
    if parsed is Step.COOL_DOWN:
        problems.append(FieldProblem("step", "the cool-down completes by itself"))
    if done_at is not None:
        done_at = to_utc_naive(done_at)
        if done_at > now:
            problems.append(FieldProblem("done_at", f"{done_at:%Y-%m-%d %H:%M} is in the future"))
    with unit_of_work(engine) as session:
        row = session.scalars(select(IncidentRow).where(IncidentRow.incident_id == incident_id)).one_or_none()
        if row is None:
            raise NotFoundError(f"no incident {incident_id}")
        if done_at is not None and done_at.date() < row.incident_date:
            problems.append(
                FieldProblem(
                    "done_at", f"{done_at:%Y-%m-%d} is before the incident ({row.incident_date.isoformat()})"
                )
            )
        if problems:
            raise ValidationError(problems)
        record = session.scalars(
            select(ReviewStepRow).where(
                ReviewStepRow.incident_pk == row.id, ReviewStepRow.step == parsed.value
            )
        ).one_or_none()
        if record is None:
            record = ReviewStepRow(incident_pk=row.id, step=parsed.value)
            session.add(record)
        record.done_at = done_at
        record.note = (note or "").strip()
