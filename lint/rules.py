"""The rules of the blameless linter, as data.

Each rule has a stable id (never reused), a kind (what sort of blame it detects), a default severity, the message
shown to authors, a short rationale and the guideline it comes from. Detection lives in `detectors.py`; a
rule id is the only link between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

SEED = "Lessons-learned process, Blameless Culture"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    kind: str
    severity: str
    message: str
    rationale: str
    source: str
    example: str
    rewording: str


RULES: tuple[Rule, ...] = (
    Rule(
        id="BL001",
        name="vague-actor",
        kind="vague-actor",
        severity="warning",
        message="A vague actor (someone, they, nobody) is the agent of the harm.",
        rationale="Pointing at an unnamed person invites a hunt for who it was. Describe what happened to the "
        "system and what allowed it.",
        source=f'{SEED}, language guidelines: "Someone deleted the database" -> "The database was deleted"',
        example="Someone deleted the database.",
        rewording="The database was deleted.",
    ),
    Rule(
        id="BL002",
        name="named-actor",
        kind="named-actor",
        severity="warning",
        message="A person, handle, role or the authors are the agent of the harm.",
        rationale="Naming who did it moves the review from the system to a person. Keep the fact, drop the agent, "
        "and ask what made the action look safe.",
        source=f"{SEED}, principle 1: focus on systems, not people",
        example="Priya ran the migration against production instead of staging.",
        rewording="The migration ran against production instead of staging.",
    ),
    Rule(
        id="BL003",
        name="omission",
        kind="omission",
        severity="warning",
        message="An omission (failed to, forgot to, ignored, did not follow) is pinned on a person.",
        rationale="Omissions are symptoms: something made the step easy to skip or hard to see. Say what was not "
        "done and ask why the system let it pass.",
        source=f'{SEED}, language guidelines: "John didn\'t follow the procedure" -> "The procedure was unclear"',
        example="Lisa forgot to renew the certificate.",
        rewording="The certificate was not renewed.",
    ),
    Rule(
        id="BL004",
        name="human-error",
        kind="human-error",
        severity="error",
        message='"Human error" (or operator, user, pilot error) is named as a cause.',
        rationale="Human error is where an investigation starts, not where it ends. Name the missing safeguard "
        "that let an ordinary action do harm.",
        source=f'{SEED}, language guidelines: "Human error caused the outage" -> "The system allowed an unsafe '
        'action"',
        example="Human error caused the outage.",
        rewording="The system allowed an unsafe action.",
    ),
    Rule(
        id="BL005",
        name="hindsight",
        kind="hindsight",
        severity="warning",
        message="Hindsight or a counterfactual judges a person (should have, could easily have, if only).",
        rationale="What is obvious after the incident was not obvious during it. Describe what the person knew "
        "and saw at the time.",
        source=f'{SEED}, language guidelines: "They should have known better" -> "The training didn\'t cover this '
        'scenario"',
        example="They should have known better.",
        rewording="The training didn't cover this scenario.",
    ),
    Rule(
        id="BL006",
        name="judgement",
        kind="judgement",
        severity="error",
        message="A judgement word (careless, negligent, sloppy, lazy) is aimed at a person or their work.",
        rationale="Judgement words end the conversation and make people stop reporting. Describe the action and "
        "its context instead.",
        source=f"{SEED}, principle 2: assume good intent",
        example="A careless engineer ran the cleanup job.",
        rewording="An engineer ran the cleanup job.",
    ),
    Rule(
        id="BL007",
        name="minimizer",
        kind="minimizer",
        severity="warning",
        message="A minimiser (just, simply, all they had to do) belittles what a person faced.",
        rationale='"Just" and "simply" say the task was easy, which hides why it was hard at the time.',
        source=f"{SEED}, principle 3: psychological safety",
        example="She just needed to run the health check.",
        rewording="She needed to run the health check.",
    ),
    Rule(
        id="BL008",
        name="fault-attribution",
        kind="fault-attribution",
        severity="error",
        message="Fault vocabulary (fault, to blame, culprit, responsible for, caused by) points at a person.",
        rationale="Incidents have several contributing factors; assigning fault to one person hides the others.",
        source=f'{SEED}, principle 1: "How did the system allow this?" not "Who did this?"',
        example="The outage was Mike's fault.",
        rewording="The outage had several contributing factors.",
    ),
    Rule(
        id="BL009",
        name="person-as-root-cause",
        kind="fault-attribution",
        severity="error",
        message="A person is named as the root cause.",
        rationale="A root cause analysis that ends at a person stops one why too early: ask what let the action "
        "cause harm.",
        source=f"{SEED}, principle 1: focus on systems, not people",
        example="Root cause: the on-call engineer.",
        rewording="What let a single action cause this outage?",
    ),
    Rule(
        id="BL010",
        name="people-remediation",
        kind="people-remediation",
        severity="warning",
        message="The remediation is aimed at people (be more careful, retrain, remind) rather than the system.",
        rationale="Asking people to be more careful does not change what made the mistake easy. Prefer a "
        "guard, an automation or a clearer tool.",
        source=f"{SEED}, principle 4: continuous improvement",
        example="Engineers need to be more careful with production.",
        rewording="Which safeguard would make this step safe without extra care?",
    ),
    Rule(
        id="BL011",
        name="blame-question",
        kind="blame-question",
        severity="warning",
        message="The question asks who did it or why a person did it.",
        rationale='"Who" and "why did you" questions put people on the defensive. Ask how the system allowed it.',
        source=f'{SEED}, principle 1: "How did the system allow this?" not "Who did this?"',
        example="Why did you delete the table?",
        rewording="What made deleting the table look safe at the time?",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
KINDS: tuple[str, ...] = tuple(dict.fromkeys(rule.kind for rule in RULES))
