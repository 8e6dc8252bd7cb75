from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.api_keys.models import ApiKey
from crm.auth.models import RefreshToken
from crm.auth.schemas import TokenPair
from crm.core import ratelimit
from crm.core.errors import Unauthorized
from crm.core.history import audit
from crm.core.security import Principal, Role, create_access_token, hash_token, new_opaque_token
from crm.db import get_sessionmaker, uuid7
from crm.settings import get_settings
from crm.users import service as users_service
from crm.users.models import User


def _now() -> datetime:
    return datetime.now(UTC)


async def _issue(
    session: AsyncSession, user: User, family_id: uuid.UUID, ip: str | None, user_agent: str | None
) -> TokenPair:
    access, expires_in = create_access_token(user.id)
    refresh = new_opaque_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_token(refresh),
            expires_at=_now() + timedelta(days=get_settings().refresh_token_days),
            ip=ip,
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    await session.flush()
    return TokenPair(access_token=access, expires_in=expires_in, refresh_token=refresh)


async def login(session: AsyncSession, email: str, password: str, ip: str | None, user_agent: str | None) -> TokenPair:
    limit = get_settings().login_rate_limit
    keys = ("login", (email or "").strip().lower(), ip or "-")
    await ratelimit.check(limit, *keys)
    user = await users_service.authenticate(session, email, password)
    if user is None:
        await ratelimit.hit(limit, *keys)
        raise Unauthorized("Incorrect email or password.")
    pair = await _issue(session, user, uuid7(), ip, user_agent)
    audit(session, _as_principal(user, ip), "auth.login", "user", user.id)
    return pair


async def refresh(session: AsyncSession, token: str, ip: str | None, user_agent: str | None) -> TokenPair:
    row = (
        await session.execute(select(RefreshToken).where(RefreshToken.token_hash == hash_token(token)))
    ).scalar_one_or_none()
    if row is None:
        raise Unauthorized("Invalid refresh token.")
    if row.used_at is not None or row.revoked_at is not None:
        # Reuse of a spent token means it leaked: the whole login is revoked, committed even
        # though this request fails.
        await _revoke_family_now(row.family_id)
        raise Unauthorized("Refresh token already used; the session has been revoked.")
    if row.expires_at < _now():
        raise Unauthorized("Refresh token expired.")
    user = await users_service.get_active(session, row.user_id)
    if user is None:
        raise Unauthorized("Invalid refresh token.")
    # Compare-and-set so two concurrent refreshes with one token can't both succeed.
    result = await session.execute(
        update(RefreshToken).where(RefreshToken.id == row.id, RefreshToken.used_at.is_(None)).values(used_at=_now())
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # Release this transaction's locks first (the UPDATE above holds the row on PostgreSQL and the
        # write lock on SQLite), or the revoking session below waits on us forever. Rolling back expires
        # `row`, so its family is read before.
        family_id = row.family_id
        await session.rollback()
        await _revoke_family_now(family_id)
        raise Unauthorized("Refresh token already used; the session has been revoked.")
    return await _issue(session, user, row.family_id, ip, user_agent)


async def _revoke_family_now(family_id: uuid.UUID) -> None:
    async with get_sessionmaker()() as own:
        await own.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        await own.commit()


async def logout(session: AsyncSession, token: str) -> None:
    row = (
        await session.execute(select(RefreshToken).where(RefreshToken.token_hash == hash_token(token)))
    ).scalar_one_or_none()
    if row is not None:
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == row.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=_now())
        )


async def revoke_all(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=_now())
    )


def _as_principal(user: User, ip: str | None) -> Principal:
    return Principal(user_id=user.id, role=Role(user.role), name=user.full_name, ip=ip)


async def caller_active(session: AsyncSession, caller: str) -> bool:
    """For idempotent replays: is the caller (`user:<id>` or `key:<hash>`) still allowed in?"""
    kind, ident = caller.split(":", 1)
    if kind == "user":
        return await users_service.get_active(session, uuid.UUID(ident)) is not None
    key = (await session.execute(select(ApiKey).where(ApiKey.key_hash == ident))).scalar_one_or_none()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= _now()):
        return False
    return await users_service.get_active(session, key.user_id) is not None
