"""Exchange rates to the organisation's base currency, and conversion with Decimal only."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Conflict, Invalid, NotFound
from crm.core.history import record_change
from crm.core.money import quantize
from crm.core.security import Principal
from crm.exchange_rates.models import ExchangeRate
from crm.exchange_rates.schemas import ExchangeRateCreate, ExchangeRateUpdate
from crm.settings import get_settings

LIST_SPEC = listing.ListSpec(
    model=ExchangeRate,
    fields={
        "currency": listing.Field(ExchangeRate.currency),
        "valid_from": listing.Field(ExchangeRate.valid_from, date),
        "created_at": listing.Field(ExchangeRate.created_at, listing.datetime),
        "updated_at": listing.Field(ExchangeRate.updated_at, listing.datetime),
    },
    default_sort="currency,-valid_from",
)


def base_currency() -> str:
    return get_settings().base_currency


class Converter:
    """Loads every rate once, then converts any number of amounts as of a date."""

    def __init__(self, rates: list[ExchangeRate]) -> None:
        self.base = base_currency()
        self._rates: dict[str, list[tuple[date, Decimal]]] = {}
        for r in sorted(rates, key=lambda r: r.valid_from, reverse=True):
            self._rates.setdefault(r.currency, []).append((r.valid_from, r.rate))
        self.missing: set[str] = set()

    def rate(self, currency: str, on: date) -> Decimal | None:
        if currency == self.base:
            return Decimal(1)
        for valid_from, rate in self._rates.get(currency, []):
            if valid_from <= on:
                return rate
        history = self._rates.get(currency)
        return history[-1][1] if history else None  # before the first rate: the oldest known

    def to_base(self, amount: Decimal, currency: str, on: date) -> Decimal | None:
        rate = self.rate(currency, on)
        if rate is None:
            self.missing.add(currency)
            return None
        return quantize(amount * rate)


async def converter(session: AsyncSession) -> Converter:
    return Converter(list((await session.execute(select(ExchangeRate))).scalars()))


async def get(session: AsyncSession, rate_id: uuid.UUID) -> ExchangeRate:
    row = await session.get(ExchangeRate, rate_id)
    if row is None:
        raise NotFound("Exchange rate not found.")
    return row


async def _check_unique(session: AsyncSession, currency: str, valid_from: date, self_id: uuid.UUID | None) -> None:
    clash = (
        await session.execute(
            select(ExchangeRate.id).where(ExchangeRate.currency == currency, ExchangeRate.valid_from == valid_from)
        )
    ).scalar_one_or_none()
    if clash is not None and clash != self_id:
        raise Conflict(f"A {currency} rate valid from {valid_from} already exists.")


async def create(session: AsyncSession, principal: Principal, data: ExchangeRateCreate) -> ExchangeRate:
    if data.currency == base_currency():
        raise Invalid.at(["body", "currency"], f"{data.currency} is the base currency (rate 1).")
    await _check_unique(session, data.currency, data.valid_from, None)
    row = ExchangeRate(currency=data.currency, rate=data.rate, valid_from=data.valid_from)
    session.add(row)
    await session.flush()
    record_change(
        session,
        principal,
        "exchange_rate",
        row.id,
        "created",
        {
            "currency": (None, row.currency),
            "rate": (None, str(row.rate)),
            "valid_from": (None, row.valid_from.isoformat()),
        },
    )
    return row


async def update(
    session: AsyncSession, principal: Principal, row: ExchangeRate, data: ExchangeRateUpdate
) -> ExchangeRate:
    values = data.changes()
    if any(v is None for v in values.values()):
        raise Invalid.at(["body"], "Fields cannot be null.")
    if "valid_from" in values:
        await _check_unique(session, row.currency, values["valid_from"], row.id)
    changes = {}
    for key, value in values.items():
        old = getattr(row, key)
        if old != value:
            changes[key] = (str(old), str(value))
            setattr(row, key, value)
    if changes:
        await session.flush()
        record_change(session, principal, "exchange_rate", row.id, "updated", changes)
    return row


async def delete(session: AsyncSession, principal: Principal, row: ExchangeRate) -> None:
    await session.delete(row)
    await session.flush()
    record_change(session, principal, "exchange_rate", row.id, "deleted")


async def list_rates(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params)
