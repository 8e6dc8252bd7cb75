from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, StrictBool, StrictInt, model_validator

from crm.core.schemas import InputModel, RecordRead

ObjectType = Literal["customer", "lead", "deal"]


class FieldType(StrEnum):
    text = "text"
    number = "number"
    date = "date"
    boolean = "boolean"
    select = "select"
    multiselect = "multiselect"
    url = "url"
    email = "email"


class CustomFieldRead(RecordRead):
    object_type: str
    key: str
    label: str
    type: FieldType
    options: list[str] | None
    required: bool
    position: int


class CustomFieldCreate(InputModel):
    object_type: ObjectType
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label: str = Field(min_length=1, max_length=200)
    type: FieldType
    options: list[str] | None = Field(None, max_length=200)
    required: StrictBool = False
    position: StrictInt = Field(0, ge=0, le=100_000)

    @model_validator(mode="after")
    def _options_for_selects(self) -> CustomFieldCreate:
        if self.type in (FieldType.select, FieldType.multiselect) and not self.options:
            raise ValueError("select and multiselect fields need options")
        if self.type not in (FieldType.select, FieldType.multiselect) and self.options:
            raise ValueError("only select and multiselect fields take options")
        return self


class CustomFieldUpdate(InputModel):
    label: str | None = Field(None, min_length=1, max_length=200)
    options: list[str] | None = Field(None, max_length=200)
    required: StrictBool | None = None
    position: StrictInt | None = Field(None, ge=0, le=100_000)
