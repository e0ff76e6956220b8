"""Dashboard at scale: every trend figure of the default view against one raw SQL pass over the same rows.

    .venv/bin/python bench/dashboard_scale.py                       # SQLite, /tmp/demo100k.sqlite (made once)
    .venv/bin/python bench/dashboard_scale.py --url postgresql://postgres@127.0.0.1:5432/lessons_bench

Fills the database with ``--incidents`` demo incidents (core.demo) unless it holds that many already, then
prints, measured in one run: the time of all dashboard figures for the default view (last four quarters, no
other filter), the time of one raw SELECT reading the columns those figures use for every incident and action
item, their ratio (aim: <= 3), and an AppTest run of the Trends page with warm caches (aim: < 1 s on SQLite).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from core.completion import overdue_counts  # noqa: E402
from core.database import connect  # noqa: E402
from core.metrics import Duration, data_version, duration_points  # noqa: E402
from core.orm import IncidentRow  # noqa: E402
from core.patterns import category_patterns  # noqa: E402
from core.periods import quarter_bounds, shown_quarters  # noqa: E402
from core.repeats import repeat_pairs  # noqa: E402
from core.scorecard import scorecard  # noqa: E402
from core.services import IncidentFilter, distinct_values  # noqa: E402
from core.settings import get_settings  # noqa: E402

DEFAULT_SQLITE = "/tmp/demo100k.sqlite"
RAW_SQL = """
SELECT i.quarter, i.incident_date, i.category, i.cause, i.severity, i.ttd_seconds, i.ttr_seconds,
       i.repeat_of_id, a.due_date, a.status, a.priority, a.completed_on
FROM incidents i LEFT JOIN action_items a ON a.incident_pk = i.id
"""


def _count(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(IncidentRow)) or 0)


def _fill(engine, incidents: int, top_up: bool) -> None:  # type: ignore[no-untyped-def]
    from core.demo import generate_demo

    have = _count(engine)
    if have >= incidents:
        print(f"database holds {have:,} incidents: reused")
        return
    if have and not top_up:
        raise SystemExit(
            f"the database holds {have:,} incidents, fewer than {incidents:,}: another process may "
            "still be filling it. Wait for it, or pass --top-up to add the rest."
        )
    print(f"generating {incidents - have:,} demo incidents (once) …", flush=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % 10_000 < 2_000:
            print(f"  {done:,}/{total:,}", flush=True)

    generate_demo(engine, incidents=incidents - have, seed=4, progress=progress)
    print(f"generated in {time.perf_counter() - started:.0f} s")


def default_filter(engine) -> IncidentFilter:  # type: ignore[no-untyped-def]
    """The dashboard's default view: the last four quarters up to the latest incident, no other filter."""
    span = shown_quarters(engine, IncidentFilter())
    chosen = span[-4:]
    return IncidentFilter(date_from=quarter_bounds(chosen[0])[0], date_to=quarter_bounds(chosen[-1])[1])


def dashboard(engine, today: date) -> None:  # type: ignore[no-untyped-def]
    """Everything the Trends page computes on a cache miss (the same calls, in the same order)."""
    data_version(engine)
    shown_quarters(engine, IncidentFilter())
    distinct_values(engine, "category")
    distinct_values(engine, "service")
    settings = get_settings(engine)
    flt = default_filter(engine)
    quarters = shown_quarters(engine, flt)
    scorecard(engine, flt, settings, today=today, quarters=quarters)
    for duration in Duration:
        duration_points(engine, flt, duration)
    category_patterns(engine, flt, quarters)
    repeat_pairs(engine, flt, window_days=int(settings["repeat_window_days"]), limit=1000)
    overdue_counts(engine, flt, quarters, today=today)


def raw_pass(engine) -> int:  # type: ignore[no-untyped-def]
    """One plain SELECT of the columns the figures use, every row fetched."""
    with engine.connect() as conn:
        return len(conn.execute(text(RAW_SQL)).all())


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of ``repeat`` calls (after one warm-up call)."""
    fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def page_warm(url: str) -> tuple[float, float]:
    """Seconds of a cold and of a warm AppTest run of the Trends page."""
    from streamlit.testing.v1 import AppTest

    os.environ["LESSONS_DATABASE_URL"] = url
    at = AppTest.from_file(str(ROOT / "pages" / "dashboard.py"), default_timeout=600)
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"page failed: {at.exception[0].value}")
    warm = []
    for _ in range(3):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm)


def main() -> None:
    """Fill once, measure, print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default=f"sqlite:///{DEFAULT_SQLITE}", help="database URL")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--top-up", action="store_true", help="add demo incidents to a partly filled database"
    )
    parser.add_argument("--no-page", action="store_true", help="skip the AppTest page measurement")
    args = parser.parse_args()

    engine = connect(args.url)
    _fill(engine, args.incidents, args.top_up)
    today = date.today()
    with engine.connect() as conn:
        items = conn.scalar(text("SELECT count(*) FROM action_items"))
    flt = default_filter(engine)
    print(
        f"{engine.dialect.name}: {_count(engine):,} incidents, {items:,} action items; default view "
        f"{flt.date_from} → {flt.date_to}"
    )
    rows = raw_pass(engine)
    figures = timed(lambda: dashboard(engine, today), args.repeat)
    raw = timed(lambda: raw_pass(engine), args.repeat)
    print(f"dashboard figures (all, default view): {figures * 1000:8.0f} ms")
    print(f"raw SQL pass ({rows:,} rows):          {raw * 1000:8.0f} ms")
    print(f"ratio figures / raw pass:              {figures / raw:8.2f}   (aim <= 3)")
    if not args.no_page:
        cold, warm = page_warm(args.url)
        print(f"Trends page, AppTest cold run:         {cold * 1000:8.0f} ms")
        print(f"Trends page, AppTest warm caches:      {warm * 1000:8.0f} ms   (aim < 1000 on SQLite)")


if __name__ == "__main__":
    main()
