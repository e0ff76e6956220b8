"""The blameless linter page: empty state, seed rewordings, one-click fixes, undo, downloads, bad uploads.

The spaCy pipeline is cached by the `lint` library per process, so only the first test pays for loading it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from pages._shared import escape_markdown

PAGE = "pages/lint.py"
DRAFT = "lint.draft"

pytest.importorskip("spacy")


class _RecordingStorage(MemoryMediaFileStorage):
    """The AppTest's media storage, kept so that a test can read what a download button offers."""

    instances: list[MemoryMediaFileStorage] = []

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        _RecordingStorage.instances.append(self)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """Read the content a download button offers."""
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


@pytest.fixture
def lint_page(open_page: Callable[..., AppTest]) -> Callable[[str], AppTest]:
    """Open the page and lint ``draft`` (typed into the text area)."""

    def _open(draft: str = "") -> AppTest:
        at = open_page(PAGE)
        if draft:
            at.text_area(key=DRAFT).input(draft).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def _findings(at: AppTest) -> pd.DataFrame:
    """The findings table of the page (empty when there is none)."""
    for frame in at.dataframe:
        if "line:col" in frame.value.columns:
            return frame.value
    return pd.DataFrame(columns=["#", "line:col", "rule", "suggestions"])


def _apply_buttons(at: AppTest) -> dict[str, str]:
    """Apply buttons by label (labels are escaped Markdown) -> key."""
    return {b.label: b.key for b in at.button if (b.key or "").startswith("lint.apply.")}


def test_lint_page_runs_on_an_empty_draft(lint_page):
    at = lint_page()
    assert at.title[0].value == "Blameless linter"
    assert "Nothing to check yet" in at.info[0].value
    assert not at.download_button, "nothing to download before there is a draft"


def test_lint_page_whitespace_only_draft_is_the_empty_state(lint_page):
    at = lint_page("   \n\n  ")
    assert "Nothing to check yet" in at.info[0].value


@pytest.mark.parametrize(
    ("sentence", "rule", "rewording"),
    [
        ("Someone deleted the database.", "BL001", "The database was deleted."),
        ("John didn't follow the procedure.", "BL002", "The procedure was unclear."),
        ("Human error caused the outage.", "BL004", "The system allowed an unsafe action."),
        ("They should have known better.", "BL005", "The training didn't cover this scenario."),
    ],
)
def test_lint_page_seed_sentences_show_their_exact_rewording(lint_page, sentence, rule, rewording):
    at = lint_page(sentence)
    table = _findings(at)
    assert list(table["rule"]) == [rule]
    assert table["line:col"][0] == "1:1"
    assert table["suggestions"][0].split(" / ")[0] == rewording
    assert escape_markdown(rewording) in _apply_buttons(at)
    assert at.metric[0].value == "1"


@pytest.mark.parametrize(
    "draft",
    [
        "The deploy failed at 08:02 and the on-call engineer was paged at 08:10.",
        "# Summary\n\nThe script had a mistake. The service should have returned cached data.\n",
        "John restored the database from the 07:00 snapshot.",
        "<!-- blameless-disable-next-line BL001 -->\nSomeone deleted the database.",
        "```sh\n# Someone deleted the database.\n```",
    ],
    ids=["deploy", "markdown", "restored", "switch", "code"],
)
def test_lint_page_clean_draft_shows_no_findings(lint_page, draft):
    at = lint_page(draft)
    assert _findings(at).empty
    assert at.metric[0].value == "0"
    assert "No blame language found" in at.success[0].value


def test_lint_page_applying_a_suggestion_rewrites_only_that_sentence(lint_page):
    draft = "# Review\n\nThe deploy failed.  Someone deleted the database. The alert fired.\n"
    at = lint_page(draft)
    at.button(key=_apply_buttons(at)[escape_markdown("The database was deleted.")]).click().run()
    assert not at.exception
    revised = "# Review\n\nThe deploy failed.  The database was deleted. The alert fired.\n"
    assert at.text_area(key=DRAFT).value == revised
    assert _findings(at).empty
    assert at.success[0].value.startswith("Line 3")


@pytest.mark.parametrize(
    ("draft", "revised"),
    [
        ("Intro.\nSomeone deleted\nthe database. The alert fired.\n",
         "Intro.\nThe database was deleted. The alert fired.\n"),
        ("- Someone deleted the database.\n- The alert fired.\n",
         "- The database was deleted.\n- The alert fired.\n"),
    ],
    ids=["wrapped", "list-item"],
)
def test_lint_page_applying_a_suggestion_to_a_wrapped_or_listed_sentence(lint_page, draft, revised):
    at = lint_page(draft)
    at.button(key="lint.apply.1.0").click().run()
    assert at.text_area(key=DRAFT).value == revised
    assert _findings(at).empty


def test_lint_page_sentence_with_a_link_is_left_for_the_author(lint_page):
    draft = "Someone deleted the [database](https://example.com/db)."
    at = lint_page(draft)
    at.button(key="lint.apply.1.0").click().run()
    assert at.text_area(key=DRAFT).value == draft
    assert "edit it by hand" in at.warning[0].value


def test_lint_page_undo_brings_back_the_previous_draft(lint_page):
    draft = "Someone deleted the database."
    at = lint_page(draft)
    at.button(key="lint.apply.1.0").click().run()
    assert at.text_area(key=DRAFT).value == "The database was deleted."
    undo = next(b for b in at.button if b.label == "Undo last change")
    undo.click().run()
    assert at.text_area(key=DRAFT).value == draft
    assert list(_findings(at)["rule"]) == ["BL001"]


def test_lint_page_apply_all_uses_every_first_suggestion(lint_page):
    at = lint_page("Someone deleted the database. John didn't follow the procedure.\n\n"
                   "Human error caused the outage. They should have known better.\n")
    assert len(_findings(at)) == 4
    next(b for b in at.button if b.label == "Apply all first suggestions").click().run()
    assert at.text_area(key=DRAFT).value == (
        "The database was deleted. The procedure was unclear.\n\n"
        "The system allowed an unsafe action. The training didn't cover this scenario.\n"
    )
    assert _findings(at).empty


def test_lint_page_download_carries_the_revised_text(lint_page, downloads):
    at = lint_page("Intro.\n\nSomeone deleted the database.\n")
    at.button(key="lint.apply.1.0").click().run()
    buttons = {b.label: b for b in at.download_button}
    assert downloads(buttons["Download revised text"]) == "Intro.\n\nThe database was deleted.\n"
    assert json.loads(downloads(buttons["Findings as JSON"]))["findings"] == []
    assert json.loads(downloads(buttons["Findings as SARIF"]))["version"] == "2.1.0"


def test_lint_page_findings_downloads_as_json_and_sarif(lint_page, downloads):
    at = lint_page("Someone deleted the database.")
    buttons = {b.label: b for b in at.download_button}
    assert [f["rule_id"] for f in json.loads(downloads(buttons["Findings as JSON"]))["findings"]] == ["BL001"]
    sarif = json.loads(downloads(buttons["Findings as SARIF"]))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["BL001"]


def test_lint_page_user_text_is_escaped_in_the_highlighted_draft(lint_page):
    at = lint_page("Someone deleted the <b>database</b> & more.\n\n<script>alert(1)</script>\n")
    rendered = at.get("html")[0].value
    assert "<script>" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "&lt;b&gt;database&lt;/b&gt; &amp; more" in rendered
    assert '<mark title="1. BL001 warning' in rendered


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.md", "Caf\u00e9 d\u00e9ploy\u00e9.".encode("latin-1"), "not valid UTF-8"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("huge.md", b"The deploy failed. " * 120_000, "more than the 2 MB limit"),
    ],
    ids=["invalid-utf8", "binary", "too-large"],
)
def test_lint_page_bad_upload_shows_a_message(lint_page, name, content, message):
    at = lint_page("The deploy failed.")
    at.file_uploader(key="lint.upload").set_value((name, content, "text/markdown")).run()
    assert not at.exception
    assert escape_markdown(message) in at.error[0].value
    assert at.text_area(key=DRAFT).value == "The deploy failed.", "the draft is kept"


def test_lint_page_upload_loads_the_draft_and_names_the_download(lint_page, downloads):
    at = lint_page()
    text = "# Post-mortem\n\nSomeone deleted the database.\n"
    at.file_uploader(key="lint.upload").set_value(("review.md", text.encode("utf-8"), "text/markdown")).run()
    assert not at.exception
    assert at.text_area(key=DRAFT).value == text
    assert list(_findings(at)["line:col"]) == ["3:1"]
    button = next(b for b in at.download_button if b.label == "Download revised text")
    assert button.proto.url.endswith(".md") and downloads(button) == text


def test_lint_page_draft_survives_a_visit_to_another_page(lint_page):
    at = lint_page("Someone deleted the database.")
    at.switch_page("pages/import.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.text_area(key=DRAFT).value == "Someone deleted the database."
