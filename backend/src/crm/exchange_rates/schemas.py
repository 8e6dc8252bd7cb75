from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

from crm.core.money import Currency, _no_float
from crm.core.schemas import InputModel, OutputModel, RecordRead


def _positive(value: Decimal) -> Decimal:
    if not value.is_finite() or value <= 0:
        raise ValueError("must be a positive number")
    if value >= Decimal("1e14") or value.as_tuple().exponent < -10:  # type: ignore[operator]
        raise ValueError("out of range (up to 10 decimals)")
    return value


Rate = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    AfterValidator(_positive),
    PlainSerializer(lambda v: format(v.normalize(), "f"), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d{1,10})?$", "examples": ["0.00072"]}),
]


RateOut = Annotated[
    Decimal,
    PlainSerializer(lambda v: format(v.normalize(), "f"), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "examples": ["0.00072"]}),
]


class ExchangeRateRead(RecordRead):
    currency: str
    rate: RateOut
    valid_from: date


class ExchangeRateCreate(InputModel):
    currency: Currency
    rate: Rate
    valid_from: date


class ExchangeRateUpdate(InputModel):
    rate: Rate | None = None
    valid_from: date | None = None


class ExchangeRatePage(OutputModel):
    base_currency: str
    items: list[ExchangeRateRead]
    next_cursor: str | None = None
    total: int | None = None


__all__ = ["ExchangeRateCreate", "ExchangeRatePage", "ExchangeRateRead", "ExchangeRateUpdate", "uuid"]
