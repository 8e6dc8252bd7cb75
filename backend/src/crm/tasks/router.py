from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.customers import service as customers_service
from crm.customers.schemas import HistoryEntry
from crm.db import SessionDep
from crm.tasks import service
from crm.tasks.models import Task
from crm.tasks.schemas import TaskCreate, TaskRead, TaskUpdate, TaskView

router = APIRouter(prefix="/tasks", tags=["tasks"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]
# Query parameters of the list that are not filters.
VIEW_PARAMS = ("view", "tz")

LIST_DOC = (
    "Tasks the caller may see: their own, those they created, their reports' (managers) or all (admins). "
    "`view=overdue|today|upcoming` lists the caller's open tasks due before now, today, or in the 14 days "
    "after today, the days taken in `tz` (an IANA zone, default UTC); a view sorts by `due_at` unless told "
    "otherwise and shows someone else's tasks only when filtered by `assignee_id` or `created_by_id`. "
    "Filters: `status`, `priority` (`priority[gte]=normal`), `assignee_id`, `created_by_id`, `record_type`, "
    "`record_id`, `recurrence`, `source`, `due_at`, `completed_at`, `created_at`, `updated_at` as "
    "`field=value` or `field[op]=value` (`due_at[lt]=2026-12-01T00:00:00Z`). Sort by `due_at` (no due date "
    "last), `priority` (`-priority`: high first), `title`, `completed_at`, `created_at`, `updated_at`. "
    "`q` searches titles."
)


async def _one(session: SessionDep, task: Task) -> TaskRead:
    return (await service.to_read(session, [task]))[0]


@router.get(
    "",
    operation_id="tasks_list",
    response_model=listing.Page[TaskRead | listing.Tombstone],
    responses=responses(401, 422),
    description=LIST_DOC,
)
async def list_tasks(
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
    view: Annotated[TaskView | None, Query(description="overdue, today or upcoming: the caller's open tasks.")] = None,
    tz: Annotated[str, Query(max_length=64, description="IANA time zone for the views' days.")] = "UTC",
) -> listing.Page[TaskRead | listing.Tombstone]:
    params.filters = [f for f in params.filters if f[0] not in VIEW_PARAMS]
    result = await service.list_tasks(session, principal, params, view, service.zone(tz))
    live = await service.to_read(session, [r for r in result.rows if r.deleted_at is None])
    by_id = {task.id: task for task in live}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: by_id[r.id]))


@router.post(
    "",
    operation_id="tasks_create",
    status_code=status.HTTP_201_CREATED,
    response_model=TaskRead,
    responses=responses(401, 403, 422),
    description="Assigned to the caller unless `assignee_id` names someone they manage (admins: anyone); that "
    "person is notified. `record_type` + `record_id` attach it to a customer, lead or deal the caller can see "
    "(else 422 at `record_id`).",
)
async def create_task(
    data: TaskCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> TaskRead:
    task = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/tasks/{task.id}"
    set_etag(response, task.version)
    return await _one(session, task)


@router.get("/{task_id}", operation_id="tasks_get", response_model=TaskRead, responses=responses(401, 404))
async def get_task(
    task_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> TaskRead:
    task = await service.get_visible(session, principal, task_id)
    set_etag(response, task.version)
    return await _one(session, task)


@router.patch(
    "/{task_id}",
    operation_id="tasks_update",
    response_model=TaskRead,
    responses=responses(401, 403, 404, 412, 422),
    description="`status: done` completes the task; for a recurring one it also creates the next occurrence, "
    "whose id is in `next_task_id`.",
)
async def update_task(
    task_id: uuid.UUID,
    data: TaskUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> TaskRead:
    task = await service.get_visible(session, principal, task_id)
    check_if_match(if_match, task.version)
    task = await service.update(session, principal, task, data)
    set_etag(response, task.version)
    return await _one(session, task)


@router.delete(
    "/{task_id}",
    operation_id="tasks_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_task(
    task_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    task = await service.get_visible(session, principal, task_id)
    check_if_match(if_match, task.version)
    await service.delete(session, principal, task)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{task_id}/restore",
    operation_id="tasks_restore",
    response_model=TaskRead,
    responses=responses(401, 403, 404, 409),
)
async def restore_task(
    task_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> TaskRead:
    task = await service.get_visible(session, principal, task_id, deleted=None)
    task = await service.restore(session, principal, task)
    set_etag(response, task.version)
    return await _one(session, task)


@router.get(
    "/{task_id}/history",
    operation_id="tasks_history",
    response_model=listing.Page[HistoryEntry],
    responses=responses(401, 404, 422),
)
async def task_history(
    task_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[HistoryEntry]:
    task = await service.get_visible(session, principal, task_id, deleted=None)
    items, nxt, total = await customers_service.record_history(session, service.OBJECT, task.id, params)
    listing.set_link_header(request, response, nxt)
    return listing.Page[HistoryEntry](items=items, next_cursor=nxt, total=total)
