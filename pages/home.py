"""Home: open reviews with their status, recent incidents; on an empty database, loading sample data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.postmortem import ReviewStatus, Severity
from core.services import IncidentFilter, count_incidents, search_incidents
from pages._shared import DETAIL_PAGE, FORM_PAGE, IMPORT_PAGE, INCIDENTS_PAGE, engine, format_span

SAMPLE_INCIDENTS = 300
STATUS_LABELS = {s.value: s.label for s in ReviewStatus}
OPEN_STATUSES = [ReviewStatus.DRAFT.value, ReviewStatus.IN_REVIEW.value, ReviewStatus.SIGNED_OFF.value]


def _load_sample_data() -> None:
    try:
        from core.demo import generate_demo
    except ImportError:
        st.error(
            "Sample data is not available in this installation (core.demo is missing).",
            icon=":material/error:",
        )
        return
    bar = st.progress(0.0, text="Creating sample incidents…")

    def progress(done: int, total: int) -> None:
        bar.progress(
            min(1.0, done / total) if total else 1.0, text=f"Created {done:,} of {total:,} incidents…"
        )

    try:
        summary = generate_demo(engine(), incidents=SAMPLE_INCIDENTS, seed=1, progress=progress)
    except Exception as exc:  # noqa: BLE001 - the message is shown; nothing half-loaded stays (one unit of work)
        bar.empty()
        st.error(f"Could not load the sample data: {exc}", icon=":material/error:")
        return
    bar.progress(1.0, text="Done.")
    loaded = getattr(summary, "incidents", None) or count_incidents(engine())
    st.session_state["home.flash"] = f"Loaded {loaded:,} sample incidents."
    st.rerun()


def _open_selected(frame: pd.DataFrame, key: str) -> None:
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "date": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "title": st.column_config.TextColumn(width="large"),
        },
    )
    rows = event.selection.rows if event else []
    if rows:
        st.switch_page(DETAIL_PAGE, query_params={"id": frame.iloc[rows[0]]["incident"]})


def _frame(rows) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    return pd.DataFrame(
        [
            {
                "incident": r.incident_id,
                "date": r.incident_date,
                "severity": Severity(r.severity).label,
                "title": r.title,
                "status": STATUS_LABELS.get(r.status, r.status),
                "TTR": format_span(pd.Timedelta(seconds=r.ttr_seconds)) if r.ttr_seconds is not None else "—",
                "action items": f"{r.actions_done}/{r.actions_total}",
            }
            for r in rows
        ]
    )


st.title("Lessons")
st.caption(
    "Blameless post-incident reviews: every incident is a learning opportunity. Focus on systems, not people."
)
if flash := st.session_state.pop("home.flash", None):
    st.success(flash, icon=":material/check_circle:")

total = count_incidents(engine())
if total == 0:
    with st.container(border=True):
        st.subheader("No incidents yet", anchor=False)
        st.markdown(
            "Enter your first post-mortem, import Markdown post-mortems you already have, or load "
            f"sample data (about {SAMPLE_INCIDENTS} realistic incidents over the last two years) to "
            "explore the incident database and the dashboards."
        )
        c1, c2, c3 = st.columns(3)
        c1.page_link(FORM_PAGE, label="New post-mortem", icon=":material/edit_note:")
        c2.page_link(IMPORT_PAGE, label="Import Markdown", icon=":material/upload_file:")
        if c3.button("Load sample data", type="primary", icon=":material/dataset:"):
            _load_sample_data()
    st.stop()

open_filter = IncidentFilter(statuses=OPEN_STATUSES)
by_status = {s: count_incidents(engine(), IncidentFilter(statuses=[s])) for s in OPEN_STATUSES}
m = st.columns(4)
m[0].metric("Incidents", f"{total:,}")
for column, (status, n) in zip(m[1:], by_status.items(), strict=True):
    column.metric(STATUS_LABELS[status], f"{n:,}")

c1, c2 = st.columns([1, 4])
c1.page_link(FORM_PAGE, label="New post-mortem", icon=":material/edit_note:")
c2.page_link(INCIDENTS_PAGE, label="Search all incidents", icon=":material/search:")

st.subheader("Open reviews", anchor=False)
st.caption(
    "Post-mortems not yet closed, oldest incident first: draft → in review → signed off → closed. "
    "Select a row to open it."
)
open_rows = search_incidents(engine(), open_filter, sort="date", descending=False, limit=20)
if open_rows:
    _open_selected(_frame(open_rows), "home.open")
    if sum(by_status.values()) > len(open_rows):
        st.page_link(
            INCIDENTS_PAGE,
            label=f"All {sum(by_status.values()):,} open reviews",
            icon=":material/list:",
            query_params={"status": OPEN_STATUSES, "order": "asc"},
        )
else:
    st.success("Every review is closed.", icon=":material/task_alt:")

st.subheader("Recent incidents", anchor=False)
_open_selected(
    _frame(search_incidents(engine(), IncidentFilter(), sort="date", descending=True, limit=10)),
    "home.recent",
)
