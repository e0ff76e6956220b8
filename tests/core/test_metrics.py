"""TTD / TTR distributions per quarter, ranked in SQL, and the dashboards' data version."""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from core.action_edits import NewActionItem, add_action_item, diff_edits, update_action_items
from core.action_items import list_action_items
from core.metrics import Duration, _interpolate, data_version, duration_points, duration_stats
from core.postmortem import Anchor
from core.repository import utcnow
from core.services import (
    IncidentFilter,
    create_postmortem,
    delete_postmortem,
    get_postmortem,
    link_repeat,
    update_postmortem,
)
from core.settings import save_settings
from tests.core import trend_data
from tests.core.factories import seed_postmortem
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


def _edit_title(engine, ids):  # type: ignore[no-untyped-def]
    pm = get_postmortem(engine, ids[0])
    pm.title = "Renamed"
    update_postmortem(engine, pm)


def _drop_item_in_form(engine, ids):  # type: ignore[no-untyped-def]
    pm = get_postmortem(engine, ids[1])
    pm.action_items = pm.action_items[1:]
    update_postmortem(engine, pm)


def _edit_item(engine, ids):  # type: ignore[no-untyped-def]
    item = next(i for i in list_action_items(engine, now=utcnow()) if i.status == "Open")
    changes = diff_edits(
        {item.id: {"status": "Open"}}, {item.id: {"status": "Done"}}, {item.id: item.updated_at}
    )
    update_action_items(engine, changes, now=utcnow())


def _add_item(engine, ids):  # type: ignore[no-untyped-def]
    add_action_item(engine, NewActionItem(ids[0], "Add an alert", "SRE"), sprint_days=14, now=utcnow())


def _replace_newest(engine, ids):  # type: ignore[no-untyped-def]
    # Same count and, on SQLite (row ids reused), the same max(id): only updated_at tells.
    delete_postmortem(engine, ids[1])
    create_postmortem(engine, seed_postmortem(incident_date=date(2026, 1, 11)))


def _bulk_demo(engine, ids):  # type: ignore[no-untyped-def]
    from core.demo import generate_demo

    generate_demo(engine, incidents=2, seed=3, end=date(2026, 6, 30), years=0.5)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda e, ids: create_postmortem(e, plain(date(2026, 2, 1))), id="create"),
        pytest.param(_edit_title, id="update"),
        pytest.param(lambda e, ids: delete_postmortem(e, ids[0]), id="delete-oldest"),
        pytest.param(lambda e, ids: delete_postmortem(e, ids[1]), id="delete-newest"),
        pytest.param(_replace_newest, id="delete-newest-then-create"),
        pytest.param(_drop_item_in_form, id="remove-action-item-in-form"),
        pytest.param(_edit_item, id="edit-action-item"),
        pytest.param(_add_item, id="add-action-item"),
        pytest.param(_bulk_demo, id="bulk-demo-insert"),
        pytest.param(lambda e, ids: save_settings(e, {"repeat_window_days": 30}), id="settings"),
        pytest.param(lambda e, ids: link_repeat(e, ids[1], ids[0]), id="link-repeat-by-hand"),
    ],
)
def test_metrics_data_version_changes_on_every_write_path(engine, write):
    ids = [
        create_postmortem(engine, seed_postmortem(incident_date=day)).incident_id
        for day in (date(2026, 1, 10), date(2026, 1, 11))
    ]
    before = data_version(engine)
    write(engine, ids)
    assert data_version(engine) != before


def test_metrics_data_version_reads_index_ends_not_rows(tmp_path):
    """Read on every dashboard rerun: no statement may scan a table's rows (SQLite's plan says so)."""
    from core.database import connect

    engine = connect(f"sqlite:///{tmp_path / 'plan.sqlite'}")
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda c, cur, sql, *a: statements.append(sql))
    data_version(engine)
    plans = []
    with engine.connect() as conn:
        for sql in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                plans += [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", ()).all()]
    table_scans = [p for p in plans if p.startswith("SCAN") and "INDEX" not in p and "CONSTANT" not in p]
    assert plans and not [p for p in table_scans if "settings" not in p]
