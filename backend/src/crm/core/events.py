"""Outbox writes: an event row in the same transaction as the change it announces."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

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
    row = OutboxEvent(
        type=type_,
        record_type=record_type,
        record_id=record_id,
        data=data,
        actor_id=principal.user_id if principal else None,
    )
    session.add(row)
    session.info["outbox"] = True
    return row


# Live updates (crm.stream) learn of new events when a transaction that wrote some commits:
# processes through PostgreSQL NOTIFY on this channel, this process through its listeners.
CHANNEL = "crm_events"
_commit_listeners: list[Callable[[], None]] = []


def add_commit_listener(callback: Callable[[], None]) -> None:
    _commit_listeners.append(callback)


@event.listens_for(Session, "before_commit")
def _announce(session: Session) -> None:
    if not session.info.pop("outbox", False):
        return
    session.info["outbox_committing"] = True
    if session.get_bind().dialect.name == "postgresql":
        # PostgreSQL delivers it only if and when this transaction commits.
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


@event.listens_for(Session, "after_commit")
def _wake(session: Session) -> None:
    if session.info.pop("outbox_committing", False):
        for callback in list(_commit_listeners):
            callback()


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("outbox", None)
    session.info.pop("outbox_committing", None)
