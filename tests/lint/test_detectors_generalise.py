"""Generalisations by grammar, not by word: who the agent is, whether a judgement is aimed at a person or
their work, whether a counterfactual is about a person or a system. Each table row is a fresh wording of one
cause of a miss or a false alarm found on sentences the rules had never seen."""

from __future__ import annotations

import pytest

BLAME = [
    # given names that are also words, and names the tagger reads as a modal or a common noun
    ("Grace truncated the billing table during the migration.", "BL002"),
    ("Will wiped the staging bucket instead of the test one.", "BL002"),
    ("Will didn't verify the restore before closing the ticket.", "BL002"),
    ("Hunter should have waited for the replica to catch up.", "BL005"),
    ("Nkechi misconfigured the ingress and dropped all external traffic.", "BL002"),
    ("Will is to blame for the lost writes.", "BL008"),
    # the subject hung on a contracted auxiliary
    ("The reviewer should've caught the inverted condition.", "BL005"),
    # unknown persons doing any change to the system, and "whoever"
    ("Somebody edited the haproxy config by hand on one node.", "BL001"),
    ("Some contractor changed the DNS TTL to a week.", "BL001"),
    ("Whoever wrote the cleanup job pointed it at the live bucket.", "BL001"),
    # a slip marker anywhere in the sentence
    ("The SRE ran kubectl delete on the prod namespace by mistake.", "BL002"),
    # the live system as the target, timing, state left behind, secrets, things others relied on
    ("Our DBA ran the reindex against the primary.", "BL002"),
    ("Dolores ran the backfill during peak traffic.", "BL002"),
    ("They purged the old queue while it was still receiving messages.", "BL001"),
    ("Someone left the admin port open after debugging.", "BL001"),
    ("The intern committed the API keys to the repository.", "BL002"),
    ("The engineer disabled the service account that the billing jobs depended on.", "BL002"),
    ("Somebody pushed directly to production on Friday.", "BL001"),
    # hyphenated verbs the parser splits off their subject
    ("Somebody hard-coded the database password in the chart.", "BL001"),
    # safeguards are stages too
    ("Marek skipped the pre-flight checks to save time.", "BL002"),
    # omission idioms and duty verbs
    ("The platform team dropped the ball on the certificate renewal.", "BL003"),
    ("The developers never configured alerts for the queue.", "BL003"),
    # judgement of a person's work through a copula or a by-phrase; idioms of inattention
    ("The rollout was a reckless bet on a quiet weekend.", "BL006"),
    ("It was a shoddy patch by the contractor.", "BL006"),
    ("The on-call engineer was asleep on the job.", "BL006"),
    # minimisers with a determiner, "only" about someone else, "take <person> a minute to just"
    ("All the reviewer had to do was read the diff.", "BL007"),
    ("The operator only needed to check the target cluster.", "BL007"),
    ("It would have taken him a minute to simply run the dry-run.", "BL007"),
    # fault through a relative clause or an object complement
    ("It was the contractor who caused the data loss.", "BL002"),
    ("Management held the SRE team responsible for the breach.", "BL008"),
    ("The vendor's engineer is responsible for the misconfiguration.", "BL008"),
    # counterfactual about a person's judgement
    ("More care from the reviewers would have prevented the regression.", "BL005"),
]

NOT_BLAME = [
    # names that are words, used as words; modals that are modals
    "Grace periods for renewals are now 30 days.",
    "Will the failover script page the secondary?",
    # the same verbs with a system reason or a system agent
    "We missed the page because it was deduplicated with an older alert.",
    "Nobody saw the warning because the dashboard hid it behind a filter.",
    "The Kubernetes operator failed to reconcile the new replica set.",
    # human error as a fact of life, not as a cause
    "The new console is designed to reduce human error.",
    "Human error is expected, so destructive commands now need a second approval.",
    "Automation removed the risk of human error from the failover.",
    # repairs of broken things
    "The on-call engineer replaced the broken disk at 04:00.",
    "Marek removed the faulty node from the pool.",
    # neutral actions by unknown or named people
    "Someone from the support team opened a ticket at 06:40.",
    "Somebody on the bridge suggested failing over to the secondary.",
    "Grace rolled back the release and confirmed recovery.",
    "The team only needed one hour to restore service.",
    # "against" and "at" harm only when they aim at the live system
    "The engineer ran the load test against the staging cluster.",
    "Grace pointed the dashboard at the new metrics backend.",
]


@pytest.mark.parametrize(("sentence", "rule_id"), BLAME)
def test_detectors_generalise_to_new_wordings_of_blame(lint, sentence, rule_id):
    assert rule_id in {finding.rule_id for finding in lint(sentence)}


@pytest.mark.parametrize("sentence", NOT_BLAME)
def test_detectors_generalise_to_new_wordings_of_system_sentences(lint, sentence):
    assert lint(sentence) == []


@pytest.mark.parametrize("sentence", [sentence for sentence, _ in BLAME])
def test_detectors_generalised_findings_have_clean_suggestions(lint, linter, sentence):
    for finding in lint(sentence):
        assert finding.suggestions
        for suggestion in finding.suggestions:
            assert linter.parse_sentence(suggestion)[1] == [], suggestion


@pytest.mark.parametrize("sentence", [sentence for sentence, _ in BLAME])
def test_detectors_generalised_prefilter_keeps_blame(linter, sentence):
    from lint.sentences import may_blame

    assert may_blame(sentence, linter.config.persons)
