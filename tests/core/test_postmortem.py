"""Derived figures of the post-mortem domain object and input normalisation."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from core.errors import ValidationError
from core.postmortem import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Anchor,
    PostMortem,
    Priority,
    Severity,
    TimelineEvent,
    format_duration,
)
from core.validation import is_http_url, normalise


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(None, ""), (0, "0 hours 0 minutes"), (75, "1 hours 15 minutes"), (59, "0 hours 59 minutes"),
     (1501, "25 hours 1 minutes")],
)
def test_postmortem_format_duration_uses_the_template_spelling(minutes, text):
    assert format_duration(None if minutes is None else timedelta(minutes=minutes)) == text


def test_postmortem_timeline_kinds_fill_anchors_and_explicit_times_win():
    pm = PostMortem(
        title="t", incident_date=date(2026, 1, 30),
        timeline=[TimelineEvent(datetime(2026, 1, 30, 8), "first error", kind=Anchor.IMPACT_STARTED),
                  TimelineEvent(datetime(2026, 1, 30, 9), "restored", kind=Anchor.RESOLVED)],
        timestamps={Anchor.DETECTED: datetime(2026, 1, 30, 8, 7), Anchor.RESOLVED: datetime(2026, 1, 30, 9, 30)},
    )
    assert pm.ttd == timedelta(minutes=7)
    assert pm.ttr == timedelta(minutes=90)
    assert pm.duration == timedelta(minutes=90)


def test_postmortem_duration_falls_back_to_the_recorded_minutes():
    pm = PostMortem(title="t", incident_date=date(2026, 1, 30), duration_minutes=42)
    assert pm.ttr is None
    assert pm.duration == timedelta(minutes=42)


def test_postmortem_action_items_completed_counts_done_only():
    items = [ActionItem("a", status=ActionStatus.DONE), ActionItem("b", status=ActionStatus.CANCELLED),
             ActionItem("c")]
    assert PostMortem(title="t", incident_date=date(2026, 1, 1), action_items=items).action_items_completed == (1, 3)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("SEV1", Severity.SEV1), ("sev 2", Severity.SEV2), ("SEV-3", Severity.SEV3), (Severity.SEV4, Severity.SEV4)],
)
def test_validation_severity_spellings_are_accepted(given, expected):
    pm = normalise(PostMortem(title="t", incident_date=date(2026, 1, 1), severity=given))
    assert pm.severity is expected


def test_validation_aware_times_become_naive_utc():
    cet = timezone(timedelta(hours=1))
    pm = normalise(PostMortem(title="t", incident_date=date(2026, 1, 30),
                              timeline=[TimelineEvent(datetime(2026, 1, 30, 9, 0, tzinfo=cet), "x")]))
    assert pm.timeline[0].time == datetime(2026, 1, 30, 8, 0)


def test_validation_numbers_new_action_items_after_existing_ones():
    pm = normalise(PostMortem(title="t", incident_date=date(2026, 1, 1), action_items=[
        ActionItem("a", number=3), ActionItem("b"), ActionItem("c", category=ActionCategory.MONITORING)]))
    assert [a.number for a in pm.action_items] == [3, 4, 5]
    assert pm.action_items[2].priority is Priority.P1


def test_validation_reports_every_problem_at_once():
    pm = PostMortem(title="", incident_date=date(2026, 1, 1), severity="SEV0",
                    action_items=[ActionItem("", priority="P9")])
    with pytest.raises(ValidationError) as info:
        normalise(pm)
    assert {p.field for p in info.value.problems} == {"title", "severity", "action_items[0].action",
                                                      "action_items[0].priority"}


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://grafana.example.com/d/x?from=1", True), ("http://localhost:3000", True), ("ftp://x.org/f", False),
     ("javascript:alert(1)", False), ("https://", False), ("grafana.example.com", False),
     ("https://exa mple.com", False)],
)
def test_validation_attachment_links_must_be_http(url, ok):
    assert is_http_url(url) is ok
