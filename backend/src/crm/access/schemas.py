from __future__ import annotations

from datetime import datetime

from crm.core.access import Level
from crm.core.schemas import InputModel, OutputModel


class AccessPolicyRead(OutputModel):
    object_type: str
    level: Level
    updated_at: datetime | None = None
    version: int | None = None


class AccessPolicyUpdate(InputModel):
    level: Level
