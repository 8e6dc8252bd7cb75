from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from crm.access.models import AccessPolicy
from crm.core.access import Level
from crm.core.errors import NotFound
from crm.core.history import audit
from crm.core.security import Principal

# Object types under record access and their defaults when an admin hasn't chosen.
OBJECT_TYPES: dict[str, Level] = {"customer": Level.read, "lead": Level.read, "deal": Level.private}


_CACHE = "access_levels"


async def level_for(session: AsyncSession, object_type: str) -> Level:
    """Read once per transaction: a request asks for levels many times (lists, links, serialising)."""
    levels = session.info.get(_CACHE)
    if levels is None:
        rows = (await session.execute(select(AccessPolicy.object_type, AccessPolicy.level))).all()
        levels = {**OBJECT_TYPES, **{t: Level(v) for t, v in rows if t in OBJECT_TYPES}}
        session.info[_CACHE] = levels
    return levels[object_type]


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_levels(session: Session) -> None:
    session.info.pop(_CACHE, None)


async def list_policies(session: AsyncSession) -> list[AccessPolicy]:
    rows = {p.object_type: p for p in (await session.execute(select(AccessPolicy))).scalars()}
    return [rows.get(t) or AccessPolicy(object_type=t, level=lvl.value) for t, lvl in OBJECT_TYPES.items()]


async def set_level(session: AsyncSession, principal: Principal, object_type: str, level: Level) -> AccessPolicy:
    if object_type not in OBJECT_TYPES:
        raise NotFound("Unknown object type.")
    row = await session.get(AccessPolicy, object_type)
    old = Level(row.level) if row else OBJECT_TYPES[object_type]
    if row is None:
        row = AccessPolicy(object_type=object_type, level=level.value)
        session.add(row)
    else:
        row.level = level.value
    await session.flush()
    session.info.pop(_CACHE, None)
    if old != level:
        audit(
            session,
            principal,
            "access_policy.updated",
            "access_policy",
            None,
            {"object_type": object_type, "old": old.value, "new": level.value},
        )
    return row
