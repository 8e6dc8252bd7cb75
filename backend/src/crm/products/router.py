from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep
from crm.products import service
from crm.products.schemas import ProductCreate, ProductRead, ProductUpdate

router = APIRouter(prefix="/products", tags=["products"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]

LIST_DOC = (
    "Filters: `name`, `sku`, `category`, `active`, `created_at`, `updated_at` as `field=value` or "
    "`field[op]=value`. Sort by `name` (default), `sku`, `category`, `created_at`, `updated_at`. "
    "`q` searches name and SKU; without `sort`, results are ranked by relevance."
)


@router.get(
    "",
    operation_id="products_list",
    response_model=listing.Page[ProductRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_products(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[ProductRead | listing.Tombstone]:
    result = await service.list_products(session, params)
    return listing.respond(request, response, result, listing.page_items(result.rows, ProductRead.model_validate))


@router.post(
    "",
    operation_id="products_create",
    status_code=status.HTTP_201_CREATED,
    response_model=ProductRead,
    responses=responses(401, 403, 409, 422),
)
async def create_product(
    data: ProductCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> ProductRead:
    """Admins and managers only. A SKU must be unique among live products (409 otherwise)."""
    p = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/products/{p.id}"
    set_etag(response, p.version)
    return ProductRead.model_validate(p)


@router.get("/{product_id}", operation_id="products_get", response_model=ProductRead, responses=responses(401, 404))
async def get_product(
    product_id: uuid.UUID, response: Response, _: CurrentPrincipal, session: SessionDep
) -> ProductRead:
    p = await service.get(session, product_id)
    set_etag(response, p.version)
    return ProductRead.model_validate(p)


@router.patch(
    "/{product_id}",
    operation_id="products_update",
    response_model=ProductRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def update_product(
    product_id: uuid.UUID,
    data: ProductUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> ProductRead:
    p = await service.get(session, product_id)
    check_if_match(if_match, p.version)
    p = await service.update(session, principal, p, data)
    set_etag(response, p.version)
    return ProductRead.model_validate(p)


@router.delete(
    "/{product_id}",
    operation_id="products_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_product(
    product_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    p = await service.get(session, product_id)
    check_if_match(if_match, p.version)
    await service.delete(session, principal, p)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{product_id}/restore",
    operation_id="products_restore",
    response_model=ProductRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_product(
    product_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> ProductRead:
    p = await service.get(session, product_id, deleted=None)
    p = await service.restore(session, principal, p)
    set_etag(response, p.version)
    return ProductRead.model_validate(p)
