from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, JSONType, RecordMixin, UTCDateTime


class Interaction(RecordMixin, Base):
    """One contact with a customer, lead or deal: a call, email, meeting, visit, message or note."""

    __tablename__ = "interaction"
    __table_args__ = (
        Index("ix_interaction_occurred", "occurred_at", "id"),
        Index("ix_interaction_updated", "updated_at", "id"),
        Index("ix_interaction_customer", "customer_id", "occurred_at", "id"),
        Index("ix_interaction_lead", "lead_id", "occurred_at", "id"),
        Index("ix_interaction_deal", "deal_id", "occurred_at", "id"),
        Index("ix_interaction_owner", "owner_id", "occurred_at", "id"),
        Index("ix_interaction_deleted", "deleted_at", "id"),
        Index("ix_interaction_message_id", "message_id", unique=True),
    )

    type: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str | None] = mapped_column(String(10))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(200))
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    customer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("customer.id"))
    lead_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("lead.id"))
    deal_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("deal.id"))
    # [{"kind": "user"|"contact"|"lead"|"email", "id"?: uuid, "email"?: str, "name"?: str, "role"?: from|to|cc}]
    participants: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # E-mails logged from a raw message: the Message-ID keeps a message from being logged twice.
    message_id: Mapped[str | None] = mapped_column(String(500))
    # Files that came with a logged e-mail: [{"name", "content_type", "size", "sha256", "key"}].
    attachments: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")
