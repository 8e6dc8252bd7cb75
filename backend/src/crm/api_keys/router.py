from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from crm.api_keys import service
from crm.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from crm.auth.deps import HumanAdminPrincipal
from crm.core import listing
from crm.core.errors import responses
from crm.db import SessionDep

router = APIRouter(prefix="/api-keys", tags=["api-keys"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get(
    "", operation_id="api_keys_list", response_model=listing.Page[ApiKeyRead], responses=responses(401, 403, 422)
)
async def list_keys(
    request: Request, response: Response, _: HumanAdminPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[ApiKeyRead]:
    result = await service.list_keys(session, params)
    return listing.respond(request, response, result, [ApiKeyRead.model_validate(k) for k in result.rows])


@router.post(
    "",
    operation_id="api_keys_create",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    responses=responses(401, 403, 422),
)
async def create_key(
    data: ApiKeyCreate, response: Response, principal: HumanAdminPrincipal, session: SessionDep
) -> ApiKeyCreated:
    """Creates a key; the secret (`crm_…`) is in this response only, store it now."""
    key, secret = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/api-keys/{key.id}"
    return ApiKeyCreated(**ApiKeyRead.model_validate(key).model_dump(), key=secret)


@router.get("/{key_id}", operation_id="api_keys_get", response_model=ApiKeyRead, responses=responses(401, 403, 404))
async def get_key(key_id: uuid.UUID, _: HumanAdminPrincipal, session: SessionDep) -> ApiKeyRead:
    return ApiKeyRead.model_validate(await service.get(session, key_id))


@router.delete(
    "/{key_id}",
    operation_id="api_keys_revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def revoke_key(key_id: uuid.UUID, principal: HumanAdminPrincipal, session: SessionDep) -> Response:
    """Revokes the key at once; it stays listed with `revoked_at`."""
    await service.revoke(session, principal, await service.get(session, key_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
