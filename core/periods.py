"""Quarters, the period of every trend report: ``2026-Q1`` spelling, arithmetic, the span a filter shows."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import Engine, func, select

from core.database import unit_of_work
from core.errors import FieldProblem, ValidationError
from core.orm import IncidentRow
from core.repository import quarter_of, utcnow
from core.services import IncidentFilter, filter_clause

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")

__all__ = [
    "quarter_of",
    "parse_quarter",
    "quarter_bounds",
    "quarters_between",
    "shown_quarters",
    "without_dates",
    "is_partial",
    "utc_today",
]


def parse_quarter(text: str) -> tuple[int, int]:
    """(year, quarter number) of ``2026-Q1``; ValidationError for anything else."""
    match = QUARTER.match(text.strip())
    if not match:
        raise ValidationError([FieldProblem("quarter", f"{text!r} is not a quarter like 2026-Q1")])
    return int(match.group(1)), int(match.group(2))


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of ``quarter``."""
    year, q = parse_quarter(quarter)
    first = date(year, 3 * q - 2, 1)
    following = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return first, following - timedelta(days=1)


def quarters_between(first: str, last: str) -> list[str]:
    """Every quarter from ``first`` to ``last`` inclusive (empty when ``last`` comes first)."""
    year, q = parse_quarter(first)
    end = parse_quarter(last)
    out: list[str] = []
    while (year, q) <= end:
        out.append(f"{year}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def utc_today() -> date:
    """Today in UTC, the calendar of the tracker and of every stored time (not the server's local date)."""
    return utcnow().date()


def is_partial(quarter: str, today: date) -> bool:
    """True while ``quarter`` has not ended yet on ``today`` (the current quarter, or one still to come)."""
    return quarter_bounds(quarter)[1] >= today


def without_dates(flt: IncidentFilter) -> IncidentFilter:
    """``flt`` without its date range (for records placed in a quarter by another date, e.g. due dates)."""
    return replace(flt, date_from=None, date_to=None)


def shown_quarters(engine: Engine, flt: IncidentFilter) -> list[str]:
    """The quarters a report over ``flt`` shows: the filter's date range, else the incidents' span."""
    first = quarter_of(flt.date_from) if flt.date_from else None
    last = quarter_of(flt.date_to) if flt.date_to else None
    if first is None or last is None:
        with unit_of_work(engine, read_only=True) as session:
            lo, hi = session.execute(
                select(func.min(IncidentRow.quarter), func.max(IncidentRow.quarter)).where(filter_clause(flt))
            ).one()
        if lo is None:
            return []
        first = first or lo
        last = last or hi
    return quarters_between(first, last)
