"""Sample data: realistic, deterministic post-mortems written in bulk, one transaction per chunk."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, func, select

from core.demo_bulk import insert_incidents, insert_rows, link_repeats
from core.demo_causes import CATEGORIES, Category, Cause
from core.demo_incident import IncidentRows, build_incident
from core.demo_timeline import start_minutes
from core.errors import FieldProblem, ValidationError
from core.orm import IncidentRow

MAX_INCIDENTS = 1_000_000
CHUNK_SIZE = 2_000
REPEAT_WINDOW_DAYS = 90
_LINK_WINDOW_DAYS = 85  # hand-linked repeats stay clear of the window's edge, whatever the anchor used
WEEKDAY_WEIGHTS = (1.15, 1.25, 1.2, 1.15, 0.95, 0.55, 0.5)  # Monday .. Sunday: fewer changes at weekends
MONTH_WEIGHTS = (1.0, 0.95, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 1.0, 1.05, 1.25, 1.3)  # peak season at year end
VOLUME_GROWTH = 0.2  # the last day sees 20 % more incidents than the first (more services over time)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """What generate_demo wrote; ``repeats``: same category and cause within 90 days, or linked by hand."""

    incidents: int
    action_items: int
    timeline_events: int
    repeats: int
    first_date: date | None
    last_date: date | None


def _check(incidents: int, years: float) -> None:
    problems = []
    if not 1 <= incidents <= MAX_INCIDENTS:
        problems.append(FieldProblem("incidents", f"must be from 1 to {MAX_INCIDENTS:,}, not {incidents}"))
    if not 0 < years <= 50:
        problems.append(FieldProblem("years", f"must be more than 0 and at most 50, not {years}"))
    if problems:
        raise ValidationError(problems)


def day_counts(rng: random.Random, incidents: int, end: date, years: float) -> list[tuple[date, int]]:
    """Incidents per day over the ``years`` before ``end`` (exclusive), with weekday, season and noise."""
    days = max(1, round(years * 365.25))
    first = end - timedelta(days=days)
    weights = []
    for i in range(days):
        day = first + timedelta(days=i)
        weights.append(WEEKDAY_WEIGHTS[day.weekday()] * MONTH_WEIGHTS[day.month - 1]
                       * (1 + VOLUME_GROWTH * i / days) * rng.lognormvariate(0, 0.3))
    total, running, assigned, counts = sum(weights), 0.0, 0, []
    for i, weight in enumerate(weights):
        running += weight
        target = round(incidents * running / total) if i < days - 1 else incidents
        if target > assigned:
            counts.append((first + timedelta(days=i), target - assigned))
            assigned = target
    return counts


def _category_weights(progress: float) -> list[float]:
    return [c.weight * max(0.05, 1 + c.trend * (progress - 0.5)) for c in CATEGORIES]


class _Repeats:
    """Chooses deliberate repeats among recent incidents and counts repeats by the definition."""

    def __init__(self) -> None:
        self.recent: deque[tuple[date, Category, Cause, str]] = deque(maxlen=64)
        self.last_seen: dict[tuple[str, str], date] = {}
        self.count = 0

    def choose(self, rng: random.Random, day: date, progress: float) -> tuple[Category, Cause, str | None]:
        """Category, cause and hand-linked original (or None) of the next incident."""
        if rng.random() < 0.08 - 0.05 * progress:
            candidates = [r for r in self.recent if (day - r[0]).days <= _LINK_WINDOW_DAYS]
            if candidates:
                _, category, cause, original = rng.choice(candidates)
                return category, cause, original if rng.random() < 0.4 else None
        category = rng.choices(CATEGORIES, weights=_category_weights(progress))[0]
        return category, rng.choice(category.causes), None

    def record(self, day: date, category: Category, cause: Cause, incident_id: str, linked: bool) -> None:
        """Remember an incident; count it when it repeats an earlier one."""
        key = (category.name, cause.slug)
        previous = self.last_seen.get(key)
        if linked or (previous is not None and (day - previous).days <= REPEAT_WINDOW_DAYS):
            self.count += 1
        self.last_seen[key] = day
        self.recent.append((day, category, cause, incident_id))


def _incidents(rng: random.Random, counts: list[tuple[date, int]], taken: dict[date, int], end: date,
               repeats: _Repeats) -> Iterator[IncidentRows]:
    span = max(1, (end - counts[0][0]).days)
    for day, count in counts:
        progress = (day - counts[0][0]).days / span
        seq = taken.get(day, 0)
        for minute in start_minutes(rng, count):
            seq += 1
            category, cause, original = repeats.choose(rng, day, progress)
            start = datetime.combine(day, time()) + timedelta(minutes=minute)
            rows = build_incident(rng, start=start, seq=seq, end=end, progress=progress, category=category,
                                  cause=cause, repeat_of=original)
            repeats.record(day, category, cause, rows.incident["incident_id"], original is not None)
            yield rows


def _write_chunk(engine: Engine, chunk: list[IncidentRows]) -> None:
    with engine.begin() as conn:
        keys = insert_incidents(conn, [rows.incident for rows in chunk])
        children: dict[str, list[dict]] = {}
        for rows in chunk:
            pk = keys[rows.incident["incident_id"]]
            for table, items in rows.children().items():
                for item in items:
                    item["incident_pk"] = pk
                children.setdefault(table, []).extend(items)
        for table, items in children.items():
            if items:
                insert_rows(conn, table, items)
        links = [(r.incident["incident_id"], r.repeat_of) for r in chunk if r.repeat_of]
        if links:
            link_repeats(conn, links)


def _taken_numbers(engine: Engine, first: date, end: date) -> dict[date, int]:
    """Highest sequence number per day already stored between ``first`` and ``end``, in one query."""
    stmt = (select(IncidentRow.incident_date, func.max(IncidentRow.seq))
            .where(IncidentRow.incident_date >= first, IncidentRow.incident_date < end)
            .group_by(IncidentRow.incident_date))
    with engine.connect() as conn:
        return {day: int(seq) for day, seq in conn.execute(stmt)}


def generate_demo(engine: Engine, incidents: int = 300, seed: int = 1, *, end: date | None = None,
                  years: float = 2.5, progress: Progress | None = None) -> DemoSummary:
    """Append ``incidents`` realistic post-mortems over the ``years`` before ``end`` (default: today, UTC)."""
    _check(incidents, years)
    end = end or datetime.now(UTC).date()
    rng = random.Random(seed)
    counts = day_counts(rng, incidents, end, years)
    taken = _taken_numbers(engine, counts[0][0], end)
    repeats = _Repeats()
    written = items = events = 0
    chunk: list[IncidentRows] = []
    for rows in _incidents(rng, counts, taken, end, repeats):
        chunk.append(rows)
        items += len(rows.action_items)
        events += len(rows.timeline)
        if len(chunk) == CHUNK_SIZE:
            _write_chunk(engine, chunk)
            written += len(chunk)
            chunk = []
            if progress:
                progress(written, incidents)
    if chunk:
        _write_chunk(engine, chunk)
        written += len(chunk)
        if progress:
            progress(written, incidents)
    return DemoSummary(incidents=written, action_items=items, timeline_events=events, repeats=repeats.count,
                       first_date=counts[0][0], last_date=counts[-1][0])
