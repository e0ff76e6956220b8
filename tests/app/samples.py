"""The seed's example incident exactly as ../shared/samples/INC-2026-01-30-001.md shows it."""

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


def sample_postmortem() -> PostMortem:
    """Every section of the seed's example, only the template's fields (so the Markdown equals the sample)."""

    def at(h: int, m: int) -> datetime:
        return datetime(2026, 1, 30, h, m)

    return PostMortem(
        title="PostgreSQL primary database corrupted after disk failure",
        incident_date=date(2026, 1, 30),
        severity=Severity.SEV1,
        reporter="Dana Whitfield",
        executive_summary=(
            "A failing disk on the primary PostgreSQL host corrupted the orders database at 08:00 UTC. "
            "Checkout and order history were unavailable for 75 minutes until the database was restored "
            "from the 07:00 backup "
            "and traffic was moved to the rebuilt primary. No committed orders were lost."
        ),
        impact=Impact(
            users_affected="38% of active users (about 12,400)",
            services_affected=["checkout-api", "orders-db", "order-history-ui"],
            data_loss=False,
            financial="About 21,000 USD in delayed orders",
            reputational="Moderate; 140 support tickets and social media complaints",
        ),
        timeline=[
            TimelineEvent(at(8, 0), "First error logged", "orders-db", Anchor.IMPACT_STARTED),
            TimelineEvent(at(8, 5), "Monitoring alert fired", "Alertmanager", Anchor.DETECTED),
            TimelineEvent(at(8, 10), "On-call engineer paged", "PagerDuty", Anchor.ACKNOWLEDGED),
            TimelineEvent(at(8, 15), "Incident declared, team assembled", "Dana Whitfield", Anchor.DECLARED),
            TimelineEvent(at(8, 30), "Root cause identified", "Omar Haddad", Anchor.ROOT_CAUSE_IDENTIFIED),
            TimelineEvent(at(9, 0), "Fix deployed", "Omar Haddad", Anchor.MITIGATED),
            TimelineEvent(at(9, 15), "Service fully restored", "Dana Whitfield", Anchor.RESOLVED),
            TimelineEvent(at(9, 30), "Monitoring confirmed stable", "Priya Raman", Anchor.CONFIRMED_STABLE),
        ],
        whys=[
            "Write operation failed due to disk error",
            "Disk reached end of life",
            "No disk health monitoring in place",
            "Monitoring scope didn't include hardware",
            "DR plan focused on software, not hardware",
        ],
        root_cause="Inadequate hardware monitoring and lifecycle management",
        contributing_factors=[
            "SMART warnings were written to a host log that nothing collected",
            "The replica was 40 minutes behind because of a long-running analytics query",
            "The restore runbook still named the decommissioned backup bucket",
        ],
        resolution=(
            "The corrupted primary was fenced, the 07:00 base backup was restored onto a new host, WAL was "
            "replayed to 08:00, and the application was pointed at the new primary."
        ),
        went_well=[
            "Backup restoration worked perfectly",
            "Team communication was clear",
            "Failover procedures executed correctly",
        ],
        could_improve=[
            "Detection took too long",
            "Documentation was outdated",
            "Communication to users was delayed",
        ],
        action_items=[
            ActionItem("Implement disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15)),
            ActionItem("Update DR runbooks", Priority.P1, "SRE", date(2026, 2, 10)),
            ActionItem("Add automated user notifications", Priority.P2, "Product", date(2026, 2, 28)),
        ],
        lessons=Lessons(
            technical=["Hardware health needs the same monitoring as software health"],
            process=["Runbooks need an owner and a review date"],
            communication=["A status page update within 15 minutes would have cut support tickets"],
        ),
        attachments=[
            Attachment(
                "Grafana dashboard snapshot", "https://grafana.example.com/d/orders-db?from=1769760000000"
            ),
            Attachment("Incident channel export", "https://chat.example.com/archives/inc-2026-01-30"),
        ],
        signoffs=[
            SignOff("Incident Commander", "Dana Whitfield", date(2026, 2, 1)),
            SignOff("Engineering Manager", "Luis Ortega", date(2026, 2, 2)),
            SignOff("Product Manager"),
        ],
    )
