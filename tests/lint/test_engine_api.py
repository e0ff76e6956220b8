"""The library API, batching, robustness on arbitrary input, and import isolation."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lint
from lint.rules import RULES
from lint.sentences import may_blame, split_sentences

from .conftest import DEV_SET, HELD_OUT, load_rows


def test_engine_lint_text_returns_findings_with_every_field():
    [finding] = lint.lint_text("Intro line.\nSomeone deleted the database.")
    assert finding.rule_id == "BL001" and finding.kind == "vague-actor" and finding.severity == "warning"
    assert (finding.start, finding.end, finding.line, finding.column) == (12, 27, 2, 1)
    assert finding.text == "Someone deleted" and finding.sentence == "Someone deleted the database."
    assert finding.message and finding.suggestions


def test_engine_lint_texts_keeps_order(linter):
    results = linter.lint_texts(
        ["All good.", "Someone deleted the database.", "", "Lisa forgot to renew it."]
    )
    assert [[f.rule_id for f in findings] for findings in results] == [[], ["BL001"], [], ["BL003"]]


def test_engine_prefilter_keeps_every_labelled_blame_sentence():
    for path in (DEV_SET, HELD_OUT):
        for row in load_rows(path):
            if row["label"] == "blame":
                assert may_blame(row["text"]), row["text"]


def test_engine_splits_sentences_but_not_abbreviations():
    text = "The deploy failed, e.g. on node 3. Someone restarted it at 08:00.\n\n- next item"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The deploy failed, e.g. on node 3.",
        "Someone restarted it at 08:00.",
        "- next item",
    ]


def test_engine_rules_have_complete_data():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.id.startswith("BL") and rule.severity in ("error", "warning", "info")
        assert rule.message and rule.rationale and rule.source and rule.example


def test_engine_rule_examples_fire_their_rule(linter):
    for rule in RULES:
        assert rule.id in {f.rule_id for f in linter.lint_text(rule.example)}, rule.example


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_engine_never_raises_and_offsets_stay_inside(linter, text):
    for findings in (linter.lint_text(text), linter.lint_markdown(text)):
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(text)
            assert finding.line >= 1 and finding.column >= 1
            assert finding.suggestions


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["Someone deleted the database.", "`x`", "**", "\n", "> ", "# ", "é", "\t", "<!--"]),
        max_size=12,
    )
)
def test_engine_markdown_fragments_never_raise(linter, parts):
    text = " ".join(parts)
    for finding in linter.lint_markdown(text):
        assert text[finding.start : finding.end] == finding.text


def test_engine_import_does_not_pull_in_the_app_or_the_database():
    code = (
        "import sys, lint, lint.cli, lint.engine, lint.component, lint.formats;"
        "bad = [m for m in ('streamlit', 'sqlalchemy', 'core') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
