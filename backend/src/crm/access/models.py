from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, TimestampMixin, VersionMixin


class AccessPolicy(TimestampMixin, VersionMixin, Base):
    __tablename__ = "access_policy"

    object_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    level: Mapped[str] = mapped_column(String(20))
