"""The Reviews due page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.cadence import Step, incident_cadence
from core.services import create_postmortem
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture
from tests.core.factories import seed_postmortem

PAGE = "pages/reviews_due.py"


def test_reviews_due_page_lists_overdue_steps_and_dr_tasks(open_page, seeded):  # noqa: F811
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert list(table["What"][:2]) == ["Data collection", "Post-mortem meeting"]
    assert set(table["State"][:2]) == {"overdue"}
    assert any(w.startswith("Review and update the runbook") for w in table["What"])
    assert {m.label: m.value for m in at.metric}["Overdue"] == "2"


def test_reviews_due_page_marks_a_step_done(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE, id=seeded.incident_id)
    at.selectbox[1].set_value(Step.MEETING)
    at.text_input[0].input("notes in the wiki")
    [b for b in at.button if b.label == "Save"][0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    meeting = {s.step: s for s in incident_cadence(app_engine, seeded.incident_id, now=NOW)}[Step.MEETING]
    assert meeting.done_at == datetime(2026, 2, 12, 9, 0) and meeting.note == "notes in the wiki"


@pytest.mark.parametrize(
    ("since", "incidents"),
    [
        (date(2024, 1, 1), {"INC-2024-05-06-001", "INC-2026-01-30-001"}),
        (date(2025, 12, 3), {"INC-2026-01-30-001"}),  # the 2024 runbook review and drill are not listed
    ],
)
def test_reviews_due_page_dr_tasks_follow_only_incidents_since(
    open_page, seeded, app_engine, since, incidents  # noqa: F811
):
    create_postmortem(app_engine, seed_postmortem(incident_date=date(2024, 5, 6), timeline=[], signoffs=[],
                                                  action_items=[]), now=datetime(2026, 2, 1))
    at = open_page(PAGE)
    at.date_input(key="rd_since").set_value(since).run()
    table = at.dataframe[0].value
    dr = table[table["Kind"] == "dr-task"]
    assert set(dr["Incident"]) == incidents
    assert set(table["Incident"]) <= incidents | {"2026-Q1", "2026"}
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Due or coming up"] == str(len(table))
    assert metrics["Overdue"] == str(int((table["State"] == "overdue").sum()))
