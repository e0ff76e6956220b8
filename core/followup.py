"""30-day and 90-day follow-up reviews: the seed's questions, pre-filled from the data, stored with answers.

Figures: completion n/m counts Done items over all items; repeats are the incidents (up to ``now``) that
repeat this one by core/repeats.py's definition (same category and cause within the ``repeat_window_days``
setting, or linked by hand); MTTR before is the mean TTR of incidents
of the same category in the 90 days before this incident's date, MTTR after the mean since (both exclude it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from core.cadence import Step
from core.database import unit_of_work
from core.errors import FieldProblem, StaleEditError, ValidationError
from core.orm import ActionItemRow, FollowUpReviewRow, IncidentRow, ReviewStepRow
from core.postmortem import ActionStatus
from core.repeats import repeats_of_clause
from core.repository import load_row
from core.settings import get_setting
from core.validation import parse_enum

MTTR_WINDOW_DAYS = 90


class ReviewKind(StrEnum):
    """Which follow-up."""

    DAY_30 = "30-day"
    DAY_90 = "90-day"

    @property
    def step(self) -> Step:
        """The cadence step this review completes."""
        return Step.FOLLOW_UP_30 if self is ReviewKind.DAY_30 else Step.REVIEW_90


QUESTIONS: dict[ReviewKind, dict[str, str]] = {
    ReviewKind.DAY_30: {
        "completed": "Were the action items completed?",
        "effective": "Were they effective?",
        "prevented": "Did they prevent similar incidents?",
    },
    ReviewKind.DAY_90: {
        "mttr_improved": "Has MTTR improved?",
        "similar_prevented": "Have similar incidents been prevented?",
        "processes_followed": "Are new processes being followed?",
    },
}
CHOICES = ("yes", "partly", "no", "unknown")


@dataclass(frozen=True)
class Figures:
    """What the data can answer, shown beside the questions and stored with the review."""

    done: int
    total: int
    verified_yes: int
    verified_no: int
    repeats: list[str]
    mttr_before_min: float | None
    n_before: int
    mttr_after_min: float | None
    n_after: int
    category: str
    cause: str

    @property
    def completion(self) -> str:
        """``n/m`` like the incident database record."""
        return f"{self.done}/{self.total}"


@dataclass
class Answer:
    """The reviewer's answer to one question."""

    choice: str = "unknown"
    comment: str = ""


@dataclass(frozen=True)
class StoredReview:
    """A saved follow-up review."""

    id: int
    kind: ReviewKind
    reviewer: str
    reviewed_at: datetime
    answers: dict[str, Answer]
    figures: dict = field(default_factory=dict)  # type: ignore[type-arg]


def _figures(session, row: IncidentRow, now: datetime, window_days: int) -> Figures:  # type: ignore[no-untyped-def]
    done_flag = func.cast(ActionItemRow.status == ActionStatus.DONE.value, ActionItemRow.number.type)
    yes_flag = func.cast(ActionItemRow.verified_effective == "yes", ActionItemRow.number.type)
    no_flag = func.cast(ActionItemRow.verified_effective == "no", ActionItemRow.number.type)
    total, done, yes, no = session.execute(
        select(func.count(), func.sum(done_flag), func.sum(yes_flag), func.sum(no_flag)).where(
            ActionItemRow.incident_pk == row.id
        )
    ).one()
    same = [IncidentRow.id != row.id]
    if row.category:
        same.append(IncidentRow.category == row.category)
    similar = repeats_of_clause(row.id, row.category, row.cause, row.incident_date, window_days)
    repeats = list(
        session.scalars(
            select(IncidentRow.incident_id)
            .where(IncidentRow.incident_date <= now.date(), similar)
            .order_by(IncidentRow.incident_date, IncidentRow.incident_id)
        )
    )

    def mttr(*period):  # type: ignore[no-untyped-def]
        avg, n = session.execute(
            select(func.avg(IncidentRow.ttr_seconds), func.count(IncidentRow.ttr_seconds)).where(
                *same, *period
            )
        ).one()
        return (round(float(avg) / 60, 1) if avg is not None else None), int(n)

    before = mttr(
        IncidentRow.incident_date >= row.incident_date - timedelta(days=MTTR_WINDOW_DAYS),
        IncidentRow.incident_date < row.incident_date,
    )
    after = mttr(IncidentRow.incident_date >= row.incident_date, IncidentRow.incident_date <= now.date())
    return Figures(
        int(done or 0),
        int(total or 0),
        int(yes or 0),
        int(no or 0),
        repeats,
        before[0],
        before[1],
        after[0],
        after[1],
        row.category,
        row.cause,
    )


def followup_figures(engine: Engine, incident_id: str, *, now: datetime) -> Figures:
    """The figures a follow-up review of ``incident_id`` starts from, as of ``now``."""
    window_days = int(get_setting(engine, "repeat_window_days"))
    with unit_of_work(engine) as session:
        return _figures(session, load_row(session, incident_id), now, window_days)


def suggested_answers(kind: ReviewKind | str, figures: Figures) -> dict[str, Answer]:
    """Answers the data suggests; the reviewer confirms or changes them."""
    kind = ReviewKind(kind)
    prevented = (
        "unknown" if not (figures.category and figures.cause) else ("no" if figures.repeats else "yes")
    )
    repeats_note = (
        f"{len(figures.repeats)} similar since: {', '.join(figures.repeats)}"
        if figures.repeats
        else "No similar incident since"
    )
    if kind is ReviewKind.DAY_30:
        if figures.total == 0:
            completed = "unknown"
        else:
            completed = "yes" if figures.done == figures.total else ("no" if figures.done == 0 else "partly")
        effective = (
            "no"
            if figures.verified_no
            else ("yes" if figures.done and figures.verified_yes == figures.done else "unknown")
        )
        return {
            "completed": Answer(completed, f"{figures.completion} action items done"),
            "effective": Answer(
                effective, f"{figures.verified_yes} verified effective, {figures.verified_no} not"
            ),
            "prevented": Answer(prevented, repeats_note),
        }
    before, after = figures.mttr_before_min, figures.mttr_after_min
    improved = "unknown" if before is None or after is None else ("yes" if after < before else "no")
    return {
        "mttr_improved": Answer(
            improved,
            f"MTTR before {_minutes(before)} (n={figures.n_before}), "
            f"after {_minutes(after)} (n={figures.n_after})",
        ),
        "similar_prevented": Answer(prevented, repeats_note),
        "processes_followed": Answer("unknown", ""),
    }


def _minutes(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g} min"


def save_followup(
    engine: Engine,
    incident_id: str,
    kind: ReviewKind | str,
    reviewer: str,
    answers: dict[str, Answer],
    *,
    now: datetime,
) -> StoredReview:
    """Store a review with the figures shown, and mark its cadence step done; one unit of work."""
    problems: list[FieldProblem] = []
    parsed = parse_enum(ReviewKind, kind, "kind", problems)
    reviewer = (reviewer or "").strip()
    if not reviewer:
        problems.append(FieldProblem("reviewer", "is required"))
    for key in QUESTIONS.get(parsed, {}) if parsed else ():
        answer = answers.get(key) or Answer()
        answer.comment = (answer.comment or "").strip()
        if answer.choice not in CHOICES:
            problems.append(FieldProblem(f"answers.{key}", f"choose one of {', '.join(CHOICES)}"))
        elif answer.choice in ("no", "partly") and not answer.comment:
            problems.append(FieldProblem(f"answers.{key}", "say what is missing: a comment is required"))
    extra = set(answers) - set(QUESTIONS.get(parsed, {})) if parsed else set()
    if extra:
        problems.append(FieldProblem("answers", f"unknown question(s): {', '.join(sorted(extra))}"))
    if problems:
        raise ValidationError(problems)
    window_days = int(get_setting(engine, "repeat_window_days"))
    try:
        with unit_of_work(engine) as session:
            return _save(session, incident_id, parsed, reviewer, answers, now, window_days)
    except IntegrityError as exc:  # the same step recorded meanwhile by a writer that took no lock
        raise StaleEditError([f"{incident_id} {parsed.step.value}"]) from exc


def _save(  # type: ignore[no-untyped-def]
    session, incident_id: str, parsed: ReviewKind, reviewer: str, answers, now: datetime, window_days: int
) -> StoredReview:
    """Inside the caller's unit of work: the review row and its cadence step."""
    row = load_row(session, incident_id, for_update=True)  # serialises first records of the step
    figures = _figures(session, row, now, window_days)
    stored = FollowUpReviewRow(
        incident_pk=row.id,
        kind=parsed.value,
        reviewer=reviewer,
        reviewed_at=now,
        answers=json.dumps({k: asdict(answers[k]) for k in QUESTIONS[parsed]}),
        figures=json.dumps(asdict(figures)),
    )
    session.add(stored)
    step = session.scalars(
        select(ReviewStepRow).where(
            ReviewStepRow.incident_pk == row.id, ReviewStepRow.step == parsed.step.value
        )
    ).one_or_none()
    if step is None:
        step = ReviewStepRow(incident_pk=row.id, step=parsed.step.value)
        session.add(step)
    step.done_at = now
    step.note = f"{parsed.value} review by {reviewer}"
    session.flush()
    return _stored(stored)


def _stored(row: FollowUpReviewRow) -> StoredReview:
    answers = {k: Answer(**v) for k, v in json.loads(row.answers).items()}
    return StoredReview(
        row.id, ReviewKind(row.kind), row.reviewer, row.reviewed_at, answers, json.loads(row.figures)
    )


def list_followups(engine: Engine, incident_id: str) -> list[StoredReview]:
    """Every follow-up review of ``incident_id``, oldest first."""
    with unit_of_work(engine) as session:
        row = load_row(session, incident_id)
        return [
            _stored(r)
            for r in session.scalars(
                select(FollowUpReviewRow)
                .where(FollowUpReviewRow.incident_pk == row.id)
                .order_by(FollowUpReviewRow.reviewed_at, FollowUpReviewRow.id)
            )
        ]
