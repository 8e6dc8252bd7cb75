"""Reports: aggregates over what the caller may see, money in the base currency."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.errors import Invalid
from crm.core.money import quantize
from crm.core.security import Principal
from crm.deals import service as deals_service
from crm.deals.models import LostReason
from crm.exchange_rates import service as rates_service
from crm.reports.schemas import LostReasonRow, LostReasonsReport


async def lost_reasons(
    session: AsyncSession,
    principal: Principal,
    pipeline_id: uuid.UUID | None,
    from_date: date | None,
    to_date: date | None,
) -> LostReasonsReport:
    """Count and amount of lost deals per reason; amounts converted at the rate of the period's end."""
    if from_date and to_date and from_date > to_date:
        raise Invalid.at(["query", "from_date"], "from_date is after to_date.")
    start = datetime.combine(from_date, time.min, UTC) if from_date else None
    end = datetime.combine(to_date + timedelta(days=1), time.min, UTC) if to_date else None
    totals = await deals_service.lost_reason_totals(session, principal, pipeline_id, start, end)
    conv = await rates_service.converter(session)
    as_of = to_date or date.today()
    names = {r.id: r.name for r in (await session.execute(select(LostReason))).scalars()}
    rows: dict[uuid.UUID | None, list] = {}
    for reason_id, currency, count, amount in totals:
        row = rows.setdefault(reason_id, [0, Decimal(0)])
        row[0] += count
        row[1] += conv.to_base(amount, currency, as_of) or 0
    items = sorted(
        (
            LostReasonRow(lost_reason_id=rid, name=names.get(rid, "—") if rid else "—", count=c, amount=quantize(a))
            for rid, (c, a) in rows.items()
        ),
        key=lambda r: (-r.count, -r.amount, r.name),
    )
    return LostReasonsReport(
        base_currency=conv.base,
        pipeline_id=pipeline_id,
        from_date=from_date,
        to_date=to_date,
        total_count=sum(i.count for i in items),
        total_amount=quantize(sum((i.amount for i in items), Decimal(0))),
        items=items,
        unconverted_currencies=sorted(conv.missing),
    )
