"""The one rule that reads named moments from a timeline's wording (import and the post-mortem form)."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.anchor_inference import NO_ANCHOR, assign_kinds
from core.postmortem import Anchor


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, 30, hour, minute)


ROWS = [
    (at(8), "First error logged"),
    (at(8, 5), "Monitoring alert fired"),
    (at(9, 15), "Service fully restored"),
]

# (case, markers, rows' times replaced, kinds)
CASES = [
    ("wording", [None, None, None], {}, [Anchor.IMPACT_STARTED, Anchor.DETECTED, Anchor.RESOLVED]),
    ("explicit_none", [None, NO_ANCHOR, None], {}, [Anchor.IMPACT_STARTED, None, Anchor.RESOLVED]),
    ("explicit_moment", [Anchor.DETECTED, None, None], {}, [Anchor.DETECTED, None, Anchor.RESOLVED]),
    ("row_without_time", [None, None, None], {2: None}, [Anchor.IMPACT_STARTED, Anchor.DETECTED, None]),
    ("first_row_without_time", [None, None, None], {0: None}, [None, Anchor.DETECTED, Anchor.RESOLVED]),
    (
        "marked_row_without_time",
        [Anchor.IMPACT_STARTED, None, None],
        {0: None},
        [
            Anchor.IMPACT_STARTED,
            Anchor.DETECTED,
            Anchor.RESOLVED,
        ],
    ),
]


@pytest.mark.parametrize(("case", "markers", "times", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_anchor_inference_assign_kinds(case, markers, times, kinds):
    rows = [(times.get(i, when), text) for i, (when, text) in enumerate(ROWS)]
    assert assign_kinds(rows, markers) == (kinds, [])


def test_anchor_inference_drops_inferred_start_and_end_that_contradict_the_duration():
    kinds, warnings = assign_kinds(ROWS, [None, None, None], duration_minutes=60)
    assert kinds == [None, Anchor.DETECTED, None]
    assert "Duration 1 hours 0 minutes disagrees with the timeline" in warnings[0]
