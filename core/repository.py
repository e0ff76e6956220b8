"""Maps post-mortems to rows and back; knows SQLAlchemy, not the UI."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session, selectinload

from core.errors import NotFoundError
from core.orm import (
    ActionItemRow,
    AttachmentRow,
    IncidentRow,
    NoteRow,
    ServiceRow,
    SignOffRow,
    TimelineRow,
)
from core.postmortem import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Anchor,
    Attachment,
    Impact,
    LessonKind,
    Lessons,
    PostMortem,
    Priority,
    ReviewStatus,
    Severity,
    SignOff,
    TimelineEvent,
    Verification,
)

LIST_SECTIONS = ("whys", "contributing_factors", "went_well", "could_improve")
LESSON_SECTIONS = {kind: f"lesson_{kind.value}" for kind in LessonKind}


def utcnow() -> datetime:
    """Now as naive UTC, the form every stored time takes."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def quarter_of(day: date) -> str:
    """``2026-Q1`` for any day of January to March 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def format_incident_id(day: date, seq: int) -> str:
    """``INC-YYYY-MM-DD-NNN``."""
    return f"INC-{day.isoformat()}-{seq:03d}"


def _full_load():  # type: ignore[no-untyped-def]
    return (
        selectinload(IncidentRow.timeline),
        selectinload(IncidentRow.notes),
        selectinload(IncidentRow.services),
        selectinload(IncidentRow.action_items),
        selectinload(IncidentRow.attachments),
        selectinload(IncidentRow.signoffs),
    )


def load_row(session: Session, incident_id: str, *, for_update: bool = False) -> IncidentRow:
    """The row of ``incident_id`` with its children; NotFoundError when there is none."""
    stmt = select(IncidentRow).where(IncidentRow.incident_id == incident_id).options(*_full_load())
    if for_update and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=IncidentRow)
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise NotFoundError(f"no incident {incident_id}")
    return row


def next_seq(session: Session, day: date) -> int:
    """The next free number for incidents of ``day``."""
    current = session.scalar(select(func.max(IncidentRow.seq)).where(IncidentRow.incident_date == day))
    return (current or 0) + 1


def write_row(row: IncidentRow, pm: PostMortem, now: datetime) -> None:
    """Copy every field of ``pm`` onto ``row``, replacing its child rows (action items keep their keys)."""
    row.title = pm.title
    row.incident_date = pm.incident_date
    row.quarter = quarter_of(pm.incident_date)
    row.summary = pm.summary
    row.executive_summary = pm.executive_summary
    row.severity = pm.severity.value
    row.status = pm.status.value
    row.reporter = pm.reporter
    row.incident_commander = pm.incident_commander
    row.detection_method = pm.detection_method
    row.category = pm.category
    row.cause = pm.cause
    row.resolution = pm.resolution
    row.resolution_method = pm.resolution_method
    row.users_affected = pm.impact.users_affected
    row.data_loss = pm.impact.data_loss
    row.data_loss_amount = pm.impact.data_loss_amount
    row.financial_impact = pm.impact.financial
    row.reputational_impact = pm.impact.reputational
    row.rto_met = pm.rto_met
    row.rpo_met = pm.rpo_met
    row.problem = pm.problem
    row.root_cause = pm.root_cause
    row.duration_minutes = pm.duration_minutes
    anchors = pm.anchor_times()  # explicit timestamps, completed by timeline rows that carry a kind
    for anchor in Anchor:
        setattr(row, f"{anchor.value}_at", anchors.get(anchor))
    row.ttd_seconds = int(pm.ttd.total_seconds()) if pm.ttd is not None else None
    row.ttr_seconds = int(pm.ttr.total_seconds()) if pm.ttr is not None else None
    row.updated_at = now

    row.timeline = [
        TimelineRow(position=i, time=e.time, event=e.event, owner=e.owner, kind=e.kind.value if e.kind else None)
        for i, e in enumerate(pm.timeline)
    ]
    notes: list[NoteRow] = []
    for section in LIST_SECTIONS:
        notes += [NoteRow(section=section, position=i, text=t) for i, t in enumerate(getattr(pm, section))]
    for kind, section in LESSON_SECTIONS.items():
        notes += [NoteRow(section=section, position=i, text=t) for i, t in enumerate(getattr(pm.lessons, kind.value))]
    row.notes = notes
    row.services = [ServiceRow(position=i, service=s) for i, s in enumerate(pm.impact.services_affected)]
    row.attachments = [AttachmentRow(position=i, label=a.label, url=a.url) for i, a in enumerate(pm.attachments)]
    row.signoffs = [SignOffRow(position=i, role=s.role, name=s.name, date=s.date) for i, s in enumerate(pm.signoffs)]

    existing = {a.id: a for a in row.action_items if a.id is not None}
    _clear_number_clashes(row, pm, existing)
    items: list[ActionItemRow] = []
    for item in pm.action_items:
        target = existing.get(item.id) if item.id is not None else None
        values = dict(
            number=item.number, priority=item.priority.value, action=item.action, owner=item.owner,
            due_date=item.due_date, status=item.status.value,
            category=item.category.value if item.category else None, completed_on=item.completed_on,
            verified_effective=item.verified_effective.value, verification_note=item.verification_note,
            tracker_key=item.tracker_key,
        )
        if target is None:
            target = ActionItemRow(created_at=now, updated_at=now, **values)
        elif any(getattr(target, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(target, key, value)
            target.updated_at = now
        items.append(target)
    row.action_items = items


def _clear_number_clashes(row: IncidentRow, pm: PostMortem, existing: dict[int, ActionItemRow]) -> None:
    """Delete removed action items and park renumbered ones before new numbers are written.

    The unit of work inserts and updates before it deletes, so a new item taking a deleted item's number, or two
    items swapping numbers, would trip the unique (incident, number) constraint in one flush.
    """
    session = object_session(row)
    if session is None or row.id is None:
        return
    wanted = {item.id: item.number for item in pm.action_items if item.id in existing}
    removed = [a for a in row.action_items if a.id not in wanted]
    moved = [existing[key] for key, number in wanted.items() if existing[key].number != number]
    if not removed and not moved:
        return
    for item in removed:
        row.action_items.remove(item)  # delete-orphan
    for item in moved:
        item.number = -item.id  # unique while parked
    session.flush()


def action_item_from_row(a: ActionItemRow) -> ActionItem:
    """The domain action item of a row."""
    return ActionItem(
        id=a.id, number=a.number, priority=Priority(a.priority), action=a.action, owner=a.owner,
        due_date=a.due_date, status=ActionStatus(a.status),
        category=ActionCategory(a.category) if a.category else None, completed_on=a.completed_on,
        verified_effective=Verification(a.verified_effective), verification_note=a.verification_note,
        tracker_key=a.tracker_key,
    )


def _explicit_anchors(row: IncidentRow) -> dict[Anchor, datetime]:
    """Stored anchor times that the timeline does not already give (those stay derived from the timeline)."""
    from_timeline = {Anchor(t.kind): t.time for t in row.timeline if t.kind}
    stored = {a: getattr(row, f"{a.value}_at") for a in Anchor}
    return {a: t for a, t in stored.items() if t is not None and from_timeline.get(a) != t}


def to_domain(row: IncidentRow, repeat_of: str | None = None) -> PostMortem:
    """The post-mortem stored in ``row`` (children must be loaded)."""
    notes: dict[str, list[str]] = {}
    for note in row.notes:
        notes.setdefault(note.section, []).append(note.text)
    return PostMortem(
        incident_id=row.incident_id,
        version=row.version,
        title=row.title,
        incident_date=row.incident_date,
        severity=Severity(row.severity),
        status=ReviewStatus(row.status),
        reporter=row.reporter,
        incident_commander=row.incident_commander,
        summary=row.summary,
        executive_summary=row.executive_summary,
        detection_method=row.detection_method,
        category=row.category,
        cause=row.cause,
        resolution=row.resolution,
        resolution_method=row.resolution_method,
        impact=Impact(
            users_affected=row.users_affected,
            services_affected=[s.service for s in row.services],
            data_loss=row.data_loss,
            data_loss_amount=row.data_loss_amount,
            financial=row.financial_impact,
            reputational=row.reputational_impact,
        ),
        rto_met=row.rto_met,
        rpo_met=row.rpo_met,
        timestamps=_explicit_anchors(row),
        timeline=[TimelineEvent(time=t.time, event=t.event, owner=t.owner, kind=Anchor(t.kind) if t.kind else None)
                  for t in row.timeline],
        problem=row.problem,
        whys=notes.get("whys", []),
        root_cause=row.root_cause,
        contributing_factors=notes.get("contributing_factors", []),
        went_well=notes.get("went_well", []),
        could_improve=notes.get("could_improve", []),
        action_items=[action_item_from_row(a) for a in sorted(row.action_items, key=lambda a: a.number)],
        lessons=Lessons(**{k.value: notes.get(s, []) for k, s in LESSON_SECTIONS.items()}),
        attachments=[Attachment(label=a.label, url=a.url) for a in row.attachments],
        signoffs=[SignOff(role=s.role, name=s.name, date=s.date) for s in row.signoffs],
        duration_minutes=row.duration_minutes,
        repeat_of=repeat_of,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
