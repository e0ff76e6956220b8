"""Action-item completion per quarter (items due in the quarter, Done) and overdue items by priority."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import completion
from core.completion import completion_stats, overdue_counts
from core.postmortem import ActionItem, ActionStatus, Priority
from core.services import IncidentFilter, create_postmortem
from tests.core import trend_data
from tests.core.trend_data import plain


def test_completion_reproduces_seed_percentages(engine):
    trend_data.build(engine)
    stats = completion_stats(engine, IncidentFilter(), trend_data.QUARTERS, today=date(2026, 3, 1))
    assert [s.pct for s in stats] == pytest.approx(trend_data.COMPLETION)
    assert [(s.due, s.done) for s in stats] == [(20, 17), (25, 23), (20, 19), (50, 49)]
    assert not any(s.partial for s in stats)


def _items(engine):
    items = [
        ActionItem(
            "a",
            Priority.P0,
            due_date=date(2026, 2, 1),
            status=ActionStatus.DONE,
            completed_on=date(2026, 2, 1),
        ),
        ActionItem(
            "b",
            Priority.P0,
            due_date=date(2026, 2, 2),
            status=ActionStatus.DONE,
            completed_on=date(2026, 3, 9),
        ),
        ActionItem("c", Priority.P1, due_date=date(2026, 3, 1), status=ActionStatus.OPEN),
        ActionItem("d", Priority.P1, due_date=date(2026, 3, 2), status=ActionStatus.CANCELLED),
        ActionItem("e", Priority.P2, due_date=date(2026, 4, 20), status=ActionStatus.BLOCKED),
        ActionItem("f", Priority.P2, due_date=None, status=ActionStatus.OPEN),
    ]
    create_postmortem(engine, plain(date(2026, 1, 30), action_items=items))


def test_completion_definition_due_in_quarter_and_done(engine):
    _items(engine)
    q1, q2 = completion_stats(engine, IncidentFilter(), ["2026-Q1", "2026-Q2"], today=date(2026, 4, 10))
    # Q1: a, b done; c open; d cancelled (still counts as due); f has no due date.
    assert (q1.due, q1.done, q1.done_on_time, q1.still_open, q1.partial) == (4, 2, 1, 1, False)
    assert q1.pct == pytest.approx(50.0)
    assert (q2.due, q2.done, q2.pct, q2.partial) == (1, 0, 0.0, True)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 15), {}),
        (date(2026, 3, 5), {("P1", "2026-Q1"): 1}),
        (date(2026, 5, 1), {("P1", "2026-Q1"): 1, ("P2", "2026-Q2"): 1}),
    ],
)
def test_completion_overdue_by_priority(engine, today, expected):
    _items(engine)
    counts = overdue_counts(engine, IncidentFilter(), ["2026-Q1", "2026-Q2"], today=today)
    assert {(c.priority, c.quarter): c.count for c in counts if c.count} == expected
    assert [c.priority for c in counts][::2] == ["P0", "P1", "P2"]


def test_completion_date_range_applies_to_due_date(engine):
    _items(engine)
    flt = IncidentFilter(date_from=date(2026, 3, 1), date_to=date(2026, 6, 30))
    q1, q2 = completion_stats(engine, flt, ["2026-Q1", "2026-Q2"], today=date(2026, 7, 1))
    assert (q1.due, q2.due) == (2, 1)  # c and d in Q1 from March on; e in Q2


def test_completion_quarter_without_items_has_no_percentage(engine):
    [stats] = completion_stats(engine, IncidentFilter(), ["2026-Q1"], today=date(2026, 4, 1))
    assert (stats.due, stats.pct) == (0, None)


@pytest.mark.parametrize(
    ("utc_now", "partial", "overdue"),
    [
        (datetime(2026, 3, 31, 23, 30), [True, True], {}),  # the server may already be in April
        (
            datetime(2026, 4, 1, 0, 30),
            [False, True],
            {("P1", "2026-Q1"): 1},
        ),  # the server may still be in March
    ],
)
def test_completion_today_defaults_to_the_utc_date(engine, monkeypatch, utc_now, partial, overdue):
    create_postmortem(
        engine,
        plain(
            date(2026, 1, 30),
            action_items=[ActionItem("c", Priority.P1, due_date=date(2026, 3, 31), status=ActionStatus.OPEN)],
        ),
    )
    monkeypatch.setattr(completion, "utcnow", lambda: utc_now)
    quarters = ["2026-Q1", "2026-Q2"]
    assert [s.partial for s in completion_stats(engine, IncidentFilter(), quarters)] == partial
    counts = overdue_counts(engine, IncidentFilter(), quarters)
    assert {(c.priority, c.quarter): c.count for c in counts if c.count} == overdue
