"""One stream per customer, lead or deal: interactions, stage changes, tasks, comments and field
changes, newest first. Each kind is read with its own keyset query below the cursor and the
pages are merged, so a page costs one small indexed query per kind at any depth."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, listing
from crm.core.errors import Invalid
from crm.core.models import FieldChange
from crm.core.security import Principal
from crm.customers.models import Customer
from crm.deals.models import Deal, DealStageChange
from crm.interactions import service
from crm.interactions.models import Interaction
from crm.interactions.schemas import TimelineItem
from crm.leads.models import Lead
from crm.pipelines.models import Stage
from crm.users import service as users_service

KINDS = ("interaction", "stage_change", "task", "comment", "field_change")
# Shown by their own kind (stage changes) or too noisy to repeat (search text, scores).
_SKIP_FIELDS = {"stage_id", "status", "board_rank", "stage_entered_at"}


@dataclass
class Scope:
    customer_ids: set[uuid.UUID] = field(default_factory=set)
    lead_ids: set[uuid.UUID] = field(default_factory=set)
    deal_ids: set[uuid.UUID] = field(default_factory=set)

    def records(self) -> list[tuple[str, set[uuid.UUID]]]:
        return [("customer", self.customer_ids), ("lead", self.lead_ids), ("deal", self.deal_ids)]


def parse_kinds(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return KINDS
    kinds = tuple(dict.fromkeys(k.strip() for k in raw.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise Invalid.at(["query", "kind"], f"Unknown kind {', '.join(unknown)!s}; use {', '.join(KINDS)}.")
    return kinds


async def _visible_ids(
    session: AsyncSession, principal: Principal, model: Any, object_type: str, where: Any
) -> set[uuid.UUID]:
    stmt = select(model.id).where(where, model.deleted_at.is_(None))
    clause = access.visible_clause(principal, await access_service.level_for(session, object_type), model.owner_id)
    if clause is not None:
        stmt = stmt.where(clause)
    return set((await session.execute(stmt)).scalars())


async def customer_scope(session: AsyncSession, principal: Principal, customer: Customer) -> Scope:
    """A company's stream includes its people's; a customer's includes the leads it was converted
    from (their history follows them) and its deals' stage changes."""
    ids = {customer.id}
    if customer.type == "company":
        ids |= await _visible_ids(session, principal, Customer, "customer", Customer.company_id == customer.id)
    leads = await _visible_ids(
        session,
        principal,
        Lead,
        "lead",
        or_(Lead.converted_contact_id.in_(ids), Lead.converted_company_id.in_(ids)),
    )
    deals = await _visible_ids(session, principal, Deal, "deal", Deal.customer_id.in_(ids))
    return Scope(customer_ids=ids, lead_ids=leads, deal_ids=deals)


def _before(at_col: Any, id_col: Any, cursor: tuple[datetime, uuid.UUID] | None) -> Any:
    if cursor is None:
        return None
    at, rid = cursor
    return or_(at_col < at, and_(at_col == at, id_col < rid))


async def _fetch(session: AsyncSession, stmt: Any, at_col: Any, id_col: Any, cursor: Any, limit: int) -> list[Any]:
    cond = _before(at_col, id_col, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    return list((await session.execute(stmt.order_by(at_col.desc(), id_col.desc()).limit(limit))).scalars())


async def _interactions(session, principal, scope, cursor, limit, *, own: str) -> list[TimelineItem]:  # type: ignore[no-untyped-def]
    links = []
    if scope.customer_ids:
        links.append(Interaction.customer_id.in_(scope.customer_ids))
    if scope.lead_ids:
        links.append(Interaction.lead_id.in_(scope.lead_ids))
    # A customer's stream shows its deals' interactions too; a deal's shows only its own.
    if scope.deal_ids and own in ("deal", "customer"):
        links.append(Interaction.deal_id.in_(scope.deal_ids))
    if not links:
        return []
    stmt = select(Interaction).where(
        or_(*links), Interaction.deleted_at.is_(None), *(await service.visible_where(session, principal))
    )
    rows = await _fetch(session, stmt, Interaction.occurred_at, Interaction.id, cursor, limit)
    items = []
    for r in rows:
        record_type, record_id = (
            ("customer", r.customer_id) if r.customer_id else ("lead", r.lead_id) if r.lead_id else ("deal", r.deal_id)
        )
        items.append(
            TimelineItem(
                kind="interaction",
                id=r.id,
                at=r.occurred_at,
                title=r.subject or r.type,
                summary=(r.body or "")[:280] or None,
                actor_id=r.owner_id,
                record_type=record_type,
                record_id=record_id,
                data={
                    "type": r.type,
                    "direction": r.direction,
                    "duration_seconds": r.duration_seconds,
                    "outcome": r.outcome,
                    "attachments": len(r.attachments or []),
                },
            )
        )
    return items


async def _stage_changes(session, principal, scope, cursor, limit, **_: Any) -> list[TimelineItem]:  # type: ignore[no-untyped-def]
    if not scope.deal_ids:
        return []
    stmt = select(DealStageChange).where(DealStageChange.deal_id.in_(scope.deal_ids))
    rows = await _fetch(session, stmt, DealStageChange.changed_at, DealStageChange.id, cursor, limit)
    stage_ids = {r.to_stage_id for r in rows} | {r.from_stage_id for r in rows if r.from_stage_id}
    stages = (
        dict((await session.execute(select(Stage.id, Stage.name).where(Stage.id.in_(stage_ids)))).all())
        if stage_ids
        else {}
    )
    deal_ids = {r.deal_id for r in rows}
    deals = (
        dict((await session.execute(select(Deal.id, Deal.name).where(Deal.id.in_(deal_ids)))).all()) if deal_ids else {}
    )
    return [
        TimelineItem(
            kind="stage_change",
            id=r.id,
            at=r.changed_at,
            title=f"{deals.get(r.deal_id, '')}: {stages.get(r.from_stage_id, '—')} → {stages.get(r.to_stage_id, '')}",
            actor_id=r.changed_by_id,
            record_type="deal",
            record_id=r.deal_id,
            data={
                "from_stage_id": str(r.from_stage_id) if r.from_stage_id else None,
                "to_stage_id": str(r.to_stage_id),
                "from_stage": stages.get(r.from_stage_id) if r.from_stage_id else None,
                "to_stage": stages.get(r.to_stage_id),
                "deal_name": deals.get(r.deal_id),
            },
        )
        for r in rows
    ]


def _on_records(model: Any, scope: Scope) -> Any:
    return or_(
        *(
            and_(model.record_type == record_type, model.record_id.in_(ids))
            for record_type, ids in scope.records()
            if ids
        )
    )


async def _comments(session, principal, scope, cursor, limit, **_: Any) -> list[TimelineItem]:  # type: ignore[no-untyped-def]
    from crm.comments.models import Comment

    stmt = select(Comment).where(_on_records(Comment, scope))
    if hasattr(Comment, "deleted_at"):
        stmt = stmt.where(Comment.deleted_at.is_(None))
    rows = await _fetch(session, stmt, Comment.created_at, Comment.id, cursor, limit)
    return [
        TimelineItem(
            kind="comment",
            id=r.id,
            at=r.created_at,
            title=(r.body or "")[:120],
            summary=r.body,
            actor_id=r.author_id,
            record_type=r.record_type,
            record_id=r.record_id,
        )
        for r in rows
    ]


async def _tasks(session, principal, scope, cursor, limit, **_: Any) -> list[TimelineItem]:  # type: ignore[no-untyped-def]
    from crm.tasks.models import Task

    stmt = select(Task).where(_on_records(Task, scope), Task.deleted_at.is_(None))
    if not principal.is_admin:
        # Tasks are seen by their assignee's line and their creator, here as in /tasks.
        stmt = stmt.where(or_(Task.assignee_id.in_(principal.managed_ids), Task.created_by_id == principal.user_id))
    rows = await _fetch(session, stmt, Task.created_at, Task.id, cursor, limit)
    return [
        TimelineItem(
            kind="task",
            id=r.id,
            at=r.created_at,
            title=r.title,
            summary=r.description,
            actor_id=r.created_by_id,
            record_type=r.record_type,
            record_id=r.record_id,
            data={
                "status": r.status,
                "due_at": r.due_at.isoformat() if r.due_at else None,
                "assignee_id": str(r.assignee_id),
                "priority": r.priority,
            },
        )
        for r in rows
    ]


async def _field_changes(session, principal, scope, cursor, limit, **_: Any) -> list[TimelineItem]:  # type: ignore[no-untyped-def]
    stmt = select(FieldChange).where(
        _on_records(FieldChange, scope),
        FieldChange.action != "created",
        or_(FieldChange.field.is_(None), FieldChange.field.not_in(_SKIP_FIELDS)),
    )
    rows = await _fetch(session, stmt, FieldChange.changed_at, FieldChange.id, cursor, limit)
    return [
        TimelineItem(
            kind="field_change",
            id=r.id,
            at=r.changed_at,
            title=f"{r.action}: {r.field}" if r.field else r.action,
            actor_id=r.actor_id,
            record_type=r.record_type,
            record_id=r.record_id,
            data={"action": r.action, "field": r.field, "old_value": r.old_value, "new_value": r.new_value},
        )
        for r in rows
    ]


SOURCES = {
    "interaction": _interactions,
    "stage_change": _stage_changes,
    "task": _tasks,
    "comment": _comments,
    "field_change": _field_changes,
}


def _decode(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not cursor:
        return None
    values = listing.decode_cursor(cursor)
    try:
        at, rid = values
        return datetime.fromisoformat(at), uuid.UUID(rid)
    except (TypeError, ValueError) as exc:
        raise Invalid.at(["query", "cursor"], "Malformed cursor.") from exc


async def timeline(
    session: AsyncSession,
    principal: Principal,
    scope: Scope,
    *,
    own: str,
    kinds: tuple[str, ...],
    limit: int,
    cursor: str | None,
) -> tuple[list[TimelineItem], str | None]:
    after = _decode(cursor)
    merged: list[TimelineItem] = []
    for kind in kinds:
        merged.extend(await SOURCES[kind](session, principal, scope, after, limit + 1, own=own))
    merged.sort(key=lambda item: (item.at, item.id), reverse=True)
    page, more = merged[:limit], len(merged) > limit
    actors = await users_service.names(session, {i.actor_id for i in page if i.actor_id})
    page = [i.model_copy(update={"actor_name": actors.get(i.actor_id)}) if i.actor_id else i for i in page]
    nxt = listing.encode_cursor([page[-1].at.isoformat(), str(page[-1].id)]) if more and page else None
    return page, nxt
