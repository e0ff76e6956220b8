"""Rules every save of a post-mortem obeys, whichever page or command saves it.

Signatures and the signed-off states are guarded here, not only on the Sign-off page, so that the form cannot
get round the blameless gate: a new signature, or a move to signed off / closed, needs no error-level blame
finding in the text (or an override reason recorded on the Sign-off page), and signed off needs every role's
signature. Imports of historical post-mortems are records of what happened and are not gated.
DR-plan triggers of the saved incident run in the same unit of work, so a new or newly major incident gets
its tasks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from core.errors import FieldProblem, SignOffBlockedError, ValidationError
from core.postmortem import SIGN_OFF_ROLES, PostMortem, ReviewStatus

FINAL_STATES = (ReviewStatus.SIGNED_OFF, ReviewStatus.CLOSED)


def _signatures(pm: PostMortem | None) -> set[tuple[str, str, object]]:
    if pm is None:
        return set()
    return {(s.role, s.name, s.date) for s in pm.signoffs if s.name}


def check_signoff_rules(stored: PostMortem | None, pm: PostMortem) -> None:
    """Refuse signatures or a signed-off status that the workflow does not allow (see module docstring).

    A form save never counts as an override: overrides are written on the Sign-off page, one signature at a time.
    A signed-off or closed post-mortem keeps its wording: changing its text or signatures needs a return to draft,
    which clears the signatures (as ``core.signoff.return_to_draft`` does).
    """
    from core.signoff import blame_findings, linted_texts

    if stored is not None and stored.status in FINAL_STATES:
        if pm.status not in FINAL_STATES:
            for signature in pm.signoffs:
                signature.name, signature.date = "", None
            return
        if linted_texts(pm) != linted_texts(stored) or _signatures(pm) != _signatures(stored):
            raise ValidationError([FieldProblem(
                "status", f"the post-mortem is {stored.status.label.lower()}: its text and signatures stay as "
                          "signed; set the status back to Draft (this clears the signatures) to change them")])
        return
    entering_final = pm.status in FINAL_STATES
    if entering_final:
        signed = {s.role for s in pm.signoffs if s.name}
        missing = [role for role in SIGN_OFF_ROLES if role not in signed]
        if missing:
            raise ValidationError([FieldProblem(
                "status", f"{pm.status.label} needs a signature from every role; missing: {', '.join(missing)}")])
    if not (entering_final or _signatures(pm) - _signatures(stored)):
        return
    blocking = [f for f in blame_findings(pm) if f.severity == "error"]
    if blocking:
        raise SignOffBlockedError(blocking)


def apply_dr_triggers(session: Session, incident_pk: int, now: datetime) -> None:
    """Create the saved incident's DR-plan tasks (every incident, post-major) inside the caller's unit of work.

    Only this incident is looked at, so a save costs the same at 100,000 incidents; the quarterly review task is
    created by ``core.dr_plan.apply_triggers`` (DR plan page, ``lessons reviews``). Tasks are unique per incident,
    so no concurrent save can create the same ones.
    """
    from core.dr_plan import create_incident_tasks

    create_incident_tasks(session, incident_pk, now)
