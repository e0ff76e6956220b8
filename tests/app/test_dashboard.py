"""The Trends page: the seed's tables, filters on every figure, drill-down, downloads, empty states."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from core import periods
from core.services import create_postmortem
from core.settings import save_settings
from tests.core import trend_data

PAGE = "pages/dashboard.py"


def _table(at, index: int = 0):
    return at.dataframe[index].value


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(parts + [i.value for i in at.info] + [s.value for s in at.subheader])


def test_dashboard_empty_database_says_how_to_start(open_page):
    at = open_page(PAGE)
    assert "No incidents yet" in at.info[0].value
    assert not at.dataframe


def test_dashboard_shows_seed_metrics_tracking_table(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    frame = _table(at)
    assert list(frame.columns) == ["Metric", "Target", *trend_data.QUARTERS]
    rows = frame.set_index("Metric")
    assert list(rows.loc["MTTR (Mean Time To Recovery)", trend_data.QUARTERS]) == [
        "25 ✓",
        "20 ✓",
        "18 ✓ *",
        "15 ✓ *",
    ]
    assert list(rows.loc["MTTD (Mean Time To Detection)", trend_data.QUARTERS]) == [
        "8 ✗",
        "6 ✗",
        "5 ✗ *",
        "4 ✓ *",
    ]
    assert list(rows.loc["Action item completion", trend_data.QUARTERS]) == [
        "85% ✗",
        "92% ✓",
        "95% ✓",
        "98% ✓",
    ]
    assert list(rows.loc["Repeat incidents", trend_data.QUARTERS]) == ["2 ✗", "1 ✗", "0 ✓", "0 ✓"]
    assert list(rows["Target"]) == ["< 30 min", "< 5 min", "> 90%", "0"]
    # Small quarters are flagged, and each duration names its anchors.
    assert "2025-Q3, 2025-Q4: fewer than 5 incidents" in at.warning[0].value
    texts = _texts(at)
    assert "impact started → resolved (service restored)" in texts
    assert "impact started → detected" in texts


def test_dashboard_shows_seed_pattern_analysis_table(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    frame = next(d.value for d in at.dataframe if "trend" in d.value.columns)
    got = {r["category"]: ([r[q] for q in trend_data.QUARTERS], r["trend"]) for r in frame.to_dict("records")}
    assert got == {c: (counts, trend_data.TRENDS[c]) for c, counts in trend_data.PATTERNS.items()}


def test_dashboard_distribution_tables_give_n_median_p90(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    ttr = next(d.value for d in at.dataframe if "p90" in d.value.columns)
    assert list(ttr["n"]) == [8, 8, 4, 4]
    assert list(ttr["mean"]) == [25, 20, 18, 15]
    assert list(ttr["median"]) == [25, 20, 17.5, 15]
    assert list(ttr["small sample"]) == [False, False, True, True]


@pytest.mark.parametrize(
    ("widget", "value", "expected_mttr"),
    [
        ("trend_category", ["Third-Party"], ["32.5 ✗ *", "26 ✓ *", "23.5 ✓ *", "19 ✓ *"]),
        ("trend_service", ["orders-db"], ["17.5 ✓ *", "10 ✓ *", "—", "10 ✓ *"]),
    ],
)
def test_dashboard_filters_apply_to_every_table(open_page, app_engine, widget, value, expected_mttr):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    at.multiselect(key=widget).set_value(value).run()
    rows = _table(at).set_index("Metric")
    assert list(rows.loc["MTTR (Mean Time To Recovery)", trend_data.QUARTERS]) == expected_mttr
    patterns = next(d.value for d in at.dataframe if "trend" in d.value.columns)
    assert len(patterns) == 1


def test_dashboard_severity_filter_narrows_repeats(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    at.multiselect(key="trend_severity").set_value(["SEV4"]).run()
    rows = _table(at).set_index("Metric")
    assert list(rows.loc["Repeat incidents", trend_data.QUARTERS]) == ["1 ✗", "0 ✓", "0 ✓", "0 ✓"]


def test_dashboard_filters_matching_nothing_say_so(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    at.multiselect(key="trend_category").set_value(["Network"]).run()
    at.multiselect(key="trend_service").set_value(["payments"]).run()
    assert any("No incidents match these filters" in i.value for i in at.info)


def test_dashboard_custom_range_picks_quarters(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    at.selectbox(key="trend_period").set_value("Custom range").run()
    at.date_input(key="trend_dates").set_value((date(2025, 4, 1), date(2025, 9, 30))).run()
    assert list(_table(at).columns) == ["Metric", "Target", "2025-Q2", "2025-Q3"]


def test_dashboard_cell_lists_its_incidents(open_page, app_engine):
    ids = trend_data.build(app_engine)
    at = open_page(PAGE)
    at.selectbox(key="trend_cell_category").set_value("Human Error")
    at.selectbox(key="trend_cell_quarter").set_value("2025-Q1").run()
    assert "**Human Error · 2025-Q1: 3 incidents**" in [m.value for m in at.markdown]
    listed = next(
        d.value
        for d in at.dataframe
        if "incident_id" in d.value.columns
        and "cause" in d.value.columns
        and "earlier_id" not in d.value.columns
    )
    assert list(listed["incident_id"]) == [ids[1], ids[5], ids[6]]


def test_dashboard_lists_repeat_pairs(open_page, app_engine):
    ids = trend_data.build(app_engine)
    at = open_page(PAGE)
    pairs = next(d.value for d in at.dataframe if "earlier_id" in d.value.columns)
    assert set(zip(pairs["incident_id"], pairs["earlier_id"], pairs["how"], strict=True)) == {
        (ids[12], ids[9], "same category and cause"),
        (ids[7], ids[0], "linked by hand"),
        (ids[5], ids[1], "same category and cause"),
    }


def test_dashboard_every_table_has_a_csv_download(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    downloads = at.get("download_button")
    # metrics, TTR, TTD, patterns, repeat pairs, completion, overdue
    assert len(downloads) == 7


def test_dashboard_follows_changed_settings(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    save_settings(app_engine, {"target_mttd_minutes": 10, "small_sample_n": 3})
    at.run()
    rows = _table(at).set_index("Metric")
    assert list(rows.loc["MTTD (Mean Time To Detection)", trend_data.QUARTERS]) == [
        "8 ✓",
        "6 ✓",
        "5 ✓",
        "4 ✓",
    ]
    assert rows.loc["MTTD (Mean Time To Detection)", "Target"] == "< 10 min"
    assert not at.warning


def test_dashboard_updates_when_an_incident_is_added(open_page, app_engine):
    trend_data.build(app_engine)
    at = open_page(PAGE)
    create_postmortem(app_engine, trend_data.plain(date(2025, 8, 1), category="Database", cause="new"))
    at.run()
    patterns = next(d.value for d in at.dataframe if "trend" in d.value.columns).set_index("category")
    assert patterns.loc["Database", "2025-Q3"] == 1


def test_dashboard_low_data_single_incident(open_page, app_engine):
    create_postmortem(app_engine, trend_data.plain(date(2026, 1, 30)))
    at = open_page(PAGE)
    assert "fewer than 5 incidents" in at.warning[0].value
    patterns = next(d.value for d in at.dataframe if "trend" in d.value.columns)
    assert list(patterns["trend"]) == ["Too few quarters"]
    assert any("No action items are due" in i.value for i in at.info)


def _utc_now(monkeypatch, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(periods, "utcnow", lambda: moment)


def test_dashboard_today_is_the_utc_date(open_page, app_engine, monkeypatch):
    trend_data.build(app_engine)
    _utc_now(monkeypatch, datetime(2030, 1, 1, 0, 30))  # still 31 December on a server west of UTC
    at = open_page(PAGE)
    assert "whose due date is before 2030-01-01" in _texts(at)


@pytest.mark.parametrize(
    ("moment", "partial", "trends"),
    [
        (datetime(2025, 11, 15, 12), ["2025-Q4"], {"Database": "Improving", "Network": "Stable"}),
        (datetime(2026, 1, 1, 0, 5), [], {"Database": "Improving", "Network": "Improving"}),
    ],
)
def test_dashboard_marks_partial_quarter_and_leaves_it_out_of_trends(
    open_page, app_engine, monkeypatch, moment, partial, trends
):
    trend_data.build(app_engine)
    _utc_now(monkeypatch, moment)
    at = open_page(PAGE)
    labels = [f"{q} (partial)" if q in partial else q for q in trend_data.QUARTERS]
    assert list(_table(at).columns) == ["Metric", "Target", *labels]
    patterns = next(d.value for d in at.dataframe if "trend" in d.value.columns).set_index("category")
    assert list(patterns.columns[: len(labels)]) == labels
    assert {c: patterns.loc[c, "trend"] for c in trends} == trends
    assert ("not over yet — counts so far" in _texts(at)) is bool(partial)


def test_dashboard_escapes_the_category_in_markdown(open_page, app_engine):
    from pages._shared import escape_markdown

    category = "*Ops* [team](https://example.com) <b>#1</b>"
    create_postmortem(app_engine, trend_data.plain(date(2025, 1, 30), category=category))
    at = open_page(PAGE)
    at.selectbox(key="trend_cell_category").set_value(category)
    at.selectbox(key="trend_cell_quarter").set_value("2025-Q1").run()
    assert f"**{escape_markdown(category)} · 2025-Q1: 1 incident**" in [m.value for m in at.markdown]


def _shown_labels(element) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each column of a displayed table and the label the user sees (its column config, else its name)."""
    config = json.loads(element.proto.columns or "{}")
    return {str(c): (config.get(str(c)) or {}).get("label") or str(c) for c in element.value.columns}


def _open_with_every_table(open_page, app_engine):  # type: ignore[no-untyped-def]
    trend_data.build(app_engine)
    at = open_page(PAGE)
    at.selectbox(key="trend_cell_category").set_value("Human Error")
    at.selectbox(key="trend_cell_quarter").set_value("2025-Q1").run()
    return at


def test_dashboard_every_table_shows_human_column_labels(open_page, app_engine):
    at = _open_with_every_table(open_page, app_engine)
    assert len(at.dataframe) == 8  # metrics, TTR, TTD, patterns, cell, repeat pairs, completion, overdue
    raw = {
        (column, label)
        for element in at.dataframe
        for column, label in _shown_labels(element).items()
        if "_" in label or re.fullmatch(r"[a-z][a-z0-9 ]*", label)  # snake_case or a lowercase machine name
    }
    assert raw == set()
    # The data (and so the CSV downloads) keep the machine names, as the page's caption says.
    assert any("incident_id" in element.value.columns for element in at.dataframe)
    assert "CSV downloads keep the machine column names" in _texts(at)


@pytest.mark.parametrize(
    ("table_has", "column", "label"),
    [
        ("earlier_id", "incident_id", "Repeat incident"),
        ("earlier_id", "earlier_id", "Earlier incident"),
        ("earlier_id", "days_apart", "Days apart"),
        ("earlier_id", "how", "Matched by"),
        ("earlier_id", "quarter", "Quarter"),
        ("still_open", "still_open", "Still open"),
        ("still_open", "done_on_time", "Done on time"),
        ("still_open", "pct", "Completion %"),
        ("still_open", "status", "Target"),
        ("ttr_minutes", "incident_id", "Incident"),
        ("ttr_minutes", "status", "Review status"),
        ("p90", "n", "Incidents"),
        ("trend", "slope", "Slope / quarter"),
        ("priority", "total", "Total"),
    ],
)
def test_dashboard_labels_repeat_and_action_item_columns(open_page, app_engine, table_has, column, label):
    at = _open_with_every_table(open_page, app_engine)
    element = next(d for d in at.dataframe if table_has in d.value.columns)
    assert _shown_labels(element)[column] == label
