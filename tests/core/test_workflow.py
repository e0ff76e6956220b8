"""Every save obeys the sign-off rules, and DR-plan triggers run in the same unit of work."""

from __future__ import annotations

from datetime import date

import pytest

from core.dr_plan import list_tasks
from core.errors import SignOffBlockedError, ValidationError
from core.postmortem import SIGN_OFF_ROLES, ReviewStatus, Severity, SignOff
from core.services import create_postmortem, get_postmortem, update_postmortem
from tests.core.factories import seed_postmortem


def _all_signed() -> list[SignOff]:
    return [SignOff(role, f"Signer {i}", date(2026, 2, 2)) for i, role in enumerate(SIGN_OFF_ROLES)]


@pytest.mark.parametrize(
    ("overrides", "error", "field"),
    [
        ({"status": ReviewStatus.SIGNED_OFF, "signoffs": []}, ValidationError, "status"),
        ({"status": ReviewStatus.CLOSED, "signoffs": _all_signed()[:2]}, ValidationError, "status"),
        ({"root_cause": "Human error caused the outage."}, SignOffBlockedError, None),
        ({"status": ReviewStatus.SIGNED_OFF, "signoffs": _all_signed(),
          "whys": ["John didn't follow the procedure.", "Human error caused the outage."]}, SignOffBlockedError, None),
    ],
    ids=["signed-off-without-signatures", "closed-missing-a-role", "signature-over-human-error",
         "signed-off-over-blame"],
)
def test_workflow_form_saves_cannot_get_round_the_signoff_gate(engine, overrides, error, field):
    with pytest.raises(error) as info:
        create_postmortem(engine, seed_postmortem(**overrides))
    if field:
        assert field in [p.field for p in info.value.problems]


def test_workflow_signatures_on_blameless_text_and_imports_are_accepted(engine):
    signed = create_postmortem(engine, seed_postmortem(status=ReviewStatus.SIGNED_OFF, signoffs=_all_signed()))
    assert signed.status is ReviewStatus.SIGNED_OFF
    historical = create_postmortem(engine, seed_postmortem(root_cause="Human error caused the outage."),
                                   imported=True)
    assert historical.signoffs[0].name == "Dana Whitfield"


def test_workflow_update_adding_a_signature_over_blame_is_refused(engine):
    stored = create_postmortem(engine, seed_postmortem(signoffs=[], root_cause="Human error caused the outage."))
    stored.signoffs = [SignOff("Incident Commander", "Dana Whitfield", date(2026, 2, 1))]
    with pytest.raises(SignOffBlockedError):
        update_postmortem(engine, stored)
    assert get_postmortem(engine, stored.incident_id).signoffs == []


@pytest.mark.parametrize(
    ("severity", "triggers"),
    [(Severity.SEV1, {"every_incident", "post_major_incident", "quarterly"}),
     (Severity.SEV3, {"every_incident", "quarterly"})],
)
def test_workflow_saving_creates_the_dr_tasks_of_the_triggers(engine, severity, triggers):
    stored = create_postmortem(engine, seed_postmortem(severity=severity))
    assert {t.trigger.value for t in list_tasks(engine)} == triggers
    assert {t.trigger.value for t in list_tasks(engine, incident_id=stored.incident_id)} == triggers - {"quarterly"}


def test_workflow_raising_severity_on_update_adds_the_drill_task(engine):
    stored = create_postmortem(engine, seed_postmortem(severity=Severity.SEV3))
    stored.severity = Severity.SEV2
    update_postmortem(engine, stored)
    assert "post_major_incident" in {t.trigger.value for t in list_tasks(engine, incident_id=stored.incident_id)}
