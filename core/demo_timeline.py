"""Sample incident timelines: anchor times from skewed (log-normal) durations that improve over the years."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.demo_vocabulary import EXTRA_EVENTS, Detection
from core.postmortem import Anchor

BASE_TTR_MINUTES = 20.0
SEVERITY_TTR = {"SEV1": 2.3, "SEV2": 1.5, "SEV3": 1.0, "SEV4": 0.9}
SEVERITY_TTD = {"SEV1": 0.8, "SEV2": 0.9, "SEV3": 1.0, "SEV4": 1.5}
# Impact start hour weights: more incidents in working hours, when changes ship.
HOUR_WEIGHTS = (2, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 10, 9, 10, 11, 10, 9, 7, 5, 4, 4, 3, 3, 2)


@dataclass(frozen=True)
class Timing:
    """Anchor times of one incident and its timeline rows (time, event, owner, anchor kind)."""

    anchors: dict[Anchor, datetime]
    events: list[tuple[datetime, str, str, str | None]]

    @property
    def ttd_seconds(self) -> int:
        """Detected − impact started."""
        return int((self.anchors[Anchor.DETECTED] - self.anchors[Anchor.IMPACT_STARTED]).total_seconds())

    @property
    def ttr_seconds(self) -> int:
        """Resolved − impact started."""
        return int((self.anchors[Anchor.RESOLVED] - self.anchors[Anchor.IMPACT_STARTED]).total_seconds())


def improvement(progress: float) -> float:
    """Duration multiplier at ``progress`` (0 = first day, 1 = last day): responses get faster over time."""
    return 1.3 - 0.6 * progress


def start_minutes(rng: random.Random, count: int) -> list[int]:
    """Sorted minutes after midnight at which ``count`` incidents of one day start."""
    hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=count)
    return sorted(h * 60 + rng.randrange(60) for h in hours)


def _minutes(rng: random.Random, median: float, sigma: float, floor: int = 1) -> timedelta:
    return timedelta(minutes=max(floor, round(rng.lognormvariate(math.log(median), sigma))))


def draw_timing(rng: random.Random, start: datetime, *, severity: str, ttr_factor: float,
                detection: Detection, progress: float, service: str, commander: str,
                responder: str) -> Timing:
    """Anchors in order, with TTD and TTR log-normal around medians set by severity, category and time."""
    speed = improvement(progress)
    detected = start + _minutes(rng, detection.median_minutes * SEVERITY_TTD[severity] * speed, 0.7)
    acknowledged = detected + _minutes(rng, 3.0 * (2.5 if severity == "SEV4" else 1.0), 0.6)
    declared = acknowledged + _minutes(rng, 5.0, 0.6)
    target = start + _minutes(rng, BASE_TTR_MINUTES * SEVERITY_TTR[severity] * ttr_factor * speed, 0.75)
    remaining = max(int((target - declared).total_seconds() // 60), 4)
    cause_found = declared + timedelta(minutes=max(1, round(remaining * rng.uniform(0.25, 0.5))))
    mitigated = cause_found + timedelta(minutes=max(1, round(remaining * rng.uniform(0.2, 0.35))))
    resolved = max(mitigated + timedelta(minutes=1), declared + timedelta(minutes=remaining))
    stable = resolved + _minutes(rng, 20.0, 0.5, floor=5)
    anchors = {
        Anchor.IMPACT_STARTED: start, Anchor.DETECTED: detected, Anchor.ACKNOWLEDGED: acknowledged,
        Anchor.DECLARED: declared, Anchor.ROOT_CAUSE_IDENTIFIED: cause_found, Anchor.MITIGATED: mitigated,
        Anchor.RESOLVED: resolved, Anchor.CONFIRMED_STABLE: stable,
    }
    if severity == "SEV4" and rng.random() < 0.3:
        del anchors[Anchor.DECLARED]  # minor incidents are often handled without a formal declaration
    texts = {
        Anchor.IMPACT_STARTED: ("First errors logged by {service}", service),
        Anchor.DETECTED: (detection.event, detection.owner),
        Anchor.ACKNOWLEDGED: ("On-call engineer paged and acknowledged", responder),
        Anchor.DECLARED: ("Incident declared, team assembled", commander),
        Anchor.ROOT_CAUSE_IDENTIFIED: ("Root cause identified", responder),
        Anchor.MITIGATED: ("Fix deployed", responder),
        Anchor.RESOLVED: ("Service fully restored", commander),
        Anchor.CONFIRMED_STABLE: ("Monitoring confirmed stable", "Monitoring"),
    }
    rows = [(time, texts[a][0].format(service=service), texts[a][1], a.value) for a, time in anchors.items()]
    for event, owner in rng.sample(EXTRA_EVENTS, rng.choice((0, 1, 1, 2))):
        minutes = int((resolved - acknowledged).total_seconds() // 60)
        when = acknowledged + timedelta(minutes=rng.randint(0, max(0, minutes - 1)))
        rows.append((when, event, owner, None))
    rows.sort(key=lambda r: (r[0], r[3] is None))
    return Timing(anchors, rows)
