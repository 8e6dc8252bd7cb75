"""Field-level change history and the audit log, written in the change's own transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.models import AuditLog, FieldChange
from crm.core.security import Principal

# Values kept out of history rows and audit details.
SECRET_FIELDS = frozenset({"password", "password_hash", "key_hash", "token_hash"})


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def record_change(
    session: AsyncSession,
    principal: Principal | None,
    record_type: str,
    record_id: uuid.UUID,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    actor = principal.user_id if principal else None
    request_id = principal.request_id if principal else None
    if changes:
        for field, (old, new) in changes.items():
            if field in SECRET_FIELDS:
                old, new = ("***" if old is not None else None), "***"
            session.add(
                FieldChange(
                    record_type=record_type,
                    record_id=record_id,
                    action=action,
                    field=field,
                    old_value=old,
                    new_value=new,
                    actor_id=actor,
                    request_id=request_id,
                )
            )
    else:
        session.add(
            FieldChange(
                record_type=record_type,
                record_id=record_id,
                action=action,
                field=None,
                actor_id=actor,
                request_id=request_id,
            )
        )
    audit(
        session,
        principal,
        f"{record_type}.{action}",
        record_type,
        record_id,
        {"fields": sorted(changes)} if changes else None,
    )


def audit(
    session: AsyncSession,
    principal: Principal | None,
    action: str,
    record_type: str,
    record_id: uuid.UUID | None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditLog(
            actor_id=principal.user_id if principal else None,
            api_key_id=principal.api_key_id if principal else None,
            action=action,
            record_type=record_type,
            record_id=record_id,
            ip=principal.ip if principal else None,
            request_id=principal.request_id if principal else None,
            details=details,
        )
    )
