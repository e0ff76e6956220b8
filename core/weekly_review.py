"""The seed's weekly action-item review: overdue by priority, changed in the last 7 days, due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, func, select

from core.action_items import CLOSED, TrackedItem, overdue_clause, query_items
from core.database import unit_of_work
from core.orm import ActionItemRow
from core.postmortem import Priority

WINDOW_DAYS = 7


@dataclass(frozen=True)
class WeeklyReview:
    """Everything the weekly review meeting looks at, as of ``now``."""

    now: datetime
    overdue_counts: dict[str, int]
    overdue: list[TrackedItem]
    changed: list[TrackedItem]
    due_next: list[TrackedItem]

    @property
    def overdue_total(self) -> int:
        """All overdue items, every priority."""
        return sum(self.overdue_counts.values())


def weekly_review(engine: Engine, *, now: datetime, days: int = WINDOW_DAYS) -> WeeklyReview:
    """Overdue items (most urgent priority first), items changed since ``now - days``, open items due within
    ``days`` calendar days from today (UTC, today included)."""
    today = now.date()
    with unit_of_work(engine) as session:
        counts = {p.value: 0 for p in Priority}
        stmt = (
            select(ActionItemRow.priority, func.count())
            .where(overdue_clause(now))
            .group_by(ActionItemRow.priority)
        )
        counts.update({prio: int(n) for prio, n in session.execute(stmt)})
        overdue = query_items(
            session,
            overdue_clause(now),
            now,
            order=(ActionItemRow.priority, ActionItemRow.due_date, ActionItemRow.id),
        )
        changed = query_items(
            session,
            ActionItemRow.updated_at >= now - timedelta(days=days),
            now,
            order=(ActionItemRow.updated_at.desc(), ActionItemRow.id),
        )
        upcoming = and_(
            ActionItemRow.due_date.between(today, today + timedelta(days=days)),
            ActionItemRow.status.not_in(CLOSED),
        )
        due_next = query_items(session, upcoming, now)
    return WeeklyReview(now=now, overdue_counts=counts, overdue=overdue, changed=changed, due_next=due_next)
