"""Incidents of 2025 that reproduce the seed's "Pattern Analysis" and "Metrics Tracking" tables exactly.

Pattern Analysis:  Database 2,1,0,1 · Network 1,2,1,0 · Human Error 3,2,1,1 · Third-Party 2,3,2,2.
Metrics Tracking:  MTTR 25/20/18/15 min · MTTD 8/6/5/4 min · completion 85/92/95/98 % · repeats 2/1/0/0.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Engine

from core.postmortem import ActionItem, ActionStatus, Anchor, Impact, PostMortem, Priority, Severity
from core.services import create_postmortem

QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
PATTERNS = {
    "Database": [2, 1, 0, 1],
    "Network": [1, 2, 1, 0],
    "Human Error": [3, 2, 1, 1],
    "Third-Party": [2, 3, 2, 2],
}
TRENDS = {
    "Database": "Improving",
    "Network": "Improving",
    "Human Error": "Improving",
    "Third-Party": "Stable",
}
MTTR = [25, 20, 18, 15]
MTTD = [8, 6, 5, 4]
COMPLETION = [85, 92, 95, 98]
REPEATS = [2, 1, 0, 0]
# Seed targets: MTTR < 30, MTTD < 5, completion > 90 %, repeats 0.
MET = {
    "mttr": [True, True, True, True],
    "mttd": [False, False, False, True],
    "completion": [False, True, True, True],
    "repeats": [False, False, True, True],
}

# Minutes per incident, in the order the incidents of a quarter are created (means: the seed's figures).
_TTD = [[2, 4, 6, 8, 8, 10, 12, 14], [3, 4, 5, 6, 6, 7, 8, 9], [3, 4, 6, 7], [2, 3, 5, 6]]
_TTR = [
    [10, 15, 20, 25, 25, 30, 35, 40],
    [10, 12, 15, 20, 20, 25, 28, 30],
    [10, 15, 20, 27],
    [10, 12, 18, 20],
]
# (items due in the quarter, of which Done): 17/20, 23/25, 19/20, 49/50.
_ITEMS = [(20, 17), (25, 23), (20, 19), (50, 49)]
_SEVERITIES = [Severity.SEV1, Severity.SEV2, Severity.SEV3, Severity.SEV4]
SERVICES = {
    "Database": "orders-db",
    "Network": "edge-lb",
    "Human Error": "deploy-pipeline",
    "Third-Party": "payments",
}

# Incidents as (quarter index, day in quarter, category, cause). Causes are unique except the planned repeats:
#  Q1: Human Error "config push" on day 5 and again on day 40 (automatic repeat);
#      a Third-Party incident on day 60 is linked by hand to the first Database incident (hand repeat);
#  Q2: Network "bgp flap" on day 10 and day 31 (automatic repeat).
_PLAN = [
    (0, 2, "Database", "disk full"),
    (0, 5, "Human Error", "config push"),
    (0, 12, "Network", "fiber cut"),
    (0, 20, "Third-Party", "cdn outage"),
    (0, 33, "Database", "lock storm"),
    (0, 40, "Human Error", "config push"),
    (0, 55, "Human Error", "manual failover"),
    (0, 60, "Third-Party", "payments api errors"),
    (1, 3, "Database", "replica lag"),
    (1, 10, "Network", "bgp flap"),
    (1, 18, "Human Error", "expired cert"),
    (1, 25, "Third-Party", "dns provider"),
    (1, 31, "Network", "bgp flap"),
    (1, 44, "Human Error", "wrong flag"),
    (1, 50, "Third-Party", "sms gateway"),
    (1, 70, "Third-Party", "auth provider"),
    (2, 6, "Network", "mtu mismatch"),
    (2, 20, "Human Error", "runbook gap"),
    (2, 35, "Third-Party", "email relay"),
    (2, 60, "Third-Party", "maps quota"),
    (3, 8, "Database", "vacuum stall"),
    (3, 22, "Human Error", "capacity plan"),
    (3, 40, "Third-Party", "webhook"),
    (3, 58, "Third-Party", "geo ip"),
]
HAND_LINK = (7, 0)  # the 8th incident repeats the 1st, linked by hand
AUTO_REPEATS = [(5, 1), (12, 9)]


def quarter_start(index: int) -> date:
    """First day of the ``index``-th quarter of 2025."""
    return date(2025, 1 + 3 * index, 1)


def build(engine: Engine) -> list[str]:
    """Store the seed-shaped incidents through the real service; returns their ids in creation order."""
    ids: list[str] = []
    position = [0, 0, 0, 0]
    items_left = [list(_ITEMS[q]) for q in range(4)]
    incidents_per_quarter = [sum(1 for p in _PLAN if p[0] == q) for q in range(4)]
    for n, (q, day, category, cause) in enumerate(_PLAN):
        i = position[q]
        position[q] += 1
        incident_date = quarter_start(q) + timedelta(days=day)
        start = datetime.combine(incident_date, datetime.min.time()) + timedelta(hours=9)
        due_total, done_total = items_left[q]
        share = -(
            -due_total // (incidents_per_quarter[q] - i)
        )  # spread the quarter's items over its incidents
        done_share = min(done_total, share)
        items_left[q] = [due_total - share, done_total - done_share]
        items = [
            ActionItem(
                f"Follow-up {k + 1} of {category} incident",
                Priority.P1,
                "SRE",
                due_date=incident_date + timedelta(days=1 + k % 20),
                status=ActionStatus.DONE if k < done_share else ActionStatus.OPEN,
                completed_on=incident_date + timedelta(days=1) if k < done_share else None,
            )
            for k in range(share)
        ]
        repeat_of = ids[HAND_LINK[1]] if n == HAND_LINK[0] else None
        pm = PostMortem(
            title=f"{category}: {cause}",
            incident_date=incident_date,
            severity=_SEVERITIES[n % 4],
            category=category,
            cause=cause,
            impact=Impact(services_affected=[SERVICES[category]]),
            timestamps={
                Anchor.IMPACT_STARTED: start,
                Anchor.DETECTED: start + timedelta(minutes=_TTD[q][i]),
                Anchor.RESOLVED: start + timedelta(minutes=_TTR[q][i]),
            },
            action_items=items,
            repeat_of=repeat_of,
        )
        ids.append(create_postmortem(engine, pm).incident_id)  # type: ignore[arg-type]
    return ids


def plain(day: date, **overrides) -> PostMortem:  # type: ignore[no-untyped-def]
    """The seed's example incident moved to ``day``: no timeline, action items or sign-offs unless given."""
    from tests.core.factories import seed_postmortem

    values = dict(incident_date=day, timeline=[], action_items=[], signoffs=[])
    values.update(overrides)
    return seed_postmortem(**values)
