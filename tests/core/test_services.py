"""Post-mortem services against a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.database import unit_of_work
from core.errors import ConflictError, DuplicateIncidentError, NotFoundError, ValidationError
from core.orm import ActionItemRow, IncidentRow, TimelineRow
from core.postmortem import ActionItem, ActionStatus, Anchor, Attachment, Priority, TimelineEvent
from core.services import (
    IncidentFilter,
    count_incidents,
    create_postmortem,
    delete_postmortem,
    get_postmortem,
    link_repeat,
    search_incidents,
    update_postmortem,
)
from tests.core.factories import seed_postmortem


def _row_count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_services_create_assigns_id_and_round_trips_every_field(engine):
    stored = create_postmortem(engine, seed_postmortem())
    assert stored.incident_id == "INC-2026-01-30-001"
    assert stored.version == 1
    loaded = get_postmortem(engine, stored.incident_id)
    expected = seed_postmortem()
    for name in ("title", "severity", "reporter", "summary", "executive_summary", "category", "cause", "impact",
                 "rto_met", "rpo_met", "whys", "root_cause", "contributing_factors", "went_well", "could_improve",
                 "lessons", "attachments", "signoffs"):
        assert getattr(loaded, name) == getattr(expected, name), name
    assert [(e.time, e.event, e.owner, e.kind) for e in loaded.timeline] == \
        [(e.time, e.event, e.owner, e.kind) for e in expected.timeline]
    assert [(a.number, a.action, a.priority, a.owner, a.due_date) for a in loaded.action_items] == [
        (1, "Implement disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15)),
        (2, "Update DR runbooks", Priority.P1, "SRE", date(2026, 2, 10)),
    ]
    assert loaded.ttd == timedelta(minutes=5)
    assert loaded.ttr == timedelta(minutes=75)
    assert loaded.action_items_completed == (0, 2)


def test_services_ids_count_up_per_day(engine):
    ids = [create_postmortem(engine, seed_postmortem()).incident_id for _ in range(3)]
    other = create_postmortem(engine, seed_postmortem(incident_date=date(2026, 1, 31))).incident_id
    assert ids == ["INC-2026-01-30-001", "INC-2026-01-30-002", "INC-2026-01-30-003"]
    assert other == "INC-2026-01-31-001"


def test_services_concurrent_creations_on_one_day_get_distinct_ids(engine):
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def create() -> None:
        try:
            barrier.wait()
            results.append(create_postmortem(engine, seed_postmortem()).incident_id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [f"INC-2026-01-30-00{i}" for i in range(1, 5)]


def test_services_stale_update_is_refused_and_not_applied(engine):
    stored = create_postmortem(engine, seed_postmortem())
    first = get_postmortem(engine, stored.incident_id)
    second = get_postmortem(engine, stored.incident_id)
    first.title = "First writer's title"
    update_postmortem(engine, first)
    second.title = "Second writer's title"
    with pytest.raises(ConflictError) as info:
        update_postmortem(engine, second)
    assert "changed by someone else" in str(info.value)
    assert info.value.expected == 1 and info.value.actual == 2
    assert get_postmortem(engine, stored.incident_id).title == "First writer's title"


def test_services_update_keeps_action_item_keys_and_bumps_version(engine):
    stored = create_postmortem(engine, seed_postmortem())
    keys = [a.id for a in stored.action_items]
    stored.action_items[0].status = ActionStatus.DONE
    stored.action_items[0].completed_on = date(2026, 2, 3)
    stored.action_items.append(ActionItem("Add automated user notifications", Priority.P2, "Product"))
    updated = update_postmortem(engine, stored)
    assert updated.version == 2
    assert [a.id for a in updated.action_items][:2] == keys
    assert [a.number for a in updated.action_items] == [1, 2, 3]
    assert updated.action_items_completed == (1, 3)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda pm: setattr(pm, "title", "   "), "title"),
        (lambda pm: setattr(pm, "severity", "SEV9"), "severity"),
        (lambda pm: setattr(pm.action_items[0], "priority", "P7"), "action_items[0].priority"),
        (lambda pm: setattr(pm.action_items[1], "due_date", date(2026, 1, 1)), "action_items[1].due_date"),
        (lambda pm: pm.attachments.append(Attachment("logs", "ftp://logs.example.com/x")), "attachments[1].url"),
        (lambda pm: pm.attachments.append(Attachment("logs", "javascript:alert(1)")), "attachments[1].url"),
        (lambda pm: setattr(pm, "executive_summary", "x" * 5_000_000), "executive_summary"),
        (lambda pm: setattr(pm.timeline[1], "time", datetime(2026, 1, 30, 7, 0)), "timestamps.detected"),
        (lambda pm: pm.timestamps.update({Anchor.RESOLVED: datetime(2026, 1, 30, 8, 1)}), "timestamps.resolved"),
        (lambda pm: setattr(pm, "incident_id", "INC-2026-1-30-1"), "incident_id"),
        (lambda pm: setattr(pm, "incident_id", "INC-2026-02-01-001"), "incident_id"),
        (lambda pm: pm.timeline.append(TimelineEvent(datetime(2026, 1, 30, 10), "  ")), "timeline[4].event"),
        (lambda pm: setattr(pm.action_items[0], "verified_effective", "yes"), "action_items[0].verified_effective"),
    ],
    ids=["empty-title", "unknown-severity", "unknown-priority", "due-before-incident", "ftp-link",
         "javascript-link", "5MB-field", "detected-before-impact", "resolved-before-detected", "malformed-id",
         "id-date-mismatch", "empty-timeline-event", "verified-before-done"],
)
def test_services_bad_input_names_the_field_and_writes_nothing(engine, change, field):
    pm = seed_postmortem()
    change(pm)
    with pytest.raises(ValidationError) as info:
        create_postmortem(engine, pm)
    assert field in [p.field for p in info.value.problems], info.value.problems
    assert _row_count(engine, IncidentRow) == 0
    assert _row_count(engine, TimelineRow) == 0


def test_services_duplicate_incident_id_is_refused(engine):
    create_postmortem(engine, seed_postmortem(incident_id="INC-2026-01-30-001"))
    with pytest.raises(DuplicateIncidentError, match="INC-2026-01-30-001"):
        create_postmortem(engine, seed_postmortem(incident_id="INC-2026-01-30-001"))
    assert _row_count(engine, IncidentRow) == 1


def test_services_failed_update_leaves_database_unchanged(engine):
    stored = create_postmortem(engine, seed_postmortem())
    stored.title = "Changed"
    stored.action_items[0].due_date = date(2020, 1, 1)
    with pytest.raises(ValidationError):
        update_postmortem(engine, stored)
    loaded = get_postmortem(engine, stored.incident_id)
    assert loaded.title == seed_postmortem().title
    assert loaded.version == 1


def test_services_delete_removes_children(engine):
    stored = create_postmortem(engine, seed_postmortem())
    delete_postmortem(engine, stored.incident_id)
    with pytest.raises(NotFoundError):
        get_postmortem(engine, stored.incident_id)
    assert _row_count(engine, ActionItemRow) == 0


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (IncidentFilter(), ["INC-2026-03-02-001", "INC-2026-02-10-001", "INC-2026-01-30-001"]),
        (IncidentFilter(text="disk"), ["INC-2026-01-30-001"]),
        (IncidentFilter(text="DNS"), ["INC-2026-02-10-001"]),
        (IncidentFilter(text="100%"), []),
        (IncidentFilter(severities=["SEV2"]), ["INC-2026-03-02-001", "INC-2026-02-10-001"]),
        (IncidentFilter(categories=["network"]), ["INC-2026-02-10-001"]),
        (IncidentFilter(statuses=["in_review"]), ["INC-2026-03-02-001"]),
        (IncidentFilter(services=["orders-db"]), ["INC-2026-01-30-001"]),
        (IncidentFilter(date_from=date(2026, 2, 1), date_to=date(2026, 2, 28)), ["INC-2026-02-10-001"]),
    ],
    ids=["all", "text", "text-case", "text-wildcard-escaped", "severity", "category", "status", "service",
         "date-range"],
)
def test_services_search_filters(engine, flt, expected):
    create_postmortem(engine, seed_postmortem())
    create_postmortem(engine, seed_postmortem(title="DNS resolution failures", incident_date=date(2026, 2, 10),
                                              signoffs=[], action_items=[], severity="SEV2", category="network", executive_summary="", summary="",
                                              impact=replace(seed_postmortem().impact, services_affected=["dns"])))
    create_postmortem(engine, seed_postmortem(title="Queue backlog", incident_date=date(2026, 3, 2), severity="SEV2",
                                              signoffs=[], action_items=[],
                                              category="queue", status="in_review", executive_summary="", summary="",
                                              impact=replace(seed_postmortem().impact, services_affected=["q"])))
    assert [s.incident_id for s in search_incidents(engine, flt)] == expected
    assert count_incidents(engine, flt) == len(expected)


def test_services_search_counts_action_items_and_repeat_links(engine):
    first = create_postmortem(engine, seed_postmortem())
    second = create_postmortem(engine, seed_postmortem(incident_date=date(2026, 2, 10), signoffs=[],
                                                         action_items=[]))
    link_repeat(engine, second.incident_id, first.incident_id)
    rows = {s.incident_id: s for s in search_incidents(engine)}
    assert rows[second.incident_id].repeat_of == first.incident_id
    assert (rows[first.incident_id].actions_done, rows[first.incident_id].actions_total) == (0, 2)
    assert get_postmortem(engine, second.incident_id).repeat_of == first.incident_id
