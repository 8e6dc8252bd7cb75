"""Base models: inputs forbid unknown fields, outputs read from ORM attributes."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RecordRead(OutputModel):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
