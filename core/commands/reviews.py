"""``lessons reviews``: review-cadence steps, DR-plan tasks and the annual review that are due or overdue."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from core.cadence import incident_cadence
from core.commands.actions import now_arg
from core.database import connect
from core.repository import utcnow
from core.reviews_due import FORMATS, DueRow, due_summary, render

_DESCRIPTION = """\
--due lists what is due within --within days (default 7) or overdue, across incidents: the review cadence
counted from each incident's resolution time (cool-down 24 h, data collection and post-mortem meeting by 48 h,
action items by 30 days, 30-day follow-up, 90-day review), open DR-plan tasks (the DR-plan triggers run first)
and this year's annual DR-plan review once it falls due. --since keeps incidents on or after a date
(DR tasks of no incident and the annual review: by their due date). --limit lists the first N rows
(default 500, 0 = all); the counts on the last line are always the true totals, and a cut list is
announced on stderr.
--incident shows one incident's whole cadence."""

DEFAULT_LIMIT = 500


def limit_arg(text: str) -> int:
    """Parse ``--limit`` (a whole number, 0 = no limit)."""
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
    if value < 0:
        raise argparse.ArgumentTypeError("cannot be negative (0 lists every row)")
    return value


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``reviews`` command."""
    parser = sub.add_parser(
        "reviews",
        help="list reviews and DR-plan tasks that are due or overdue",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--due", action="store_true", help="list what is due or overdue across incidents")
    parser.add_argument("--incident", metavar="INC-ID", help="show every cadence step of one incident")
    parser.add_argument("--within", type=int, default=7, metavar="DAYS", help="look ahead this many days")
    parser.add_argument(
        "--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="only incidents on or after this date"
    )
    parser.add_argument(
        "--limit",
        type=limit_arg,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"list at most N rows, overdue first (default: {DEFAULT_LIMIT}; 0 = all); "
        "the totals are always complete",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--now", type=now_arg, metavar="ISO", help="evaluate as of this UTC time (default: now)"
    )
    parser.add_argument("--url", help="database URL (default: LESSONS_DATABASE_URL)")
    parser.set_defaults(handler=_run, parser=parser)


def _run(args: argparse.Namespace) -> int:
    if not args.due and not args.incident:
        args.parser.print_usage(sys.stderr)
        print("lessons reviews: give --due or --incident INC-ID", file=sys.stderr)
        return 2
    if args.within < 0:
        print("lessons reviews: --within cannot be negative", file=sys.stderr)
        return 2
    engine = connect(args.url)
    now = args.now or utcnow()
    if args.incident:
        rows = [
            DueRow("review", s.incident_id, s.label, s.participants, s.due_at, s.state.value, s.estimated)
            for s in incident_cadence(engine, args.incident, now=now)
        ]
        sys.stdout.write(render(rows, args.format))
        return 0
    work = due_summary(engine, now=now, within_days=args.within, since=args.since, limit=args.limit or None)
    sys.stdout.write(render(work.rows, args.format, total=work.total, overdue=work.overdue))
    if work.truncated:
        print(
            f"lessons reviews: showing the first {len(work.rows)} of {work.total} "
            f"({work.overdue} overdue); use --limit N for more, --limit 0 for all",
            file=sys.stderr,
        )
    return 0
