"""``lessons report metrics|patterns|repeats``: the dashboards' numbers as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys

from core.commands.arguments import day, severity
from core.database import connect
from core.periods import utc_today
from core.reports import (
    PARTIAL_NOTE,
    REPORTS,
    build_report,
    document_rows,
    metrics_table,
    partial_quarters,
    quarter_label,
    to_csv,
)
from core.scorecard import scorecard
from core.services import IncidentFilter
from core.settings import get_settings

_DESCRIPTION = """\
Print a trend report over the incidents in LESSONS_DATABASE_URL (or --url), one column per quarter.

  metrics   MTTR (impact started -> resolved), MTTD (impact started -> detected), action-item completion
            (items due in the quarter with status Done / items due in the quarter) and repeat incidents,
            each against its target (settings), marked met / not met; n, median and p90 in json/csv
  patterns  incidents per category per quarter with the trend word (least-squares slope over the shown
            quarters: below -0.25 Improving, above +0.25 Worsening, else Stable)
  repeats   repeat incidents per quarter and the pairs (same category and cause within the repeat
            window, or linked by hand)

Quarters shown: those of --from/--to, else the span of the matching incidents. A quarter not over yet
(today in UTC) is headed "(partial)" and left out of the trend."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``report`` command."""
    parser = sub.add_parser(
        "report",
        help="print MTTR/MTTD/completion/repeat metrics, patterns or repeats",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("report", choices=REPORTS, help="which report")
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=day,
        metavar="YYYY-MM-DD",
        help="first incident date (action items: first due date)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=day,
        metavar="YYYY-MM-DD",
        help="last incident date (action items: last due date)",
    )
    parser.add_argument(
        "--severity",
        action="append",
        default=[],
        type=severity,
        metavar="SEV",
        help="only this severity, e.g. SEV1 (repeatable)",
    )
    parser.add_argument("--category", action="append", default=[], help="only this category (repeatable)")
    parser.add_argument(
        "--service", action="append", default=[], help="only incidents affecting this service (repeatable)"
    )
    parser.add_argument(
        "--url", help="database URL (default: LESSONS_DATABASE_URL or sqlite:///lessons.sqlite)"
    )
    parser.set_defaults(handler=_report, parser=parser)


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _report(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        args.parser.error(f"--from {args.date_from} is after --to {args.date_to}")
    flt = IncidentFilter(
        severities=[s.upper().replace(" ", "") for s in args.severity],
        categories=args.category,
        services=args.service,
        date_from=args.date_from,
        date_to=args.date_to,
    )
    engine = connect(args.url)
    settings = get_settings(engine)
    today = utc_today()
    if args.report == "metrics" and args.format == "table":
        card = scorecard(engine, flt, settings, today=today)
        if not card.quarters:
            print("No incidents match these filters.")
            return 0
        _print_table(metrics_table(card))
        print("\n✓ met  ✗ not met  * fewer incidents than small_sample_n: read with care")
        if partial_quarters(card):
            print(PARTIAL_NOTE)
        return 0
    doc = build_report(engine, args.report, flt, settings, today=today)
    if args.format == "json":
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    rows = document_rows(doc)
    if args.format == "csv":
        sys.stdout.write(to_csv(rows))
        return 0
    if not doc["quarters"]:
        print("No incidents match these filters.")
        return 0
    if args.report == "patterns":
        partial = doc["partial_quarters"]
        labels = [quarter_label(q, partial) for q in doc["quarters"]]
        _print_table(
            [["Category", *labels, "Trend"]]
            + [[r["category"], *(str(r[q]) for q in labels), r["trend"]] for r in rows]
        )
        if partial:
            print(f"\n{PARTIAL_NOTE}")
    else:
        _print_table(
            [["Quarter", *doc["quarters"]], ["Repeats", *(str(doc["counts"][q]) for q in doc["quarters"])]]
        )
        print(f"\nRepeat window: {doc['window_days']} days. Pairs:")
        if rows:
            _print_table(
                [["Incident", "Repeats", "Days", "How", "Category / cause"]]
                + [
                    [
                        r["incident_id"],
                        r["earlier_id"],
                        str(r["days_apart"]),
                        r["how"],
                        f"{r['category']} / {r['cause']}",
                    ]
                    for r in rows
                ]
            )
        else:
            print("none")
    return 0
