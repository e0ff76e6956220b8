"""Every save obeys the sign-off rules, and DR-plan triggers run in the same unit of work."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from core.dr_plan import list_tasks
from core.errors import SignOffBlockedError, ValidationError
from core.postmortem import SIGN_OFF_ROLES, ActionItem, ActionStatus, ReviewStatus, Severity, SignOff
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
    [(Severity.SEV1, {"every_incident", "post_major_incident"}), (Severity.SEV3, {"every_incident"})],
)
def test_workflow_saving_creates_the_incidents_own_dr_tasks(engine, severity, triggers):
    create_postmortem(engine, seed_postmortem(incident_date=date(2026, 1, 29)), imported=True)
    stored = create_postmortem(engine, seed_postmortem(severity=severity))
    assert {t.trigger.value for t in list_tasks(engine)} == triggers  # none for the imported record
    assert {t.scope for t in list_tasks(engine)} == {stored.incident_id}


def test_workflow_raising_severity_on_update_adds_the_drill_task(engine):
    stored = create_postmortem(engine, seed_postmortem(severity=Severity.SEV3))
    stored.severity = Severity.SEV2
    update_postmortem(engine, stored)
    assert "post_major_incident" in {t.trigger.value for t in list_tasks(engine, incident_id=stored.incident_id)}


def _signed_off(engine):  # type: ignore[no-untyped-def]
    return create_postmortem(engine, seed_postmortem(status=ReviewStatus.SIGNED_OFF, signoffs=_all_signed()))


def test_workflow_an_override_on_one_signature_does_not_open_the_gate_for_form_saves(engine):
    stored = create_postmortem(engine, seed_postmortem(signoffs=[], status=ReviewStatus.IN_REVIEW))
    from core.signoff import sign

    sign(engine, stored.incident_id, "Incident Commander", "Dana", date(2026, 2, 1), version=stored.version,
         now=datetime(2026, 2, 1, 12), override_reason="The wording quotes the customer's complaint verbatim.")
    current = get_postmortem(engine, stored.incident_id)
    current.whys.append("John was careless and human error caused the outage.")
    current.signoffs = _all_signed()
    current.status = ReviewStatus.SIGNED_OFF
    with pytest.raises(SignOffBlockedError) as info:
        update_postmortem(engine, current)
    assert {p.field for p in info.value.problems} == {"whys[2]"}


def test_workflow_signed_off_text_is_kept_until_the_review_returns_to_draft(engine):
    stored = _signed_off(engine)
    stored.root_cause = "A different root cause"
    with pytest.raises(ValidationError) as info:
        update_postmortem(engine, stored)
    assert [p.field for p in info.value.problems] == ["status"]
    stored.status = ReviewStatus.DRAFT
    reopened = update_postmortem(engine, stored)
    assert reopened.root_cause == "A different root cause"
    assert [s.name for s in reopened.signoffs] == ["", "", ""]


def test_workflow_signed_off_action_items_can_still_be_tracked(engine):
    stored = _signed_off(engine)
    stored.action_items[0].status = ActionStatus.DONE
    stored.action_items[0].completed_on = date(2026, 2, 20)
    assert update_postmortem(engine, stored).action_items_completed == (1, 2)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda items: [items[1], ActionItem("A new item")], [(2, "Update DR runbooks"), (3, "A new item")]),
        (lambda items: [items[0], ActionItem("Replaces the second")],
         [(1, "Implement disk health monitoring"), (2, "Replaces the second")]),
        (lambda items: [replace(items[0], number=2), replace(items[1], number=1)],
         [(1, "Update DR runbooks"), (2, "Implement disk health monitoring")]),
    ],
    ids=["delete-first-add-one", "new-item-takes-a-deleted-number", "swap-numbers"],
)
def test_workflow_action_items_can_be_deleted_and_renumbered_in_one_save(engine, edit, expected):
    stored = create_postmortem(engine, seed_postmortem())
    stored.action_items = edit(stored.action_items)
    saved = update_postmortem(engine, stored)
    assert [(a.number, a.action) for a in saved.action_items] == expected
    assert [(a.number, a.action) for a in get_postmortem(engine, stored.incident_id).action_items] == expected


def test_workflow_check_reports_what_a_save_would_refuse_and_writes_nothing(engine):
    from core.services import check_postmortem, search_incidents

    with pytest.raises(SignOffBlockedError):
        check_postmortem(engine, seed_postmortem(root_cause="Human error caused the outage."), new=True)
    assert check_postmortem(engine, seed_postmortem(), new=True).title
    assert search_incidents(engine) == []
