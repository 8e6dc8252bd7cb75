from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.custom_fields import service
from crm.custom_fields.schemas import CustomFieldCreate, CustomFieldRead, CustomFieldUpdate
from crm.db import SessionDep

router = APIRouter(prefix="/custom-fields", tags=["custom-fields"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get(
    "", operation_id="custom_fields_list", response_model=listing.Page[CustomFieldRead], responses=responses(401, 422)
)
async def list_fields(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[CustomFieldRead]:
    result = await service.list_defs(session, params)
    return listing.respond(request, response, result, [CustomFieldRead.model_validate(r) for r in result.rows])


@router.post(
    "",
    operation_id="custom_fields_create",
    status_code=status.HTTP_201_CREATED,
    response_model=CustomFieldRead,
    responses=responses(401, 403, 409, 422),
)
async def create_field(
    data: CustomFieldCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> CustomFieldRead:
    row = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/custom-fields/{row.id}"
    set_etag(response, row.version)
    return CustomFieldRead.model_validate(row)


@router.get(
    "/{field_id}", operation_id="custom_fields_get", response_model=CustomFieldRead, responses=responses(401, 404)
)
async def get_field(
    field_id: uuid.UUID, response: Response, _: CurrentPrincipal, session: SessionDep
) -> CustomFieldRead:
    row = await service.get(session, field_id)
    set_etag(response, row.version)
    return CustomFieldRead.model_validate(row)


@router.patch(
    "/{field_id}",
    operation_id="custom_fields_update",
    response_model=CustomFieldRead,
    responses=responses(401, 403, 404, 412, 422),
)
async def update_field(
    field_id: uuid.UUID,
    data: CustomFieldUpdate,
    response: Response,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> CustomFieldRead:
    row = await service.get(session, field_id)
    check_if_match(if_match, row.version)
    row = await service.update(session, principal, row, data)
    set_etag(response, row.version)
    return CustomFieldRead.model_validate(row)


@router.delete(
    "/{field_id}",
    operation_id="custom_fields_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_field(
    field_id: uuid.UUID,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    row = await service.get(session, field_id)
    check_if_match(if_match, row.version)
    await service.delete(session, principal, row)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
