"""Communication of learnings: the seed's internal and external checklist per incident, and a short external
summary (status-page style) generated from the post-mortem, edited by the author and stored with the incident.

The generated summary names no people (no owners, reporters or commanders): it speaks of systems and changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from core.database import unit_of_work
from core.errors import ConflictError, FieldProblem, StaleEditError, ValidationError
from core.orm import CommunicationRow
from core.postmortem import ActionStatus, PostMortem, format_duration
from core.repository import load_row
from core.validation import LONG_TEXT_LIMIT


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the seed's communication list."""

    key: str
    audience: str
    label: str
    hint: str


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "team_meeting", "internal", "Team meeting", "Share lessons learned in the next team meeting"
    ),
    ChecklistItem("wiki", "internal", "Documentation", "Update relevant wiki pages"),
    ChecklistItem("onboarding", "internal", "Training", "Incorporate into onboarding materials"),
    ChecklistItem("blog_post", "external", "Blog post", "Technical deep-dive (optional)"),
    ChecklistItem("status_page", "external", "Status page", "Summary of improvements made"),
    ChecklistItem("customer", "external", "Customer communication", "If customer-impacting"),
)
KEYS = tuple(i.key for i in CHECKLIST)


@dataclass(frozen=True)
class ItemState:
    """Whether an item is done, when, and a note (link to the wiki page, the post …)."""

    done: bool = False
    done_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class CommunicationPlan:
    """An incident's checklist, its stored external summary and the incident version it was read at."""

    incident_id: str
    items: dict[str, ItemState]
    external_summary: str
    version: int

    @property
    def internal_done(self) -> tuple[int, int]:
        """(done, total) of the internal items, which every incident needs."""
        internal = [i.key for i in CHECKLIST if i.audience == "internal"]
        return sum(self.items[k].done for k in internal), len(internal)


def get_communication(engine: Engine, incident_id: str) -> CommunicationPlan:
    """The checklist (unticked where nothing is stored) and the external summary of ``incident_id``."""
    with unit_of_work(engine) as session:
        row = load_row(session, incident_id)
        stored = {
            r.item: ItemState(r.done, r.done_on, r.note)
            for r in session.scalars(select(CommunicationRow).where(CommunicationRow.incident_pk == row.id))
        }
        return CommunicationPlan(
            row.incident_id, {k: stored.get(k, ItemState()) for k in KEYS}, row.external_summary, row.version
        )


def save_checklist(
    engine: Engine,
    incident_id: str,
    changes: dict[str, ItemState],
    read: dict[str, ItemState],
    *,
    now: datetime,
) -> CommunicationPlan:
    """Store changed items; ``read`` is what the page showed (StaleEditError if someone changed it since).

    The incident row is locked first (SQLite: the writer's BEGIN IMMEDIATE), so a second writer sees the
    first one's items and reports them as stale instead of inserting the same item twice.
    """
    problems: list[FieldProblem] = []
    for key, state in changes.items():
        if key not in KEYS:
            problems.append(FieldProblem(f"items.{key}", "unknown checklist item"))
            continue
        if state.done_on is not None and state.done_on > now.date():
            problems.append(
                FieldProblem(f"items.{key}.done_on", f"{state.done_on.isoformat()} is in the future")
            )
        if state.done_on is not None and not state.done:
            problems.append(FieldProblem(f"items.{key}.done_on", "is set but the item is not ticked"))
        if len(state.note or "") > LONG_TEXT_LIMIT:
            problems.append(FieldProblem(f"items.{key}.note", "is too long"))
    try:
        _store_checklist(engine, incident_id, changes, read, problems, now)
    except IntegrityError as exc:  # the same item's first row written meanwhile by a writer that took no lock
        raise StaleEditError([f"{incident_id} communication item(s) {', '.join(changes)}"]) from exc
    return get_communication(engine, incident_id)


def _store_checklist(  # type: ignore[no-untyped-def]
    engine: Engine, incident_id: str, changes, read, problems: list[FieldProblem], now: datetime
) -> None:
    with unit_of_work(engine) as session:
        incident = load_row(session, incident_id, for_update=True)
        for key, state in changes.items():
            if state.done_on is not None and state.done_on < incident.incident_date:
                problems.append(FieldProblem(f"items.{key}.done_on", "is before the incident"))
        if problems:
            raise ValidationError(problems)
        rows = {
            r.item: r
            for r in session.scalars(
                select(CommunicationRow).where(CommunicationRow.incident_pk == incident.id).with_for_update()
            )
        }
        stale = [
            key
            for key in changes
            if (ItemState(rows[key].done, rows[key].done_on, rows[key].note) if key in rows else ItemState())
            != read.get(key, ItemState())
        ]
        if stale:
            raise StaleEditError([f"{incident_id} communication item(s) {', '.join(stale)}"])
        for key, state in changes.items():
            row = rows.get(key)
            if row is None:
                row = CommunicationRow(incident_pk=incident.id, item=key)
                session.add(row)
            row.done = state.done
            row.done_on = (state.done_on or now.date()) if state.done else None
            row.note = (state.note or "").strip()
        session.flush()


def _sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def draft_external_summary(pm: PostMortem) -> str:
    """A status-page style summary in Markdown: what happened, impact, what we changed; names no people."""
    happened = _sentence(pm.summary or pm.executive_summary or pm.title)
    day = pm.incident_date
    lines = [f"## {pm.title}", "", f"*{day:%B} {day.day}, {day.year}*", "", "**What happened.** " + happened]
    if pm.root_cause:
        lines[-1] += " The underlying cause: " + _sentence(pm.root_cause[0].lower() + pm.root_cause[1:])
    impact = []
    if pm.impact.services_affected:
        impact.append(f"Affected services: {', '.join(pm.impact.services_affected)}.")
    if pm.duration is not None:
        impact.append(f"Duration: {format_duration(pm.duration)}.")
    if pm.impact.users_affected:
        impact.append(f"Users affected: {pm.impact.users_affected}.")
    impact.append(
        "No data was lost."
        if not pm.impact.data_loss
        else f"Some data was lost{': ' + pm.impact.data_loss_amount if pm.impact.data_loss_amount else ''}."
    )
    lines += ["", "**Impact.** " + " ".join(impact), "", "**What we changed.**"]
    if pm.resolution:
        lines.append(f"- How service was restored: {_sentence(pm.resolution)}")
    done = [a.action for a in pm.action_items if a.status is ActionStatus.DONE]
    planned = [a.action for a in pm.action_items if not a.status.is_closed]
    lines += [f"- {_sentence(a)}" for a in done]
    if planned:
        lines += ["", "**What we are still improving.**"] + [f"- {_sentence(a)}" for a in planned]
    lines += ["", "We are sorry for the disruption and thank you for your patience."]
    return "\n".join(lines) + "\n"


def save_external_summary(
    engine: Engine, incident_id: str, text: str, *, version: int, now: datetime
) -> CommunicationPlan:
    """Store the edited summary over the incident version it was read at (ConflictError otherwise)."""
    text = (text or "").strip()
    if len(text) > LONG_TEXT_LIMIT:
        raise ValidationError(
            [FieldProblem("external_summary", f"is longer than {LONG_TEXT_LIMIT:,} characters")]
        )
    if "\x00" in text:
        raise ValidationError([FieldProblem("external_summary", "contains a NUL character")])
    try:
        with unit_of_work(engine) as session:
            row = load_row(session, incident_id, for_update=True)
            if row.version != version:
                raise ConflictError(incident_id, version, row.version)
            row.external_summary = text + "\n" if text else ""
            row.updated_at = now
    except StaleDataError as exc:
        raise ConflictError(incident_id, version, None) from exc
    return get_communication(engine, incident_id)
