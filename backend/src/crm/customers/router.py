from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.customers import service
from crm.customers.schemas import CustomerCreate, CustomerRead, CustomerUpdate, HistoryEntry
from crm.db import SessionDep

router = APIRouter(prefix="/customers", tags=["customers"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]

LIST_DOC = (
    "Filters: `type`, `name`, `first_name`, `last_name`, `company_id`, `job_title`, `industry`, `owner_id`, "
    "`lifecycle_stage`, `birthday`, `email`, `tags`, `created_at`, `updated_at` as `field=value` or "
    "`field[op]=value` (`eq, ne, gt, gte, lt, lte, in, nin, contains, isnull`; `tags[contains]=vip`). "
    "Sort by `name`, `first_name`, `last_name`, `industry`, `lifecycle_stage`, `type`, `birthday`, `created_at`, "
    "`updated_at`. With `q` and no `sort`, results are ranked by relevance."
)


async def _page(
    request: Request, response: Response, session: SessionDep, principal: CurrentPrincipal, result: listing.ListResult
) -> listing.Page[CustomerRead | listing.Tombstone]:
    live = await service.to_read(session, principal, [r for r in result.rows if r.deleted_at is None])
    by_id = {c.id: c for c in live}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: by_id[r.id]))


@router.get(
    "",
    operation_id="customers_list",
    response_model=listing.Page[CustomerRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_customers(
    request: Request, response: Response, principal: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[CustomerRead | listing.Tombstone]:
    result = await service.list_customers(session, principal, params)
    return await _page(request, response, session, principal, result)


@router.post(
    "",
    operation_id="customers_create",
    status_code=status.HTTP_201_CREATED,
    response_model=CustomerRead,
    responses=responses(401, 403, 422),
)
async def create_customer(
    data: CustomerCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> CustomerRead:
    c = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/customers/{c.id}"
    set_etag(response, c.version)
    return (await service.to_read(session, principal, [c]))[0]


@router.get("/{customer_id}", operation_id="customers_get", response_model=CustomerRead, responses=responses(401, 404))
async def get_customer(
    customer_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> CustomerRead:
    c = await service.get_visible(session, principal, customer_id)
    set_etag(response, c.version)
    return (await service.to_read(session, principal, [c]))[0]


@router.patch(
    "/{customer_id}",
    operation_id="customers_update",
    response_model=CustomerRead,
    responses=responses(401, 403, 404, 412, 422),
)
async def update_customer(
    customer_id: uuid.UUID,
    data: CustomerUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> CustomerRead:
    c = await service.get_visible(session, principal, customer_id)
    check_if_match(if_match, c.version)
    c = await service.update(session, principal, c, data)
    set_etag(response, c.version)
    return (await service.to_read(session, principal, [c]))[0]


@router.delete(
    "/{customer_id}",
    operation_id="customers_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_customer(
    customer_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    c = await service.get_visible(session, principal, customer_id)
    check_if_match(if_match, c.version)
    await service.delete(session, principal, c)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{customer_id}/restore",
    operation_id="customers_restore",
    response_model=CustomerRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_customer(
    customer_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> CustomerRead:
    c = await service.get_visible(session, principal, customer_id, deleted=None)
    c = await service.restore(session, principal, c)
    set_etag(response, c.version)
    return (await service.to_read(session, principal, [c]))[0]


@router.get(
    "/{customer_id}/history",
    operation_id="customers_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def customer_history(
    customer_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    """Field changes, newest first: who changed which field from what to what."""
    c = await service.get_visible(session, principal, customer_id, deleted=None)
    items, nxt, total = await service.record_history(session, service.OBJECT, c.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)


@router.get(
    "/{customer_id}/people",
    operation_id="customers_people",
    response_model=listing.Page[CustomerRead | listing.Tombstone],
    responses=responses(401, 404, 422),
)
async def company_people(
    customer_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[CustomerRead | listing.Tombstone]:
    company = await service.get_visible(session, principal, customer_id)
    result = await service.people(session, principal, company, params)
    return await _page(request, response, session, principal, result)
