from __future__ import annotations

import uuid
from datetime import datetime

from crm.core.schemas import OutputModel


class TrashItem(OutputModel):
    record_type: str
    id: uuid.UUID
    title: str
    deleted_at: datetime
    deleted_by_id: uuid.UUID | None
    deleted_by_name: str | None = None
