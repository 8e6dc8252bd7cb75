from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt

from crm.core.money import Currency
from crm.core.schemas import InputModel, OutputModel, RecordRead


class StageKind(StrEnum):
    open = "open"
    won = "won"
    lost = "lost"


Probability = Annotated[StrictInt, Field(ge=0, le=100)]
RottingDays = Annotated[StrictInt, Field(ge=1, le=3650)]
Name = Annotated[str, Field(min_length=1, max_length=120)]


class StageRead(OutputModel):
    id: uuid.UUID
    pipeline_id: uuid.UUID
    name: str
    probability: int
    kind: StageKind
    rotting_days: int | None
    position: int
    archived_at: datetime | None


class PipelineRead(RecordRead):
    name: str
    is_default: bool
    currency: str
    position: int
    stages: list[StageRead]


class StageCreate(InputModel):
    name: Name
    probability: Probability
    kind: StageKind = StageKind.open
    rotting_days: RottingDays | None = None
    position: Annotated[StrictInt, Field(ge=0, le=1000)] | None = Field(
        None, description="Index among active stages; default: before the won/lost stages."
    )


class StageUpdate(InputModel):
    name: Name | None = None
    probability: Probability | None = None
    kind: StageKind | None = None
    rotting_days: RottingDays | None = None


class PipelineCreate(InputModel):
    name: Name
    currency: Currency | None = None
    is_default: StrictBool = False
    stages: list[StageCreate] | None = Field(None, min_length=1, max_length=50)


class PipelineUpdate(InputModel):
    name: Name | None = None
    currency: Currency | None = None
    is_default: StrictBool | None = None


class StageOrder(InputModel):
    stage_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)
