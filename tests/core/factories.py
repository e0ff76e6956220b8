"""Builders of domain objects for tests."""

from __future__ import annotations

from datetime import date, datetime

from core.postmortem import (
    ActionItem,
    Anchor,
    Attachment,
    Impact,
    Lessons,
    PostMortem,
    Priority,
    Severity,
    SignOff,
    TimelineEvent,
)


def seed_postmortem(**overrides) -> PostMortem:  # type: ignore[no-untyped-def]
    """The seed's example incident (PostgreSQL disk failure, 2026-01-30) with every section filled."""
    day = date(2026, 1, 30)

    def at(h: int, m: int) -> datetime:
        return datetime(2026, 1, 30, h, m)

    values = dict(
        title="PostgreSQL primary database corrupted after disk failure",
        incident_date=day,
        severity=Severity.SEV1,
        reporter="Dana Whitfield",
        incident_commander="Dana Whitfield",
        summary="A failing disk corrupted the orders database.",
        executive_summary="A failing disk on the primary PostgreSQL host corrupted the orders database.",
        detection_method="Monitoring alert",
        category="database",
        cause="hardware_failure",
        resolution="Restored from backup.",
        resolution_method="backup_restore",
        impact=Impact(users_affected="38%", services_affected=["checkout-api", "orders-db"], data_loss=False,
                      financial="About 21,000 USD", reputational="Moderate"),
        rto_met=True,
        rpo_met=True,
        timeline=[
            TimelineEvent(at(8, 0), "First error logged", "orders-db", Anchor.IMPACT_STARTED),
            TimelineEvent(at(8, 5), "Monitoring alert fired", "Alertmanager", Anchor.DETECTED),
            TimelineEvent(at(8, 10), "On-call engineer paged", "PagerDuty", Anchor.ACKNOWLEDGED),
            TimelineEvent(at(9, 15), "Service fully restored", "Dana Whitfield", Anchor.RESOLVED),
        ],
        whys=["Write operation failed due to disk error", "Disk reached end of life"],
        root_cause="Inadequate hardware monitoring and lifecycle management",
        contributing_factors=["SMART warnings were not collected"],
        went_well=["Backup restoration worked perfectly"],
        could_improve=["Detection took too long"],
        action_items=[
            ActionItem("Implement disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15)),
            ActionItem("Update DR runbooks", Priority.P1, "SRE", date(2026, 2, 10)),
        ],
        lessons=Lessons(technical=["Hardware health needs monitoring"], process=["Runbooks need an owner"],
                        communication=["Update the status page within 15 minutes"]),
        attachments=[Attachment("Grafana", "https://grafana.example.com/d/orders-db")],
        signoffs=[SignOff("Incident Commander", "Dana Whitfield", date(2026, 2, 1))],
    )
    values.update(overrides)
    return PostMortem(**values)  # type: ignore[arg-type]
