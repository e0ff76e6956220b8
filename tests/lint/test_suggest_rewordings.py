"""Rewordings: the seed's rows exactly, parse-based rewrites otherwise, and every suggestion lints clean."""

from __future__ import annotations

import pytest

from .conftest import DEV_SET, HELD_OUT, load_rows

SEED_ROWS = [
    ("Someone deleted the database.", "The database was deleted."),
    ("John didn't follow the procedure.", "The procedure was unclear."),
    ("Human error caused the outage.", "The system allowed an unsafe action."),
    ("They should have known better.", "The training didn't cover this scenario."),
    ("Someone deleted the database", "The database was deleted"),
]

REWRITES = [
    (
        "Priya ran the migration against production instead of staging.",
        "The migration ran against production instead of staging.",
    ),
    ("Lisa forgot to renew the certificate.", "The certificate was not renewed."),
    (
        "Tom did not check the disk usage before starting the backup.",
        "The disk usage was not checked before starting the backup.",
    ),
    (
        "The outage started when Dmitri deleted the wrong replica.",
        "The outage started when the wrong replica was deleted.",
    ),
    (
        "Sara misconfigured the load balancer, which took the site down.",
        "The load balancer was misconfigured, which took the site down.",
    ),
    ("We accidentally overwrote the production secrets.", "The production secrets were overwritten."),
    (
        "Kevin's change to the retry logic caused the cascade.",
        "The change to the retry logic caused the cascade.",
    ),
    ("The outage was Mike's fault.", "The outage had several contributing factors."),
    ("The admin was lazy and reused the old password.", "The admin reused the old password."),
    ("This was a classic case of user error.", "This was a classic case of a gap in the safeguards."),
]


@pytest.mark.parametrize(("sentence", "expected"), SEED_ROWS)
def test_suggest_gives_the_seed_rewording_first(lint, sentence, expected):
    findings = lint(sentence)
    assert findings
    assert all(finding.suggestions[0] == expected for finding in findings)


@pytest.mark.parametrize(("sentence", "expected"), REWRITES)
def test_suggest_rewrites_from_the_parse(lint, sentence, expected):
    findings = lint(sentence)
    assert expected in findings[0].suggestions


def test_suggest_offers_a_reflective_question_when_no_rewrite_keeps_the_meaning(lint):
    [finding] = lint("He should have waited for the backup to finish.")
    assert finding.suggestions and all(s.endswith("?") for s in finding.suggestions)


BLAME_ROWS = [
    row["text"]
    for path in (DEV_SET, HELD_OUT)
    if path.exists()
    for row in load_rows(path)
    if row["label"] == "blame"
]


@pytest.mark.parametrize("sentence", BLAME_ROWS)
def test_suggest_every_suggestion_lints_clean(lint, linter, sentence):
    findings = lint(sentence)
    assert findings
    for finding in findings:
        assert finding.suggestions
        for suggestion in finding.suggestions:
            assert linter.parse_sentence(suggestion)[1] == [], suggestion
