"""One sample incident as table rows (dicts for executemany), equivalent to what create_postmortem writes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from core.demo_causes import CATEGORIES
from core.demo_repeats import Failure
from core.demo_timeline import draw_timing
from core.demo_vocabulary import (
    COMMUNICATION_LESSONS,
    COULD_IMPROVE,
    DETECTIONS,
    ENGINEERING_MANAGERS,
    GENERIC_ACTIONS,
    PEOPLE,
    PROCESS_LESSONS,
    PRODUCT_MANAGERS,
    REPEAT_FACTOR,
    REPUTATIONAL,
    RESOLUTIONS,
    SERVICES,
    SLOW_DETECTION,
    TEAMS,
    VERIFIED_NO,
    VERIFIED_YES,
    WENT_WELL,
    WENT_WELL_BY_RESOLUTION,
)
from core.postmortem import (
    SIGN_OFF_ROLES,
    ActionCategory,
    ActionStatus,
    Anchor,
    LessonKind,
    ReviewStatus,
)
from core.repository import LESSON_SECTIONS, format_incident_id, quarter_of

SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
SEVERITY_WEIGHTS = (0.04, 0.13, 0.43, 0.40)
SEVERE_WEIGHTS = (0.08, 0.20, 0.42, 0.30)
ITEM_COUNT_WEIGHTS = (4, 10, 18, 33, 35)  # 1..5 action items, about 3.9 on average
PRIORITY_WEIGHTS = {  # P0, P1, P2 by action category
    ActionCategory.IMMEDIATE_FIX: (85, 15, 0), ActionCategory.MONITORING: (35, 55, 10),
    ActionCategory.DOCUMENTATION: (0, 45, 55), ActionCategory.AUTOMATION: (5, 45, 50),
    ActionCategory.ARCHITECTURE: (0, 25, 75),
}
RTO_MINUTES = {"SEV1": 60, "SEV2": 120, "SEV3": 240, "SEV4": 480}
RPO_MINUTES = 15
_WORK_STATES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)
_ANCHOR_COLUMNS = tuple((a, f"{a.value}_at") for a in Anchor)
# Cumulative weights computed once (random.choices would sum them on every call; the draws are the same).
_STATUSES = tuple(ReviewStatus)
_STATUS_CUM = tuple(list(accumulate(w))
                    for w in ((80, 20, 0, 0), (20, 50, 30, 0), (0, 10, 60, 30), (0, 2, 25, 73)))
_OVERDUE_CUM = list(accumulate((35, 40, 25)))
_SEVERITY_CUM, _SEVERE_CUM = list(accumulate(SEVERITY_WEIGHTS)), list(accumulate(SEVERE_WEIGHTS))
_DETECTION_CUM = list(accumulate(d.weight for d in DETECTIONS))  # causes at a provider: any detection
_DETECTION_CUM_OWN = list(accumulate(0.0 if d.vendor else d.weight for d in DETECTIONS))  # no vendor page
_ITEM_COUNT_CUM = list(accumulate(ITEM_COUNT_WEIGHTS))
_PRIORITY_CUM = {kind: list(accumulate(w)) for kind, w in PRIORITY_WEIGHTS.items()}
# A process lesson is the incident's category's own or a generic one, never another category's.
_PROCESS_LESSONS = {c.name: (*c.process_lessons, *PROCESS_LESSONS) for c in CATEGORIES}
STALE_AFTER_DAYS = 60  # open items this long past due are mostly cancelled in the next backlog review
STALE_CANCELLED = 0.7


def natural_duration(seconds: int) -> str:
    """A duration as prose says it: ``43 minutes``, ``1 hour``, ``2 hours 5 minutes``, ``less than a minute``.
    (The template's ``X hours Y minutes`` belongs in the Markdown header's Duration field only.)"""
    hours, minutes = divmod(int(seconds) // 60, 60)
    if hours == minutes == 0:
        return "less than a minute"
    parts = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in ((hours, "hour"), (minutes, "minute")) if n]
    return " ".join(parts)


def lower_first(phrase: str) -> str:
    """``phrase`` to go mid-sentence: its first word lowercased unless that word is a name or an acronym
    (``Rejected API requests`` → ``rejected API requests``; ``TLS failures``, ``orders-db errors`` stay)."""
    first, _, rest = phrase.partition(" ")
    if not first[:1].isupper() or any(c.isupper() for c in first[1:]):
        return phrase
    return first[0].lower() + first[1:] + (" " + rest if rest else "")


@dataclass
class IncidentRows:
    """Rows of one incident; children get ``incident_pk`` once the incident row has its key."""

    incident: dict
    timeline: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    action_items: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    signoffs: list[dict] = field(default_factory=list)
    review_steps: list[dict] = field(default_factory=list)
    communications: list[dict] = field(default_factory=list)
    dr_tasks: list[dict] = field(default_factory=list)
    repeat_of: str | None = None

    def children(self) -> dict[str, list[dict]]:
        """Child rows by table name."""
        return {"timeline_events": self.timeline, "incident_notes": self.notes,
                "incident_services": self.services, "action_items": self.action_items,
                "attachments": self.attachments, "signoffs": self.signoffs, "review_steps": self.review_steps,
                "communications": self.communications, "dr_tasks": self.dr_tasks}


def _on(day: date, hour: int = 16) -> datetime:
    return datetime.combine(day, time(hour))


def _review_status(rng: random.Random, age_days: int) -> ReviewStatus:
    if age_days < 3:
        weights = _STATUS_CUM[0]
    elif age_days < 14:
        weights = _STATUS_CUM[1]
    elif age_days < 60:
        weights = _STATUS_CUM[2]
    else:
        weights = _STATUS_CUM[3]
    return rng.choices(_STATUSES, cum_weights=weights)[0]


def _action_state(rng: random.Random, day: date, due: date, end: date,
                  progress: float) -> tuple[ActionStatus, date | None]:
    """Status and completion date: most past-due items are done (more so later on), the rest overdue."""
    if due < end:
        r = rng.random()
        if r < 0.78 + 0.17 * progress:
            if rng.random() < 0.35 - 0.2 * progress:  # completed late
                done = due + timedelta(days=max(1, round(rng.lognormvariate(1.8, 0.8))))
            else:
                done = day + timedelta(days=rng.randint(0, (due - day).days))
            if done < end:
                return ActionStatus.DONE, done
            return ActionStatus.IN_PROGRESS, None
        if r < 0.82 + 0.17 * progress:
            return ActionStatus.CANCELLED, None
        if (end - due).days > STALE_AFTER_DAYS and rng.random() < STALE_CANCELLED:
            return ActionStatus.CANCELLED, None  # closed as stale in a later backlog review
        return rng.choices(_WORK_STATES, cum_weights=_OVERDUE_CUM)[0], None
    elapsed = (end - day).days / max(1, (due - day).days)
    r = rng.random()
    if r < 0.6 * elapsed:
        return ActionStatus.DONE, day + timedelta(days=rng.randint(0, max(0, (end - day).days - 1)))
    if r < 0.6 * elapsed + 0.03:
        return ActionStatus.CANCELLED, None
    return rng.choices(_WORK_STATES, weights=(60 - 40 * elapsed, 30 + 40 * elapsed, 10))[0], None


def build_incident(rng: random.Random, *, start: datetime, seq: int, end: date, progress: float,
                   failure: Failure, repeat_of: tuple[str, date] | None = None) -> IncidentRows:
    """Every row of one post-mortem whose impact started at ``start``; ``end`` is the day the data stop.
    ``repeat_of``: the id and date of the earlier incident responders linked this one to by hand."""
    day = start.date()
    incident_id = format_incident_id(day, seq)
    category, cause = failure.category, failure.cause
    severity = rng.choices(SEVERITIES, cum_weights=_SEVERE_CUM if category.severe else _SEVERITY_CUM)[0]
    service = failure.component  # texts name the component; the services list names the service
    others = [s for s in rng.sample(SERVICES, 3) if s != failure.service][: rng.choice((0, 0, 1, 1, 2))]
    at_provider = "vendor_fix" in cause.resolutions  # only then can a vendor status page announce it
    detection = rng.choices(DETECTIONS, cum_weights=_DETECTION_CUM if at_provider else _DETECTION_CUM_OWN)[0]
    resolution_method = rng.choice(cause.resolutions)
    commander, reporter, responder = rng.sample(PEOPLE, 3)
    timing = draw_timing(rng, start, severity=severity, ttr_factor=category.ttr_factor, detection=detection,
                         progress=progress, service=service, commander=commander, responder=responder)
    anchors = timing.anchors
    ttr_minutes = timing.ttr_seconds // 60
    symptom = rng.choice(cause.symptoms)
    resolution = RESOLUTIONS[resolution_method].format(service=service)
    root_cause = cause.root_cause
    users = {"SEV1": lambda: f"{rng.randint(25, 70)} % of users",
             "SEV2": lambda: f"{rng.randint(5, 25)} % of users",
             "SEV3": lambda: f"About {rng.randint(2, 60) * 100:,} users",
             "SEV4": lambda: rng.choice(("Fewer than 100 users", "Internal users only"))}[severity]()
    financial = {"SEV1": lambda: f"About {rng.randint(20, 250)},000 USD in lost or delayed orders",
                 "SEV2": lambda: f"About {rng.randint(2, 40)},000 USD in delayed orders",
                 "SEV3": lambda: "Below 1,000 USD", "SEV4": lambda: "None measurable"}[severity]()
    data_loss_minutes = rng.choice((1, 2, 5, 10, 15, 30, 45)) if cause.data_loss and rng.random() < 0.3 else 0
    age = (end - day).days
    status = _review_status(rng, age)
    created = min(anchors[Anchor.RESOLVED] + timedelta(minutes=round(60 * rng.lognormvariate(3.0, 0.5))),
                  _on(end, 0))
    created = max(created, anchors[Anchor.CONFIRMED_STABLE])
    duration = natural_duration(timing.ttr_seconds)

    rows = IncidentRows(incident={}, repeat_of=repeat_of[0] if repeat_of else None)
    for i, (when, event, owner, kind) in enumerate(timing.events):
        rows.timeline.append({"incident_pk": None, "position": i, "time": when, "event": event,
                              "owner": owner, "kind": kind})
    went_well = [WENT_WELL_BY_RESOLUTION[resolution_method], *rng.sample(WENT_WELL, rng.randint(1, 2))]
    could_improve = rng.sample(COULD_IMPROVE, rng.randint(1, 2))
    if timing.ttd_seconds > 300:
        could_improve.insert(0, SLOW_DETECTION)
    factors = rng.sample(cause.factors, min(len(cause.factors), rng.randint(2, 3)))
    if repeat_of:
        factors.append(REPEAT_FACTOR.format(component=service, original=repeat_of[0],
                                            days=(day - repeat_of[1]).days))
    sections = {
        "whys": [w.format(service=service) for w in cause.whys],
        "contributing_factors": factors,
        "went_well": went_well,
        "could_improve": could_improve,
        LESSON_SECTIONS[LessonKind.TECHNICAL]: [cause.lesson],
        LESSON_SECTIONS[LessonKind.PROCESS]: [rng.choice(_PROCESS_LESSONS[category.name])],
        LESSON_SECTIONS[LessonKind.COMMUNICATION]: [rng.choice(COMMUNICATION_LESSONS)],
    }
    for section, texts in sections.items():
        rows.notes += [{"incident_pk": None, "section": section, "position": i, "text": t}
                       for i, t in enumerate(texts)]
    rows.services = [{"incident_pk": None, "position": i, "service": s}
                     for i, s in enumerate([failure.service, *others])]

    window = f"from={start:%Y-%m-%dT%H:%M}&to={anchors[Anchor.CONFIRMED_STABLE]:%Y-%m-%dT%H:%M}"
    links = [("Logs", f"https://logs.example.com/search?service={service}&{window}"),
             ("Metrics", f"https://grafana.example.com/d/{service}/overview?{window}")]
    if severity in ("SEV1", "SEV2"):
        links.append(("Status page", f"https://status.example.com/incidents/{incident_id.lower()}"))
    if rng.random() < 0.3:
        links.append(("Screenshot", f"https://wiki.example.com/incidents/{incident_id}/dashboard.png"))
    rows.attachments = [{"incident_pk": None, "position": i, "label": label, "url": url}
                        for i, (label, url) in enumerate(links)]

    signers = (commander, rng.choice(ENGINEERING_MANAGERS), rng.choice(PRODUCT_MANAGERS))
    signed = {ReviewStatus.DRAFT: 0, ReviewStatus.IN_REVIEW: rng.randint(0, 1)}.get(status, 3)
    sign_day = min(end, day + timedelta(days=2 + round(rng.lognormvariate(1.0, 0.6))))
    last_change = created
    for i, role in enumerate(SIGN_OFF_ROLES):
        when = min(end, sign_day + timedelta(days=rng.randint(0, 2) if i else 0)) if i < signed else None
        rows.signoffs.append({"incident_pk": None, "position": i, "role": role,
                              "name": signers[i] if when else "", "date": when})
        if when is not None:
            last_change = max(last_change, _on(when))

    count = rng.choices(range(1, 6), cum_weights=_ITEM_COUNT_CUM)[0]
    specific = rng.sample(cause.actions, len(cause.actions))
    generic = [(ActionCategory(c), text) for c, text in rng.sample(GENERIC_ACTIONS, len(GENERIC_ACTIONS))]
    for number, (kind, text) in enumerate((specific + generic)[:count], start=1):
        due = day + timedelta(days=max(1, kind.typical_timeline.days))
        state, done_on = _action_state(rng, day, due, end, progress)
        verified, note = "unknown", ""
        if done_on is not None and (end - done_on).days >= 30 and rng.random() < 0.55:
            verified = "yes" if rng.random() < 0.8 + 0.15 * progress else "no"
            note = (VERIFIED_YES if verified == "yes" else VERIFIED_NO).format(cause=cause.slug)
        updated = max(created, _on(done_on)) if done_on else created
        rows.action_items.append({
            "incident_pk": None, "number": number, "priority": rng.choices(("P0", "P1", "P2"),
                                                                          cum_weights=_PRIORITY_CUM[kind])[0],
            "action": text.format(service=service), "owner": rng.choice(TEAMS), "due_date": due,
            "status": state.value, "category": kind.value, "completed_on": done_on,
            "verified_effective": verified, "verification_note": note,
            "tracker_key": f"OPS-{rng.randint(1000, 99999)}" if rng.random() < 0.6 else "",
            "created_at": created, "updated_at": updated,
        })

    rows.incident = {
        "incident_id": incident_id, "incident_date": day, "seq": seq, "quarter": quarter_of(day),
        "title": f"{symptom} on {service} caused by {cause.phrase}",
        "summary": f"{symptom} on {service} for {duration}, caused by {cause.phrase}.",
        "executive_summary": (
            f"On {day.isoformat()}, {lower_first(symptom)} on {service} affected {lower_first(users)} for "
            f"{duration}. The cause was {cause.phrase}. {detection.method} detected the incident after "
            f"{natural_duration(timing.ttd_seconds)}. {resolution}"),
        "severity": severity, "status": status.value, "reporter": reporter, "incident_commander": commander,
        "detection_method": detection.method, "category": category.name, "cause": failure.cause_value,
        "resolution": resolution, "resolution_method": resolution_method, "users_affected": users,
        "data_loss": data_loss_minutes > 0,
        "data_loss_amount": f"About {data_loss_minutes} minutes of writes to {service}"
                            if data_loss_minutes else "",
        "financial_impact": financial, "reputational_impact": REPUTATIONAL[severity],
        "rto_met": ttr_minutes <= RTO_MINUTES[severity], "rpo_met": data_loss_minutes <= RPO_MINUTES,
        "problem": f"{symptom} on {service}", "root_cause": root_cause, "duration_minutes": None,
        **{column: anchors.get(a) for a, column in _ANCHOR_COLUMNS},
        "ttd_seconds": timing.ttd_seconds, "ttr_seconds": timing.ttr_seconds, "repeat_of_id": None,
        "signoff_override_reason": "", "external_summary": "", "created_at": created,
        "updated_at": last_change, "version": 1,
    }
    return rows
