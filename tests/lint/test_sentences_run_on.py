"""Run-on text without sentence breaks is split before parsing, so spaCy's length limit is never reached."""

from __future__ import annotations

import pytest

from lint.sentences import MAX_SENTENCE_CHARS, split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Someone deleted the database, " * 400,
        "x" * (MAX_SENTENCE_CHARS * 3 + 7),
        "word " * 2_000 + "end.",
    ],
    ids=["commas", "one-long-token", "spaces"],
)
def test_sentences_run_on_text_is_split_below_the_cap(text):
    spans = split_sentences(text)
    assert spans and all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(text[start:end] == text[start:end].strip() for start, end in spans)
    covered = "".join(text[start:end] for start, end in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_sentences_run_on_blame_is_still_found(linter):
    text = "The deploy went fine and Someone deleted the database, " * 60
    findings = linter.lint_text(text)
    assert findings and all(text[f.start:f.end] == f.text for f in findings)
