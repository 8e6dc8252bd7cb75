"""Reminder rules: admins change them, everyone reads; the hourly job (or an admin's run) applies them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep
from crm.reminders import service
from crm.reminders.schemas import (
    KIND_DOC,
    ReminderRuleCreate,
    ReminderRuleRead,
    ReminderRuleUpdate,
    ReminderRunResult,
)

router = APIRouter(prefix="/reminder-rules", tags=["reminders"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]


@router.get(
    "",
    operation_id="reminder_rules_list",
    response_model=listing.Page[ReminderRuleRead],
    responses=responses(401, 422),
    description="Filters: `name`, `kind`, `enabled`, `object_type`, `created_at`, `updated_at`.",
)
async def list_rules(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[ReminderRuleRead]:
    result = await service.list_rules(session, params)
    return listing.respond(request, response, result, [service.to_read(r) for r in result.rows])


@router.post(
    "",
    operation_id="reminder_rules_create",
    status_code=status.HTTP_201_CREATED,
    response_model=ReminderRuleRead,
    responses=responses(401, 403, 422),
    description="Administrators only. " + KIND_DOC,
)
async def create_rule(
    data: ReminderRuleCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> ReminderRuleRead:
    rule = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/reminder-rules/{rule.id}"
    set_etag(response, rule.version)
    return service.to_read(rule)


@router.post(
    "/run",
    operation_id="reminder_rules_run",
    response_model=ReminderRunResult,
    responses=responses(401, 403),
    description="Administrators only: runs the hourly reminders job now. Idempotent: a second run makes "
    "nothing the first one made.",
)
async def run_rules(_: AdminPrincipal, session: SessionDep) -> ReminderRunResult:
    return await service.generate(session)


@router.get(
    "/{rule_id}", operation_id="reminder_rules_get", response_model=ReminderRuleRead, responses=responses(401, 404)
)
async def get_rule(
    rule_id: uuid.UUID, response: Response, _: CurrentPrincipal, session: SessionDep
) -> ReminderRuleRead:
    rule = await service.get(session, rule_id)
    set_etag(response, rule.version)
    return service.to_read(rule)


@router.patch(
    "/{rule_id}",
    operation_id="reminder_rules_update",
    response_model=ReminderRuleRead,
    responses=responses(401, 403, 404, 412, 422),
    description="Administrators only.",
)
async def update_rule(
    rule_id: uuid.UUID,
    data: ReminderRuleUpdate,
    response: Response,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> ReminderRuleRead:
    rule = await service.get(session, rule_id)
    check_if_match(if_match, rule.version)
    rule = await service.update(session, principal, rule, data)
    set_etag(response, rule.version)
    return service.to_read(rule)


@router.delete(
    "/{rule_id}",
    operation_id="reminder_rules_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
    description="Administrators only. Tasks the rule made stay.",
)
async def delete_rule(
    rule_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    rule = await service.get(session, rule_id)
    check_if_match(if_match, rule.version)
    await service.delete(session, principal, rule)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
