from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from crm.auth.deps import CurrentPrincipal
from crm.comments import service
from crm.comments.schemas import CommentCreate, CommentRead, CommentUpdate
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep

router = APIRouter(prefix="/comments", tags=["comments"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]

LIST_DOC = (
    "The comments on one record, oldest first (`sort=-created_at` for newest first). The record must be "
    "visible to the caller, else 404; an unknown `record_type` is a 422. Filters: `author_id`, `edited_at`, "
    "`created_at`, `updated_at`; `updated_since` + `include_deleted=true` add tombstones of deleted comments."
)


async def _one(session: SessionDep, comment: object) -> CommentRead:
    return (await service.to_read(session, [comment]))[0]  # type: ignore[list-item]


@router.get(
    "",
    operation_id="comments_list",
    response_model=listing.Page[CommentRead | listing.Tombstone],
    responses=responses(401, 404, 422),
    description=LIST_DOC,
)
async def list_comments(
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
    record_type: Annotated[str, Query(min_length=1, max_length=40, description="customer, lead, deal, ...")],
    record_id: Annotated[uuid.UUID, Query()],
) -> listing.Page[CommentRead | listing.Tombstone]:
    # The record is the list's scope, not a filter (`record_id[in]=…` stays an unknown filter: 422).
    params.filters = [f for f in params.filters if not (f[0] in ("record_type", "record_id") and f[1] == "eq")]
    result = await service.list_comments(session, principal, record_type, record_id, params)
    live = {c.id: c for c in await service.to_read(session, [r for r in result.rows if r.deleted_at is None])}
    return listing.respond(request, response, result, listing.page_items(result.rows, lambda r: live[r.id]))


@router.post(
    "",
    operation_id="comments_create",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentRead,
    responses=responses(401, 403, 404, 422),
    description="Comments on a record the caller can see (viewers: 403). Each mentioned user must be active and "
    "able to see the record (else 422 at `mentions[i]`) and gets a `mention` notification.",
)
async def create_comment(
    data: CommentCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> CommentRead:
    comment = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/comments/{comment.id}"
    set_etag(response, comment.version)
    return await _one(session, comment)


@router.get("/{comment_id}", operation_id="comments_get", response_model=CommentRead, responses=responses(401, 404))
async def get_comment(
    comment_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> CommentRead:
    comment, _ = await service.get_visible(session, principal, comment_id)
    set_etag(response, comment.version)
    return await _one(session, comment)


@router.patch(
    "/{comment_id}",
    operation_id="comments_update",
    response_model=CommentRead,
    responses=responses(401, 403, 404, 412, 422),
    description="The author edits the body and/or the mentions; only newly mentioned users are notified.",
)
async def update_comment(
    comment_id: uuid.UUID,
    data: CommentUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> CommentRead:
    comment, record = await service.get_visible(session, principal, comment_id)
    check_if_match(if_match, comment.version)
    comment = await service.update(session, principal, comment, record, data)
    set_etag(response, comment.version)
    return await _one(session, comment)


@router.delete(
    "/{comment_id}",
    operation_id="comments_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
    description="The author or an admin deletes a comment (soft delete: sync clients get a tombstone).",
)
async def delete_comment(
    comment_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    comment, _ = await service.get_visible(session, principal, comment_id)
    check_if_match(if_match, comment.version)
    await service.delete(session, principal, comment)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
