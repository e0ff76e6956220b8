"""The seed's "Metrics Tracking" table: MTTR, MTTD, completion and repeats per quarter, against targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from core.completion import DEFINITION as COMPLETION_DEFINITION
from core.completion import CompletionStats, completion_stats
from core.metrics import Duration, DurationStats, duration_stats
from core.periods import shown_quarters
from core.repeats import DEFINITION as REPEAT_DEFINITION
from core.repeats import repeat_counts
from core.services import IncidentFilter

SEED_NAMES = {"mttr": "MTTR (Mean Time To Recovery)", "mttd": "MTTD (Mean Time To Detection)"}


@dataclass(frozen=True)
class Target:
    """A target: ``value op target`` must hold, e.g. MTTR ``<`` 30 minutes."""

    op: str  # "<", ">" or "<="
    value: float
    unit: str

    def met(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the target; None when there is no value."""
        if value is None:
            return None
        if self.op == "<":
            return value < self.value
        if self.op == ">":
            return value > self.value
        return value <= self.value

    @property
    def text(self) -> str:
        """The seed's spelling, e.g. ``< 30 min``, ``> 90%``, ``0``."""
        number = f"{self.value:g}"
        if self.unit == "%":
            return f"{self.op} {number}%"
        if self.unit == "min":
            return f"{self.op} {number} min"
        return number if self.op == "<=" else f"{self.op} {number}"


@dataclass(frozen=True)
class Cell:
    """One quarter of one metric: its value, whether it meets the target, the sample behind it and a note."""

    value: float | None
    met: bool | None
    n: int
    small_sample: bool
    note: str = ""


@dataclass(frozen=True)
class MetricRow:
    """One metric across the shown quarters."""

    key: str
    name: str
    definition: str
    target: Target
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Scorecard:
    """The whole table, plus the distributions and completion figures it was built from."""

    quarters: list[str]
    rows: list[MetricRow]
    durations: dict[Duration, list[DurationStats]] = field(default_factory=dict)
    completion: list[CompletionStats] = field(default_factory=list)
    repeats: dict[str, int] = field(default_factory=dict)


def targets(settings: dict[str, Any]) -> dict[str, Target]:
    """The targets in the settings (seed: MTTR < 30 min, MTTD < 5 min, completion > 90 %, 0 repeats)."""
    return {
        "mttr": Target("<", float(settings["target_mttr_minutes"]), "min"),
        "mttd": Target("<", float(settings["target_mttd_minutes"]), "min"),
        "completion": Target(">", float(settings["target_completion_pct"]), "%"),
        "repeats": Target("<=", float(settings["target_repeat_incidents"]), "incidents"),
    }


def _duration_row(key: str, duration: Duration, stats: list[DurationStats], target: Target) -> MetricRow:
    cells = {}
    for s in stats:
        note = (
            "no incident with both anchors"
            if s.n == 0
            else (f"only {s.n} incidents" if s.small_sample else "")
        )
        cells[s.quarter] = Cell(s.mean, target.met(s.mean), s.n, s.small_sample, note)
    name = SEED_NAMES[key]
    return MetricRow(
        key, name, f"{duration.anchors}; mean of the quarter's incidents, in minutes", target, cells
    )


def scorecard(
    engine: Engine,
    flt: IncidentFilter,
    settings: dict[str, Any],
    *,
    today: date | None = None,
    quarters: list[str] | None = None,
) -> Scorecard:
    """MTTR, MTTD, completion and repeats per quarter shown for ``flt``, each cell marked met / not met."""
    quarters = shown_quarters(engine, flt) if quarters is None else quarters
    small_n = int(settings["small_sample_n"])
    goal = targets(settings)
    ttr = duration_stats(engine, flt, Duration.TTR, quarters, small_sample_n=small_n)
    ttd = duration_stats(engine, flt, Duration.TTD, quarters, small_sample_n=small_n)
    completion = completion_stats(engine, flt, quarters, today=today)
    repeats = repeat_counts(engine, flt, quarters, window_days=int(settings["repeat_window_days"]))
    completion_cells = {
        c.quarter: Cell(
            c.pct,
            goal["completion"].met(c.pct),
            c.due,
            c.due < small_n,
            "no action items due" if c.due == 0 else ("quarter not over" if c.partial else ""),
        )
        for c in completion
    }
    incidents = {s.quarter: s.n + s.missing for s in ttr}
    repeat_cells = {
        q: Cell(float(n), goal["repeats"].met(float(n)), incidents.get(q, 0), incidents.get(q, 0) < small_n)
        for q, n in repeats.items()
    }
    rows = [
        _duration_row("mttr", Duration.TTR, ttr, goal["mttr"]),
        _duration_row("mttd", Duration.TTD, ttd, goal["mttd"]),
        MetricRow(
            "completion",
            "Action item completion",
            COMPLETION_DEFINITION,
            goal["completion"],
            completion_cells,
        ),
        MetricRow(
            "repeats",
            "Repeat incidents",
            REPEAT_DEFINITION.format(window=int(settings["repeat_window_days"])),
            goal["repeats"],
            repeat_cells,
        ),
    ]
    return Scorecard(quarters, rows, {Duration.TTR: ttr, Duration.TTD: ttd}, completion, repeats)
