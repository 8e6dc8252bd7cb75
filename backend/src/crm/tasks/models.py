from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, RecordMixin, UTCDateTime


class Task(RecordMixin, Base):
    """Something a user has to do, optionally about a customer, lead or deal."""

    __tablename__ = "task"
    __table_args__ = (
        # "My tasks" views: a user's open tasks by due time.
        Index("ix_task_assignee_status_due", "assignee_id", "status", "due_at", "id"),
        Index("ix_task_created_by", "created_by_id", "created_at", "id"),
        Index("ix_task_created", "created_at", "id"),
        Index("ix_task_updated", "updated_at", "id"),
        Index("ix_task_due", "due_at", "id"),
        Index("ix_task_priority", "priority_rank", "id"),
        Index("ix_task_record", "record_type", "record_id", "due_at", "id"),
        # The due-notification pass: open tasks not yet announced, by due time.
        Index("ix_task_due_pending", "status", "due_notified_at", "due_at"),
        Index("ix_task_deleted", "deleted_at", "id"),
    )

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    # low 0, normal 1, high 2: what `sort=priority` orders by (the names don't sort meaningfully).
    priority_rank: Mapped[int] = mapped_column(SmallInteger, default=1)
    status: Mapped[str] = mapped_column(String(10), default="open")
    assignee_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    # None for tasks the reminders job made.
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    recurrence: Mapped[str] = mapped_column(String(10), default="none")
    # The day of month the series started on, so monthly/yearly occurrences return to the 31st (or
    # Feb 29) after a shorter month clamped them.
    recurrence_day: Mapped[int | None] = mapped_column(SmallInteger)
    previous_task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    next_task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(10), default="manual")
    # What makes a generated reminder idempotent, e.g. `birthday:<customer_id>:<year>`.
    reminder_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    due_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
