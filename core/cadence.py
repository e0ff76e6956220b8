"""The review cadence of an incident, counted from its resolution time (the seed's timeline table).

Rules: the clock starts at the incident's *resolved* anchor (naive UTC); an incident without one starts at
00:00 UTC of its incident date and is marked "estimated". Each step opens and falls due at fixed offsets; a
step not done by its due time is overdue. The cool-down is a waiting period: it completes by itself. The
action-item step counts as done once the incident has items and none is open (every one Done or Cancelled):
done on the last completion date, or when the last item was changed if none has a completion date (all
Cancelled), unless a done date was recorded by hand. ``incident_cadence`` and ``reviews_due`` share this rule.
Follow-up reviews open a week before they fall due.
Times are exact (no business-day shifting): reviews are planned in hours and days, not working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import DateTime, Engine, and_, case, cast, exists, func, not_, or_, select
from sqlalchemy.exc import IntegrityError

from core.action_items import CLOSED
from core.database import unit_of_work
from core.errors import FieldProblem, NotFoundError, StaleEditError, ValidationError
from core.orm import ActionItemRow, IncidentRow, ReviewStepRow
from core.repository import load_row
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
    """Per incident: item count, open item count, last completion date and last change of an item."""
    open_flag = func.sum(func.cast(ActionItemRow.status.not_in(CLOSED), ActionItemRow.number.type))
    return (
        select(
            ActionItemRow.incident_pk.label("pk"),
            func.count().label("total"),
            open_flag.label("open"),
            func.max(ActionItemRow.completed_on).label("last"),
            func.max(ActionItemRow.updated_at).label("touched"),
        )
        .group_by(ActionItemRow.incident_pk)
        .subquery()
    )


def items_done_at(
    total: int | None, open_count: int | None, last_completed: date | None, last_changed: datetime | None
) -> datetime | None:
    """When the action-item step completed by itself: items exist and none is open; else None."""
    if not total or open_count:
        return None
    return datetime.combine(last_completed, time()) if last_completed else last_changed


def items_open_clause(items):  # type: ignore[no-untyped-def]
    """SQL twin of ``items_done_at(...) is None`` over ``_items_done_subquery`` (outer-joined)."""
    return or_(items.c.total.is_(None), items.c.total == 0, items.c.open > 0)


def start_clause(engine: Engine):  # type: ignore[no-untyped-def]
    """SQL twin of ``start_of``: the resolution time, else 00:00 of the incident date (never NULL)."""
    if engine.dialect.name == "sqlite":
        midnight = func.datetime(IncidentRow.incident_date)  # 'YYYY-MM-DD 00:00:00', sorts with stored times
    else:
        midnight = cast(IncidentRow.incident_date, DateTime)
    return func.coalesce(IncidentRow.resolved_at, midnight)


def incident_cadence(engine: Engine, incident_id: str, *, now: datetime) -> list[CadenceStep]:
    """Every step of one incident's cadence with its dates and state at ``now``."""
    items = _items_done_subquery()
    with unit_of_work(engine) as session:
        found = session.execute(
            select(IncidentRow, items.c.total, items.c.open, items.c.last, items.c.touched)
            .outerjoin(items, items.c.pk == IncidentRow.id)
            .where(IncidentRow.incident_id == incident_id)
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"no incident {incident_id}")
        row, total, open_count, last, touched = found
        done = {
            r.step: r
            for r in session.scalars(select(ReviewStepRow).where(ReviewStepRow.incident_pk == row.id))
        }
    start, estimated = start_of(row.resolved_at, row.incident_date)
    steps = []
    for step, rule in RULES.items():
        record = done.get(step.value)
        done_at = record.done_at if record else None
        if done_at is None and step is Step.ACTION_ITEMS:
            done_at = items_done_at(total, open_count, last, touched)
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


def _started_by(moment: datetime, *, strict: bool):  # type: ignore[no-untyped-def]
    """SQL: the cadence clock started at or before (``strict``: before) ``moment``, on every backend (an
    incident without a resolution time starts at 00:00 of its date)."""
    resolved = IncidentRow.resolved_at < moment if strict else IncidentRow.resolved_at <= moment
    day = moment.date()
    unresolved = (
        IncidentRow.incident_date < day
        if strict and moment.time() == time()
        else IncidentRow.incident_date <= day
    )
    return or_(
        and_(IncidentRow.resolved_at.is_not(None), resolved),
        and_(IncidentRow.resolved_at.is_(None), unresolved),
    )


def _due_clauses(step: Step, items, horizon: datetime, since: date | None) -> list:  # type: ignore[no-untyped-def]
    """SQL conditions of ``reviews_due`` for one step: its window opens by ``horizon`` and it is not done."""
    recorded = exists().where(
        ReviewStepRow.incident_pk == IncidentRow.id,
        ReviewStepRow.step == step.value,
        ReviewStepRow.done_at.is_not(None),
    )
    clauses = [_started_by(horizon - RULES[step].opens, strict=False), not_(recorded)]
    if step is Step.ACTION_ITEMS:
        clauses.append(items_open_clause(items))
    if since is not None:
        clauses.append(IncidentRow.incident_date >= since)
    return clauses


def reviews_due(
    engine: Engine,
    *,
    now: datetime,
    within_days: int = 7,
    since: date | None = None,
    limit: int | None = 1000,
    steps: tuple[Step, ...] = ACTIONABLE,
) -> list[CadenceStep]:
    """Steps not done whose window opens within ``within_days`` of ``now`` (so due soon, due, or overdue),
    across incidents whose incident date is on or after ``since``; overdue first, then by due time.

    Filtered in SQL; each step takes at most ``limit`` incidents (``None``: all), those whose cadence started
    first (resolution time, else 00:00 of the incident date; ties by incident id): every backend keeps the
    same. ``reviews_due_counts`` gives the true totals when the list is cut. ``steps`` narrows the steps
    (e.g. the follow-up reviews).
    """
    horizon = now + timedelta(days=within_days)
    items = _items_done_subquery()
    started_at = start_clause(engine)
    found: list[CadenceStep] = []
    with unit_of_work(engine) as session:
        for step in steps:
            rule = RULES[step]
            stmt = (
                select(
                    IncidentRow.incident_id,
                    IncidentRow.title,
                    IncidentRow.severity,
                    IncidentRow.resolved_at,
                    IncidentRow.incident_date,
                )
                .outerjoin(items, items.c.pk == IncidentRow.id)
                .where(*_due_clauses(step, items, horizon, since))
                .order_by(started_at.asc().nulls_last(), IncidentRow.incident_id)
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


def reviews_due_counts(
    engine: Engine, *, now: datetime, within_days: int = 7, since: date | None = None
) -> tuple[int, int]:
    """How many steps ``reviews_due`` lists without a limit and how many of them are overdue (SQL COUNT)."""
    horizon = now + timedelta(days=within_days)
    items = _items_done_subquery()
    total = overdue = 0
    with unit_of_work(engine) as session:
        for step in ACTIONABLE:
            late = case((_started_by(now - RULES[step].due, strict=True), 1), else_=0)
            n, n_late = session.execute(
                select(func.count(), func.sum(late))
                .select_from(IncidentRow)
                .outerjoin(items, items.c.pk == IncidentRow.id)
                .where(*_due_clauses(step, items, horizon, since))
            ).one()
            total += int(n or 0)
            overdue += int(n_late or 0)
    return total, overdue


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
    try:
        with unit_of_work(engine) as session:
            row = load_row(session, incident_id, for_update=True)  # serialises first records of a step
            if done_at is not None and done_at.date() < row.incident_date:
                problems.append(
                    FieldProblem(
                        "done_at",
                        f"{done_at:%Y-%m-%d} is before the incident ({row.incident_date.isoformat()})",
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
            session.flush()
    except IntegrityError as exc:  # the same step recorded meanwhile by a writer that took no lock
        raise StaleEditError([f"{incident_id} {parsed.value}"]) from exc
