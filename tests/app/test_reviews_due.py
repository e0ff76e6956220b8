"""The Reviews due page."""

from __future__ import annotations

from datetime import datetime

from core.cadence import Step, incident_cadence
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture

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
