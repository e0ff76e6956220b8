"""Action-item tracker: default due dates, filters and counts, inline edits, verification, weekly review."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from core.action_edits import NewActionItem, add_action_item, diff_edits, update_action_items, verify_action_item
from core.action_items import ActionFilter, count_by_status, default_due_date, list_action_items, week_bounds
from core.database import unit_of_work
from core.errors import (
    ConflictError,
    NotFoundError,
    StaleEditError,
    UnknownOwnerError,
    ValidationError,
    VerificationBeforeCompletionError,
)
from core.orm import ActionItemRow
from core.postmortem import ActionCategory, ActionItem, ActionStatus, Priority
from core.services import create_postmortem, get_postmortem, update_postmortem
from core.weekly_review import weekly_review
from tests.core.concurrency import hold_first_writer, run_together
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 12, 9, 0)  # a Thursday; ISO week Mon 2026-02-09 .. Sun 2026-02-15


@pytest.mark.parametrize(
    ("category", "priority", "start", "expected"),
    [
        (ActionCategory.IMMEDIATE_FIX, Priority.P0, date(2026, 1, 30), date(2026, 1, 31)),  # Saturday kept: 24 h
        (None, "P0", date(2026, 2, 2), date(2026, 2, 3)),
        (ActionCategory.MONITORING, Priority.P0, date(2026, 2, 2), date(2026, 2, 9)),
        (ActionCategory.MONITORING, Priority.P1, date(2026, 2, 2), date(2026, 2, 16)),  # sprint beats a week
        (ActionCategory.DOCUMENTATION, Priority.P1, date(2026, 2, 2), date(2026, 2, 16)),
        (ActionCategory.AUTOMATION, Priority.P0, date(2026, 2, 2), date(2026, 3, 4)),
        (ActionCategory.AUTOMATION, Priority.P2, date(2026, 2, 2), date(2026, 3, 4)),  # 30 days > 28
        (ActionCategory.ARCHITECTURE, Priority.P1, date(2026, 2, 2), date(2026, 5, 4)),  # 90 days, a Sunday->Mon
        (ActionCategory.IMMEDIATE_FIX, Priority.P2, date(2026, 2, 2), date(2026, 3, 2)),
        ("monitoring", "p1", date(2026, 2, 4), date(2026, 2, 18)),
        (None, Priority.P1, date(2026, 1, 30), date(2026, 2, 13)),
        (None, Priority.P1, date(2026, 1, 31), date(2026, 2, 16)),  # Saturday + 14 = Saturday -> Monday
    ],
)
def test_action_items_default_due_date_table(category, priority, start, expected):
    assert default_due_date(category, priority, start, 14) == expected


def test_action_items_default_due_date_uses_sprint_length():
    assert default_due_date(None, Priority.P2, date(2026, 2, 2), 7) == date(2026, 2, 16)
    assert default_due_date(None, Priority.P1, date(2026, 2, 2), 10) == date(2026, 2, 12)


@pytest.mark.parametrize(("category", "priority"), [("Wishful", "P1"), (None, "P9"), ("Monitoring", "")])
def test_action_items_default_due_date_rejects_unknown_values(category, priority):
    with pytest.raises(ValidationError):
        default_due_date(category, priority, date(2026, 2, 2), 14)


def test_action_items_week_bounds_are_iso_monday_to_sunday():
    assert week_bounds(NOW) == (date(2026, 2, 9), date(2026, 2, 15))
    assert week_bounds(datetime(2026, 2, 15, 23, 59)) == (date(2026, 2, 9), date(2026, 2, 15))
    assert week_bounds(datetime(2026, 2, 16, 0, 0)) == (date(2026, 2, 16), date(2026, 2, 22))


def _items() -> list[ActionItem]:
    return [
        ActionItem("Disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15),
                   category=ActionCategory.MONITORING),
        ActionItem("Update DR runbooks", Priority.P1, "SRE", date(2026, 2, 10), category=ActionCategory.DOCUMENTATION),
        ActionItem("User notifications", Priority.P2, "Product", date(2026, 2, 28), category=ActionCategory.AUTOMATION),
        ActionItem("Patch config", Priority.P0, "DevOps", date(2026, 2, 11), ActionStatus.DONE,
                   ActionCategory.IMMEDIATE_FIX, completed_on=date(2026, 2, 1)),
        ActionItem("Old overdue, cancelled", Priority.P1, "SRE", date(2026, 2, 2), ActionStatus.CANCELLED),
        ActionItem("Blocked redesign", Priority.P1, "SRE", date(2026, 2, 5), ActionStatus.BLOCKED,
                   ActionCategory.ARCHITECTURE),
    ]


@pytest.fixture
def stored(engine):
    first = create_postmortem(engine, seed_postmortem(action_items=_items()), now=datetime(2026, 2, 1))
    second = create_postmortem(engine, seed_postmortem(incident_date=date(2026, 2, 3), incident_commander="Ann Lee",
                                                       signoffs=[],
                                                       timeline=[], action_items=[
                                                           ActionItem("Add alert", Priority.P1, "Ann Lee",
                                                                      date(2026, 2, 13))]),
                               now=datetime(2026, 2, 3))
    return engine, first, second


@pytest.mark.parametrize(
    ("flt", "expected_actions"),
    [
        (ActionFilter(), 7),
        (ActionFilter(owners=["devops"]), ["Patch config", "Disk health monitoring"]),
        (ActionFilter(owners=["SRE", "Ann Lee"], open_only=True), ["Blocked redesign", "Update DR runbooks",
                                                                    "Add alert"]),
        (ActionFilter(statuses=["Done"]), ["Patch config"]),
        (ActionFilter(priorities=["P0"]), ["Patch config", "Disk health monitoring"]),
        (ActionFilter(categories=["Documentation", "Automation"]), ["Update DR runbooks", "User notifications"]),
        (ActionFilter(incidents=["INC-2026-02-03-001"]), ["Add alert"]),
        (ActionFilter(overdue=True), ["Blocked redesign", "Update DR runbooks"]),
        (ActionFilter(due_this_week=True), ["Update DR runbooks", "Patch config", "Add alert",
                                            "Disk health monitoring"]),
        (ActionFilter(due_this_week=True, open_only=True, priorities=["P1"]), ["Update DR runbooks", "Add alert"]),
    ],
)
def test_action_items_filters_match_the_database(stored, flt, expected_actions):
    engine, _, _ = stored
    items = list_action_items(engine, flt, now=NOW)
    if isinstance(expected_actions, int):
        assert len(items) == expected_actions
    else:
        assert [i.action for i in items] == expected_actions
    counts = count_by_status(engine, flt, now=NOW)
    assert sum(counts.values()) == len(items)
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(ActionItemRow)) == 7


def test_action_items_overdue_flag_and_counts(stored):
    engine, _, _ = stored
    overdue = list_action_items(engine, ActionFilter(overdue=True), now=NOW)
    assert all(i.overdue for i in overdue)
    assert count_by_status(engine, ActionFilter(overdue=True), now=NOW) == {"Open": 1, "Blocked": 1}
    # due on D is not overdue on D itself (calendar dates, UTC)
    assert [i.action for i in list_action_items(engine, ActionFilter(overdue=True),
                                                now=datetime(2026, 2, 10, 23, 59))] == ["Blocked redesign"]


def test_action_items_unknown_owner_filter_names_close_spellings(stored):
    engine, _, _ = stored
    with pytest.raises(UnknownOwnerError, match="did you mean DevOps"):
        list_action_items(engine, ActionFilter(owners=["devop"]), now=NOW)


def test_action_items_unknown_filter_values_are_named(stored):
    engine, _, _ = stored
    with pytest.raises(ValidationError) as err:
        list_action_items(engine, ActionFilter(priorities=["P7"], statuses=["Finished"]), now=NOW)
    assert {p.field for p in err.value.problems} == {"priorities", "statuses"}


def _by_action(engine, action):  # type: ignore[no-untyped-def]
    return next(i for i in list_action_items(engine, now=NOW) if i.action == action)


def test_action_items_inline_edit_saves_status_and_owner(stored):
    engine, first, _ = stored
    item = _by_action(engine, "Update DR runbooks")
    before = {item.id: {"status": "Open", "owner": "SRE", "due_date": item.due_date, "priority": "P1"}}
    after = {item.id: {"status": "Done", "owner": "devops", "due_date": item.due_date, "priority": "P1"}}
    changes = diff_edits(before, after, {item.id: item.updated_at})
    assert [c.values for c in changes] == [{"status": "Done", "owner": "devops"}]
    [saved] = update_action_items(engine, changes, now=NOW)
    assert (saved.status, saved.owner, saved.completed_on, saved.updated_at) == ("Done", "DevOps", NOW.date(), NOW)
    assert get_postmortem(engine, first.incident_id).version == first.version + 1


def test_action_items_stale_edit_is_reported_and_nothing_written(stored):
    engine, _, _ = stored
    item = _by_action(engine, "Update DR runbooks")
    update_action_items(engine, diff_edits({item.id: {"owner": "SRE"}}, {item.id: {"owner": "DevOps"}},
                                           {item.id: item.updated_at}), now=NOW)
    with pytest.raises(StaleEditError, match="#2"):
        update_action_items(engine, diff_edits({item.id: {"status": "Open"}}, {item.id: {"status": "Done"}},
                                               {item.id: item.updated_at}), now=NOW)
    assert _by_action(engine, "Update DR runbooks").status == "Open"


def test_action_items_edit_after_form_opened_makes_the_form_conflict(stored):
    engine, first, _ = stored
    form_copy = get_postmortem(engine, first.incident_id)
    item = _by_action(engine, "Update DR runbooks")
    update_action_items(engine, diff_edits({item.id: {"status": "Open"}}, {item.id: {"status": "In Progress"}},
                                           {item.id: item.updated_at}), now=NOW)
    with pytest.raises(ConflictError):
        update_postmortem(engine, form_copy, now=NOW)
    assert _by_action(engine, "Update DR runbooks").status == "In Progress"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"owner": "Nobody Known"}, "owner", "unknown owner"),
        ({"owner": ""}, "owner", "is required"),
        ({"priority": "P5"}, "priority", "unknown value"),
        ({"status": "Finished"}, "status", "unknown value"),
        ({"due_date": date(2026, 1, 1)}, "due_date", "before the incident"),
    ],
)
def test_action_items_bad_inline_values_are_named_per_item(stored, values, field, message):
    engine, _, _ = stored
    item = _by_action(engine, "Update DR runbooks")
    before = {item.id: {k: "x" for k in values}}
    with pytest.raises(ValidationError) as err:
        update_action_items(engine, diff_edits(before, {item.id: values}, {item.id: item.updated_at}), now=NOW)
    [problem] = err.value.problems
    assert problem.field == f"items[{item.id}].{field}" and message in problem.message
    assert _by_action(engine, "Update DR runbooks").updated_at == item.updated_at


def test_action_items_reopening_clears_completion_and_verification(stored):
    engine, _, _ = stored
    done = _by_action(engine, "Patch config")
    verified = verify_action_item(engine, done.id, "yes", "No config drift since", read_at=done.updated_at, now=NOW)
    assert (verified.verified_effective, verified.verification_note) == ("yes", "No config drift since")
    [reopened] = update_action_items(engine, diff_edits({done.id: {"status": "Done"}}, {done.id: {"status": "Open"}},
                                                        {done.id: verified.updated_at}), now=NOW)
    assert (reopened.completed_on, reopened.verified_effective, reopened.verification_note) == (None, "unknown", "")


@pytest.mark.parametrize(
    ("action", "effective", "note", "error"),
    [
        ("Update DR runbooks", "yes", "worked", VerificationBeforeCompletionError),
        ("Patch config", "unknown", "n/a", ValidationError),
        ("Patch config", "no", "  ", ValidationError),
        ("Patch config", "maybe", "hm", ValidationError),
    ],
)
def test_action_items_verification_rejects_bad_input(stored, action, effective, note, error):
    engine, _, _ = stored
    item = _by_action(engine, action)
    with pytest.raises(error):
        verify_action_item(engine, item.id, effective, note, read_at=item.updated_at, now=NOW)
    assert _by_action(engine, action).verified_effective == "unknown"


def test_action_items_verification_of_missing_item_is_not_found(stored):
    with pytest.raises(NotFoundError):
        verify_action_item(stored[0], 999, "yes", "x", read_at=NOW, now=NOW)


def test_action_items_add_uses_default_due_date_and_next_number(stored):
    engine, first, _ = stored
    added = add_action_item(engine, NewActionItem(first.incident_id, "Add SMART alerts", "sre", "P0", "Monitoring"),
                            sprint_days=14, now=NOW)
    assert (added.number, added.owner, added.due_date, added.status) == (7, "SRE", date(2026, 2, 19), "Open")
    new = add_action_item(engine, NewActionItem(first.incident_id, "Train on-call", "Robin New", "P2",
                                                new_owner=True), sprint_days=7, now=NOW)
    assert (new.number, new.owner, new.due_date) == (8, "Robin New", date(2026, 2, 26))


@pytest.mark.parametrize(
    ("new", "error", "fields"),
    [
        (NewActionItem("INC-2026-01-30-001", "x", "Robin New"), UnknownOwnerError, {"owner"}),
        (NewActionItem("INC-2026-01-30-001", "x", "SRE", due_date=date(2026, 1, 29)), ValidationError, {"due_date"}),
        (NewActionItem("INC-2026-01-30-001", "", "", priority="P9"), ValidationError, {"action", "owner", "priority"}),
    ],
)
def test_action_items_add_rejects_bad_input(stored, new, error, fields):
    engine = stored[0]
    with pytest.raises(error) as err:
        add_action_item(engine, new, sprint_days=14, now=NOW)
    assert {p.field for p in err.value.problems} == fields


def test_action_items_concurrent_edits_of_one_item_let_one_win(stored):
    engine, _, _ = stored
    item = _by_action(engine, "Update DR runbooks")
    outcomes: list[str] = []

    def edit(status: str) -> None:
        try:
            update_action_items(engine, diff_edits({item.id: {"status": "Open"}}, {item.id: {"status": status}},
                                                   {item.id: item.updated_at}), now=NOW)
            outcomes.append("ok")
        except (StaleEditError, ConflictError):
            outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(s,)) for s in ("Done", "Blocked")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]


def test_action_items_weekly_review(stored):
    engine, _, _ = stored
    item = _by_action(engine, "User notifications")
    update_action_items(engine, diff_edits({item.id: {"owner": "Product"}}, {item.id: {"owner": "SRE"}},
                                           {item.id: item.updated_at}), now=datetime(2026, 2, 10))
    review = weekly_review(engine, now=NOW)
    assert review.overdue_counts == {"P0": 0, "P1": 2, "P2": 0}
    assert [i.action for i in review.overdue] == ["Blocked redesign", "Update DR runbooks"]
    assert [i.action for i in review.changed] == ["User notifications"]  # others last changed 02-01 and 02-03
    assert [i.action for i in review.due_next] == ["Add alert", "Disk health monitoring"]


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        (3, 0, ["Old overdue, cancelled", "Blocked redesign", "Update DR runbooks"]),
        (3, 3, ["Patch config", "Add alert", "Disk health monitoring"]),
        (3, 6, ["User notifications"]),
        (10, 7, []),
    ],
)
def test_action_items_pages_do_not_overlap(stored, limit, offset, expected):
    engine, _, _ = stored
    every = [i.action for i in list_action_items(engine, now=NOW)]
    page = [i.action for i in list_action_items(engine, now=NOW, limit=limit, offset=offset)]
    assert page == every[offset:offset + limit] == expected


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (10, -1)])
def test_action_items_paging_rejects_bad_bounds(stored, limit, offset):
    engine, _, _ = stored
    with pytest.raises(ValidationError):
        list_action_items(engine, now=NOW, limit=limit, offset=offset)


def test_action_items_concurrent_adds_get_consecutive_numbers(stored, monkeypatch):
    import core.action_edits

    engine, first, _ = stored
    hold_first_writer(monkeypatch, core.action_edits, "people_in")

    def add(action: str):  # type: ignore[no-untyped-def]
        return lambda: add_action_item(engine, NewActionItem(first.incident_id, action, "SRE"), sprint_days=14,
                                       now=NOW)

    assert run_together(add("one"), add("two")) == ["ok", "ok"]
    numbers = sorted(i.number for i in list_action_items(engine, ActionFilter(incidents=[first.incident_id]),
                                                         now=NOW))
    assert numbers == list(range(1, 9))


def test_action_items_add_while_the_post_mortem_is_saved_is_named(stored, monkeypatch):
    import core.action_edits

    engine, first, _ = stored
    hold_first_writer(monkeypatch, core.action_edits, "people_in")
    pm = get_postmortem(engine, first.incident_id)
    pm.title = "Renamed meanwhile"
    outcomes = run_together(
        lambda: add_action_item(engine, NewActionItem(first.incident_id, "one", "SRE"), sprint_days=14, now=NOW),
        lambda: update_postmortem(engine, pm, now=NOW),
    )
    assert all(not o.startswith("raw") for o in outcomes), outcomes
    assert "ok" in outcomes


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (date(2026, 2, 11), ActionStatus.OPEN, True),  # due yesterday (UTC)
        (date(2026, 2, 12), ActionStatus.OPEN, False),  # due today: not yet
        (date(2026, 2, 13), ActionStatus.OPEN, False),
        (date(2026, 2, 11), ActionStatus.IN_PROGRESS, True),
        (date(2026, 2, 11), ActionStatus.BLOCKED, True),
        (date(2026, 2, 11), ActionStatus.DONE, False),
        (date(2026, 2, 11), ActionStatus.CANCELLED, False),
        (None, ActionStatus.OPEN, False),
    ],
)
def test_action_items_overdue_rule_is_the_same_everywhere(engine, due, status, overdue):
    from core.action_items import is_overdue
    from core.completion import overdue_counts
    from core.dr_plan import DrTask, TaskStatus, Trigger
    from core.services import IncidentFilter

    done_on = date(2026, 2, 1) if status is ActionStatus.DONE else None
    create_postmortem(engine, seed_postmortem(action_items=[ActionItem("x", Priority.P1, "SRE", due, status,
                                                                       completed_on=done_on)]))
    [item] = list_action_items(engine, now=NOW)
    flagged = list_action_items(engine, ActionFilter(overdue=True), now=NOW)
    counted = sum(c.count for c in overdue_counts(engine, IncidentFilter(), ["2026-Q1"], today=NOW.date()))
    assert (item.overdue, len(flagged), counted, is_overdue(due, status.value, NOW)) == (
        overdue, int(overdue), int(overdue), overdue)
    task_status = TaskStatus.DONE if status.is_closed else TaskStatus.OPEN
    task = DrTask(1, Trigger.EVERY_INCIDENT, "x", None, "x", "SRE", due, task_status.value, NOW, None, "")
    assert task.overdue(NOW) == overdue
