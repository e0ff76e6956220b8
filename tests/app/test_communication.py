"""The communication page: checklist and the editable, downloadable external summary."""

from __future__ import annotations

from core.communication import get_communication
from tests.app.followup_fixtures import seeded  # noqa: F401 - fixture

PAGE = "pages/communication.py"


def test_communication_page_checklist_and_summary(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE, id=seeded.incident_id)
    summary = at.text_area[0]
    assert summary.value.startswith("## PostgreSQL primary database corrupted") and "Dana" not in summary.value
    at.checkbox(key=f"cm_{seeded.incident_id}_team_meeting").check()
    [b for b in at.button if b.label == "Save checklist"][0].click().run()
    plan = get_communication(app_engine, seeded.incident_id)
    assert plan.items["team_meeting"].done and plan.items["team_meeting"].done_on.isoformat() == "2026-02-12"
    at.text_area[0].input("## Edited\n\nWe changed the disk monitoring.")
    [b for b in at.button if b.label == "Save summary"][0].click().run()
    assert not at.exception
    assert get_communication(app_engine, seeded.incident_id).external_summary == \
        "## Edited\n\nWe changed the disk monitoring.\n"
    assert at.text_area[0].value == "## Edited\n\nWe changed the disk monitoring.\n"
