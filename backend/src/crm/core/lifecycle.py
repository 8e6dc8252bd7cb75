"""The trash life of every soft-deletable record: delete, restore, purge, and its trash listing.

Domains check access first, then call these, so history, events and the audit log are written the
same way for customers, leads and deals.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import Select, literal_column, select
from sqlalchemy import delete as sql_delete
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import access
from crm.core.errors import Conflict
from crm.core.events import emit
from crm.core.history import audit, record_change
from crm.core.models import FieldChange
from crm.core.security import Principal
from crm.db import utcnow

# Things attached to records of any type (comments, …) remove theirs when a record is purged.
PurgeHook = Callable[[AsyncSession, str, Any], Awaitable[None]]
PURGE_HOOKS: list[PurgeHook] = []


async def soft_delete(session: AsyncSession, principal: Principal, record: Any, object_type: str) -> None:
    record.deleted_at = utcnow()
    record.deleted_by_id = principal.user_id
    await session.flush()
    record_change(session, principal, object_type, record.id, "deleted")
    emit(session, f"{object_type}.deleted", object_type, record.id, {"id": str(record.id)}, principal)


async def restore(session: AsyncSession, principal: Principal, record: Any, object_type: str) -> Any:
    if record.deleted_at is None:
        raise Conflict(f"This {object_type} is not in the trash.")
    record.deleted_at = None
    record.deleted_by_id = None
    await session.flush()
    record_change(session, principal, object_type, record.id, "restored")
    emit(session, f"{object_type}.restored", object_type, record.id, {"id": str(record.id)}, principal)
    return record


async def purge(session: AsyncSession, principal: Principal, record: Any, object_type: str) -> None:
    """Hard delete (admins, from the trash): its field history goes too; the audit log keeps the purge."""
    await session.execute(
        sql_delete(FieldChange).where(FieldChange.record_type == object_type, FieldChange.record_id == record.id)
    )
    for hook in PURGE_HOOKS:
        await hook(session, object_type, record.id)
    await session.delete(record)
    await session.flush()
    title = getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "subject", None)
    audit(session, principal, f"{object_type}.purged", object_type, record.id, {"name": title})
    emit(session, f"{object_type}.purged", object_type, record.id, {"id": str(record.id)}, principal)


def trash_query(model: Any, object_type: str, visible: Sequence[Any], title: Any = None) -> Select[Any]:
    """This type's deleted records the caller may see (`visible`: SQL conditions), in the trash's
    common columns; `title` defaults to the record's name."""
    return select(
        literal_column(f"'{object_type}'").label("record_type"),
        model.id,
        (title if title is not None else model.name).label("title"),
        model.deleted_at,
        model.deleted_by_id,
    ).where(model.deleted_at.is_not(None), *visible)


def owner_visible(principal: Principal, level: access.Level, model: Any) -> list[Any]:
    clause = access.visible_clause(principal, level, model.owner_id)
    return [clause] if clause is not None else []
