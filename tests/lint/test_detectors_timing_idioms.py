"""Timing and order as harm, consequences of a change, handles with dots, errors through participles and
"member of" phrases, inverted conditionals, fault and minimiser idioms; and the system sentences that look like
them (a chosen course of action with "instead of", exculpation with "no one could have", a person's action
explained by a system reason). Every row is a fresh wording of a cause of a miss or a false alarm."""

from __future__ import annotations

import pytest

BLAME = [
    # harm that is only timing or order
    ("Dimitra restarted every Redis shard at the same time.", "BL002"),
    ("The SRE upgraded both control-plane nodes simultaneously.", "BL002"),
    ("Somebody rolled the new image out to all pods at once.", "BL001"),
    ("Kofi switched the writers to the new database before replication had caught up.", "BL002"),
    ("The DBA dropped the old schema even though the backfill was still running.", "BL002"),
    ("Paulo shipped the pricing change late on Friday and then signed off for the weekend.", "BL002"),
    ("The on-call drained the node before its pods had been rescheduled.", "BL002"),
    # a change followed by the damage it did ("they" and ordinary change verbs)
    ("They updated the ingress annotations, which took the public API down.", "BL001"),
    ("Ulla rotated the signing key and every session vanished.", "BL002"),
    # handles with dots, force-pushes, merges with red checks
    ("@m.rossi force-pushed to the release branch.", "BL002"),
    ("@j.doe.ops merged the change while two required checks were failing.", "BL002"),
    ("Tariq merged the hotfix with the integration tests still failing.", "BL002"),
    # human error through a participle or a share of a group
    ("The data loss traces back to a typo introduced by the release engineer.", "BL004"),
    ("A slip made by one of the operators removed the wrong route table.", "BL004"),
    ("The outage came from an error by a member of the storage team.", "BL004"),
    ("One of the developers truncated the sessions table during the demo.", "BL001"),
    # inverted conditionals, accented names, ideal persons, "obvious to"
    ("Had Łukasz looked at the lag graph, the failover would have been avoided.", "BL005"),
    ("Had Inés waited for the snapshot, nothing would have been lost.", "BL005"),
    ("Were the reviewer more thorough, the bug would have been caught.", "BL005"),
    ("A more attentive on-call would have seen the disk filling up.", "BL005"),
    ("It should have been clear to the developer that the flag was global.", "BL005"),
    ("The team ought to have realised the index would lock writes.", "BL005"),
    # fault idioms
    ("The blame rests with the vendor's field engineer.", "BL008"),
    ("Responsibility for the outage lies with the on-call.", "BL008"),
    ("The finger of blame points at the release team.", "BL008"),
    ("This failure is squarely on Henrik.", "BL008"),
    ("The slowdown was down to Amara's query.", "BL008"),
    ("Thanks to Liam's shortcut, checkout broke for an hour.", "BL008"),
    ("Why didn't the secondary on-call answer the page?", "BL011"),
    # minimisers as idioms
    ("Catching the typo would have been trivial for the reviewer.", "BL007"),
    ("It would have taken her just a minute to read the warning.", "BL007"),
    ("Recovery was merely a matter of the DBA running one command.", "BL007"),
    ("A single glance at the dashboard was all Noor needed.", "BL007"),
    ("Only a quick check was required from the release manager.", "BL007"),
    # judgement of a person's work through a compound, attention and care
    ("Slapdash rollout notes from the platform team confused everyone.", "BL006"),
    ("Poor judgement by the incident commander prolonged the outage.", "BL006"),
    # omission with a light verb; roles parsed around "on-call"
    ("The operator did not take a snapshot before resizing the volume.", "BL003"),
    ("The secondary on-call never acknowledged the page.", "BL003"),
]

NOT_BLAME = [
    # a chosen course of action by the authors
    "We restored from the replica instead of waiting for the snapshot.",
    "Instead of paging the vendor, we failed over to the secondary region.",
    "We upgraded the nodes one at a time instead of all at once.",
    # exculpation, not hindsight
    "No one could have foreseen that the provider would rotate its certificates early.",
    "Nobody could have spotted the drift with the alerts we had.",
    # a person's action with a system reason
    "Femi deleted the volume because the inventory marked it as detached.",
    "The engineer restarted the wrong pod, as the two deployments shared one label.",
    "The on-call skipped the canary since the pipeline had no canary for config changes.",
    # timing and order done right, or done by the system
    "Kofi switched the writers over after replication had caught up.",
    "The nodes were all restarted at the same time by the autoscaler.",
    "They (the batch workers) restarted simultaneously because they share one lease.",
    "Paulo shipped the fix on Friday and watched the dashboards until the error rate settled.",
    # cleanup of broken things, remediation with outcome words
    "We deleted the corrupted index and rebuilt it from the source table.",
    "We rolled back and the error rate dropped within two minutes.",
    # neutral mentions of groups, handles, participles
    "A member of the storage team joined the call at 02:10.",
    "One of the developers wrote the first draft of this review.",
    "@m.rossi merged the fix after all checks passed.",
    "The mistake in the manifest was introduced by a template generator.",
    # future work and systems
    "Going forward, responders should have write access to the status page.",
    "The fix was trivially easy once the lock was released.",
    "Rollback is easy for the on-call now that the runbook has one command.",
    "The slowdown was down to a cold cache after the restart.",
    "This review does not classify the incident as human error.",
    "Customers retried their orders, which doubled the load.",
]


@pytest.mark.parametrize(("sentence", "rule_id"), BLAME)
def test_timing_idioms_blame_is_found(lint, sentence, rule_id):
    assert rule_id in {finding.rule_id for finding in lint(sentence)}


@pytest.mark.parametrize("sentence", NOT_BLAME)
def test_timing_idioms_system_sentences_are_clean(lint, sentence):
    assert lint(sentence) == []


@pytest.mark.parametrize("sentence", [sentence for sentence, _ in BLAME])
def test_timing_idioms_suggestions_lint_clean(lint, linter, sentence):
    for finding in lint(sentence):
        assert finding.suggestions
        for suggestion in finding.suggestions:
            assert linter.parse_sentence(suggestion)[1] == [], suggestion


@pytest.mark.parametrize("sentence", [sentence for sentence, _ in BLAME])
def test_timing_idioms_prefilter_keeps_blame(linter, sentence):
    from lint.sentences import may_blame

    assert may_blame(sentence, linter.config.persons)
