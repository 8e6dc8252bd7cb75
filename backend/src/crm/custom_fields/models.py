from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, JSONType, RecordMixin


class CustomFieldDefinition(RecordMixin, Base):
    __tablename__ = "custom_field_definition"
    __table_args__ = (UniqueConstraint("object_type", "key", name="uq_custom_field_definition_object_key"),)

    object_type: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    options: Mapped[list[Any] | None] = mapped_column(JSONType)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
