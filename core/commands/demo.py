"""``lessons demo``: fill the database with realistic, deterministic sample post-mortems."""

from __future__ import annotations

import argparse
import sys
import time

from core.commands.arguments import day
from core.database import connect
from core.demo import MAX_INCIDENTS, generate_demo


def _incidents(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= number <= MAX_INCIDENTS:
        raise argparse.ArgumentTypeError(f"{number} is out of range: give 1 to {MAX_INCIDENTS:,}")
    return number


def _years(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number <= 50:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give more than 0 and at most 50")
    return number


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``demo`` command."""
    parser = sub.add_parser(
        "demo", help="add realistic sample post-mortems (deterministic for a seed and end date)",
        description="Append sample post-mortems to the database: incidents over the YEARS before END "
                    "across categories and severities, timelines with skewed TTD/TTR that improve over time, "
                    "five whys, action items in every state (some overdue), sign-offs, repeat incidents at a "
                    "realistic rate (causes are specific to a component; bigger organisations run more "
                    "components), and the follow-up work as of END: review-cadence done dates, DR-plan "
                    "tasks, DR tests, 30-/90-day follow-up reviews, communication checklists and annual DR "
                    "reviews. "
                    "The same --seed and --end give the same data. Existing incidents are kept; ids never "
                    "collide.",
        epilog="Example: lessons demo --incidents 20000 --seed 7 --end 2026-01-30 --url sqlite:///demo.sqlite")
    parser.add_argument("--incidents", type=_incidents, default=300, metavar="N",
                        help=f"how many incidents to add, 1 to {MAX_INCIDENTS:,} (default: 300)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default: 1)")
    parser.add_argument("--end", type=day, default=None, metavar="YYYY-MM-DD",
                        help="the data end the day before this date (default: today, UTC)")
    parser.add_argument("--years", type=_years, default=2.5, metavar="Y",
                        help="how many years before END the incidents span (default: 2.5)")
    parser.add_argument("--url", help="database URL (default: LESSONS_DATABASE_URL or sqlite:///lessons.sqlite)")
    parser.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    engine = connect(args.url)
    started = time.perf_counter()

    on_terminal = sys.stderr.isatty()  # redraw one line on a terminal; one line per chunk in a log

    def report(done: int, total: int) -> None:
        rate = done / max(time.perf_counter() - started, 1e-9)
        line = f"{done:,}/{total:,} incidents ({100 * done // total} %, {rate:,.0f}/s)"
        print(f"\r{line}" if on_terminal else line, end="" if on_terminal else "\n", file=sys.stderr, flush=True)

    summary = generate_demo(engine, args.incidents, args.seed, end=args.end, years=args.years,
                            progress=report)
    if on_terminal:
        print(file=sys.stderr)
    print(f"added {summary.incidents:,} incidents from {summary.first_date} to {summary.last_date}: "
          f"{summary.action_items:,} action items, {summary.timeline_events:,} timeline events, "
          f"{summary.repeats:,} repeat incidents ({100 * summary.repeats / summary.incidents:.1f} %), "
          f"{summary.review_steps:,} review steps done, {summary.dr_tasks:,} DR-plan tasks, "
          f"{summary.followup_reviews:,} follow-up reviews ({time.perf_counter() - started:.1f} s)")
    return 0
