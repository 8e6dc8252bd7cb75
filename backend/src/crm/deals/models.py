from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, Numeric, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, JSONType, RecordMixin, TimestampMixin, UTCDateTime, utcnow


class LostReason(IdMixin, TimestampMixin, Base):
    __tablename__ = "lost_reason"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Deal(RecordMixin, Base):
    __tablename__ = "deal"
    __table_args__ = (
        Index("ix_deal_created", "created_at", "id"),
        Index("ix_deal_updated", "updated_at", "id"),
        Index("ix_deal_owner_created", "owner_id", "created_at", "id"),
        Index("ix_deal_pipeline_stage_rank", "pipeline_id", "stage_id", "board_rank", "id"),
        Index("ix_deal_status_close", "status", "expected_close_date", "id"),
        Index("ix_deal_customer", "customer_id", "created_at", "id"),
        Index("ix_deal_amount", "amount", "id"),
        Index("ix_deal_lost", "lost_reason_id", "lost_at"),
        # Board and report totals add up every live deal of a pipeline (or every lost one): covering
        # indexes let PostgreSQL answer from the index alone instead of reading the whole table.
        Index(
            "ix_deal_pipeline_totals",
            "pipeline_id",
            "stage_id",
            "currency",
            postgresql_include=["amount", "probability_override", "owner_id"],
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_deal_lost_totals",
            "status",
            "lost_reason_id",
            "currency",
            postgresql_include=["amount", "lost_at", "pipeline_id", "owner_id"],
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    contact_ids: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    pipeline_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("pipeline.id"))
    stage_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stage.id"))
    status: Mapped[str] = mapped_column(String(10), default="open")
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), default=Decimal("0.00"))
    currency: Mapped[str] = mapped_column(String(3))
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    probability_override: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    source: Mapped[str | None] = mapped_column(String(60))
    lead_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    next_step: Mapped[str | None] = mapped_column(String(300))
    lost_reason_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("lost_reason.id"))
    lost_reason_note: Mapped[str | None] = mapped_column(Text)
    won_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lost_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stage_entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Order within a board column; only the moved deal changes (midpoint between neighbours).
    board_rank: Mapped[float] = mapped_column(Float, default=0.0)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    search_text: Mapped[str] = mapped_column(Text, default="")


class DealStageChange(IdMixin, Base):
    __tablename__ = "deal_stage_change"
    __table_args__ = (Index("ix_deal_stage_change_deal", "deal_id", "changed_at", "id"),)

    deal_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("deal.id", ondelete="CASCADE"))
    from_stage_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("stage.id"))
    to_stage_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stage.id"))
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
