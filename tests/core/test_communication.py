"""Communication of learnings: checklist storage and the generated external summary."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.communication import (
    ItemState,
    draft_external_summary,
    get_communication,
    save_checklist,
    save_external_summary,
)
from core.errors import ConflictError, StaleEditError, ValidationError
from core.postmortem import ActionStatus
from core.services import create_postmortem, get_postmortem
from tests.core.concurrency import hold_first_writer, run_together
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 10, 9)


def test_communication_checklist_round_trip(engine):
    pm = create_postmortem(engine, seed_postmortem())
    plan = get_communication(engine, pm.incident_id)
    assert list(plan.items) == ["team_meeting", "wiki", "onboarding", "blog_post", "status_page", "customer"]
    assert plan.internal_done == (0, 3)
    plan = save_checklist(engine, pm.incident_id,
                          {"team_meeting": ItemState(True, date(2026, 2, 5), "weekly sync"),
                           "wiki": ItemState(True, None, "https://wiki.example.com/db")}, plan.items, now=NOW)
    assert plan.items["team_meeting"] == ItemState(True, date(2026, 2, 5), "weekly sync")
    assert plan.items["wiki"] == ItemState(True, NOW.date(), "https://wiki.example.com/db")
    assert plan.internal_done == (2, 3)
    plan = save_checklist(engine, pm.incident_id, {"wiki": ItemState(False)}, plan.items, now=NOW)
    assert plan.items["wiki"] == ItemState() and plan.internal_done == (1, 3)


def test_communication_checklist_stale_read_is_reported(engine):
    pm = create_postmortem(engine, seed_postmortem())
    first = get_communication(engine, pm.incident_id)
    save_checklist(engine, pm.incident_id, {"wiki": ItemState(True, date(2026, 2, 6))}, first.items, now=NOW)
    with pytest.raises(StaleEditError):
        save_checklist(engine, pm.incident_id, {"wiki": ItemState(False)}, first.items, now=NOW)
    assert get_communication(engine, pm.incident_id).items["wiki"].done


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"newsletter": ItemState(True)}, "items.newsletter"),
        ({"wiki": ItemState(True, date(2026, 2, 11))}, "items.wiki.done_on"),
        ({"wiki": ItemState(True, date(2026, 1, 1))}, "items.wiki.done_on"),
        ({"wiki": ItemState(False, date(2026, 2, 1))}, "items.wiki.done_on"),
    ],
)
def test_communication_checklist_rejects_bad_items(engine, changes, field):
    pm = create_postmortem(engine, seed_postmortem())
    with pytest.raises(ValidationError) as err:
        save_checklist(engine, pm.incident_id, changes, {}, now=NOW)
    assert [p.field for p in err.value.problems] == [field]


def test_communication_external_summary_is_blameless_and_complete():
    pm = seed_postmortem()
    pm.action_items[0].status = ActionStatus.DONE
    text = draft_external_summary(pm)
    assert text.startswith("## PostgreSQL primary database corrupted after disk failure\n\n*January 30, 2026*")
    for needle in ("**What happened.** A failing disk corrupted the orders database.",
                   "Affected services: checkout-api, orders-db.", "Duration: 1 hours 15 minutes.",
                   "Users affected: 38%.", "No data was lost.", "**What we changed.**",
                   "- Implement disk health monitoring.", "**What we are still improving.**",
                   "- Update DR runbooks."):
        assert needle in text
    for name in ("Dana", "Whitfield", "DevOps", "SRE"):
        assert name not in text
    from lint import lint_text

    assert [f for f in lint_text(text) if f.severity == "error"] == []


def test_communication_external_summary_is_stored_over_its_version(engine):
    pm = create_postmortem(engine, seed_postmortem())
    plan = save_external_summary(engine, pm.incident_id, "  Edited summary.  ", version=pm.version, now=NOW)
    assert plan.external_summary == "Edited summary.\n" and plan.version == pm.version + 1
    assert get_postmortem(engine, pm.incident_id).version == plan.version
    with pytest.raises(ConflictError):
        save_external_summary(engine, pm.incident_id, "Other text", version=pm.version, now=NOW)
    assert get_communication(engine, pm.incident_id).external_summary == "Edited summary.\n"


def test_communication_first_saves_at_once_report_stale_not_a_database_error(engine, monkeypatch):
    import core.communication

    incident = create_postmortem(engine, seed_postmortem()).incident_id
    hold_first_writer(monkeypatch, core.communication, "load_row")
    now = datetime(2026, 2, 5)

    def tick(note: str):  # type: ignore[no-untyped-def]
        return lambda: save_checklist(engine, incident, {"wiki": ItemState(True, None, note)}, {}, now=now)

    assert run_together(tick("first"), tick("second")) == ["StaleEditError", "ok"]
    assert get_communication(engine, incident).items["wiki"].note in ("first", "second")
