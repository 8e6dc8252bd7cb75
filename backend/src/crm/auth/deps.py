"""Who is calling: the bearer token resolved to a `Principal`, plus intent-named guards."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import OAuth2PasswordBearer

from crm.core import ratelimit
from crm.core.errors import Forbidden, TooManyRequests, Unauthorized
from crm.core.security import Principal, Role, decode_access_token
from crm.db import SessionDep
from crm.settings import get_settings
from crm.users import service as users_service

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def get_principal(
    request: Request, response: Response, session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    if not token:
        raise Unauthorized("Missing bearer token.")
    user_id = decode_access_token(token)
    user = await users_service.get_active(session, user_id)
    if user is None:
        raise Unauthorized("Invalid or expired token.")
    allowed, limit, remaining, reset = await ratelimit.hit(get_settings().api_rate_limit, "api", str(user.id))
    headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(reset)}
    if not allowed:
        raise TooManyRequests("Rate limit exceeded.", headers={**headers, "Retry-After": str(max(reset, 1))})
    response.headers.update(headers)
    managed = await users_service.managed_ids(session, user.id)
    principal = Principal(
        user_id=user.id,
        role=Role(user.role),
        name=user.full_name,
        managed_ids=managed,
        ip=client_ip(request),
        request_id=getattr(request.state, "request_id", None),
    )
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Administrators only.")
    return principal


AdminPrincipal = Annotated[Principal, Depends(require_admin)]
