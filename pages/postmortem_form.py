"""New / edit post-mortem: every section of the seed's template, in its order, in tabs; one explicit save.

State lives in st.session_state["pm_form"][target] (target: "new" or the incident id):
``original`` (as loaded), ``base`` (values the widgets start from), ``frames`` (stable editor sources),
``gen`` (bumped after a save or a reload so every widget starts from the new values), ``version`` (the version
the user is editing), ``error`` / ``rows`` (the last rejected save), ``conflict`` (the stored post-mortem when
someone else saved first), ``flash`` (message after a save) and ``snapshot`` (the last run's values, restored
when the user comes back to the page after visiting another one).
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import pandas as pd
import streamlit as st

from core.errors import (
    ConflictError,
    DuplicateIncidentError,
    FieldProblem,
    NotFoundError,
    ValidationError,
)
from core.postmortem import (
    SIGN_OFF_ROLES,
    ActionCategory,
    ActionStatus,
    Anchor,
    Impact,
    Lessons,
    PostMortem,
    Priority,
    ReviewStatus,
    Severity,
    Verification,
    format_duration,
)
from core.services import check_postmortem, create_postmortem, get_postmortem, update_postmortem
from core.settings import get_setting
from core.validation import normalise
from pages._postmortem_frames import (
    MARK_OPTIONS,
    NO_MARK,
    TIME_HELP,
    Tables,
    all_frames,
    describe_problem,
    read_tables,
    severity_label,
    suggest_due_dates,
)
from pages._shared import DETAIL_PAGE, engine, escape_markdown, lint_panel, postmortem_texts

# Tabs in the template's order, and the field prefixes each one holds (for error counts on the tab labels).
TABS: list[tuple[str, tuple[str, ...]]] = [
    (
        "Summary",
        (
            "title",
            "incident_date",
            "incident_id",
            "severity",
            "status",
            "reporter",
            "incident_commander",
            "duration_minutes",
            "summary",
            "executive_summary",
            "detection_method",
            "category",
            "cause",
            "repeat_of",
        ),
    ),
    ("Impact", ("impact", "rto_met", "rpo_met")),
    ("Timeline", ("timeline", "timestamps")),
    ("Root cause", ("problem", "whys", "root_cause", "contributing_factors")),
    ("Resolution", ("resolution", "resolution_method")),
    ("What went well / could improve", ("went_well", "could_improve")),
    ("Action items", ("action_items",)),
    ("Lessons learned", ("lessons",)),
    ("Attachments", ("attachments",)),
    ("Sign-off", ("signoffs",)),
]
SECTION_TITLES = {
    "timeline": "Timeline",
    "timestamps": "Named moments",
    "whys": "5 Whys",
    "contributing_factors": "Contributing factors",
    "went_well": "What went well",
    "could_improve": "What could be improved",
    "action_items": "Action items",
    "lessons.technical": "Lessons (technical)",
    "lessons.process": "Lessons (process)",
    "lessons.communication": "Lessons (communication)",
    "attachments": "Attachments",
    "signoffs": "Sign-off",
}
YES_NO = {"Unknown": None, "Yes": True, "No": False}
DATE_LOCKED_HELP = (
    "The date is part of the incident ID (INC-YYYY-MM-DD-NNN), so it cannot change once saved. "
    "To correct a wrong date: on the post-mortem's page download its Markdown, fix the Date line (and any "
    "full dates in the timeline), delete the Incident ID line, and import the file on the Import page: it is "
    "saved under an ID of the right date. The wrongly dated incident stays until an administrator deletes it."
)
FIELD_LABELS = {
    "title": "Title",
    "incident_date": "Date",
    "incident_id": "Incident ID",
    "severity": "Severity",
    "status": "Review status",
    "reporter": "Reporter",
    "incident_commander": "Incident commander",
    "duration_minutes": "Duration (minutes)",
    "summary": "One-sentence summary",
    "executive_summary": "Executive summary",
    "detection_method": "How it was detected",
    "category": "Category",
    "cause": "Cause",
    "repeat_of": "Repeat of",
    "impact.users_affected": "Users affected",
    "impact.services_affected": "Services affected",
    "impact.data_loss_amount": "Amount of data lost",
    "impact.financial": "Financial impact",
    "impact.reputational": "Reputational impact",
    "problem": "Problem",
    "root_cause": "Root cause",
    "resolution": "Resolution",
    "resolution_method": "Resolution method",
    **{f"timestamps.{a.value}": f"Named moments, {a.label}" for a in Anchor},
}


def _blank_postmortem() -> PostMortem:
    today = datetime.now(UTC).date()
    return PostMortem(title="", incident_date=today, whys=[""] * 5)


def _new_state(pm: PostMortem, gen: int = 0) -> dict[str, Any]:
    return {
        "original": copy.deepcopy(pm),
        "base": pm,
        "frames": all_frames(pm),
        "gen": gen,
        "version": pm.version,
        "error": None,
        "rows": {},
        "conflict": None,
        "flash": None,
        "snapshot": None,
    }


def _forms() -> dict[str, dict[str, Any]]:
    return st.session_state.setdefault("pm_form", {})


def widget_key(target: str, gen: int, name: str) -> str:
    """Key of a form widget; tests use it to seed a data editor's edits (``pm.new.0.timeline``)."""
    return f"pm.{target}.{gen}.{name}"


# --- loading --------------------------------------------------------------------------------------

target = st.query_params.get("id", "").strip() or "new"
forms = _forms()
if target not in forms:
    if target == "new":
        forms[target] = _new_state(_blank_postmortem())
    else:
        try:
            forms[target] = _new_state(get_postmortem(engine(), target))
        except NotFoundError:
            st.title("Edit post-mortem")
            st.error(f"There is no incident {escape_markdown(target)}.", icon=":material/error:")
            st.page_link("pages/incidents.py", label="Search the incident database", icon=":material/search:")
            st.stop()
state = forms[target]


def key(name: str) -> str:
    return widget_key(target, state["gen"], name)


# Coming back from another page: Streamlit dropped the widgets' values; restore the last run's values.
if key("title") not in st.session_state and state["snapshot"] is not None:
    snapshot_pm, snapshot_frames = state["snapshot"]
    state["snapshot"] = None
    if snapshot_pm != state["original"]:
        state["base"], state["frames"], state["gen"] = snapshot_pm, snapshot_frames, state["gen"] + 1
    elif target != "new":  # nothing changed here: start from what is stored now
        forms[target] = state = _new_state(get_postmortem(engine(), target), state["gen"] + 1)

base: PostMortem = state["base"]
error: ValidationError | None = state["error"]
problems = error.problems if error else []

# --- header, flash, conflict ----------------------------------------------------------------------

if target == "new":
    st.title("New post-mortem")
    st.caption("Fill in what you know now and save as a draft; come back to complete it. Times are UTC.")
else:
    st.title(f"Edit {escape_markdown(target)}")
    st.caption(f"Version {state['version']} · status {base.status.label}. Times are UTC.")
    st.page_link(
        DETAIL_PAGE, label="View this post-mortem", icon=":material/visibility:", query_params={"id": target}
    )


def _where(problem: FieldProblem) -> str:
    """Where a problem is, in the words of the form: ``Timeline, row 3, Time (UTC)`` or ``Title``."""
    if problem.field in FIELD_LABELS:
        return FIELD_LABELS[problem.field]
    section, where = describe_problem(problem.field, state["rows"])
    if section in SECTION_TITLES:
        return f"{SECTION_TITLES[section]}, {where}"
    return problem.field


if state["flash"]:
    st.success(state["flash"], icon=":material/check_circle:")
    state["flash"] = None

if problems:
    with st.container(border=True):
        st.error(
            f"Not saved: {len(problems)} problem(s). Everything you typed is still in the form; "
            "fix the fields below and save again.",
            icon=":material/error:",
        )
        for problem in problems:
            st.markdown(f"- **{escape_markdown(_where(problem))}**: {escape_markdown(problem.message)}")


def problems_at(prefix: str) -> list[FieldProblem]:
    return [p for p in problems if p.field == prefix or p.field.startswith((prefix + ".", prefix + "["))]


def show_field_problems(prefix: str) -> None:
    for problem in problems_at(prefix):
        st.error(
            f"**{escape_markdown(_where(problem))}**: {escape_markdown(problem.message)}",
            icon=":material/error:",
        )


show_table_problems = show_field_problems


def _enum_index(options: list[Any], value: Any) -> int:
    return options.index(value) if value in options else 0


# --- the form -------------------------------------------------------------------------------------

if state["conflict"] is not None:
    stored: PostMortem = state["conflict"]
    with st.container(border=True):
        st.error(
            f"Someone else saved {target} first (they saved version {stored.version}; "
            f"you were editing version "
            f"{state['version']}). Your changes were **not** saved and are all still in the form below. "
            "Compare them with the stored version, merge what you need, then save yours over it — or "
            "discard yours and load the stored version.",
            icon=":material/merge:",
        )
        if st.button("Discard my changes and load the stored version", icon=":material/restart_alt:"):
            forms[target] = _new_state(get_postmortem(engine(), target), state["gen"] + 1)
            st.rerun()

labels = []
for title, prefixes in TABS:
    count = sum(
        1
        for p in problems
        if p.field.split(".")[0].split("[")[0] in prefixes or p.field.split("[")[0] in prefixes
    )
    labels.append(f"{title} ⚠ {count}" if count else title)

# No editor column is marked required: the grid would silently drop a new row with an empty required cell,
# losing what the user typed. Core validation names the missing cell instead.
editors: dict[str, pd.DataFrame] = {}
sprint_days = int(get_setting(engine(), "sprint_length_days"))
with st.form(key(""), clear_on_submit=False, enter_to_submit=False, border=False):
    tabs = st.tabs(labels)

    with tabs[0]:
        st.text_input(
            "Title",
            value=base.title,
            key=key("title"),
            max_chars=500,
            placeholder="e.g. PostgreSQL primary database corrupted after disk failure",
        )
        show_field_problems("title")
        c1, c2, c3, c4 = st.columns(4)
        c1.date_input(
            "Date",
            value=base.incident_date,
            key=key("incident_date"),
            format="YYYY-MM-DD",
            disabled=target != "new",
            help=DATE_LOCKED_HELP
            if target != "new"
            else "The incident's day (UTC); timeline times typed as HH:MM are on this day. "
            "Part of the incident ID, so it cannot change after the first save.",
        )
        if target != "new":
            c1.caption("Locked: part of the incident ID (see ⓘ to correct it).")
        c2.text_input(
            "Incident ID",
            value=base.incident_id or "",
            key=key("incident_id"),
            disabled=target != "new",
            placeholder="assigned on save",
            help="INC-YYYY-MM-DD-NNN. Leave empty and the next free number of that day is assigned.",
        )
        severities = list(Severity)
        c3.selectbox(
            "Severity",
            severities,
            index=_enum_index(severities, base.severity),
            key=key("severity"),
            format_func=severity_label,
        )
        statuses = list(ReviewStatus)
        c4.selectbox(
            "Review status",
            statuses,
            index=_enum_index(statuses, base.status),
            key=key("status"),
            format_func=lambda s: s.label,
        )
        with c1:
            show_field_problems("incident_date")
        with c2:
            show_field_problems("incident_id")
        with c3:
            show_field_problems("severity")
        with c4:
            show_field_problems("status")
        c1, c2, c3 = st.columns(3)
        c1.text_input("Reporter", value=base.reporter, key=key("reporter"))
        c2.text_input("Incident commander", value=base.incident_commander, key=key("incident_commander"))
        c3.number_input(
            "Duration (minutes)",
            value=base.duration_minutes,
            min_value=0,
            step=1,
            key=key("duration_minutes"),
            help="Only needed when the timeline does not mark Impact started and Resolved: "
            "then the duration is derived from those.",
        )
        with c1:
            show_field_problems("reporter")
        with c2:
            show_field_problems("incident_commander")
        with c3:
            show_field_problems("duration_minutes")
        st.text_input(
            "One-sentence summary",
            value=base.summary,
            key=key("summary"),
            help="What happened, in one sentence (the meeting's incident summary).",
        )
        show_field_problems("summary")
        st.text_area(
            "Executive summary",
            value=base.executive_summary,
            key=key("executive_summary"),
            height=120,
            help="One paragraph: what happened and the impact.",
        )
        show_field_problems("executive_summary")
        c1, c2, c3, c4 = st.columns(4)
        c1.text_input(
            "How it was detected",
            value=base.detection_method,
            key=key("detection_method"),
            placeholder="e.g. Monitoring alert",
        )
        c2.text_input(
            "Category",
            value=base.category,
            key=key("category"),
            placeholder="e.g. database",
            help="Used for pattern analysis: reuse the spelling of earlier incidents.",
        )
        c3.text_input("Cause", value=base.cause, key=key("cause"), placeholder="e.g. hardware_failure")
        c4.text_input(
            "Repeat of",
            value=base.repeat_of or "",
            key=key("repeat_of"),
            placeholder="INC-YYYY-MM-DD-NNN",
            help="The earlier incident this one repeats, if any.",
        )
        names = ("detection_method", "category", "cause", "repeat_of")
        for column, name in zip((c1, c2, c3, c4), names, strict=True):
            with column:
                show_field_problems(name)

    with tabs[1]:
        c1, c2 = st.columns(2)
        c1.text_input(
            "Users affected",
            value=base.impact.users_affected,
            key=key("users_affected"),
            placeholder="number or percentage",
        )
        c2.text_input(
            "Services affected",
            value=", ".join(base.impact.services_affected),
            key=key("services_affected"),
            placeholder="checkout-api, orders-db",
            help="Comma-separated.",
        )
        with c1:
            show_field_problems("impact.users_affected")
        with c2:
            show_field_problems("impact.services_affected")
        c1, c2 = st.columns(2)
        c1.checkbox("Data loss", value=base.impact.data_loss, key=key("data_loss"))
        c2.text_input(
            "Amount of data lost",
            value=base.impact.data_loss_amount,
            key=key("data_loss_amount"),
            help="Only when there was data loss.",
        )
        with c2:
            show_field_problems("impact.data_loss_amount")
        st.text_input("Financial impact", value=base.impact.financial, key=key("financial"))
        show_field_problems("impact.financial")
        st.text_input("Reputational impact", value=base.impact.reputational, key=key("reputational"))
        show_field_problems("impact.reputational")
        c1, c2 = st.columns(2)
        answers = list(YES_NO)
        c1.radio(
            "RTO met",
            answers,
            index=answers.index({None: "Unknown", True: "Yes", False: "No"}[base.rto_met]),
            key=key("rto_met"),
            horizontal=True,
        )
        c2.radio(
            "RPO met",
            answers,
            index=answers.index({None: "Unknown", True: "Yes", False: "No"}[base.rpo_met]),
            key=key("rpo_met"),
            horizontal=True,
        )

    with tabs[2]:
        st.markdown(
            "**Timeline** — one row per event, times in UTC as HH:MM (on the incident date) or "
            "YYYY-MM-DD HH:MM. Rows that are named moments (detected, resolved, …) fill the timestamps below "
            "and give TTD, TTR and the duration: leave Marks empty and the wording decides, as on import "
            '("First error logged" is Impact started, "Service fully restored" is Resolved); pick a '
            f"moment to set it, or *{NO_MARK}*."
        )
        editors["timeline"] = st.data_editor(
            state["frames"]["timeline"],
            key=key("timeline"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "time": st.column_config.TextColumn("Time (UTC)", help=TIME_HELP, max_chars=40),
                "event": st.column_config.TextColumn("Event", width="large"),
                "owner": st.column_config.TextColumn("Owner"),
                "kind": st.column_config.SelectboxColumn(
                    "Marks",
                    options=MARK_OPTIONS,
                    help=f"The named moment this event marks. Empty: read from the wording. {NO_MARK}: none.",
                ),
            },
        )
        show_table_problems("timeline")
        inferred_note = st.empty()
        st.markdown("**Named moments** — only for moments no timeline row marks (a time entered here wins).")
        editors["timestamps"] = st.data_editor(
            state["frames"]["timestamps"],
            key=key("timestamps"),
            num_rows="fixed",
            hide_index=True,
            width="stretch",
            column_config={
                "moment": st.column_config.TextColumn("Moment", disabled=True),
                "time": st.column_config.TextColumn("Time (UTC)", help=TIME_HELP, max_chars=40),
            },
        )
        show_table_problems("timestamps")

    with tabs[3]:
        st.text_input(
            "Problem",
            value=base.problem,
            key=key("problem"),
            placeholder="e.g. PostgreSQL database became corrupted",
        )
        show_field_problems("problem")
        st.markdown("**5 Whys** — each answer is the next question's subject.")
        editors["whys"] = st.data_editor(
            state["frames"]["whys"],
            key=key("whys"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={"text": st.column_config.TextColumn("Why? (answer)", width="large")},
        )
        show_table_problems("whys")
        st.text_area(
            "Root cause",
            value=base.root_cause,
            key=key("root_cause"),
            height=80,
            help="The final conclusion of the whys.",
        )
        show_field_problems("root_cause")
        st.markdown("**Contributing factors**")
        editors["contributing_factors"] = st.data_editor(
            state["frames"]["contributing_factors"],
            key=key("contributing_factors"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={"text": st.column_config.TextColumn("Factor", width="large")},
        )
        show_table_problems("contributing_factors")

    with tabs[4]:
        st.text_area(
            "Resolution",
            value=base.resolution,
            key=key("resolution"),
            height=120,
            help="How the incident was resolved.",
        )
        show_field_problems("resolution")
        st.text_input(
            "Resolution method",
            value=base.resolution_method,
            key=key("resolution_method"),
            placeholder="e.g. backup_restore",
            help="A short code for the incident database.",
        )
        show_field_problems("resolution_method")

    with tabs[5]:
        for name, label in (("went_well", "What went well"), ("could_improve", "What could be improved")):
            st.markdown(f"**{label}**")
            editors[name] = st.data_editor(
                state["frames"][name],
                key=key(name),
                num_rows="dynamic",
                hide_index=True,
                width="stretch",
                column_config={"text": st.column_config.TextColumn(label, width="large")},
            )
            show_table_problems(name)

    with tabs[6]:
        st.markdown(
            "**Action items** — P0 immediate, P1 this sprint, P2 next sprint. An item with no due date "
            "gets a default one on save, counted from the resolution: the later of its priority's horizon "
            f"(P0 1 day, P1 {sprint_days} days, P2 {2 * sprint_days} days) and its category's typical "
            "timeline (immediate fix 24 h, monitoring 1 week, documentation 2 weeks, automation 1 month, "
            "architecture 3 months); a weekend date moves to Monday."
        )
        editors["action_items"] = st.data_editor(
            state["frames"]["action_items"],
            key=key("action_items"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "number": st.column_config.NumberColumn(
                    "ID", min_value=1, step=1, format="%d", help="Assigned on save when empty"
                ),
                "priority": st.column_config.SelectboxColumn(
                    "Priority", options=[p.value for p in Priority], default=Priority.P1.value
                ),
                "action": st.column_config.TextColumn("Action", width="large"),
                "owner": st.column_config.TextColumn("Owner"),
                "due_date": st.column_config.DateColumn("Due date", format="YYYY-MM-DD"),
                "status": st.column_config.SelectboxColumn(
                    "Status", options=[s.value for s in ActionStatus], default=ActionStatus.OPEN.value
                ),
                "category": st.column_config.SelectboxColumn(
                    "Category", options=[c.value for c in ActionCategory]
                ),
                "completed_on": st.column_config.DateColumn("Completed on", format="YYYY-MM-DD"),
                "verified_effective": st.column_config.SelectboxColumn(
                    "Verified effective",
                    options=[v.value for v in Verification],
                    default=Verification.UNKNOWN.value,
                ),
                "tracker_key": st.column_config.TextColumn(
                    "Tracker key", help="e.g. the Jira or Plane issue"
                ),
                "verification_note": st.column_config.TextColumn("Verification note"),
                "key": None,
            },
        )
        show_table_problems("action_items")

    with tabs[7]:
        for kind in ("technical", "process", "communication"):
            name = f"lessons.{kind}"
            st.markdown(f"**{kind.capitalize()}**")
            editors[name] = st.data_editor(
                state["frames"][name],
                key=key(name),
                num_rows="dynamic",
                hide_index=True,
                width="stretch",
                column_config={
                    "text": st.column_config.TextColumn(f"{kind.capitalize()} lesson", width="large")
                },
            )
            show_table_problems(name)

    with tabs[8]:
        st.markdown("**Attachments** — links to logs, metrics and screenshots (http:// or https://).")
        editors["attachments"] = st.data_editor(
            state["frames"]["attachments"],
            key=key("attachments"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "label": st.column_config.TextColumn("Label", help="e.g. Grafana dashboard snapshot"),
                "url": st.column_config.LinkColumn("Link", width="large", help="http:// or https:// address"),
            },
        )
        show_table_problems("attachments")

    with tabs[9]:
        st.markdown(f"**Sign-off** — {', '.join(SIGN_OFF_ROLES)}. Leave the name empty until the role signs.")
        editors["signoffs"] = st.data_editor(
            state["frames"]["signoffs"],
            key=key("signoffs"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "role": st.column_config.TextColumn("Role"),
                "name": st.column_config.TextColumn("Name"),
                "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            },
        )
        show_table_problems("signoffs")

    st.divider()
    b1, b2, b3, b4 = st.columns([1, 1, 1, 2])
    save = b1.form_submit_button("Save", type="primary", icon=":material/save:", width="stretch")
    save_draft = b2.form_submit_button(
        "Save as draft",
        icon=":material/draft:",
        width="stretch",
        help="Save with the review status Draft, complete or not.",
    )
    check = b3.form_submit_button("Check without saving", icon=":material/rule:", width="stretch")
    overwrite = False
    if state["conflict"] is not None:
        overwrite = b4.form_submit_button(
            f"Save mine over version {state['conflict'].version}", icon=":material/warning:", width="stretch"
        )


# --- reading the widgets back ---------------------------------------------------------------------


def _value(name: str) -> Any:
    return st.session_state.get(key(name))


def build_postmortem() -> tuple[PostMortem, Tables]:
    """The post-mortem the widgets hold now, and the tables read (where each row came from, bad cells)."""
    incident_date = _value("incident_date") or base.incident_date
    duration = _value("duration_minutes")
    tables = read_tables(editors, incident_date, None if duration is None else int(duration))
    services = [s.strip() for s in str(_value("services_affected") or "").split(",") if s.strip()]
    pm = PostMortem(
        title=_value("title") or "",
        incident_date=incident_date,
        severity=_value("severity") or Severity.SEV3,
        status=_value("status") or ReviewStatus.DRAFT,
        incident_id=(base.incident_id if target != "new" else (_value("incident_id") or "").strip() or None),
        reporter=_value("reporter") or "",
        incident_commander=_value("incident_commander") or "",
        duration_minutes=None if _value("duration_minutes") is None else int(_value("duration_minutes")),
        summary=_value("summary") or "",
        executive_summary=_value("executive_summary") or "",
        detection_method=_value("detection_method") or "",
        category=_value("category") or "",
        cause=_value("cause") or "",
        repeat_of=(_value("repeat_of") or "").strip() or None,
        impact=Impact(
            users_affected=_value("users_affected") or "",
            services_affected=services,
            data_loss=bool(_value("data_loss")),
            data_loss_amount=_value("data_loss_amount") or "",
            financial=_value("financial") or "",
            reputational=_value("reputational") or "",
        ),
        rto_met=YES_NO.get(_value("rto_met") or "Unknown"),
        rpo_met=YES_NO.get(_value("rpo_met") or "Unknown"),
        timestamps=tables.timestamps,
        timeline=tables.timeline,
        problem=_value("problem") or "",
        whys=tables.lists["whys"],
        root_cause=_value("root_cause") or "",
        contributing_factors=tables.lists["contributing_factors"],
        resolution=_value("resolution") or "",
        resolution_method=_value("resolution_method") or "",
        went_well=tables.lists["went_well"],
        could_improve=tables.lists["could_improve"],
        action_items=tables.action_items,
        lessons=Lessons(
            technical=tables.lists["lessons.technical"],
            process=tables.lists["lessons.process"],
            communication=tables.lists["lessons.communication"],
        ),
        attachments=tables.attachments,
        signoffs=tables.signoffs,
        version=state["version"],
        created_at=base.created_at,
    )
    return pm, tables


current, tables = build_postmortem()
rows = tables.rows
state["snapshot"] = (copy.deepcopy(current), {name: df.copy() for name, df in editors.items()})


def _checked(pm: PostMortem) -> tuple[PostMortem, list[int]]:
    pm = copy.deepcopy(pm)
    suggested = suggest_due_dates(pm, sprint_days)
    normalise(pm)
    return pm, suggested


def _with_cell_problems(exc: ValidationError) -> ValidationError:
    """Cells that could not be read (a bad time, kept as typed) first, then core's other problems."""
    fields = {p.field for p in tables.problems}
    rest = [p for p in exc.problems if p.field not in fields]
    return ValidationError([*tables.problems, *rest])


def _inference_note() -> str:
    """Which empty Marks cells the wording filled, and any disagreement with the stated duration."""
    parts = []
    if tables.inferred:
        marks = ", ".join(f"row {row} {anchor.label}" for row, anchor in tables.inferred)
        parts.append(
            f"Marks read from the wording of the timeline: {marks}. Pick another moment or "
            f"'{NO_MARK}' in the Marks column to change them."
        )
    parts += [f"{warning}." for warning in tables.warnings]
    return " ".join(parts)


if tables.inferred or tables.warnings:
    inferred_note.info(_inference_note(), icon=":material/auto_fix:")

if save or save_draft or check or overwrite:
    state["error"], state["rows"] = None, rows
    pm = copy.deepcopy(current)
    if save_draft:
        pm.status = ReviewStatus.DRAFT
    if overwrite:
        pm.version = state["conflict"].version
    try:
        checked, suggested = _checked(pm)
        if check or tables.problems:
            check_postmortem(engine(), checked, new=target == "new")
        if tables.problems:
            raise ValidationError(list(tables.problems))
        if check:
            state["flash"] = " ".join(
                filter(None, ["No problems found. Nothing was saved yet.", _inference_note()])
            )
            st.rerun()
        if target == "new":
            saved = create_postmortem(engine(), checked)
        else:
            saved = update_postmortem(engine(), checked)
    except ValidationError as exc:
        state["error"] = _with_cell_problems(exc)
        st.rerun()
    except DuplicateIncidentError as exc:
        state["error"] = ValidationError(
            [FieldProblem("incident_id", str(exc).removeprefix("incident_id: "))]
        )
        st.rerun()
    except NotFoundError as exc:
        state["error"] = ValidationError([FieldProblem("incident_id", f"{exc}: it was deleted meanwhile")])
        st.rerun()
    except ConflictError:
        state["conflict"] = get_postmortem(engine(), target)
        st.rerun()
    due_note = (
        f"Default due dates set for action item(s) {', '.join(map(str, suggested))}: the later of the "
        f"priority's horizon (P0 1 day, P1 {sprint_days} days, P2 {2 * sprint_days} days) and the category's "
        "typical timeline, from the resolution."
        if suggested
        else ""
    )
    fresh = _new_state(saved, gen=state["gen"] + 1)
    fresh["flash"] = " ".join(
        filter(
            None,
            [
                f"Saved {saved.incident_id} (version {saved.version}, status {saved.status.label}).",
                due_note,
                _inference_note(),
            ],
        )
    )
    forms[saved.incident_id] = fresh
    if target == "new":
        forms.pop("new", None)
        st.query_params["id"] = saved.incident_id
    st.rerun()

# --- below the form: conflict comparison, derived figures, lint -----------------------------------


def _as_text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return "\n".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{_as_text(k)}: {_as_text(v)}" for k, v in value.items())
    if dataclasses.is_dataclass(value):
        parts = [_as_text(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "id"]
        return " · ".join(p for p in parts if p)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


if state["conflict"] is not None:
    stored = state["conflict"]
    try:
        mine, _ = _checked(current)
    except ValidationError:
        mine = current
    differences = [
        {
            "field": f.name.replace("_", " "),
            "yours": _as_text(getattr(mine, f.name)),
            "stored": _as_text(getattr(stored, f.name)),
        }
        for f in dataclasses.fields(PostMortem)
        if f.name not in ("version", "created_at", "updated_at", "incident_id")
        and _as_text(getattr(mine, f.name)) != _as_text(getattr(stored, f.name))
    ]
    st.subheader("Your version and the stored version")
    if differences:
        st.dataframe(
            pd.DataFrame(differences),
            hide_index=True,
            width="stretch",
            column_config={
                "yours": st.column_config.TextColumn("Yours (not saved)", width="large"),
                "stored": st.column_config.TextColumn(f"Stored (version {stored.version})", width="large"),
            },
        )
    else:
        st.info("Your values equal the stored ones: saving yours changes nothing.")

with st.expander("Named moments and derived figures", icon=":material/schedule:"):
    st.caption("From the values as of the last Save or Check.")
    # Only rows with a readable time and a known moment count (the rest is reported on save).
    figures = dataclasses.replace(
        current, timeline=[e for e in current.timeline if e.time is not None and isinstance(e.kind, Anchor)]
    )
    times = figures.anchor_times()
    st.dataframe(
        pd.DataFrame([{"moment": a.label, "time (UTC)": times.get(a)} for a in Anchor]),
        hide_index=True,
        width="stretch",
    )
    c1, c2, c3 = st.columns(3)
    c1.metric("Duration (impact started → resolved)", format_duration(figures.duration) or "—")
    c2.metric("TTD (impact started → detected)", format_duration(figures.ttd) or "—")
    c3.metric("TTR (impact started → resolved)", format_duration(figures.ttr) or "—")

lint_panel(postmortem_texts(current))
