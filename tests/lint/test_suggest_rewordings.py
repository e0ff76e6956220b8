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
    ("The admin was lazy and reused the old password.", "The old password was reused."),
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


# -- grammaticality: fresh sentences, each either a clean rewrite or a question
# ----------------------------------

QUESTION = "?"
FRESH = [
    ("Maya ran the backfill against the primary.", "The backfill ran against the primary."),
    ("Somebody deleted the staging bucket last night.", "The staging bucket was deleted last night."),
    ("Tariq forgot to renew the TLS certificate.", "The TLS certificate was not renewed."),
    ("The DBA should've double-checked the replica lag.", QUESTION),
    ("Someone overwrote the shared .env file.", "The shared .env file was overwritten."),
    ("Noor rolled the index change out to every shard at once.", QUESTION),
    ("Whoever edited the job config set it to run every second.", QUESTION),
    ("It was Bruno who broke the deploy pipeline.", QUESTION),
    ("Lena broke the release by merging without a review.", QUESTION),
    ("He just had to restart the worker.", "The worker had to be restarted."),
    (
        "Felix merged his branch with the checks still failing.",
        "The branch was merged with the checks still failing.",
    ),
    ("A careless engineer dropped the audit table.", "The audit table was dropped."),
    ("The admin was sloppy and reused the shared token.", "The shared token was reused."),
]


@pytest.mark.parametrize(("sentence", "expected"), FRESH)
def test_suggest_offers_a_grammatical_rewrite_or_falls_back_to_a_question(lint, sentence, expected):
    findings = lint(sentence)
    assert findings
    first = findings[0].suggestions[0]
    if expected == QUESTION:
        assert first.endswith("?"), first
    else:
        assert first == expected


SELF_CHECK_CASES = [
    ("Alex rolled the schema change out.", "The schema was rolled change out.", "split"),
    ("Someone overwrote the production .env file.", "The production was overwritten.env file.", "glued"),
    ("It was Viktor who broke replication.", "It was Viktor replication was broken.", "person"),
    (
        "Whoever edited the cron schedule set it to run hourly.",
        "The cron schedule was edited set it to run hourly.",
        "verbs",
    ),
    (
        "Marcus broke the build by merging without review.",
        "The build was broken by merging without review.",
        "by-gerund",
    ),
    ("She needed to run the check.", "She needed to run the check.", "person"),
    ("It was the operator's mistake.", "It was the a gap in the safeguards.", "doubled"),
]


@pytest.mark.parametrize(("source", "rewrite", "problem"), SELF_CHECK_CASES)
def test_selfcheck_rejects_the_broken_rewrites_seen(linter, source, rewrite, problem):
    from lint.selfcheck import problems

    found = problems(linter.parse_sentence(source)[0], linter.parse_sentence(rewrite)[0])
    assert any(f.startswith(problem) for f in found), found


def test_selfcheck_passes_a_plain_agent_drop(linter):
    from lint.selfcheck import problems

    source = linter.parse_sentence("Priya ran the migration against production.")[0]
    for rewrite in ("The migration ran against production.", "The migration was run against production."):
        assert problems(source, linter.parse_sentence(rewrite)[0]) == [], rewrite


DEV_BLAME = [row["text"] for row in load_rows(DEV_SET) if row["label"] == "blame"] if DEV_SET.exists() else []


def test_every_first_suggestion_on_the_dev_set_passes_the_self_check_or_is_a_question(lint, linter):
    from lint.selfcheck import problems
    from lint.suggest import KNOWN_BETTER, seed_rewording

    failures = []
    for sentence in DEV_BLAME:
        for finding in lint(sentence):
            first = finding.suggestions[0]
            if first.endswith("?") or first == seed_rewording(sentence) or first.startswith(KNOWN_BETTER):
                continue
            found = problems(linter.parse_sentence(sentence)[0], linter.parse_sentence(first)[0])
            if found:
                failures.append((sentence, first, found))
    assert DEV_BLAME and not failures, failures
