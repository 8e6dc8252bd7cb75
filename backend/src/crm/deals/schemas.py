from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from crm.core.money import Amount, AmountOut, Currency
from crm.core.schemas import InputModel, OutputModel, RecordRead
from crm.pipelines.schemas import PipelineRead, StageKind, StageRead

Probability = Annotated[StrictInt, Field(ge=0, le=100)]
Note = Annotated[str, Field(max_length=2000)]


class _DealFields(InputModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    customer_id: uuid.UUID | None = None
    contact_ids: list[uuid.UUID] | None = Field(None, max_length=50)
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    amount: Amount | None = None
    currency: Currency | None = None
    expected_close_date: date | None = None
    probability_override: Probability | None = Field(
        None, description="Overrides the stage's probability; null: use it."
    )
    owner_id: uuid.UUID | None = None
    source: str | None = Field(None, max_length=60)
    lead_id: uuid.UUID | None = None
    next_step: str | None = Field(None, max_length=300)
    lost_reason_id: uuid.UUID | None = None
    lost_reason_note: Note | None = None
    custom_fields: dict[str, object] | None = None


class DealCreate(_DealFields):
    name: str = Field(min_length=1, max_length=200)
    customer_id: uuid.UUID


class DealUpdate(_DealFields):
    """Partial update; changing `stage_id` is a stage move (history, events, close fields)."""


class DealMove(InputModel):
    stage_id: uuid.UUID
    position: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = Field(
        None, description="0-based index in the target column; default: the end."
    )
    lost_reason_id: uuid.UUID | None = None
    lost_reason_note: Note | None = None


class DealRead(RecordRead):
    name: str
    customer_id: uuid.UUID
    customer_name: str | None = None
    contact_ids: list[uuid.UUID]
    pipeline_id: uuid.UUID
    stage_id: uuid.UUID
    stage_name: str | None = None
    status: StageKind
    amount: AmountOut
    currency: str
    weighted_amount: AmountOut = Decimal(0)
    expected_close_date: date | None
    probability: int = 0
    probability_override: int | None
    owner_id: uuid.UUID
    owner_name: str | None = None
    source: str | None
    lead_id: uuid.UUID | None
    next_step: str | None
    lost_reason_id: uuid.UUID | None
    lost_reason_note: str | None
    won_at: datetime | None
    lost_at: datetime | None
    closed_at: datetime | None
    stage_entered_at: datetime
    days_in_stage: int = 0
    rotting: bool = False
    board_rank: float
    has_lines: bool = False
    custom_fields: dict[str, object]
    deleted_at: datetime | None


class StageHistoryEntry(OutputModel):
    id: uuid.UUID
    from_stage_id: uuid.UUID | None
    from_stage_name: str | None
    to_stage_id: uuid.UUID
    to_stage_name: str | None
    changed_at: datetime
    changed_by_id: uuid.UUID | None
    changed_by_name: str | None
    seconds_in_stage: int
    current: bool


class BoardColumn(OutputModel):
    stage: StageRead
    count: int
    total: AmountOut
    weighted_total: AmountOut
    deals: list[DealRead]
    more: bool
    next_cursor: str | None = Field(
        None,
        description="When `more`: the cursor of the column's next cards, for "
        "`GET /deals?pipeline_id=…&stage_id=…&sort=board_rank&cursor=…` (with the same `owner_id`).",
    )


class Board(OutputModel):
    pipeline: PipelineRead
    base_currency: str
    columns: list[BoardColumn]
    unconverted_currencies: list[str]


class LostReasonRead(OutputModel):
    id: uuid.UUID
    name: str
    active: bool
    position: int
    created_at: datetime
    updated_at: datetime


class LostReasonCreate(InputModel):
    name: str = Field(min_length=1, max_length=120)
    position: Annotated[StrictInt, Field(ge=0, le=100_000)] = 0


class LostReasonUpdate(InputModel):
    name: str | None = Field(None, min_length=1, max_length=120)
    active: StrictBool | None = None
    position: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = None
