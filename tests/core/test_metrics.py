"""TTD / TTR distributions per quarter, ranked in SQL, and the dashboards' data version."""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta

import pytest

from core.metrics import Duration, _interpolate, data_version, duration_points, duration_stats
from core.postmortem import Anchor
from core.services import IncidentFilter, create_postmortem, delete_postmortem
from core.settings import save_settings
from tests.core import trend_data
from tests.core.trend_data import plain


def _store(engine, minutes: list[int | None], day: date = date(2026, 1, 10)):
    ids = []
    for i, m in enumerate(minutes):
        start = datetime(day.year, day.month, day.day, 9) + timedelta(hours=i)
        stamps = {Anchor.IMPACT_STARTED: start}
        if m is not None:
            stamps[Anchor.RESOLVED] = start + timedelta(minutes=m)
        ids.append(
            create_postmortem(engine, plain(day, timestamps=stamps, title=f"Incident {i}")).incident_id
        )
    return ids


@pytest.mark.parametrize(
    "minutes",
    [[7], [3, 9], [1, 2, 3, 4], [5, 1, 4, 2, 3], [10, 15, 20, 25, 25, 30, 35, 40], [1, 1, 1, 100, 250, 2, 3]],
)
def test_metrics_percentiles_match_linear_interpolation(engine, minutes):
    _store(engine, minutes)
    [stats] = duration_stats(engine, IncidentFilter(), Duration.TTR, ["2026-Q1"], small_sample_n=5)
    expected = (
        statistics.quantiles(minutes, n=100, method="inclusive") if len(minutes) > 1 else [minutes[0]] * 99
    )
    assert stats.n == len(minutes)
    assert stats.mean == pytest.approx(statistics.fmean(minutes))
    assert stats.median == pytest.approx(statistics.median(minutes))
    assert (stats.q1, stats.q3, stats.p90) == pytest.approx((expected[24], expected[74], expected[89]))
    assert (stats.minimum, stats.maximum) == (min(minutes), max(minutes))
    assert stats.small_sample is (len(minutes) < 5)


def test_metrics_interpolate_between_ranks():
    assert _interpolate({1: 10.0, 2: 20.0}, 2, 50) == 15.0
    assert _interpolate({1: 10.0, 2: 20.0}, 2, 90) == 19.0


def test_metrics_incidents_without_anchor_are_counted_as_missing(engine):
    _store(engine, [10, None, 20])
    [stats] = duration_stats(engine, IncidentFilter(), Duration.TTR, ["2026-Q1"], small_sample_n=2)
    assert (stats.n, stats.missing, stats.mean) == (2, 1, 15.0)
    [ttd] = duration_stats(engine, IncidentFilter(), Duration.TTD, ["2026-Q1"], small_sample_n=2)
    assert (ttd.n, ttd.missing, ttd.mean, ttd.small_sample) == (0, 3, None, True)


def test_metrics_seed_medians_and_p90(engine):
    trend_data.build(engine)
    ttr = duration_stats(engine, IncidentFilter(), Duration.TTR, trend_data.QUARTERS, small_sample_n=5)
    assert [s.mean for s in ttr] == pytest.approx(trend_data.MTTR)
    assert [s.median for s in ttr] == pytest.approx([25, 20, 17.5, 15])
    assert [s.n for s in ttr] == [8, 8, 4, 4]


@pytest.mark.parametrize(
    ("flt", "n"),
    [
        (IncidentFilter(), 24),
        (IncidentFilter(severities=["SEV2"]), 6),
        (IncidentFilter(categories=["Network"]), 4),
        (IncidentFilter(services=["orders-db"]), 4),
        (IncidentFilter(date_from=date(2025, 7, 1), date_to=date(2025, 12, 31)), 8),
    ],
)
def test_metrics_filters_apply(engine, flt, n):
    trend_data.build(engine)
    stats = duration_stats(engine, flt, Duration.TTD, trend_data.QUARTERS, small_sample_n=5)
    assert sum(s.n for s in stats) == n


def test_metrics_points_name_each_incident_and_thin_large_sets(engine):
    ids = _store(engine, [5, 50, 20, 40])
    points, thinned = duration_points(engine, IncidentFilter(), Duration.TTR)
    assert not thinned
    assert [(p.incident_id, p.minutes) for p in points] == [
        (ids[0], 5),
        (ids[2], 20),
        (ids[3], 40),
        (ids[1], 50),
    ]
    slowest, thinned = duration_points(engine, IncidentFilter(), Duration.TTR, cap=3, per_quarter=2)
    assert thinned
    assert [p.minutes for p in slowest] == [40, 50]


def test_metrics_data_version_changes_with_data_and_settings(engine):
    first = data_version(engine)
    [incident] = _store(engine, [10])
    second = data_version(engine)
    save_settings(engine, {"target_mttr_minutes": 45})
    third = data_version(engine)
    delete_postmortem(engine, incident)
    fourth = data_version(engine)
    assert len({first, second, third, fourth}) == 4
