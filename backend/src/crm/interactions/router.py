from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Header, Path, Query, Request, Response, UploadFile, status
from fastapi.responses import FileResponse

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import Invalid, NotFound, responses
from crm.customers import service as customers_service
from crm.customers.schemas import HistoryEntry
from crm.db import SessionDep
from crm.deals import service as deals_service
from crm.interactions import emails, service, timeline
from crm.interactions.schemas import (
    EmailLogged,
    InteractionCreate,
    InteractionRead,
    InteractionUpdate,
    TimelineItem,
)
from crm.leads import service as leads_service
from crm.settings import get_settings

router = APIRouter(prefix="/interactions", tags=["interactions"])
timeline_router = APIRouter(tags=["timeline"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]

LIST_DOC = (
    "Only interactions whose linked records (customer, lead, deal) the caller may all see. Filters: `type`, "
    "`direction`, `occurred_at`, `customer_id`, `lead_id`, `deal_id`, `owner_id`, `outcome`, `created_at`, "
    "`updated_at`. Sort by `occurred_at` (default, newest first), `created_at`, `updated_at`."
)


async def _one(session: SessionDep, i: object) -> InteractionRead:
    return (await service.to_read(session, [i]))[0]  # type: ignore[list-item]


@router.get(
    "",
    operation_id="interactions_list",
    response_model=listing.Page[InteractionRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_interactions(
    request: Request, response: Response, principal: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[InteractionRead | listing.Tombstone]:
    result = await service.list_interactions(session, principal, params)
    live = await service.to_read(session, [r for r in result.rows if r.deleted_at is None])
    by_id = {i.id: i for i in live}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: by_id[r.id]))


@router.post(
    "",
    operation_id="interactions_create",
    status_code=status.HTTP_201_CREATED,
    response_model=InteractionRead,
    responses=responses(401, 403, 422),
    description="Link at least one of `customer_id`, `lead_id`, `deal_id`; `occurred_at` defaults to now.",
)
async def create_interaction(
    data: InteractionCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> InteractionRead:
    i = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/interactions/{i.id}"
    set_etag(response, i.version)
    return await _one(session, i)


@router.post(
    "/emails",
    operation_id="interactions_log_email",
    response_model=EmailLogged,
    status_code=status.HTTP_201_CREATED,
    responses={**responses(401, 403, 409, 413, 422), 200: {"description": "Already logged (same Message-ID)."}},
    description="Upload a raw message (.eml, multipart field `file`). From/To/Cc are matched to users, customers "
    "and leads by address; without `customer_id`/`lead_id`/`deal_id` it is logged on the first matched contact "
    "(else lead). HTML bodies become plain text; attachments are kept with the interaction. The same "
    "Message-ID again returns the first interaction with 200.",
)
async def log_email(
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The message, RFC 5322 (.eml).")],
    customer_id: Annotated[uuid.UUID | None, Form()] = None,
    lead_id: Annotated[uuid.UUID | None, Form()] = None,
    deal_id: Annotated[uuid.UUID | None, Form()] = None,
) -> EmailLogged:
    raw = await file.read(get_settings().upload_max_bytes + 1)
    if not raw:
        raise Invalid.at(["body", "file"], "The file is empty.")
    i, created = await emails.log_email(
        session, principal, raw, customer_id=customer_id, lead_id=lead_id, deal_id=deal_id
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    else:
        response.headers["Location"] = f"/api/v1/interactions/{i.id}"
    set_etag(response, i.version)
    return EmailLogged(interaction=await _one(session, i), created=created)


@router.get(
    "/{interaction_id}", operation_id="interactions_get", response_model=InteractionRead, responses=responses(401, 404)
)
async def get_interaction(
    interaction_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> InteractionRead:
    i = await service.get_visible(session, principal, interaction_id)
    set_etag(response, i.version)
    return await _one(session, i)


@router.get(
    "/{interaction_id}/attachments/{index}",
    operation_id="interactions_attachment",
    response_class=FileResponse,
    responses={**responses(401, 404), 200: {"content": {"application/octet-stream": {}}}},
)
async def get_attachment(
    interaction_id: uuid.UUID,
    index: Annotated[int, Path(ge=0, le=1000)],
    principal: CurrentPrincipal,
    session: SessionDep,
) -> FileResponse:
    i = await service.get_visible(session, principal, interaction_id)
    files = i.attachments or []
    if not 0 <= index < len(files):
        raise NotFound("Attachment not found.")
    meta = files[index]
    path = emails.attachment_path(meta["sha256"])
    if not path.is_file():
        raise NotFound("Attachment not found.")
    # Always a download: mail attachments are untrusted content.
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=meta["name"],
        content_disposition_type="attachment",
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"},
    )


@router.patch(
    "/{interaction_id}",
    operation_id="interactions_update",
    response_model=InteractionRead,
    responses=responses(401, 403, 404, 412, 422),
)
async def update_interaction(
    interaction_id: uuid.UUID,
    data: InteractionUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> InteractionRead:
    i = await service.get_visible(session, principal, interaction_id)
    check_if_match(if_match, i.version)
    i = await service.update(session, principal, i, data)
    set_etag(response, i.version)
    return await _one(session, i)


@router.delete(
    "/{interaction_id}",
    operation_id="interactions_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_interaction(
    interaction_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    i = await service.get_visible(session, principal, interaction_id)
    check_if_match(if_match, i.version)
    await service.delete(session, principal, i)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{interaction_id}/restore",
    operation_id="interactions_restore",
    response_model=InteractionRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_interaction(
    interaction_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> InteractionRead:
    i = await service.get_visible(session, principal, interaction_id, deleted=None)
    i = await service.restore(session, principal, i)
    set_etag(response, i.version)
    return await _one(session, i)


@router.get(
    "/{interaction_id}/history",
    operation_id="interactions_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def interaction_history(
    interaction_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    i = await service.get_visible(session, principal, interaction_id, deleted=None)
    items, nxt, total = await customers_service.record_history(session, service.OBJECT, i.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)


# --- timelines ------------------------------------------------------------------------------

KindQuery = Annotated[
    str | None,
    Query(description="Comma list of kinds: interaction, stage_change, task, comment, field_change (default all)."),
]
Limit = Annotated[int, Query(ge=1, le=listing.MAX_LIMIT, description="Page size, 1-200.")]
Cursor = Annotated[str | None, Query(description="Opaque cursor from `next_cursor`.")]
TIMELINE_DOC = "Newest first, keyset-paginated (`next_cursor`, `Link`)."


async def _timeline_page(
    request: Request,
    response: Response,
    session: SessionDep,
    principal: CurrentPrincipal,
    scope: timeline.Scope,
    own: str,
    kind: str | None,
    limit: int,
    cursor: str | None,
) -> listing.Page[TimelineItem]:
    items, nxt = await timeline.timeline(
        session, principal, scope, own=own, kinds=timeline.parse_kinds(kind), limit=limit, cursor=cursor
    )
    listing.set_link_header(request, response, nxt)
    return listing.Page[TimelineItem](items=items, next_cursor=nxt)


@timeline_router.get(
    "/customers/{customer_id}/timeline",
    operation_id="customers_timeline",
    response_model=listing.Page[TimelineItem],
    responses=responses(401, 404, 422),
    description=TIMELINE_DOC + " A company's includes its people's items and its deals' stage changes; a "
    "customer's includes the leads it was converted from.",
)
async def customer_timeline(
    customer_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    kind: KindQuery = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> listing.Page[TimelineItem]:
    c = await customers_service.get_visible(session, principal, customer_id)
    scope = await timeline.customer_scope(session, principal, c)
    return await _timeline_page(request, response, session, principal, scope, "customer", kind, limit, cursor)


@timeline_router.get(
    "/leads/{lead_id}/timeline",
    operation_id="leads_timeline",
    response_model=listing.Page[TimelineItem],
    responses=responses(401, 404, 422),
    description=TIMELINE_DOC,
)
async def lead_timeline(
    lead_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    kind: KindQuery = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> listing.Page[TimelineItem]:
    lead = await leads_service.get_visible(session, principal, lead_id)
    scope = timeline.Scope(lead_ids={lead.id})
    return await _timeline_page(request, response, session, principal, scope, "lead", kind, limit, cursor)


@timeline_router.get(
    "/deals/{deal_id}/timeline",
    operation_id="deals_timeline",
    response_model=listing.Page[TimelineItem],
    responses=responses(401, 404, 422),
    description=TIMELINE_DOC,
)
async def deal_timeline(
    deal_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    kind: KindQuery = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> listing.Page[TimelineItem]:
    d = await deals_service.get_visible(session, principal, deal_id)
    scope = timeline.Scope(deal_ids={d.id})
    return await _timeline_page(request, response, session, principal, scope, "deal", kind, limit, cursor)
