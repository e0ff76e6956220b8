"""The post-mortem form in AppTest: complete saves, edits, every kind of bad input, stale saves."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import pytest

from core.errors import NotFoundError
from core.import_values import parse_severity
from core.importer import parse_postmortem
from core.postmortem import ActionStatus, Anchor, PostMortem, ReviewStatus, Severity
from core.services import create_postmortem, get_postmortem, update_postmortem
from core.settings import save_settings
from pages._postmortem_frames import NO_MARK
from tests.app.formfill import added, click, fill_form
from tests.app.samples import sample_postmortem
from tests.conftest import SHARED
from tests.core.factories import seed_postmortem

FORM = "pages/postmortem_form.py"
COMPARED = [
    f.name
    for f in dataclasses.fields(PostMortem)
    if f.name not in ("incident_id", "version", "created_at", "updated_at", "action_items")
]


def _plain(markdown: str) -> str:
    """Markdown as the user reads it: without the backslashes that keep user text literal."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _errors(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(_plain(e.value) for e in at.error)


def test_postmortem_form_saves_complete_postmortem(open_page, app_engine):
    at = open_page(FORM)
    expected = seed_postmortem(
        problem="PostgreSQL database became corrupted",
        duration_minutes=75,
        timestamps={Anchor.MITIGATED: seed_postmortem().timeline[2].time.replace(hour=9)},
    )
    expected.action_items[0].category = None
    fill_form(at, expected)
    click(at, "Save")
    assert not at.exception
    assert not at.error, _errors(at)
    assert at.query_params["id"] == "INC-2026-01-30-001"
    assert "Saved INC-2026-01-30-001" in at.success[0].value
    stored = get_postmortem(app_engine, "INC-2026-01-30-001")
    for name in COMPARED:
        assert getattr(stored, name) == getattr(expected, name), name
    assert [(a.number, a.priority, a.action, a.owner, a.due_date, a.status) for a in stored.action_items] == [
        (i, a.priority, a.action, a.owner, a.due_date, a.status)
        for i, a in enumerate(expected.action_items, 1)
    ]


def test_postmortem_form_seed_example_markdown_equals_sample(open_page, app_engine):
    export = pytest.importorskip("core.export")
    at = open_page(FORM)
    fill_form(at, sample_postmortem())
    click(at, "Save")
    assert not at.error, _errors(at)
    stored = get_postmortem(app_engine, "INC-2026-01-30-001")
    sample = (SHARED / "samples" / "INC-2026-01-30-001.md").read_text(encoding="utf-8")
    assert export.to_markdown(stored) == sample


def test_postmortem_form_save_as_draft_with_only_a_title(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Checkout latency")
    at.selectbox(key="pm.new.0.status").set_value(ReviewStatus.IN_REVIEW)
    click(at, "Save as draft")
    assert not at.error, _errors(at)
    stored = get_postmortem(app_engine, at.query_params["id"])
    assert (stored.title, stored.status, stored.whys, stored.timeline) == (
        "Checkout latency",
        ReviewStatus.DRAFT,
        [],
        [],
    )
    assert [s.role for s in stored.signoffs] == [
        "Incident Commander",
        "Engineering Manager",
        "Product Manager",
    ]


# Blank due dates get core.action_items.default_due_date from the incident date 2026-01-30 (a Friday), with
# or without a category: (priority, category, sprint length, due date). P0 keeps a Saturday; typed dates stay.
DEFAULT_DUE = [
    ("P1", None, None, date(2026, 2, 13)),
    ("P0", None, None, date(2026, 1, 31)),
    ("P2", None, None, date(2026, 2, 27)),
    ("P1", "Monitoring", None, date(2026, 2, 13)),
    ("P2", "Architecture", None, date(2026, 4, 30)),
    ("P1", None, 7, date(2026, 2, 6)),
    ("P1", "Documentation", 7, date(2026, 2, 13)),
]


@pytest.mark.parametrize(("priority", "category", "sprint", "due"), DEFAULT_DUE)
def test_postmortem_form_default_due_date_for_blank_due_dates(
    open_page, app_engine, priority, category, sprint, due
):
    if sprint is not None:
        save_settings(app_engine, {"sprint_length_days": sprint})
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.action_items"] = added(
        [
            {"priority": priority, "action": "Add disk alerts", "status": "Open", "category": category},
            {"priority": priority, "action": "Runbook", "status": "Open", "due_date": "2026-03-02"},
        ]
    )
    click(at, "Save")
    assert not at.error, _errors(at)
    message = at.success[0].value
    assert "Default due dates set for action item(s) 1:" in message
    assert f"P1 {sprint or 14} days" in message
    stored = get_postmortem(app_engine, "INC-2026-01-30-001")
    assert [a.due_date for a in stored.action_items] == [due, date(2026, 3, 2)]


# Bad input in every section: (what the user does, where the message must appear, words of the message).
BAD_INPUT = [
    ("title", {"title": "   "}, "Title", "is required"),
    ("incident_id", {"incident_id": "INC-2026-1-30"}, "Incident ID", "is not of the form"),
    ("incident_id_date", {"incident_id": "INC-2026-02-01-001"}, "Incident ID", "does not match the date"),
    ("repeat_of", {"repeat_of": "INC-2020-01-01-001"}, "Repeat of", "no incident INC-2020-01-01-001"),
    (
        "timeline_time",
        {"timeline": [{"event": "Alert fired", "owner": "PagerDuty"}]},
        "Timeline, row 1, Time (UTC)",
        "is required",
    ),
    (
        "timeline_event",
        {"timeline": [{"time": "2026-01-30T08:00:00", "owner": "PagerDuty"}]},
        "Timeline, row 1, Event",
        "is required",
    ),
    (
        "timeline_order",
        {
            "timeline": [
                {"time": "2026-01-30T09:00:00", "event": "Alert fired", "kind": "Detected"},
                {"time": "2026-01-30T10:00:00", "event": "First error", "kind": "Impact started"},
            ]
        },
        "Named moments, Detected",
        "is before Impact started",
    ),
    (
        "action_item_due",
        {
            "action_items": [
                {"priority": "P0", "action": "Add disk alerts", "due_date": "2026-01-01", "status": "Open"}
            ]
        },
        "Action items, row 1, Due date",
        "is before the incident",
    ),
    (
        "action_item_action",
        {"action_items": [{"priority": "P0", "owner": "SRE", "status": "Open"}]},
        "Action items, row 1, Action",
        "is required",
    ),
    (
        "action_item_completed",
        {
            "action_items": [
                {"priority": "P1", "action": "Runbook", "status": "Open", "completed_on": "2026-02-01"}
            ]
        },
        "Action items, row 1, Completed on",
        "status is not Done",
    ),
    (
        "action_item_ids",
        {
            "action_items": [
                {"number": 1, "priority": "P1", "action": "A", "status": "Open"},
                {"number": 1, "priority": "P1", "action": "B", "status": "Open"},
            ]
        },
        "Action items, row 2, ID",
        "used twice",
    ),
    (
        "attachment_url",
        {"attachments": [{"label": "Logs", "url": "ftp://logs.example.com/x"}]},
        "Attachments, row 1, Link",
        "is not an http:// or https:// link",
    ),
    (
        "attachment_missing_url",
        {"attachments": [{"label": "Logs"}]},
        "Attachments, row 1, Link",
        "is required",
    ),
    (
        "signoff_name",
        {"signoffs": [{"role": "Incident Commander", "date": "2026-02-01"}]},
        "Sign-off, row 4, Name",
        "is required when a date is given",
    ),
    (
        "signoff_date",
        {"signoffs": [{"role": "Incident Commander", "name": "Dana", "date": "2026-01-01"}]},
        "Sign-off, row 4, Date",
        "is before the incident",
    ),
]
TABLES = {"timeline", "action_items", "attachments", "signoffs"}


@pytest.mark.parametrize(("case", "edits", "where", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_postmortem_form_bad_input_shows_message_and_keeps_values(
    open_page, app_engine, case, edits, where, message
):
    create_postmortem(app_engine, seed_postmortem(incident_date=date(2025, 6, 1), title="Earlier incident"))
    at = open_page(FORM)
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.text_input(key="pm.new.0.summary").set_value("Typed <b>summary</b> that must survive")
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.session_state["pm.new.0.went_well"] = added([{"text": "Backups worked"}])
    for name, value in edits.items():
        if name in TABLES:
            at.session_state[f"pm.new.0.{name}"] = added(value)
        else:
            at.text_input(key=f"pm.new.0.{name}").set_value(value)
    click(at, "Save")
    assert not at.exception
    # The message is next to its field and in the summary at the top; nothing was saved.
    assert any(where in _plain(e.value) and message in _plain(e.value) for e in at.error), _errors(at)
    assert "Not saved" in at.error[0].value
    assert "id" not in at.query_params
    with pytest.raises(NotFoundError):
        get_postmortem(app_engine, "INC-2026-01-30-001")
    # Everything typed is still there: the text widgets, and the edits of every table.
    assert at.text_input(key="pm.new.0.summary").value == "Typed <b>summary</b> that must survive"
    assert at.session_state["pm.new.0.went_well"]["added_rows"] == [{"text": "Backups worked"}]
    for name, value in edits.items():
        if name in TABLES:
            assert len(at.session_state[f"pm.new.0.{name}"]["added_rows"]) == len(value)
        else:
            assert at.text_input(key=f"pm.new.0.{name}").value == value


def test_postmortem_form_fixing_the_problem_then_saves_everything(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.timeline"] = added([{"event": "Alert fired", "owner": "PagerDuty"}])
    click(at, "Save")
    assert "Time (UTC)" in _errors(at)
    # The row is still in the editor; the user fills in its time.
    assert at.session_state["pm.new.0.timeline"]["added_rows"] == [
        {"event": "Alert fired", "owner": "PagerDuty"}
    ]
    at.session_state["pm.new.0.timeline"] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [{"time": "2026-01-30T08:05:00", "event": "Alert fired", "owner": "PagerDuty"}],
    }
    click(at, "Save")
    assert not at.error, _errors(at)
    assert get_postmortem(app_engine, "INC-2026-01-30-001").timeline[0].event == "Alert fired"


def test_postmortem_form_check_without_saving_saves_nothing(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    click(at, "Check without saving")
    assert not at.error
    assert "Nothing was saved" in at.success[0].value
    assert at.text_input(key="pm.new.0.title").value == "Disk failure"
    with pytest.raises(NotFoundError):
        get_postmortem(app_engine, f"INC-{date.today().isoformat()}-001")


def test_postmortem_form_edit_loads_and_updates(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(FORM, id=stored.incident_id)
    prefix = f"pm.{stored.incident_id}.0."
    assert at.text_input(key=prefix + "title").value == stored.title
    assert at.date_input(key=prefix + "incident_date").disabled
    at.text_input(key=prefix + "title").set_value("Orders database corrupted by a failing disk")
    at.session_state[prefix + "action_items"] = {
        "edited_rows": {1: {"status": "Done", "completed_on": "2026-02-08"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    click(at, "Save")
    assert not at.error, _errors(at)
    updated = get_postmortem(app_engine, stored.incident_id)
    assert updated.version == 2
    assert updated.title == "Orders database corrupted by a failing disk"
    assert updated.action_items[1].status is ActionStatus.DONE
    assert [a.id for a in updated.action_items] == [a.id for a in stored.action_items]
    assert updated.timeline == stored.timeline


def test_postmortem_form_stale_save_reports_conflict_and_keeps_text(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(FORM, id=stored.incident_id)
    prefix = f"pm.{stored.incident_id}.0."
    # Someone else saves first.
    other = get_postmortem(app_engine, stored.incident_id)
    other.root_cause = "Their root cause"
    update_postmortem(app_engine, other)
    at.text_area(key=prefix + "root_cause").set_value("My root cause")
    click(at, "Save")
    assert any("Someone else saved" in e.value for e in at.error), _errors(at)
    assert at.text_area(key=prefix + "root_cause").value == "My root cause"
    assert get_postmortem(app_engine, stored.incident_id).root_cause == "Their root cause"
    compared = next(d.value for d in at.dataframe if "yours" in d.value.columns)
    assert {"field", "yours", "stored"} <= set(compared.columns)
    assert "My root cause" in set(compared["yours"]) and "Their root cause" in set(compared["stored"])
    # The user merges by choosing to save theirs over it, knowingly.
    click(at, "Save mine over version 2")
    assert not at.error, _errors(at)
    assert get_postmortem(app_engine, stored.incident_id).root_cause == "My root cause"


def test_postmortem_form_unknown_id_says_so(open_page):
    at = open_page(FORM, id="INC-2026-01-30-404")
    assert "There is no incident INC-2026-01-30-404" in _errors(at)


def test_postmortem_form_shows_lint_panel_or_note(open_page, app_engine):
    create_postmortem(app_engine, seed_postmortem(summary="John forgot to renew the certificate."))
    at = open_page(FORM, id="INC-2026-01-30-001")
    panel = next(e for e in at.expander if e.label == "Blameless language check")
    try:
        from lint import lint_text  # noqa: F401
    except ImportError:
        assert "No language check" in panel.info[0].value
        return
    assert "John forgot to renew" in set(panel.dataframe[0].value["text"])
    # The panel follows what the user typed once they check or save.
    at.text_input(key="pm.INC-2026-01-30-001.0.summary").set_value("The certificate was not renewed.")
    click(at, "Check without saving")
    panel = next(e for e in at.expander if e.label == "Blameless language check")
    assert panel.success and not panel.dataframe


def test_postmortem_form_unsaved_values_survive_a_visit_to_another_page(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Half-written post-mortem")
    at.session_state["pm.new.0.timeline"] = added(
        [{"time": "2026-01-30T08:00:00", "event": "First error logged", "owner": "orders-db"}]
    )
    click(at, "Check without saving")
    at.switch_page("pages/incidents.py").run()
    at.switch_page(FORM).run()
    assert not at.exception
    assert at.text_input(key="pm.new.1.title").value == "Half-written post-mortem"
    timeline = next(d.value for d in at.dataframe if "event" in d.value.columns)
    assert list(timeline["event"]) == ["First error logged"]
    click(at, "Save")
    assert not at.error, _errors(at)
    assert get_postmortem(app_engine, at.query_params["id"]).timeline[0].event == "First error logged"


# Time cells are text: HH:MM on the incident date (2026-01-30) or a full date and time, as in Markdown.
TYPED_TIMES = [
    ("clock", "09:40", datetime(2026, 1, 30, 9, 40)),
    ("clock_one_digit_hour", "9:40", datetime(2026, 1, 30, 9, 40)),
    ("clock_utc", "09:40 UTC", datetime(2026, 1, 30, 9, 40)),
    ("clock_seconds", "09:40:30", datetime(2026, 1, 30, 9, 40, 30)),
    ("date_and_time", "2026-01-31 00:10", datetime(2026, 1, 31, 0, 10)),
    ("iso", "2026-01-30T08:00:00", datetime(2026, 1, 30, 8, 0)),
]


@pytest.mark.parametrize(("case", "typed", "stored"), TYPED_TIMES, ids=[c[0] for c in TYPED_TIMES])
def test_postmortem_form_reads_typed_times(open_page, app_engine, case, typed, stored):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.timeline"] = added(
        [{"time": typed, "event": "Deploy started", "kind": NO_MARK}]
    )
    at.session_state["pm.new.0.timestamps"] = {
        "edited_rows": {1: {"time": typed}},  # Detected
        "added_rows": [],
        "deleted_rows": [],
    }
    click(at, "Save")
    assert not at.error, _errors(at)
    pm = get_postmortem(app_engine, "INC-2026-01-30-001")
    assert (pm.timeline[0].time, pm.timestamps) == (stored, {Anchor.DETECTED: stored})


def test_postmortem_form_shows_times_on_the_incident_date_as_clock_times(open_page, app_engine):
    pm = seed_postmortem()
    pm.timeline[-1].time = datetime(2026, 1, 31, 0, 10)
    pm.timestamps = {Anchor.MITIGATED: datetime(2026, 1, 30, 9, 0)}
    stored = create_postmortem(app_engine, pm)
    at = open_page(FORM, id=stored.incident_id)
    timeline = next(d.value for d in at.dataframe if "event" in d.value.columns)
    assert list(timeline["time"]) == ["08:00", "08:05", "08:10", "2026-01-31 00:10"]
    stamps = next(d.value for d in at.dataframe if "moment" in d.value.columns)
    assert stamps.loc["mitigated", "time"] == "09:00"
    # Saving unchanged keeps every time.
    click(at, "Save")
    assert not at.error, _errors(at)
    assert get_postmortem(app_engine, stored.incident_id).timeline == stored.timeline


# An unreadable time is named at its row and stays in its cell as typed: (case, table, edits, where, message).
BAD_TIMES = [
    ("words", "timeline", "9h40", "Timeline, row 2, Time (UTC)", "unreadable time '9h40'; expected HH:MM"),
    (
        "us_date",
        "timeline",
        "01/30/2026 09:40",
        "Timeline, row 2, Time (UTC)",
        "expected HH:MM or YYYY-MM-DD",
    ),
    ("hour", "timeline", "25:00", "Timeline, row 2, Time (UTC)", "no such time of day"),
    ("day", "timeline", "2026-02-30 08:00", "Timeline, row 2, Time (UTC)", "no such date"),
    ("moment", "timestamps", "9h40", "Named moments, Detected", "unreadable time '9h40'"),
]


@pytest.mark.parametrize(
    ("case", "table", "typed", "where", "message"), BAD_TIMES, ids=[c[0] for c in BAD_TIMES]
)
def test_postmortem_form_unreadable_time_is_reported_at_its_row_and_kept(
    open_page, app_engine, case, table, typed, where, message
):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    rows = [{"time": "08:00", "event": "First error logged"}, {"time": "08:05", "event": "Deploy started"}]
    if table == "timeline":
        rows[1]["time"] = typed
        at.session_state["pm.new.0.timeline"] = added(rows)
    else:
        at.session_state["pm.new.0.timeline"] = added(rows)
        at.session_state["pm.new.0.timestamps"] = {
            "edited_rows": {1: {"time": typed}},
            "added_rows": [],
            "deleted_rows": [],
        }
    click(at, "Save")
    assert not at.exception
    assert "Not saved: 1 problem(s)" in at.error[0].value
    assert any(where in _plain(e.value) and message in _plain(e.value) for e in at.error[1:]), _errors(at)
    assert "is required" not in _errors(at)
    with pytest.raises(NotFoundError):
        get_postmortem(app_engine, "INC-2026-01-30-001")
    if table == "timeline":
        assert at.session_state["pm.new.0.timeline"]["added_rows"][1]["time"] == typed
    else:
        assert at.session_state["pm.new.0.timestamps"]["edited_rows"][1]["time"] == typed
    # Fixing the cell saves.
    fixed = "09:40" if table == "timeline" else "08:06"
    if table == "timeline":
        rows[1]["time"] = fixed
        at.session_state["pm.new.0.timeline"] = added(rows)
    else:
        at.session_state["pm.new.0.timestamps"] = {
            "edited_rows": {1: {"time": fixed}},
            "added_rows": [],
            "deleted_rows": [],
        }
    click(at, "Save")
    assert not at.error, _errors(at)


# An empty Marks cell takes the moment the wording gives, as an import does; a moment or NO_MARK chosen wins.
# (case, Marks cells of the two rows "First error logged" and "Service fully restored", stored kinds)
MARKS = [
    ("empty_cells_read_wording", [None, None], [Anchor.IMPACT_STARTED, Anchor.RESOLVED]),
    ("explicit_none_stays_none", [None, NO_MARK], [Anchor.IMPACT_STARTED, None]),
    ("explicit_moment_wins", ["Detected", None], [Anchor.DETECTED, Anchor.RESOLVED]),
    (
        "all_explicit",
        ["Impact started", "Mitigated (fix deployed)"],
        [Anchor.IMPACT_STARTED, Anchor.MITIGATED],
    ),
]
EVENTS = [("08:00", "First error logged"), ("09:15", "Service fully restored")]


@pytest.mark.parametrize(("case", "marks", "kinds"), MARKS, ids=[c[0] for c in MARKS])
def test_postmortem_form_marks_read_from_wording_like_import(open_page, app_engine, case, marks, kinds):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.timeline"] = added(
        [{"time": t, "event": e, "owner": "SRE", "kind": m} for (t, e), m in zip(EVENTS, marks, strict=True)]
    )
    click(at, "Check without saving")
    inferred = [(n, k) for n, (m, k) in enumerate(zip(marks, kinds, strict=True), 1) if m is None and k]
    if inferred:
        note = ", ".join(f"row {n} {k.label}" for n, k in inferred)
        assert f"Marks read from the wording of the timeline: {note}." in at.success[0].value
        assert any(note in i.value for i in at.info)
    click(at, "Save")
    assert not at.error, _errors(at)
    stored = get_postmortem(app_engine, at.query_params["id"])
    assert [e.kind for e in stored.timeline] == kinds
    # The same rows imported from Markdown (an empty Anchor cell as an empty Marks cell) get the same moments.
    cells = ["none" if m == NO_MARK else m or "" for m in marks]
    rows = [f"| {t} | {e} | SRE | {c} |" for (t, e), c in zip(EVENTS, cells, strict=True)]
    header = ["# Post-Mortem: Disk failure", "", "**Date:** 2026-01-30", "", "## Timeline", ""]
    table = ["| Time (UTC) | Event | Owner | Anchor |", "|---|---|---|---|", *rows]
    markdown = "\n".join(header + table)
    assert [e.kind for e in parse_postmortem(markdown).postmortem.timeline] == kinds
    # Reopened, every Marks cell says what is stored: a moment, or NO_MARK where the wording names one.
    at = open_page(FORM, id=stored.incident_id)
    timeline = next(d.value for d in at.dataframe if "event" in d.value.columns)
    assert list(timeline["kind"].fillna("")) == [k.label if k else NO_MARK for k in kinds]
    click(at, "Save")
    assert not at.error, _errors(at)
    assert [e.kind for e in get_postmortem(app_engine, stored.incident_id).timeline] == kinds


def test_postmortem_form_inferred_marks_give_duration_ttd_ttr(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.timeline"] = added(
        [
            {"time": "08:00", "event": "First error logged"},
            {"time": "08:05", "event": "Monitoring alert fired"},
            {"time": "09:15", "event": "Service fully restored"},
        ]
    )
    click(at, "Check without saving")
    figures = {m.label: m.value for m in at.metric}
    assert figures["Duration (impact started → resolved)"] == "1 hours 15 minutes"
    assert figures["TTD (impact started → detected)"] == "0 hours 5 minutes"
    assert figures["TTR (impact started → resolved)"] == "1 hours 15 minutes"


SEVERITY_CHOICES = [
    (Severity.SEV1, "SEV 1 (critical)"),
    (Severity.SEV2, "SEV 2 (major)"),
    (Severity.SEV3, "SEV 3 (moderate)"),
    (Severity.SEV4, "SEV 4 (low)"),
]


@pytest.mark.parametrize(("severity", "label"), SEVERITY_CHOICES)
def test_postmortem_form_severity_labels_are_distinct_and_read_back(open_page, severity, label):
    at = open_page(FORM)
    options = at.selectbox(key="pm.new.0.severity").options
    assert len(set(options)) == len(Severity)
    assert options[list(Severity).index(severity)] == label
    # The word means the same severity to the importer.
    assert parse_severity(label.split("(")[1].rstrip(")"))[0] is severity


DATE_HELP = [
    ("new", False, ["HH:MM", "Part of the incident ID"]),
    ("edit", True, ["part of the incident ID", "download its Markdown", "Incident ID line", "Import page"]),
]


@pytest.mark.parametrize(("case", "locked", "words"), DATE_HELP, ids=[c[0] for c in DATE_HELP])
def test_postmortem_form_date_help_explains_the_lock(open_page, app_engine, case, locked, words):
    if locked:
        stored = create_postmortem(app_engine, seed_postmortem())
        at = open_page(FORM, id=stored.incident_id)
        field = at.date_input(key=f"pm.{stored.incident_id}.0.incident_date")
        assert any("Locked: part of the incident ID" in c.value for c in at.caption)
    else:
        at = open_page(FORM)
        field = at.date_input(key="pm.new.0.incident_date")
    assert field.disabled is locked
    for word in words:
        assert word in field.help
