"""Quarter arithmetic and the quarters a report shows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import periods
from core.errors import ValidationError
from core.periods import is_partial, parse_quarter, quarter_bounds, quarters_between, shown_quarters
from core.services import IncidentFilter, create_postmortem
from tests.core.trend_data import plain


@pytest.mark.parametrize(
    ("quarter", "bounds"),
    [
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2026-Q2", (date(2026, 4, 1), date(2026, 6, 30))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_periods_quarter_bounds(quarter, bounds):
    assert quarter_bounds(quarter) == bounds


@pytest.mark.parametrize("text", ["2026-Q5", "2026Q1", "Q1", ""])
def test_periods_parse_rejects_malformed(text):
    with pytest.raises(ValidationError):
        parse_quarter(text)


def test_periods_quarters_between_cross_years():
    assert quarters_between("2025-Q3", "2026-Q2") == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert quarters_between("2026-Q2", "2026-Q1") == []


def test_periods_partial_quarter():
    assert is_partial("2026-Q1", date(2026, 3, 31))
    assert not is_partial("2026-Q1", date(2026, 4, 1))


def test_periods_shown_quarters_from_data_or_range(engine):
    assert shown_quarters(engine, IncidentFilter()) == []
    create_postmortem(engine, plain(date(2025, 11, 3)))
    create_postmortem(engine, plain(date(2026, 4, 3)))
    assert shown_quarters(engine, IncidentFilter()) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert shown_quarters(engine, IncidentFilter(date_from=date(2026, 1, 1))) == ["2026-Q1", "2026-Q2"]
    ranged = IncidentFilter(date_from=date(2025, 1, 1), date_to=date(2025, 6, 30))
    assert shown_quarters(engine, ranged) == ["2025-Q1", "2025-Q2"]


@pytest.mark.parametrize(
    ("utc_now", "today"),
    [
        (datetime(2026, 3, 31, 23, 30), date(2026, 3, 31)),  # still Q1 in UTC, whatever the server's zone
        (datetime(2026, 4, 1, 0, 10), date(2026, 4, 1)),  # already Q2 in UTC
    ],
)
def test_periods_utc_today_is_the_utc_date(monkeypatch, utc_now, today):
    monkeypatch.setattr(periods, "utcnow", lambda: utc_now)
    assert periods.utc_today() == today
