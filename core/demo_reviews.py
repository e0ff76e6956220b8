"""Stored 30-day / 90-day follow-up reviews of the sample data, in core/followup.py's format, written in bulk.

A review stores the figures shown to the reviewer, and those look at later incidents (repeats since, MTTR
after), so reviews are written once every incident exists. ``followup_figures`` answers them with several
queries per incident (tens of milliseconds at 20,000 incidents); the ledger below answers the same questions
from the generated incidents in memory, with core/followup.py's definitions (the demo tests check that both
agree on a fresh database), and ``suggested_answers`` turns them into the reviewer's answers.
"""

from __future__ import annotations

import json
import random
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from core.demo_followup import PlannedReview
from core.demo_incident import IncidentRows
from core.demo_vocabulary import PROCESS_COMMENTS
from core.followup import MTTR_WINDOW_DAYS, QUESTIONS, Answer, Figures, ReviewKind, suggested_answers


@dataclass
class _Series:
    """Incidents of one category in date order, with running TTR sums for window means."""

    days: list[date] = field(default_factory=list)
    sums: list[int] = field(default_factory=lambda: [0])

    def add(self, day: date, ttr: int) -> None:
        self.days.append(day)
        self.sums.append(self.sums[-1] + ttr)

    def window(self, first: date, last: date) -> tuple[int, int]:
        """(TTR sum, count) of incidents from ``first`` to ``last`` inclusive."""
        lo, hi = bisect_left(self.days, first), bisect_right(self.days, last)
        return self.sums[hi] - self.sums[lo], max(0, hi - lo)


@dataclass(frozen=True)
class _Reviewed:
    incident_id: str
    day: date
    category: str
    cause: str
    ttr: int
    items: tuple[int, int, int, int]  # done, total, verified yes, verified no
    plans: tuple[PlannedReview, ...]


class ReviewLedger:
    """Collects what follow-up figures need while incidents are generated, then builds the review rows."""

    def __init__(self) -> None:
        self._categories: dict[str, _Series] = {}
        self._by_key: dict[tuple[str, str], list[tuple[date, str]]] = {}
        self._linked: dict[str, list[tuple[date, str]]] = {}
        self._reviewed: list[_Reviewed] = []
        self.keys: dict[str, int] = {}

    def add(self, rows: IncidentRows, plans: list[PlannedReview]) -> None:
        """Remember one generated incident (in date order) and the reviews planned for it."""
        inc = rows.incident
        day, category, cause, ttr = inc["incident_date"], inc["category"], inc["cause"], inc["ttr_seconds"]
        self._categories.setdefault(category, _Series()).add(day, ttr)
        self._by_key.setdefault((category, cause), []).append((day, inc["incident_id"]))
        if rows.repeat_of:
            self._linked.setdefault(rows.repeat_of, []).append((day, inc["incident_id"]))
        if plans:
            items = rows.action_items
            counts = (sum(i["status"] == "Done" for i in items), len(items),
                      sum(i["verified_effective"] == "yes" for i in items),
                      sum(i["verified_effective"] == "no" for i in items))
            reviewed = _Reviewed(inc["incident_id"], day, category, cause, ttr, counts, tuple(plans))
            self._reviewed.append(reviewed)

    @property
    def wanted(self) -> set[str]:
        """Incident ids whose primary keys the review rows need."""
        return {r.incident_id for r in self._reviewed}

    def figures(self, reviewed: _Reviewed, now: date, window_days: int) -> Figures:
        """What ``followup_figures(engine, incident_id, now=...)`` reports, from the generated incidents:
        repeats by core/repeats.py's definition (later in date and key order, within the window, or linked by
        hand) up to ``now``; MTTR of the category before and since."""
        same = self._by_key.get((reviewed.category, reviewed.cause), [])
        last = min(now, reviewed.day + timedelta(days=window_days))
        later = [(d, i) for d, i in same[same.index((reviewed.day, reviewed.incident_id)) + 1:] if d <= last]
        linked = [(d, i) for d, i in self._linked.get(reviewed.incident_id, []) if d <= now]
        repeats = [i for _, i in sorted(set(later + linked))]
        series = self._categories[reviewed.category]
        window_start = reviewed.day - timedelta(days=MTTR_WINDOW_DAYS)
        before = series.window(window_start, reviewed.day - timedelta(days=1))
        total, n = series.window(reviewed.day, now)
        after = (total - reviewed.ttr, n - 1)

        def mean(pair: tuple[int, int]) -> float | None:
            return round(pair[0] / pair[1] / 60, 1) if pair[1] else None

        done, count, yes, no = reviewed.items
        return Figures(done, count, yes, no, repeats, mean(before), before[1], mean(after), after[1],
                       reviewed.category, reviewed.cause)

    def rows(self, rng: random.Random, window_days: int) -> list[dict]:
        """``followup_reviews`` rows: the suggested answers, mostly confirmed, with the figures shown."""
        result = []
        for reviewed in self._reviewed:
            for plan in reviewed.plans:
                figures = self.figures(reviewed, plan.reviewed_at.date(), window_days)
                answers = suggested_answers(plan.kind, figures)
                if plan.kind is ReviewKind.DAY_90:
                    choice = rng.choices(("yes", "partly", "unknown"), weights=(70, 20, 10))[0]
                    answers["processes_followed"] = Answer(choice, PROCESS_COMMENTS.get(choice, ""))
                result.append({
                    "incident_pk": self.keys[reviewed.incident_id], "kind": plan.kind.value,
                    "reviewer": plan.reviewer, "reviewed_at": plan.reviewed_at,
                    "answers": json.dumps({k: {"choice": answers[k].choice, "comment": answers[k].comment}
                                           for k in QUESTIONS[plan.kind]}),
                    "figures": json.dumps(asdict(figures)),
                })
        return result
