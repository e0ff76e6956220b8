"""The action-item tracker page."""

from __future__ import annotations

from core.action_items import ActionFilter, list_action_items
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture

PAGE = "pages/action_items.py"


def test_action_items_page_lists_and_counts_like_the_database(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Matching"] == str(len(list_action_items(app_engine, now=NOW))) == "4"
    assert metrics["Done"] == "1" and metrics["Open"] == "3"
    at.checkbox(key="ai_overdue").check().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Matching"] == str(len(list_action_items(app_engine, ActionFilter(overdue=True), now=NOW))) == "1"
    at.multiselect(key="ai_owner").select("DevOps").run()
    assert {m.label: m.value for m in at.metric}["Matching"] == "0"
    assert not at.exception


def test_action_items_page_weekly_review(open_page, seeded):  # noqa: F811
    at = open_page(PAGE)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Overdue"], metrics["Overdue P1"], metrics["Overdue P0"]) == ("1", "1", "0")
    assert any("Due in the next 7 days" in s.value for s in at.subheader)


def test_action_items_page_verify_requires_a_note_then_records(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE)
    at.radio[0].set_value("no")
    verify_form_button = [b for b in at.button if b.label == "Record verification"][0]
    verify_form_button.click().run()
    assert any("verification_note" in e.value for e in at.error)
    at.text_area[0].input("Config drifted again within a week")
    [b for b in at.button if b.label == "Record verification"][0].click().run()
    assert not at.error
    [done] = list_action_items(app_engine, ActionFilter(statuses=["Done"]), now=NOW)
    assert (done.verified_effective, done.verification_note) == ("no", "Config drifted again within a week")


def test_action_items_page_add_item_uses_default_due_date_and_names_bad_owner(open_page, seeded,  # noqa: F811
                                                                             app_engine):
    at = open_page(PAGE)
    action = [t for t in at.text_input if t.label == "Action"][0]
    owner = [t for t in at.text_input if t.label == "Owner"][0]
    action.input("Add SMART alerts")
    owner.input("devop")
    [b for b in at.button if b.label == "Add action item"][0].click().run()
    assert any("did you mean DevOps" in e.value for e in at.error)
    assert [t for t in at.text_input if t.label == "Action"][0].value == "Add SMART alerts"  # kept
    [t for t in at.text_input if t.label == "Owner"][0].input("devops")
    [b for b in at.button if b.label == "Add action item"][0].click().run()
    assert any("due 2026-02-26" in s.value for s in at.success)  # P1 default: 14-day sprint from 2026-02-12
    assert len(list_action_items(app_engine, now=NOW)) == 5
