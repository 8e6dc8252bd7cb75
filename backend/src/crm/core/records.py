"""Any record by (type, id), with the caller's access rules: for things that attach to records of
several types (comments, tasks, interactions, timelines, live updates).

Domains register a loader at import time; `crm.records_registry` imports them all.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.errors import Invalid, NotFound
from crm.core.security import Principal, Role


@dataclass(frozen=True)
class RecordType:
    name: str
    # The live record if the principal may see it, else NotFound.
    load: Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[Any]]
    # Whether the principal may change it (comments and tasks on it need only read).
    can_edit: Callable[[AsyncSession, Principal, Any], Awaitable[bool]]
    title: Callable[[Any], str]


_TYPES: dict[str, RecordType] = {}


def register(record_type: RecordType) -> None:
    _TYPES[record_type.name] = record_type


def names() -> list[str]:
    _ensure_loaded()
    return sorted(_TYPES)


def _ensure_loaded() -> None:
    import crm.records_registry  # noqa: F401  (registers every type)


def get_type(name: str, loc: list[str | int]) -> RecordType:
    _ensure_loaded()
    rt = _TYPES.get(name)
    if rt is None:
        raise Invalid.at(loc, f"Unknown record type {name!r}; use one of {', '.join(sorted(_TYPES))}.")
    return rt


async def load_visible(
    session: AsyncSession, principal: Principal, record_type: str, record_id: uuid.UUID, *, loc: list[str | int]
) -> Any:
    """The record the caller may see; unknown type -> 422 at `loc`, unseen or missing -> 404."""
    return await get_type(record_type, loc).load(session, principal, record_id)


async def principal_for(session: AsyncSession, user_id: uuid.UUID) -> Principal | None:
    """How a user would be seen if they made a request now (for checks on their behalf)."""
    from crm.users import service as users_service

    user = await users_service.get_active(session, user_id)
    if user is None:
        return None
    managed = await users_service.managed_ids(session, user.id)
    return Principal(user_id=user.id, role=Role(user.role), name=user.full_name, managed_ids=managed)


async def can_see(session: AsyncSession, user_id: uuid.UUID, record_type: str, record_id: uuid.UUID) -> bool:
    principal = await principal_for(session, user_id)
    if principal is None:
        return False
    try:
        await get_type(record_type, []).load(session, principal, record_id)
    except (NotFound, Invalid):
        return False
    return True
