from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, JSONType, TimestampMixin, UTCDateTime, VersionMixin


class DealLine(IdMixin, TimestampMixin, VersionMixin, Base):
    """A product or free-text line on a deal, priced in the deal's currency."""

    __tablename__ = "deal_line"
    __table_args__ = (Index("ix_deal_line_deal", "deal_id", "position", "id"),)

    deal_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("deal.id", ondelete="CASCADE"))
    product_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("product.id"))
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    discount_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    tax_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    net_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    tax_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    total_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    position: Mapped[int] = mapped_column(Integer, default=0)


class QuoteCounter(Base):
    """The last quote number handed out per year; bumped in the creating transaction, so no gaps."""

    __tablename__ = "quote_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Quote(IdMixin, TimestampMixin, VersionMixin, Base):
    """One revision of a quote: lines and totals frozen from the deal when it was made.

    `number` is shared by every revision; `revision` counts them. Only the latest revision acts.
    """

    __tablename__ = "quote"
    __table_args__ = (
        UniqueConstraint("number", "revision", name="uq_quote_number_revision"),
        Index("ix_quote_deal_created", "deal_id", "created_at", "id"),
        Index("ix_quote_token_hash", "token_hash", unique=True),
    )

    deal_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("deal.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    is_latest: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    valid_until: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    lines: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    subtotal: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    discount_total: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    tax_total: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    total: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    max_discount_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    notes: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))

    approval_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_decided_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    approval_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approval_decision: Mapped[str | None] = mapped_column(String(10))
    approval_comment: Mapped[str | None] = mapped_column(Text)

    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_hash: Mapped[str | None] = mapped_column(String(64))
    token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    accepted_name: Mapped[str | None] = mapped_column(String(200))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_ip: Mapped[str | None] = mapped_column(String(64))
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    declined_reason: Mapped[str | None] = mapped_column(Text)
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
