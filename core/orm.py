"""SQLAlchemy 2 typed tables. Domain objects live in core.postmortem; core.repository maps between them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every table."""


class IncidentRow(Base):
    """One incident and its post-mortem's scalar fields."""

    __tablename__ = "incidents"
    __table_args__ = (
        UniqueConstraint("incident_date", "seq", name="uq_incidents_date_seq"),
        Index("ix_incidents_quarter_category", "quarter", "category"),
        Index("ix_incidents_category_cause", "category", "cause", "impact_started_at"),
        Index("ix_incidents_updated_at", "updated_at"),  # the dashboards' data version (core.metrics)
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    incident_date: Mapped[date] = mapped_column(Date, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[str] = mapped_column(String(7), index=True)  # e.g. 2026-Q1, derived from incident_date
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    executive_summary: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(4), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True, default="draft")
    reporter: Mapped[str] = mapped_column(String(500), default="")
    incident_commander: Mapped[str] = mapped_column(String(500), default="")
    detection_method: Mapped[str] = mapped_column(String(500), default="")
    category: Mapped[str] = mapped_column(String(500), default="", index=True)
    cause: Mapped[str] = mapped_column(String(500), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolution_method: Mapped[str] = mapped_column(String(500), default="")
    users_affected: Mapped[str] = mapped_column(Text, default="")
    data_loss: Mapped[bool] = mapped_column(Boolean, default=False)
    data_loss_amount: Mapped[str] = mapped_column(Text, default="")
    financial_impact: Mapped[str] = mapped_column(Text, default="")
    reputational_impact: Mapped[str] = mapped_column(Text, default="")
    rto_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    rpo_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    problem: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    impact_started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    detected_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    declared_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    root_cause_identified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    mitigated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    confirmed_stable_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Derived on save from the anchors (timestamps or timeline kinds) so dashboards aggregate in SQL.
    ttd_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ttr_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"), nullable=True)
    signoff_override_reason: Mapped[str] = mapped_column(Text, default="")
    external_summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    timeline: Mapped[list[TimelineRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="TimelineRow.position")
    notes: Mapped[list[NoteRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="NoteRow.position")
    services: Mapped[list[ServiceRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="ServiceRow.position")
    action_items: Mapped[list[ActionItemRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="ActionItemRow.number")
    attachments: Mapped[list[AttachmentRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="AttachmentRow.position")
    signoffs: Mapped[list[SignOffRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="SignOffRow.position")

    __mapper_args__ = {"version_id_col": version}


class TimelineRow(Base):
    """A timeline event; ``kind`` names the anchor it marks, if any."""

    __tablename__ = "timeline_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    time: Mapped[datetime] = mapped_column(DateTime)
    event: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str | None] = mapped_column(String(32), nullable=True)

    incident: Mapped[IncidentRow] = relationship(back_populates="timeline")


class NoteRow(Base):
    """A line of a list section: why, contributing factor, went well, could improve, lesson."""

    __tablename__ = "incident_notes"
    __table_args__ = (Index("ix_notes_incident_section", "incident_pk", "section"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    incident: Mapped[IncidentRow] = relationship(back_populates="notes")


class ServiceRow(Base):
    """A service the incident affected (a row each, so dashboards can filter by service)."""

    __tablename__ = "incident_services"
    __table_args__ = (Index("ix_services_name", "service", "incident_pk"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    service: Mapped[str] = mapped_column(String(500))

    incident: Mapped[IncidentRow] = relationship(back_populates="services")


class ActionItemRow(Base):
    """An action item with its tracking fields."""

    __tablename__ = "action_items"
    __table_args__ = (
        UniqueConstraint("incident_pk", "number", name="uq_action_items_number"),
        Index("ix_action_items_due", "due_date", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    priority: Mapped[str] = mapped_column(String(2), index=True)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(500), default="", index=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="Open", index=True)
    category: Mapped[str | None] = mapped_column(String(32), nullable=True)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    verified_effective: Mapped[str] = mapped_column(String(8), default="unknown")
    verification_note: Mapped[str] = mapped_column(Text, default="")
    tracker_key: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    incident: Mapped[IncidentRow] = relationship(back_populates="action_items")


class AttachmentRow(Base):
    """A labelled link."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(2000))

    incident: Mapped[IncidentRow] = relationship(back_populates="attachments")


class SignOffRow(Base):
    """A sign-off row (role, name, date)."""

    __tablename__ = "signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(500))
    name: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[date | None] = mapped_column(Date, nullable=True)

    incident: Mapped[IncidentRow] = relationship(back_populates="signoffs")


class SettingRow(Base):
    """A named setting (targets, repeat window, sprint length …) stored as JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ReviewStepRow(Base):
    """Done date (and note) of one step of an incident's review cadence; due dates derive from resolution."""

    __tablename__ = "review_steps"
    __table_args__ = (UniqueConstraint("incident_pk", "step", name="uq_review_steps"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FollowUpReviewRow(Base):
    """A 30-day or 90-day follow-up review: the reviewer's answers and the figures shown to them (JSON)."""

    __tablename__ = "followup_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(500))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    answers: Mapped[str] = mapped_column(Text)
    figures: Mapped[str] = mapped_column(Text, default="{}")


class DrTaskRow(Base):
    """A DR-plan update task created by a trigger of the seed's table."""

    __tablename__ = "dr_tasks"
    __table_args__ = (UniqueConstraint("trigger", "scope", name="uq_dr_tasks_trigger_scope"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trigger: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(64))  # incident id, quarter, or DR test id: one task per scope
    incident_pk: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), nullable=True)
    action: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(64))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="Open")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class DrTestRow(Base):
    """A recorded DR test; a failed one triggers an emergency plan update."""

    __tablename__ = "dr_tests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tested_on: Mapped[date] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text, default="")


class AnnualReviewRow(Base):
    """The annual DR-plan review checklist of one year (JSON of item -> done)."""

    __tablename__ = "annual_reviews"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    checklist: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CommunicationRow(Base):
    """One item of an incident's communication-of-learnings checklist."""

    __tablename__ = "communications"
    __table_args__ = (UniqueConstraint("incident_pk", "item", name="uq_communications_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_pk: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(32))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
