from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.db import Base, IdMixin, RecordMixin, TimestampMixin, UTCDateTime


class Pipeline(RecordMixin, Base):
    __tablename__ = "pipeline"

    name: Mapped[str] = mapped_column(String(120))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    currency: Mapped[str] = mapped_column(String(3))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Active stages only, in board order; archived ones stay for old deals' history.
    stages: Mapped[list[Stage]] = relationship(
        order_by="Stage.position",
        lazy="selectin",
        primaryjoin="and_(Stage.pipeline_id == Pipeline.id, Stage.archived_at.is_(None))",
        viewonly=True,
    )


class Stage(IdMixin, TimestampMixin, Base):
    __tablename__ = "stage"
    __table_args__ = (Index("ix_stage_pipeline_position", "pipeline_id", "position"),)

    pipeline_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("pipeline.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    probability: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="open")
    rotting_days: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
