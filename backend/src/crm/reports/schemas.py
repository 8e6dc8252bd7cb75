from __future__ import annotations

import uuid
from datetime import date

from crm.core.money import AmountOut
from crm.core.schemas import OutputModel


class LostReasonRow(OutputModel):
    lost_reason_id: uuid.UUID | None
    name: str
    count: int
    amount: AmountOut


class LostReasonsReport(OutputModel):
    base_currency: str
    pipeline_id: uuid.UUID | None
    from_date: date | None
    to_date: date | None
    total_count: int
    total_amount: AmountOut
    items: list[LostReasonRow]
    unconverted_currencies: list[str]
