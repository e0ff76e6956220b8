"""Trends: the seed's Metrics Tracking and Pattern Analysis, distributions, repeats, action items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from core.completion import DEFINITION as COMPLETION_DEFINITION
from core.completion import overdue_counts
from core.database import database_url
from core.metrics import Duration, data_version, duration_points
from core.patterns import DEFINITION as TREND_DEFINITION
from core.patterns import category_patterns, cell_incidents
from core.periods import quarter_bounds, shown_quarters, utc_today
from core.postmortem import Severity
from core.repeats import DEFINITION as REPEAT_DEFINITION
from core.repeats import repeat_pairs
from core.reports import (
    PARTIAL_NOTE,
    format_value,
    mark,
    metrics_rows,
    partial_quarters,
    pattern_rows,
    quarter_label,
    repeat_rows,
)
from core.scorecard import scorecard
from core.services import IncidentFilter, distinct_values
from core.settings import get_settings
from pages import _trend_charts as charts
from pages._shared import engine, escape_markdown

PRESETS = ("Last 4 quarters", "Last 8 quarters", "All quarters", "Custom range")
PAIRS_SHOWN = 1000
# Every table shows human column labels (st.column_config); the CSV downloads keep the machine names
# (incident_id, days_apart …), the same as `lessons report --format csv`, so scripts do not break.
COLUMN_LABELS = {
    "quarter": "Quarter",
    "n": "Incidents",
    "missing": "Missing anchors",
    "target": "Target",
    "median": "Median (min)",
    "p90": "p90 (min)",
    "minimum": "Fastest (min)",
    "maximum": "Slowest (min)",
    "small sample": "Small sample",
    "category": "Category",
    "total": "Total",
    "trend": "Trend",
    "incident_id": "Incident",
    "incident_date": "Date",
    "title": "Title",
    "severity": "Severity",
    "cause": "Cause",
    "status": "Review status",
    "ttr_minutes": "TTR (min)",
    "earlier_id": "Earlier incident",
    "earlier_date": "Earlier date",
    "days_apart": "Days apart",
    "how": "Matched by",
    "due": "Due",
    "done": "Done",
    "done_on_time": "Done on time",
    "still_open": "Still open",
    "pct": "Completion %",
    "partial": "Quarter not over",
    "priority": "Priority",
}
CSV_NOTE = "CSV downloads keep the machine column names (e.g. incident_id, days_apart) for scripts."


# --- cached figures: keyed on the filter, the settings and core's data version


@st.cache_data(show_spinner=False, max_entries=32)
def _options(url: str, version: str) -> dict[str, list[str]]:
    eng = engine()
    return {
        "span": shown_quarters(eng, IncidentFilter()),
        "category": distinct_values(eng, "category"),
        "service": distinct_values(eng, "service"),
    }


@st.cache_data(show_spinner="Computing trends…", max_entries=64)
def _figures(url: str, key: tuple, settings: tuple, version: str, today: date) -> dict[str, Any]:
    eng, flt, values = engine(), _filter(key), dict(settings)
    quarters = shown_quarters(eng, flt)
    card = scorecard(eng, flt, values, today=today, quarters=quarters)
    window = int(values["repeat_window_days"])
    return {
        "card": card,
        "points": {d: duration_points(eng, flt, d) for d in Duration},
        "patterns": category_patterns(eng, flt, quarters, today=today),
        "pairs": repeat_pairs(eng, flt, window_days=window, limit=PAIRS_SHOWN),
        "overdue": overdue_counts(eng, flt, quarters, today=today),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def _cell(url: str, key: tuple, version: str, category: str, quarter: str) -> pd.DataFrame:
    rows = cell_incidents(engine(), _filter(key), category, quarter)
    return pd.DataFrame([asdict(r) for r in rows])


@st.cache_data(show_spinner=False, max_entries=256)
def _spec(name: str, token: tuple, _build: Callable[[], alt.TopLevelMixin]) -> dict[str, Any]:
    """The Vega-Lite spec of an Altair chart, built and validated once per data version (Altair's validation
    is the slowest step of a warm rerun)."""
    return _build().to_dict()


def _filter(key: tuple) -> IncidentFilter:
    date_from, date_to, severities, categories, services = key
    return IncidentFilter(
        date_from=date_from,
        date_to=date_to,
        severities=list(severities),
        categories=list(categories),
        services=list(services),
    )


def _download(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        "Download CSV",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"dl_{key}",
        icon=":material/download:",
        help=CSV_NOTE,
    )


def _columns(frame: pd.DataFrame, **special: Any) -> dict[str, Any]:
    """Column config giving every column of ``frame`` its human label (COLUMN_LABELS; quarter columns keep
    their name); ``special`` overrides a column's config (a label, or a NumberColumn with format and help)."""
    config: dict[str, Any] = {c: COLUMN_LABELS.get(str(c), str(c)) for c in frame.columns}
    config.update(special)
    return config


# --- page

st.title("Trends")
st.caption(
    "The seed's Metrics Tracking and Pattern Analysis, with the distributions behind the means. "
    "Every chart and table follows the filters below. " + CSV_NOTE
)

url = database_url()
eng = engine()
version = data_version(eng)
options = _options(url, version)
span: list[str] = options["span"]
if not span:
    st.info(
        "No incidents yet. Trends appear once post-mortems are recorded — add one on **New post-mortem**, "
        "import Markdown files, or load demo data with `lessons demo`.",
        icon=":material/monitoring:",
    )
    st.stop()

with st.container(border=True):
    c1, c2, c3, c4, c5 = st.columns([1.3, 1.6, 1, 1.3, 1.3])
    preset = c1.selectbox("Period", PRESETS, key="trend_period")
    if preset == "Custom range":
        first_day, last_day = quarter_bounds(span[0])[0], quarter_bounds(span[-1])[1]
        picked = c2.date_input(
            "Incident dates", value=(first_day, last_day), key="trend_dates", format="YYYY-MM-DD"
        )
        date_from, date_to = (
            (tuple(picked) + (None, None))[:2] if isinstance(picked, tuple) else (picked, None)
        )
        date_to = date_to or date_from
    else:
        count = {"Last 4 quarters": 4, "Last 8 quarters": 8}.get(preset, len(span))
        chosen = span[-count:]
        date_from, date_to = quarter_bounds(chosen[0])[0], quarter_bounds(chosen[-1])[1]
        c2.text_input(
            "Incident dates",
            f"{date_from} → {date_to}",
            disabled=True,
            key="trend_dates_shown",
            help="Quarters up to the latest recorded incident. Pick “Custom range” to choose dates.",
        )
    severities = c3.multiselect(
        "Severity", [s.value for s in Severity], key="trend_severity", placeholder="All"
    )
    categories = c4.multiselect("Category", options["category"], key="trend_category", placeholder="All")
    services = c5.multiselect("Service", options["service"], key="trend_service", placeholder="All")

key = (date_from, date_to, tuple(severities), tuple(categories), tuple(services))
settings = get_settings(eng)
today = utc_today()  # the tracker's calendar (UTC), not the server's local date
settings_key = tuple(sorted(settings.items()))
figures = _figures(url, key, settings_key, version, today)
token = (url, key, settings_key, version, today)  # what every cached chart spec depends on
card = figures["card"]
quarters = card.quarters
partial = partial_quarters(card)  # quarters not over yet, as the completion figures mark them
labels = {q: quarter_label(q, partial) for q in quarters}
incidents = {s.quarter: s.n + s.missing for s in card.durations[Duration.TTR]}

if sum(incidents.values()) == 0:
    st.info(
        "No incidents match these filters. Widen the period or clear a filter.", icon=":material/filter_alt:"
    )
    st.stop()

small_n = int(settings["small_sample_n"])
thin = [q for q in quarters if incidents.get(q, 0) < small_n]
if thin:
    st.warning(
        f"{', '.join(thin)}: fewer than {small_n} incidents — too few to read a trend; a single long "
        "incident moves the mean a lot. Medians and the dots in *Distributions* tell more.",
        icon=":material/warning:",
    )

tabs = st.tabs(["Targets", "Distributions", "Patterns", "Repeats", "Action items"])

# --- Targets: the seed's Metrics Tracking table
with tabs[0]:
    st.subheader("Metrics tracking")
    table = []
    for row in card.rows:
        line: dict[str, Any] = {"Metric": row.name, "Target": row.target.text}
        for q in quarters:
            cell = row.cells[q]
            symbol = "" if cell.met is None else (" ✓" if cell.met else " ✗")
            star = " *" if cell.small_sample and cell.value is not None and row.key != "repeats" else ""
            line[labels[q]] = format_value(row.key, cell.value) + symbol + star
        table.append(line)
    frame = pd.DataFrame(table)

    def _colour(value: object) -> str:
        text = str(value)
        if "✗" in text:
            return "background-color: #fdecea; color: #b71c1c"
        if "✓" in text:
            return "background-color: #e8f5e9; color: #1b5e20"
        return ""

    st.dataframe(frame.style.map(_colour, subset=list(labels.values())), hide_index=True, width="stretch")
    st.caption(
        "✓ met · ✗ not met · — no data · \\* fewer than "
        f"{small_n} incidents (setting *small_sample_n*). Targets are settings."
        + (f" {escape_markdown(PARTIAL_NOTE)}." if partial else "")
    )
    with st.expander("Definitions", icon=":material/info:"):
        for row in card.rows:
            st.markdown(f"**{row.name}** — {row.definition}")
    _download(pd.DataFrame(metrics_rows(card)), "metrics", "metrics")

    st.subheader("Against target, quarter by quarter")
    grid = st.columns(2)
    units = {"mttr": "minutes", "mttd": "minutes", "completion": "% done", "repeats": "repeat incidents"}
    for i, row in enumerate(card.rows):
        points = pd.DataFrame(
            [
                {
                    "quarter": q,
                    "value": row.cells[q].value,
                    "status": mark(row.cells[q].met),
                    "n": row.cells[q].n,
                    "label": format_value(row.key, row.cells[q].value),
                }
                for q in quarters
            ]
        )
        with grid[i % 2]:
            st.vega_lite_chart(
                _spec(
                    f"line-{row.key}",
                    token,
                    lambda row=row, points=points: charts.metric_line(
                        points, row.name, units[row.key], row.target.value, row.target.text
                    ),
                ),
                width="stretch",
            )

# --- Distributions: n, mean, median, p90 with every incident as a dot
with tabs[1]:
    many = any(thinned for _, thinned in figures["points"].values())  # long tails: start on a log scale
    log_scale = st.toggle("Log scale (durations are skewed)", value=many, key="trend_log")
    for duration, goal_key in ((Duration.TTR, "mttr"), (Duration.TTD, "mttd")):
        row = next(r for r in card.rows if r.key == goal_key)
        stats = pd.DataFrame([asdict(s) for s in card.durations[duration]])
        st.subheader(f"{duration.label}: {duration.anchors}")
        points, thinned = figures["points"][duration]
        dots = pd.DataFrame([asdict(p) for p in points])
        if stats["n"].sum() == 0:
            st.info(f"No incident in these quarters has both anchors ({duration.anchors}).")
            continue
        st.vega_lite_chart(
            _spec(
                f"dist-{duration.value}-{log_scale}",
                token,
                lambda row=row, stats=stats, dots=dots: charts.distribution(
                    stats.dropna(subset=["median"]),
                    dots,
                    row.target.value,
                    row.target.text,
                    log_scale=log_scale,
                ),
            ),
            width="stretch",
        )
        note = (
            "Box: quartiles · whiskers: min to max · dark tick: median · purple tick: p90 · "
            "orange diamond: mean · dots: incidents (hover for details) · dashed line: target."
        )
        if thinned:
            note += " Too many incidents to draw each: the dots are the 25 slowest of each quarter."
        st.caption(note)
        shown = stats[["quarter", "n", "missing", "mean", "median", "p90", "minimum", "maximum"]].copy()
        shown.insert(4, "target", [mark(row.cells[q].met) for q in shown["quarter"]])
        shown["small sample"] = stats["small_sample"]
        st.dataframe(
            shown.round(1),
            hide_index=True,
            width="stretch",
            column_config=_columns(
                shown,
                n=st.column_config.NumberColumn("Incidents", help="incidents with both anchors"),
                missing=st.column_config.NumberColumn(
                    "Missing anchors", help="incidents without one of the two anchors"
                ),
                mean=st.column_config.NumberColumn(f"Mean ({duration.mean_label}, min)", format="%.1f"),
                median=st.column_config.NumberColumn("Median (min)", format="%.1f"),
                p90=st.column_config.NumberColumn("p90 (min)", format="%.1f"),
            ),
        )
        _download(shown, f"{duration.value}-distribution", duration.value)

# --- Patterns: the seed's Pattern Analysis table and the heatmap
with tabs[2]:
    st.subheader("Pattern analysis")
    patterns = figures["patterns"]
    frame = pd.DataFrame(pattern_rows(patterns, quarters)).rename(columns=labels)
    if frame.empty:
        st.info("No incidents in these quarters.")
    else:
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            column_config=_columns(
                frame, slope=st.column_config.NumberColumn("Slope / quarter", format="%.2f")
            ),
        )
        st.caption(TREND_DEFINITION)
        if partial:
            st.caption(
                f"{', '.join(partial)}: not over yet — counts so far, shown but left out of the trend."
            )
        _download(frame, "patterns", "patterns")
        cells = pd.DataFrame(
            [
                {
                    "category": p.category,
                    "quarter": q,
                    "incidents": p.counts[q],
                    "note": "partial: quarter not over, not in the trend" if q in partial else "",
                }
                for p in patterns
                for q in quarters
            ]
        )
        st.markdown("**Incidents per category and quarter** — click a cell to list its incidents.")
        heat = _spec(
            "heatmap",
            token,
            lambda: charts.heatmap(
                cells,
                alt.selection_point(name="cell", fields=["category", "quarter"], empty=True),
                partial=partial,
            ),
        )
        event = st.vega_lite_chart(
            heat, width="stretch", on_select="rerun", key="trend_heatmap", selection_mode="cell"
        )
        picked = (event.selection.get("cell") or [None])[0] if event else None
        with st.expander("…or pick a cell here", expanded=picked is None):
            p1, p2 = st.columns(2)
            cat = p1.selectbox(
                "Category", [p.category for p in patterns], index=None, key="trend_cell_category"
            )
            qtr = p2.selectbox("Quarter", quarters, index=None, key="trend_cell_quarter")
        if picked:
            cat, qtr = picked.get("category"), picked.get("quarter")
        if cat in {p.category for p in patterns} and qtr in quarters:  # a selection names shown cells only
            listed = _cell(url, key, version, cat, qtr)
            st.markdown(
                f"**{escape_markdown(cat)} · {labels[qtr]}: "
                f"{len(listed)} incident{'s' if len(listed) != 1 else ''}**"
            )
            if listed.empty:
                st.caption("None in this cell.")
            else:
                columns = [
                    "incident_id",
                    "incident_date",
                    "title",
                    "severity",
                    "cause",
                    "status",
                    "ttr_seconds",
                ]
                listed = (
                    listed[columns].assign(ttr_minutes=listed["ttr_seconds"] / 60).drop(columns="ttr_seconds")
                )
                st.dataframe(
                    listed.round(1), hide_index=True, width="stretch", column_config=_columns(listed)
                )
                _download(listed, f"incidents-{cat}-{qtr}", "cell")

# --- Repeats
with tabs[3]:
    window = int(settings["repeat_window_days"])
    st.subheader("Repeat incidents")
    st.caption(REPEAT_DEFINITION.format(window=window) + " The window is a setting.")
    row = next(r for r in card.rows if r.key == "repeats")
    counts = pd.DataFrame(
        [{"quarter": q, "repeats": card.repeats[q], "status": mark(row.cells[q].met)} for q in quarters]
    )
    st.vega_lite_chart(
        _spec(
            "repeats",
            token,
            lambda row=row: charts.bars_with_target(
                counts, "repeats", "Repeat incidents", row.target.value, row.target.text
            ),
        ),
        width="stretch",
    )
    pairs = pd.DataFrame(repeat_rows(figures["pairs"]))
    total = sum(card.repeats.values())
    if pairs.empty:
        st.success("No repeat incidents in these quarters.", icon=":material/check_circle:")
    else:
        st.markdown(
            f"**{total} repeat incident{'s' if total != 1 else ''}**, newest first"
            + (f" (the newest {PAIRS_SHOWN} are listed)" if total > PAIRS_SHOWN else "")
        )
        shown_pairs = pairs[
            [
                "quarter",
                "incident_id",
                "incident_date",
                "earlier_id",
                "earlier_date",
                "days_apart",
                "how",
                "category",
                "cause",
                "title",
            ]
        ]
        st.dataframe(
            shown_pairs,
            hide_index=True,
            width="stretch",
            column_config=_columns(
                shown_pairs,
                incident_id="Repeat incident",
                incident_date="Repeat date",
                earlier_id=st.column_config.TextColumn(
                    "Earlier incident", help="the earlier incident this one repeats"
                ),
            ),
        )
        _download(pairs, "repeat-pairs", "pairs")

# --- Action items
with tabs[4]:
    st.subheader("Action-item completion")
    st.caption(
        COMPLETION_DEFINITION + " The date range applies to due dates; the other filters to the incident."
    )
    row = next(r for r in card.rows if r.key == "completion")
    done = pd.DataFrame([asdict(c) for c in card.completion])
    done["status"] = [mark(row.cells[q].met) for q in done["quarter"]]
    if done["due"].sum() == 0:
        st.info("No action items are due in these quarters.")
    else:
        chart_frame = done.dropna(subset=["pct"])
        st.vega_lite_chart(
            _spec(
                "completion",
                token,
                lambda row=row: charts.bars_with_target(
                    chart_frame, "pct", "% of due items Done", row.target.value, row.target.text, fmt=".1f"
                ),
            ),
            width="stretch",
        )
        if done["partial"].any():
            st.caption("A quarter that has not ended yet still has items coming due: its figure will move.")
        st.dataframe(
            done.round(1),
            hide_index=True,
            width="stretch",
            column_config=_columns(
                done,
                due=st.column_config.NumberColumn("Due", help="action items due in the quarter"),
                still_open=st.column_config.NumberColumn(
                    "Still open", help="open, in progress or blocked items due in the quarter"
                ),
                pct=st.column_config.NumberColumn("Completion %", format="%.1f"),
                done_on_time=st.column_config.NumberColumn(
                    "Done on time", help="completed on or before due date"
                ),
                partial=st.column_config.CheckboxColumn("Quarter not over"),
                status="Target",
            ),
        )
        _download(done, "completion", "completion")
    st.subheader("Overdue items by priority")
    overdue = pd.DataFrame([asdict(o) for o in figures["overdue"]])
    if overdue.empty or overdue["count"].sum() == 0:
        st.success(
            f"No open action item is past its due date (as of {today}).", icon=":material/check_circle:"
        )
    else:
        st.caption(
            f"Open, in progress or blocked items whose due date is before {today}, by the quarter they "
            "were due in."
        )
        st.vega_lite_chart(_spec("overdue", token, lambda: charts.overdue_bars(overdue)), width="stretch")
        pivot = overdue.pivot(index="priority", columns="quarter", values="count").reindex(columns=quarters)
        pivot["total"] = pivot.sum(axis=1)
        pivot = pivot.reset_index()
        pivot.columns = [str(c) for c in pivot.columns]
        st.dataframe(pivot, hide_index=True, width="stretch", column_config=_columns(pivot))
        _download(pivot, "overdue", "overdue")
