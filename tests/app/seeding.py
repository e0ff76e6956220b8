"""A small, varied incident database for page tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from core.postmortem import ActionStatus, ReviewStatus, Severity
from core.services import create_postmortem
from tests.core.factories import seed_postmortem

# (date, severity, category, cause, status, title)
INCIDENTS = [
    (
        date(2026, 1, 30),
        Severity.SEV1,
        "database",
        "hardware_failure",
        ReviewStatus.DRAFT,
        "PostgreSQL primary database corrupted after disk failure",
    ),
    (
        date(2025, 11, 4),
        Severity.SEV2,
        "network",
        "config_change",
        ReviewStatus.IN_REVIEW,
        "Checkout latency after load balancer change",
    ),
    (
        date(2025, 8, 12),
        Severity.SEV3,
        "third_party",
        "vendor_outage",
        ReviewStatus.CLOSED,
        "Payment provider outage",
    ),
    (
        date(2025, 3, 2),
        Severity.SEV4,
        "database",
        "capacity",
        ReviewStatus.SIGNED_OFF,
        "Reporting replica ran out of connections",
    ),
]


def fill_database(engine: Engine) -> list[str]:
    """Store the INCIDENTS (each with the seed's sections) and return their ids."""
    ids = []
    for day, severity, category, cause, status, title in INCIDENTS:
        pm = seed_postmortem(
            incident_date=day,
            severity=severity,
            category=category,
            cause=cause,
            status=status,
            title=title,
            timeline=[],
            signoffs=[],
        )
        for item in pm.action_items:
            item.due_date = None
        if status is ReviewStatus.CLOSED:
            for item in pm.action_items:
                item.status = ActionStatus.DONE
        ids.append(create_postmortem(engine, pm, imported=True).incident_id)  # historical records
    return ids
