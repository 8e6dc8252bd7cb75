from __future__ import annotations

from pydantic import Field

from crm.core.schemas import InputModel, OutputModel


class TokenPair(OutputModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str


class RefreshRequest(InputModel):
    refresh_token: str = Field(min_length=1, max_length=512)
