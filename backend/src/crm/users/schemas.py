from __future__ import annotations

import uuid
from typing import Literal

from pydantic import EmailStr, Field

from crm.core.schemas import InputModel, RecordRead
from crm.core.security import Role

Locale = Literal["en", "ko"]


class UserRead(RecordRead):
    email: str
    full_name: str
    role: Role
    manager_id: uuid.UUID | None
    is_active: bool
    locale: str


class UserCreate(InputModel):
    email: EmailStr
    full_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=10, max_length=200)
    role: Role = Role.sales
    manager_id: uuid.UUID | None = None
    locale: Locale = "en"


class UserUpdate(InputModel):
    full_name: str | None = Field(None, min_length=1, max_length=200)
    role: Role | None = None
    manager_id: uuid.UUID | None = None
    locale: Locale | None = None
    password: str | None = Field(None, min_length=10, max_length=200)
