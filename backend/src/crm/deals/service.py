"""Deals: stages and moves, close fields, stage history, board ranks, access, history and events."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, case, func, select, union_all
from sqlalchemy import delete as sql_delete
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing
from crm.core.errors import Conflict, Forbidden, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import audit, diff, record_change
from crm.core.money import quantize
from crm.core.schemas import read_model
from crm.core.search import escape_like, normalize, search_blob
from crm.core.security import Principal
from crm.custom_fields import service as custom_fields_service
from crm.customers import service as customers_service
from crm.customers.models import Customer
from crm.db import utcnow
from crm.deals.models import Deal, DealStageChange, LostReason
from crm.deals.schemas import (
    Board,
    BoardColumn,
    DealCreate,
    DealMove,
    DealRead,
    DealUpdate,
    LostReasonCreate,
    LostReasonUpdate,
    StageHistoryEntry,
)
from crm.exchange_rates import service as rates_service
from crm.pipelines import service as pipelines_service
from crm.pipelines.models import Pipeline, Stage
from crm.pipelines.schemas import PipelineRead, StageKind, StageRead
from crm.users import service as users_service

OBJECT = "deal"
WHAT = "Deal"
TRACKED = (
    "name",
    "customer_id",
    "contact_ids",
    "pipeline_id",
    "stage_id",
    "status",
    "amount",
    "currency",
    "expected_close_date",
    "probability_override",
    "owner_id",
    "source",
    "lead_id",
    "next_step",
    "lost_reason_id",
    "lost_reason_note",
    "won_at",
    "lost_at",
    "closed_at",
    "custom_fields",
)


# Cards per column on the board; the rest come from GET /deals?stage_id=…&sort=board_rank.
BOARD_PER_STAGE = 25
BOARD_PER_STAGE_MAX = 200


@lru_cache
def list_spec(dialect: str) -> listing.ListSpec:
    F = listing.Field

    def search(q: str) -> tuple[Any, Any]:
        needle = escape_like(normalize(q))
        match = Deal.search_text.like(f"%{needle}%", escape="\\")
        rank = case((func.lower(Deal.name).like(f"{needle}%", escape="\\"), 2), else_=1)
        return match, rank

    return listing.ListSpec(
        model=Deal,
        fields={
            "name": F(Deal.name),
            "pipeline_id": F(Deal.pipeline_id, uuid.UUID, sortable=False),
            "stage_id": F(Deal.stage_id, uuid.UUID, sortable=False),
            "status": F(Deal.status, StageKind),
            "owner_id": F(Deal.owner_id, uuid.UUID, sortable=False),
            "customer_id": F(Deal.customer_id, uuid.UUID, sortable=False),
            "amount": F(Deal.amount, Decimal),
            "currency": F(Deal.currency),
            "expected_close_date": F(Deal.expected_close_date, date, nullable=True, sort_default=date(9999, 12, 31)),
            "probability_override": F(Deal.probability_override, int, nullable=True, sort_default=-1),
            "source": F(Deal.source, nullable=True, sort_default=""),
            "lost_reason_id": F(Deal.lost_reason_id, uuid.UUID, nullable=True, sortable=False),
            "lead_id": F(Deal.lead_id, uuid.UUID, nullable=True, sortable=False),
            "board_rank": F(Deal.board_rank, float),
            "won_at": F(Deal.won_at, datetime, nullable=True, sort_default=datetime(1, 1, 1, tzinfo=UTC)),
            "lost_at": F(Deal.lost_at, datetime, nullable=True, sort_default=datetime(1, 1, 1, tzinfo=UTC)),
            "stage_entered_at": F(Deal.stage_entered_at, datetime),
            "created_at": F(Deal.created_at, datetime),
            "updated_at": F(Deal.updated_at, datetime),
        },
        default_sort="-created_at",
        search=search,
    )


def snapshot(d: Deal) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TRACKED:
        value = getattr(d, key)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = f"{value:.2f}"
        elif key == "contact_ids":
            value = [str(v) for v in value or []]
        out[key] = value
    return out


async def _level(session: AsyncSession) -> access.Level:
    return await access_service.level_for(session, OBJECT)


async def get_visible(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, deleted: bool | None = False
) -> Deal:
    return await access.load_visible(session, Deal, deal_id, principal, await _level(session), WHAT, deleted=deleted)


async def ensure_editable(session: AsyncSession, principal: Principal, deal: Deal) -> None:
    access.ensure_editable(principal, await _level(session), deal.owner_id, WHAT)


async def _customer(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, loc: list[str | int], person: bool = False
) -> Customer:
    try:
        c = await customers_service.get_visible(session, principal, customer_id)
    except NotFound as exc:
        raise Invalid.at(loc, "Unknown customer.") from exc
    if person and c.type != "person":
        raise Invalid.at(loc, "Contacts must be people.")
    return c


async def _lost_reason(session: AsyncSession, reason_id: uuid.UUID | None) -> LostReason | None:
    if reason_id is None:
        return None
    reason = await session.get(LostReason, reason_id)
    if reason is None or not reason.active:
        raise Invalid.at(["body", "lost_reason_id"], "Unknown or inactive lost reason.")
    return reason


async def _pipeline_and_stage(
    session: AsyncSession, pipeline_id: uuid.UUID | None, stage_id: uuid.UUID | None
) -> tuple[Pipeline, Stage]:
    if pipeline_id is None and stage_id is not None:
        stage = await pipelines_service.get_stage(session, stage_id)
        if stage is None:
            raise Invalid.at(["body", "stage_id"], "Unknown stage.")
        pipeline_id = stage.pipeline_id
    if pipeline_id is None:
        pipeline = await pipelines_service.ensure_default(session)
    else:
        try:
            pipeline = await pipelines_service.get(session, pipeline_id)
        except NotFound as exc:
            raise Invalid.at(["body", "pipeline_id"], "Unknown pipeline.") from exc
    stages = pipelines_service.active_stages(pipeline)
    if stage_id is None:
        return pipeline, next(s for s in stages if s.kind == StageKind.open)
    stage = next((s for s in stages if s.id == stage_id), None)
    if stage is None:
        raise Invalid.at(["body", "stage_id"], "This stage is not an active stage of the deal's pipeline.")
    return pipeline, stage


def _column(stage: Stage) -> tuple[Any, ...]:
    """A board column's live deals. The pipeline is named too, though the stage implies it: the
    board's index leads with it, and without it a column's top rank is a scan of every deal."""
    return Deal.pipeline_id == stage.pipeline_id, Deal.stage_id == stage.id, Deal.deleted_at.is_(None)


async def _end_rank(session: AsyncSession, stage: Stage, exclude: uuid.UUID | None = None) -> float:
    q = select(func.max(Deal.board_rank)).where(*_column(stage))
    if exclude is not None:
        q = q.where(Deal.id != exclude)
    top = (await session.execute(q)).scalar_one()
    return (top or 0.0) + 1.0


async def _rank_at(session: AsyncSession, stage: Stage, position: int, deal_id: uuid.UUID) -> float:
    """A rank that puts the deal at `position` in the column, touching no other deal."""
    column = select(Deal.board_rank).where(*_column(stage), Deal.id != deal_id).order_by(Deal.board_rank, Deal.id)
    if position == 0:
        first = (await session.execute(column.limit(1))).scalar_one_or_none()
        return (first - 1.0) if first is not None else 1.0
    around = list((await session.execute(column.offset(position - 1).limit(2))).scalars())
    if not around:
        return await _end_rank(session, stage, deal_id)
    if len(around) == 1:
        return around[0] + 1.0
    before, after = around
    if after - before < 1e-9:  # ranks worn too thin: space the column out again
        await _respace(session, stage)
        return await _rank_at(session, stage, position, deal_id)
    return (before + after) / 2


async def _respace(session: AsyncSession, stage: Stage) -> None:
    from sqlalchemy import update as sql_update

    ranked = (
        select(Deal.id, func.row_number().over(order_by=(Deal.board_rank, Deal.id)).label("n"))
        .where(Deal.pipeline_id == stage.pipeline_id, Deal.stage_id == stage.id)
        .subquery()
    )
    # One core UPDATE: re-spacing is bookkeeping, not a change anyone made to those deals.
    await session.execute(
        sql_update(Deal)
        .where(Deal.id == ranked.c.id)
        .values(board_rank=ranked.c.n * 1.0)
        .execution_options(synchronize_session=False)
    )


def _set_close_fields(d: Deal, stage: Stage, reason_id: uuid.UUID | None, note: str | None) -> None:
    now = utcnow()
    d.status = stage.kind
    if stage.kind == StageKind.open:
        d.won_at = d.lost_at = d.closed_at = None
        d.lost_reason_id = None
        d.lost_reason_note = None
    elif stage.kind == StageKind.won:
        d.won_at = d.won_at or now
        d.closed_at = d.won_at
        d.lost_at = None
        d.lost_reason_id = None
        d.lost_reason_note = None
    else:
        if reason_id is None:
            raise Invalid.at(["body", "lost_reason_id"], "Give a reason when a deal is lost.", "missing")
        d.lost_reason_id = reason_id
        d.lost_reason_note = note
        d.lost_at = d.lost_at or now
        d.closed_at = d.lost_at
        d.won_at = None


def _record_stage(session: AsyncSession, principal: Principal, d: Deal, from_stage: uuid.UUID | None) -> None:
    session.add(
        DealStageChange(deal_id=d.id, from_stage_id=from_stage, to_stage_id=d.stage_id, changed_by_id=principal.user_id)
    )


def _stage_events(session: AsyncSession, principal: Principal, d: Deal, from_stage: uuid.UUID | None) -> None:
    data = {
        "id": str(d.id),
        "from_stage_id": str(from_stage) if from_stage else None,
        "to_stage_id": str(d.stage_id),
        "status": d.status,
    }
    emit(session, "deal.stage_changed", OBJECT, d.id, data, principal)
    if d.status == StageKind.won:
        emit(
            session,
            "deal.won",
            OBJECT,
            d.id,
            {"id": str(d.id), "amount": f"{d.amount:.2f}", "currency": d.currency},
            principal,
        )
    elif d.status == StageKind.lost:
        emit(session, "deal.lost", OBJECT, d.id, {"id": str(d.id), "lost_reason_id": str(d.lost_reason_id)}, principal)


async def _validate_links(session: AsyncSession, principal: Principal, values: dict[str, Any]) -> Customer | None:
    customer = None
    if values.get("customer_id") is not None:
        customer = await _customer(session, principal, values["customer_id"], ["body", "customer_id"])
    for i, cid in enumerate(values.get("contact_ids") or []):
        await _customer(session, principal, cid, ["body", "contact_ids", i], person=True)
    if "contact_ids" in values:
        values["contact_ids"] = [str(c) for c in dict.fromkeys(values["contact_ids"] or [])]
    return customer


async def _search_text(session: AsyncSession, d: Deal, customer: Customer | None = None) -> str:
    if customer is None:
        customer = await session.get(Customer, d.customer_id)
    return search_text(d.name, customer.name if customer else None)


def search_text(name: str, customer_name: str | None) -> str:
    return search_blob(name, customer_name)


async def create(session: AsyncSession, principal: Principal, data: DealCreate) -> Deal:
    access.ensure_can_create(principal)
    values = data.changes()
    owner_id = values.pop("owner_id", None) or principal.user_id
    if owner_id != principal.user_id:
        access.ensure_owner_assignable(principal, owner_id)
        if await users_service.get_active(session, owner_id) is None:
            raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
    customer = await _validate_links(session, principal, values)
    pipeline, stage = await _pipeline_and_stage(session, values.pop("pipeline_id", None), values.pop("stage_id", None))
    reason = await _lost_reason(session, values.get("lost_reason_id"))
    custom = await custom_fields_service.validate_values(session, OBJECT, values.pop("custom_fields", None) or {})
    d = Deal(
        name=data.name,
        customer_id=data.customer_id,
        contact_ids=values.get("contact_ids") or [],
        pipeline_id=pipeline.id,
        stage_id=stage.id,
        amount=values.get("amount") or Decimal("0.00"),
        currency=values.get("currency") or pipeline.currency,
        owner_id=owner_id,
        custom_fields=custom,
        expected_close_date=values.get("expected_close_date"),
        probability_override=values.get("probability_override"),
        source=values.get("source"),
        lead_id=values.get("lead_id"),
        next_step=values.get("next_step"),
        stage_entered_at=utcnow(),
        board_rank=await _end_rank(session, stage),
    )
    _set_close_fields(d, stage, reason.id if reason else None, values.get("lost_reason_note"))
    if stage.kind != StageKind.lost and (values.get("lost_reason_id") or values.get("lost_reason_note")):
        raise Invalid.at(["body", "lost_reason_id"], "Only lost deals carry a lost reason.")
    d.search_text = await _search_text(session, d, customer)
    session.add(d)
    await session.flush()
    _record_stage(session, principal, d, None)
    record_change(
        session,
        principal,
        OBJECT,
        d.id,
        "created",
        {k: (None, v) for k, v in snapshot(d).items() if v not in (None, [], {}, "")},
    )
    emit(
        session, "deal.created", OBJECT, d.id, {"id": str(d.id), "name": d.name, "stage_id": str(d.stage_id)}, principal
    )
    if d.status != StageKind.open:
        _stage_events(session, principal, d, None)
    return d


async def _apply_stage(
    session: AsyncSession,
    principal: Principal,
    d: Deal,
    pipeline: Pipeline,
    stage: Stage,
    reason_id: uuid.UUID | None,
    note: str | None,
) -> bool:
    if stage.id == d.stage_id and pipeline.id == d.pipeline_id:
        if stage.kind == StageKind.lost and (reason_id or note is not None):
            reason = await _lost_reason(session, reason_id) if reason_id else None
            d.lost_reason_id = reason.id if reason else d.lost_reason_id
            d.lost_reason_note = note if note is not None else d.lost_reason_note
        return False
    reason = await _lost_reason(session, reason_id) if stage.kind == StageKind.lost else None
    d.pipeline_id = pipeline.id
    d.stage_id = stage.id
    d.stage_entered_at = utcnow()
    _set_close_fields(d, stage, reason.id if reason else None, note)
    return True


async def update(session: AsyncSession, principal: Principal, d: Deal, data: DealUpdate) -> Deal:
    await ensure_editable(session, principal, d)
    values = data.changes()
    before = snapshot(d)
    from_stage = d.stage_id
    for key in ("name", "customer_id", "currency", "amount", "pipeline_id"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], "Cannot be null.")
    if "owner_id" in values:
        if values["owner_id"] is None:
            raise Invalid.at(["body", "owner_id"], "A deal always has an owner.")
        if values["owner_id"] != d.owner_id:
            if not principal.manages(d.owner_id):
                raise Forbidden("Only the owner, their managers or an admin can reassign this deal.")
            access.ensure_owner_assignable(principal, values["owner_id"])
            if await users_service.get_active(session, values["owner_id"]) is None:
                raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
            d.owner_id = values["owner_id"]
    customer = await _validate_links(session, principal, values)
    moved = False
    if "stage_id" in values or "pipeline_id" in values:
        if values.get("stage_id") is None and "stage_id" in values:
            raise Invalid.at(["body", "stage_id"], "Cannot be null.")
        pipeline, stage = await _pipeline_and_stage(
            session, values.get("pipeline_id", d.pipeline_id), values.get("stage_id")
        )
        moved = await _apply_stage(
            session, principal, d, pipeline, stage, values.get("lost_reason_id"), values.get("lost_reason_note")
        )
        if moved:
            d.board_rank = await _end_rank(session, stage, d.id)
    elif "lost_reason_id" in values or "lost_reason_note" in values:
        if d.status != StageKind.lost:
            raise Invalid.at(["body", "lost_reason_id"], "Only lost deals carry a lost reason.")
        if "lost_reason_id" in values:
            if values["lost_reason_id"] is None:
                raise Invalid.at(["body", "lost_reason_id"], "A lost deal needs a reason.", "missing")
            d.lost_reason_id = (await _lost_reason(session, values["lost_reason_id"])).id  # type: ignore[union-attr]
        if "lost_reason_note" in values:
            d.lost_reason_note = values["lost_reason_note"]
    for key in (
        "name",
        "customer_id",
        "amount",
        "currency",
        "expected_close_date",
        "probability_override",
        "source",
        "lead_id",
        "next_step",
        "contact_ids",
    ):
        if key in values:
            setattr(d, key, values[key] if key != "contact_ids" else values[key] or [])
    if "custom_fields" in values:
        d.custom_fields = await custom_fields_service.validate_values(
            session, OBJECT, values["custom_fields"] or {}, d.custom_fields
        )
    d.search_text = await _search_text(session, d, customer)
    changes = diff(before, snapshot(d))
    if not changes:
        return d
    await session.flush()
    if moved:
        _record_stage(session, principal, d, from_stage)
    record_change(session, principal, OBJECT, d.id, "updated", changes)
    emit(session, "deal.updated", OBJECT, d.id, {"id": str(d.id), "fields": sorted(changes)}, principal)
    if moved:
        _stage_events(session, principal, d, from_stage)
    return d


async def move(session: AsyncSession, principal: Principal, d: Deal, data: DealMove) -> Deal:
    """A board move: stage change (if any) and a place in the target column."""
    await ensure_editable(session, principal, d)
    before = snapshot(d)
    from_stage = d.stage_id
    pipeline = await pipelines_service.get(session, d.pipeline_id)
    stage = next((s for s in pipelines_service.active_stages(pipeline) if s.id == data.stage_id), None)
    if stage is None:
        raise Invalid.at(["body", "stage_id"], "This stage is not an active stage of the deal's pipeline.")
    moved = await _apply_stage(session, principal, d, pipeline, stage, data.lost_reason_id, data.lost_reason_note)
    if data.position is not None:
        d.board_rank = await _rank_at(session, stage, data.position, d.id)
    elif moved:
        d.board_rank = await _end_rank(session, stage, d.id)
    changes = diff(before, snapshot(d))
    await session.flush()
    if moved:
        _record_stage(session, principal, d, from_stage)
        _stage_events(session, principal, d, from_stage)
    if changes:
        record_change(session, principal, OBJECT, d.id, "updated", changes)
        emit(session, "deal.updated", OBJECT, d.id, {"id": str(d.id), "fields": sorted(changes)}, principal)
    return d


async def set_amount_from_lines(session: AsyncSession, principal: Principal, d: Deal, amount: Decimal) -> None:
    """A deal with line items is worth the sum of its lines."""
    amount = quantize(amount)
    if d.amount != amount:
        old = f"{d.amount:.2f}"
        d.amount = amount
        await session.flush()
        record_change(session, principal, OBJECT, d.id, "updated", {"amount": (old, f"{amount:.2f}")})
        emit(session, "deal.updated", OBJECT, d.id, {"id": str(d.id), "fields": ["amount"]}, principal)


async def delete(session: AsyncSession, principal: Principal, d: Deal) -> None:
    await ensure_editable(session, principal, d)
    await lifecycle.soft_delete(session, principal, d, OBJECT)


async def restore(session: AsyncSession, principal: Principal, d: Deal) -> Deal:
    await ensure_editable(session, principal, d)
    return await lifecycle.restore(session, principal, d, OBJECT)


async def purge(session: AsyncSession, principal: Principal, d: Deal) -> None:
    await session.execute(sql_delete(DealStageChange).where(DealStageChange.deal_id == d.id))
    await lifecycle.purge(session, principal, d, OBJECT)


def trash_query(principal: Principal, level: access.Level) -> Select[Any]:
    return lifecycle.trash_query(Deal, OBJECT, lifecycle.owner_visible(principal, level, Deal))


async def visible_where(session: AsyncSession, principal: Principal) -> list[Any]:
    clause = access.visible_clause(principal, await _level(session), Deal.owner_id)
    return [clause] if clause is not None else []


async def list_deals(
    session: AsyncSession, principal: Principal, params: listing.ListParams, extra_where: Sequence[Any] = ()
) -> listing.ListResult:
    where = [*extra_where, *await visible_where(session, principal)]
    return await listing.paginate(session, list_spec(session.get_bind().dialect.name), params, where=where)


async def _stages_by_id(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, Stage]:
    if not ids:
        return {}
    return {s.id: s for s in (await session.execute(select(Stage).where(Stage.id.in_(ids)))).scalars()}


async def to_read(session: AsyncSession, principal: Principal, rows: Sequence[Deal]) -> list[DealRead]:
    """A page of deals with four lookups (stages, customers, owners, lines), whatever its size."""
    stages = await _stages_by_id(session, {r.stage_id for r in rows})
    customer_ids = {r.customer_id for r in rows}
    customers: dict[uuid.UUID, str] = {}
    if customer_ids:
        q = select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))
        clause = access.visible_clause(
            principal, await access_service.level_for(session, "customer"), Customer.owner_id
        )
        customers = dict((await session.execute(q.where(clause) if clause is not None else q)).all())
    owners = await users_service.names(session, {r.owner_id for r in rows})
    from crm.quotes import service as quotes_service  # quotes build on deals, not the other way round

    with_lines = await quotes_service.deal_ids_with_lines(session, {r.id for r in rows})
    now = utcnow()
    out = []
    for r in rows:
        stage = stages.get(r.stage_id)
        probability = (
            r.probability_override if r.probability_override is not None else (stage.probability if stage else 0)
        )
        days = max(0, (now - r.stage_entered_at).days)
        rotting = bool(stage and stage.rotting_days and r.status == StageKind.open and days > stage.rotting_days)
        out.append(
            read_model(
                DealRead,
                r,
                customer_name=customers.get(r.customer_id),
                stage_name=stage.name if stage else None,
                owner_name=owners.get(r.owner_id),
                probability=probability,
                weighted_amount=quantize(r.amount * probability / 100),
                days_in_stage=days,
                rotting=rotting,
                has_lines=r.id in with_lines,
            )
        )
    return out


async def stage_history(session: AsyncSession, d: Deal) -> list[StageHistoryEntry]:
    rows = list(
        (
            await session.execute(
                select(DealStageChange)
                .where(DealStageChange.deal_id == d.id)
                .order_by(DealStageChange.changed_at, DealStageChange.id)
            )
        ).scalars()
    )
    stages = await _stages_by_id(
        session, {r.to_stage_id for r in rows} | {r.from_stage_id for r in rows if r.from_stage_id}
    )
    names = await users_service.names(session, {r.changed_by_id for r in rows})
    now = utcnow()
    out = []
    for i, r in enumerate(rows):
        end = rows[i + 1].changed_at if i + 1 < len(rows) else now
        out.append(
            StageHistoryEntry(
                id=r.id,
                from_stage_id=r.from_stage_id,
                to_stage_id=r.to_stage_id,
                changed_at=r.changed_at,
                from_stage_name=stages[r.from_stage_id].name if r.from_stage_id in stages else None,
                to_stage_name=stages[r.to_stage_id].name if r.to_stage_id in stages else None,
                changed_by_id=r.changed_by_id,
                changed_by_name=names.get(r.changed_by_id),
                seconds_in_stage=max(0, int((end - r.changed_at).total_seconds())),
                current=i + 1 == len(rows),
            )
        )
    return out


async def board(
    session: AsyncSession,
    principal: Principal,
    pipeline_id: uuid.UUID | None,
    owner_id: uuid.UUID | None,
    per_stage: int = BOARD_PER_STAGE,
) -> Board:
    pipeline = (
        await pipelines_service.get(session, pipeline_id)
        if pipeline_id
        else await pipelines_service.ensure_default(session)
    )
    stages = pipelines_service.active_stages(pipeline)
    where = [Deal.pipeline_id == pipeline.id, Deal.deleted_at.is_(None), *await visible_where(session, principal)]
    if owner_id is not None:
        where.append(Deal.owner_id == owner_id)
    prob = func.coalesce(Deal.probability_override, Stage.probability)
    sums = await session.execute(
        select(Deal.stage_id, Deal.currency, func.count(), func.sum(Deal.amount), func.sum(Deal.amount * prob))
        .join(Stage, Stage.id == Deal.stage_id)
        .where(*where)
        .group_by(Deal.stage_id, Deal.currency)
    )
    conv = await rates_service.converter(session)
    today = date.today()
    totals: dict[uuid.UUID, list[Decimal | int]] = {}
    for stage_id, currency, count, amount, weighted in sums.all():
        t = totals.setdefault(stage_id, [0, Decimal(0), Decimal(0)])
        t[0] += count  # type: ignore[operator]
        a = conv.to_base(Decimal(amount or 0), currency, today)
        w = conv.to_base(Decimal(weighted or 0) / 100, currency, today)
        t[1] += a or 0  # type: ignore[operator]
        t[2] += w or 0  # type: ignore[operator]
    # Each column's first cards by rank, every column in one statement (an index range each).
    heads = [
        select(Deal.id)
        .where(*where, Deal.stage_id == stage.id)
        .order_by(Deal.board_rank, Deal.id)
        .limit(per_stage + 1)
        .subquery()
        .select()
        for stage in stages
        if totals.get(stage.id)
    ]
    by_stage: dict[uuid.UUID, list[Deal]] = {}
    if heads:
        found = await session.execute(
            select(Deal).where(Deal.id.in_(union_all(*heads))).order_by(Deal.board_rank, Deal.id)
        )
        for deal in found.scalars():
            by_stage.setdefault(deal.stage_id, []).append(deal)
    per_stage_rows = [by_stage.get(stage.id, []) for stage in stages]
    # One serialisation for every column: its lookups (stages, customers, owners, lines) run once.
    cards = iter(await to_read(session, principal, [r for rows in per_stage_rows for r in rows[:per_stage]]))
    spec = list_spec(session.get_bind().dialect.name)
    columns = []
    for stage, rows in zip(stages, per_stage_rows, strict=True):
        count, total, weighted = totals.get(stage.id, [0, Decimal(0), Decimal(0)])
        shown = rows[:per_stage]
        more = len(rows) > per_stage
        columns.append(
            BoardColumn(
                stage=StageRead.model_validate(stage),
                count=int(count),
                total=quantize(total),
                weighted_total=quantize(weighted),
                deals=[next(cards) for _ in shown],
                more=more,
                next_cursor=listing.cursor_after(spec, "board_rank", shown[-1]) if more else None,
            )
        )
    return Board(
        pipeline=PipelineRead.model_validate(pipeline),
        base_currency=conv.base,
        columns=columns,
        unconverted_currencies=sorted(conv.missing),
    )


async def deals_in_stage(session: AsyncSession, stage_id: uuid.UUID) -> int:
    return (
        await session.execute(
            select(func.count()).select_from(Deal).where(Deal.stage_id == stage_id, Deal.deleted_at.is_(None))
        )
    ).scalar_one()


# Lost reasons ---------------------------------------------------------------------------------

DEFAULT_LOST_REASONS = ("Price", "Competitor", "No budget", "Timing", "No decision", "Product fit")


async def ensure_defaults(session: AsyncSession) -> None:
    """What a new installation starts with: the default pipeline and a list of lost reasons."""
    await pipelines_service.ensure_default(session)
    if (await session.execute(select(func.count()).select_from(LostReason))).scalar_one() == 0:
        for i, name in enumerate(DEFAULT_LOST_REASONS):
            session.add(LostReason(name=name, position=i, active=True))
        await session.flush()


async def list_lost_reasons(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    spec = listing.ListSpec(
        model=LostReason,
        fields={
            "name": listing.Field(LostReason.name),
            "active": listing.Field(LostReason.active, bool, sortable=False),
            "position": listing.Field(LostReason.position, int),
            "created_at": listing.Field(LostReason.created_at, datetime),
        },
        default_sort="position",
    )
    return await listing.paginate(session, spec, params)


async def get_lost_reason(session: AsyncSession, reason_id: uuid.UUID) -> LostReason:
    row = await session.get(LostReason, reason_id)
    if row is None:
        raise NotFound("Lost reason not found.")
    return row


async def _unique_reason(session: AsyncSession, name: str, self_id: uuid.UUID | None) -> None:
    clash = (
        await session.execute(select(LostReason.id).where(func.lower(LostReason.name) == name.lower()))
    ).scalar_one_or_none()
    if clash is not None and clash != self_id:
        raise Conflict(f"A lost reason {name!r} already exists.")


async def create_lost_reason(session: AsyncSession, principal: Principal, data: LostReasonCreate) -> LostReason:
    await _unique_reason(session, data.name, None)
    row = LostReason(name=data.name, position=data.position, active=True)
    session.add(row)
    await session.flush()
    audit(session, principal, "lost_reason.created", "lost_reason", row.id, {"name": row.name})
    return row


async def update_lost_reason(
    session: AsyncSession, principal: Principal, row: LostReason, data: LostReasonUpdate
) -> LostReason:
    values = data.changes()
    if any(v is None for v in values.values()):
        raise Invalid.at(["body"], "Fields cannot be null.")
    if "name" in values:
        await _unique_reason(session, values["name"], row.id)
    for key, value in values.items():
        setattr(row, key, value)
    await session.flush()
    audit(session, principal, "lost_reason.updated", "lost_reason", row.id, values)
    return row


async def lost_reason_totals(
    session: AsyncSession,
    principal: Principal,
    pipeline_id: uuid.UUID | None,
    start: datetime | None,
    end: datetime | None,
) -> list[tuple[Any, str, int, Decimal]]:
    where = [Deal.status == StageKind.lost, Deal.deleted_at.is_(None), *await visible_where(session, principal)]
    if pipeline_id:
        where.append(Deal.pipeline_id == pipeline_id)
    if start:
        where.append(Deal.lost_at >= start)
    if end:
        where.append(Deal.lost_at < end)
    rows = await session.execute(
        select(Deal.lost_reason_id, Deal.currency, func.count(), func.sum(Deal.amount))
        .where(*where)
        .group_by(Deal.lost_reason_id, Deal.currency)
    )
    return [(r, c, int(n), Decimal(s or 0)) for r, c, n, s in rows.all()]
