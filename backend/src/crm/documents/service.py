"""Documents: files kept with customers, leads, deals and interactions, with every version kept.

Access follows the links: a document is visible to its owner's line, admins, and whoever may see
at least one record it is linked to; it is editable by its owner's line or whoever may edit one of
those records. Bytes go to `core.storage` before the row that points at them, so a rolled-back
upload leaves nothing behind and a purge deletes them only once it has committed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, BinaryIO

import anyio
from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing, ratelimit, records, search, storage
from crm.core.errors import Conflict, Forbidden, Gone, Invalid, NotFound, PayloadTooLarge
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.models import FieldChange
from crm.core.security import Principal, hash_password, hash_token, new_opaque_token, verify_password
from crm.customers.models import Customer
from crm.db import utcnow, uuid7
from crm.deals.models import Deal
from crm.documents import extract, files
from crm.documents.models import Document, DocumentLink, DocumentVersion, ShareDownload, ShareLink
from crm.documents.schemas import (
    DocumentKind,
    DocumentLinkRead,
    DocumentLinkRef,
    DocumentRead,
    DocumentUpdate,
    DocumentVersionRead,
    LinkType,
    PublicShare,
    ShareLinkCreate,
    ShareLinkRead,
)
from crm.interactions import service as interactions_service
from crm.interactions.models import Interaction
from crm.leads.models import Lead
from crm.settings import get_settings
from crm.users import service as users_service

OBJECT = "document"
WHAT = "Document"
OWNED = {"customer": Customer, "lead": Lead, "deal": Deal}
TRACKED = ("title", "kind", "description", "tags", "owner_id", "current_version", "file_name", "links")


@lru_cache
def list_spec(dialect: str) -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Document,
        fields={
            "title": F(Document.title),
            "kind": F(Document.kind, DocumentKind),
            "file_name": F(Document.file_name, sortable=False),
            "content_type": F(Document.content_type, sortable=False),
            "size_bytes": F(Document.size_bytes, int),
            "owner_id": F(Document.owner_id, uuid.UUID, sortable=False),
            "tags": F(Document.tags, array=True, sortable=False),
            "created_at": F(Document.created_at, listing.datetime),
            "updated_at": F(Document.updated_at, listing.datetime),
        },
        default_sort="-created_at",
        search=_search_hook(dialect),
        array_contains=search.json_array_contains(dialect),
    )


def _search_hook(dialect: str) -> listing.SearchHook:
    """Typo-tolerant over title, file names and tags; exact words inside the extracted text."""
    fuzzy = search.fuzzy(Document.search_text, Document.title, dialect)

    def hook(q: str) -> tuple[list[Any], Any]:
        tiers, rank = fuzzy(q)
        in_text = Document.content_text.like(f"%{search.escape_like(search.normalize(q))}%", escape="\\")
        return [*tiers, in_text], rank

    return hook


# --- who sees what -----------------------------------------------------------------------------


async def _visible_ids(session: AsyncSession, principal: Principal, record_type: str) -> Any:
    """None: every record of this type is visible; else a subquery of the visible ids."""
    if record_type == "interaction":
        conds = await interactions_service.visible_where(session, principal)
        return select(Interaction.id).where(*conds) if conds else None
    model = OWNED[record_type]
    clause = access.visible_clause(principal, await access_service.level_for(session, record_type), model.owner_id)
    return select(model.id).where(clause) if clause is not None else None


async def visible_where(session: AsyncSession, principal: Principal) -> list[Any]:
    if principal.is_admin:
        return []
    per_type = []
    for record_type in LinkType:
        ids = await _visible_ids(session, principal, record_type.value)
        cond = DocumentLink.record_type == record_type.value
        per_type.append(cond if ids is None else and_(cond, DocumentLink.record_id.in_(ids)))
    linked = exists(select(DocumentLink.document_id).where(DocumentLink.document_id == Document.id, or_(*per_type)))
    return [or_(Document.owner_id.in_(principal.managed_ids), linked)]


async def links_of(session: AsyncSession, document_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[DocumentLink]]:
    out: dict[uuid.UUID, list[DocumentLink]] = {d: [] for d in document_ids}
    if document_ids:
        rows = await session.execute(select(DocumentLink).where(DocumentLink.document_id.in_(document_ids)))
        for link in rows.scalars():
            out[link.document_id].append(link)
    return out


@dataclass
class _Seen:
    """What the caller may do with each linked record: title when visible, and whether editable."""

    titles: dict[tuple[str, uuid.UUID], str]
    editable: set[tuple[str, uuid.UUID]]


async def _seen(session: AsyncSession, principal: Principal, links: Sequence[DocumentLink]) -> _Seen:
    seen = _Seen({}, set())
    by_type: dict[str, set[uuid.UUID]] = {}
    for link in links:
        by_type.setdefault(link.record_type, set()).add(link.record_id)
    for record_type, ids in by_type.items():
        if record_type == "interaction":
            conds = await interactions_service.visible_where(session, principal)
            query = select(Interaction.id, func.coalesce(Interaction.subject, Interaction.type), Interaction.owner_id)
            rows = await session.execute(query.where(Interaction.id.in_(ids), Interaction.deleted_at.is_(None), *conds))
            for rid, title, owner in rows:
                seen.titles[(record_type, rid)] = title
                if principal.can_write and principal.manages(owner):
                    seen.editable.add((record_type, rid))
            continue
        model = OWNED.get(record_type)
        if model is None:
            continue
        level = await access_service.level_for(session, record_type)
        rows = await session.execute(
            select(model.id, model.name, model.owner_id).where(model.id.in_(ids), model.deleted_at.is_(None))
        )
        for rid, name, owner in rows:
            if access.can_read(principal, level, owner):
                seen.titles[(record_type, rid)] = name
                if access.can_edit(principal, level, owner):
                    seen.editable.add((record_type, rid))
    return seen


def _can_edit(principal: Principal, d: Document, links: Sequence[DocumentLink], seen: _Seen) -> bool:
    if not principal.can_write:
        return False
    return principal.manages(d.owner_id) or any((lk.record_type, lk.record_id) in seen.editable for lk in links)


def _can_read(principal: Principal, d: Document, links: Sequence[DocumentLink], seen: _Seen) -> bool:
    return principal.manages(d.owner_id) or any((lk.record_type, lk.record_id) in seen.titles for lk in links)


async def get_visible(
    session: AsyncSession, principal: Principal, document_id: uuid.UUID, *, deleted: bool | None = False
) -> Document:
    d = await session.get(Document, document_id)
    if d is None or (deleted is False and d.deleted_at is not None) or (deleted is True and d.deleted_at is None):
        raise NotFound(f"{WHAT} not found.")
    if principal.is_admin:
        return d
    links = (await links_of(session, [d.id]))[d.id]
    if not _can_read(principal, d, links, await _seen(session, principal, links)):
        raise NotFound(f"{WHAT} not found.")
    return d


async def ensure_editable(session: AsyncSession, principal: Principal, d: Document) -> None:
    links = (await links_of(session, [d.id]))[d.id]
    if not _can_edit(principal, d, links, await _seen(session, principal, links)):
        raise Forbidden("Only the document's owner, their managers, or someone who may edit a linked record can.")


async def _check_links(session: AsyncSession, principal: Principal, links: Sequence[DocumentLinkRef]) -> list[Any]:
    if not links:
        raise Invalid.at(["body", "links"], "Link the document to at least one customer, lead, deal or interaction.")
    out = []
    for n, ref in enumerate(links):
        try:
            await records.load_visible(
                session, principal, ref.record_type.value, ref.record_id, loc=["body", "links", n, "record_type"]
            )
        except NotFound:
            raise Invalid.at(["body", "links", n, "record_id"], f"Unknown {ref.record_type.value}.") from None
        key = (ref.record_type.value, ref.record_id)
        if key not in out:
            out.append(key)
    return out


# --- uploads -----------------------------------------------------------------------------------


@dataclass
class Upload:
    """An uploaded file as the web layer received it: spooled to disk, not held in memory."""

    file: BinaryIO
    filename: str | None


@dataclass
class _Stored:
    file_name: str
    content_type: str
    size: int
    sha256: str
    key: str
    text: str


def _measure(source: BinaryIO) -> tuple[int, str]:
    source.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(storage.CHUNK):
        digest.update(chunk)
        size += len(chunk)
    source.seek(0)
    return size, digest.hexdigest()


async def _ingest(session: AsyncSession, document_id: uuid.UUID, upload: Upload) -> _Stored:
    settings = get_settings()
    source = upload.file
    name = files.safe_name(upload.filename)
    size, sha = await anyio.to_thread.run_sync(_measure, source)
    if size == 0:
        raise Invalid.at(["body", "file"], "The file is empty.", "empty_file")
    if size > settings.upload_max_bytes:
        raise PayloadTooLarge(f"The file exceeds the upload limit of {settings.upload_max_bytes} bytes.")
    detected = await anyio.to_thread.run_sync(files.detect, source, name)
    text = ""
    if size <= settings.extract_text_max_bytes:
        text = await anyio.to_thread.run_sync(extract.extract_text, source, detected.content_type)
    key = f"documents/{document_id}/{uuid7().hex}"
    await storage.get_storage().save(key, source)
    storage.discard_on_rollback(session, key)
    return _Stored(name, detected.content_type, size, sha, key, text)


def _index(d: Document, version_names: Sequence[str], text: str | None) -> None:
    d.search_text = search.search_blob(d.title, " ".join(version_names), " ".join(d.tags or []), d.kind, d.description)
    if text is not None:
        d.content_text = search.normalize(text)


def snapshot(d: Document, links: Sequence[tuple[str, uuid.UUID]]) -> dict[str, Any]:
    out: dict[str, Any] = {k: getattr(d, k) for k in TRACKED if k != "links"}
    out["owner_id"] = str(d.owner_id)
    out["links"] = sorted(f"{t}:{r}" for t, r in links)
    return out


def event_data(d: Document, links: Sequence[tuple[str, uuid.UUID]]) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "title": d.title,
        "kind": d.kind,
        "file_name": d.file_name,
        "current_version": d.current_version,
        "owner_id": str(d.owner_id),
        "links": [{"record_type": t, "record_id": str(r)} for t, r in links],
    }


async def create(
    session: AsyncSession,
    principal: Principal,
    upload: Upload,
    *,
    title: str | None,
    kind: DocumentKind,
    tags: list[str],
    description: str | None,
    links: list[DocumentLinkRef],
) -> Document:
    access.ensure_can_create(principal)
    link_keys = await _check_links(session, principal, links)
    document_id = uuid7()
    stored = await _ingest(session, document_id, upload)
    d = Document(
        id=document_id,
        title=(title or "").strip() or stored.file_name,
        kind=kind.value,
        description=description,
        tags=list(dict.fromkeys(tags)),
        owner_id=principal.user_id,
        current_version=1,
        file_name=stored.file_name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
    )
    _index(d, [stored.file_name], stored.text)
    session.add(d)
    await session.flush()
    session.add_all(DocumentLink(document_id=d.id, record_type=t, record_id=r) for t, r in link_keys)
    session.add(_version_row(d.id, 1, stored, principal, None))
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        d.id,
        "created",
        {k: (None, v) for k, v in snapshot(d, link_keys).items() if v not in (None, [], "")},
    )
    emit(session, "document.created", OBJECT, d.id, event_data(d, link_keys), principal)
    return d


def _version_row(
    document_id: uuid.UUID, number: int, stored: _Stored, principal: Principal, note: str | None
) -> DocumentVersion:
    return DocumentVersion(
        document_id=document_id,
        number=number,
        file_name=stored.file_name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
        note=note,
        uploaded_by_id=principal.user_id,
    )


async def _link_keys(session: AsyncSession, d: Document) -> list[tuple[str, uuid.UUID]]:
    return [(lk.record_type, lk.record_id) for lk in (await links_of(session, [d.id]))[d.id]]


async def _version_names(session: AsyncSession, document_id: uuid.UUID) -> list[str]:
    rows = await session.execute(select(DocumentVersion.file_name).where(DocumentVersion.document_id == document_id))
    return list(dict.fromkeys(rows.scalars()))


async def add_version(
    session: AsyncSession, principal: Principal, d: Document, upload: Upload, note: str | None
) -> DocumentVersion:
    await ensure_editable(session, principal, d)
    links = await _link_keys(session, d)
    names = await _version_names(session, d.id)
    before = snapshot(d, links)
    stored = await _ingest(session, d.id, upload)
    number = d.current_version + 1
    version = _version_row(d.id, number, stored, principal, note)
    session.add(version)
    d.current_version = number
    d.file_name, d.content_type = stored.file_name, stored.content_type
    d.size_bytes, d.sha256 = stored.size, stored.sha256
    _index(d, [*names, stored.file_name], stored.text)
    await session.flush()
    record_change(session, principal, OBJECT, d.id, "updated", diff(before, snapshot(d, links)))
    emit(
        session,
        "document.version_added",
        OBJECT,
        d.id,
        {**event_data(d, links), "version": number, "size_bytes": stored.size},
        principal,
    )
    return version


async def update(session: AsyncSession, principal: Principal, d: Document, data: DocumentUpdate) -> Document:
    await ensure_editable(session, principal, d)
    values = data.changes()
    links = await _link_keys(session, d)
    names = await _version_names(session, d.id)
    before = snapshot(d, links)
    for key in ("title", "kind", "tags"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    if "owner_id" in values and values["owner_id"] != d.owner_id:
        if values["owner_id"] is None:
            raise Invalid.at(["body", "owner_id"], "A document always has an owner.")
        access.ensure_owner_assignable(principal, values["owner_id"])
        if await users_service.get_active(session, values["owner_id"]) is None:
            raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
        d.owner_id = values["owner_id"]
    if "links" in values:
        new_links = await _check_links(session, principal, data.links or [])
        if set(new_links) != set(links):
            await session.execute(delete(DocumentLink).where(DocumentLink.document_id == d.id))
            session.add_all(DocumentLink(document_id=d.id, record_type=t, record_id=r) for t, r in new_links)
            links = new_links
    for key in ("title", "description"):
        if key in values:
            setattr(d, key, values[key])
    if values.get("kind") is not None:
        d.kind = str(values["kind"])
    if values.get("tags") is not None:
        d.tags = list(dict.fromkeys(values["tags"]))
    changes = diff(before, snapshot(d, links))
    if not changes:
        return d
    _index(d, names, None)
    if set(changes) == {"links"}:
        d.updated_at = utcnow()  # links live in another table: the document row still moves on
    await session.flush()
    record_change(session, principal, OBJECT, d.id, "updated", changes)
    emit(session, "document.updated", OBJECT, d.id, {**event_data(d, links), "fields": sorted(changes)}, principal)
    return d


async def delete_document(session: AsyncSession, principal: Principal, d: Document) -> None:
    await ensure_editable(session, principal, d)
    await lifecycle.soft_delete(session, principal, d, OBJECT)


async def restore(session: AsyncSession, principal: Principal, d: Document) -> Document:
    await ensure_editable(session, principal, d)
    return await lifecycle.restore(session, principal, d, OBJECT)


async def purge(session: AsyncSession, principal: Principal, d: Document) -> None:
    """For good (admins, from the trash): the stored bytes of every version go once this commits."""
    keys = (
        await session.execute(select(DocumentVersion.storage_key).where(DocumentVersion.document_id == d.id))
    ).scalars()
    for key in keys:
        storage.delete_after_commit(session, key)
    await lifecycle.purge(session, principal, d, OBJECT)


def trash_query(where: Sequence[Any]) -> Any:
    return lifecycle.trash_query(Document, OBJECT, where, Document.title)


async def _unlink_purged(session: AsyncSession, record_type: str, record_id: uuid.UUID) -> None:
    """A purged record's documents lose the link; those linked to nothing else are purged with it."""
    if record_type not in {t.value for t in LinkType}:
        return
    doc_ids = list(
        (
            await session.execute(
                select(DocumentLink.document_id).where(
                    DocumentLink.record_type == record_type, DocumentLink.record_id == record_id
                )
            )
        ).scalars()
    )
    if not doc_ids:
        return
    await session.execute(
        delete(DocumentLink).where(DocumentLink.record_type == record_type, DocumentLink.record_id == record_id)
    )
    still_linked = select(DocumentLink.document_id).where(DocumentLink.document_id.in_(doc_ids))
    orphans = (
        await session.execute(select(Document).where(Document.id.in_(doc_ids), Document.id.not_in(still_linked)))
    ).scalars()
    for d in orphans:
        keys = await session.execute(select(DocumentVersion.storage_key).where(DocumentVersion.document_id == d.id))
        for key in keys.scalars():
            storage.delete_after_commit(session, key)
        await session.execute(
            delete(FieldChange).where(FieldChange.record_type == OBJECT, FieldChange.record_id == d.id)
        )
        await session.delete(d)


lifecycle.PURGE_HOOKS.append(_unlink_purged)


# --- reading -----------------------------------------------------------------------------------


def _link_filters(params: listing.ListParams) -> list[Any]:
    """`customer_id=…` (and lead_id, deal_id, interaction_id): documents linked to that record."""
    out = []
    kept = []
    for name, op, raw in params.filters:
        record_type = name.removesuffix("_id")
        if name.endswith("_id") and record_type in {t.value for t in LinkType}:
            if op != "eq":
                raise Invalid.at(["query", f"{name}[{op}]"], f"{name} takes only equality.")
            rid = listing.convert_value(name, listing.Field(None, uuid.UUID), raw, ["query", name])
            out.append(
                exists(
                    select(DocumentLink.document_id).where(
                        DocumentLink.document_id == Document.id,
                        DocumentLink.record_type == record_type,
                        DocumentLink.record_id == rid,
                    )
                )
            )
        else:
            kept.append((name, op, raw))
    params.filters = kept
    return out


async def list_documents(session: AsyncSession, principal: Principal, params: listing.ListParams) -> listing.ListResult:
    where = [*_link_filters(params), *(await visible_where(session, principal))]
    await search.set_threshold(session, params.q)
    return await listing.paginate(session, list_spec(session.get_bind().dialect.name), params, where=where)


async def to_read(session: AsyncSession, principal: Principal, rows: Sequence[Document]) -> list[DocumentRead]:
    """A page with three lookups (links, linked records per type, owners), whatever its size."""
    rows = list(rows)
    links = await links_of(session, [d.id for d in rows])
    seen = await _seen(session, principal, [lk for ls in links.values() for lk in ls])
    owners = await users_service.names(session, {d.owner_id for d in rows})
    out = []
    for d in rows:
        mine = links[d.id]
        out.append(
            DocumentRead.model_validate(d).model_copy(
                update={
                    "owner_name": owners.get(d.owner_id),
                    "links": [
                        DocumentLinkRead(
                            record_type=LinkType(lk.record_type),
                            record_id=lk.record_id,
                            title=seen.titles.get((lk.record_type, lk.record_id)),
                        )
                        for lk in mine
                    ],
                    "previewable": d.content_type in files.INLINE_TYPES,
                    "can_edit": _can_edit(principal, d, mine, seen),
                }
            )
        )
    return out


async def versions(
    session: AsyncSession, d: Document, params: listing.ListParams
) -> tuple[list[DocumentVersionRead], str | None]:
    result = await listing.paginate(
        session,
        VERSION_SPEC,
        params,
        where=[DocumentVersion.document_id == d.id],
        search=False,
    )
    names = await users_service.names(session, {v.uploaded_by_id for v in result.rows if v.uploaded_by_id})
    items = [
        DocumentVersionRead.model_validate(v).model_copy(update={"uploaded_by_name": names.get(v.uploaded_by_id)})
        for v in result.rows
    ]
    return items, result.next_cursor


VERSION_SPEC = listing.ListSpec(
    model=DocumentVersion,
    fields={
        "number": listing.Field(DocumentVersion.number, int),
        "created_at": listing.Field(DocumentVersion.created_at, listing.datetime),
    },
    default_sort="-number",
)


async def version(session: AsyncSession, d: Document, number: int | None = None) -> DocumentVersion:
    n = d.current_version if number is None else number
    v = (
        await session.execute(
            select(DocumentVersion).where(DocumentVersion.document_id == d.id, DocumentVersion.number == n)
        )
    ).scalar_one_or_none()
    if v is None:
        raise NotFound("Version not found.")
    return v


# --- share links -------------------------------------------------------------------------------


def share_status(link: ShareLink, now: datetime | None = None) -> str:
    now = now or utcnow()
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    if link.max_downloads is not None and link.download_count >= link.max_downloads:
        return "exhausted"
    return "active"


def share_read(link: ShareLink) -> ShareLinkRead:
    return ShareLinkRead.model_validate(link).model_copy(
        update={"password_protected": link.password_hash is not None, "status": share_status(link)}
    )


async def create_share(
    session: AsyncSession, principal: Principal, d: Document, data: ShareLinkCreate
) -> tuple[ShareLink, str]:
    await ensure_editable(session, principal, d)
    now = utcnow()
    expires = data.expires_at or now + timedelta(days=get_settings().share_link_days)
    if expires <= now:
        raise Invalid.at(["body", "expires_at"], "The expiry must be in the future.")
    if expires > now + timedelta(days=366):
        raise Invalid.at(["body", "expires_at"], "A share link lasts at most a year.")
    if data.version_number is not None and data.version_number > d.current_version:
        raise Invalid.at(["body", "version_number"], f"This document has {d.current_version} version(s).")
    token = new_opaque_token()
    link = ShareLink(
        document_id=d.id,
        token_hash=hash_token(token),
        version_number=data.version_number,
        expires_at=expires,
        password_hash=hash_password(data.password) if data.password else None,
        max_downloads=data.max_downloads,
        download_count=0,
        created_by_id=principal.user_id,
    )
    session.add(link)
    await session.flush()
    emit(
        session,
        "document.shared",
        OBJECT,
        d.id,
        {
            **event_data(d, await _link_keys(session, d)),
            "share_link_id": str(link.id),
            "expires_at": expires.isoformat(),
            "password_protected": link.password_hash is not None,
        },
        principal,
    )
    record_change(session, principal, OBJECT, d.id, "updated", {"share_link": (None, f"created {link.id}")})
    return link, token


async def share_links(session: AsyncSession, d: Document) -> list[ShareLink]:
    rows = await session.execute(
        select(ShareLink).where(ShareLink.document_id == d.id).order_by(ShareLink.created_at.desc(), ShareLink.id)
    )
    return list(rows.scalars())


async def share_link(session: AsyncSession, d: Document, link_id: uuid.UUID) -> ShareLink:
    link = await session.get(ShareLink, link_id)
    if link is None or link.document_id != d.id:
        raise NotFound("Share link not found.")
    return link


async def revoke_share(session: AsyncSession, principal: Principal, d: Document, link: ShareLink) -> ShareLink:
    await ensure_editable(session, principal, d)
    if link.revoked_at is not None:
        raise Conflict("This link is already revoked.")
    link.revoked_at = utcnow()
    await session.flush()
    emit(
        session,
        "document.share_revoked",
        OBJECT,
        d.id,
        {**event_data(d, await _link_keys(session, d)), "share_link_id": str(link.id)},
        principal,
    )
    record_change(session, principal, OBJECT, d.id, "updated", {"share_link": (f"active {link.id}", "revoked")})
    return link


async def downloads(session: AsyncSession, link: ShareLink, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(
        session, DOWNLOAD_SPEC, params, where=[ShareDownload.share_link_id == link.id], search=False
    )


DOWNLOAD_SPEC = listing.ListSpec(
    model=ShareDownload,
    fields={"at": listing.Field(ShareDownload.at, listing.datetime)},
    default_sort="-at",
)


# The public side: no login, the token is the key.


async def _by_token(session: AsyncSession, token: str) -> tuple[ShareLink, Document]:
    if not token or len(token) > 200:
        raise NotFound("Share link not found.")
    link = (
        await session.execute(select(ShareLink).where(ShareLink.token_hash == hash_token(token)))
    ).scalar_one_or_none()
    d = await session.get(Document, link.document_id) if link is not None else None
    if link is None or d is None or d.deleted_at is not None:
        raise NotFound("Share link not found.")
    status = share_status(link)
    if status != "active":
        message = {
            "revoked": "This link has been revoked.",
            "expired": "This link has expired.",
            "exhausted": "This link has reached its download limit.",
        }[status]
        raise Gone(message)
    return link, d


async def public_share(session: AsyncSession, token: str) -> PublicShare:
    link, d = await _by_token(session, token)
    v = await version(session, d, link.version_number)
    left = None if link.max_downloads is None else max(0, link.max_downloads - link.download_count)
    return PublicShare(
        title=d.title,
        file_name=v.file_name,
        content_type=v.content_type,
        size_bytes=v.size_bytes,
        expires_at=link.expires_at,
        password_required=link.password_hash is not None,
        downloads_left=left,
    )


async def public_download(
    session: AsyncSession, token: str, password: str | None, ip: str | None, user_agent: str | None
) -> tuple[Document, DocumentVersion]:
    """Checks the link and its password, counts the download and logs it (time, IP, agent)."""
    link, d = await _by_token(session, token)
    if link.password_hash is not None:
        key = f"{ip}:{link.id}"
        await ratelimit.check(get_settings().login_rate_limit, "share-password", key)
        if not password or not verify_password(password, link.password_hash):
            await ratelimit.hit(get_settings().login_rate_limit, "share-password", key)
            raise Forbidden("This link needs its password." if not password else "Wrong password.")
    # Counted with one conditional UPDATE so parallel downloads never pass the limit.
    counted = await session.execute(
        sql_update(ShareLink)
        .where(
            ShareLink.id == link.id,
            or_(ShareLink.max_downloads.is_(None), ShareLink.download_count < ShareLink.max_downloads),
        )
        .values(download_count=ShareLink.download_count + 1, last_download_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if counted.rowcount != 1:  # type: ignore[attr-defined]
        raise Gone("This link has reached its download limit.")
    v = await version(session, d, link.version_number)
    session.add(
        ShareDownload(
            share_link_id=link.id, ip=ip, user_agent=(user_agent or "")[:300] or None, version_number=v.number
        )
    )
    await session.flush()
    return d, v
