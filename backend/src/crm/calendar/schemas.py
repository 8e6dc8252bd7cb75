from __future__ import annotations

from datetime import datetime

from pydantic import Field

from crm.core.schemas import OutputModel


class CalendarFeedRead(OutputModel):
    active: bool = Field(description="Whether the caller has a working feed URL.")
    url: str | None = Field(
        None, description="The secret iCalendar URL: only in the response that made it (it is stored hashed)."
    )
    created_at: datetime | None = Field(None, description="When the current URL was made.")
    last_used_at: datetime | None = Field(None, description="When a calendar app last fetched it (to 5 minutes).")
