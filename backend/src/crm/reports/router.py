from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from crm.auth.deps import CurrentPrincipal
from crm.core.errors import responses
from crm.core.listing import DateParam, parse_date
from crm.db import SessionDep
from crm.reports import service
from crm.reports.schemas import LostReasonsReport

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get(
    "/lost-reasons",
    operation_id="reports_lost_reasons",
    response_model=LostReasonsReport,
    responses=responses(401, 422),
)
async def lost_reasons(
    principal: CurrentPrincipal,
    session: SessionDep,
    pipeline_id: Annotated[uuid.UUID | None, Query()] = None,
    from_date: Annotated[DateParam | None, Query(alias="from")] = None,
    to_date: Annotated[DateParam | None, Query(alias="to")] = None,
) -> LostReasonsReport:
    """Why deals were lost: count and amount per reason, for a pipeline and a period (by lost date)."""
    return await service.lost_reasons(
        session, principal, pipeline_id, parse_date(from_date, "from"), parse_date(to_date, "to")
    )
