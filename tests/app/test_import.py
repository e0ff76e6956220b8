"""Import: upload Markdown post-mortems, see per file what was placed and what not, confirm to save."""

from __future__ import annotations

import pytest

from core.services import count_incidents, get_postmortem
from tests.conftest import SHARED

PAGE = "pages/import.py"
SAMPLE = (SHARED / "samples" / "INC-2026-01-30-001.md").read_bytes()
EXTRA_SECTION = SAMPLE + b"\n## Customer Quotes\n\nThe checkout spinner never stopped.\n"


@pytest.fixture(autouse=True)
def _importer():  # type: ignore[no-untyped-def]
    pytest.importorskip("core.importer")


def _upload(at, files):  # type: ignore[no-untyped-def]
    at.file_uploader[0].set_value([(name, data, "text/markdown") for name, data in files]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_import_preview_shows_placed_and_unplaced_per_file_and_saves_nothing(open_page, app_engine):
    at = _upload(open_page(PAGE), [("incident.md", EXTRA_SECTION), ("notes.md", b"just some words\n")])
    summary = next(d.value for d in at.dataframe if "file" in d.value.columns)
    assert list(summary["file"]) == ["incident.md", "notes.md"]
    assert list(summary["readable"]) == ["yes", "no"]
    assert summary.loc[0, "not placed"] == 1
    incident = next(e for e in at.expander if e.label == "incident\\.md")
    assert "Customer Quotes" in " ".join(m.value for m in incident.markdown)
    assert "The checkout spinner never stopped." in [t.value for t in incident.text]
    notes = next(e for e in at.expander if e.label == "notes\\.md")
    assert "Cannot import this file" in notes.error[0].value
    assert count_incidents(app_engine) == 0


def test_import_confirm_saves_the_readable_files(open_page, app_engine):
    at = _upload(open_page(PAGE), [("incident.md", SAMPLE), ("broken.md", b"\xff\xfe not markdown")])
    button = next(b for b in at.button if b.label.startswith("Save 1 post-mortem"))
    assert "skip 1 unreadable file" in button.label
    button.click().run()
    assert not at.exception
    assert "Saved 1 post-mortem(s)." in at.success[0].value
    assert (
        get_postmortem(app_engine, "INC-2026-01-30-001").title
        == "PostgreSQL primary database corrupted after disk failure"
    )
    assert count_incidents(app_engine) == 1


def test_import_several_files_at_once(open_page, app_engine):
    second = (SHARED / "samples" / "checkout-latency-2025-11-04.md").read_bytes()
    at = _upload(open_page(PAGE), [("a.md", SAMPLE), ("b.md", second)])
    next(b for b in at.button if b.label.startswith("Save 2 post-mortem")).click().run()
    assert not at.exception
    assert count_incidents(app_engine) == 2


def test_import_nothing_readable_offers_no_save(open_page, app_engine):
    at = _upload(open_page(PAGE), [("empty.md", b"")])
    assert not [b for b in at.button if b.label.startswith("Save")]
    assert any("No file can be imported" in e.value for e in at.error)
