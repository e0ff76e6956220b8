"""Sign-off workflow against the real blameless-language linter."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.errors import ConflictError, SignOffBlockedError, ValidationError, WorkflowError
from core.postmortem import ReviewStatus
from core.services import create_postmortem, get_postmortem, update_postmortem
from core.signoff import (
    blame_findings,
    close_review,
    linted_texts,
    return_to_draft,
    sign,
    signoff_state,
    submit_for_review,
)
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 3, 10)
BLAME = "Human error caused the outage."


@pytest.fixture
def in_review(engine):
    pm = create_postmortem(engine, seed_postmortem(signoffs=[]))
    state = submit_for_review(engine, pm.incident_id, version=pm.version, now=NOW)
    return engine, state


def _sign_all(engine, state, **kwargs):  # type: ignore[no-untyped-def]
    for role, name in (("Incident Commander", "Dana Whitfield"), ("Engineering Manager", "Kim Ho"),
                       ("Product Manager", "Pat Lu")):
        state = sign(engine, state.incident_id, role, name, date(2026, 2, 2), version=state.version, now=NOW,
                     **kwargs)
    return state


def test_signoff_clean_post_mortem_is_signed_off_by_three_roles(in_review):
    engine, state = in_review
    assert state.status is ReviewStatus.IN_REVIEW and state.missing_roles == list(state.signatures)
    state = sign(engine, state.incident_id, "Incident Commander", "Dana Whitfield", date(2026, 2, 2),
                 version=state.version, now=NOW)
    assert state.status is ReviewStatus.IN_REVIEW and state.missing_roles == ["Engineering Manager",
                                                                             "Product Manager"]
    state = _sign_all(engine, state)
    assert state.status is ReviewStatus.SIGNED_OFF and state.override_log == ""
    stored = get_postmortem(engine, state.incident_id)
    assert [(s.role, s.name, s.date) for s in stored.signoffs] == [
        ("Incident Commander", "Dana Whitfield", date(2026, 2, 2)),
        ("Engineering Manager", "Kim Ho", date(2026, 2, 2)),
        ("Product Manager", "Pat Lu", date(2026, 2, 2)),
    ]
    assert close_review(engine, state.incident_id, version=state.version, now=NOW).status is ReviewStatus.CLOSED


def _with_blame(engine, state):  # type: ignore[no-untyped-def]
    pm = get_postmortem(engine, state.incident_id)
    pm.whys = ["Write operation failed", BLAME]
    pm = update_postmortem(engine, pm, now=NOW)
    return signoff_state(engine, pm.incident_id)


def test_signoff_blame_finding_blocks_every_signature(in_review):
    engine, state = in_review
    state = _with_blame(engine, state)
    assert [(f.field, f.severity) for f in state.blocking] == [("whys[1]", "error")]
    with pytest.raises(SignOffBlockedError) as err:
        sign(engine, state.incident_id, "Incident Commander", "Dana", date(2026, 2, 2), version=state.version,
             now=NOW)
    assert err.value.findings[0].field == "whys[1]"
    assert signoff_state(engine, state.incident_id).signatures["Incident Commander"] == ("", None)


def test_signoff_override_reason_is_required_long_enough_and_kept(in_review):
    engine, state = in_review
    state = _with_blame(engine, state)
    with pytest.raises(ValidationError, match="override_reason"):
        sign(engine, state.incident_id, "Incident Commander", "Dana", date(2026, 2, 2), version=state.version,
             now=NOW, override_reason="ok")
    reason = "The sentence quotes the customer's ticket verbatim."
    state = _sign_all(engine, state, override_reason=reason)
    assert state.status is ReviewStatus.SIGNED_OFF
    log = signoff_state(engine, state.incident_id).override_log.splitlines()
    assert len(log) == 3 and all(reason in line and "BL004" in line for line in log)
    assert log[1].startswith("2026-02-02 Kim Ho (Engineering Manager)")


@pytest.mark.parametrize(
    ("role", "name", "day", "field"),
    [
        ("CEO", "Kim", date(2026, 2, 2), "role"),
        ("Product Manager", " ", date(2026, 2, 2), "name"),
        ("Product Manager", "Kim", date(2026, 2, 4), "date"),  # after NOW: future
        ("Product Manager", "Kim", date(2026, 1, 29), "date"),  # before the incident
    ],
)
def test_signoff_bad_signatures_are_named(in_review, role, name, day, field):
    engine, state = in_review
    with pytest.raises(ValidationError) as err:
        sign(engine, state.incident_id, role, name, day, version=state.version, now=NOW)
    assert [p.field for p in err.value.problems] == [field]


def test_signoff_workflow_order_is_enforced(engine):
    pm = create_postmortem(engine, seed_postmortem(signoffs=[]))
    with pytest.raises(WorkflowError, match="draft"):
        sign(engine, pm.incident_id, "Product Manager", "Pat", date(2026, 2, 2), version=pm.version, now=NOW)
    with pytest.raises(WorkflowError):
        close_review(engine, pm.incident_id, version=pm.version, now=NOW)
    state = submit_for_review(engine, pm.incident_id, version=pm.version, now=NOW)
    with pytest.raises(WorkflowError):
        submit_for_review(engine, pm.incident_id, version=state.version, now=NOW)


def test_signoff_stale_version_is_a_conflict(in_review):
    engine, state = in_review
    with pytest.raises(ConflictError):
        sign(engine, state.incident_id, "Product Manager", "Pat", date(2026, 2, 2), version=state.version - 1,
             now=NOW)


def test_signoff_return_to_draft_clears_signatures(in_review):
    engine, state = in_review
    state = _sign_all(engine, state)
    state = return_to_draft(engine, state.incident_id, version=state.version, now=NOW)
    assert state.status is ReviewStatus.DRAFT and all(name == "" for name, _ in state.signatures.values())


def test_signoff_lints_every_prose_field():
    pm = seed_postmortem()
    fields = [f for f, _ in linted_texts(pm)]
    assert {"title", "summary", "executive_summary", "whys[0]", "root_cause", "timeline[0].event",
            "action_items[1].action", "lessons.process[0]"} <= set(fields)
    assert blame_findings(pm, lambda text: []) == []
