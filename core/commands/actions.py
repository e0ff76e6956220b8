"""``lessons actions``: the action-item tracker on the command line (table, JSON, CSV, Jira CSV)."""

from __future__ import annotations

import argparse
import sys

from core.action_export import FORMATS, render
from core.action_items import ActionFilter, list_action_items
from core.commands.arguments import moment
from core.database import connect
from core.repository import utcnow

_DESCRIPTION = """\
List action items of every post-mortem in LESSONS_DATABASE_URL (or --url), soonest due first.

Overdue: due before today (UTC) and not Done or Cancelled. Due this week: Monday to Sunday of today's
ISO week.
--owner, --status, --priority, --category and --incident can be given several times; an unknown owner is an
error (exit 1) naming close spellings.

jira-csv: Summary, Issue Type, Priority (P0 Highest, P1 High, P2 Medium), Assignee, Due Date (yyyy-MM-dd: set
this date format in Jira's CSV importer), Labels (several columns: postmortem, incident id, category,
priority), Description (the action, the incident id and title)."""


now_arg = moment  # kept for the reviews command, which imports it


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``actions`` command."""
    parser = sub.add_parser(
        "actions",
        help="list action items across incidents (table, json, csv, jira-csv)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--overdue", action="store_true", help="only overdue items")
    parser.add_argument("--due-this-week", action="store_true", help="only items due this ISO week")
    parser.add_argument("--open", action="store_true", help="only items not Done or Cancelled")
    parser.add_argument("--owner", action="append", default=[], metavar="NAME", help="owner (repeatable)")
    parser.add_argument(
        "--status", action="append", default=[], help="Open, In Progress, Blocked, Done, Cancelled"
    )
    parser.add_argument("--priority", action="append", default=[], help="P0, P1 or P2 (repeatable)")
    parser.add_argument("--category", action="append", default=[], help="e.g. Monitoring (repeatable)")
    parser.add_argument("--incident", action="append", default=[], metavar="INC-ID", help="incident id")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--now", type=now_arg, metavar="ISO", help="evaluate as of this UTC time (default: now)"
    )
    parser.add_argument("--url", help="database URL (default: LESSONS_DATABASE_URL)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    flt = ActionFilter(
        owners=args.owner,
        statuses=args.status,
        priorities=args.priority,
        categories=args.category,
        incidents=args.incident,
        overdue=args.overdue,
        due_this_week=args.due_this_week,
        open_only=args.open,
    )
    items = list_action_items(connect(args.url), flt, now=args.now or utcnow())
    sys.stdout.write(render(items, args.format))
    return 0
