from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from crm.core.schemas import InputModel, OutputModel


class NotificationKind(StrEnum):
    """What a notification is about (`service.KINDS` is this list)."""

    mention = "mention"
    reminder = "reminder"
    assignment = "assignment"
    task = "task"
    system = "system"


class MailStatus(StrEnum):
    queued = "queued"  # waiting for the worker (retried up to 5 times on SMTP errors)
    sent = "sent"
    stored = "stored"  # no SMTP server configured: kept in the local mailbox
    failed = "failed"  # gave up after 5 attempts; `error` says why


class NotificationRead(OutputModel):
    id: uuid.UUID
    kind: NotificationKind
    title: str
    body: str
    record_type: str | None
    record_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    actor_name: str | None = None
    created_at: datetime
    read_at: datetime | None


class UnreadCount(OutputModel):
    count: int


class ReadAllResult(OutputModel):
    updated: int


class PreferencesRead(OutputModel):
    email_kinds: list[str] = Field(description="Kinds that also go out by e-mail.")
    kinds: list[str] = Field(description="Every kind there is.")


class PreferencesUpdate(InputModel):
    email_kinds: list[NotificationKind] = Field(max_length=20, description="Kinds to e-mail; [] turns e-mail off.")


class MailRead(OutputModel):
    id: uuid.UUID
    to_address: str
    subject: str
    body_text: str
    status: MailStatus
    attempts: int
    error: str | None
    notification_id: uuid.UUID | None
    created_at: datetime
    sent_at: datetime | None
