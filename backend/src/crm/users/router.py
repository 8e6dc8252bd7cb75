from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep
from crm.users import service
from crm.users.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get("/me", operation_id="users_me", response_model=UserRead, responses=responses(401))
async def me(principal: CurrentPrincipal, session: SessionDep) -> UserRead:
    return UserRead.model_validate(await service.get(session, principal.user_id))


@router.get("", operation_id="users_list", response_model=listing.Page[UserRead], responses=responses(401, 422))
async def list_users(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[UserRead]:
    """Everyone signed in can list colleagues (to pick owners); only admins change them."""
    result = await service.list_users(session, params)
    return listing.respond(request, response, result, [UserRead.model_validate(u) for u in result.rows])


@router.post(
    "",
    operation_id="users_create",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=responses(401, 403, 409, 422),
)
async def create_user(data: UserCreate, response: Response, principal: AdminPrincipal, session: SessionDep) -> UserRead:
    user = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@router.get("/{user_id}", operation_id="users_get", response_model=UserRead, responses=responses(401, 404))
async def get_user(user_id: uuid.UUID, response: Response, _: CurrentPrincipal, session: SessionDep) -> UserRead:
    user = await service.get(session, user_id)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@router.patch(
    "/{user_id}", operation_id="users_update", response_model=UserRead, responses=responses(401, 403, 404, 412, 422)
)
async def update_user(
    user_id: uuid.UUID,
    data: UserUpdate,
    response: Response,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: Annotated[str | None, Header()] = None,
) -> UserRead:
    user = await service.get(session, user_id)
    check_if_match(if_match, user.version)
    user = await service.update(session, principal, user, data)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@router.post(
    "/{user_id}/deactivate",
    operation_id="users_deactivate",
    response_model=UserRead,
    responses=responses(401, 403, 404, 422),
)
async def deactivate_user(user_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> UserRead:
    user = await service.get(session, user_id)
    return UserRead.model_validate(await service.deactivate(session, principal, user))
