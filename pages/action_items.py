"""Action items across incidents: filters, inline status/owner edits with an explicit save, the weekly review,
verification of completed items, and adding an item with a default due date.

Sized for 100,000 incidents: the tracker shows open items by default, one page at a time (counts from SQL),
and incident pickers search the database instead of listing the newest few hundred."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.action_edits import (
    NewActionItem,
    add_action_item,
    diff_edits,
    update_action_items,
    verify_action_item,
)
from core.action_export import render
from core.action_items import ActionFilter, count_by_status, known_owners, list_action_items
from core.errors import LessonsError, ValidationError
from core.postmortem import ActionCategory, ActionStatus, Priority
from core.services import IncidentFilter, search_incidents
from core.settings import get_setting
from core.weekly_review import weekly_review
from pages._followup import error_box, named_error, now
from pages._shared import engine, escape_markdown

SOURCE = "action_items.source"
PAGE_SIZES = (25, 100, 200, 500)
PICKER_LIMIT = 50  # incidents a search offers at once
COLUMNS = ["Item", "Priority", "Action", "Owner", "Due", "Status", "Category", "Overdue", "Completed"]


def _frame(items) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(
        [
            {
                "id": i.id,
                "Item": i.label,
                "Priority": i.priority,
                "Action": i.action,
                "Owner": i.owner,
                "Due": i.due_date,
                "Status": i.status,
                "Category": i.category or "",
                "Overdue": i.overdue,
                "Completed": i.completed_on,
            }
            for i in items
        ],
        columns=["id", *COLUMNS],
    )
    frame["Due"] = pd.to_datetime(frame["Due"])
    frame["Completed"] = pd.to_datetime(frame["Completed"])
    return frame.set_index("id")


def _incident_titles(key: str, keep: list[str], *, keep_on_new_search: bool = True) -> dict[str, str]:
    """A search box over every incident: matching ids and titles (newest first), plus ``keep`` (unless
    ``keep_on_new_search`` is off and the search text just changed)."""
    query = st.text_input(
        "Find incident",
        key=f"{key}_search",
        placeholder="id or title, e.g. INC-2025-03 or checkout",
        help=f"Searches every incident (id, title, summary, cause); shows the newest {PICKER_LIMIT} matches.",
    )
    found = search_incidents(engine(), IncidentFilter(text=query or ""), limit=PICKER_LIMIT)
    titles = {r.incident_id: f"{r.incident_id} · {r.title}" for r in found}
    searched = st.session_state.get(f"{key}_searched", "") != query
    st.session_state[f"{key}_searched"] = query
    if keep_on_new_search or not searched:
        for incident_id in keep:
            titles.setdefault(incident_id, incident_id)
    return titles


def _filters() -> ActionFilter:
    owners = known_owners(engine())
    c1, c2, c3, c4, c5 = st.columns(5)
    with c5:
        titles = _incident_titles("ai_incident", st.session_state.get("ai_incident", []))
    flt = ActionFilter(
        owners=c1.multiselect("Owner", owners, key="ai_owner"),
        statuses=c2.multiselect("Status", [s.value for s in ActionStatus], key="ai_status"),
        priorities=c3.multiselect("Priority", [p.value for p in Priority], key="ai_priority"),
        categories=c4.multiselect("Category", [c.value for c in ActionCategory], key="ai_category"),
        incidents=c5.multiselect(
            "Incident", list(titles), key="ai_incident", format_func=lambda i: titles.get(i, i)
        ),
    )
    d1, d2, d3, _ = st.columns([1, 1, 1, 3])
    flt.overdue = d1.checkbox(
        "Overdue only", key="ai_overdue", help="Due before today (UTC), not Done/Cancelled"
    )
    flt.due_this_week = d2.checkbox(
        "Due this week", key="ai_week", help="ISO week of today, Monday to Sunday"
    )
    flt.open_only = d3.checkbox("Open only", value=True, key="ai_open", help="Hide Done and Cancelled items")
    return flt


def _paging(total: int) -> tuple[int, int]:
    """(limit, offset) chosen under the table's counts; the page number stays within the matches."""
    p1, p2, _ = st.columns([1, 1, 4])
    size = p1.selectbox("Rows per page", PAGE_SIZES, index=PAGE_SIZES.index(200), key="ai_page_size")
    pages = max(1, -(-total // size))
    page = p2.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key="ai_page")
    return size, (min(int(page), pages) - 1) * size


def _tracker() -> None:
    flt = _filters()
    at = now()
    counts = count_by_status(engine(), flt, now=at)
    total = sum(counts.values())
    limit, offset = _paging(total)
    signature = repr((flt, limit, offset))
    if st.session_state.get(SOURCE, {}).get("signature") != signature:
        items = list_action_items(engine(), flt, now=at, limit=limit, offset=offset)
        st.session_state[SOURCE] = {
            "signature": signature,
            "frame": _frame(items),
            "read_at": {i.id: i.updated_at for i in items},
            "items": items,
        }
    source = st.session_state[SOURCE]
    cols = st.columns(len(ActionStatus) + 1)
    cols[0].metric("Matching", f"{total:,}")
    for col, status in zip(cols[1:], ActionStatus, strict=True):
        col.metric(status.value, f"{counts.get(status.value, 0):,}")
    if source["frame"].empty:
        st.info("No action item matches these filters.", icon=":material/info:")
        return
    shown = len(source["items"])
    st.caption(f"Showing {offset + 1:,}–{offset + shown:,} of {total:,} (soonest due first).")
    owners = sorted(set(known_owners(engine())))
    edited = st.data_editor(
        source["frame"],
        key=f"ai_editor_{hash(signature)}",
        hide_index=True,
        use_container_width=True,
        disabled=["Item", "Action", "Category", "Overdue", "Completed"],
        column_config={
            "Priority": st.column_config.SelectboxColumn(options=[p.value for p in Priority], required=True),
            "Owner": st.column_config.SelectboxColumn(options=owners, required=True),
            "Status": st.column_config.SelectboxColumn(
                options=[s.value for s in ActionStatus], required=True
            ),
            "Due": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Completed": st.column_config.DateColumn(format="YYYY-MM-DD"),
            "Action": st.column_config.TextColumn(width="large"),
        },
    )
    rename = {"Status": "status", "Owner": "owner", "Due": "due_date", "Priority": "priority"}
    before = source["frame"].rename(columns=rename).to_dict("index")
    after = edited.rename(columns=rename).to_dict("index")
    changes = diff_edits(before, after, source["read_at"])
    left, mid, right = st.columns([1, 1, 2])
    if left.button(f"Save {len(changes)} change(s)", type="primary", disabled=not changes, key="ai_save"):
        try:
            update_action_items(engine(), changes, now=now())
        except ValidationError as exc:
            labels = {i.id: i.label for i in source["items"]}
            for problem in exc.problems:
                item_id = int(problem.field.split("[")[1].split("]")[0]) if "[" in problem.field else None
                where = escape_markdown(problem.field.rsplit(".", 1)[-1])
                st.error(
                    f"**{escape_markdown(labels.get(item_id, problem.field))}** "
                    f"{where}: {escape_markdown(problem.message)}",
                    icon=":material/error:",
                )
        except LessonsError as exc:  # changed or deleted meanwhile: say so, keep the edits on screen
            named_error(exc)
        else:
            st.session_state.pop(SOURCE, None)
            st.toast(f"Saved {len(changes)} change(s)")
            st.rerun()
    if mid.button("Reload", key="ai_reload"):
        st.session_state.pop(SOURCE, None)
        st.rerun()
    with right:
        d1, d2 = st.columns(2)
        d1.download_button(
            "CSV",
            render(source["items"], "csv"),
            "action-items.csv",
            "text/csv",
            help="The rows of this page",
        )
        d2.download_button(
            "Jira CSV",
            render(source["items"], "jira-csv"),
            "action-items-jira.csv",
            "text/csv",
            help="The rows of this page as Summary, Issue Type, Priority, Assignee, Due Date (yyyy-MM-dd), "
            "Labels, Description — for Jira's CSV importer",
        )


def _table(items) -> None:  # type: ignore[no-untyped-def]
    if not items:
        st.caption("Nothing.")
        return
    st.dataframe(
        _frame(items)[["Item", "Priority", "Action", "Owner", "Due", "Status"]],
        hide_index=True,
        use_container_width=True,
        column_config={"Due": st.column_config.DateColumn(format="YYYY-MM-DD")},
    )


def _weekly() -> None:
    review = weekly_review(engine(), now=now())
    st.caption(f"As of {review.now:%Y-%m-%d %H:%M} UTC. Overdue: due before today and not Done/Cancelled.")
    cols = st.columns(4)
    cols[0].metric("Overdue", review.overdue_total)
    for col, (prio, n) in zip(cols[1:], review.overdue_counts.items(), strict=True):
        col.metric(f"Overdue {prio}", n)
    st.subheader("Overdue, most urgent first")
    _table(review.overdue)
    st.subheader("Changed in the last 7 days")
    _table(review.changed)
    st.subheader("Due in the next 7 days")
    _table(review.due_next)


VERIFY_LIMIT = 200


def _verify() -> None:
    pending_only = st.checkbox("Only items not verified yet", value=True, key="ai_verify_pending")
    titles = _incident_titles("ai_verify_incident", [])
    incident = st.selectbox(
        "Incident",
        list(titles),
        index=None,
        placeholder="any",
        key="ai_verify_incident",
        format_func=lambda i: titles.get(i, i),
    )
    flt = ActionFilter(
        statuses=["Done"],
        verified=["unknown"] if pending_only else [],
        incidents=[incident] if incident else [],
    )
    done = list_action_items(engine(), flt, now=now(), limit=VERIFY_LIMIT)
    if not done:
        st.info(
            "No completed action item to verify here: only Done items can be verified.",
            icon=":material/info:",
        )
        return
    if len(done) == VERIFY_LIMIT:
        st.caption(f"The {VERIFY_LIMIT} soonest due; pick an incident to narrow the list.")
    labels = {i.id: f"{i.label} · {i.action} · verified: {i.verified_effective}" for i in done}
    pending = sorted(done, key=lambda i: i.verified_effective != "unknown")
    with st.form("ai_verify", clear_on_submit=False):
        item_id = st.selectbox("Completed item", [i.id for i in pending], format_func=lambda i: labels[i])
        effective = st.radio("Was it effective?", ["yes", "no"], horizontal=True)
        note = st.text_area("How was that judged?", placeholder="e.g. the alert fired in the March drill")
        submitted = st.form_submit_button("Record verification", type="primary")
    if submitted:
        item = next(i for i in done if i.id == item_id)
        try:
            verify_action_item(engine(), item_id, effective, note, read_at=item.updated_at, now=now())
        except ValidationError as exc:
            error_box(exc.problems)
        except LessonsError as exc:
            named_error(exc)
        else:
            st.session_state.pop(SOURCE, None)
            st.success(f"{item.label} verified: effective {effective}.")


def _add() -> None:
    picked = st.session_state.get("ai_add_pick")  # kept if deleted meanwhile: never add to another silently
    titles = _incident_titles("ai_add_incident", [picked] if picked else [], keep_on_new_search=False)
    if not titles:
        st.info("No incident matches: change the search or enter a post-mortem.", icon=":material/info:")
        return
    sprint = int(get_setting(engine(), "sprint_length_days"))
    st.caption(
        f"Leave the due date empty to use the default: the later of the category's typical timeline and "
        f"the priority's horizon (P0 1 day, P1 {sprint} days, P2 {2 * sprint} days); weekends move to "
        "Monday except for 24-hour items."
    )
    error = st.session_state.get("ai_add_error")
    with st.form("ai_add", clear_on_submit=False):
        incident = st.selectbox("Incident", list(titles), format_func=lambda i: titles[i], key="ai_add_pick")
        action = st.text_input("Action")
        error_box(error.for_field("action") if error else [])
        owner = st.text_input("Owner")
        new_owner = st.checkbox("This is a new owner (not yet known to Lessons)")
        error_box(error.for_field("owner") if error else [])
        c1, c2, c3 = st.columns(3)
        priority = c1.selectbox("Priority", [p.value for p in Priority], index=1)
        category = c2.selectbox("Category", [c.value for c in ActionCategory], index=None, placeholder="none")
        due = c3.date_input("Due date (optional)", value=None)
        error_box(error.for_field("due_date") if error else [])
        submitted = st.form_submit_button("Add action item", type="primary")
    if submitted:
        try:
            item = add_action_item(
                engine(),
                NewActionItem(incident, action, owner, priority, category, due, new_owner),
                sprint_days=sprint,
                now=now(),
            )
        except ValidationError as exc:
            st.session_state["ai_add_error"] = exc
            st.rerun()
        except LessonsError as exc:  # deleted or changed meanwhile: the form keeps what was typed
            st.session_state.pop("ai_add_error", None)
            named_error(exc)
        else:
            st.session_state.pop("ai_add_error", None)
            st.session_state.pop(SOURCE, None)
            st.success(f"Added {item.label}, due {item.due_date:%Y-%m-%d}.")


st.title("Action items")
st.caption("Every post-mortem's action items. Due dates are calendar dates in UTC.")
tracker, weekly, verify, add = st.tabs(["Tracker", "Weekly review", "Verify", "Add item"])
with tracker:
    _tracker()
with weekly:
    _weekly()
with verify:
    _verify()
with add:
    _add()
