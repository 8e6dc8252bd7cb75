from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from crm.core.schemas import InputModel, OutputModel, RecordRead


class ReminderKind(StrEnum):
    followup = "followup"
    birthday = "birthday"
    date_field = "date_field"


class ReminderObject(StrEnum):
    deal = "deal"
    customer = "customer"


Days = Annotated[StrictInt, Field(ge=0, le=365)]
Name = Annotated[str, Field(min_length=1, max_length=120)]
FieldKey = Annotated[str, Field(min_length=1, max_length=64)]

KIND_DOC = (
    "followup: open deals whose customer had no interaction for `days` days → a task for the deal owner, due "
    "today. birthday: people whose birthday is within `days_before` days → a task for the owner, due on the "
    "birthday (Feb 29 → Feb 28 in other years). date_field: the date `field` of each `object_type` record "
    "(deal.expected_close_date, customer.birthday or a custom date field) within `days_before` days → a task "
    "for the owner, due on the date; `yearly` repeats the month and day every year."
)


class ReminderRuleCreate(InputModel):
    name: Name
    kind: ReminderKind = Field(description=KIND_DOC)
    enabled: StrictBool = True
    days: Days | None = Field(None, description="followup only: days without an interaction.")
    days_before: Days = Field(0, description="birthday, date_field: how far ahead the task appears.")
    object_type: ReminderObject | None = Field(None, description="date_field only.")
    field: FieldKey | None = Field(None, description="date_field only: a date column or a custom date field key.")
    yearly: StrictBool = Field(False, description="date_field only: the date comes round every year.")


class ReminderRuleUpdate(InputModel):
    name: Name | None = None
    kind: ReminderKind | None = None
    enabled: StrictBool | None = None
    days: Days | None = None
    days_before: Days | None = None
    object_type: ReminderObject | None = None
    field: FieldKey | None = None
    yearly: StrictBool | None = None


class ReminderRuleRead(RecordRead):
    name: str
    kind: ReminderKind
    enabled: bool
    days: int | None
    days_before: int
    object_type: ReminderObject | None
    field: str | None
    yearly: bool


class ReminderRunResult(OutputModel):
    tasks_created: int = Field(description="Reminder tasks made now (each also notifies its owner).")
    due_announced: int = Field(description="Tasks whose due time passed and were announced (`task.due`).")
