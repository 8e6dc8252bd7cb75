from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import Field, field_validator

from crm.core.schemas import InputModel, OutputModel
from crm.core.security import SCOPED_RESOURCES

Scope = StrEnum("Scope", {f"{r}_{a}": f"{r}:{a}" for r in SCOPED_RESOURCES for a in ("read", "write")})  # type: ignore[misc]


class ApiKeyCreate(InputModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[Scope] = Field(min_length=1)  # type: ignore[valid-type]
    user_id: uuid.UUID | None = Field(None, description="The user the key acts as; defaults to the caller.")
    expires_at: datetime | None = None

    @field_validator("expires_at")
    @classmethod
    def _future(cls, value: datetime | None) -> datetime | None:
        from crm.db import utcnow

        if value is not None:
            if value.tzinfo is None:
                raise ValueError("must include a time zone")
            if value <= utcnow():
                raise ValueError("must be in the future")
        return value


class ApiKeyRead(OutputModel):
    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    user_id: uuid.UUID
    created_by_id: uuid.UUID | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The secret, shown only in this response.")
