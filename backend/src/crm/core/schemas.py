"""Base models: inputs forbid unknown fields, outputs read from ORM attributes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def changes(self, mode: str = "python") -> dict[str, Any]:
        """The fields a PATCH body set. A nested object keeps only the keys sent (it merges into
        what is stored); a list replaces what is stored, so its items are dumped whole.

        `model_dump(exclude_unset=True)` alone drops unset keys inside list items too, and an
        item sent without its defaulted keys would be stored without them.
        """
        values = self.model_dump(exclude_unset=True, mode=mode)
        lists = {key for key in values if isinstance(getattr(self, key), list)}
        if lists:
            values.update(self.model_dump(include=lists, mode=mode))
        return values


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RecordRead(OutputModel):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int


def read_model(model: type[M], row: Any, **extra: Any) -> M:
    """`model` from an ORM row plus computed fields, validated once. Reading the row's loaded state
    directly skips SQLAlchemy's attribute instrumentation and the copy `model_copy(update=…)`
    makes: most of what serialising a page of records cost."""
    state = vars(row)
    data = {}
    for name in model.model_fields:
        if name in extra:
            data[name] = extra[name]
        elif name in state:
            data[name] = state[name]
        elif hasattr(row, name):
            data[name] = getattr(row, name)
    return model.model_validate(data)
