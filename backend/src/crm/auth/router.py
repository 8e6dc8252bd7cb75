from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from crm.auth import service
from crm.auth.deps import client_ip
from crm.auth.schemas import RefreshRequest, TokenPair
from crm.core.errors import responses
from crm.db import SessionDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", operation_id="auth_token", response_model=TokenPair, responses=responses(401, 422, 429))
async def token(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenPair:
    """OAuth2 password grant: `username` is the email."""
    return await service.login(
        session, form.username, form.password, client_ip(request), request.headers.get("user-agent")
    )


@router.post("/refresh", operation_id="auth_refresh", response_model=TokenPair, responses=responses(401, 422))
async def refresh(request: Request, body: RefreshRequest, session: SessionDep) -> TokenPair:
    """Rotates the refresh token: the one sent is spent, a new pair comes back."""
    return await service.refresh(session, body.refresh_token, client_ip(request), request.headers.get("user-agent"))


@router.post("/logout", operation_id="auth_logout", status_code=status.HTTP_204_NO_CONTENT, responses=responses(422))
async def logout(body: RefreshRequest, session: SessionDep) -> Response:
    await service.logout(session, body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
