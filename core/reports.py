"""Trend reports as plain rows and documents: one shape for the CLI (table, JSON, CSV) and the downloads."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import Engine

from core.metrics import Duration
from core.patterns import DEFINITION as TREND_DEFINITION
from core.patterns import CategoryPattern, category_patterns
from core.periods import is_partial, shown_quarters, utc_today
from core.repeats import RepeatPair, repeat_counts, repeat_pairs
from core.scorecard import Cell, Scorecard, scorecard
from core.services import IncidentFilter

REPORTS = ("metrics", "patterns", "repeats")
PARTIAL_NOTE = "(partial) quarter not over yet: its figures will still move, and it is left out of trends"


def partial_quarters(card: Scorecard) -> list[str]:
    """The shown quarters not over yet, as the completion figures mark them (one rule: core.periods)."""
    return [c.quarter for c in card.completion if c.partial]


def quarter_label(quarter: str, partial: list[str]) -> str:
    """``2026-Q2 (partial)`` for a quarter not over yet, else the quarter itself (table headers)."""
    return f"{quarter} (partial)" if quarter in partial else quarter


def mark(met: bool | None) -> str:
    """``met``, ``not met`` or ``no data``."""
    return "no data" if met is None else ("met" if met else "not met")


def format_value(key: str, value: float | None) -> str:
    """A cell as the seed writes it: minutes without unit, ``85%``, a whole count."""
    if value is None:
        return "—"
    if key == "completion":
        return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"
    if key == "repeats":
        return f"{value:.0f}"
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _filter_doc(flt: IncidentFilter) -> dict[str, Any]:
    return {
        "from": flt.date_from.isoformat() if flt.date_from else None,
        "to": flt.date_to.isoformat() if flt.date_to else None,
        "severity": flt.severities,
        "category": flt.categories,
        "service": flt.services,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def metrics_rows(card: Scorecard) -> list[dict[str, Any]]:
    """One row per metric and quarter: value, target, met / not met, n and the small-sample flag."""
    rows = []
    partial = partial_quarters(card)
    for row in card.rows:
        for quarter in card.quarters:
            cell: Cell = row.cells[quarter]
            extra: dict[str, Any] = {}
            if row.key in ("mttr", "mttd"):
                stats = {
                    s.quarter: s for s in card.durations[Duration.TTR if row.key == "mttr" else Duration.TTD]
                }
                s = stats[quarter]
                extra = {"median": _round(s.median), "p90": _round(s.p90), "missing": s.missing}
            rows.append(
                {
                    "metric": row.key,
                    "name": row.name,
                    "quarter": quarter,
                    "value": _round(cell.value),
                    "target": row.target.text,
                    "status": mark(cell.met),
                    "n": cell.n,
                    "small_sample": cell.small_sample,
                    "note": cell.note,
                    "partial": quarter in partial,
                    **extra,
                }
            )
    return rows


def metrics_document(card: Scorecard, flt: IncidentFilter) -> dict[str, Any]:
    """The metrics report as a JSON-ready document."""
    rows = metrics_rows(card)
    metrics = []
    for row in card.rows:
        cells = {
            r["quarter"]: {k: v for k, v in r.items() if k not in ("metric", "name", "quarter", "target")}
            for r in rows
            if r["metric"] == row.key
        }
        metrics.append(
            {
                "metric": row.key,
                "name": row.name,
                "definition": row.definition,
                "target": {
                    "op": row.target.op,
                    "value": row.target.value,
                    "unit": row.target.unit,
                    "text": row.target.text,
                },
                "quarters": cells,
            }
        )
    return {
        "report": "metrics",
        "filter": _filter_doc(flt),
        "quarters": card.quarters,
        "partial_quarters": partial_quarters(card),
        "metrics": metrics,
    }


def metrics_table(card: Scorecard) -> list[list[str]]:
    """The seed's "Metrics Tracking" table: Metric, Target, a column per quarter (✓ met, ✗ not, * small n);
    a quarter not over yet is headed ``(partial)``."""
    partial = partial_quarters(card)
    table = [["Metric", "Target", *(quarter_label(q, partial) for q in card.quarters)]]
    for row in card.rows:
        cells = []
        for q in card.quarters:
            cell = row.cells[q]
            text = format_value(row.key, cell.value)
            if cell.met is not None:
                text += " ✓" if cell.met else " ✗"
            if cell.small_sample and cell.value is not None and row.key != "repeats":
                text += " *"
            cells.append(text)
        table.append([row.name, row.target.text, *cells])
    return table


def pattern_rows(patterns: list[CategoryPattern], quarters: list[str]) -> list[dict[str, Any]]:
    """The seed's "Pattern Analysis" table: one row per category, a column per quarter, slope and trend."""
    return [
        {
            "category": p.category,
            **{q: p.counts[q] for q in quarters},
            "total": p.total,
            "slope": None if p.slope is None else round(p.slope, 3),
            "trend": p.trend,
        }
        for p in patterns
    ]


def repeat_rows(pairs: list[RepeatPair]) -> list[dict[str, Any]]:
    """One row per repeat incident and the earlier incident it repeats."""
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(p).items()} for p in pairs]


def build_report(
    engine: Engine, name: str, flt: IncidentFilter, settings: dict[str, Any], *, today: date | None = None
) -> dict[str, Any]:
    """The document of report ``name`` (metrics, patterns or repeats) for ``flt``."""
    quarters = shown_quarters(engine, flt)
    today = today or utc_today()
    if name == "metrics":
        return metrics_document(scorecard(engine, flt, settings, today=today, quarters=quarters), flt)
    if name == "patterns":
        patterns = category_patterns(engine, flt, quarters, today=today)
        return {
            "report": "patterns",
            "filter": _filter_doc(flt),
            "quarters": quarters,
            "partial_quarters": [q for q in quarters if is_partial(q, today)],
            "definition": TREND_DEFINITION,
            "categories": pattern_rows(patterns, quarters),
        }
    if name == "repeats":
        window = int(settings["repeat_window_days"])
        return {
            "report": "repeats",
            "filter": _filter_doc(flt),
            "quarters": quarters,
            "window_days": window,
            "counts": repeat_counts(engine, flt, quarters, window_days=window),
            "pairs": repeat_rows(repeat_pairs(engine, flt, window_days=window, limit=None)),
        }
    raise ValueError(f"unknown report {name!r}; expected one of {', '.join(REPORTS)}")


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text of ``rows`` (header from the first row's keys)."""
    if not rows:
        return ""
    fields = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def document_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat rows of a report document (what CSV and table formats print)."""
    if doc["report"] == "metrics":
        return [
            {"metric": m["metric"], "quarter": q, "target": m["target"]["text"], **cell}
            for m in doc["metrics"]
            for q, cell in m["quarters"].items()
        ]
    if doc["report"] == "patterns":
        partial = doc.get("partial_quarters", [])
        return [{quarter_label(k, partial): v for k, v in row.items()} for row in doc["categories"]]
    return doc["pairs"]
