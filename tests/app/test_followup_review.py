"""The follow-up review page."""

from __future__ import annotations

from core.followup import list_followups
from tests.app.followup_fixtures import seeded  # noqa: F401 - fixture

PAGE = "pages/followup_review.py"


def test_followup_review_page_prefills_and_saves(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE, id=seeded.incident_id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Action items done"] == "1/4"
    assert at.radio(key="fr_30-day_completed").value == "partly"
    assert at.text_input(key="fr_30-day_completed_c").value == "1/4 action items done"
    [b for b in at.button if b.label == "Save review"][0].click().run()
    assert any("reviewer" in e.value for e in at.error)
    at.text_input(key="fr_30-day_reviewer").input("Tia Team Lead")
    [b for b in at.button if b.label == "Save review"][0].click().run()
    [review] = list_followups(app_engine, seeded.incident_id)
    assert review.reviewer == "Tia Team Lead" and review.answers["completed"].choice == "partly"
    assert review.figures["done"] == 1
