from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.errors import responses
from crm.db import SessionDep
from crm.notifications import service
from crm.notifications.schemas import (
    MailRead,
    NotificationRead,
    PreferencesRead,
    PreferencesUpdate,
    ReadAllResult,
    UnreadCount,
)

router = APIRouter(prefix="/notifications", tags=["notifications"])
mailbox_router = APIRouter(prefix="/mailbox", tags=["mailbox"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@router.get(
    "",
    operation_id="notifications_list",
    response_model=listing.Page[NotificationRead],
    responses=responses(401, 422),
    description="The caller's own notifications, newest first. `unread=true` (or `read_at[isnull]=true`) for "
    "unread ones; filters `kind`, `record_type`, `record_id`, `actor_id`, `read_at`, `created_at`.",
)
async def list_notifications(
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
    unread: Annotated[bool | None, Query(description="true: unread only; false: read only.")] = None,
) -> listing.Page[NotificationRead]:
    params.filters = [f for f in params.filters if f[0] != "unread"]
    result = await service.list_notifications(session, principal, params, unread)
    return listing.respond(request, response, result, await service.to_read(session, result.rows))


@router.get(
    "/unread-count", operation_id="notifications_unread_count", response_model=UnreadCount, responses=responses(401)
)
async def unread_count(principal: CurrentPrincipal, session: SessionDep) -> UnreadCount:
    return UnreadCount(count=await service.unread_count(session, principal))


@router.post(
    "/read-all",
    operation_id="notifications_read_all",
    response_model=ReadAllResult,
    responses=responses(401, 403),
    description="Marks every unread notification of the caller read; `updated` is how many were unread.",
)
async def read_all(principal: CurrentPrincipal, session: SessionDep) -> ReadAllResult:
    return ReadAllResult(updated=await service.mark_all_read(session, principal))


@router.get(
    "/preferences",
    operation_id="notifications_preferences_get",
    response_model=PreferencesRead,
    responses=responses(401),
)
async def get_preferences(principal: CurrentPrincipal, session: SessionDep) -> PreferencesRead:
    return PreferencesRead(email_kinds=await service.get_preferences(session, principal), kinds=list(service.KINDS))


@router.put(
    "/preferences",
    operation_id="notifications_preferences_set",
    response_model=PreferencesRead,
    responses=responses(401, 403, 422),
    description="Which kinds of notification also go out by e-mail (in-app notifications always appear).",
)
async def set_preferences(data: PreferencesUpdate, principal: CurrentPrincipal, session: SessionDep) -> PreferencesRead:
    kinds = await service.set_preferences(session, principal, [k.value for k in data.email_kinds])
    return PreferencesRead(email_kinds=kinds, kinds=list(service.KINDS))


@router.post(
    "/{notification_id}/read",
    operation_id="notifications_read",
    response_model=NotificationRead,
    responses=responses(401, 403, 404),
    description="Marks one of the caller's notifications read (again: no change).",
)
async def read_one(notification_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> NotificationRead:
    note = await service.get_own(session, principal, notification_id)
    note = await service.mark_read(session, principal, note)
    return (await service.to_read(session, [note]))[0]


# --- mailbox (admins) -----------------------------------------------------------------------


@mailbox_router.get(
    "",
    operation_id="mailbox_list",
    response_model=listing.Page[MailRead],
    responses=responses(401, 403, 422),
    description="Every e-mail the CRM sent or holds, newest first (admins only). Without SMTP settings they stay "
    "here as `stored`. Filters: `status`, `to_address` (`to_address[contains]=…`), `notification_id`, "
    "`created_at`, `sent_at`.",
)
async def list_mail(
    request: Request, response: Response, _: AdminPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[MailRead]:
    result = await service.list_mail(session, params)
    return listing.respond(request, response, result, [MailRead.model_validate(m) for m in result.rows])


@mailbox_router.get(
    "/{mail_id}", operation_id="mailbox_get", response_model=MailRead, responses=responses(401, 403, 404)
)
async def get_mail(mail_id: uuid.UUID, _: AdminPrincipal, session: SessionDep) -> MailRead:
    return MailRead.model_validate(await service.get_mail(session, mail_id))
