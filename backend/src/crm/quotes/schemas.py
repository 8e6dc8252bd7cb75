from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from crm.core.money import Amount, AmountOut
from crm.core.schemas import InputModel, OutputModel, RecordRead


def _no_float(value: object) -> object:
    # The contract documents these as strings; a JSON number is refused rather than guessed at.
    if not isinstance(value, str | Decimal):
        raise ValueError('send as a decimal string, e.g. "1.5"')
    return value


# Money in: a decimal string only, as the schema says.
MoneyIn = Annotated[Amount, BeforeValidator(_no_float)]


# Quantity: up to 4 decimals ("1.5" hours); percentages: 0-100 with up to 2 decimals.
Quantity = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(gt=0, max_digits=14, decimal_places=4, allow_inf_nan=False),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,10}(\.\d{1,4})?$", "examples": ["2"]}),
    PlainSerializer(lambda v: format(v.normalize(), "f"), return_type=str, when_used="json"),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,3}(\.\d{1,2})?$", "examples": ["10"]}),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
]
QuantityOut = Annotated[
    Decimal,
    PlainSerializer(lambda v: format(v.normalize(), "f"), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "examples": ["2"]}),
]
PercentOut = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "examples": ["10.00"]}),
]


class DealLineCreate(InputModel):
    product_id: uuid.UUID | None = None
    description: str | None = Field(None, min_length=1, max_length=500, description="Defaults to the product name.")
    quantity: Quantity = Decimal("1")
    unit_price: MoneyIn | None = Field(None, description="Defaults to the product's price in the deal's currency.")
    discount_percent: Percent = Decimal("0")
    tax_percent: Percent = Decimal("0")
    position: int | None = Field(None, ge=0, le=10_000, description="0-based; defaults to the end.")


class DealLineUpdate(InputModel):
    """Partial update: only the fields sent change; totals are recomputed."""

    product_id: uuid.UUID | None = None
    description: str | None = Field(None, min_length=1, max_length=500)
    quantity: Quantity | None = None
    unit_price: MoneyIn | None = None
    discount_percent: Percent | None = None
    tax_percent: Percent | None = None
    position: int | None = Field(None, ge=0, le=10_000)


class DealLineRead(RecordRead):
    deal_id: uuid.UUID
    product_id: uuid.UUID | None
    description: str
    quantity: QuantityOut
    unit_price: AmountOut
    discount_percent: PercentOut
    tax_percent: PercentOut
    net_amount: AmountOut
    tax_amount: AmountOut
    total_amount: AmountOut
    position: int


class DealLines(OutputModel):
    """Every line of a deal in order, with the sums the deal amount follows."""

    items: list[DealLineRead]
    next_cursor: str | None = None
    currency: str
    net_total: AmountOut
    tax_total: AmountOut
    total: AmountOut


class QuoteStatus(StrEnum):
    draft = "draft"
    pending_approval = "pending_approval"
    approved = "approved"
    sent = "sent"
    accepted = "accepted"
    rejected = "rejected"
    expired = "expired"


class QuoteCreate(InputModel):
    valid_until: date | None = Field(None, description="Defaults to 30 days from today.")
    notes: str | None = Field(None, max_length=5_000)


class QuoteRevise(QuoteCreate):
    """A new revision with the deal's current lines; unset fields keep the previous revision's."""


class ApprovalDecision(InputModel):
    comment: str | None = Field(None, max_length=2_000)


class QuoteLine(OutputModel):
    product_id: uuid.UUID | None
    description: str
    quantity: QuantityOut
    unit_price: AmountOut
    discount_percent: PercentOut
    tax_percent: PercentOut
    net_amount: AmountOut
    tax_amount: AmountOut
    total_amount: AmountOut


class Approval(OutputModel):
    requested_at: datetime | None
    decided_by_id: uuid.UUID | None
    decided_by_name: str | None = None
    decided_at: datetime | None
    decision: str | None
    comment: str | None


class QuoteRead(RecordRead):
    deal_id: uuid.UUID
    number: str
    revision: int = Field(description="1 for the first quote, +1 per revision; only the latest one acts.")
    is_latest: bool
    status: QuoteStatus
    valid_until: date
    currency: str
    lines: list[QuoteLine]
    subtotal: AmountOut
    discount_total: AmountOut
    tax_total: AmountOut
    total: AmountOut
    max_discount_percent: PercentOut
    notes: str | None
    created_by_id: uuid.UUID | None
    approval: Approval | None
    sent_at: datetime | None
    link_expires_at: datetime | None
    link_active: bool
    accepted_name: str | None
    accepted_at: datetime | None
    accepted_ip: str | None
    content_sha256: str | None
    declined_reason: str | None
    declined_at: datetime | None


class QuoteSent(OutputModel):
    quote: QuoteRead
    public_url: str = Field(
        description="The customer's page (CRM_PUBLIC_BASE_URL + /q/<token>); shown only in this response, "
        "the token is kept hashed."
    )
    api_url: str = Field(description="The same quote as JSON, for integrations: /api/v1/public/quotes/<token>.")
    expires_at: datetime


class PublicQuote(OutputModel):
    """What the customer sees through the link: no internal ids."""

    number: str
    revision: int
    status: QuoteStatus
    valid_until: date
    currency: str
    lines: list[QuoteLine]
    subtotal: AmountOut
    discount_total: AmountOut
    tax_total: AmountOut
    total: AmountOut
    notes: str | None
    sent_at: datetime | None
    content_sha256: str = Field(description="SHA-256 of the quote's canonical content, recorded on acceptance.")
    accepted_name: str | None
    accepted_at: datetime | None
    declined_at: datetime | None


class PublicAccept(InputModel):
    name: str = Field(min_length=1, max_length=200, description="The name the customer types as a signature.")


class PublicDecline(InputModel):
    reason: str = Field(min_length=1, max_length=2_000)
