"""Home: open reviews with their status, recent incidents, and the empty state that loads sample data."""

from __future__ import annotations

import pytest

from core.services import count_incidents
from tests.app.seeding import fill_database

PAGE = "pages/home.py"


def test_home_empty_database_offers_sample_data_and_entry(open_page):
    at = open_page(PAGE)
    assert [h.value for h in at.subheader] == ["No incidents yet"]
    assert [b.label for b in at.button] == ["Load sample data"]
    assert {p.proto.page for p in at.get("page_link")} >= {"postmortem_form", "import"}


@pytest.mark.slow
def test_home_load_sample_data_fills_the_database(open_page, app_engine):
    pytest.importorskip("core.demo")
    at = open_page(PAGE)
    at.button[0].click().run(timeout=300)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    loaded = count_incidents(app_engine)
    assert loaded >= 250
    assert f"Loaded {loaded:,} sample incidents." in at.success[0].value
    assert at.metric[0].value == f"{loaded:,}"


def test_home_lists_open_reviews_with_status_and_recent_incidents(open_page, app_engine):
    fill_database(app_engine)
    at = open_page(PAGE)
    assert [h.value for h in at.subheader] == ["Open reviews", "Recent incidents"]
    open_reviews, recent = (d.value for d in at.dataframe)
    assert list(open_reviews["incident"]) == [
        "INC-2025-03-02-001",
        "INC-2025-11-04-001",
        "INC-2026-01-30-001",
    ]
    assert list(open_reviews["status"]) == ["Signed off", "In review", "Draft"]
    assert list(recent["incident"])[0] == "INC-2026-01-30-001" and len(recent) == 4
    assert {m.label: m.value for m in at.metric} == {
        "Incidents": "4",
        "Draft": "1",
        "In review": "1",
        "Signed off": "1",
    }
