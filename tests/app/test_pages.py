"""Every page of the app runs without an exception on an empty and on a filled database."""

from __future__ import annotations

import pytest

from tests.app.conftest import APP
from tests.app.seeding import fill_database

PAGES = [
    "pages/home.py",
    "pages/postmortem_form.py",
    "pages/incidents.py",
    "pages/incident_detail.py",
    "pages/import.py",
]


def _registered_pages() -> list[str]:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    sections = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "SECTIONS"
    )
    return [p[0] for pages in ast.literal_eval(sections).values() for p in pages]


def test_pages_every_issue_page_is_registered_in_navigation():
    assert set(PAGES) <= set(_registered_pages())


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
@pytest.mark.parametrize("page", PAGES)
def test_pages_run_without_exception(open_page, app_engine, page, filled):
    if filled:
        fill_database(app_engine)
    at = open_page(page)
    assert not at.exception
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", sorted(set(_registered_pages()) - set(PAGES)))
def test_pages_other_registered_pages_run_on_a_filled_database(open_page, app_engine, page):
    fill_database(app_engine)
    at = open_page(page)
    assert not at.exception
