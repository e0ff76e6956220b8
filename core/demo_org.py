"""Organisation-wide follow-up work of the sample data: quarterly DR-plan reviews, DR tests (a failed one
triggers an emergency plan update) and annual DR-plan reviews of past years.

These are a few dozen rows, written through core/dr_plan.py and core/annual_review.py themselves, in date
order as the app would have written them, before the incidents (so the trigger runs scan no new incidents).
They are written once per database: quarters, tests and years already present are left as they are.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine

from core.annual_review import CHECKLIST as ANNUAL_CHECKLIST
from core.annual_review import get_annual_review, save_annual_review
from core.demo_vocabulary import DR_TASK_NOTES, DR_TEST_FAILURES, DR_TEST_PASSED, REVIEWERS
from core.dr_plan import DrTask, TaskStatus, Trigger, apply_triggers, list_tests, record_dr_test, update_task

DR_TEST_PASS_RATE = 0.8


def _quarter_starts(first: date, end: date) -> list[date]:
    day, starts = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1), []
    while day < end:
        starts.append(day)
        day = date(day.year + (day.month == 10), (day.month + 2) % 12 + 1, 1)
    return starts


def _finish(engine: Engine, rng: random.Random, tasks: list[DrTask], trigger: Trigger, end: date,
            delay_days: tuple[int, int]) -> int:
    """Mark the new ``trigger`` tasks done after ``delay_days`` when that lies before ``end``."""
    done = 0
    for task in tasks:
        if task.trigger is not trigger or rng.random() > 0.9:
            continue
        when = task.created_at + timedelta(days=rng.randint(*delay_days), hours=rng.randint(1, 6))
        if when.date() < end:
            notes = DR_TASK_NOTES[trigger.value]
            update_task(engine, task.id, TaskStatus.DONE.value, notes[rng.randrange(len(notes))], now=when)
            done += 1
    return done


def add_org_followups(engine: Engine, rng: random.Random, first: date, end: date) -> int:
    """Quarterly DR reviews and DR tests from ``first`` to ``end``, annual reviews of the years before
    ``end``'s; returns how many DR tasks were created."""
    created = 0
    test_quarters = not list_tests(engine, limit=1)
    for start in _quarter_starts(first, end):
        opened = datetime.combine(max(start, first), time(9))
        tasks = apply_triggers(engine, now=opened)
        created += len(tasks)
        _finish(engine, rng, tasks, Trigger.QUARTERLY, end, (30, 85))
        tested_on = start + timedelta(days=rng.randint(35, 60))
        if test_quarters and first <= tested_on < end:
            passed = rng.random() < DR_TEST_PASS_RATE
            notes = DR_TEST_PASSED if passed else DR_TEST_FAILURES[rng.randrange(len(DR_TEST_FAILURES))]
            when = datetime.combine(tested_on, time(17))
            tasks = record_dr_test(engine, tested_on, passed, notes, now=when)
            created += len(tasks)
            _finish(engine, rng, tasks, Trigger.FAILED_TEST, end, (0, 2))
    for year in range(first.year, end.year):
        if get_annual_review(engine, year).updated_at is not None:
            continue
        when = datetime(year, 12, rng.randint(8, 22), rng.randint(10, 17))
        checklist = {key: rng.random() < 0.95 for key in ANNUAL_CHECKLIST}
        save_annual_review(engine, year, checklist, REVIEWERS[rng.randrange(len(REVIEWERS))], read_at=None,
                           now=min(when, datetime.combine(end, time()) - timedelta(hours=1)))
    return created
