"""TTD and TTR per quarter: n, mean, quartiles and p90, ranked in SQL (window functions)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine, func, or_, select

from core.database import unit_of_work
from core.orm import ActionItemRow, IncidentRow, SettingRow
from core.services import IncidentFilter, filter_clause

PERCENTS = (25, 50, 75, 90)
POINTS_CAP = 2000  # above this many incidents, charts show the slowest incidents of each quarter only


class Duration(StrEnum):
    """The two durations the dashboards track; each names the anchors it spans."""

    TTD = "ttd"
    TTR = "ttr"

    @property
    def column(self):  # type: ignore[no-untyped-def]
        """The stored seconds column."""
        return IncidentRow.ttd_seconds if self is Duration.TTD else IncidentRow.ttr_seconds

    @property
    def label(self) -> str:
        """Human name, e.g. ``Time to recover (TTR)``."""
        return "Time to detect (TTD)" if self is Duration.TTD else "Time to recover (TTR)"

    @property
    def mean_label(self) -> str:
        """The seed's metric name, e.g. ``MTTR``."""
        return "MTTD" if self is Duration.TTD else "MTTR"

    @property
    def anchors(self) -> str:
        """The two named moments the duration spans."""
        if self is Duration.TTD:
            return "impact started → detected"
        return "impact started → resolved (service restored)"


@dataclass(frozen=True)
class DurationStats:
    """One quarter of one duration, in minutes; ``missing`` incidents lack one of the two anchors."""

    quarter: str
    n: int
    missing: int
    mean: float | None
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    p90: float | None
    maximum: float | None
    small_sample: bool


@dataclass(frozen=True)
class DurationPoint:
    """One incident's duration (minutes), for strip plots and tooltips."""

    quarter: str
    incident_id: str
    title: str
    severity: str
    category: str
    minutes: float


def _interpolate(ranked: dict[int, float], n: int, percent: int) -> float:
    """Linear interpolation between the ranks around ``percent`` (PostgreSQL's percentile_cont)."""
    pos = (n - 1) * percent / 100
    lo, hi = int(pos), -(-((n - 1) * percent) // 100)
    low_value = ranked[lo + 1]
    return low_value + (ranked[hi + 1] - low_value) * (pos - lo)


def incident_counts(engine: Engine, flt: IncidentFilter) -> dict[str, int]:
    """Incidents per quarter matching ``flt``."""
    stmt = select(IncidentRow.quarter, func.count()).where(filter_clause(flt)).group_by(IncidentRow.quarter)
    with unit_of_work(engine, read_only=True) as session:
        return {q: int(n) for q, n in session.execute(stmt)}


def duration_stats(
    engine: Engine, flt: IncidentFilter, duration: Duration, quarters: list[str], *, small_sample_n: int
) -> list[DurationStats]:
    """Per shown quarter: n, mean, min, quartiles, p90 and max of ``duration`` in minutes."""
    column = duration.column
    part = IncidentRow.quarter
    inner = (
        select(
            part.label("quarter"),
            column.label("v"),
            func.row_number().over(partition_by=part, order_by=column).label("rn"),
            func.count().over(partition_by=part).label("n"),
            func.sum(column).over(partition_by=part).label("total"),
        )
        .where(filter_clause(flt), column.is_not(None))
        .subquery()
    )
    wanted = [inner.c.rn == 1, inner.c.rn == inner.c.n]
    for percent in PERCENTS:
        wanted.append(inner.c.rn == (inner.c.n - 1) * percent // 100 + 1)
        wanted.append(inner.c.rn == ((inner.c.n - 1) * percent + 99) // 100 + 1)
    stmt = select(inner.c.quarter, inner.c.rn, inner.c.n, inner.c.total, inner.c.v).where(or_(*wanted))
    ranks: dict[str, dict[int, float]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    with unit_of_work(engine, read_only=True) as session:
        for quarter, rn, n, total, value in session.execute(stmt):
            ranks.setdefault(quarter, {})[int(rn)] = value / 60
            sizes[quarter] = (int(n), int(total))
    counts = incident_counts(engine, flt)
    out: list[DurationStats] = []
    for quarter in quarters:
        n, total = sizes.get(quarter, (0, 0))
        missing = counts.get(quarter, 0) - n
        if n == 0:
            out.append(
                DurationStats(
                    quarter, 0, missing, None, None, None, None, None, None, None, small_sample=True
                )
            )
            continue
        ranked = ranks[quarter]
        q1, median, q3, p90 = (_interpolate(ranked, n, p) for p in PERCENTS)
        out.append(
            DurationStats(
                quarter,
                n,
                missing,
                total / n / 60,
                ranked[1],
                q1,
                median,
                q3,
                p90,
                ranked[n],
                small_sample=n < small_sample_n,
            )
        )
    return out


def duration_points(
    engine: Engine, flt: IncidentFilter, duration: Duration, *, cap: int = POINTS_CAP, per_quarter: int = 25
) -> tuple[list[DurationPoint], bool]:
    """Each incident's duration, or only the ``per_quarter`` slowest per quarter when more than ``cap``.

    The flag says whether the points were thinned to the slowest ones."""
    column = duration.column
    base = [
        IncidentRow.quarter,
        IncidentRow.incident_id,
        IncidentRow.title,
        IncidentRow.severity,
        IncidentRow.category,
        column,
    ]
    where = (filter_clause(flt), column.is_not(None))
    with unit_of_work(engine, read_only=True) as session:
        total = int(session.scalar(select(func.count()).select_from(IncidentRow).where(*where)) or 0)
        thinned = total > cap
        if thinned:
            inner = (
                select(
                    *base,
                    func.row_number()
                    .over(partition_by=IncidentRow.quarter, order_by=column.desc())
                    .label("rn"),
                )
                .where(*where)
                .subquery()
            )
            stmt = select(*(inner.c[c.key] for c in base)).where(inner.c.rn <= per_quarter)
        else:
            stmt = select(*base).where(*where)
        rows = session.execute(stmt).all()
    points = [
        DurationPoint(q, iid, title, sev, cat, seconds / 60) for q, iid, title, sev, cat, seconds in rows
    ]
    points.sort(key=lambda p: (p.quarter, p.minutes))
    return points, thinned


def data_version(engine: Engine) -> str:
    """A token that changes whenever incidents, action items or settings change (dashboards' cache key).

    Read on every rerun of a dashboard, so it touches index ends and one count, never the rows (summing
    the incidents' versions read every row: 0.3 s at 100k incidents on SQLite). Every write path moves one
    of its parts: an insert (form, import, bulk demo rows) raises ``max(id)``; a delete lowers the count;
    every save of a post-mortem and every action-item edit sets ``updated_at`` on the incident and on the
    items it changes (an item is deleted by a save of its incident); settings are a few rows, read whole."""
    parts = (
        select(func.max(IncidentRow.id)).scalar_subquery(),
        select(func.count()).select_from(IncidentRow).scalar_subquery(),
        select(func.max(IncidentRow.updated_at)).scalar_subquery(),  # ix_incidents_updated_at
        select(func.max(ActionItemRow.id)).scalar_subquery(),
        select(func.max(ActionItemRow.updated_at)).scalar_subquery(),  # ix_action_items_updated_at
    )
    with unit_of_work(engine, read_only=True) as session:
        # One statement, one scalar subquery per part: each keeps its own index lookup (SQLite answers
        # max() from an index only when it is alone in its SELECT).
        tables = session.execute(select(*parts)).one()
        settings = session.execute(select(SettingRow.key, SettingRow.value).order_by(SettingRow.key)).all()
    return repr((tuple(tables), tuple(tuple(s) for s in settings)))
