"""Post-mortems that exercise every corner of the Markdown format: every field, unicode, pipes, line breaks,
Markdown-looking text, timelines crossing midnight, anchors that disagree with the wording."""

from __future__ import annotations

from datetime import date, datetime

from core.postmortem import (
    ActionCategory,
    ActionItem,
    ActionStatus,
    Anchor,
    Attachment,
    Impact,
    Lessons,
    PostMortem,
    Priority,
    ReviewStatus,
    Severity,
    SignOff,
    TimelineEvent,
    Verification,
)
from tests.core.factories import seed_postmortem


def rich_postmortem() -> PostMortem:
    """Every field set, with text that looks like Markdown structure."""
    day = date(2025, 12, 31)
    return PostMortem(
        title="Zürich DNS | résolveur outage ## on New Year's Eve #",
        incident_date=day,
        severity=Severity.SEV2,
        reporter="Ana-María O'Neil",
        incident_commander="Jürgen Weiß",
        summary="Resolvers in zrh-1 dropped 40 % of queries | for 2 hours.",
        executive_summary="First paragraph with a pipe | and a backslash \\ and <br> literally.\n\n"
        "# not a heading\n---\n```\nnot a fence\n<div>not html</div>\n\\escaped already",
        detection_method="Synthetic probe",
        category="network",
        cause="config_change",
        resolution="Rolled back the resolver config.\n    indented code line\n\n* a list in the text",
        resolution_method="rollback",
        impact=Impact(
            users_affected="≈ 12 000 users\nin two regions",
            services_affected=["dns, zrh-1", "api|edge"],
            data_loss=True,
            data_loss_amount="12 log lines, -5 rows",
            financial="€ 3 400",
            reputational="Low | moderate",
        ),
        rto_met=False,
        rpo_met=None,
        status=ReviewStatus.IN_REVIEW,
        timestamps={Anchor.DECLARED: datetime(2025, 12, 31, 23, 40, 30)},
        timeline=[
            TimelineEvent(datetime(2025, 12, 30, 22, 0), "Config change merged", "CI"),
            TimelineEvent(
                datetime(2025, 12, 31, 23, 10),
                "First errors in resolver logs | zrh-1",
                "resolver",
                Anchor.IMPACT_STARTED,
            ),
            TimelineEvent(
                datetime(2025, 12, 31, 23, 25, 15), "Synthetic probe alert fired", "probe", Anchor.DETECTED
            ),
            TimelineEvent(
                datetime(2025, 12, 31, 23, 30), "Incident declared (wording, but no anchor)", "Jürgen"
            ),
            TimelineEvent(
                datetime(2025, 12, 31, 23, 35), "Someone looked at the graphs", "", Anchor.ACKNOWLEDGED
            ),
            TimelineEvent(
                datetime(2026, 1, 1, 0, 20),
                "Config rolled back\nacross both sites",
                "Ana-María",
                Anchor.MITIGATED,
            ),
            TimelineEvent(datetime(2026, 1, 1, 1, 10), "Service fully restored", "Jürgen", Anchor.RESOLVED),
        ],
        problem="Queries | timed out",
        whys=["Why? the resolver dropped queries", "Cache was cold\nafter restart", "## no heading"],
        root_cause="Resolver config changes ship without a canary\nand without a probe",
        contributing_factors=["Holiday staffing", "- looks like a list", "1. looks numbered"],
        went_well=["Rollback took 10 minutes", "Probe caught it"],
        could_improve=[f"Improvement {n}" for n in range(1, 12)],
        action_items=[
            ActionItem(
                "Add a canary | for resolver configs",
                Priority.P0,
                "Net team",
                date(2026, 1, 10),
                ActionStatus.DONE,
                ActionCategory.IMMEDIATE_FIX,
                date(2026, 1, 5),
                Verification.YES,
                "No drops since\nthe canary",
                "NET-42",
                number=3,
            ),
            ActionItem(
                "Probe per site",
                Priority.P1,
                "",
                None,
                ActionStatus.IN_PROGRESS,
                ActionCategory.MONITORING,
                number=7,
            ),
            ActionItem("Write the runbook", Priority.P2, "SRE", date(2026, 2, 1), ActionStatus.CANCELLED),
        ],
        lessons=Lessons(
            technical=["Caches need warming"],
            process=[],
            communication=["Status page first", "Then the blog\npost"],
        ),
        attachments=[
            Attachment("Grafana [zrh-1] board", "https://grafana.example.com/d/dns?var=a|b&x=(1)"),
            Attachment("https://example.com/raw", "https://example.com/raw"),
        ],
        signoffs=[
            SignOff("Incident Commander", "Jürgen Weiß", date(2026, 1, 2)),
            SignOff("Engineering Manager"),
            SignOff("Product Manager", "", None),
        ],
        duration_minutes=90,
        repeat_of="INC-2025-10-01-001",
        incident_id="INC-2025-12-31-004",
    )


def minimal_postmortem() -> PostMortem:
    """Only what is required."""
    return PostMortem(title="Minimal", incident_date=date(2026, 3, 1))


def duration_only_postmortem() -> PostMortem:
    """A recorded duration and a timeline whose wording suggests other anchors, none of them set."""
    return PostMortem(
        title="Recorded duration only",
        incident_date=date(2026, 3, 2),
        duration_minutes=60,
        timeline=[
            TimelineEvent(datetime(2026, 3, 2, 8, 0), "First error logged"),
            TimelineEvent(datetime(2026, 3, 2, 8, 5), "Monitoring alert fired"),
            TimelineEvent(datetime(2026, 3, 2, 9, 15), "Service fully restored"),
        ],
    )


def unsorted_postmortem() -> PostMortem:
    """Timeline rows out of order, on the incident date and the days around it."""
    return seed_postmortem(
        timeline=[
            TimelineEvent(datetime(2026, 1, 30, 9, 0), "Later row first"),
            TimelineEvent(datetime(2026, 1, 30, 8, 0), "Earlier row second"),
            TimelineEvent(datetime(2026, 1, 29, 23, 0), "Day before"),
            TimelineEvent(datetime(2026, 1, 30, 7, 0), "Back on the day"),
        ],
        incident_id="INC-2026-01-30-002",
    )


def anchors_by_timestamp_postmortem() -> PostMortem:
    """TTR from explicit timestamps that differ from a recorded duration."""
    return seed_postmortem(
        timeline=[],
        timestamps={
            Anchor.IMPACT_STARTED: datetime(2026, 1, 30, 8, 0),
            Anchor.RESOLVED: datetime(2026, 1, 30, 10, 30),
        },
        duration_minutes=45,
    )


CASES = {
    "seed": seed_postmortem,
    "rich": rich_postmortem,
    "minimal": minimal_postmortem,
    "duration_only": duration_only_postmortem,
    "unsorted": unsorted_postmortem,
    "timestamps": anchors_by_timestamp_postmortem,
}
