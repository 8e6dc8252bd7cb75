from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep
from crm.exchange_rates import service
from crm.exchange_rates.schemas import ExchangeRateCreate, ExchangeRatePage, ExchangeRateRead, ExchangeRateUpdate

router = APIRouter(prefix="/exchange-rates", tags=["exchange-rates"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]


@router.get("", operation_id="exchange_rates_list", response_model=ExchangeRatePage, responses=responses(401, 422))
async def list_rates(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> ExchangeRatePage:
    """Rates to the base currency: 1 unit of `currency` = `rate` units of `base_currency` from `valid_from`."""
    result = await service.list_rates(session, params)
    listing.set_link_header(request, response, result.next_cursor)
    return ExchangeRatePage(
        base_currency=service.base_currency(),
        next_cursor=result.next_cursor,
        total=result.total,
        items=[ExchangeRateRead.model_validate(r) for r in result.rows],
    )


@router.post(
    "",
    operation_id="exchange_rates_create",
    status_code=status.HTTP_201_CREATED,
    response_model=ExchangeRateRead,
    responses=responses(401, 403, 409, 422),
)
async def create_rate(
    data: ExchangeRateCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> ExchangeRateRead:
    row = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/exchange-rates/{row.id}"
    set_etag(response, row.version)
    return ExchangeRateRead.model_validate(row)


@router.patch(
    "/{rate_id}",
    operation_id="exchange_rates_update",
    response_model=ExchangeRateRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def update_rate(
    rate_id: uuid.UUID,
    data: ExchangeRateUpdate,
    response: Response,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> ExchangeRateRead:
    row = await service.get(session, rate_id)
    check_if_match(if_match, row.version)
    row = await service.update(session, principal, row, data)
    set_etag(response, row.version)
    return ExchangeRateRead.model_validate(row)


@router.delete(
    "/{rate_id}",
    operation_id="exchange_rates_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def delete_rate(rate_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    await service.delete(session, principal, await service.get(session, rate_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
