"""The follow-up review page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import pages._followup
from core.cadence import mark_step_done
from core.followup import list_followups
from core.services import create_postmortem
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture
from tests.core.factories import seed_postmortem

PAGE = "pages/followup_review.py"
WINDOW_OPEN = datetime(2026, 2, 25, 9, 0)  # the seed incident's 30-day window opened 2026-02-22 09:15


def test_followup_review_page_prefills_and_saves(open_page, seeded, app_engine, monkeypatch):  # noqa: F811
    monkeypatch.setattr(pages._followup, "now", lambda: WINDOW_OPEN)
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


@pytest.mark.parametrize(
    ("now", "notice", "completed", "prevented", "comment"),
    [
        # before the window opens: nothing pre-answered, the due date said
        (datetime(2026, 2, 12, 9, 0), "not due until 2026-03-01", "unknown", "unknown", ""),
        # window open, repeat window (90 days from 2026-01-30) still running: no "prevented" verdict yet
        (WINDOW_OPEN, None, "partly", "unknown", "repeat window runs until 2026-04-30"),
        (datetime(2026, 4, 30, 12, 0), None, "partly", "unknown", "repeat window runs until 2026-04-30"),
        # the repeat window has passed without a similar incident
        (datetime(2026, 5, 1, 9, 0), None, "partly", "yes", "No similar incident since"),
    ],
)
def test_followup_review_page_answers_only_what_the_data_can_tell(
    open_page, seeded, monkeypatch, now, notice, completed, prevented, comment  # noqa: F811
):
    monkeypatch.setattr(pages._followup, "now", lambda: now)
    at = open_page(PAGE, id=seeded.incident_id)
    infos = [i.value for i in at.info]
    assert (any(notice in i for i in infos) if notice else not infos), infos
    assert at.radio(key="fr_30-day_completed").value == completed
    assert at.radio(key="fr_30-day_prevented").value == prevented
    assert comment in at.text_input(key="fr_30-day_prevented_c").value


def test_followup_review_page_a_repeat_is_a_no_at_once(open_page, seeded, app_engine, monkeypatch):  # noqa: F811
    create_postmortem(app_engine, seed_postmortem(incident_date=date(2026, 2, 20), timeline=[], signoffs=[],
                                                  action_items=[]), now=datetime(2026, 2, 20))
    monkeypatch.setattr(pages._followup, "now", lambda: WINDOW_OPEN)
    at = open_page(PAGE, id=seeded.incident_id)
    assert at.radio(key="fr_30-day_prevented").value == "no"
    assert "INC-2026-02-20-001" in at.text_input(key="fr_30-day_prevented_c").value


@pytest.mark.parametrize(
    ("dates", "expected", "kind"),
    [
        # yesterday's incident (30-day review in March) vs the seed incident (30-day review due 2026-03-01)
        ([date(2026, 2, 11)], "INC-2026-01-30-001", "30-day"),
        # an overdue 30-day review comes first
        ([date(2026, 2, 11), date(2025, 12, 1)], "INC-2025-12-01-001", "30-day"),
        # its 30-day review done, its 90-day one (due 2026-03-01 00:00~) is next, before the seed's 09:15
        ([date(2026, 2, 11), date(2025, 12, 1)], "INC-2025-12-01-001", "90-day"),
        # incidents older than a year are not offered by default
        ([date(2026, 2, 11), date(2024, 6, 1)], "INC-2026-01-30-001", "30-day"),
    ],
    ids=["soonest", "overdue-first", "ninety-day", "last-year-only"],
)
def test_followup_review_page_opens_on_the_review_due_soonest(
    open_page, seeded, app_engine, dates, expected, kind  # noqa: F811
):
    for day in dates:
        pm = seed_postmortem(incident_date=day, timeline=[], signoffs=[], action_items=[], category="network",
                             cause="config_change")
        create_postmortem(app_engine, pm, now=datetime(2026, 2, 11))
    if kind == "90-day":
        mark_step_done(app_engine, expected, "followup_30", done_at=datetime(2026, 1, 2), now=NOW)
    at = open_page(PAGE)
    assert at.selectbox(key="fr_incident").value == expected
    assert at.radio(key="fr_kind").value == kind
