"""Sample follow-up work per incident: review-cadence done dates, DR-plan tasks, the communication checklist,
and the plan of stored 30-day / 90-day follow-up reviews (written at the end, see core/demo_reviews.py).

Steps, due times and keys come from core/cadence.py, core/dr_plan.py and core/communication.py. Older
incidents have most steps done on time, some late and a few never; recent ones are pending. The action-item
step has no row: core/cadence.py derives it from the action items.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.cadence import ACTIONABLE, RULES, Step, start_of
from core.communication import KEYS as COMMUNICATION_KEYS
from core.demo_incident import IncidentRows
from core.demo_vocabulary import COMMUNICATION_NOTES, DR_TASK_NOTES, REVIEWERS
from core.dr_plan import MAJOR_SEVERITIES, OWNER_ROLES, TaskStatus, Trigger
from core.followup import ReviewKind
from core.postmortem import ActionCategory, ReviewStatus

RECORDED_STEPS = tuple(s for s in ACTIONABLE if s is not Step.ACTION_ITEMS)
REVIEW_KINDS = {k.step: k for k in ReviewKind}
WRITTEN_REVIEW_SHARE = 0.6  # major incidents whose follow-ups are written down in the review form
_AFTER_MEETING = (Step.MEETING, Step.FOLLOW_UP_30, Step.REVIEW_90)
# Days after sign-off by which a checklist item is done, and how likely it is done at all (major, other).
_COMMUNICATION = {
    "team_meeting": ((0, 7), 0.95, 0.95), "wiki": ((1, 14), 0.9, 0.8), "onboarding": ((7, 45), 0.6, 0.25),
    "status_page": ((0, 3), 0.9, 0.0), "customer": ((1, 5), 0.7, 0.0), "blog_post": ((14, 40), 0.25, 0.0),
}


@dataclass(frozen=True)
class PlannedReview:
    """A follow-up review to store once every incident exists (its figures look at later incidents)."""

    kind: ReviewKind
    reviewer: str
    reviewed_at: datetime


def incident_dr_tasks(incident_id: str, title: str, severity: str,
                      day: date) -> list[tuple[Trigger, str, date]]:
    """(trigger, action, due date) of the tasks ``apply_triggers`` creates for one incident.

    core/dr_plan.py keeps these rules inside its ORM trigger run, which is too slow for bulk data (about a
    fifth of a second per thousand incidents); the demo tests check that this helper and ``apply_triggers``
    agree.
    """
    tasks = [(Trigger.EVERY_INCIDENT, f"Review and update the runbook relevant to {incident_id} ({title})",
              day + ActionCategory.DOCUMENTATION.typical_timeline)]
    if severity in MAJOR_SEVERITIES:
        drill = f"Schedule an additional DR drill after {severity} {incident_id}"
        tasks.append((Trigger.MAJOR_INCIDENT, drill, day + timedelta(days=30)))
    return tasks


def _minutes(delta: timedelta) -> timedelta:
    return timedelta(minutes=max(0, int(delta.total_seconds() // 60)))


def step_done_at(rng: random.Random, opens: datetime, due: datetime, now: datetime,
                 progress: float) -> datetime | None:
    """When a step was done, or None: past-due steps mostly on time, some late, a few never; open ones
    done with the share of their window that has passed."""
    if due <= now:
        if rng.random() < 0.03 - 0.02 * progress:
            return None
        if rng.random() < 0.15 - 0.08 * progress:
            done = due + _minutes(timedelta(days=rng.lognormvariate(math.log(3.0), 0.8)))
        else:
            done = opens + _minutes((due - opens) * rng.random())
        return done if done < now else None
    if opens >= now:
        return None
    if rng.random() < 0.8 * (now - opens) / (due - opens):
        return opens + _minutes((now - opens) * rng.random())
    return None


def _review_steps(rng: random.Random, rows: IncidentRows, now: datetime,
                  progress: float) -> list[PlannedReview]:
    incident = rows.incident
    start, _ = start_of(incident["resolved_at"], incident["incident_date"])
    draft = incident["status"] == ReviewStatus.DRAFT.value
    written = incident["severity"] in MAJOR_SEVERITIES and rng.random() < WRITTEN_REVIEW_SHARE
    planned, previous = [], None
    for step in RECORDED_STEPS:
        rule = RULES[step]
        done = step_done_at(rng, start + rule.opens, start + rule.due, now, progress)
        if done is None or (draft and step in _AFTER_MEETING):
            continue
        if step is Step.MEETING and previous is not None:
            done = max(done, previous)  # the meeting uses the collected data
        previous = done
        note = ""
        kind = REVIEW_KINDS.get(step)
        if kind is not None and written:  # most major incidents get the written follow-up review form
            reviewer = REVIEWERS[rng.randrange(len(REVIEWERS))]
            planned.append(PlannedReview(kind, reviewer, done))
            note = f"{kind.value} review by {reviewer}"
        rows.review_steps.append({"incident_pk": None, "step": step.value, "done_at": done, "note": note})
    return planned


def _dr_tasks(rng: random.Random, rows: IncidentRows, now: datetime, progress: float) -> None:
    incident = rows.incident
    created = incident["created_at"]
    for trigger, action, due in incident_dr_tasks(incident["incident_id"], incident["title"],
                                                  incident["severity"], incident["incident_date"]):
        deadline = datetime.combine(due, time(17))
        done = step_done_at(rng, created, max(deadline, created + timedelta(hours=1)), now, progress)
        status = TaskStatus.DONE if done else (
            TaskStatus.IN_PROGRESS if rng.random() < 0.4 else TaskStatus.OPEN)
        notes = DR_TASK_NOTES[trigger.value]
        rows.dr_tasks.append({
            "trigger": trigger.value, "scope": incident["incident_id"], "incident_pk": None,
            "action": action, "owner_role": OWNER_ROLES[trigger], "due_date": due, "status": status.value,
            "created_at": created, "done_at": done, "note": notes[rng.randrange(len(notes))] if done else "",
        })


def _communications(rng: random.Random, rows: IncidentRows, end: date) -> None:
    incident = rows.incident
    if incident["status"] not in (ReviewStatus.SIGNED_OFF.value, ReviewStatus.CLOSED.value):
        return
    signed = max(s["date"] for s in rows.signoffs if s["date"] is not None)
    major = incident["severity"] in MAJOR_SEVERITIES
    customer_facing = major or incident["detection_method"] == "Customer report"
    for key in COMMUNICATION_KEYS:
        (low, high), if_major, otherwise = _COMMUNICATION[key]
        chance = if_major if (major or (key == "customer" and customer_facing)) else otherwise
        if rng.random() >= chance:
            continue
        done_on = signed + timedelta(days=rng.randint(low, high))
        if done_on >= end:
            continue
        rows.communications.append({
            "incident_pk": None, "item": key, "done": True, "done_on": done_on,
            "note": COMMUNICATION_NOTES[key].format(incident_id=incident["incident_id"].lower()),
        })


def add_followups(rng: random.Random, rows: IncidentRows, *, end: date,
                  progress: float) -> list[PlannedReview]:
    """Fill the cadence, DR-task and communication rows of one incident; returns its planned reviews."""
    now = datetime.combine(end, time())
    planned = _review_steps(rng, rows, now, progress)
    _dr_tasks(rng, rows, now, progress)
    _communications(rng, rows, end)
    return planned
