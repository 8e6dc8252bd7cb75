"""Outbox writes: an event row in the same transaction as the change it announces."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.models import OutboxEvent
from crm.core.security import Principal


def emit(
    session: AsyncSession,
    type_: str,
    record_type: str,
    record_id: uuid.UUID | None,
    data: dict[str, Any],
    principal: Principal | None = None,
) -> OutboxEvent:
    event = OutboxEvent(
        type=type_,
        record_type=record_type,
        record_id=record_id,
        data=data,
        actor_id=principal.user_id if principal else None,
    )
    session.add(event)
    return event
