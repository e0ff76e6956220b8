"""Word lists of the sample data: people, teams, services, detection and resolution methods, phrases."""

from __future__ import annotations

from dataclasses import dataclass

SERVICES: tuple[str, ...] = (
    "checkout-api", "orders-db", "payments-gateway", "auth-service", "search-api", "catalog-service",
    "cdn-edge", "api-gateway", "notification-worker", "reporting-warehouse", "user-db", "inventory-db",
    "inventory-service", "message-queue", "dns", "load-balancer", "object-storage", "web-frontend",
    "mobile-backend",
)

PEOPLE: tuple[str, ...] = (
    "Dana Whitfield", "Ravi Menon", "Aiko Tanaka", "Lucas Moreau", "Amara Okafor", "Jonas Berg",
    "Sofia Alves", "Mateo Ruiz", "Priya Raman", "Chen Wei", "Fatima Zahra", "Noah Fischer",
    "Leila Haddad", "Tomasz Nowak", "Grace Mensah", "Ivan Petrov", "Hana Kim", "Oliver Hughes",
    "Yara Costa", "Samuel Adeyemi", "Elena Rossi", "Kai Nakamura", "Ingrid Larsen", "Diego Herrera",
    "Nadia Sokolova", "Arjun Shah", "Mei Lin", "Tariq Aziz", "Claire Dubois", "Emeka Nwosu",
)
ENGINEERING_MANAGERS: tuple[str, ...] = ("Ruth Castillo", "Henrik Dahl", "Anika Bose", "Marcus Reid",
                                         "Julia Stein")
PRODUCT_MANAGERS: tuple[str, ...] = ("Olivia Grant", "Rafael Santos", "Zoe Park", "Benedikt Vogel")

TEAMS: tuple[str, ...] = ("SRE", "DevOps", "Platform", "Database team", "Network team", "Security", "Product",
                          "Release engineering", "Support", "Infrastructure")


@dataclass(frozen=True)
class Detection:
    """How an incident was noticed: typical minutes to detect, the timeline text and who records it.
    ``vendor``: only for causes at a provider (those a vendor fix can resolve)."""

    method: str
    median_minutes: float
    weight: float
    event: str
    owner: str
    vendor: bool = False


DETECTIONS: tuple[Detection, ...] = (
    Detection("Monitoring alert", 3.0, 0.40, "Monitoring alert fired for {service} error rate",
              "Alertmanager"),
    Detection("Synthetic check", 5.0, 0.14, "Synthetic check for {service} failed from three regions",
              "Synthetic monitoring"),
    Detection("Anomaly detection", 8.0, 0.10, "Anomaly detection flagged unusual {service} latency",
              "Anomaly detector"),
    Detection("Log alert", 6.0, 0.12, "Log-based alert matched repeated errors from {service}",
              "Log pipeline"),
    Detection("Customer report", 22.0, 0.12, "First customer report about {service} reached support",
              "Support"),
    Detection("Internal report", 15.0, 0.08, "Internal user reported failures in {service}", "Support"),
    Detection("Vendor status page", 18.0, 0.04, "Vendor status page announced degraded service", "Vendor",
              vendor=True),
)

RESOLUTIONS: dict[str, str] = {
    "rollback": "{service} was rolled back to the previous release.",
    "backup_restore": "{service} was restored from the latest backup and the write-ahead log was replayed.",
    "failover": "Traffic failed over to the standby of {service}.",
    "config_fix": "The configuration of {service} was corrected and reloaded.",
    "scale_up": "{service} was scaled up to twice its instance count.",
    "hotfix": "A hotfix for {service} was built, tested and deployed.",
    "restart": "{service} instances were restarted in batches.",
    "vendor_fix": "The provider resolved the issue on their side and {service} recovered.",
    "traffic_shift": "Traffic for {service} was shifted to healthy paths.",
    "traffic_block": "Blocking rules at the edge stopped the hostile traffic to {service}.",
    "hardware_replacement": "The faulty hardware was replaced and {service} rejoined the cluster.",
    "credential_rotation": "The affected credentials of {service} were rotated.",
    "query_kill": "The blocking session on {service} was terminated and the migration was rescheduled.",
}

WENT_WELL_BY_RESOLUTION: dict[str, str] = {
    "rollback": "Rollback completed in under five minutes",
    "backup_restore": "Backup restoration worked as documented",
    "failover": "Failover procedures executed correctly",
    "config_fix": "The configuration history made the bad change easy to find",
    "scale_up": "Extra capacity was available within minutes",
    "hotfix": "The fast-track pipeline delivered the hotfix safely",
    "restart": "Batched restarts kept part of the fleet serving",
    "vendor_fix": "The provider's status updates were timely",
    "traffic_shift": "Traffic shifting worked as rehearsed",
    "traffic_block": "Edge blocking rules took effect quickly",
    "hardware_replacement": "Spare hardware was on site",
    "credential_rotation": "Credential rotation caused no further downtime",
    "query_kill": "Database session tooling identified the blocking query quickly",
}

WENT_WELL: tuple[str, ...] = (
    "Team communication was clear",
    "The incident channel was opened within minutes",
    "Roles (commander, scribe, communications) were assigned early",
    "The status page was updated promptly",
    "Dashboards showed the failing component clearly",
    "Escalation to the owning team worked as documented",
    "Customer support had a holding statement quickly",
)

COULD_IMPROVE: tuple[str, ...] = (
    "Documentation was outdated",
    "Communication to users was delayed",
    "The runbook did not cover this failure mode",
    "Alerts from several systems arrived at once and hid the first signal",
    "Access to the production console took several minutes to obtain",
    "The on-call rotation lacked a secondary for this service",
    "Status page updates were irregular",
)
SLOW_DETECTION = "Detection took longer than the five-minute target"

# Generic process lessons, true of any incident; each category adds its own (Category.process_lessons).
PROCESS_LESSONS: tuple[str, ...] = (
    "Runbooks need an owner and a review date",
    "Changes to shared infrastructure need a second review",
    "Post-mortem action items need a tracker key to stay visible",
    "Incident roles work best when assigned in the first five minutes",
    "Risky changes go out during staffed hours",
)
COMMUNICATION_LESSONS: tuple[str, ...] = (
    "A status page update within 15 minutes reduces support load",
    "A single incident channel keeps responders aligned",
    "Support needs a holding statement template for each product area",
    "Stakeholder updates every 30 minutes keep leadership informed without interrupting responders",
    "Customer-facing summaries work best when they name the fix, not only the failure",
)

EXTRA_EVENTS: tuple[tuple[str, str], ...] = (
    ("Status page updated: investigating", "Communications"),
    ("Customer support briefed with a holding statement", "Support"),
    ("Owning team joined the incident channel", "Incident channel"),
    ("Dashboards confirmed the failing component", "Grafana"),
)

VERIFIED_YES = "No recurrence of {cause} alerts in the 30 days after the change"
VERIFIED_NO = "A similar {cause} alert fired again within 30 days; a follow-up item is tracked separately"

REPUTATIONAL = {
    "SEV1": "High: press enquiries and social media attention",
    "SEV2": "Moderate: spike in support tickets",
    "SEV3": "Low: a few customer complaints",
    "SEV4": "None expected",
}

GENERIC_ACTIONS: tuple[tuple[str, str], ...] = (
    ("Monitoring", "Add a saturation panel for {service} to the service dashboard"),
    ("Documentation", "Update the {service} runbook with the steps used in this incident"),
    ("Documentation", "Present the lessons of this incident at the engineering review"),
    ("Automation", "Add an automated health check to the {service} deploy pipeline"),
    ("Monitoring", "Route {service} alerts directly to the owning team"),
)

REPEAT_FACTOR = "The same failure on {component} occurred {days} days earlier in {original}"

# Follow-up work after the meeting: DR-plan task notes, communication notes, follow-up review comments.
DR_TASK_NOTES: dict[str, tuple[str, ...]] = {
    "every_incident": ("Runbook reviewed; no change needed",
                       "Runbook updated with the steps used in this incident",
                       "Runbook updated: new dashboard links and escalation contacts"),
    "post_major_incident": ("Extra DR drill held; failover completed within the RTO",
                            "Extra DR drill held; restore time recorded in the DR plan"),
    "quarterly": ("Full DR plan review held; contact lists and RTO/RPO table updated",),
    "failed_test": ("Emergency plan update published; the failing step now has a documented fallback",),
}
DR_TEST_FAILURES: tuple[str, ...] = (
    "Restore from backup exceeded the RTO by 40 minutes",
    "Failover to the standby region required a manual DNS change",
    "The runbook referenced a retired backup bucket",
)
DR_TEST_PASSED = "Failover and restore completed within RTO and RPO"
COMMUNICATION_NOTES: dict[str, str] = {
    "team_meeting": "Presented at the weekly engineering meeting",
    "wiki": "https://wiki.example.com/incidents/{incident_id}",
    "onboarding": "Added to the on-call onboarding module",
    "blog_post": "https://engineering.example.com/blog/{incident_id}",
    "status_page": "https://status.example.com/incidents/{incident_id}",
    "customer": "Summary sent to affected customers",
}
PROCESS_COMMENTS: dict[str, str] = {
    "yes": "The updated runbook was used in later incidents",
    "partly": "The new checklist is used by some of the owning teams",
}
REVIEWERS: tuple[str, ...] = ("Ruth Castillo", "Henrik Dahl", "Anika Bose", "Marcus Reid", "Julia Stein")
