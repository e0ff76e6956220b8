"""Review cadence from the resolution time, and the cross-incident "reviews due" list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from core.action_edits import diff_edits, update_action_items
from core.action_items import list_action_items
from core.cadence import Step, StepState, incident_cadence, mark_step_done, reviews_due, reviews_due_counts
from core.errors import NotFoundError, ValidationError
from core.postmortem import ActionItem, ActionStatus, Anchor, Priority, TimelineEvent
from core.services import create_postmortem
from tests.core.factories import seed_postmortem

RESOLVED = datetime(2026, 1, 30, 9, 15)  # the seed incident's "Service fully restored"


@pytest.mark.parametrize(
    ("step", "opens", "due"),
    [
        (Step.COOL_DOWN, RESOLVED, RESOLVED + timedelta(hours=24)),
        (Step.DATA_COLLECTION, RESOLVED + timedelta(hours=24), RESOLVED + timedelta(hours=48)),
        (Step.MEETING, RESOLVED + timedelta(hours=24), RESOLVED + timedelta(hours=48)),
        (Step.ACTION_ITEMS, RESOLVED + timedelta(days=1), RESOLVED + timedelta(days=30)),
        (Step.FOLLOW_UP_30, RESOLVED + timedelta(days=23), datetime(2026, 3, 1, 9, 15)),
        (Step.REVIEW_90, RESOLVED + timedelta(days=83), datetime(2026, 4, 30, 9, 15)),
    ],
)
def test_cadence_dates_follow_the_resolution_time(engine, step, opens, due):
    pm = create_postmortem(engine, seed_postmortem())
    steps = {s.step: s for s in incident_cadence(engine, pm.incident_id, now=RESOLVED)}
    assert (steps[step].opens_at, steps[step].due_at, steps[step].estimated) == (opens, due, False)


@pytest.mark.parametrize(
    ("now", "states"),
    [
        (RESOLVED + timedelta(hours=1), ["waiting", "upcoming", "upcoming", "upcoming", "upcoming", "upcoming"]),
        (RESOLVED + timedelta(hours=30), ["done", "due", "due", "due", "upcoming", "upcoming"]),
        (RESOLVED + timedelta(hours=48), ["done", "due", "due", "due", "upcoming", "upcoming"]),  # due at 48 h
        (RESOLVED + timedelta(hours=48, seconds=1), ["done", "overdue", "overdue", "due", "upcoming", "upcoming"]),
        (RESOLVED + timedelta(days=25), ["done", "overdue", "overdue", "due", "due", "upcoming"]),
        (RESOLVED + timedelta(days=91), ["done", "overdue", "overdue", "overdue", "overdue", "overdue"]),
    ],
)
def test_cadence_states_at_known_times(engine, now, states):
    pm = create_postmortem(engine, seed_postmortem())
    assert [s.state.value for s in incident_cadence(engine, pm.incident_id, now=now)] == states


def test_cadence_without_resolution_starts_at_midnight_and_is_estimated(engine):
    pm = create_postmortem(engine, seed_postmortem(timeline=[], duration_minutes=30))
    steps = incident_cadence(engine, pm.incident_id, now=datetime(2026, 2, 1))
    assert steps[1].due_at == datetime(2026, 2, 1, 0, 0) and all(s.estimated for s in steps)


def test_cadence_done_dates_are_stored_and_cleared(engine):
    pm = create_postmortem(engine, seed_postmortem())
    now = datetime(2026, 2, 5)
    mark_step_done(engine, pm.incident_id, "postmortem_meeting", done_at=datetime(2026, 1, 31, 14), note="room 4",
                   now=now)
    meeting = {s.step: s for s in incident_cadence(engine, pm.incident_id, now=now)}[Step.MEETING]
    assert (meeting.state, meeting.done_at, meeting.note) == (StepState.DONE, datetime(2026, 1, 31, 14), "room 4")
    mark_step_done(engine, pm.incident_id, Step.MEETING, done_at=None, now=now)
    assert {s.step: s for s in incident_cadence(engine, pm.incident_id, now=now)}[Step.MEETING].state == "overdue"


@pytest.mark.parametrize(
    ("step", "done_at", "field"),
    [
        ("cool_down", datetime(2026, 2, 1), "step"),
        ("tea_break", datetime(2026, 2, 1), "step"),
        ("postmortem_meeting", datetime(2026, 3, 1), "done_at"),  # future
        ("postmortem_meeting", datetime(2026, 1, 1), "done_at"),  # before the incident
    ],
)
def test_cadence_mark_done_rejects_bad_input(engine, step, done_at, field):
    pm = create_postmortem(engine, seed_postmortem())
    with pytest.raises(ValidationError) as err:
        mark_step_done(engine, pm.incident_id, step, done_at=done_at, now=datetime(2026, 2, 5))
    assert field in {p.field for p in err.value.problems}


def test_cadence_unknown_incident_is_not_found(engine):
    with pytest.raises(NotFoundError):
        incident_cadence(engine, "INC-2026-01-01-001", now=RESOLVED)


def test_cadence_action_item_step_is_done_when_every_item_is_closed(engine):
    pm = create_postmortem(engine, seed_postmortem())
    now = datetime(2026, 2, 20)
    items = list_action_items(engine, now=now)
    before = {i.id: {"status": "Open"} for i in items}
    after = {i.id: {"status": "Done"} for i in items}
    update_action_items(engine, diff_edits(before, after, {i.id: i.updated_at for i in items}), now=now)
    step = {s.step: s for s in incident_cadence(engine, pm.incident_id, now=now)}[Step.ACTION_ITEMS]
    assert (step.state, step.done_at) == (StepState.DONE, datetime(2026, 2, 20))
    assert Step.ACTION_ITEMS not in {s.step for s in reviews_due(engine, now=now, within_days=60)}


def test_cadence_reviews_due_across_incidents(engine):
    a = create_postmortem(engine, seed_postmortem()).incident_id  # resolved 2026-01-30 09:15
    late = [TimelineEvent(datetime(2026, 3, 1, 10), "start", kind=Anchor.IMPACT_STARTED),
            TimelineEvent(datetime(2026, 3, 1, 12), "restored", kind=Anchor.RESOLVED)]
    b = create_postmortem(engine, seed_postmortem(incident_date=date(2026, 3, 1), timeline=late, signoffs=[],
                                                  action_items=[ActionItem("x", Priority.P1, "SRE")])).incident_id
    now = datetime(2026, 3, 2, 13)  # b: 25 h after resolution; a: 31 days after
    mark_step_done(engine, a, "data_collection", done_at=datetime(2026, 1, 31), now=now)
    rows = [(s.incident_id, s.step.value, s.state.value) for s in reviews_due(engine, now=now, within_days=0)]
    assert rows == [
        (a, "postmortem_meeting", "overdue"),
        (a, "action_items", "overdue"),
        (a, "followup_30", "overdue"),
        (b, "data_collection", "due"),
        (b, "postmortem_meeting", "due"),
        (b, "action_items", "due"),
    ]
    assert [s.incident_id for s in reviews_due(engine, now=now, within_days=0, since=date(2026, 2, 1))] == [b] * 3
    soon = {(s.incident_id, s.step.value) for s in reviews_due(engine, now=now, within_days=60)}
    assert (a, "review_90") in soon and (b, "followup_30") in soon


def _item(status: ActionStatus, completed_on: date | None = None) -> ActionItem:
    return ActionItem("x", Priority.P1, "SRE", date(2026, 2, 10), status, completed_on=completed_on)


@pytest.mark.parametrize(
    ("items", "done_at"),
    [
        ([_item(ActionStatus.CANCELLED), _item(ActionStatus.CANCELLED)], datetime(2026, 2, 3, 8)),  # last change
        ([_item(ActionStatus.DONE, date(2026, 2, 2)), _item(ActionStatus.CANCELLED)], datetime(2026, 2, 2)),
        ([_item(ActionStatus.DONE, date(2026, 2, 2)), _item(ActionStatus.OPEN)], None),
        ([_item(ActionStatus.BLOCKED)], None),
        ([], None),  # nothing planned yet: the step waits for items
    ],
)
def test_cadence_action_item_step_agrees_with_reviews_due(engine, items, done_at):
    pm = create_postmortem(engine, seed_postmortem(action_items=items), now=datetime(2026, 2, 3, 8))
    now = datetime(2026, 6, 1)  # long after the 30-day due time
    step = {s.step: s for s in incident_cadence(engine, pm.incident_id, now=now)}[Step.ACTION_ITEMS]
    listed = (pm.incident_id, Step.ACTION_ITEMS) in {(s.incident_id, s.step) for s in reviews_due(engine, now=now)}
    assert (step.done_at, step.state is StepState.DONE, listed) == (done_at, done_at is not None, done_at is None)


def _resolved_on(day: date) -> list[TimelineEvent]:
    return [TimelineEvent(datetime.combine(day, datetime.min.time()) + timedelta(hours=9), "restored",
                          kind=Anchor.RESOLVED)]


@pytest.mark.parametrize(
    ("incidents", "expected"),
    [
        # (incident date, resolved that day?) -- the unresolved one starts at 00:00 of its date
        ([(date(2026, 1, 1), False), (date(2026, 1, 10), True), (date(2026, 1, 5), True)], "INC-2026-01-01-001"),
        ([(date(2026, 1, 20), False), (date(2026, 1, 10), True), (date(2026, 1, 5), True)], "INC-2026-01-05-001"),
        ([(date(2026, 1, 5), True), (date(2026, 1, 5), False)], "INC-2026-01-05-002"),  # 00:00 before 09:00
    ],
)
def test_cadence_reviews_due_limit_keeps_the_earliest_cadence_starts(engine, incidents, expected):
    for day, resolved in incidents:
        timeline = _resolved_on(day) if resolved else []
        create_postmortem(engine, seed_postmortem(incident_date=day, timeline=timeline, duration_minutes=30,
                                                  signoffs=[], action_items=[]))
    due = reviews_due(engine, now=datetime(2026, 6, 1), limit=1)  # one incident per step, then one step
    assert [(s.incident_id, s.step) for s in due] == [(expected, Step.DATA_COLLECTION)]


@pytest.mark.parametrize(
    ("now", "within_days", "since"),
    [
        (datetime(2026, 1, 3), 0, None),  # exactly 48 h after 00:00 of 2026-01-01: due, not yet overdue
        (datetime(2026, 1, 3, 0, 0, 1), 0, None),
        (datetime(2026, 1, 6, 9, 0), 0, None),  # exactly 48 h after the resolved one
        (datetime(2026, 1, 20), 30, None),
        (datetime(2026, 6, 1), 7, date(2026, 1, 4)),
    ],
)
def test_cadence_reviews_due_counts_agree_with_the_whole_list(engine, now, within_days, since):
    for day, resolved in [(date(2026, 1, 1), False), (date(2026, 1, 4), True), (date(2026, 1, 10), False)]:
        timeline = _resolved_on(day) if resolved else []
        create_postmortem(engine, seed_postmortem(incident_date=day, timeline=timeline, duration_minutes=30,
                                                  signoffs=[], action_items=[]))
    listed = reviews_due(engine, now=now, within_days=within_days, since=since, limit=None)
    overdue = sum(s.state is StepState.OVERDUE for s in listed)
    assert reviews_due_counts(engine, now=now, within_days=within_days, since=since) == (len(listed), overdue)
    first = reviews_due(engine, now=now, within_days=within_days, since=since, limit=1)
    assert first == listed[:1]
