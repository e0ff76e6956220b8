"""Reviews due: cadence steps, DR-plan tasks and the annual review due or overdue across incidents; one
incident's full cadence with done dates."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import streamlit as st

from core.cadence import ACTIONABLE, RULES, incident_cadence, mark_step_done
from core.errors import NotFoundError, ValidationError
from core.reviews_due import due_summary
from pages._followup import error_box, now, pick_incident
from pages._shared import engine

ROW_LIMIT = 2000  # rows drawn in the table; the counts above it are always the true totals

st.title("Reviews due")
st.caption(
    "The seed's timeline from each incident's resolution time (UTC): cool-down 24 h, data collection and "
    "post-mortem meeting by 48 h, action items by 30 days, 30-day follow-up, 90-day review — plus open "
    "DR-plan tasks and the annual DR-plan review. Times ending in ~ are estimated (no resolution time). "
    "'Only incidents since' also applies to DR tasks: by incident date, or by due date for tasks of no "
    "incident (quarterly review, failed test)."
)
c1, c2 = st.columns(2)
within = c1.slider("Look ahead (days)", 0, 90, 7, key="rd_within")
since = c2.date_input("Only incidents since", value=(now() - timedelta(days=365)).date(), key="rd_since")
work = due_summary(engine(), now=now(), within_days=within, since=since, limit=ROW_LIMIT)
rows = work.rows
m1, m2 = st.columns(2)
m1.metric("Due or coming up", work.total)
m2.metric("Overdue", work.overdue)
if work.truncated:
    st.caption(
        f"Showing the first {len(rows):,} of {work.total:,} (overdue first); narrow the window or the "
        "date, or use `lessons reviews --due --limit 0` for all."
    )
if rows:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "State": r.state,
                    "Due (UTC)": r.due_at.strftime("%Y-%m-%d %H:%M") + ("~" if r.estimated else ""),
                    "Incident": r.incident_id,
                    "What": r.what,
                    "Who": r.who,
                    "Kind": r.kind,
                }
                for r in rows
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
else:
    st.success("Nothing is due in this window.")

st.divider()
st.subheader("One incident's cadence")
incident = pick_incident("rd_incident")
if incident:
    try:
        steps = incident_cadence(engine(), incident, now=now())
    except NotFoundError as exc:
        st.error(str(exc))
        st.stop()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Step": s.label,
                    "Who": s.participants,
                    "Opens (UTC)": s.opens_at.strftime("%Y-%m-%d %H:%M"),
                    "Due (UTC)": s.due_at.strftime("%Y-%m-%d %H:%M"),
                    "State": s.state.value,
                    "Done": s.done_at.strftime("%Y-%m-%d %H:%M") if s.done_at else "",
                    "Note": s.note,
                }
                for s in steps
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    with st.form("rd_done", clear_on_submit=False):
        step = st.selectbox("Step", list(ACTIONABLE), format_func=lambda s: RULES[s].label)
        f1, f2 = st.columns(2)
        day = f1.date_input("Done on (UTC)", value=now().date())
        at = f2.time_input("at (UTC)", value=now().time().replace(second=0, microsecond=0))
        note = st.text_input("Note", placeholder="e.g. meeting notes link")
        clear = st.checkbox("Clear the done date instead")
        submitted = st.form_submit_button("Save", type="primary")
    if submitted:
        try:
            mark_step_done(
                engine(),
                incident,
                step,
                done_at=None if clear else datetime.combine(day, at),
                note=note,
                now=now(),
            )
        except ValidationError as exc:
            error_box(exc.problems)
        else:
            st.success(f"{RULES[step].label}: {'cleared' if clear else 'done'}.")
            st.rerun()
