"""The action-item tracker page."""

from __future__ import annotations

from datetime import date

import pytest

from core.action_items import ActionFilter, list_action_items
from core.postmortem import ActionItem, Priority
from core.services import create_postmortem, delete_postmortem
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture
from tests.core.factories import seed_postmortem

PAGE = "pages/action_items.py"


def test_action_items_page_lists_and_counts_like_the_database(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Matching"] == str(len(list_action_items(app_engine, ActionFilter(open_only=True), now=NOW)))
    assert (metrics["Matching"], metrics["Done"], metrics["Open"]) == ("3", "0", "3")  # open items by default
    at.checkbox(key="ai_open").uncheck().run()
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
    assert any("verification\\_note" in e.value for e in at.error)  # field names are escaped Markdown
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


def _add_button(at):  # type: ignore[no-untyped-def]
    return [b for b in at.button if b.label == "Add action item"][0]


def _text(at, label):  # type: ignore[no-untyped-def]
    return [t for t in at.text_input if t.label == label][0]


@pytest.mark.parametrize(
    ("page_size", "page", "caption"),
    [
        (25, 1, "Showing 1–25 of 30"),
        (25, 2, "Showing 26–30 of 30"),
        (100, 1, "Showing 1–30 of 30"),
    ],
)
def test_action_items_page_shows_one_page_with_counts_from_sql(open_page, app_engine, page_size, page, caption):
    items = [ActionItem(f"Item {n:02d}", Priority.P1, "SRE", date(2026, 2, 1 + n % 27)) for n in range(30)]
    create_postmortem(app_engine, seed_postmortem(action_items=items, signoffs=[]))
    at = open_page(PAGE)
    at.selectbox(key="ai_page_size").set_value(page_size).run()
    at.number_input(key="ai_page").set_value(page).run()
    assert any(c.value.startswith(caption) for c in at.caption), [c.value for c in at.caption]
    assert len(at.data_editor[0].value) == min(page_size, 30 - (page - 1) * page_size)
    assert not at.exception


def test_action_items_page_incident_pickers_search_every_incident(open_page, seeded, app_engine):  # noqa: F811
    other = create_postmortem(app_engine, seed_postmortem(incident_date=date(2025, 3, 2), title="Checkout queue",
                                                          signoffs=[])).incident_id
    at = open_page(PAGE)
    at.text_input(key="ai_add_incident_search").input("checkout").run()
    assert at.selectbox(key="ai_add_pick").options == [f"{other} · Checkout queue"]
    at.text_input(key="ai_incident_search").input(other).run()
    at.multiselect(key="ai_incident").select(other).run()
    assert {m.label: m.value for m in at.metric}["Matching"] == "2"
    assert not at.exception


def test_action_items_page_add_to_a_deleted_incident_is_a_message_and_keeps_input(open_page, seeded,  # noqa: F811
                                                                                  app_engine):
    at = open_page(PAGE)
    _text(at, "Action").input("Add SMART alerts")
    _text(at, "Owner").input("DevOps")
    delete_postmortem(app_engine, seeded.incident_id)  # someone else deletes it meanwhile
    _add_button(at).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("no incident" in e.value for e in at.error)
    assert _text(at, "Action").value == "Add SMART alerts"


def test_action_items_page_error_messages_escape_user_text(open_page, seeded):  # noqa: F811
    at = open_page(PAGE)
    _text(at, "Action").input("Add SMART alerts")
    _text(at, "Owner").input("**[Robin](http://x)**")
    _add_button(at).click().run()
    [message] = [e.value for e in at.error if "unknown owner" in e.value]
    assert "\\*\\*\\[Robin\\]" in message and "**[Robin]" not in message
