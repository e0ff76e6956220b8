"""The post-mortem form in AppTest: complete saves, edits, every kind of bad input, stale saves."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from core.errors import NotFoundError
from core.postmortem import ActionStatus, Anchor, PostMortem, ReviewStatus
from core.services import create_postmortem, get_postmortem, update_postmortem
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


def test_postmortem_form_suggests_due_date_from_category(open_page, app_engine):
    at = open_page(FORM)
    at.text_input(key="pm.new.0.title").set_value("Disk failure")
    at.date_input(key="pm.new.0.incident_date").set_value(date(2026, 1, 30))
    at.session_state["pm.new.0.action_items"] = added(
        [{"priority": "P1", "action": "Add disk alerts", "status": "Open", "category": "Monitoring"}]
    )
    click(at, "Save")
    assert not at.error, _errors(at)
    assert "suggested from the category" in at.success[0].value
    assert get_postmortem(app_engine, "INC-2026-01-30-001").action_items[0].due_date == date(2026, 2, 6)


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
