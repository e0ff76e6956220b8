"""DR plan: tasks created by the seed's update triggers, DR tests, and the annual DR-plan review checklist."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.annual_review import CHECKLIST, get_annual_review, save_annual_review
from core.dr_plan import (
    OWNER_ROLES,
    TaskStatus,
    Trigger,
    apply_triggers,
    list_tasks,
    list_tests,
    record_dr_test,
    task_counts,
    update_task,
)
from core.errors import NotFoundError, StaleEditError, ValidationError
from pages._followup import error_box, now
from pages._shared import engine

st.title("DR plan")
created = apply_triggers(engine(), now=now())  # idempotent: one task per trigger and scope
if created:
    st.toast(f"{len(created)} new DR-plan task(s) from the triggers")
st.caption(
    "Triggers: every incident → review the runbook (Incident Commander); each quarter → full DR plan "
    "review (Infrastructure Lead); SEV1/SEV2 → extra DR drill (SRE); failed DR test → emergency plan "
    "update (DevOps). Due dates are calendar dates in UTC."
)
counts = task_counts(engine(), now=now())
cols = st.columns(len(Trigger))
for col, trigger in zip(cols, Trigger, strict=True):
    c = counts[trigger.value]
    col.metric(f"{trigger.label} · {OWNER_ROLES[trigger]}", f"{c['open']} open")
    # a count, not a change since last time: plain text under the figure (a delta would draw an arrow)
    col.caption(f":red[**{c['overdue']} overdue**]" if c["overdue"] else "0 overdue")

f1, f2 = st.columns(2)
statuses = f1.multiselect(
    "Status", [s.value for s in TaskStatus], default=["Open", "In Progress"], key="dr_status"
)
triggers = f2.multiselect(
    "Trigger", [t.value for t in Trigger], format_func=lambda t: Trigger(t).label, key="dr_trigger"
)
tasks = list_tasks(engine(), statuses=statuses, triggers=triggers)
at = now()
if tasks:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Id": t.id,
                    "Trigger": t.trigger.label,
                    "Action": t.action,
                    "Owner": t.owner_role,
                    "Due": t.due_date,
                    "Status": t.status,
                    "Overdue": t.overdue(at),
                    "Note": t.note,
                }
                for t in tasks
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
    with st.form("dr_task", clear_on_submit=False):
        labels = {t.id: f"#{t.id} · {t.action}" for t in tasks}
        task_id = st.selectbox("Task", list(labels), format_func=lambda i: labels[i])
        status = st.selectbox("New status", [s.value for s in TaskStatus])
        note = st.text_input("Note", placeholder="what changed in the plan, link to the runbook")
        if st.form_submit_button("Update task", type="primary"):
            try:
                update_task(engine(), task_id, status, note, now=now())
            except (ValidationError, NotFoundError) as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.rerun()
else:
    st.info("No task matches.", icon=":material/info:")

st.subheader("Record a DR test")
with st.form("dr_test", clear_on_submit=False):
    t1, t2 = st.columns(2)
    tested_on = t1.date_input("Tested on (UTC)", value=at.date())
    passed = t2.radio("Result", ["passed", "failed"], horizontal=True) == "passed"
    notes = st.text_area("Notes", placeholder="required for a failed test: what failed?")
    submitted = st.form_submit_button("Record test")
if submitted:
    try:
        new = record_dr_test(engine(), tested_on, passed, notes, now=now())
    except ValidationError as exc:
        error_box(exc.problems)
    else:
        st.success("Test recorded" + (f"; created: {', '.join(t.action for t in new)}" if new else "."))
tests = list_tests(engine())
if tests:
    st.dataframe(
        pd.DataFrame([{"Tested on": t.tested_on, "Passed": t.passed, "Notes": t.notes} for t in tests]),
        hide_index=True,
        use_container_width=True,
    )

st.subheader("Annual DR plan review")
year = int(st.number_input("Year", min_value=2000, max_value=at.year, value=at.year, step=1, key="dr_year"))
review = get_annual_review(engine(), year)
st.caption(
    f"Due {review.due:%Y-%m-%d}. Lessons of {year}: {review.incidents} incident(s), RTO missed "
    f"{review.rto_missed}, RPO missed {review.rpo_missed}; {review.open_dr_tasks} DR task(s) still open."
)
with st.form(f"dr_annual_{year}", clear_on_submit=False):
    ticks = {key: st.checkbox(label, value=review.checklist[key]) for key, label in CHECKLIST.items()}
    reviewer = st.text_input("Reviewer", value=review.reviewer)
    saved = st.form_submit_button("Save checklist", type="primary")
if saved:
    try:
        save_annual_review(engine(), year, ticks, reviewer, read_at=review.updated_at, now=now())
    except ValidationError as exc:
        error_box(exc.problems)
    except StaleEditError as exc:
        st.error(str(exc), icon=":material/sync_problem:")
    else:
        st.success("Checklist saved.")
