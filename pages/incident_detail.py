"""Incident detail (?id=INC-…): the post-mortem in the template's order, derived figures, edit, downloads.

User text is rendered as text: st.text / escaped Markdown / table cells, never as HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import NotFoundError
from core.postmortem import PostMortem, format_duration
from core.services import IncidentFilter, get_postmortem, search_incidents
from pages._shared import (
    FORM_PAGE,
    INCIDENTS_PAGE,
    engine,
    escape_markdown,
    format_span,
    lint_panel,
    postmortem_texts,
)

EXPORT_FORMATS = (
    ("md", "Markdown", "text/markdown"),
    ("yaml", "YAML", "application/yaml"),
    ("json", "JSON", "application/json"),
)


def _pick_incident() -> None:
    st.title("Incident detail")
    st.caption("Open a post-mortem by its ID, or find it in the incident database.")
    recent = search_incidents(engine(), IncidentFilter(), limit=200)
    if not recent:
        st.info("The incident database is empty.", icon=":material/info:")
        st.page_link(FORM_PAGE, label="Enter a post-mortem", icon=":material/edit_note:")
        st.stop()
    options = [r.incident_id for r in recent]
    titles = {r.incident_id: r.title for r in recent}
    chosen = st.selectbox(
        "Incident",
        options,
        index=None,
        placeholder="INC-YYYY-MM-DD-NNN",
        format_func=lambda i: f"{i} · {titles.get(i, '')}",
        accept_new_options=True,
    )
    if chosen:
        st.query_params["id"] = chosen.strip()
        st.rerun()
    st.page_link(INCIDENTS_PAGE, label="Search the incident database", icon=":material/search:")
    st.stop()


def _bullets(items: list[str], numbered: bool = False) -> None:
    if not items:
        st.caption("None recorded.")
        return
    lines = [
        f"{i}. {escape_markdown(t)}" if numbered else f"- {escape_markdown(t)}"
        for i, t in enumerate(items, 1)
    ]
    st.markdown("\n".join(lines))


def _text_block(text: str) -> None:
    if text and text.strip():
        st.text(text)
    else:
        st.caption("Not recorded.")


def _table(records: list[dict], column_config: dict | None = None) -> None:
    if not records:
        st.caption("None recorded.")
        return
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch", column_config=column_config)


def _yes_no(value: bool | None) -> str:
    return {None: "unknown", True: "yes", False: "no"}[value]


incident_id = st.query_params.get("id", "").strip()
if not incident_id:
    _pick_incident()
try:
    pm: PostMortem = get_postmortem(engine(), incident_id)
except NotFoundError:
    st.title("Incident detail")
    st.error(f"There is no incident {escape_markdown(incident_id)}.", icon=":material/error:")
    st.page_link(INCIDENTS_PAGE, label="Search the incident database", icon=":material/search:")
    st.stop()

# --- header and actions ---------------------------------------------------------------------------

st.title(f"Post-Mortem: {escape_markdown(pm.title)}", anchor=False)
st.caption(
    f"{pm.incident_id} · {pm.severity.label} · review status {pm.status.label} · version {pm.version}"
    + (f" · last saved {pm.updated_at:%Y-%m-%d %H:%M} UTC" if pm.updated_at else "")
)

a1, a2, a3, a4, a5 = st.columns(5)
if a1.button("Edit", icon=":material/edit:", type="primary", width="stretch"):
    st.switch_page(FORM_PAGE, query_params={"id": pm.incident_id})
try:
    from core.export import export_postmortem
except ImportError:
    export_postmortem = None  # type: ignore[assignment]
for column, (fmt, label, mime) in zip((a2, a3, a4), EXPORT_FORMATS, strict=True):
    if export_postmortem is None:
        column.button(
            f"{label}",
            disabled=True,
            width="stretch",
            key=f"no-export-{fmt}",
            help="Exports are not available in this installation yet.",
        )
        continue
    column.download_button(
        f"{label}",
        data=export_postmortem(pm, fmt),
        file_name=f"{pm.incident_id}.{fmt}",
        mime=mime,
        icon=":material/download:",
        width="stretch",
        key=f"download-{fmt}",
        on_click="ignore",
    )
back = st.session_state.get("incidents_query") or {}
a5.page_link(INCIDENTS_PAGE, label="Back to incidents", icon=":material/arrow_back:", query_params=back)

# --- derived figures ------------------------------------------------------------------------------

done, total = pm.action_items_completed
m1, m2, m3, m4 = st.columns(4)
m1.metric("Duration", format_span(pm.duration), help="Resolved − impact started (or the recorded duration)")
m2.metric("TTD", format_span(pm.ttd), help="Detected − impact started")
m3.metric("TTR", format_span(pm.ttr), help="Resolved − impact started")
m4.metric("Action items completed", f"{done}/{total}")

# --- the template, in order -----------------------------------------------------------------------

facts = [
    ("Date", pm.incident_date.isoformat()),
    ("Incident ID", pm.incident_id or ""),
    ("Severity", pm.severity.label),
    ("Duration", format_duration(pm.duration) or "unknown"),
    ("Reporter", pm.reporter),
    ("Incident commander", pm.incident_commander),
    ("Detected by", pm.detection_method),
    ("Category", pm.category),
    ("Cause", pm.cause),
    ("Resolution method", pm.resolution_method),
    ("RTO met", _yes_no(pm.rto_met)),
    ("RPO met", _yes_no(pm.rpo_met)),
    ("Repeat of", pm.repeat_of or ""),
]
st.markdown("  \n".join(f"**{label}:** {escape_markdown(value)}" for label, value in facts if value))
if pm.repeat_of:
    st.page_link(
        "pages/incident_detail.py",
        label=f"Open {pm.repeat_of} (the earlier incident)",
        icon=":material/link:",
        query_params={"id": pm.repeat_of},
    )

if pm.summary:
    st.subheader("Summary", anchor=False)
    _text_block(pm.summary)
st.subheader("Executive Summary", anchor=False)
_text_block(pm.executive_summary)

st.subheader("Impact Assessment", anchor=False)
impact = pm.impact
data_loss = (
    "Yes" + (f", {impact.data_loss_amount}" if impact.data_loss_amount else "") if impact.data_loss else "No"
)
st.markdown(
    "\n".join(
        f"- **{label}:** {escape_markdown(value)}"
        for label, value in (
            ("Users Affected", impact.users_affected or "—"),
            ("Services Affected", ", ".join(impact.services_affected) or "—"),
            ("Data Loss", data_loss),
            ("Financial Impact", impact.financial or "—"),
            ("Reputational Impact", impact.reputational or "—"),
        )
    )
)

st.subheader("Timeline", anchor=False)
_table(
    [
        {"time (UTC)": e.time, "event": e.event, "owner": e.owner, "marks": e.kind.label if e.kind else ""}
        for e in pm.timeline
    ],
    {
        "time (UTC)": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        "event": st.column_config.TextColumn(width="large"),
    },
)
times = pm.anchor_times()
if times:
    with st.expander("Named moments"):
        st.dataframe(
            pd.DataFrame(
                [
                    {"moment": a.label, "time (UTC)": t}
                    for a, t in sorted(times.items(), key=lambda item: list(type(item[0])).index(item[0]))
                ]
            ),
            hide_index=True,
            column_config={"time (UTC)": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
        )

st.subheader("Root Cause Analysis", anchor=False)
if pm.problem:
    st.markdown(f"**Problem:** {escape_markdown(pm.problem)}")
st.markdown("##### 5 Whys")
if pm.whys:
    st.markdown("\n".join(f"{i}. Why? {escape_markdown(w)}" for i, w in enumerate(pm.whys, 1)))
else:
    st.caption("None recorded.")
st.markdown(f"**Root Cause:** {escape_markdown(pm.root_cause) or '—'}")
st.markdown("##### Contributing Factors")
_bullets(pm.contributing_factors)

st.subheader("Resolution", anchor=False)
_text_block(pm.resolution)

st.subheader("What Went Well", anchor=False)
_bullets(pm.went_well, numbered=True)
st.subheader("What Could Be Improved", anchor=False)
_bullets(pm.could_improve, numbered=True)

st.subheader("Action Items", anchor=False)
_table(
    [
        {
            "ID": a.number,
            "priority": a.priority.value,
            "action": a.action,
            "owner": a.owner,
            "due date": a.due_date,
            "status": a.status.value,
            "category": a.category.value if a.category else "",
            "completed on": a.completed_on,
            "verified effective": a.verified_effective.value,
            "tracker": a.tracker_key,
        }
        for a in pm.action_items
    ],
    {
        "action": st.column_config.TextColumn(width="large"),
        "due date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "completed on": st.column_config.DateColumn(format="YYYY-MM-DD"),
    },
)

st.subheader("Lessons Learned", anchor=False)
for kind in ("technical", "process", "communication"):
    st.markdown(f"##### {kind.capitalize()}")
    _bullets(getattr(pm.lessons, kind))

st.subheader("Attachments", anchor=False)
_table(
    [{"label": a.label, "link": a.url} for a in pm.attachments],
    {"link": st.column_config.LinkColumn(width="large")},
)

st.subheader("Sign-Off", anchor=False)
_table(
    [{"role": s.role, "name": s.name, "date": s.date} for s in pm.signoffs],
    {"date": st.column_config.DateColumn(format="YYYY-MM-DD")},
)

lint_panel(postmortem_texts(pm))
