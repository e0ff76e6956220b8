"""The seed's "Metrics Tracking" table, rebuilt from stored incidents, on every database."""

from __future__ import annotations

from datetime import date

import pytest

from core.scorecard import Target, scorecard, targets
from core.services import IncidentFilter
from core.settings import DEFAULTS, get_settings, save_settings
from tests.core import trend_data

TODAY = date(2026, 3, 1)


def test_scorecard_reproduces_seed_metrics_tracking_table(engine):
    trend_data.build(engine)
    card = scorecard(engine, IncidentFilter(), get_settings(engine), today=TODAY)
    assert card.quarters == trend_data.QUARTERS
    rows = {row.key: row for row in card.rows}
    expected = {
        "mttr": trend_data.MTTR,
        "mttd": trend_data.MTTD,
        "completion": trend_data.COMPLETION,
        "repeats": trend_data.REPEATS,
    }
    for key, values in expected.items():
        got = [rows[key].cells[q].value for q in card.quarters]
        assert got == pytest.approx(values), key
        assert [rows[key].cells[q].met for q in card.quarters] == trend_data.MET[key], key
    assert [rows[k].target.text for k in ("mttr", "mttd", "completion", "repeats")] == [
        "< 30 min",
        "< 5 min",
        "> 90%",
        "0",
    ]


def test_scorecard_names_anchors_and_flags_small_quarters(engine):
    trend_data.build(engine)
    card = scorecard(engine, IncidentFilter(), get_settings(engine), today=TODAY)
    rows = {row.key: row for row in card.rows}
    assert "impact started → resolved (service restored)" in rows["mttr"].definition
    assert "impact started → detected" in rows["mttd"].definition
    # Q1 and Q2 have 8 incidents, Q3 and Q4 four: below the default small_sample_n of 5.
    assert [rows["mttr"].cells[q].small_sample for q in card.quarters] == [False, False, True, True]
    assert rows["mttr"].cells["2025-Q3"].note == "only 4 incidents"


def test_scorecard_targets_follow_settings(engine):
    trend_data.build(engine)
    settings = save_settings(
        engine, {"target_mttd_minutes": 6.5, "target_repeat_incidents": 1, "target_completion_pct": 80}
    )
    card = scorecard(engine, IncidentFilter(), settings, today=TODAY)
    rows = {row.key: row for row in card.rows}
    assert [rows["mttd"].cells[q].met for q in card.quarters] == [False, True, True, True]
    assert [rows["repeats"].cells[q].met for q in card.quarters] == [False, True, True, True]
    assert [rows["completion"].cells[q].met for q in card.quarters] == [True, True, True, True]


def test_scorecard_empty_database_shows_no_quarters(engine):
    card = scorecard(engine, IncidentFilter(), get_settings(engine), today=TODAY)
    assert card.quarters == []
    assert all(row.cells == {} for row in card.rows)


def test_scorecard_quarter_without_incidents_reads_no_data(engine):
    trend_data.build(engine)
    flt = IncidentFilter(date_from=date(2025, 1, 1), date_to=date(2026, 3, 31))
    card = scorecard(engine, flt, get_settings(engine), today=TODAY)
    assert card.quarters[-1] == "2026-Q1"
    cell = {row.key: row for row in card.rows}["mttr"].cells["2026-Q1"]
    assert (cell.value, cell.met, cell.n, cell.note) == (None, None, 0, "no incident with both anchors")


@pytest.mark.parametrize(
    ("op", "target", "value", "met"),
    [
        ("<", 30, 25, True),
        ("<", 5, 5, False),  # the seed's MTTD Q3: 5 is not below 5
        ("<", 5, 4, True),
        (">", 90, 90, False),
        (">", 90, 92, True),
        ("<=", 0, 0, True),
        ("<=", 0, 1, False),
        ("<", 30, None, None),
    ],
)
def test_scorecard_target_met(op, target, value, met):
    assert Target(op, target, "min").met(value) is met


def test_scorecard_targets_default_to_the_seed():
    goal = targets({key: default for key, (default, _) in DEFAULTS.items()})
    assert [(t.op, t.value) for t in goal.values()] == [("<", 30), ("<", 5), (">", 90), ("<=", 0)]
