from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from crm.core.schemas import InputModel, OutputModel, RecordRead

MAX_MENTIONS = 50


class CommentCreate(InputModel):
    record_type: str = Field(min_length=1, max_length=40, description="customer, lead, deal, ...")
    record_id: uuid.UUID
    body: str = Field(min_length=1, max_length=10_000, description="Plain text, 1-10000 characters.")
    mentions: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_MENTIONS,
        description="Users to notify; each must be active and able to see the record.",
    )


class CommentUpdate(InputModel):
    """Partial update: the body and/or the mentions (only newly added users are notified)."""

    body: str | None = Field(None, min_length=1, max_length=10_000)
    mentions: list[uuid.UUID] | None = Field(None, max_length=MAX_MENTIONS)


class Mention(OutputModel):
    user_id: uuid.UUID
    name: str | None


class CommentRead(RecordRead):
    record_type: str
    record_id: uuid.UUID
    body: str
    author_id: uuid.UUID
    author_name: str | None
    mentions: list[Mention]
    edited_at: datetime | None
