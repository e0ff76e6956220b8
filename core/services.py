"""Post-mortem services: each call is one unit of work; a failure leaves the database as it was."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from core.database import unit_of_work
from core.errors import ConflictError, DuplicateIncidentError, FieldProblem, NotFoundError, ValidationError
from core.orm import ActionItemRow, IncidentRow, ServiceRow
from core.postmortem import PostMortem
from core.repository import format_incident_id, load_row, next_seq, to_domain, utcnow, write_row
from core.validation import INCIDENT_ID, normalise
from core.workflow import apply_dr_triggers, check_signoff_rules

_ID_RETRIES = 5


def _repeat_pk(session: Session, repeat_of: str | None, own_id: str | None) -> int | None:
    if not repeat_of:
        return None
    if repeat_of == own_id:
        raise ValidationError([FieldProblem("repeat_of", "an incident cannot repeat itself")])
    pk = session.scalar(select(IncidentRow.id).where(IncidentRow.incident_id == repeat_of))
    if pk is None:
        raise ValidationError([FieldProblem("repeat_of", f"no incident {repeat_of}")])
    return pk


def _insert(session: Session, pm: PostMortem, now: datetime) -> IncidentRow:
    if pm.incident_id:
        if session.scalar(select(IncidentRow.id).where(IncidentRow.incident_id == pm.incident_id)) is not None:
            raise DuplicateIncidentError(f"incident_id: {pm.incident_id} exists already")
        seq = int(INCIDENT_ID.match(pm.incident_id).group(4))  # type: ignore[union-attr]
        if session.scalar(select(IncidentRow.id).where(IncidentRow.incident_date == pm.incident_date,
                                                       IncidentRow.seq == seq)) is not None:
            raise DuplicateIncidentError(f"incident_id: number {seq} of {pm.incident_date} is taken")
        incident_id = pm.incident_id
    else:
        seq = next_seq(session, pm.incident_date)
        incident_id = format_incident_id(pm.incident_date, seq)
    row = IncidentRow(incident_id=incident_id, seq=seq, created_at=pm.created_at or now)
    write_row(row, pm, now)
    row.repeat_of_id = _repeat_pk(session, pm.repeat_of, incident_id)
    session.add(row)
    session.flush()
    return row


def create_postmortem(engine: Engine, pm: PostMortem, *, now: datetime | None = None,
                      imported: bool = False) -> PostMortem:
    """Validate and store a new post-mortem; the store assigns INC-YYYY-MM-DD-NNN unless ``pm`` names one.

    ``imported``: a historical record (signatures are taken as they are, not gated by the sign-off rules).
    """
    normalise(pm)
    if not imported:
        check_signoff_rules(None, pm)
    now = now or utcnow()
    for attempt in range(_ID_RETRIES):
        try:
            with unit_of_work(engine) as session:
                row = _insert(session, pm, now)
                if not imported:  # a historical record: its runbook review and drill are long past
                    apply_dr_triggers(session, row.id, now)
                return to_domain(row, pm.repeat_of)
        except IntegrityError as exc:
            # Another writer took the same number between our read and our insert: take the next one.
            if pm.incident_id or attempt == _ID_RETRIES - 1:
                if pm.incident_id:
                    raise DuplicateIncidentError(f"incident_id: {pm.incident_id} exists already") from exc
                raise
    raise AssertionError("unreachable")


def check_postmortem(engine: Engine, pm: PostMortem, *, new: bool) -> PostMortem:
    """Every check a create (``new``) or update would make, without saving; raises what the save would raise."""
    normalise(pm)
    stored = None if new else get_postmortem(engine, pm.incident_id or "")
    check_signoff_rules(stored, pm)
    return pm


def create_postmortems(session: Session, items: list[PostMortem], *, now: datetime | None = None) -> list[str]:
    """Insert several validated post-mortems inside the caller's unit of work; returns their ids."""
    now = now or utcnow()
    return [_insert(session, normalise(pm), now).incident_id for pm in items]


def get_postmortem(engine: Engine, incident_id: str) -> PostMortem:
    """The stored post-mortem; NotFoundError when there is none."""
    with unit_of_work(engine, read_only=True) as session:
        row = load_row(session, incident_id)
        repeat_of = None
        if row.repeat_of_id is not None:
            repeat_of = session.scalar(select(IncidentRow.incident_id).where(IncidentRow.id == row.repeat_of_id))
        return to_domain(row, repeat_of)


def update_postmortem(engine: Engine, pm: PostMortem, *, now: datetime | None = None) -> PostMortem:
    """Store ``pm`` over the version it was read at; ConflictError if someone saved in between."""
    if not pm.incident_id:
        raise ValidationError([FieldProblem("incident_id", "is required to update a post-mortem")])
    stored_id = pm.incident_id
    normalise(pm)
    if pm.incident_id != stored_id:
        raise ValidationError([FieldProblem("incident_id", "cannot be changed")])
    now = now or utcnow()
    try:
        with unit_of_work(engine) as session:
            row = load_row(session, stored_id, for_update=True)
            if row.version != pm.version:
                raise ConflictError(stored_id, pm.version, row.version)
            if row.incident_date != pm.incident_date:
                raise ValidationError([FieldProblem("incident_date",
                                                    "cannot change: it is part of the incident id")])
            check_signoff_rules(to_domain(row), pm)
            write_row(row, pm, now)
            row.repeat_of_id = _repeat_pk(session, pm.repeat_of, stored_id)
            session.flush()
            apply_dr_triggers(session, row.id, now)
            return to_domain(row, pm.repeat_of)
    except StaleDataError as exc:
        raise ConflictError(stored_id, pm.version, None) from exc


def delete_postmortem(engine: Engine, incident_id: str, *, version: int | None = None) -> None:
    """Delete a post-mortem and everything that belongs to it; with ``version``, only if still at it."""
    with unit_of_work(engine) as session:
        row = load_row(session, incident_id)
        if version is not None and row.version != version:
            raise ConflictError(incident_id, version, row.version)
        session.delete(row)


def link_repeat(engine: Engine, incident_id: str, repeat_of: str | None) -> None:
    """Mark ``incident_id`` by hand as a repeat of ``repeat_of`` (None removes the link)."""
    with unit_of_work(engine) as session:
        row = load_row(session, incident_id, for_update=True)
        row.repeat_of_id = _repeat_pk(session, repeat_of, incident_id)
        row.updated_at = utcnow()  # every write moves updated_at: the dashboards' cache token reads it


@dataclass
class IncidentFilter:
    """Search criteria of the incident database; empty fields do not filter."""

    text: str = ""
    severities: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class IncidentSummary:
    """One row of the incident database listing."""

    incident_id: str
    incident_date: date
    title: str
    severity: str
    category: str
    cause: str
    status: str
    ttd_seconds: int | None
    ttr_seconds: int | None
    duration_minutes: int | None
    actions_done: int
    actions_total: int
    repeat_of: str | None
    updated_at: datetime


SORTABLE = {
    "date": IncidentRow.incident_date,
    "incident_id": IncidentRow.incident_id,
    "severity": IncidentRow.severity,
    "title": IncidentRow.title,
    "category": IncidentRow.category,
    "status": IncidentRow.status,
    "ttr": IncidentRow.ttr_seconds,
    "updated": IncidentRow.updated_at,
}


def filter_clause(flt: IncidentFilter):  # type: ignore[no-untyped-def]
    """The WHERE clause of ``flt`` over IncidentRow (shared by the listing and the dashboards)."""
    clauses = []
    text = flt.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        columns = (IncidentRow.incident_id, IncidentRow.title, IncidentRow.summary, IncidentRow.executive_summary,
                   IncidentRow.root_cause, IncidentRow.cause, IncidentRow.category, IncidentRow.resolution)
        clauses.append(or_(*(c.ilike(pattern, escape="\\") for c in columns)))
    if flt.severities:
        clauses.append(IncidentRow.severity.in_(flt.severities))
    if flt.categories:
        clauses.append(IncidentRow.category.in_(flt.categories))
    if flt.causes:
        clauses.append(IncidentRow.cause.in_(flt.causes))
    if flt.statuses:
        clauses.append(IncidentRow.status.in_(flt.statuses))
    if flt.services:
        clauses.append(IncidentRow.id.in_(select(ServiceRow.incident_pk).where(ServiceRow.service.in_(flt.services))))
    if flt.date_from:
        clauses.append(IncidentRow.incident_date >= flt.date_from)
    if flt.date_to:
        clauses.append(IncidentRow.incident_date <= flt.date_to)
    return and_(*clauses) if clauses else and_(True)


def search_incidents(engine: Engine, flt: IncidentFilter | None = None, *, sort: str = "date",
                     descending: bool = True, limit: int = 500, offset: int = 0) -> list[IncidentSummary]:
    """Incidents matching ``flt``, with their action-item counts, in one query."""
    flt = flt or IncidentFilter()
    if sort not in SORTABLE:
        raise ValidationError([FieldProblem("sort", f"unknown sort key {sort!r}; expected one of "
                                            f"{', '.join(SORTABLE)}")])
    counts = (
        select(ActionItemRow.incident_pk.label("pk"),
               func.count().label("total"),
               func.sum(func.cast(ActionItemRow.status == "Done", type_=ActionItemRow.number.type)).label("done"))
        .group_by(ActionItemRow.incident_pk)
        .subquery()
    )
    original = aliased(IncidentRow)
    order = SORTABLE[sort].desc() if descending else SORTABLE[sort].asc()
    stmt = (
        select(IncidentRow, counts.c.total, counts.c.done, original.incident_id)
        .outerjoin(counts, counts.c.pk == IncidentRow.id)
        .outerjoin(original, original.id == IncidentRow.repeat_of_id)
        .where(filter_clause(flt))
        .order_by(order, IncidentRow.incident_id.desc())
        .limit(limit)
        .offset(offset)
    )
    with unit_of_work(engine, read_only=True) as session:
        return [
            IncidentSummary(
                incident_id=r.incident_id, incident_date=r.incident_date, title=r.title, severity=r.severity,
                category=r.category, cause=r.cause, status=r.status, ttd_seconds=r.ttd_seconds,
                ttr_seconds=r.ttr_seconds, duration_minutes=r.duration_minutes,
                actions_done=int(done or 0), actions_total=int(total or 0), repeat_of=orig, updated_at=r.updated_at,
            )
            for r, total, done, orig in session.execute(stmt)
        ]


def count_incidents(engine: Engine, flt: IncidentFilter | None = None) -> int:
    """How many incidents match ``flt``."""
    with unit_of_work(engine, read_only=True) as session:
        return int(session.scalar(select(func.count()).select_from(IncidentRow).where(
            filter_clause(flt or IncidentFilter()))) or 0)


def distinct_values(engine: Engine, column: str) -> list[str]:
    """Sorted distinct non-empty values of ``category``, ``cause`` or ``service`` for filter widgets."""
    columns = {"category": IncidentRow.category, "cause": IncidentRow.cause, "service": ServiceRow.service}
    if column not in columns:
        raise ValidationError([FieldProblem("column", f"unknown column {column!r}")])
    col = columns[column]
    with unit_of_work(engine, read_only=True) as session:
        return [v for v in session.scalars(select(col).distinct().order_by(col)) if v]


def clear_all(engine: Engine) -> None:
    """Delete every incident (used by tests and by reloading sample data)."""
    with unit_of_work(engine) as session:
        session.execute(delete(IncidentRow))
