"""Repeat incidents: same category and cause as an earlier incident within the window, or linked by hand.

The earlier incident is found with LAG over all incidents (a repeat of an incident outside the filter is
still a repeat); the filter then selects which repeats are counted, each in the quarter of the later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from core.database import unit_of_work
from core.orm import IncidentRow
from core.periods import without_dates
from core.services import IncidentFilter, filter_clause

DEFINITION = (
    "A repeat incident has the same category and cause as an earlier incident at most {window} days "
    "before it (by incident date), or was linked by hand as a repeat. It counts in its own quarter."
)
BY_HAND = "linked by hand"
BY_MATCH = "same category and cause"


@dataclass(frozen=True)
class RepeatPair:
    """A repeat incident and the earlier incident it repeats."""

    quarter: str
    incident_id: str
    incident_date: date
    title: str
    category: str
    cause: str
    earlier_id: str
    earlier_date: date
    earlier_title: str
    days_apart: int
    how: str


def repeats_of_clause(  # type: ignore[no-untyped-def]
    pk: int, category: str, cause: str, incident_date: date, window_days: int
):
    """SQL over IncidentRow: the incidents that repeat the given one by this module's definition, seen from
    the earlier incident: linked to it by hand, or with its (non-empty) category and cause, after it (by
    incident date, then key, like the LAG order) and at most ``window_days`` days later."""
    later = or_(
        IncidentRow.incident_date > incident_date,
        and_(IncidentRow.incident_date == incident_date, IncidentRow.id > pk),
    )
    similar = IncidentRow.repeat_of_id == pk
    if category and cause:
        same_kind = and_(
            IncidentRow.category == category,
            IncidentRow.cause == cause,
            later,
            IncidentRow.incident_date <= incident_date + timedelta(days=window_days),
        )
        similar = or_(similar, same_kind)
    return and_(IncidentRow.id != pk, similar)


def _days_between(engine: Engine, later, earlier):  # type: ignore[no-untyped-def]
    if engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return later - earlier  # PostgreSQL: date - date is a whole number of days


def _selected(ranked, flt: IncidentFilter) -> list:  # type: ignore[no-untyped-def]
    """Conditions keeping the repeats that match ``flt`` (a date range alone needs no subquery)."""
    if without_dates(flt) != IncidentFilter():
        return [ranked.c.id.in_(select(IncidentRow.id).where(filter_clause(flt)))]
    conditions = []
    if flt.date_from:
        conditions.append(ranked.c.incident_date >= flt.date_from)
    if flt.date_to:
        conditions.append(ranked.c.incident_date <= flt.date_to)
    return conditions


def _repeats(engine: Engine, flt: IncidentFilter, window_days: int):  # type: ignore[no-untyped-def]
    """Subquery of repeat incidents matching ``flt`` with the primary key of the incident each repeats."""
    key = (IncidentRow.category, IncidentRow.cause)
    # Only incidents from ``window_days`` before the range can be the earlier incident of a repeat in it.
    scope = []
    if flt.date_from:
        scope.append(IncidentRow.incident_date >= flt.date_from - timedelta(days=window_days))
    if flt.date_to:
        scope.append(IncidentRow.incident_date <= flt.date_to)
    order = (IncidentRow.incident_date, IncidentRow.id)
    ranked = select(
        IncidentRow.id,
        IncidentRow.quarter,
        IncidentRow.incident_date,
        IncidentRow.category,
        IncidentRow.cause,
        IncidentRow.repeat_of_id,
        func.lag(IncidentRow.id).over(partition_by=key, order_by=order).label("prev_pk"),
        func.lag(IncidentRow.incident_date).over(partition_by=key, order_by=order).label("prev_date"),
    )
    ranked = ranked.where(*scope).subquery()
    matched = and_(
        ranked.c.category != "",
        ranked.c.cause != "",
        ranked.c.prev_pk.is_not(None),
        _days_between(engine, ranked.c.incident_date, ranked.c.prev_date) <= window_days,
    )
    return (
        select(
            ranked.c.id,
            ranked.c.quarter,
            func.coalesce(ranked.c.repeat_of_id, ranked.c.prev_pk).label("earlier_pk"),
            case((ranked.c.repeat_of_id.is_not(None), literal(BY_HAND)), else_=literal(BY_MATCH)).label(
                "how"
            ),
        )
        .where(
            or_(ranked.c.repeat_of_id.is_not(None), matched),
            *_selected(ranked, flt),
        )
        .subquery()
    )


def repeat_counts(
    engine: Engine, flt: IncidentFilter, quarters: list[str], *, window_days: int
) -> dict[str, int]:
    """Repeat incidents per shown quarter (0 where there were none)."""
    rep = _repeats(engine, flt, window_days)
    stmt = select(rep.c.quarter, func.count()).group_by(rep.c.quarter)
    with unit_of_work(engine, read_only=True) as session:
        found = {q: int(n) for q, n in session.execute(stmt)}
    return {q: found.get(q, 0) for q in quarters}


def repeat_pairs(
    engine: Engine, flt: IncidentFilter, *, window_days: int, limit: int | None = 1000
) -> list[RepeatPair]:
    """The repeat incidents matching ``flt``, newest first, each with the earlier incident it repeats."""
    rep = _repeats(engine, flt, window_days)
    later, earlier = aliased(IncidentRow), aliased(IncidentRow)
    stmt = (
        select(
            rep.c.quarter,
            later.incident_id,
            later.incident_date,
            later.title,
            later.category,
            later.cause,
            earlier.incident_id,
            earlier.incident_date,
            earlier.title,
            rep.c.how,
        )
        .join(later, later.id == rep.c.id)
        .join(earlier, earlier.id == rep.c.earlier_pk)
        .order_by(later.incident_date.desc(), later.incident_id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    with unit_of_work(engine, read_only=True) as session:
        return [
            RepeatPair(q, iid, day, title, cat, cause, eid, eday, etitle, (day - eday).days, how)
            for q, iid, day, title, cat, cause, eid, eday, etitle, how in session.execute(stmt)
        ]
