from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.customers import service as customers_service
from crm.customers.schemas import HistoryEntry
from crm.db import SessionDep
from crm.deals import service
from crm.deals.schemas import Board, DealCreate, DealMove, DealRead, DealUpdate, StageHistoryEntry

router = APIRouter(prefix="/deals", tags=["deals"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]
DealPage = listing.Page[DealRead | listing.Tombstone]

LIST_DOC = (
    "Filters: `pipeline_id`, `stage_id`, `status` (open, won, lost), `owner_id`, `customer_id`, `amount`, "
    "`currency`, `expected_close_date`, `source`, `lost_reason_id`, `lead_id`, `won_at`, `lost_at`, "
    "`created_at`, `updated_at` with the usual operators (`amount[gte]=1000`). Sort by `name`, `amount`, "
    "`expected_close_date`, `status`, `board_rank`, `stage_entered_at`, `won_at`, `lost_at`, `created_at`, "
    "`updated_at`. `q` searches names and customer names."
)


async def _one(session: SessionDep, principal: CurrentPrincipal, deal: object) -> DealRead:
    return (await service.to_read(session, principal, [deal]))[0]  # type: ignore[list-item]


@router.get("", operation_id="deals_list", response_model=DealPage, responses=responses(401, 422), description=LIST_DOC)
async def list_deals(
    request: Request, response: Response, principal: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> DealPage:
    result = await service.list_deals(session, principal, params)
    live = {
        d.id: d for d in await service.to_read(session, principal, [r for r in result.rows if r.deleted_at is None])
    }
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: live[r.id]))


@router.get("/board", operation_id="deals_board", response_model=Board, responses=responses(401, 404, 422))
async def board(
    principal: CurrentPrincipal,
    session: SessionDep,
    pipeline_id: Annotated[uuid.UUID | None, Query(description="Default pipeline when absent")] = None,
    owner_id: Annotated[uuid.UUID | None, Query()] = None,
    per_stage: Annotated[int, Query(ge=1, le=service.BOARD_PER_STAGE_MAX, description="Cards per column")] = (
        service.BOARD_PER_STAGE
    ),
) -> Board:
    """One column per active stage: count and totals in the base currency over all its deals, and its
    first `per_stage` deals in board order; `next_cursor` pages through the rest with the deals list."""
    return await service.board(session, principal, pipeline_id, owner_id, per_stage)


@router.post(
    "",
    operation_id="deals_create",
    status_code=status.HTTP_201_CREATED,
    response_model=DealRead,
    responses=responses(401, 403, 422),
)
async def create_deal(
    data: DealCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DealRead:
    d = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/deals/{d.id}"
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.get("/{deal_id}", operation_id="deals_get", response_model=DealRead, responses=responses(401, 404))
async def get_deal(
    deal_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DealRead:
    d = await service.get_visible(session, principal, deal_id)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.patch(
    "/{deal_id}", operation_id="deals_update", response_model=DealRead, responses=responses(401, 403, 404, 412, 422)
)
async def update_deal(
    deal_id: uuid.UUID,
    data: DealUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> DealRead:
    d = await service.get_visible(session, principal, deal_id)
    check_if_match(if_match, d.version)
    d = await service.update(session, principal, d, data)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.post(
    "/{deal_id}/move", operation_id="deals_move", response_model=DealRead, responses=responses(401, 403, 404, 412, 422)
)
async def move_deal(
    deal_id: uuid.UUID,
    data: DealMove,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> DealRead:
    """Board move: to another stage and/or a place in the column. A lost stage needs `lost_reason_id`."""
    d = await service.get_visible(session, principal, deal_id)
    check_if_match(if_match, d.version)
    d = await service.move(session, principal, d, data)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.delete(
    "/{deal_id}",
    operation_id="deals_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_deal(
    deal_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    d = await service.get_visible(session, principal, deal_id)
    check_if_match(if_match, d.version)
    await service.delete(session, principal, d)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{deal_id}/restore", operation_id="deals_restore", response_model=DealRead, responses=responses(401, 403, 404, 409)
)
async def restore_deal(
    deal_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DealRead:
    d = await service.get_visible(session, principal, deal_id, deleted=None)
    d = await service.restore(session, principal, d)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.get(
    "/{deal_id}/stage-history",
    operation_id="deals_stage_history",
    response_model=listing.Page[StageHistoryEntry],
    responses=responses(401, 404),
)
async def stage_history(
    deal_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> listing.Page[StageHistoryEntry]:
    """Every stage the deal went through, oldest first, with the time it spent there."""
    d = await service.get_visible(session, principal, deal_id, deleted=None)
    return listing.Page[StageHistoryEntry](items=await service.stage_history(session, d))


@router.get(
    "/{deal_id}/history",
    operation_id="deals_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def deal_history(
    deal_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    d = await service.get_visible(session, principal, deal_id, deleted=None)
    items, nxt, total = await customers_service.record_history(session, service.OBJECT, d.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)
