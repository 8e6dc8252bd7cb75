from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.errors import responses
from crm.db import SessionDep
from crm.deals import service
from crm.deals.schemas import LostReasonCreate, LostReasonRead, LostReasonUpdate

router = APIRouter(prefix="/lost-reasons", tags=["lost-reasons"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get(
    "", operation_id="lost_reasons_list", response_model=listing.Page[LostReasonRead], responses=responses(401, 422)
)
async def list_reasons(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[LostReasonRead]:
    result = await service.list_lost_reasons(session, params)
    return listing.respond(request, response, result, [LostReasonRead.model_validate(r) for r in result.rows])


@router.post(
    "",
    operation_id="lost_reasons_create",
    status_code=status.HTTP_201_CREATED,
    response_model=LostReasonRead,
    responses=responses(401, 403, 409, 422),
)
async def create_reason(
    data: LostReasonCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> LostReasonRead:
    row = await service.create_lost_reason(session, principal, data)
    response.headers["Location"] = f"/api/v1/lost-reasons/{row.id}"
    return LostReasonRead.model_validate(row)


@router.patch(
    "/{reason_id}",
    operation_id="lost_reasons_update",
    response_model=LostReasonRead,
    responses=responses(401, 403, 404, 409, 422),
)
async def update_reason(
    reason_id: uuid.UUID, data: LostReasonUpdate, principal: AdminPrincipal, session: SessionDep
) -> LostReasonRead:
    """Rename, reorder, or retire a reason (`active: false` keeps it on old deals and in reports)."""
    row = await service.get_lost_reason(session, reason_id)
    return LostReasonRead.model_validate(await service.update_lost_reason(session, principal, row, data))
