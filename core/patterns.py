"""Pattern analysis: incidents per category per quarter (GROUP BY in SQL) with a least-squares trend word.

A quarter that has not ended yet (core.periods.is_partial, the rule completion uses) is shown with its count
so far but left out of the fit: its low partial count would otherwise tilt every category towards Improving.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Engine, func, select

from core.database import unit_of_work
from core.orm import IncidentRow
from core.periods import is_partial, quarter_bounds, utc_today
from core.services import IncidentFilter, IncidentSummary, filter_clause, search_incidents

TREND_THRESHOLD = 0.25  # incidents per quarter; DESIGN.md: below -0.25 Improving, above +0.25 Worsening
NO_CATEGORY = "(no category)"
DEFINITION = (
    "Trend = least-squares slope of the counts over the shown quarters: below −0.25 incidents per quarter "
    "is Improving, above +0.25 Worsening, otherwise Stable. A quarter not over yet is shown but not fitted."
)


@dataclass(frozen=True)
class CategoryPattern:
    """One category's incidents per shown quarter, the fitted slope and its trend word."""

    category: str
    counts: dict[str, int]
    total: int
    slope: float | None
    trend: str


def slope(values: list[float]) -> float | None:
    """Least-squares slope of ``values`` against 0, 1, 2 …; None for fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in range(n))
    return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / sxx


def trend_word(value: float | None) -> str:
    """Improving, Worsening or Stable for a slope; ``Too few quarters`` when there is none."""
    if value is None:
        return "Too few quarters"
    if value < -TREND_THRESHOLD:
        return "Improving"
    if value > TREND_THRESHOLD:
        return "Worsening"
    return "Stable"


def fitted_quarters(quarters: list[str], today: date) -> list[str]:
    """The shown quarters the trend is fitted over: those that have ended by ``today`` (UTC)."""
    return [q for q in quarters if not is_partial(q, today)]


def category_patterns(
    engine: Engine, flt: IncidentFilter, quarters: list[str], *, today: date | None = None
) -> list[CategoryPattern]:
    """Per category with incidents in the shown quarters: counts (0 if none), slope, trend; busiest first.

    The slope is fitted over the quarters that have ended by ``today`` (default: today in UTC)."""
    fitted_over = fitted_quarters(quarters, today or utc_today())
    stmt = (
        select(IncidentRow.category, IncidentRow.quarter, func.count())
        .where(filter_clause(flt), IncidentRow.quarter.in_(quarters))
        .group_by(IncidentRow.category, IncidentRow.quarter)
    )
    found: dict[str, dict[str, int]] = {}
    with unit_of_work(engine, read_only=True) as session:
        for category, quarter, count in session.execute(stmt):
            found.setdefault(category or NO_CATEGORY, {})[quarter] = int(count)
    out = []
    for category, by_quarter in found.items():
        counts = {q: by_quarter.get(q, 0) for q in quarters}
        fitted = slope([float(counts[q]) for q in fitted_over])
        out.append(CategoryPattern(category, counts, sum(counts.values()), fitted, trend_word(fitted)))
    out.sort(key=lambda p: (-p.total, p.category.lower()))
    return out


def cell_incidents(
    engine: Engine, flt: IncidentFilter, category: str, quarter: str, *, limit: int = 500
) -> list[IncidentSummary]:
    """The incidents behind one heatmap cell: ``flt`` narrowed to ``category`` and ``quarter``."""
    first, last = quarter_bounds(quarter)
    narrowed = replace(
        flt,
        categories=[""] if category == NO_CATEGORY else [category],
        date_from=max(first, flt.date_from) if flt.date_from else first,
        date_to=min(last, flt.date_to) if flt.date_to else last,
    )
    return search_incidents(engine, narrowed, sort="date", descending=False, limit=limit)
