"""Changing action items: inline tracker edits, verification of effectiveness, adding items.

Every call is one unit of work. Edits carry the ``updated_at`` each item was read at; a mismatch raises
StaleEditError and nothing is written. Each touched incident's ``updated_at`` is set too, which bumps
its version, so a post-mortem form opened before the edit reports a conflict instead of overwriting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.action_items import EDITABLE, TrackedItem, default_due_date, people_in, to_tracked, unknown_owner
from core.database import unit_of_work
from core.errors import (
    ConflictError,
    FieldProblem,
    NotFoundError,
    StaleEditError,
    UnknownOwnerError,
    ValidationError,
    VerificationBeforeCompletionError,
)
from core.orm import ActionItemRow, IncidentRow
from core.postmortem import ActionCategory, ActionStatus, Priority, Verification
from core.repository import load_row
from core.validation import parse_enum


@dataclass(frozen=True)
class ItemChange:
    """An inline edit of one item, with the ``updated_at`` it was read at (for conflict detection)."""

    item_id: int
    read_at: datetime
    values: dict[str, Any]


def diff_edits(
    before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]], read_at: dict[int, datetime]
) -> list[ItemChange]:
    """Changes between the tracker's source rows and the edited rows (both keyed by item id)."""
    changes = []
    for item_id, row in after.items():
        old = before.get(item_id)
        if old is None:
            continue
        values = {k: row[k] for k in EDITABLE if k in row and _plain(row[k]) != _plain(old.get(k))}
        if values:
            plain = {k: _plain(v) for k, v in values.items()}
            changes.append(ItemChange(int(item_id), read_at[item_id], plain))
    return changes


def _plain(value: Any) -> Any:
    """Editor cells back to plain Python: NaN/NaT -> None, Timestamps -> dates, text trimmed."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    if type(value).__name__ == "NaTType":
        return None
    return value


def update_action_items(engine: Engine, changes: list[ItemChange], *, now: datetime) -> list[TrackedItem]:
    """Apply inline edits in one unit of work; all or nothing.

    Raises StaleEditError when an item changed since it was read, ValidationError naming
    ``items[<id>].<field>`` for bad values (unknown owner or status, due date before the incident).
    Marking an item Done sets its completion date to today; reopening clears completion and verification.
    Each touched incident's version is bumped so a post-mortem form opened earlier cannot overwrite the edit.
    """
    if not changes:
        return []
    with unit_of_work(engine) as session:
        ids = [c.item_id for c in changes]
        rows = {
            a.id: (a, i)
            for a, i in session.execute(
                select(ActionItemRow, IncidentRow)
                .join(IncidentRow)
                .where(ActionItemRow.id.in_(ids))
                .with_for_update()
            )
        }
        missing = [str(i) for i in ids if i not in rows]
        if missing:
            raise NotFoundError(f"no action item {', '.join(missing)} (deleted meanwhile?)")
        stale = [
            f"{rows[c.item_id][1].incident_id} #{rows[c.item_id][0].number}"
            for c in changes
            if rows[c.item_id][0].updated_at != c.read_at
        ]
        if stale:
            raise StaleEditError(stale)
        people = people_in(session)
        lookup = {p.casefold(): p for p in people}
        problems: list[FieldProblem] = []
        for change in changes:
            item, incident = rows[change.item_id]
            where = f"items[{change.item_id}]"
            _apply(item, incident, change.values, where, lookup, people, problems, now)
        if problems:
            raise ValidationError(problems)
        for item, incident in rows.values():
            item.updated_at = now
            incident.updated_at = now
        _flush(session, [f"{i.incident_id} #{a.number}" for a, i in rows.values()])
        return [to_tracked(*rows[i], now) for i in ids]


def _flush(session: Session, labels: list[str]) -> None:
    """Flush; a post-mortem saved meanwhile (version moved) becomes StaleEditError."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise StaleEditError(labels) from exc


def _apply(
    item: ActionItemRow,
    incident: IncidentRow,
    values: dict[str, Any],
    where: str,
    lookup: dict[str, str],
    people: list[str],
    problems: list[FieldProblem],
    now: datetime,
) -> None:
    if "owner" in values:
        owner = (values["owner"] or "").strip()
        if not owner:
            problems.append(FieldProblem(f"{where}.owner", "is required: every action item needs an owner"))
        elif owner.casefold() not in lookup:
            problems.append(unknown_owner(owner, people, f"{where}.owner"))
        else:
            item.owner = lookup[owner.casefold()]
    if "priority" in values:
        prio = parse_enum(Priority, values["priority"], f"{where}.priority", problems)
        if prio is not None:
            item.priority = prio.value
    if "due_date" in values:
        due = values["due_date"]
        if due is not None and due < incident.incident_date:
            problems.append(
                FieldProblem(
                    f"{where}.due_date",
                    f"{due.isoformat()} is before the incident ({incident.incident_date.isoformat()})",
                )
            )
        else:
            item.due_date = due
    if "status" in values:
        status = parse_enum(ActionStatus, values["status"], f"{where}.status", problems)
        if status is not None and status.value != item.status:
            item.status = status.value
            if status is ActionStatus.DONE:
                item.completed_on = item.completed_on or now.date()
            else:
                item.completed_on = None
                item.verified_effective = Verification.UNKNOWN.value
                item.verification_note = ""


def verify_action_item(
    engine: Engine,
    item_id: int,
    effective: Verification | str,
    note: str,
    *,
    read_at: datetime,
    now: datetime,
) -> TrackedItem:
    """Record whether a Done item proved effective, with a note (the seed's "Verify" step)."""
    problems: list[FieldProblem] = []
    verdict = parse_enum(Verification, effective, "verified_effective", problems)
    if verdict is Verification.UNKNOWN:
        problems.append(FieldProblem("verified_effective", "choose yes or no"))
    if not (note or "").strip():
        problems.append(FieldProblem("verification_note", "is required: say how effectiveness was judged"))
    with unit_of_work(engine) as session:
        found = session.execute(
            select(ActionItemRow, IncidentRow)
            .join(IncidentRow)
            .where(ActionItemRow.id == item_id)
            .with_for_update()
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"no action item {item_id}")
        item, incident = found
        if item.updated_at != read_at:
            raise StaleEditError([f"{incident.incident_id} #{item.number}"])
        if item.status != ActionStatus.DONE.value:
            raise VerificationBeforeCompletionError(
                [
                    FieldProblem(
                        "verified_effective",
                        f"{incident.incident_id} #{item.number} is {item.status}; "
                        "effectiveness can only be verified once it is Done",
                    )
                ]
            )
        if problems:
            raise ValidationError(problems)
        item.verified_effective = verdict.value
        item.verification_note = note.strip()
        item.updated_at = incident.updated_at = now
        _flush(session, [f"{incident.incident_id} #{item.number}"])
        return to_tracked(item, incident, now)


@dataclass
class NewActionItem:
    """What the tracker's "add" form collects; an empty due date takes the default."""

    incident_id: str
    action: str
    owner: str
    priority: str = Priority.P1.value
    category: str | None = None
    due_date: date | None = None
    new_owner: bool = False


def add_action_item(engine: Engine, new: NewActionItem, *, sprint_days: int, now: datetime) -> TrackedItem:
    """Add an item to an incident (next number; due date defaulted from category and priority).

    The incident row is locked first (SQLite: the writer's BEGIN IMMEDIATE), so two adds at once get
    consecutive numbers; should a clash still reach the database (a writer that took no lock, such as a
    post-mortem saved with the version read earlier), it is reported as ConflictError, nothing written.
    """
    problems: list[FieldProblem] = []
    prio = parse_enum(Priority, new.priority, "priority", problems)
    cat = parse_enum(ActionCategory, new.category, "category", problems) if new.category else None
    action, owner = (new.action or "").strip(), (new.owner or "").strip()
    if not action:
        problems.append(FieldProblem("action", "is required"))
    if not owner:
        problems.append(FieldProblem("owner", "is required: every action item needs an owner"))
    read_version: int | None = None
    try:
        with unit_of_work(engine) as session:
            incident = load_row(session, new.incident_id, for_update=True)
            read_version = incident.version
            return _add(session, incident, new, prio, cat, action, owner, problems, sprint_days, now)
    except (IntegrityError, StaleDataError) as exc:
        raise ConflictError(new.incident_id, read_version or 0, None) from exc


def _add(  # type: ignore[no-untyped-def]
    session: Session,
    incident: IncidentRow,
    new: NewActionItem,
    prio,
    cat,
    action: str,
    owner: str,
    problems: list[FieldProblem],
    sprint_days: int,
    now: datetime,
) -> TrackedItem:
    people = people_in(session)
    lookup = {p.casefold(): p for p in people}
    if owner and not new.new_owner:
        if owner.casefold() not in lookup:
            problems.append(unknown_owner(owner, people, "owner"))
        else:
            owner = lookup[owner.casefold()]
    due = new.due_date
    if due is not None and due < incident.incident_date:
        problems.append(
            FieldProblem(
                "due_date",
                f"{due.isoformat()} is before the incident ({incident.incident_date.isoformat()})",
            )
        )
    if problems:
        error = (
            UnknownOwnerError
            if all(p.message.startswith("unknown owner") for p in problems)
            else ValidationError
        )
        raise error(problems)
    if due is None:
        due = default_due_date(cat, prio, max(now.date(), incident.incident_date), sprint_days)
    number = (
        session.scalar(
            select(func.max(ActionItemRow.number)).where(ActionItemRow.incident_pk == incident.id)
        )
        or 0
    ) + 1
    row = ActionItemRow(
        incident_pk=incident.id,
        number=number,
        priority=prio.value,
        action=action,
        owner=owner,
        due_date=due,
        status=ActionStatus.OPEN.value,
        category=cat.value if cat else None,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    incident.updated_at = now
    session.flush()
    return to_tracked(row, incident, now)
