"""Repeat incidents: same category and cause within the window, or linked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.repeats import BY_HAND, BY_MATCH, repeat_counts, repeat_pairs
from core.services import IncidentFilter, create_postmortem, link_repeat
from tests.core import trend_data
from tests.core.trend_data import plain


def test_repeats_reproduce_seed_counts_and_pairs(engine):
    ids = trend_data.build(engine)
    assert list(repeat_counts(engine, IncidentFilter(), trend_data.QUARTERS, window_days=90).values()) == [
        2,
        1,
        0,
        0,
    ]
    pairs = repeat_pairs(engine, IncidentFilter(), window_days=90)
    got = {(p.incident_id, p.earlier_id, p.how) for p in pairs}
    assert got == {
        (ids[5], ids[1], BY_MATCH),
        (ids[7], ids[0], BY_HAND),
        (ids[12], ids[9], BY_MATCH),
    }
    assert [p.days_apart for p in pairs] == [21, 58, 35]  # newest first


def _pair(engine, gap_days: int, *, category="database", cause="hardware_failure"):
    first = date(2026, 1, 5)
    a = create_postmortem(engine, plain(first))
    b = create_postmortem(engine, plain(first + timedelta(days=gap_days), category=category, cause=cause))
    return a.incident_id, b.incident_id


@pytest.mark.parametrize(
    ("gap", "window", "category", "cause", "repeats"),
    [
        (30, 90, "database", "hardware_failure", 1),
        (90, 90, "database", "hardware_failure", 1),  # the window is inclusive
        (91, 90, "database", "hardware_failure", 0),
        (91, 120, "database", "hardware_failure", 1),
        (0, 90, "database", "hardware_failure", 1),  # same day counts
        (10, 90, "database", "config_change", 0),  # other cause
        (10, 90, "network", "hardware_failure", 0),  # other category
    ],
)
def test_repeats_window_category_and_cause(engine, gap, window, category, cause, repeats):
    _pair(engine, gap, category=category, cause=cause)
    flt = IncidentFilter()
    assert sum(repeat_counts(engine, flt, ["2026-Q1", "2026-Q2"], window_days=window).values()) == repeats


def test_repeats_empty_category_or_cause_never_match(engine):
    _pair(engine, 3, category="", cause="")
    create_postmortem(engine, plain(date(2026, 1, 7), category="", cause=""))
    assert repeat_pairs(engine, IncidentFilter(), window_days=90) == []


def test_repeats_linked_by_hand_count_once(engine):
    a, b = _pair(engine, 10)  # an automatic repeat …
    link_repeat(engine, b, a)  # … that is also linked by hand
    pairs = repeat_pairs(engine, IncidentFilter(), window_days=90)
    assert [(p.incident_id, p.earlier_id, p.how) for p in pairs] == [(b, a, BY_HAND)]


def test_repeats_of_filtered_out_incidents_still_count(engine):
    _, b = _pair(engine, 10)
    flt = IncidentFilter(date_from=date(2026, 1, 10))  # the earlier incident lies before the range
    assert [p.incident_id for p in repeat_pairs(engine, flt, window_days=90)] == [b]
    assert repeat_pairs(engine, IncidentFilter(severities=["SEV4"]), window_days=90) == []
