"""Every rule kind fires on blame and stays quiet on the same words aimed at systems."""

from __future__ import annotations

import pytest

BLAME = [
    ("Someone deleted the database.", "BL001"),
    ("They restarted the primary without telling anyone.", "BL001"),
    ("Somebody silenced the disk alarms before the weekend.", "BL001"),
    ("John didn't follow the procedure.", "BL002"),
    ("@jsmith skipped the canary stage to save time.", "BL002"),
    ("Priya ran the migration against production instead of staging.", "BL002"),
    ("I broke the nightly build by merging too early.", "BL002"),
    ("The DBA neglected to verify the backups.", "BL003"),
    ("The on-call engineer failed to escalate the incident.", "BL003"),
    ("We forgot to restart the worker after the config change.", "BL003"),
    ("Nobody followed the rollback procedure.", "BL003"),
    ("Engineers ignored the runbook and improvised.", "BL003"),
    ("Human error caused the outage.", "BL004"),
    ("The incident was the result of operator error during the failover.", "BL004"),
    ("Pilot error on the deploy pipeline led to the rollback.", "BL004"),
    ("The data loss was due to a mistake by the DBA.", "BL004"),
    ("They should have known better.", "BL005"),
    ("The team could easily have prevented this by testing the script.", "BL005"),
    ("Ops ought to have noticed the certificate was about to expire.", "BL005"),
    ("If only the on-call had read the dashboard, this would not have happened.", "BL005"),
    ("Anyone with basic experience would have seen the warning.", "BL005"),
    ("A careless engineer ran the cleanup job on the wrong cluster.", "BL006"),
    ("The deploy was handled negligently by the release team.", "BL006"),
    ("Complacency in the ops team led to the missed alerts.", "BL006"),
    ("The root cause was the engineer's lack of attention.", "BL006"),
    ("She just needed to run the health check before merging.", "BL007"),
    ("All he had to do was simply read the alert.", "BL007"),
    ("The outage was Mike's fault.", "BL008"),
    ("The networking team is to blame for the packet loss.", "BL008"),
    ("The culprit was the intern who ran the script.", "BL008"),
    ("Jenna is responsible for the data loss.", "BL008"),
    ("The downtime was caused by Raj pushing directly to main.", "BL008"),
    ("Kevin's change to the retry logic caused the cascade.", "BL008"),
    ("My mistake: I pointed the script at the live bucket.", "BL008"),
    ("Root cause: the on-call engineer.", "BL009"),
    ("Engineers need to be more careful with production.", "BL010"),
    ("Retrain the on-call engineer on the failover runbook.", "BL010"),
    ("Why did you delete the table?", "BL011"),
    ("Who broke the build?", "BL011"),
]

NOT_BLAME = [
    "The deploy failed health checks and was rolled back automatically.",
    "The script had a mistake that caused catastrophic backtracking.",
    "The service should have returned cached data but the cache was cold.",
    "We should add a dry-run flag to the cleanup tool.",
    "The on-call engineer was paged at 08:10 UTC.",
    "John restored the database from the 06:00 snapshot.",
    "The script failed to acquire the lock and exited.",
    "Someone from support reported the first customer complaint at 07:55.",
    "We missed our RTO by 12 minutes.",
    "We blame ourselves less and learn more when reviews focus on systems.",
    "The fix was simply a one-line change to the timeout.",
    "Just before 08:00 the queue depth started to grow.",
    "Human factors: the console used the same colour for staging and production.",
    "The user reported that the export button returned an error.",
    "Why did the deploy fail?",
    "Who was the incident commander?",
    "Lazy loading delayed the first request by two seconds.",
    "We restarted the service without downtime.",
    "The team disabled the feature flag to stop the bleeding.",
    "Dana is responsible for the follow-up review.",
    "The root cause was an expired certificate on the API gateway.",
    "",
]


@pytest.mark.parametrize(("sentence", "rule_id"), BLAME)
def test_detectors_flag_blame_with_the_rule_of_its_kind(lint, sentence, rule_id):
    assert rule_id in {finding.rule_id for finding in lint(sentence)}


@pytest.mark.parametrize("sentence", NOT_BLAME)
def test_detectors_ignore_the_same_words_aimed_at_systems(lint, sentence):
    assert lint(sentence) == []


def test_detectors_report_the_agent_and_the_action(lint):
    [finding] = lint("The outage started when Dmitri deleted the wrong replica.")
    assert finding.text == "Dmitri deleted"
    assert (finding.line, finding.column) == (1, 25)


def test_detectors_use_extra_person_words_from_the_config(linter, nlp):
    from lint.config import parse_config
    from lint.engine import Linter

    sentence = "Zorblat deleted the orders table."
    assert linter.lint_text(sentence) == [] or linter.lint_text(sentence)[0].rule_id == "BL002"
    custom = Linter(parse_config({"persons": ["Zorblat"]}), nlp)
    assert [f.rule_id for f in custom.lint_text(sentence)] == ["BL002"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He should've waited for approval.", ["BL005"]),
        ("It was a rookie mistake by the new engineer.", ["BL004"]),
        ("The on-call engineer could not have known about the hidden dependency.", []),
    ],
)
def test_detectors_contractions_verb_attached_by_and_exculpatory_could(lint, sentence, expected):
    assert [f.rule_id for f in lint(sentence)] == expected
