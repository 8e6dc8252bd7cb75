from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, JSONType, RecordMixin


class Customer(RecordMixin, Base):
    """Companies and people in one table: a person may point at their employer (`company_id`)."""

    __tablename__ = "customer"
    __table_args__ = (
        # Keyset indexes: filter + sort + id, live rows only where the database allows it.
        Index("ix_customer_created", "created_at", "id"),
        Index("ix_customer_updated", "updated_at", "id"),
        Index("ix_customer_name", "name", "id"),
        Index("ix_customer_owner_created", "owner_id", "created_at", "id"),
        Index("ix_customer_type_created", "type", "created_at", "id"),
        Index("ix_customer_company_name", "company_id", "name", "id"),
        Index("ix_customer_deleted", "deleted_at", "id"),
        Index("ix_customer_primary_email", "primary_email"),
    )

    type: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(300))
    first_name: Mapped[str | None] = mapped_column(String(150))
    last_name: Mapped[str | None] = mapped_column(String(150))
    company_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("customer.id"))
    job_title: Mapped[str | None] = mapped_column(String(200))
    emails: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    phones: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    addresses: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    website: Mapped[str | None] = mapped_column(String(500))
    industry: Mapped[str | None] = mapped_column(String(100))
    social_profiles: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    birthday: Mapped[date | None] = mapped_column(Date)
    tags: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    lifecycle_stage: Mapped[str] = mapped_column(String(20), default="lead")
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    primary_email: Mapped[str | None] = mapped_column(String(320))
    # Lower-cased names, emails, phone digits and company name: what `q` matches.
    search_text: Mapped[str] = mapped_column(Text, default="")
