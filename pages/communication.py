"""Communication of learnings: the seed's internal/external checklist and an editable external summary."""

from __future__ import annotations

import streamlit as st

from core.communication import (
    CHECKLIST,
    ItemState,
    draft_external_summary,
    get_communication,
    save_checklist,
    save_external_summary,
)
from core.errors import ConflictError, StaleEditError, ValidationError
from core.services import get_postmortem
from pages._followup import error_box, now, pick_incident
from pages._shared import engine, lint_panel

st.title("Communication of learnings")
incident = pick_incident("cm_incident")
if not incident:
    st.stop()
plan = get_communication(engine(), incident)
done, total = plan.internal_done
st.progress(done / total, text=f"Internal: {done}/{total} done")

with st.form(f"cm_checklist_{incident}", clear_on_submit=False):
    changes: dict[str, ItemState] = {}
    for audience in ("internal", "external"):
        st.markdown(f"**{audience.capitalize()}**")
        for item in (i for i in CHECKLIST if i.audience == audience):
            stored = plan.items[item.key]
            c1, c2, c3 = st.columns([2, 1, 3])
            ticked = c1.checkbox(
                f"{item.label}: {item.hint}", value=stored.done, key=f"cm_{incident}_{item.key}"
            )
            day = c2.date_input(
                "Done on",
                value=stored.done_on,
                key=f"cm_{incident}_{item.key}_d",
                label_visibility="collapsed",
            )
            note = c3.text_input(
                "Note",
                value=stored.note,
                key=f"cm_{incident}_{item.key}_n",
                label_visibility="collapsed",
                placeholder="link or note",
            )
            changes[item.key] = ItemState(ticked, day if ticked else None, note)
    saved = st.form_submit_button("Save checklist", type="primary")
if saved:
    changed = {k: v for k, v in changes.items() if v != plan.items[k]}
    try:
        save_checklist(engine(), incident, changed, plan.items, now=now())
    except ValidationError as exc:
        error_box(exc.problems)
    except StaleEditError as exc:
        st.error(str(exc), icon=":material/sync_problem:")
    else:
        st.rerun()

st.subheader("External summary (status-page style)")
draft_key = f"cm_summary_{incident}_{plan.version}"
if draft_key not in st.session_state:
    st.session_state[draft_key] = plan.external_summary or draft_external_summary(
        get_postmortem(engine(), incident)
    )
if not plan.external_summary:
    st.caption("Generated from the post-mortem (names no people); edit it, then save.")
if st.button("Regenerate from the post-mortem"):
    st.session_state[draft_key] = draft_external_summary(get_postmortem(engine(), incident))
text = st.text_area("Summary (Markdown)", key=draft_key, height=320)
s1, s2 = st.columns(2)
if s1.button("Save summary", type="primary"):
    try:
        save_external_summary(engine(), incident, text, version=plan.version, now=now())
    except ValidationError as exc:
        error_box(exc.problems)
    except ConflictError as exc:
        st.error(str(exc), icon=":material/sync_problem:")
    else:
        st.rerun()
s2.download_button("Download .md", text, f"{incident}-summary.md", "text/markdown")
with st.expander("Preview"):
    st.markdown(text)
lint_panel([("external summary", text)])
