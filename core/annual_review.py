"""The annual DR-plan review: the seed's checklist per year, with the year's lessons beside it.

The review of year Y is due on 31 December of Y (UTC). Saving checks the ``updated_at`` it was read at, so two
reviewers ticking boxes at once do not overwrite each other silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from core.database import unit_of_work
from core.errors import FieldProblem, StaleEditError, ValidationError
from core.orm import AnnualReviewRow, DrTaskRow, IncidentRow

CHECKLIST: dict[str, str] = {
    "runbooks": "Update all runbooks",
    "rto_rpo": "Revise RTO/RPO if needed",
    "contacts": "Update contact lists",
    "training": "Refresh training materials",
}


@dataclass(frozen=True)
class AnnualReview:
    """One year's checklist and the figures that feed it."""

    year: int
    checklist: dict[str, bool]
    reviewer: str
    updated_at: datetime | None
    incidents: int
    rto_missed: int
    rpo_missed: int
    open_dr_tasks: int

    @property
    def due(self) -> date:
        """31 December of the year."""
        return date(self.year, 12, 31)

    @property
    def complete(self) -> bool:
        """Every checklist item ticked."""
        return all(self.checklist.values())


def get_annual_review(engine: Engine, year: int) -> AnnualReview:
    """The stored checklist of ``year`` (all unticked if none) and the year's incident figures."""
    num = IncidentRow.id.type
    with unit_of_work(engine) as session:
        row = session.get(AnnualReviewRow, year)
        start, end = date(year, 1, 1), date(year, 12, 31)
        n, rto, rpo = session.execute(
            select(
                func.count(),
                func.sum(func.cast(IncidentRow.rto_met.is_(False), num)),
                func.sum(func.cast(IncidentRow.rpo_met.is_(False), num)),
            ).where(IncidentRow.incident_date.between(start, end))
        ).one()
        open_tasks = session.scalar(
            select(func.count()).select_from(DrTaskRow).where(DrTaskRow.status != "Done")
        )
    stored = json.loads(row.checklist) if row else {}
    return AnnualReview(
        year,
        {k: bool(stored.get(k, False)) for k in CHECKLIST},
        row.reviewer if row else "",
        row.updated_at if row else None,
        int(n or 0),
        int(rto or 0),
        int(rpo or 0),
        int(open_tasks or 0),
    )


def save_annual_review(
    engine: Engine,
    year: int,
    checklist: dict[str, bool],
    reviewer: str,
    *,
    read_at: datetime | None,
    now: datetime,
) -> AnnualReview:
    """Store the checklist of ``year``; ``read_at`` is the ``updated_at`` it was loaded with (None: new)."""
    problems: list[FieldProblem] = []
    reviewer = (reviewer or "").strip()
    if year > now.year:
        problems.append(FieldProblem("year", f"{year} has not started yet"))
    if year < 1970:
        problems.append(FieldProblem("year", f"{year} is not a plausible year"))
    unknown = set(checklist) - set(CHECKLIST)
    if unknown:
        problems.append(FieldProblem("checklist", f"unknown item(s): {', '.join(sorted(unknown))}"))
    if any(checklist.values()) and not reviewer:
        problems.append(FieldProblem("reviewer", "is required once an item is ticked"))
    if problems:
        raise ValidationError(problems)
    with unit_of_work(engine) as session:
        row = session.get(AnnualReviewRow, year)
        current = row.updated_at if row else None
        if current != read_at:
            raise StaleEditError([f"The {year} annual DR-plan review"])
        if row is None:
            row = AnnualReviewRow(year=year)
            session.add(row)
        row.checklist = json.dumps({k: bool(checklist.get(k, False)) for k in CHECKLIST})
        row.reviewer = reviewer
        row.updated_at = now
    return get_annual_review(engine, year)
