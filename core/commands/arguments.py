"""Argument types shared by the subcommands: dates and times within a range the metrics can handle."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from core.validation import to_utc_naive

EARLIEST_YEAR, LATEST_YEAR = 1970, 2200


def _in_range(value: date, text: str) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR}")


def day(text: str) -> date:
    """A ``YYYY-MM-DD`` date between 1970 and 2200."""
    try:
        value = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from exc
    _in_range(value, text)
    return value


def moment(text: str) -> datetime:
    """An ISO date or date-time between 1970 and 2200 (an offset is converted to UTC)."""
    try:
        value = to_utc_naive(datetime.fromisoformat(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date-time like 2026-02-12T09:00") from exc
    _in_range(value.date(), text)
    return value


def days(text: str) -> int:
    """A number of days from 0 to 3650."""
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from exc
    if not 0 <= value <= 3650:
        raise argparse.ArgumentTypeError(f"{value} is out of range: give 0 to 3650 days")
    return value


def severity(text: str) -> str:
    """A severity, SEV1 to SEV4 (``SEV 1`` and ``sev-1`` are accepted too)."""
    from core.postmortem import Severity
    from core.validation import parse_enum

    problems: list = []  # type: ignore[type-arg]
    value = parse_enum(Severity, text, "severity", problems)
    if problems:
        raise argparse.ArgumentTypeError(problems[0].message)
    return str(value.value)
