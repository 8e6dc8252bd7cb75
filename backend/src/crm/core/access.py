"""Record access like Salesforce's organisation-wide defaults, one rule set for every object type.

- private: the owner, the owner's managers (up the manager chain) and admins see and edit.
- read: everyone reads; owner, managers and admins edit.
- read_write: everyone reads and edits.
Viewers never write. A record the caller may not see is a 404; one it sees but may not edit, 403.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from crm.core.errors import Forbidden, Invalid, NotFound
from crm.core.security import Principal


class Level(StrEnum):
    private = "private"
    read = "read"
    read_write = "read_write"


def visible_clause(principal: Principal, level: Level, owner_col: Any) -> ColumnElement[bool] | None:
    if principal.is_admin or level is not Level.private:
        return None
    return owner_col.in_(principal.managed_ids)


def can_read(principal: Principal, level: Level, owner_id: uuid.UUID | None) -> bool:
    return level is not Level.private or principal.manages(owner_id)


def can_edit(principal: Principal, level: Level, owner_id: uuid.UUID | None) -> bool:
    if not principal.can_write:
        return False
    return level is Level.read_write or principal.manages(owner_id)


def ensure_readable(principal: Principal, level: Level, owner_id: uuid.UUID | None, what: str) -> None:
    if not can_read(principal, level, owner_id):
        raise NotFound(f"{what} not found.")


def ensure_editable(principal: Principal, level: Level, owner_id: uuid.UUID | None, what: str) -> None:
    ensure_readable(principal, level, owner_id, what)
    if not can_edit(principal, level, owner_id):
        raise Forbidden(f"You may not change this {what.lower()}.")


def ensure_can_create(principal: Principal) -> None:
    if not principal.can_write:
        raise Forbidden("Viewers cannot create or change records.")


def ensure_owner_assignable(principal: Principal, owner_id: uuid.UUID) -> None:
    """Non-admins give records only to themselves or to people they manage."""
    if not principal.manages(owner_id):
        raise Invalid.at(
            ["body", "owner_id"], "You can only assign records to yourself or people you manage.", "owner_not_allowed"
        )


async def load_visible(
    session: Any,
    model: Any,
    record_id: Any,
    principal: Principal,
    level: Level,
    what: str,
    *,
    deleted: bool | None = False,
) -> Any:
    """The record if the caller may see it; `deleted`: False live only, True trash only, None both."""
    row = await session.get(model, record_id)
    if row is None or (deleted is False and row.deleted_at is not None) or (deleted is True and row.deleted_at is None):
        raise NotFound(f"{what} not found.")
    ensure_readable(principal, level, row.owner_id, what)
    return row
