from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.errors import responses
from crm.db import SessionDep
from crm.trash import service
from crm.trash.schemas import TrashItem

router = APIRouter(prefix="/trash", tags=["trash"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get("", operation_id="trash_list", response_model=listing.Page[TrashItem], responses=responses(401, 422))
async def list_trash(
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
    record_type: Annotated[str | None, Query(description="e.g. customer")] = None,
) -> listing.Page[TrashItem]:
    """Deleted records the caller may see, of every type; restore them through their own resource."""
    params.filters = [f for f in params.filters if f[0] != "record_type"]
    items, nxt = await service.list_trash(session, principal, params, record_type)
    listing.set_link_header(request, response, nxt)
    return listing.Page[TrashItem](items=items, next_cursor=nxt)


@router.delete(
    "/{record_type}/{record_id}",
    operation_id="trash_purge",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def purge(record_type: str, record_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    """Deletes a trashed record for good (admins only)."""
    await service.purge(session, principal, record_type, record_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
