from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from crm.db import Base, IdMixin, JSONType, RecordMixin, UTCDateTime, utcnow


class Document(RecordMixin, Base):
    """A file kept with customers, leads, deals or interactions; its bytes live in its versions."""

    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_created", "created_at", "id"),
        Index("ix_document_updated", "updated_at", "id"),
        Index("ix_document_title", "title", "id"),
        Index("ix_document_owner", "owner_id", "created_at", "id"),
        Index("ix_document_kind", "kind", "created_at", "id"),
        Index("ix_document_deleted", "deleted_at", "id"),
    )

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("user_account.id"))
    # The latest version, copied here so lists need no join.
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    # Title, file names, tags, kind and description (fuzzy search) …
    search_text: Mapped[str] = mapped_column(Text, default="")
    # … and the latest version's extracted text (substring search).
    content_text: Mapped[str] = mapped_column(Text, default="")


class DocumentVersion(IdMixin, Base):
    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_version_number"),)

    document_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(String(500))
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentLink(Base):
    """Which records a document belongs to; access to the document follows these."""

    __tablename__ = "document_link"
    __table_args__ = (Index("ix_document_link_record", "record_type", "record_id", "document_id"),)

    document_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    record_type: Mapped[str] = mapped_column(String(20), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)


class ShareLink(IdMixin, Base):
    """A public link to one document; the token is shown once and stored hashed."""

    __tablename__ = "share_link"
    __table_args__ = (Index("ix_share_link_document", "document_id", "created_at", "id"),)

    document_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("document.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None: always the latest version.
    version_number: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    max_downloads: Mapped[int | None] = mapped_column(Integer)
    download_count: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_download_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ShareDownload(IdMixin, Base):
    __tablename__ = "share_download"
    __table_args__ = (Index("ix_share_download_link", "share_link_id", "at", "id"),)

    share_link_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("share_link.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    version_number: Mapped[int] = mapped_column(Integer)
