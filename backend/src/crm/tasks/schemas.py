from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

from crm.core.schemas import InputModel, RecordRead


class TaskStatus(StrEnum):
    open = "open"
    done = "done"
    cancelled = "cancelled"


class TaskPriority(StrEnum):
    low = "low"
    normal = "normal"
    high = "high"


class PriorityRank(int, Enum):
    """`priority` in list filters and sorts: `priority=high`, `priority[gte]=normal`, `sort=-priority`
    compare the rank, so high sorts above normal above low."""

    low = 0
    normal = 1
    high = 2

    @classmethod
    def _missing_(cls, value: object) -> PriorityRank | None:
        # Filters give the name (`high`); cursors give the stored rank (`2`).
        if isinstance(value, str):
            if value in cls.__members__:
                return cls[value]
            if value.isdigit():
                return cls._value2member_map_.get(int(value))  # type: ignore[return-value]
        return None


class Recurrence(StrEnum):
    none = "none"
    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    yearly = "yearly"


class TaskSource(StrEnum):
    manual = "manual"
    reminder = "reminder"


class TaskView(StrEnum):
    overdue = "overdue"
    today = "today"
    upcoming = "upcoming"


def _rfc3339(value: Any) -> Any:
    # Timestamps come as RFC 3339 strings with a zone; a bare number is not one.
    if value is not None and not isinstance(value, str | datetime):
        raise ValueError("must be an RFC 3339 timestamp, e.g. 2026-11-24T09:30:00Z")
    return value


# Stored and returned in UTC whatever offset the client wrote.
Timestamp = Annotated[AwareDatetime, BeforeValidator(_rfc3339), AfterValidator(lambda v: v.astimezone(UTC))]
Title = Annotated[str, Field(min_length=1, max_length=300)]


class _TaskFields(InputModel):
    description: str | None = Field(None, max_length=20_000)
    due_at: Timestamp | None = Field(None, description="RFC 3339 with a zone; null: no due date.")
    priority: TaskPriority | None = None
    status: TaskStatus | None = None
    recurrence: Recurrence | None = Field(
        None,
        description="Completing a recurring task creates the next occurrence (`next_task_id`); monthly and "
        "yearly keep the day of month, clamped to the month's end (Jan 31 → Feb 28 → Mar 31).",
    )
    assignee_id: uuid.UUID | None = Field(
        None, description="Default: the caller. Others only if the caller manages them (admins: anyone)."
    )
    record_type: str | None = Field(None, max_length=40, description="customer, lead or deal; with record_id.")
    record_id: uuid.UUID | None = Field(None, description="A record the caller can see.")


class TaskCreate(_TaskFields):
    title: Title


class TaskUpdate(_TaskFields):
    """Partial update. `status: done` completes (and for a recurring task creates the next one)."""

    title: Title | None = None


class TaskRead(RecordRead):
    title: str
    description: str | None
    due_at: datetime | None
    priority: TaskPriority
    status: TaskStatus
    assignee_id: uuid.UUID
    assignee_name: str | None = None
    created_by_id: uuid.UUID | None
    created_by_name: str | None = None
    record_type: str | None
    record_id: uuid.UUID | None
    recurrence: Recurrence
    previous_task_id: uuid.UUID | None = Field(description="The occurrence this one follows.")
    next_task_id: uuid.UUID | None = Field(description="Set when completing this recurring task created the next.")
    completed_at: datetime | None
    source: TaskSource
    reminder_key: str | None = Field(description="Set on tasks the reminders job made.")
    due_notified_at: datetime | None = Field(description="When the assignee was told the task is due.")
    deleted_at: datetime | None
