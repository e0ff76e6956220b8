"""The detail page: template order, user text as text, derived figures, edit, downloads."""

from __future__ import annotations

import json
import re

import pytest
import streamlit.testing.v1.app_test as app_test_module
import yaml
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from core.services import create_postmortem
from tests.core.factories import seed_postmortem

PAGE = "pages/incident_detail.py"


class _RecordingStorage(MemoryMediaFileStorage):
    """The AppTest's media storage, kept so that a test can read what a download button offers."""

    instances: list[MemoryMediaFileStorage] = []

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _RecordingStorage.instances.append(self)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    _RecordingStorage.instances = []
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _RecordingStorage)

    def content(button) -> str:  # type: ignore[no-untyped-def]
        file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
        for storage in reversed(_RecordingStorage.instances):
            try:
                return storage.get_file(file_id).content.decode("utf-8")
            except Exception:  # noqa: BLE001, S112 - not in this run's storage
                continue
        raise AssertionError(f"no file {file_id}")

    return content


def test_incident_detail_offers_the_three_downloads(open_page, app_engine, downloads):
    pytest.importorskip("core.export")
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(PAGE, id=stored.incident_id)
    buttons = {b.label: b for b in at.download_button}
    assert set(buttons) == {"Markdown", "YAML", "JSON"}
    markdown = downloads(buttons["Markdown"])
    assert markdown.startswith("# Post-Mortem: PostgreSQL primary database corrupted after disk failure\n")
    assert "**Incident ID:** INC-2026-01-30-001" in markdown
    assert "| P0 | Implement disk health monitoring | DevOps | 2026-02-15 | Open |" in markdown
    assert yaml.safe_load(downloads(buttons["YAML"]))["incident_id"] == "INC-2026-01-30-001"
    assert json.loads(downloads(buttons["JSON"]))["incident_id"] == "INC-2026-01-30-001"
    assert buttons["Markdown"].proto.url.endswith(".md")


def test_incident_detail_shows_derived_figures(open_page, app_engine):
    pm = seed_postmortem()
    pm.action_items[0].status = "Done"
    stored = create_postmortem(app_engine, pm)
    at = open_page(PAGE, id=stored.incident_id)
    figures = {m.label: m.value for m in at.metric}
    assert figures == {
        "Duration": "1 h 15 min",
        "TTD": "5 min",
        "TTR": "1 h 15 min",
        "Action items completed": "1/2",
    }


def test_incident_detail_sections_in_template_order(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(PAGE, id=stored.incident_id)
    headings = [h.value for h in at.subheader]
    template = [
        "Executive Summary",
        "Impact Assessment",
        "Timeline",
        "Root Cause Analysis",
        "Resolution",
        "What Went Well",
        "What Could Be Improved",
        "Action Items",
        "Lessons Learned",
        "Attachments",
        "Sign-Off",
    ]
    assert [h for h in headings if h in template] == template


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "**not bold** [not a link](javascript:alert(1))",
    ],
)
def test_incident_detail_user_text_is_shown_as_text(open_page, app_engine, text):
    stored = create_postmortem(
        app_engine,
        seed_postmortem(executive_summary=text, title=f"T {text}", went_well=[text], reporter=text),
    )
    at = open_page(PAGE, id=stored.incident_id)
    assert not at.get("html")
    assert text in [t.value for t in at.text]  # the executive summary: a text element
    for block in at.markdown:
        # Wherever user text sits inside Markdown, every Markdown and HTML character is escaped.
        assert not re.search(r"(?<!\\)[<>\[\]*]", block.value.replace("**", "")), block.value


def test_incident_detail_edit_opens_the_form_for_this_incident(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(PAGE, id=stored.incident_id)
    next(b for b in at.button if b.label == "Edit").click().run()
    assert not at.exception
    assert at.title[0].value.replace("\\", "") == f"Edit {stored.incident_id}"
    assert at.text_input(key=f"pm.{stored.incident_id}.0.title").value == stored.title


def test_incident_detail_unknown_id_says_so(open_page, app_engine):
    at = open_page(PAGE, id="INC-2026-01-30-999")
    assert "There is no incident" in at.error[0].value


def test_incident_detail_without_id_offers_a_picker(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem())
    at = open_page(PAGE)
    at.selectbox[0].set_value(stored.incident_id).run()
    assert at.title[0].value.startswith("Post-Mortem: ")


def test_incident_detail_shows_lint_panel(open_page, app_engine):
    stored = create_postmortem(app_engine, seed_postmortem(summary="John forgot to renew the certificate."))
    at = open_page(PAGE, id=stored.incident_id)
    panel = next(e for e in at.expander if e.label == "Blameless language check")
    try:
        from lint import lint_text  # noqa: F401
    except ImportError:
        assert "No language check" in panel.info[0].value
    else:
        findings = panel.dataframe[0].value
        summary = findings[findings["field"] == "Summary"]
        assert list(summary["text"]) == ["John forgot to renew"]
        assert summary["suggestion"].iloc[0]
        assert not (findings["field"] == "Executive summary").any()
