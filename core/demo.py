"""Sample data: realistic, deterministic post-mortems written in bulk, one transaction per chunk."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, func, select

from core.demo_bulk import insert_incidents, insert_rows, link_repeats
from core.demo_followup import add_followups
from core.demo_incident import IncidentRows, build_incident
from core.demo_org import add_org_followups
from core.demo_repeats import REPEAT_WINDOW_DAYS, Failures, components_per_service

__all__ = ["MAX_INCIDENTS", "REPEAT_WINDOW_DAYS", "DemoSummary", "generate_demo"]
from core.demo_reviews import ReviewLedger
from core.demo_timeline import start_minutes
from core.errors import FieldProblem, ValidationError
from core.orm import IncidentRow
from core.settings import get_setting

MAX_INCIDENTS = 1_000_000
CHUNK_SIZE = 2_000
WEEKDAY_WEIGHTS = (1.15, 1.25, 1.2, 1.15, 0.95, 0.55, 0.5)  # Monday .. Sunday: fewer changes at weekends
MONTH_WEIGHTS = (1.0, 0.95, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 1.0, 1.05, 1.25, 1.3)  # peak season at year end
VOLUME_GROWTH = 0.2  # the last day sees 20 % more incidents than the first (more services over time)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """What generate_demo wrote; ``repeats``: same category and cause within 90 days, or linked by hand;
    ``review_steps``, ``dr_tasks``, ``followup_reviews``: the follow-up rows written with the incidents."""

    incidents: int
    action_items: int
    timeline_events: int
    repeats: int
    first_date: date | None
    last_date: date | None
    review_steps: int = 0
    dr_tasks: int = 0
    followup_reviews: int = 0


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


def _incidents(rng: random.Random, counts: list[tuple[date, int]], taken: dict[date, int], end: date,
               failures: Failures, ledger: ReviewLedger) -> Iterator[IncidentRows]:
    span = max(1, (end - counts[0][0]).days)
    for day, count in counts:
        progress = (day - counts[0][0]).days / span
        seq = taken.get(day, 0)
        for minute in start_minutes(rng, count):
            seq += 1
            failure, linked = failures.choose(rng, day, progress)
            start = datetime.combine(day, time()) + timedelta(minutes=minute)
            rows = build_incident(rng, start=start, seq=seq, end=end, progress=progress, failure=failure,
                                  repeat_of=linked)
            ledger.add(rows, add_followups(rng, rows, end=end, progress=progress))
            failures.record(day, failure, rows.incident["incident_id"], linked is not None)
            yield rows


def _write_chunk(engine: Engine, chunk: list[IncidentRows], ledger: ReviewLedger) -> None:
    wanted = ledger.wanted
    with engine.begin() as conn:
        keys = insert_incidents(conn, [rows.incident for rows in chunk])
        ledger.keys.update((k, v) for k, v in keys.items() if k in wanted)
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
    """Append ``incidents`` realistic post-mortems over the ``years`` before ``end`` (default: today, UTC),
    with their follow-up work as of ``end``: review steps, DR-plan tasks, communication, follow-up reviews."""
    _check(incidents, years)
    end = end or datetime.now(UTC).date()
    rng = random.Random(seed)
    counts = day_counts(rng, incidents, end, years)
    dr_tasks = add_org_followups(engine, random.Random(f"org-{seed}"), counts[0][0], end)
    taken = _taken_numbers(engine, counts[0][0], end)
    failures = Failures(components_per_service(incidents, years))
    ledger = ReviewLedger()
    written = items = events = steps = 0
    chunk: list[IncidentRows] = []
    for rows in _incidents(rng, counts, taken, end, failures, ledger):
        chunk.append(rows)
        items += len(rows.action_items)
        events += len(rows.timeline)
        steps += len(rows.review_steps)
        dr_tasks += len(rows.dr_tasks)
        if len(chunk) == CHUNK_SIZE:
            _write_chunk(engine, chunk, ledger)
            written += len(chunk)
            chunk = []
            if progress:
                progress(written, incidents)
    if chunk:
        _write_chunk(engine, chunk, ledger)
        written += len(chunk)
    reviews = ledger.rows(rng, int(get_setting(engine, "repeat_window_days")))
    if reviews:
        with engine.begin() as conn:
            insert_rows(conn, "followup_reviews", reviews)
    if chunk and progress:
        progress(written, incidents)
    return DemoSummary(incidents=written, action_items=items, timeline_events=events, repeats=failures.count,
                       first_date=counts[0][0], last_date=counts[-1][0], review_steps=steps,
                       dr_tasks=dr_tasks, followup_reviews=len(reviews))
