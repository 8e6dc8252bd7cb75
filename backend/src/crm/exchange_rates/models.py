from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, TimestampMixin, VersionMixin


class ExchangeRate(IdMixin, TimestampMixin, VersionMixin, Base):
    """1 unit of `currency` = `rate` units of the base currency, from `valid_from` on."""

    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "valid_from", name="uq_exchange_rate_currency_valid_from"),)

    currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Numeric(24, 10))
    valid_from: Mapped[date] = mapped_column(Date)
