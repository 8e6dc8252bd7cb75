from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Header, Path, Request, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from crm.auth.deps import CurrentPrincipal, client_ip
from crm.core import listing, ratelimit, storage
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import Invalid, responses
from crm.customers import service as customers_service
from crm.customers.schemas import HistoryEntry
from crm.db import SessionDep
from crm.documents import files, service
from crm.documents.models import Document, DocumentVersion
from crm.documents.schemas import (
    DocumentKind,
    DocumentLinkRef,
    DocumentRead,
    DocumentUpdate,
    DocumentVersionRead,
    LinkType,
    PublicShare,
    ShareDownloadRead,
    ShareLinkCreate,
    ShareLinkCreated,
    ShareLinkRead,
)
from crm.settings import get_settings

router = APIRouter(prefix="/documents", tags=["documents"])
public_router = APIRouter(prefix="/public/shares", tags=["public"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]
RangeHeader = Annotated[str | None, Header(description="`bytes=start-end`: one range, answered with 206.")]
PUBLIC_PREFIX = "/api/v1/public/shares/"
FILE_RESPONSES = {
    200: {"content": {"application/octet-stream": {}}, "description": "The file."},
    206: {"content": {"application/octet-stream": {}}, "description": "The requested range."},
    416: {"description": "Range Not Satisfiable"},
}

LIST_DOC = (
    "Documents the caller may see: their own line's, and those linked to a record they may see. `q` matches "
    "title, file names, tags and kind (typo-tolerant) and words in the text of PDFs, DOCX and text files. "
    "Filters: `kind`, `title`, `file_name`, `content_type`, `size_bytes`, `owner_id`, `tags[contains]`, "
    "`created_at`, `updated_at`, and links: `customer_id`, `lead_id`, `deal_id`, `interaction_id`. "
    "Sort by `created_at` (default, newest first), `updated_at`, `title`, `size_bytes`, `kind`."
)
UPLOAD_DOC = (
    "Multipart upload (streamed to storage, never held in memory). The type is detected from the content; a "
    "name whose extension contradicts it, programs and scripts, and empty files are 422; over "
    "`CRM_UPLOAD_MAX_BYTES` (default 25 MB) 413. The name is sanitised; the SHA-256 is stored."
)


async def _one(session: SessionDep, principal: CurrentPrincipal, d: Document) -> DocumentRead:
    return (await service.to_read(session, principal, [d]))[0]


def _links(
    customer_id: list[uuid.UUID], lead_id: list[uuid.UUID], deal_id: list[uuid.UUID], interaction_id: list[uuid.UUID]
) -> list[DocumentLinkRef]:
    pairs = [
        (LinkType.customer, customer_id),
        (LinkType.lead, lead_id),
        (LinkType.deal, deal_id),
        (LinkType.interaction, interaction_id),
    ]
    return [DocumentLinkRef(record_type=t, record_id=rid) for t, ids in pairs for rid in ids]


LinkForm = Annotated[list[uuid.UUID], Form(description="Repeat the field to link several records.")]


@router.get(
    "",
    operation_id="documents_list",
    response_model=listing.Page[DocumentRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_documents(
    request: Request, response: Response, principal: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[DocumentRead | listing.Tombstone]:
    result = await service.list_documents(session, principal, params)
    live = await service.to_read(session, principal, [r for r in result.rows if r.deleted_at is None])
    by_id = {d.id: d for d in live}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: by_id[r.id]))


@router.post(
    "",
    operation_id="documents_create",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentRead,
    responses=responses(401, 403, 413, 422),
    description=UPLOAD_DOC + " Link at least one record (`customer_id`, `lead_id`, `deal_id`, `interaction_id`).",
)
async def create_document(
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The file.")],
    title: Annotated[str | None, Form(max_length=300, description="Default: the file name.")] = None,
    kind: Annotated[DocumentKind, Form()] = DocumentKind.other,
    description: Annotated[str | None, Form(max_length=5000)] = None,
    tags: Annotated[list[str], Form(description="Repeat the field for several tags.")] = [],  # noqa: B006
    customer_id: LinkForm = [],  # noqa: B006
    lead_id: LinkForm = [],  # noqa: B006
    deal_id: LinkForm = [],  # noqa: B006
    interaction_id: LinkForm = [],  # noqa: B006
) -> DocumentRead:
    clean_tags = _tags(tags)
    d = await service.create(
        session,
        principal,
        service.Upload(file.file, file.filename),
        title=title,
        kind=kind,
        tags=clean_tags,
        description=description,
        links=_links(customer_id, lead_id, deal_id, interaction_id),
    )
    response.headers["Location"] = f"/api/v1/documents/{d.id}"
    set_etag(response, d.version)
    return await _one(session, principal, d)


def _tags(tags: list[str]) -> list[str]:
    out = []
    for n, raw in enumerate(tags):
        for tag in (t.strip() for t in raw.split(",")):
            if len(tag) > 50:
                raise Invalid.at(["body", "tags", n], "A tag has at most 50 characters.")
            if tag:
                out.append(tag)
    if len(out) > 50:
        raise Invalid.at(["body", "tags"], "At most 50 tags.")
    return out


@router.get("/{document_id}", operation_id="documents_get", response_model=DocumentRead, responses=responses(401, 404))
async def get_document(
    document_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DocumentRead:
    d = await service.get_visible(session, principal, document_id)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.patch(
    "/{document_id}",
    operation_id="documents_update",
    response_model=DocumentRead,
    responses=responses(401, 403, 404, 412, 422),
    description="Title, kind, description, tags, owner, and `links` (replaces them all; at least one).",
)
async def update_document(
    document_id: uuid.UUID,
    data: DocumentUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> DocumentRead:
    d = await service.get_visible(session, principal, document_id)
    check_if_match(if_match, d.version)
    d = await service.update(session, principal, d, data)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.delete(
    "/{document_id}",
    operation_id="documents_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
    description="Moves it to the trash; its share links stop working until it is restored.",
)
async def delete_document(
    document_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    d = await service.get_visible(session, principal, document_id)
    check_if_match(if_match, d.version)
    await service.delete_document(session, principal, d)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{document_id}/restore",
    operation_id="documents_restore",
    response_model=DocumentRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_document(
    document_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DocumentRead:
    d = await service.get_visible(session, principal, document_id, deleted=None)
    d = await service.restore(session, principal, d)
    set_etag(response, d.version)
    return await _one(session, principal, d)


@router.get(
    "/{document_id}/history",
    operation_id="documents_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def document_history(
    document_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    d = await service.get_visible(session, principal, document_id, deleted=None)
    items, nxt, total = await customers_service.record_history(session, service.OBJECT, d.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)


# --- versions and content ----------------------------------------------------------------------


@router.post(
    "/{document_id}/versions",
    operation_id="documents_add_version",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentVersionRead,
    responses=responses(401, 403, 404, 413, 422),
    description=UPLOAD_DOC + " The new version becomes the document's current one; earlier ones stay downloadable.",
)
async def add_version(
    document_id: uuid.UUID,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The new version.")],
    note: Annotated[str | None, Form(max_length=500, description="What changed.")] = None,
) -> DocumentVersionRead:
    d = await service.get_visible(session, principal, document_id)
    v = await service.add_version(session, principal, d, service.Upload(file.file, file.filename), note)
    response.headers["Location"] = f"/api/v1/documents/{d.id}/versions/{v.number}"
    set_etag(response, d.version)
    return DocumentVersionRead.model_validate(v).model_copy(update={"uploaded_by_name": principal.name})


@router.get(
    "/{document_id}/versions",
    operation_id="documents_versions",
    response_model=listing.Page[DocumentVersionRead],
    responses=responses(401, 404, 422),
    description="Newest first (`sort=number` for oldest first), with who uploaded each and when.",
)
async def list_versions(
    document_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[DocumentVersionRead]:
    d = await service.get_visible(session, principal, document_id)
    items, nxt = await service.versions(session, d, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[DocumentVersionRead](items=items, next_cursor=nxt)


CONTENT_DOC = (
    "Streamed. `Content-Disposition: attachment` unless `inline=true` and the type is safe to show (PDF, PNG, "
    "JPEG, GIF, WebP, plain text); HTML, SVG and XML are always opaque downloads. One byte range (`Range`) "
    "gives 206."
)


@router.get(
    "/{document_id}/content",
    operation_id="documents_content",
    response_class=StreamingResponse,
    responses={**responses(401, 404), **FILE_RESPONSES},
    description=CONTENT_DOC + " The current version.",
)
async def document_content(
    document_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    inline: bool = False,
    range: RangeHeader = None,
    if_range: Annotated[str | None, Header()] = None,
) -> Response:
    d = await service.get_visible(session, principal, document_id)
    return serve(await service.version(session, d), inline=inline, range_header=range, if_range=if_range)


@router.get(
    "/{document_id}/versions/{number}/content",
    operation_id="documents_version_content",
    response_class=StreamingResponse,
    responses={**responses(401, 404), **FILE_RESPONSES},
    description=CONTENT_DOC,
)
async def version_content(
    document_id: uuid.UUID,
    number: Annotated[int, Path(ge=1, le=1_000_000)],
    principal: CurrentPrincipal,
    session: SessionDep,
    inline: bool = False,
    range: RangeHeader = None,
    if_range: Annotated[str | None, Header()] = None,
) -> Response:
    d = await service.get_visible(session, principal, document_id)
    return serve(await service.version(session, d, number), inline=inline, range_header=range, if_range=if_range)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _parse_range(header: str | None, size: int) -> tuple[int, int] | None | bool:
    """(start, length) for one satisfiable range; None to send everything; False when unsatisfiable."""
    if not header:
        return None
    m = _RANGE.match(header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        return None  # several ranges or a form we don't serve: the whole file is a valid answer
    if not m.group(1):
        suffix = int(m.group(2))
        if suffix == 0:
            return False
        start = max(0, size - suffix)
        return start, size - start
    start = int(m.group(1))
    end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
    if start >= size or end < start:
        return False
    return start, end - start + 1


def serve(
    v: DocumentVersion,
    *,
    inline: bool,
    range_header: str | None,
    if_range: str | None,
    extra: dict[str, str] | None = None,
) -> Response:
    etag = f'"{v.sha256}"'
    shown_inline = inline and v.content_type in files.INLINE_TYPES
    headers = {
        "Content-Disposition": files.content_disposition("inline" if shown_inline else "attachment", v.file_name),
        "X-Content-Type-Options": "nosniff",
        # A PDF shown in the browser's viewer can't be sandboxed; everything else is inert.
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'self'"
        + ("" if shown_inline and v.content_type == "application/pdf" else "; sandbox"),
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        **(extra or {}),
    }
    wanted = _parse_range(range_header, v.size_bytes) if not if_range or if_range == etag else None
    if wanted is False:
        headers["Content-Range"] = f"bytes */{v.size_bytes}"
        return Response(status_code=416, headers=headers)
    start, length = wanted if isinstance(wanted, tuple) else (0, v.size_bytes)
    headers["Content-Length"] = str(length)
    code = 200
    if isinstance(wanted, tuple):
        code = 206
        headers["Content-Range"] = f"bytes {start}-{start + length - 1}/{v.size_bytes}"
    body = storage.get_storage().read(v.storage_key, start, length)
    return StreamingResponse(body, status_code=code, media_type=files.served_type(v.content_type), headers=headers)


# --- share links -------------------------------------------------------------------------------


@router.post(
    "/{document_id}/share-links",
    operation_id="documents_share",
    status_code=status.HTTP_201_CREATED,
    response_model=ShareLinkCreated,
    responses=responses(401, 403, 404, 422),
    description="An unguessable public link (shown once), with an expiry (default 7 days, at most a year), an "
    "optional password and an optional download limit. Every public download is logged.",
)
async def create_share_link(
    document_id: uuid.UUID, data: ShareLinkCreate, principal: CurrentPrincipal, session: SessionDep
) -> ShareLinkCreated:
    d = await service.get_visible(session, principal, document_id)
    link, token = await service.create_share(session, principal, d, data)
    base = get_settings().public_base_url.rstrip("/")
    return ShareLinkCreated(
        **service.share_read(link).model_dump(),
        token=token,
        url=f"{base}/s/{token}",
        api_url=PUBLIC_PREFIX + token + "/content",
    )


@router.get(
    "/{document_id}/share-links",
    operation_id="documents_share_links",
    response_model=listing.Page[ShareLinkRead],
    responses=responses(401, 404),
    description="Every link of the document, newest first, with its status and download count.",
)
async def list_share_links(
    document_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> listing.Page[ShareLinkRead]:
    d = await service.get_visible(session, principal, document_id)
    return listing.Page[ShareLinkRead](items=[service.share_read(x) for x in await service.share_links(session, d)])


@router.post(
    "/{document_id}/share-links/{link_id}/revoke",
    operation_id="documents_revoke_share_link",
    response_model=ShareLinkRead,
    responses=responses(401, 403, 404, 409),
)
async def revoke_share_link(
    document_id: uuid.UUID, link_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> ShareLinkRead:
    d = await service.get_visible(session, principal, document_id)
    link = await service.share_link(session, d, link_id)
    return service.share_read(await service.revoke_share(session, principal, d, link))


@router.get(
    "/{document_id}/share-links/{link_id}/downloads",
    operation_id="documents_share_link_downloads",
    response_model=listing.Page[ShareDownloadRead],
    responses=responses(401, 404, 422),
    description="The public downloads through this link: time, IP address, user agent, version.",
)
async def share_link_downloads(
    document_id: uuid.UUID,
    link_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[ShareDownloadRead]:
    d = await service.get_visible(session, principal, document_id)
    link = await service.share_link(session, d, link_id)
    result = await service.downloads(session, link, params)
    items = [ShareDownloadRead.model_validate(r) for r in result.rows]
    return listing.respond(request, response, result, items)  # type: ignore[return-value]


# --- the public side ---------------------------------------------------------------------------

Token = Annotated[str, Path(min_length=10, max_length=200)]


async def _public_limit(request: Request) -> None:
    await ratelimit.check(get_settings().public_rate_limit, "public-share", client_ip(request) or "?")
    await ratelimit.hit(get_settings().public_rate_limit, "public-share", client_ip(request) or "?")


@public_router.get(
    "/{token}",
    operation_id="public_share_get",
    response_model=PublicShare,
    responses=responses(404, 410, 429),
    description="What the link gives: title, file name, size, expiry, whether it needs a password. No login.",
)
async def public_share(token: Token, request: Request, session: SessionDep) -> PublicShare:
    await _public_limit(request)
    return await service.public_share(session, token)


async def _public_download(
    token: str, password: str | None, request: Request, session: SessionDep, inline: bool
) -> Response:
    await _public_limit(request)
    d, v = await service.public_download(
        session, token, password, client_ip(request), request.headers.get("user-agent")
    )
    return serve(v, inline=inline, range_header=None, if_range=None, extra={"Referrer-Policy": "no-referrer"})


@public_router.get(
    "/{token}/content",
    operation_id="public_share_download",
    response_class=StreamingResponse,
    responses={**responses(403, 404, 410, 429), 200: FILE_RESPONSES[200]},
    description="Downloads through a link without a password (each download is counted and logged).",
)
async def public_share_download(token: Token, request: Request, session: SessionDep, inline: bool = False) -> Response:
    return await _public_download(token, None, request, session, inline)


@public_router.post(
    "/{token}/content",
    operation_id="public_share_download_with_password",
    response_class=StreamingResponse,
    responses={**responses(403, 404, 410, 429), 200: FILE_RESPONSES[200]},
    description="The same with the link's password as a form field (a browser form can post it).",
)
async def public_share_download_with_password(
    token: Token,
    request: Request,
    session: SessionDep,
    password: Annotated[str | None, Form(max_length=200)] = None,
    inline: bool = False,
) -> Response:
    return await _public_download(token, password, request, session, inline)
