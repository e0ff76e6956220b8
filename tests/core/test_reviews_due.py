"""What is due across incidents (``core.reviews_due``): DR tasks follow ``since``, totals come from SQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.dr_plan import record_dr_test
from core.reviews_due import due_summary, due_work
from core.services import create_postmortem
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 12, 9, 0)


@pytest.fixture
def history(engine):  # type: ignore[no-untyped-def]
    """A 2024 and a 2026 SEV1 incident (runbook review + drill each), the quarterly review, a failed test."""
    for day in (date(2024, 5, 6), date(2026, 1, 30)):
        pm = seed_postmortem(incident_date=day, timeline=[], signoffs=[], action_items=[])
        create_postmortem(engine, pm, now=datetime(2026, 2, 1))
    record_dr_test(engine, date(2025, 6, 1), False, "restore failed", now=NOW)  # update due 2025-06-02
    return engine


@pytest.mark.parametrize(
    ("since", "scopes"),
    [
        (None, {"INC-2024-05-06-001", "INC-2026-01-30-001", "2026-Q1", "test-1"}),
        (date(2025, 12, 3), {"INC-2026-01-30-001", "2026-Q1"}),  # the 2024 runbook review is gone
        (date(2025, 6, 1), {"INC-2026-01-30-001", "2026-Q1", "test-1"}),  # due 2025-06-02: kept
        (date(2026, 2, 1), {"2026-Q1"}),  # quarterly: by its due date (2026-03-31)
    ],
)
def test_reviews_due_dr_tasks_follow_the_since_filter(history, since, scopes):
    rows = due_work(history, now=NOW, within_days=60, since=since)
    assert {r.incident_id for r in rows if r.kind == "dr-task"} == scopes


@pytest.mark.parametrize("limit", [1, 3, 7, None])
def test_reviews_due_limit_cuts_rows_not_totals(history, limit):
    everything = due_summary(history, now=NOW, within_days=60)
    cut = due_summary(history, now=NOW, within_days=60, limit=limit)
    overdue = sum(r.state == "overdue" for r in everything.rows)
    assert (cut.total, cut.overdue) == (len(everything.rows), overdue)
    assert cut.rows == everything.rows[:limit] and cut.truncated == (limit is not None and limit < cut.total)
