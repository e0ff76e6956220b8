"""The post-mortem: the seed template's fields as plain domain objects, free of storage and UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum


class Severity(StrEnum):
    """Incident severity; SEV1 is the worst."""

    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @property
    def label(self) -> str:
        """The template's spelling, e.g. ``SEV 1``."""
        return f"SEV {self.value[-1]}"


class Priority(StrEnum):
    """Action-item priority: P0 immediate, P1 this sprint, P2 next sprint."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"


class ActionStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "Open"
    IN_PROGRESS = "In Progress"
    BLOCKED = "Blocked"
    DONE = "Done"
    CANCELLED = "Cancelled"

    @property
    def is_closed(self) -> bool:
        """Done and cancelled items no longer need work."""
        return self in (ActionStatus.DONE, ActionStatus.CANCELLED)


class ActionCategory(StrEnum):
    """The seed's action-item categories; each has a typical timeline."""

    IMMEDIATE_FIX = "Immediate Fix"
    MONITORING = "Monitoring"
    DOCUMENTATION = "Documentation"
    AUTOMATION = "Automation"
    ARCHITECTURE = "Architecture"

    @property
    def typical_timeline(self) -> timedelta:
        """The seed's typical timeline (architecture: the upper end, 3 months)."""
        return _TYPICAL_TIMELINE[self]


_TYPICAL_TIMELINE = {
    ActionCategory.IMMEDIATE_FIX: timedelta(hours=24),
    ActionCategory.MONITORING: timedelta(weeks=1),
    ActionCategory.DOCUMENTATION: timedelta(weeks=2),
    ActionCategory.AUTOMATION: timedelta(days=30),
    ActionCategory.ARCHITECTURE: timedelta(days=90),
}


class Verification(StrEnum):
    """Whether a completed action item proved effective."""

    UNKNOWN = "unknown"
    YES = "yes"
    NO = "no"


class ReviewStatus(StrEnum):
    """The review workflow: draft -> in review -> signed off -> closed."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SIGNED_OFF = "signed_off"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """Human spelling, e.g. ``In review``."""
        return self.value.replace("_", " ").capitalize()


class Anchor(StrEnum):
    """Named moments of an incident, in the order they must happen."""

    IMPACT_STARTED = "impact_started"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    DECLARED = "declared"
    ROOT_CAUSE_IDENTIFIED = "root_cause_identified"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"
    CONFIRMED_STABLE = "confirmed_stable"

    @property
    def label(self) -> str:
        """Human spelling, e.g. ``Root cause identified``."""
        return ANCHOR_LABELS[self]


ANCHOR_LABELS = {
    Anchor.IMPACT_STARTED: "Impact started",
    Anchor.DETECTED: "Detected",
    Anchor.ACKNOWLEDGED: "Acknowledged (paged)",
    Anchor.DECLARED: "Incident declared",
    Anchor.ROOT_CAUSE_IDENTIFIED: "Root cause identified",
    Anchor.MITIGATED: "Mitigated (fix deployed)",
    Anchor.RESOLVED: "Resolved (service restored)",
    Anchor.CONFIRMED_STABLE: "Confirmed stable",
}

ANCHOR_ORDER: tuple[Anchor, ...] = tuple(Anchor)

SIGN_OFF_ROLES: tuple[str, ...] = ("Incident Commander", "Engineering Manager", "Product Manager")


class LessonKind(StrEnum):
    """The three kinds of lesson the template asks for."""

    TECHNICAL = "technical"
    PROCESS = "process"
    COMMUNICATION = "communication"


@dataclass
class TimelineEvent:
    """One row of the timeline: when (UTC), what, who; optionally the named moment it marks."""

    time: datetime
    event: str
    owner: str = ""
    kind: Anchor | None = None


@dataclass
class ActionItem:
    """An action item; ``number`` is its ID within the post-mortem, ``id`` its database key."""

    action: str
    priority: Priority = Priority.P1
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    category: ActionCategory | None = None
    completed_on: date | None = None
    verified_effective: Verification = Verification.UNKNOWN
    verification_note: str = ""
    tracker_key: str = ""
    number: int | None = None
    id: int | None = None


@dataclass
class Attachment:
    """A labelled http(s) link to logs, metrics or screenshots."""

    label: str
    url: str


@dataclass
class SignOff:
    """One sign-off row; an empty name means the role has not signed yet."""

    role: str
    name: str = ""
    date: date | None = None


@dataclass
class Impact:
    """The template's impact assessment."""

    users_affected: str = ""
    services_affected: list[str] = field(default_factory=list)
    data_loss: bool = False
    data_loss_amount: str = ""
    financial: str = ""
    reputational: str = ""


@dataclass
class Lessons:
    """Lessons learned, by kind."""

    technical: list[str] = field(default_factory=list)
    process: list[str] = field(default_factory=list)
    communication: list[str] = field(default_factory=list)


@dataclass
class PostMortem:
    """A post-mortem with every field of the seed's template and incident-database record."""

    title: str
    incident_date: date
    severity: Severity = Severity.SEV3
    reporter: str = ""
    incident_commander: str = ""
    summary: str = ""
    executive_summary: str = ""
    detection_method: str = ""
    category: str = ""
    cause: str = ""
    resolution: str = ""
    resolution_method: str = ""
    impact: Impact = field(default_factory=Impact)
    rto_met: bool | None = None
    rpo_met: bool | None = None
    status: ReviewStatus = ReviewStatus.DRAFT
    timestamps: dict[Anchor, datetime] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)
    problem: str = ""
    whys: list[str] = field(default_factory=list)
    root_cause: str = ""
    contributing_factors: list[str] = field(default_factory=list)
    went_well: list[str] = field(default_factory=list)
    could_improve: list[str] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    lessons: Lessons = field(default_factory=Lessons)
    attachments: list[Attachment] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    duration_minutes: int | None = None
    repeat_of: str | None = None
    incident_id: str | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def anchor_times(self) -> dict[Anchor, datetime]:
        """Named moments: explicit timestamps, completed by timeline rows that carry a kind."""
        merged = {e.kind: e.time for e in self.timeline if e.kind is not None}
        merged.update(self.timestamps)
        return merged

    def _between(self, start: Anchor, end: Anchor) -> timedelta | None:
        times = self.anchor_times()
        if start in times and end in times:
            return times[end] - times[start]
        return None

    @property
    def ttd(self) -> timedelta | None:
        """Time to detect: detected − impact started."""
        return self._between(Anchor.IMPACT_STARTED, Anchor.DETECTED)

    @property
    def ttr(self) -> timedelta | None:
        """Time to recover: resolved − impact started."""
        return self._between(Anchor.IMPACT_STARTED, Anchor.RESOLVED)

    @property
    def duration(self) -> timedelta | None:
        """Incident duration: TTR where the anchors are known, else the recorded duration."""
        if self.ttr is not None:
            return self.ttr
        if self.duration_minutes is not None:
            return timedelta(minutes=self.duration_minutes)
        return None

    @property
    def action_items_completed(self) -> tuple[int, int]:
        """(done, total) action items, as the incident database's ``action_items_completed: n/m``."""
        done = sum(1 for a in self.action_items if a.status is ActionStatus.DONE)
        return done, len(self.action_items)


def format_duration(value: timedelta | None) -> str:
    """The template's ``X hours Y minutes`` spelling ('' when unknown)."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60} hours {minutes % 60} minutes"
