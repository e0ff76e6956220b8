"""Pattern analysis: the seed's table on every database, the trend rule, and the heatmap's drill-down."""

from __future__ import annotations

from datetime import date

import pytest

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
