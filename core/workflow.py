"""Rules every save of a post-mortem obeys, whichever page or command saves it.

Signatures and the signed-off states are guarded here, not only on the Sign-off page, so that the form cannot
get round the blameless gate: a new signature, or a move to signed off / closed, needs no error-level blame
finding in the text (or an override reason recorded on the Sign-off page), and signed off needs every role's
signature. Imports of historical post-mortems are records of what happened and are not gated.
DR-plan triggers run in the same unit of work as the save, so a new or newly major incident gets its tasks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import FieldProblem, SignOffBlockedError, ValidationError
from core.postmortem import SIGN_OFF_ROLES, PostMortem, ReviewStatus

FINAL_STATES = (ReviewStatus.SIGNED_OFF, ReviewStatus.CLOSED)


def _signatures(pm: PostMortem | None) -> set[tuple[str, str, object]]:
    if pm is None:
        return set()
    return {(s.role, s.name, s.date) for s in pm.signoffs if s.name}


def check_signoff_rules(stored: PostMortem | None, pm: PostMortem, *, override_reason: str = "") -> None:
    """Refuse signatures or a signed-off status that the workflow does not allow (see module docstring)."""
    entering_final = pm.status in FINAL_STATES and (stored is None or stored.status not in FINAL_STATES)
    new_signatures = _signatures(pm) - _signatures(stored)
    if entering_final:
        signed = {s.role for s in pm.signoffs if s.name}
        missing = [role for role in SIGN_OFF_ROLES if role not in signed]
        if missing:
            raise ValidationError([FieldProblem(
                "status", f"{pm.status.label} needs a signature from every role; missing: {', '.join(missing)}")])
    if not (entering_final or new_signatures) or override_reason.strip():
        return
    from core.signoff import blame_findings

    blocking = [f for f in blame_findings(pm) if f.severity == "error"]
    if blocking:
        raise SignOffBlockedError(blocking)


def apply_dr_triggers(session: Session, now: datetime) -> None:
    """Create the DR-plan tasks the stored incidents call for, inside the caller's unit of work."""
    from core.dr_plan import create_missing_tasks

    try:
        with session.begin_nested():
            create_missing_tasks(session, now)
    except IntegrityError:
        pass  # a concurrent save created the same tasks (unique trigger + scope): nothing left to do
