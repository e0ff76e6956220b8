"""DR-plan triggers, tasks, DR tests and the annual DR-plan review."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.annual_review import get_annual_review, save_annual_review
from core.dr_plan import Trigger, apply_triggers, list_tasks, record_dr_test, task_counts, update_task
from core.errors import StaleEditError, ValidationError
from core.postmortem import Severity
from core.services import create_postmortem, delete_postmortem
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 10, 8)


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        (Severity.SEV1, {("every_incident", "Incident Commander", date(2026, 2, 13)),
                         ("post_major_incident", "SRE", date(2026, 3, 1)),
                         ("quarterly", "Infrastructure Lead", date(2026, 3, 31))}),
        (Severity.SEV2, {("every_incident", "Incident Commander", date(2026, 2, 13)),
                         ("post_major_incident", "SRE", date(2026, 3, 1)),
                         ("quarterly", "Infrastructure Lead", date(2026, 3, 31))}),
        (Severity.SEV3, {("every_incident", "Incident Commander", date(2026, 2, 13)),
                         ("quarterly", "Infrastructure Lead", date(2026, 3, 31))}),
    ],
)
def test_dr_plan_triggers_create_tasks_with_owner_roles(engine, severity, expected):
    pm = create_postmortem(engine, seed_postmortem(severity=severity), now=NOW)  # the incident's own tasks
    apply_triggers(engine, now=NOW)  # the quarterly review
    created = list_tasks(engine)
    assert {(t.trigger.value, t.owner_role, t.due_date) for t in created} == expected
    assert all(t.incident_id == pm.incident_id for t in created if t.trigger is not Trigger.QUARTERLY)
    assert apply_triggers(engine, now=NOW) == []  # idempotent
    assert len(list_tasks(engine)) == len(expected)


def test_dr_plan_quarterly_task_once_per_quarter(engine):
    apply_triggers(engine, now=NOW)
    apply_triggers(engine, now=datetime(2026, 3, 31, 23))
    apply_triggers(engine, now=datetime(2026, 4, 1))
    assert [(t.scope, t.due_date) for t in list_tasks(engine, triggers=["quarterly"])] == [
        ("2026-Q1", date(2026, 3, 31)), ("2026-Q2", date(2026, 6, 30))]
    apply_triggers(engine, now=datetime(2026, 11, 2))
    assert list_tasks(engine, triggers=["quarterly"])[-1].due_date == date(2026, 12, 31)


def test_dr_plan_failed_test_creates_emergency_update_at_once(engine):
    assert record_dr_test(engine, date(2026, 2, 9), True, "", now=NOW) == [
        t for t in list_tasks(engine) if t.trigger is Trigger.QUARTERLY]
    [task] = record_dr_test(engine, date(2026, 2, 9), False, "restore exceeded RTO", now=NOW)
    assert (task.trigger, task.owner_role, task.due_date, task.scope) == (Trigger.FAILED_TEST, "DevOps",
                                                                          date(2026, 2, 10), "test-2")
    assert apply_triggers(engine, now=NOW) == []


@pytest.mark.parametrize(
    ("tested_on", "passed", "notes", "field"),
    [(date(2026, 2, 11), True, "", "tested_on"), (date(2026, 2, 9), False, " ", "notes")],
)
def test_dr_plan_bad_test_records_are_named(engine, tested_on, passed, notes, field):
    with pytest.raises(ValidationError) as err:
        record_dr_test(engine, tested_on, passed, notes, now=NOW)
    assert [p.field for p in err.value.problems] == [field]


def test_dr_plan_task_status_and_counts(engine):
    create_postmortem(engine, seed_postmortem(), now=datetime(2026, 2, 20))
    apply_triggers(engine, now=datetime(2026, 2, 20))
    tasks = {t.trigger: t for t in list_tasks(engine)}
    done = update_task(engine, tasks[Trigger.EVERY_INCIDENT].id, "Done", "runbook v3", now=datetime(2026, 2, 20))
    assert (done.status, done.done_at, done.note) == ("Done", datetime(2026, 2, 20), "runbook v3")
    counts = task_counts(engine, now=datetime(2026, 3, 2))
    assert counts["every_incident"] == {"open": 0, "overdue": 0, "done": 1}
    assert counts["post_major_incident"] == {"open": 1, "overdue": 1, "done": 0}
    reopened = update_task(engine, done.id, "open", now=datetime(2026, 2, 21))
    assert (reopened.status, reopened.done_at) == ("Open", None)
    with pytest.raises(ValidationError):
        update_task(engine, done.id, "Finished", now=NOW)


def test_dr_plan_tasks_go_with_their_incident(engine):
    pm = create_postmortem(engine, seed_postmortem(), now=NOW)
    apply_triggers(engine, now=NOW)
    delete_postmortem(engine, pm.incident_id)
    assert [t.trigger for t in list_tasks(engine)] == [Trigger.QUARTERLY]


def test_dr_plan_annual_review_checklist_round_trip_and_conflict(engine):
    create_postmortem(engine, seed_postmortem(rto_met=False))
    empty = get_annual_review(engine, 2026)
    assert (empty.checklist, empty.incidents, empty.rto_missed, empty.due) == (
        {"runbooks": False, "rto_rpo": False, "contacts": False, "training": False}, 1, 1, date(2026, 12, 31))
    saved = save_annual_review(engine, 2026, {"runbooks": True, "contacts": True}, "Infra Lead", read_at=None,
                               now=NOW)
    assert saved.checklist == {"runbooks": True, "rto_rpo": False, "contacts": True, "training": False}
    assert not saved.complete
    with pytest.raises(StaleEditError):
        save_annual_review(engine, 2026, {"training": True}, "Someone", read_at=None, now=NOW)
    done = save_annual_review(engine, 2026, dict.fromkeys(saved.checklist, True), "Infra Lead",
                              read_at=saved.updated_at, now=NOW)
    assert done.complete


@pytest.mark.parametrize(
    ("year", "checklist", "reviewer", "field"),
    [(2027, {}, "", "year"), (2026, {"coffee": True}, "x", "checklist"), (2026, {"runbooks": True}, " ", "reviewer")],
)
def test_dr_plan_annual_review_rejects_bad_input(engine, year, checklist, reviewer, field):
    with pytest.raises(ValidationError) as err:
        save_annual_review(engine, year, checklist, reviewer, read_at=None, now=NOW)
    assert [p.field for p in err.value.problems] == [field]
