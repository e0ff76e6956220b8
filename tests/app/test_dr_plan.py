"""The DR plan page: triggers run on open, tasks listed, a failed test creates the emergency update."""

from __future__ import annotations

from datetime import datetime

import pytest

import pages._followup
from core.dr_plan import list_tasks
from tests.app.followup_fixtures import seeded  # noqa: F401 - fixture

PAGE = "pages/dr_plan.py"


def test_dr_plan_page_shows_trigger_tasks_and_records_a_failed_test(open_page, seeded, app_engine):  # noqa: F811
    at = open_page(PAGE)
    owners = list(at.dataframe[0].value["Owner"])
    assert sorted(owners) == ["Incident Commander", "Infrastructure Lead", "SRE"]
    at.radio[0].set_value("failed")
    [b for b in at.button if b.label == "Record test"][0].click().run()
    assert any("notes" in e.value for e in at.error)
    at.text_area[0].input("Restore exceeded the RTO")
    [b for b in at.button if b.label == "Record test"][0].click().run()
    assert [t.owner_role for t in list_tasks(app_engine, triggers=["failed_test"])] == ["DevOps"]
    at.checkbox[0].check()
    [t for t in at.text_input if t.label == "Reviewer"][0].input("Infra Lead")
    [b for b in at.button if b.label == "Save checklist"][0].click().run()
    assert any("Checklist saved" in s.value for s in at.success)


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (datetime(2026, 2, 12, 9, 0), {"0 overdue": 4, ":red[**1 overdue**]": 0}),  # runbook due 2026-02-13
        (datetime(2026, 2, 20, 9, 0), {"0 overdue": 3, ":red[**1 overdue**]": 1}),  # the runbook is late
    ],
)
def test_dr_plan_page_shows_overdue_counts_as_plain_numbers(open_page, seeded, monkeypatch, now, overdue):  # noqa: F811
    monkeypatch.setattr(pages._followup, "now", lambda: now)
    at = open_page(PAGE)
    assert all(m.proto.delta == "" for m in at.metric)  # no arrow, no change indicator
    captions = [c.value for c in at.caption]
    assert {text: captions.count(text) for text in overdue} == overdue
