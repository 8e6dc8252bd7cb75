from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, TimestampMixin, VersionMixin


class ReminderRule(IdMixin, TimestampMixin, VersionMixin, Base):
    """What the hourly reminders job turns into tasks: follow-ups, birthdays, dates on records."""

    __tablename__ = "reminder_rule"

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # followup | birthday | date_field
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # followup: days without an interaction before a deal needs one.
    days: Mapped[int | None] = mapped_column(Integer)
    # birthday, date_field: how many days ahead of the date the task appears.
    days_before: Mapped[int] = mapped_column(Integer, default=0)
    # date_field: which date (a built-in date column or a custom date field's key) on which record type.
    object_type: Mapped[str | None] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(64))
    # date_field: the month and day come round every year (anniversaries, renewals).
    yearly: Mapped[bool] = mapped_column(Boolean, default=False)
