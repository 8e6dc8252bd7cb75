from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, EmailStr, Field, StrictInt, model_validator

from crm.core.schemas import InputModel, OutputModel, RecordRead


class InteractionType(StrEnum):
    call = "call"
    email = "email"
    meeting = "meeting"
    visit = "visit"
    sms = "sms"
    chat = "chat"
    video = "video"
    note = "note"


class Direction(StrEnum):
    inbound = "inbound"
    outbound = "outbound"


class ParticipantKind(StrEnum):
    user = "user"
    contact = "contact"
    lead = "lead"
    email = "email"


class Participant(InputModel):
    kind: ParticipantKind
    id: uuid.UUID | None = Field(None, description="The user, contact (customer) or lead.")
    email: EmailStr | None = Field(None, description="For kind email: someone not in the CRM.")
    name: str | None = Field(None, max_length=200)
    role: str | None = Field(None, max_length=20, description="from, to, cc, attendee …")

    @model_validator(mode="after")
    def _ref(self) -> Participant:
        if self.kind == ParticipantKind.email:
            if self.email is None:
                raise ValueError("an email participant needs an email")
        elif self.id is None:
            raise ValueError(f"a {self.kind.value} participant needs an id")
        return self


Duration = Annotated[StrictInt, Field(ge=0, le=7 * 24 * 3600)]


class _InteractionFields(InputModel):
    direction: Direction | None = None
    occurred_at: AwareDatetime | None = None
    duration_seconds: Duration | None = None
    subject: str | None = Field(None, max_length=300)
    body: str | None = Field(None, max_length=100_000)
    outcome: str | None = Field(None, max_length=200)
    participants: list[Participant] | None = Field(None, max_length=100)
    customer_id: uuid.UUID | None = None
    lead_id: uuid.UUID | None = None
    deal_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None


class InteractionCreate(_InteractionFields):
    type: InteractionType


class InteractionUpdate(_InteractionFields):
    type: InteractionType | None = None


class ParticipantRead(OutputModel):
    kind: ParticipantKind
    id: uuid.UUID | None = None
    email: str | None = None
    name: str | None = None
    role: str | None = None


class Attachment(OutputModel):
    name: str
    content_type: str
    size: int
    sha256: str


class InteractionRead(RecordRead):
    type: InteractionType
    direction: Direction | None
    occurred_at: datetime
    duration_seconds: int | None
    subject: str | None
    body: str | None
    outcome: str | None
    participants: list[ParticipantRead]
    customer_id: uuid.UUID | None
    lead_id: uuid.UUID | None
    deal_id: uuid.UUID | None
    owner_id: uuid.UUID
    owner_name: str | None = None
    message_id: str | None
    attachments: list[Attachment]
    deleted_at: datetime | None


class EmailLogged(OutputModel):
    interaction: InteractionRead
    created: bool = Field(description="False when this Message-ID was already logged (nothing new was made).")


class TimelineItem(OutputModel):
    kind: str = Field(description="interaction, stage_change, task, comment, field_change")
    id: uuid.UUID
    at: datetime
    title: str
    summary: str | None = None
    actor_id: uuid.UUID | None = None
    actor_name: str | None = None
    record_type: str
    record_id: uuid.UUID
    data: dict[str, object] = Field(default_factory=dict)
