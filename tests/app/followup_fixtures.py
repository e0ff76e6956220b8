"""Shared set-up of the Follow-up page tests: a fixed "now" and the seed incident with action items."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import pages._followup
from core.postmortem import ActionCategory, ActionItem, ActionStatus, Priority
from core.services import create_postmortem
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 2, 12, 9, 0)


@pytest.fixture
def seeded(app_engine, monkeypatch):  # type: ignore[no-untyped-def]
    """The seed incident (SEV1, resolved 2026-01-30 09:15) with four items; pages see NOW as the time."""
    monkeypatch.setattr(pages._followup, "now", lambda: NOW)
    items = [
        ActionItem("Implement disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15),
                   category=ActionCategory.MONITORING),
        ActionItem("Update DR runbooks", Priority.P1, "SRE", date(2026, 2, 10), category=ActionCategory.DOCUMENTATION),
        ActionItem("Add automated user notifications", Priority.P2, "Product", date(2026, 2, 28)),
        ActionItem("Patch config", Priority.P0, "DevOps", date(2026, 2, 1), ActionStatus.DONE,
                   completed_on=date(2026, 2, 1)),
    ]
    return create_postmortem(app_engine, seed_postmortem(action_items=items, signoffs=[]),
                             now=datetime(2026, 2, 1))
