"""The sign-off workflow: draft -> in review -> signed off (-> closed), one signature per role.

Signing needs the post-mortem in review, a known role (the template's Incident Commander, Engineering
Manager, Product Manager), a name and a date between the incident and today (UTC). Error-level findings of
the blameless-language linter block every signature unless the signer writes an override reason; the reason
is kept (appended to the incident's override log with who and when). The last signature moves the status to
signed off. Returning to draft clears the signatures: a changed text must be signed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError

from core.database import unit_of_work
from core.errors import (
    ConfigurationError,
    ConflictError,
    FieldProblem,
    SignOffBlockedError,
    ValidationError,
    WorkflowError,
)
from core.orm import IncidentRow, SignOffRow
from core.postmortem import SIGN_OFF_ROLES, PostMortem, ReviewStatus
from core.repository import load_row, to_domain

Linter = Callable[[str], list[Any]]
MIN_OVERRIDE_CHARS = 20


@dataclass(frozen=True)
class BlameFinding:
    """A linter finding located in a field of the post-mortem (e.g. ``whys[2]``)."""

    field: str
    rule_id: str
    severity: str
    message: str
    text: str
    line: int


@dataclass(frozen=True)
class SignOffState:
    """Everything the sign-off page shows."""

    incident_id: str
    title: str
    status: ReviewStatus
    version: int
    signatures: dict[str, tuple[str, date | None]]
    findings: list[BlameFinding]
    override_log: str

    @property
    def blocking(self) -> list[BlameFinding]:
        """Error-level findings: these block sign-off without an override."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def missing_roles(self) -> list[str]:
        """Roles that have not signed yet."""
        return [r for r in SIGN_OFF_ROLES if not self.signatures.get(r, ("", None))[0]]


def default_linter() -> Linter:
    """``lint.lint_text``, imported only when a sign-off needs it."""
    try:
        from lint import lint_text  # type: ignore[attr-defined]
    except ImportError as exc:
        raise ConfigurationError(
            f"the blameless-language linter is not available ({exc}); sign-off needs it"
        ) from exc
    return lint_text


def linted_texts(pm: PostMortem) -> list[tuple[str, str]]:
    """(field, text) of every prose field a reader sees, in template order."""
    texts = [
        ("title", pm.title),
        ("summary", pm.summary),
        ("executive_summary", pm.executive_summary),
        ("impact.reputational", pm.impact.reputational),
        ("problem", pm.problem),
    ]
    texts += [(f"timeline[{i}].event", e.event) for i, e in enumerate(pm.timeline)]
    texts += [(f"whys[{i}]", w) for i, w in enumerate(pm.whys)]
    texts += [("root_cause", pm.root_cause)]
    for name in ("contributing_factors", "went_well", "could_improve"):
        texts += [(f"{name}[{i}]", t) for i, t in enumerate(getattr(pm, name))]
    texts += [("resolution", pm.resolution)]
    texts += [(f"action_items[{i}].action", a.action) for i, a in enumerate(pm.action_items)]
    for kind in ("technical", "process", "communication"):
        texts += [(f"lessons.{kind}[{i}]", t) for i, t in enumerate(getattr(pm.lessons, kind))]
    return [(f, t) for f, t in texts if t and t.strip()]


def blame_findings(pm: PostMortem, lint: Linter | None = None) -> list[BlameFinding]:
    """Every linter finding in the post-mortem's prose, errors first."""
    lint = lint or default_linter()
    found = [
        BlameFinding(field, f.rule_id, f.severity, f.message, f.text, f.line)
        for field, text in linted_texts(pm)
        for f in lint(text)
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda f: order.get(f.severity, 3))


def _state(row: IncidentRow, findings: list[BlameFinding]) -> SignOffState:
    signatures = {s.role: (s.name, s.date) for s in row.signoffs}
    return SignOffState(
        row.incident_id,
        row.title,
        ReviewStatus(row.status),
        row.version,
        {r: signatures.get(r, ("", None)) for r in SIGN_OFF_ROLES},
        findings,
        row.signoff_override_reason,
    )


def signoff_state(engine: Engine, incident_id: str, *, lint: Linter | None = None) -> SignOffState:
    """Status, signatures, linter findings and the override log of one post-mortem."""
    with unit_of_work(engine, read_only=True) as session:
        row = load_row(session, incident_id)
        return _state(row, blame_findings(to_domain(row), lint))


def _transition(
    engine: Engine,
    incident_id: str,
    version: int,
    now: datetime,
    allowed: tuple[ReviewStatus, ...],
    target: ReviewStatus,
    lint: Linter | None,
    clear: bool = False,
) -> SignOffState:
    try:
        with unit_of_work(engine) as session:
            row = load_row(session, incident_id, for_update=True)
            if row.version != version:
                raise ConflictError(incident_id, version, row.version)
            current = ReviewStatus(row.status)
            if current not in allowed:
                raise WorkflowError(
                    f"{incident_id} is {current.label.lower()}; it must be "
                    f"{' or '.join(s.label.lower() for s in allowed)} to become {target.label.lower()}"
                )
            row.status = target.value
            if clear:
                for sign in row.signoffs:
                    sign.name, sign.date = "", None
            row.updated_at = now
            session.flush()
            return _state(row, blame_findings(to_domain(row), lint))
    except StaleDataError as exc:
        raise ConflictError(incident_id, version, None) from exc


def submit_for_review(
    engine: Engine, incident_id: str, *, version: int, now: datetime, lint: Linter | None = None
) -> SignOffState:
    """Draft -> in review (findings do not block review, only signatures)."""
    return _transition(engine, incident_id, version, now, (ReviewStatus.DRAFT,), ReviewStatus.IN_REVIEW, lint)


def return_to_draft(
    engine: Engine, incident_id: str, *, version: int, now: datetime, lint: Linter | None = None
) -> SignOffState:
    """In review or signed off -> draft; the signatures are cleared (the text will change)."""
    return _transition(
        engine,
        incident_id,
        version,
        now,
        (ReviewStatus.IN_REVIEW, ReviewStatus.SIGNED_OFF),
        ReviewStatus.DRAFT,
        lint,
        clear=True,
    )


def close_review(
    engine: Engine, incident_id: str, *, version: int, now: datetime, lint: Linter | None = None
) -> SignOffState:
    """Signed off -> closed."""
    return _transition(
        engine, incident_id, version, now, (ReviewStatus.SIGNED_OFF,), ReviewStatus.CLOSED, lint
    )


def sign(
    engine: Engine,
    incident_id: str,
    role: str,
    name: str,
    signed_on: date,
    *,
    version: int,
    now: datetime,
    override_reason: str = "",
    lint: Linter | None = None,
) -> SignOffState:
    """Record ``role``'s signature; the last missing role moves the post-mortem to signed off."""
    problems: list[FieldProblem] = []
    name, override_reason = (name or "").strip(), (override_reason or "").strip()
    if role not in SIGN_OFF_ROLES:
        problems.append(
            FieldProblem("role", f"unknown role {role!r}; expected one of {', '.join(SIGN_OFF_ROLES)}")
        )
    if not name:
        problems.append(FieldProblem("name", "is required"))
    if not isinstance(signed_on, date):
        problems.append(FieldProblem("date", "is required (YYYY-MM-DD)"))
    elif signed_on > now.date():
        problems.append(FieldProblem("date", f"{signed_on.isoformat()} is in the future"))
    if override_reason and len(override_reason) < MIN_OVERRIDE_CHARS:
        problems.append(
            FieldProblem(
                "override_reason",
                f"write at least {MIN_OVERRIDE_CHARS} characters: why is the flagged wording acceptable?",
            )
        )
    try:
        with unit_of_work(engine) as session:
            row = load_row(session, incident_id, for_update=True)
            if row.version != version:
                raise ConflictError(incident_id, version, row.version)
            if isinstance(signed_on, date) and signed_on < row.incident_date:
                problems.append(
                    FieldProblem(
                        "date",
                        f"{signed_on.isoformat()} is before the incident ({row.incident_date.isoformat()})",
                    )
                )
            if problems:
                raise ValidationError(problems)
            if row.status != ReviewStatus.IN_REVIEW.value:
                raise WorkflowError(
                    f"{incident_id} is {ReviewStatus(row.status).label.lower()}; only a post-mortem "
                    "in review can be signed"
                )
            findings = blame_findings(to_domain(row), lint)
            blocking = [f for f in findings if f.severity == "error"]
            if blocking and not override_reason:
                raise SignOffBlockedError(blocking)
            if blocking:
                entry = (
                    f"{signed_on.isoformat()} {name} ({role}) signed despite {len(blocking)} "
                    "blame finding(s) "
                    f"[{', '.join(sorted({f.rule_id for f in blocking}))}]: {override_reason}"
                )
                row.signoff_override_reason = "\n".join(x for x in (row.signoff_override_reason, entry) if x)
            existing = {s.role: s for s in row.signoffs}
            if role in existing:
                existing[role].name, existing[role].date = name, signed_on
            else:
                row.signoffs.append(
                    SignOffRow(position=len(row.signoffs), role=role, name=name, date=signed_on)
                )
            signed = {s.role for s in row.signoffs if s.name}
            if all(r in signed for r in SIGN_OFF_ROLES):
                row.status = ReviewStatus.SIGNED_OFF.value
            row.updated_at = now
            session.flush()
            return _state(row, findings)
    except StaleDataError as exc:
        raise ConflictError(incident_id, version, None) from exc
