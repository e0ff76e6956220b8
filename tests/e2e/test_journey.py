"""The main journey in a real browser: enter a post-mortem, find it, open it, download its Markdown."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.streamlit_page import add_editor_row, goto, wait_idle

pytestmark = pytest.mark.e2e


def _sidebar_link(page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stSidebarNav'] a", has_text=name).first


def test_journey_enter_find_open_download(page, app_url, tmp_path):
    title = f"Orders database corrupted after disk failure {uuid.uuid4().hex[:6]}"
    goto(page, app_url)
    assert page.locator("h1", has_text="Lessons").is_visible()

    # Enter the post-mortem.
    _sidebar_link(page, "New post-mortem").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Title", exact=True).fill(title)
    # The date field has one segment per part (YYYY-MM-DD); typing fills them left to right.
    page.get_by_label("Date", exact=True).get_by_role("spinbutton").first.click()
    page.keyboard.type("20260130")
    page.keyboard.press("Tab")
    page.get_by_role("textbox", name="Reporter", exact=True).fill("Dana Whitfield")
    page.get_by_role("textbox", name="Executive summary", exact=True).fill(
        "A failing disk corrupted the orders database."
    )

    # Times are typed as HH:MM (on the incident date); the Marks stay empty: the wording gives them.
    page.get_by_role("tab", name="Timeline").click()
    timeline = page.locator("[data-testid='stDataFrame']").first
    add_editor_row(page, timeline, 0, ["08:00", "First error logged", "orders-db"])
    add_editor_row(page, timeline, 1, ["09:15", "Service fully restored", "Dana Whitfield"])

    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    page.get_by_role("tab", name="Action items").click()
    actions = page.locator("[data-testid='stTabPanel']:visible [data-testid='stDataFrame']").first
    add_editor_row(page, actions, 0, [None, None, "Implement disk health monitoring", "DevOps", "2026-02-15"])

    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    wait_idle(page)
    saved = page.locator("[data-testid='stAlertContentSuccess']", has_text="Saved INC-2026-01-30-")
    saved.wait_for()
    incident_id = re.search(r"INC-2026-01-30-\d{3}", saved.inner_text()).group(0)  # type: ignore[union-attr]
    assert "row 1 Impact started, row 2 Resolved (service restored)" in saved.inner_text()
    assert f"id={incident_id}" in page.url

    # Find it in the incident list.
    _sidebar_link(page, "Incidents").click()
    wait_idle(page)
    search = page.get_by_role("textbox", name="Search", exact=True)
    search.fill(title)
    search.press("Enter")
    wait_idle(page)
    assert "q=" in page.url
    assert page.locator("[data-testid='stMetric']", has_text="Matching").inner_text().split()[-1] == "1"
    listing = page.locator("[data-testid='stDataFrame']").first
    assert listing.locator("td", has_text=incident_id).count() == 1

    # Open it: select its row.
    box = listing.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
    wait_idle(page)
    page.locator("h1", has_text="Post-Mortem:").wait_for()
    assert f"id={incident_id}" in page.url
    page.screenshot(path=str(tmp_path / "detail.png"), full_page=True)

    # Download the Markdown and check it.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Markdown").click()
    download = download_info.value
    assert download.suggested_filename == f"{incident_id}.md"
    markdown = open(download.path(), encoding="utf-8").read()
    (tmp_path / "download.md").write_text(markdown, encoding="utf-8")
    assert markdown.startswith(f"# Post-Mortem: {title}\n")
    assert f"**Incident ID:** {incident_id}" in markdown
    assert "**Reporter:** Dana Whitfield" in markdown
    assert "**Duration:** 1 hours 15 minutes" in markdown
    assert "| 08:00 | First error logged | orders-db |" in markdown
    assert "| 09:15 | Service fully restored | Dana Whitfield |" in markdown
    assert "| 1 | P1 | Implement disk health monitoring | DevOps | 2026-02-15 | Open |" in markdown
