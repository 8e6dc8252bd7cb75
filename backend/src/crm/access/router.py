from __future__ import annotations

from fastapi import APIRouter

from crm.access import service
from crm.access.schemas import AccessPolicyRead, AccessPolicyUpdate
from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core.errors import responses
from crm.db import SessionDep

router = APIRouter(prefix="/access-policies", tags=["access"])


@router.get("", operation_id="access_policies_list", response_model=list[AccessPolicyRead], responses=responses(401))
async def list_policies(_: CurrentPrincipal, session: SessionDep) -> list[AccessPolicyRead]:
    return [AccessPolicyRead.model_validate(p) for p in await service.list_policies(session)]


@router.put(
    "/{object_type}",
    operation_id="access_policies_set",
    response_model=AccessPolicyRead,
    responses=responses(401, 403, 404, 422),
)
async def set_policy(
    object_type: str, body: AccessPolicyUpdate, principal: AdminPrincipal, session: SessionDep
) -> AccessPolicyRead:
    return AccessPolicyRead.model_validate(await service.set_level(session, principal, object_type, body.level))
