from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.customers import service as customers_service
from crm.customers.schemas import HistoryEntry
from crm.db import SessionDep
from crm.leads import service
from crm.leads.schemas import ConversionPreview, ConversionResult, LeadConvert, LeadCreate, LeadRead, LeadUpdate

router = APIRouter(prefix="/leads", tags=["leads"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]

LIST_DOC = (
    "A rep's work queue is `?owner_id=<me>&status[in]=new,contacted,qualified&sort=-score`. "
    "Filters: `name`, `first_name`, `last_name`, `company_name`, `job_title`, `email`, `country`, `industry`, "
    "`company_size`, `source`, `campaign`, `status`, `owner_id`, `score`, `rule_score`, `tags`, `web_form_id`, "
    "`assignment_rule_id`, `converted_at`, `created_at`, `updated_at` as `field=value` or `field[op]=value` "
    "(`score[gte]=60`). Sort by `score`, `rule_score`, `name`, `company_name`, `company_size`, `country`, "
    "`industry`, `source`, `campaign`, `status`, `created_at`, `updated_at`. With `q` and no `sort`, results "
    "are ranked by relevance."
)


async def _one(session: SessionDep, lead: object) -> LeadRead:
    return (await service.to_read(session, [lead]))[0]  # type: ignore[list-item]


@router.get(
    "",
    operation_id="leads_list",
    response_model=listing.Page[LeadRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_leads(
    request: Request, response: Response, principal: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[LeadRead | listing.Tombstone]:
    result = await service.list_leads(session, principal, params)
    live = await service.to_read(session, [r for r in result.rows if r.deleted_at is None])
    by_id = {lead.id: lead for lead in live}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: by_id[r.id]))


@router.post(
    "",
    operation_id="leads_create",
    status_code=status.HTTP_201_CREATED,
    response_model=LeadRead,
    responses=responses(401, 403, 422),
    description="Without `owner_id` the assignment rules pick the owner (the rule is in `assignment_rule_name`); "
    "no matching rule: the caller.",
)
async def create_lead(
    data: LeadCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> LeadRead:
    lead = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/leads/{lead.id}"
    set_etag(response, lead.version)
    return await _one(session, lead)


@router.get("/{lead_id}", operation_id="leads_get", response_model=LeadRead, responses=responses(401, 404))
async def get_lead(
    lead_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> LeadRead:
    lead = await service.get_visible(session, principal, lead_id)
    set_etag(response, lead.version)
    return await _one(session, lead)


@router.patch(
    "/{lead_id}",
    operation_id="leads_update",
    response_model=LeadRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def update_lead(
    lead_id: uuid.UUID,
    data: LeadUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> LeadRead:
    lead = await service.get_visible(session, principal, lead_id)
    check_if_match(if_match, lead.version)
    lead = await service.update(session, principal, lead, data)
    set_etag(response, lead.version)
    return await _one(session, lead)


@router.delete(
    "/{lead_id}",
    operation_id="leads_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_lead(
    lead_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    lead = await service.get_visible(session, principal, lead_id)
    check_if_match(if_match, lead.version)
    await service.delete(session, principal, lead)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{lead_id}/restore",
    operation_id="leads_restore",
    response_model=LeadRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_lead(
    lead_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> LeadRead:
    lead = await service.get_visible(session, principal, lead_id, deleted=None)
    lead = await service.restore(session, principal, lead)
    set_etag(response, lead.version)
    return await _one(session, lead)


@router.get(
    "/{lead_id}/history",
    operation_id="leads_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def lead_history(
    lead_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    lead = await service.get_visible(session, principal, lead_id, deleted=None)
    items, nxt, total = await customers_service.record_history(session, service.OBJECT, lead.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)


@router.get(
    "/{lead_id}/conversion",
    operation_id="leads_conversion_preview",
    response_model=ConversionPreview,
    responses=responses(401, 404),
    description="What converting would link (existing customers matched by email, domain or name) or create.",
)
async def conversion_preview(lead_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> ConversionPreview:
    lead = await service.get_visible(session, principal, lead_id)
    return await service.preview(session, principal, lead)


@router.post(
    "/{lead_id}/convert",
    operation_id="leads_convert",
    response_model=ConversionResult,
    responses=responses(401, 403, 404, 409, 412, 422),
    description="In one transaction: links or creates the company and the person (never duplicating a customer "
    "with the same email or company domain), optionally opens a deal, and marks the lead converted. "
    "A second conversion is a 409.",
)
async def convert_lead(
    lead_id: uuid.UUID,
    data: LeadConvert,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> ConversionResult:
    lead = await service.get_visible(session, principal, lead_id)
    check_if_match(if_match, lead.version)
    result = await service.convert(session, principal, lead, data)
    set_etag(response, lead.version)
    return ConversionResult(lead=await _one(session, lead), **result)
