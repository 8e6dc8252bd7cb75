from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, JSONType, RecordMixin, UTCDateTime


class Comment(RecordMixin, Base):
    """A note on any registered record type (customer, lead, deal, ...), addressed by (type, id);
    who may read it follows the record."""

    __tablename__ = "comment"
    __table_args__ = (
        # The thread under a record, oldest first, keyset on (created_at, id).
        Index("ix_comment_record", "record_type", "record_id", "created_at", "id"),
        Index("ix_comment_author", "author_id", "created_at", "id"),
    )

    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    # Mentioned user ids as strings, in the order the author gave them.
    mentions: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # Set when the author changes the body or the mentions (updated_at also moves on delete).
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
