from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, Field, StrictInt

from crm.core.schemas import InputModel, OutputModel, RecordRead


class DocumentKind(StrEnum):
    quote = "quote"
    proposal = "proposal"
    contract = "contract"
    invoice = "invoice"
    other = "other"


class LinkType(StrEnum):
    customer = "customer"
    lead = "lead"
    deal = "deal"
    interaction = "interaction"


Tag = Annotated[str, Field(min_length=1, max_length=50)]


class DocumentLinkRef(InputModel):
    record_type: LinkType
    record_id: uuid.UUID


class DocumentLinkRead(OutputModel):
    record_type: LinkType
    record_id: uuid.UUID
    title: str | None = Field(None, description="The record's name, when the caller may see it.")


class DocumentUpdate(InputModel):
    title: str | None = Field(None, min_length=1, max_length=300)
    kind: DocumentKind | None = None
    description: str | None = Field(None, max_length=5000)
    tags: list[Tag] | None = Field(None, max_length=50)
    links: list[DocumentLinkRef] | None = Field(
        None, min_length=1, max_length=50, description="Replaces every link; at least one."
    )
    owner_id: uuid.UUID | None = None


class DocumentRead(RecordRead):
    title: str
    kind: DocumentKind
    description: str | None
    tags: list[str]
    owner_id: uuid.UUID
    owner_name: str | None = None
    current_version: int
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str
    links: list[DocumentLinkRead] = []
    previewable: bool = Field(False, description="PDF, image or plain text: the content can be shown inline.")
    can_edit: bool = False


class DocumentVersionRead(OutputModel):
    id: uuid.UUID
    number: int
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str
    note: str | None
    uploaded_by_id: uuid.UUID | None
    uploaded_by_name: str | None = None
    created_at: datetime


class ShareLinkCreate(InputModel):
    expires_at: AwareDatetime | None = Field(None, description="Default: in `CRM_SHARE_LINK_DAYS` (7) days.")
    password: str | None = Field(None, min_length=4, max_length=200)
    max_downloads: StrictInt | None = Field(None, ge=1, le=100_000)
    version_number: StrictInt | None = Field(None, ge=1, description="Pin a version; default: always the latest.")


class ShareLinkRead(OutputModel):
    id: uuid.UUID
    document_id: uuid.UUID
    version_number: int | None
    expires_at: datetime
    password_protected: bool = False
    max_downloads: int | None
    download_count: int
    revoked_at: datetime | None
    created_by_id: uuid.UUID | None
    created_at: datetime
    last_download_at: datetime | None
    status: str = Field("active", description="active, expired, revoked or exhausted.")


class ShareLinkCreated(ShareLinkRead):
    token: str = Field(description="Shown only here.")
    url: str = Field(description="The page to send: /s/<token> on the web app.")
    api_url: str = Field(description="Direct download for scripts (GET, or POST with `password`).")


class ShareDownloadRead(OutputModel):
    id: uuid.UUID
    at: datetime
    ip: str | None
    user_agent: str | None
    version_number: int


class PublicShare(OutputModel):
    """What someone holding the link sees before downloading."""

    title: str
    file_name: str
    content_type: str
    size_bytes: int
    expires_at: datetime
    password_required: bool
    downloads_left: int | None
