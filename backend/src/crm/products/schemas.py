from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StrictBool, field_validator

from crm.core.money import Amount, AmountOut, Currency
from crm.core.schemas import InputModel, OutputModel, RecordRead


def _string_only(value: object) -> object:
    # The contract documents money as a string; a JSON number is refused rather than guessed at.
    if not isinstance(value, str | Decimal):
        raise ValueError('send as a decimal string, e.g. "1500.00"')
    return value


MoneyIn = Annotated[Amount, BeforeValidator(_string_only)]


class PriceItem(InputModel):
    currency: Currency
    unit_price: MoneyIn


def _unique_currencies(items: list[PriceItem] | None) -> list[PriceItem] | None:
    if items and len({p.currency for p in items}) != len(items):
        raise ValueError("one price per currency")
    return items


class _ProductFields(InputModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    sku: str | None = Field(None, min_length=1, max_length=64)
    category: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=10_000)
    prices: list[PriceItem] | None = Field(None, max_length=50)
    active: StrictBool | None = None

    @field_validator("prices")
    @classmethod
    def _prices(cls, value: list[PriceItem] | None) -> list[PriceItem] | None:
        return _unique_currencies(value)


class ProductCreate(_ProductFields):
    name: str = Field(min_length=1, max_length=200)


class ProductUpdate(_ProductFields):
    """Partial update: only the fields sent change; `prices` replaces the whole list."""


class Price(OutputModel):
    currency: str
    unit_price: AmountOut


class ProductRead(RecordRead):
    name: str
    sku: str | None
    category: str | None
    description: str | None
    prices: list[Price]
    active: bool
    deleted_at: datetime | None
