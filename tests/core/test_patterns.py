"""Pattern analysis: the seed's table on every database, the trend rule, and the heatmap's drill-down."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import periods
from core.patterns import NO_CATEGORY, category_patterns, cell_incidents, slope, trend_word
from core.periods import shown_quarters
from core.services import IncidentFilter, create_postmortem
from tests.core import trend_data
from tests.core.trend_data import plain


def test_patterns_reproduce_seed_pattern_analysis_table(engine):
    trend_data.build(engine)
    quarters = shown_quarters(engine, IncidentFilter())
    got = {
        p.category: ([p.counts[q] for q in quarters], p.trend)
        for p in category_patterns(engine, IncidentFilter(), quarters)
    }
    assert got == {c: (counts, trend_data.TRENDS[c]) for c, counts in trend_data.PATTERNS.items()}


@pytest.mark.parametrize(
    ("counts", "expected_slope", "word"),
    [
        ([2, 1, 0, 1], -0.4, "Improving"),  # Database
        ([1, 2, 1, 0], -0.4, "Improving"),  # Network
        ([3, 2, 1, 1], -0.7, "Improving"),  # Human Error
        ([2, 3, 2, 2], -0.1, "Stable"),  # Third-Party
        ([0, 1, 2, 3], 1.0, "Worsening"),
        ([1, 1, 1, 1], 0.0, "Stable"),
        ([0, 0, 1, 0], 0.1, "Stable"),
        ([0, 1], 1.0, "Worsening"),
    ],
)
def test_patterns_trend_from_least_squares_slope(counts, expected_slope, word):
    fitted = slope([float(c) for c in counts])
    assert fitted == pytest.approx(expected_slope)
    assert trend_word(fitted) == word


@pytest.mark.parametrize(
    ("value", "word"),
    [
        (-0.25, "Stable"),
        (0.25, "Stable"),
        (-0.2501, "Improving"),
        (0.2501, "Worsening"),
        (None, "Too few quarters"),
    ],
)
def test_patterns_trend_threshold_is_strict(value, word):
    assert trend_word(value) == word


def test_patterns_single_quarter_has_no_trend():
    assert slope([4.0]) is None


def test_patterns_filters_apply(engine):
    trend_data.build(engine)
    quarters = trend_data.QUARTERS
    by_service = category_patterns(engine, IncidentFilter(services=["payments"]), quarters)
    assert [(p.category, p.total) for p in by_service] == [("Third-Party", 9)]
    sev1 = category_patterns(engine, IncidentFilter(severities=["SEV1"]), quarters)
    assert sum(p.total for p in sev1) == 6  # every fourth of the 24 incidents


def test_patterns_cell_lists_its_incidents(engine):
    trend_data.build(engine)
    cell = cell_incidents(engine, IncidentFilter(), "Human Error", "2025-Q1")
    assert [i.cause for i in cell] == ["config push", "config push", "manual failover"]
    assert cell_incidents(engine, IncidentFilter(), "Database", "2025-Q3") == []
    narrowed = cell_incidents(engine, IncidentFilter(date_from=date(2025, 2, 1)), "Human Error", "2025-Q1")
    assert [i.cause for i in narrowed] == ["config push", "manual failover"]


def test_patterns_incidents_without_category_are_grouped(engine):
    create_postmortem(engine, plain(date(2026, 1, 30), category=""))
    quarters = shown_quarters(engine, IncidentFilter())
    patterns = category_patterns(engine, IncidentFilter(), quarters)
    assert [(p.category, p.counts, p.trend) for p in patterns] == [
        (NO_CATEGORY, {"2026-Q1": 1}, "Too few quarters")
    ]
    assert len(cell_incidents(engine, IncidentFilter(), NO_CATEGORY, "2026-Q1")) == 1


QUARTERS_2026 = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]


def _counts(engine, counts: list[int]) -> None:  # type: ignore[no-untyped-def]
    for quarter, n in zip(QUARTERS_2026, counts, strict=True):
        first = periods.quarter_bounds(quarter)[0]
        for i in range(n):
            create_postmortem(engine, plain(first.replace(day=5 + i), category="Database", cause=f"c{i}"))


@pytest.mark.parametrize(
    ("counts", "today", "expected_slope", "word"),
    [
        ([2, 2, 2, 0], date(2026, 11, 15), 0.0, "Stable"),  # Q4 under way: its low count is not a trend
        ([2, 2, 2, 0], date(2027, 1, 1), -0.6, "Improving"),  # Q4 over: it counts
        ([2, 2, 2, 0], date(2026, 12, 31), 0.0, "Stable"),  # the quarter's last day: not over yet
        ([1, 2, 3, 1], date(2026, 10, 1), 1.0, "Worsening"),
        ([1, 2, 0, 0], date(2026, 7, 2), 1.0, "Worsening"),  # Q3 under way, Q4 still to come
        ([3, 0, 0, 0], date(2026, 5, 1), None, "Too few quarters"),  # one finished quarter only
    ],
)
def test_patterns_partial_quarter_is_shown_but_not_fitted(engine, counts, today, expected_slope, word):
    _counts(engine, counts)
    [pattern] = category_patterns(engine, IncidentFilter(), QUARTERS_2026, today=today)
    assert list(pattern.counts.values()) == counts
    assert pattern.slope == (None if expected_slope is None else pytest.approx(expected_slope))
    assert pattern.trend == word


def test_patterns_today_defaults_to_the_utc_date(engine, monkeypatch):
    _counts(engine, [2, 2, 2, 0])
    monkeypatch.setattr(periods, "utcnow", lambda: datetime(2026, 12, 31, 23, 30))  # 1 January east of UTC
    [pattern] = category_patterns(engine, IncidentFilter(), QUARTERS_2026)
    assert pattern.trend == "Stable"
