"""Comments on any record type, with @mentions that notify the people named.

Who may read a comment is exactly who may read its record (`crm.core.records`); writing takes a
non-viewer role. Only the author edits; the author or an admin deletes (soft delete: the row stays
as a tombstone for sync clients and the audit trail).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy.ext.asyncio import AsyncSession

from crm.comments.models import Comment
from crm.comments.schemas import CommentCreate, CommentRead, CommentUpdate, Mention
from crm.core import lifecycle, listing, records
from crm.core.errors import Forbidden, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.security import Principal
from crm.db import utcnow
from crm.notifications import service as notifications
from crm.users import service as users_service

OBJECT = "comment"
EXCERPT_CHARS = 200


@lru_cache
def list_spec() -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Comment,
        fields={
            "author_id": F(Comment.author_id, uuid.UUID, sortable=False),
            "edited_at": F(Comment.edited_at, listing.datetime, nullable=True, sortable=False),
            "created_at": F(Comment.created_at, listing.datetime),
            "updated_at": F(Comment.updated_at, listing.datetime),
        },
        # A thread reads top to bottom.
        default_sort="created_at",
    )


def excerpt(body: str) -> str:
    text = re.sub(r"\s+", " ", body).strip()
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def snapshot(comment: Comment) -> dict[str, Any]:
    return {"body": comment.body, "mentions": list(comment.mentions or [])}


async def list_comments(
    session: AsyncSession, principal: Principal, record_type: str, record_id: uuid.UUID, params: listing.ListParams
) -> listing.ListResult:
    await records.load_visible(session, principal, record_type, record_id, loc=["query", "record_type"])
    where = [Comment.record_type == record_type, Comment.record_id == record_id]
    return await listing.paginate(session, list_spec(), params, where=where)


async def get_visible(session: AsyncSession, principal: Principal, comment_id: uuid.UUID) -> tuple[Comment, Any]:
    """The live comment and its record, when the caller may see the record; else 404 (a comment
    never tells whether a record the caller can't see exists)."""
    comment = await session.get(Comment, comment_id)
    if comment is None or comment.deleted_at is not None:
        raise NotFound("Comment not found.")
    try:
        record = await records.load_visible(session, principal, comment.record_type, comment.record_id, loc=[])
    except (NotFound, Invalid):
        raise NotFound("Comment not found.") from None
    return comment, record


async def _check_mentions(
    session: AsyncSession,
    record_type: str,
    record_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    *,
    already: frozenset[str] = frozenset(),
) -> list[str]:
    """The mention list without duplicates; each newly mentioned user must be active and able to
    see the record, else 422 at ["body", "mentions", i] (they would be told about nothing)."""
    errors: list[dict[str, Any]] = []
    out: list[str] = []
    for i, user_id in enumerate(ids):
        key = str(user_id)
        if key in out:
            continue
        out.append(key)
        if key in already:
            # Mentioned before: kept as it was even if that user has since lost access.
            continue
        user = await users_service.get_active(session, user_id)
        if user is None:
            errors.append({"loc": ["body", "mentions", i], "msg": "Unknown or inactive user.", "type": "value_error"})
        elif not await records.can_see(session, user_id, record_type, record_id):
            errors.append(
                {
                    "loc": ["body", "mentions", i],
                    "msg": f"{user.full_name} cannot see this {record_type}.",
                    "type": "mention_not_visible",
                }
            )
    if errors:
        detail = errors[0]["msg"] if len(errors) == 1 else "Some mentioned users cannot be mentioned here."
        raise Invalid(detail, errors=errors)
    return out


async def _notify_mentions(
    session: AsyncSession, principal: Principal, comment: Comment, record: Any, user_ids: Sequence[str]
) -> None:
    title = records.get_type(comment.record_type, []).title(record)
    for key in user_ids:
        user_id = uuid.UUID(key)
        if user_id == principal.user_id:
            continue  # naming yourself tells you nothing
        await notifications.notify(
            session,
            user_id,
            "mention",
            f"{principal.name} mentioned you on {title}",
            excerpt(comment.body),
            record_type=comment.record_type,
            record_id=comment.record_id,
            actor=principal,
        )


def _event_data(comment: Comment, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(comment.id),
        "record_type": comment.record_type,
        "record_id": str(comment.record_id),
        "author_id": str(comment.author_id),
        **extra,
    }


async def create(session: AsyncSession, principal: Principal, data: CommentCreate) -> Comment:
    record = await records.load_visible(
        session, principal, data.record_type, data.record_id, loc=["body", "record_type"]
    )
    if not principal.can_write:
        raise Forbidden("Viewers can read comments but not write them.")
    mentions = await _check_mentions(session, data.record_type, data.record_id, data.mentions)
    comment = Comment(
        record_type=data.record_type,
        record_id=data.record_id,
        author_id=principal.user_id,
        body=data.body,
        mentions=mentions,
    )
    session.add(comment)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        comment.id,
        "created",
        {
            "record_type": (None, comment.record_type),
            "record_id": (None, str(comment.record_id)),
            **{k: (None, v) for k, v in snapshot(comment).items() if v},
        },
    )
    emit(session, "comment.created", OBJECT, comment.id, _event_data(comment, mentions=mentions), principal)
    await _notify_mentions(session, principal, comment, record, mentions)
    return comment


async def update(
    session: AsyncSession, principal: Principal, comment: Comment, record: Any, data: CommentUpdate
) -> Comment:
    if comment.author_id != principal.user_id or not principal.can_write:
        raise Forbidden("Only the author can edit a comment.")
    values = data.changes()
    if "body" in values and values["body"] is None:
        raise Invalid.at(["body", "body"], "A comment needs a body.", "missing")
    before = snapshot(comment)
    # Validate first and assign once: a query in between would autoflush a half-made change and
    # bump the version twice.
    mentions = before["mentions"]
    if "mentions" in values:
        mentions = await _check_mentions(
            session,
            comment.record_type,
            comment.record_id,
            values["mentions"] or [],
            already=frozenset(before["mentions"]),
        )
    after = {"body": values.get("body", comment.body), "mentions": mentions}
    changes = diff(before, after)
    if not changes:
        return comment
    comment.body, comment.mentions, comment.edited_at = after["body"], after["mentions"], utcnow()
    await session.flush()
    record_change(session, principal, OBJECT, comment.id, "updated", changes)
    emit(session, "comment.updated", OBJECT, comment.id, _event_data(comment, fields=sorted(changes)), principal)
    added = [m for m in comment.mentions if m not in before["mentions"]]
    await _notify_mentions(session, principal, comment, record, added)
    return comment


async def delete(session: AsyncSession, principal: Principal, comment: Comment) -> None:
    if not (principal.is_admin or (comment.author_id == principal.user_id and principal.can_write)):
        raise Forbidden("Only the author or an admin can delete a comment.")
    comment.deleted_at = utcnow()
    comment.deleted_by_id = principal.user_id
    await session.flush()
    record_change(session, principal, OBJECT, comment.id, "deleted")
    emit(session, "comment.deleted", OBJECT, comment.id, _event_data(comment), principal)


async def to_read(session: AsyncSession, rows: Sequence[Comment]) -> list[CommentRead]:
    ids: set[uuid.UUID] = {r.author_id for r in rows}
    for r in rows:
        ids.update(uuid.UUID(m) for m in r.mentions or [])
    names = await users_service.names(session, ids)
    return [
        CommentRead(
            id=r.id,
            created_at=r.created_at,
            updated_at=r.updated_at,
            version=r.version,
            record_type=r.record_type,
            record_id=r.record_id,
            body=r.body,
            author_id=r.author_id,
            author_name=names.get(r.author_id),
            mentions=[Mention(user_id=uuid.UUID(m), name=names.get(uuid.UUID(m))) for m in r.mentions or []],
            edited_at=r.edited_at,
        )
        for r in rows
    ]


async def _purge_comments(session: AsyncSession, record_type: str, record_id: uuid.UUID) -> None:
    """A purged record takes its comments with it."""
    await session.execute(sql_delete(Comment).where(Comment.record_type == record_type, Comment.record_id == record_id))


lifecycle.PURGE_HOOKS.append(_purge_comments)
