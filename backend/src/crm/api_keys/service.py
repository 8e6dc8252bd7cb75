from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.api_keys.models import ApiKey
from crm.api_keys.schemas import ApiKeyCreate
from crm.core import listing
from crm.core.errors import Invalid, NotFound
from crm.core.history import audit
from crm.core.security import API_KEY_PREFIX, Principal, hash_token, new_opaque_token
from crm.db import utcnow
from crm.users import service as users_service

LIST_SPEC = listing.ListSpec(
    model=ApiKey,
    fields={
        "name": listing.Field(ApiKey.name),
        "user_id": listing.Field(ApiKey.user_id, uuid.UUID, sortable=False),
        "created_at": listing.Field(ApiKey.created_at, listing.datetime),
        "revoked_at": listing.Field(ApiKey.revoked_at, listing.datetime, nullable=True, sortable=False),
    },
    default_sort="-created_at",
)
# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
LAST_USED_GRANULARITY = timedelta(minutes=1)


async def create(session: AsyncSession, principal: Principal, data: ApiKeyCreate) -> tuple[ApiKey, str]:
    user_id = data.user_id or principal.user_id
    if await users_service.get_active(session, user_id) is None:
        raise Invalid.at(["body", "user_id"], "Unknown or inactive user.")
    secret = new_opaque_token(API_KEY_PREFIX)
    key = ApiKey(
        name=data.name,
        prefix=secret[:12],
        key_hash=hash_token(secret),
        user_id=user_id,
        scopes=sorted({s.value for s in data.scopes}),
        created_by_id=principal.user_id,
        expires_at=data.expires_at,
    )
    session.add(key)
    await session.flush()
    audit(session, principal, "api_key.created", "api_key", key.id, {"name": key.name, "scopes": key.scopes})
    return key, secret


async def get(session: AsyncSession, key_id: uuid.UUID) -> ApiKey:
    key = await session.get(ApiKey, key_id)
    if key is None:
        raise NotFound("API key not found.")
    return key


async def revoke(session: AsyncSession, principal: Principal, key: ApiKey) -> None:
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        await session.flush()
        audit(session, principal, "api_key.revoked", "api_key", key.id, {"name": key.name})


async def authenticate(session: AsyncSession, secret: str) -> ApiKey | None:
    key = (await session.execute(select(ApiKey).where(ApiKey.key_hash == hash_token(secret)))).scalar_one_or_none()
    now = utcnow()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        return None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_GRANULARITY:
        key.last_used_at = now
    return key


async def list_keys(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params)
