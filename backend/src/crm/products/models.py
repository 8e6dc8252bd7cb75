from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, JSONType, RecordMixin


class Product(RecordMixin, Base):
    """A catalogue item with one list price per currency (`prices`: [{currency, unit_price}])."""

    __tablename__ = "product"
    __table_args__ = (
        Index("ix_product_created", "created_at", "id"),
        Index("ix_product_updated", "updated_at", "id"),
        Index("ix_product_name", "name", "id"),
        Index("ix_product_deleted", "deleted_at", "id"),
        # A SKU names one live product; trashed ones keep theirs without blocking a new one.
        Index(
            "uq_product_sku_live",
            "sku",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
            sqlite_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    # Unit prices as decimal strings, e.g. [{"currency": "KRW", "unit_price": "150000.00"}].
    prices: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Lower-cased name and SKU: what `q` matches.
    search_text: Mapped[str] = mapped_column(Text, default="")
