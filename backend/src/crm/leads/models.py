from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, JSONType, RecordMixin, TimestampMixin, UTCDateTime, VersionMixin, utcnow


class Lead(RecordMixin, Base):
    """Someone who may buy but is not a customer yet."""

    __tablename__ = "lead"
    __table_args__ = (
        Index("ix_lead_created", "created_at", "id"),
        Index("ix_lead_updated", "updated_at", "id"),
        Index("ix_lead_name", "name", "id"),
        Index("ix_lead_score", "score", "id"),
        # The work queue: a rep's open leads by score, and status tabs by score.
        Index("ix_lead_owner_status_score", "owner_id", "status", "score", "id"),
        Index("ix_lead_status_score", "status", "score", "id"),
        Index("ix_lead_owner_created", "owner_id", "created_at", "id"),
        Index("ix_lead_deleted", "deleted_at", "id"),
        Index("ix_lead_primary_email", "primary_email"),
        # A customer's timeline reads the leads it was converted from.
        Index("ix_lead_converted_contact", "converted_contact_id"),
        Index("ix_lead_converted_company", "converted_company_id"),
    )

    name: Mapped[str] = mapped_column(String(300))
    first_name: Mapped[str | None] = mapped_column(String(150))
    last_name: Mapped[str | None] = mapped_column(String(150))
    company_name: Mapped[str | None] = mapped_column(String(300))
    job_title: Mapped[str | None] = mapped_column(String(200))
    emails: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    phones: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    primary_email: Mapped[str | None] = mapped_column(String(320))
    website: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str | None] = mapped_column(String(2))
    industry: Mapped[str | None] = mapped_column(String(100))
    company_size: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))
    campaign: Mapped[str | None] = mapped_column(String(150))
    status: Mapped[str] = mapped_column(String(20), default="new")
    unqualified_reason: Mapped[str | None] = mapped_column(String(500))
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    assignment_rule_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    assignment_rule_name: Mapped[str | None] = mapped_column(String(120))
    tags: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Scoring: `score` (0-100) is what queues sort by: the model's probability when one is
    # trained, the rule points otherwise; both parts are kept for the explanation.
    score: Mapped[int] = mapped_column(Integer, default=0)
    rule_score: Mapped[int] = mapped_column(Integer, default=0)
    score_reasons: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    conversion_probability: Mapped[float | None] = mapped_column(Float)
    probability_factors: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    web_form_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    submission_count: Mapped[int] = mapped_column(Integer, default=0)
    last_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    converted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    converted_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    converted_company_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("customer.id"))
    converted_contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("customer.id"))
    converted_deal_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("deal.id"))
    search_text: Mapped[str] = mapped_column(Text, default="")


class AssignmentRule(IdMixin, TimestampMixin, VersionMixin, Base):
    """First matching active rule (by position) picks the owner of a new lead that has none."""

    __tablename__ = "lead_assignment_rule"

    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    conditions: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    user_ids: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # Round-robin over a manager's direct reports (a team) instead of a fixed list.
    team_manager_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    next_index: Mapped[int] = mapped_column(Integer, default=0)
    assigned_count: Mapped[int] = mapped_column(Integer, default=0)


class ScoringRule(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "lead_scoring_rule"

    name: Mapped[str] = mapped_column(String(120))
    field: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(500))
    points: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebForm(IdMixin, TimestampMixin, VersionMixin, Base):
    __tablename__ = "web_form"

    name: Mapped[str] = mapped_column(String(120))
    form_key: Mapped[str] = mapped_column(String(64), unique=True)
    fields: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    allowed_origins: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    redirect_url: Mapped[str | None] = mapped_column(String(500))
    default_owner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    default_campaign: Mapped[str | None] = mapped_column(String(150))
    dedupe_window_hours: Mapped[int] = mapped_column(Integer, default=720)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    submission_count: Mapped[int] = mapped_column(Integer, default=0)
    spam_count: Mapped[int] = mapped_column(Integer, default=0)
    last_submission_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebFormSubmission(IdMixin, Base):
    __tablename__ = "web_form_submission"
    __table_args__ = (Index("ix_web_form_submission_form", "form_id", "submitted_at", "id"),)

    form_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("web_form.id", ondelete="CASCADE"))
    lead_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("lead.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(20))  # created | updated
    ip: Mapped[str | None] = mapped_column(String(64))
    origin: Mapped[str | None] = mapped_column(String(300))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ScoringModelRun(IdMixin, Base):
    """One training run; the newest trained run is the model in use."""

    __tablename__ = "lead_scoring_model"
    __table_args__ = (Index("ix_lead_scoring_model_trained", "trained_at"),)

    trained_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    training_size: Mapped[int] = mapped_column(Integer, default=0)
    positives: Mapped[int] = mapped_column(Integer, default=0)
    negatives: Mapped[int] = mapped_column(Integer, default=0)
    holdout_size: Mapped[int] = mapped_column(Integer, default=0)
    holdout_auc: Mapped[float | None] = mapped_column(Float)
    rule_holdout_auc: Mapped[float | None] = mapped_column(Float)
    brier: Mapped[float | None] = mapped_column(Float)
    calibration: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    top_factors: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    model: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
