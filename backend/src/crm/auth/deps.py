"""Who is calling: the bearer token resolved to a `Principal`, plus intent-named guards."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import OAuth2PasswordBearer

from crm.api_keys import service as api_keys_service
from crm.core import ratelimit
from crm.core.errors import Forbidden, TooManyRequests, Unauthorized
from crm.core.security import API_KEY_PREFIX, Principal, Role, decode_access_token, required_scope
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
    key = None
    if token.startswith(API_KEY_PREFIX):
        key = await api_keys_service.authenticate(session, token)
        if key is None:
            raise Unauthorized("Invalid, expired or revoked API key.")
        user_id = key.user_id
    else:
        user_id = decode_access_token(token)
    found = await users_service.caller(session, user_id)
    if found is None:
        raise Unauthorized("Invalid or expired token.")
    user, managed = found
    if key is not None:
        scope = required_scope(request.method, request.url.path)
        if scope is not None and scope not in key.scopes:
            raise Forbidden(f"This API key lacks the {scope!r} scope.")
    bucket = f"key:{key.id}" if key else str(user.id)
    allowed, limit, remaining, reset = await ratelimit.hit(get_settings().api_rate_limit, "api", bucket)
    headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(reset)}
    if not allowed:
        raise TooManyRequests("Rate limit exceeded.", headers={**headers, "Retry-After": str(max(reset, 1))})
    response.headers.update(headers)
    principal = Principal(
        user_id=user.id,
        role=Role(user.role),
        name=user.full_name,
        managed_ids=managed,
        api_key_id=key.id if key else None,
        scopes=frozenset(key.scopes) if key else None,
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


async def require_human_admin(principal: AdminPrincipal) -> Principal:
    """Managing API keys takes a person's session: a key cannot mint or revoke keys."""
    if principal.api_key_id is not None:
        raise Forbidden("API keys cannot manage API keys.")
    return principal


HumanAdminPrincipal = Annotated[Principal, Depends(require_human_admin)]
