from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from crm.core import listing
from crm.core.errors import Conflict, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.security import Principal, Role, hash_password, verify_password
from crm.users.models import User
from crm.users.schemas import UserCreate, UserUpdate

LIST_SPEC = listing.ListSpec(
    model=User,
    fields={
        "email": listing.Field(User.email),
        "full_name": listing.Field(User.full_name),
        "role": listing.Field(User.role, Role),
        "is_active": listing.Field(User.is_active, bool),
        "manager_id": listing.Field(User.manager_id, uuid.UUID, nullable=True, sortable=False),
        "created_at": listing.Field(User.created_at, listing.datetime),
        "updated_at": listing.Field(User.updated_at, listing.datetime),
    },
    default_sort="full_name",
    search=lambda q: (or_(User.full_name.ilike(f"%{q}%"), User.email.ilike(f"%{q}%")), literal(1)),
)


def _snapshot(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "manager_id": str(user.manager_id) if user.manager_id else None,
        "is_active": user.is_active,
        "locale": user.locale,
    }


async def get_active(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    user = await session.get(User, user_id)
    return user if user is not None and user.is_active else None


async def get(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("User not found.")
    return user


def _managed_query() -> Any:
    tree = select(User.id).where(User.id == bindparam("root")).cte("tree", recursive=True)
    child = aliased(User)
    tree = tree.union(select(child.id).where(child.manager_id == tree.c.id))
    return select(tree.c.id)


# Built once: every authenticated request runs it, and building the CTE cost more than running it.
_MANAGED = _managed_query()


def _team_query() -> Any:
    tree = _MANAGED.cte("team")
    return select(User.id, User.role, User.full_name, User.is_active).where(User.id.in_(select(tree.c.id)))


_TEAM = _team_query()


async def caller(session: AsyncSession, user_id: uuid.UUID) -> tuple[Any, frozenset[uuid.UUID]] | None:
    """An active user's (id, role, full_name, is_active) and the ids they manage, themselves
    included, in one round trip: every authenticated request starts with it."""
    rows = (await session.execute(_TEAM, {"root": user_id})).all()
    me = next((r for r in rows if r.id == user_id), None)
    if me is None or not me.is_active:
        return None
    return me, frozenset(r.id for r in rows)


async def managed_ids(session: AsyncSession, user_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The user and everyone below them in the `manager_id` chain (one recursive query)."""
    rows = await session.execute(_MANAGED, {"root": user_id})
    return frozenset(rows.scalars().all())


async def names(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = await session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return dict(rows.all())


async def authenticate(session: AsyncSession, email: str, password: str) -> User | None:
    user = (
        await session.execute(select(User).where(func.lower(User.email) == email.strip().lower()))
    ).scalar_one_or_none()
    if not verify_password(password, user.password_hash if user else None):
        return None
    if user is None or not user.is_active:
        return None
    return user


async def _check_manager(session: AsyncSession, manager_id: uuid.UUID | None, user_id: uuid.UUID | None) -> None:
    if manager_id is None:
        return
    manager = await session.get(User, manager_id)
    if manager is None:
        raise Invalid.at(["body", "manager_id"], "Unknown manager.")
    if user_id is not None and manager_id in await managed_ids(session, user_id):
        raise Invalid.at(["body", "manager_id"], "A user cannot report to themselves or to someone below them.")


async def create(session: AsyncSession, principal: Principal | None, data: UserCreate) -> User:
    email = str(data.email).lower()
    if (await session.execute(select(User.id).where(func.lower(User.email) == email))).first():
        raise Conflict("A user with this email already exists.")
    await _check_manager(session, data.manager_id, None)
    user = User(
        email=email,
        full_name=data.full_name,
        password_hash=hash_password(data.password),
        role=data.role.value,
        manager_id=data.manager_id,
        locale=data.locale,
    )
    session.add(user)
    await session.flush()
    record_change(session, principal, "user", user.id, "created", {k: (None, v) for k, v in _snapshot(user).items()})
    emit(session, "user.created", "user", user.id, {"id": str(user.id)}, principal)
    return user


async def update(session: AsyncSession, principal: Principal, user: User, data: UserUpdate) -> User:
    before = _snapshot(user)
    values = data.changes()
    if "manager_id" in values:
        await _check_manager(session, values["manager_id"], user.id)
    if values.get("role") is not None and user.id == principal.user_id and values["role"] != Role.admin:
        raise Invalid.at(["body", "role"], "You cannot remove your own admin role.")
    for key, value in values.items():
        if key == "password":
            if value is not None:
                user.password_hash = hash_password(value)
        elif value is not None or key == "manager_id":
            setattr(user, key, value.value if isinstance(value, Role) else value)
    await session.flush()
    changes = diff(before, _snapshot(user))
    if "password" in values:
        changes["password"] = (None, "***")
    if changes:
        record_change(session, principal, "user", user.id, "updated", changes)
        emit(session, "user.updated", "user", user.id, {"id": str(user.id), "fields": sorted(changes)}, principal)
    return user


async def deactivate(session: AsyncSession, principal: Principal, user: User) -> User:
    if user.id == principal.user_id:
        raise Invalid.at(["path", "user_id"], "You cannot deactivate yourself.")
    if user.is_active:
        user.is_active = False
        await session.flush()
        # Refresh tokens die with the account; access tokens fail on the next request's active check.
        from crm.auth import service as auth_service

        await auth_service.revoke_all(session, user.id)
        record_change(session, principal, "user", user.id, "updated", {"is_active": (True, False)})
        emit(session, "user.deactivated", "user", user.id, {"id": str(user.id)}, principal)
    return user


async def list_users(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params)
