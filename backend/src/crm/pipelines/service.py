"""Pipelines and their ordered stages. Admins shape them; everyone reads them."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Conflict, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import audit, record_change
from crm.core.security import Principal
from crm.db import utcnow
from crm.pipelines.models import Pipeline, Stage
from crm.pipelines.schemas import PipelineCreate, PipelineUpdate, StageCreate, StageKind, StageOrder, StageUpdate
from crm.settings import get_settings

DEFAULT_STAGES = [
    ("Qualification", 10, StageKind.open, 14),
    ("Needs analysis", 25, StageKind.open, 14),
    ("Proposal", 50, StageKind.open, 10),
    ("Negotiation", 75, StageKind.open, 7),
    ("Won", 100, StageKind.won, None),
    ("Lost", 0, StageKind.lost, None),
]

LIST_SPEC = listing.ListSpec(
    model=Pipeline,
    fields={
        "name": listing.Field(Pipeline.name),
        "position": listing.Field(Pipeline.position, int),
        "is_default": listing.Field(Pipeline.is_default, bool, sortable=False),
        "created_at": listing.Field(Pipeline.created_at, listing.datetime),
        "updated_at": listing.Field(Pipeline.updated_at, listing.datetime),
    },
    default_sort="position",
)


def active_stages(p: Pipeline) -> list[Stage]:
    return [s for s in p.stages if s.archived_at is None]


async def ensure_default(session: AsyncSession) -> Pipeline:
    """A fresh installation always has one pipeline to put deals in."""
    existing = (
        await session.execute(select(Pipeline).where(Pipeline.deleted_at.is_(None)).order_by(Pipeline.position))
    ).scalars()
    pipelines = list(existing)
    if pipelines:
        return next((p for p in pipelines if p.is_default), pipelines[0])
    p = Pipeline(name="Sales", is_default=True, currency=get_settings().base_currency, position=0)
    session.add(p)
    await session.flush()
    for i, (name, prob, kind, rot) in enumerate(DEFAULT_STAGES):
        session.add(Stage(pipeline_id=p.id, name=name, probability=prob, kind=kind.value, rotting_days=rot, position=i))
    await session.flush()
    await session.refresh(p, ["stages"])
    return p


async def get(session: AsyncSession, pipeline_id: uuid.UUID) -> Pipeline:
    p = await session.get(Pipeline, pipeline_id)
    if p is None or p.deleted_at is not None:
        raise NotFound("Pipeline not found.")
    return p


async def get_stage(session: AsyncSession, stage_id: uuid.UUID) -> Stage | None:
    return await session.get(Stage, stage_id)


async def list_pipelines(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    await ensure_default(session)
    return await listing.paginate(session, LIST_SPEC, params)


def _check_kinds(stages: list[StageCreate] | list[Stage]) -> None:
    kinds = [str(s.kind) for s in stages]
    if StageKind.open not in kinds:
        raise Invalid.at(["body", "stages"], "A pipeline needs at least one open stage.")


async def _clear_default(session: AsyncSession, keep: uuid.UUID) -> None:
    await session.execute(
        update(Pipeline).where(Pipeline.id != keep, Pipeline.is_default.is_(True)).values(is_default=False)
    )


async def create(session: AsyncSession, principal: Principal, data: PipelineCreate) -> Pipeline:
    stages = data.stages or [
        StageCreate(name=n, probability=p, kind=k, rotting_days=r) for n, p, k, r in DEFAULT_STAGES
    ]
    _check_kinds(stages)
    position = (await session.execute(select(func.coalesce(func.max(Pipeline.position), -1)))).scalar_one() + 1
    p = Pipeline(
        name=data.name,
        currency=data.currency or get_settings().base_currency,
        is_default=data.is_default,
        position=position,
    )
    session.add(p)
    await session.flush()
    for i, s in enumerate(stages):
        session.add(
            Stage(
                pipeline_id=p.id,
                name=s.name,
                probability=s.probability,
                kind=s.kind.value,
                rotting_days=s.rotting_days,
                position=i,
            )
        )
    if data.is_default:
        await _clear_default(session, p.id)
    await session.flush()
    await session.refresh(p, ["stages"])
    record_change(session, principal, "pipeline", p.id, "created", {"name": (None, p.name)})
    emit(session, "pipeline.created", "pipeline", p.id, {"id": str(p.id), "name": p.name}, principal)
    return p


async def update_pipeline(session: AsyncSession, principal: Principal, p: Pipeline, data: PipelineUpdate) -> Pipeline:
    values = data.changes()
    changes = {}
    for key, value in values.items():
        if value is None:
            raise Invalid.at(["body", key], "Cannot be null.")
        if getattr(p, key) != value:
            changes[key] = (getattr(p, key), value)
            setattr(p, key, value)
    if values.get("is_default") is False and p.is_default is False and "is_default" in changes:
        raise Invalid.at(["body", "is_default"], "Make another pipeline the default instead.")
    if changes:
        await session.flush()
        if p.is_default:
            await _clear_default(session, p.id)
        record_change(session, principal, "pipeline", p.id, "updated", changes)
    return p


async def add_stage(session: AsyncSession, principal: Principal, p: Pipeline, data: StageCreate) -> Stage:
    stages = active_stages(p)
    if len(stages) >= 50:
        raise Invalid.at(["body"], "A pipeline has at most 50 stages.")
    if data.position is None:
        # New open stages go before the closing (won/lost) ones.
        closing = [i for i, s in enumerate(stages) if s.kind != StageKind.open]
        index = closing[0] if closing and data.kind == StageKind.open else len(stages)
    else:
        index = min(data.position, len(stages))
    stage = Stage(
        pipeline_id=p.id,
        name=data.name,
        probability=data.probability,
        kind=data.kind.value,
        rotting_days=data.rotting_days,
        position=index,
    )
    for s in stages[index:]:
        s.position += 1
    session.add(stage)
    await session.flush()
    await session.refresh(p, ["stages"])
    audit(session, principal, "stage.created", "pipeline", p.id, {"stage": data.name})
    return stage


async def update_stage(
    session: AsyncSession, principal: Principal, p: Pipeline, stage: Stage, data: StageUpdate
) -> Stage:
    values = data.changes()
    for key, value in values.items():
        if value is None and key != "rotting_days":
            raise Invalid.at(["body", key], "Cannot be null.")
        setattr(stage, key, value.value if isinstance(value, StageKind) else value)
    _check_kinds(active_stages(p))
    await session.flush()
    audit(session, principal, "stage.updated", "pipeline", p.id, {"stage": str(stage.id), "fields": sorted(values)})
    return stage


async def reorder(session: AsyncSession, principal: Principal, p: Pipeline, data: StageOrder) -> Pipeline:
    stages = {s.id: s for s in active_stages(p)}
    if sorted(map(str, data.stage_ids)) != sorted(map(str, stages)):
        raise Invalid.at(["body", "stage_ids"], "List every active stage of this pipeline exactly once.")
    for i, sid in enumerate(data.stage_ids):
        stages[sid].position = i
    await session.flush()
    await session.refresh(p, ["stages"])
    audit(session, principal, "pipeline.stages_reordered", "pipeline", p.id)
    return p


async def archive_stage(
    session: AsyncSession, principal: Principal, p: Pipeline, stage: Stage, deals_in_stage: int
) -> Stage:
    if stage.archived_at is not None:
        return stage
    if deals_in_stage:
        raise Conflict(f"{deals_in_stage} deal(s) are still in this stage. Move them to another stage first.")
    remaining = [s for s in active_stages(p) if s.id != stage.id]
    if not any(s.kind == StageKind.open for s in remaining):
        raise Conflict("A pipeline needs at least one open stage.")
    stage.archived_at = utcnow()
    for i, s in enumerate(remaining):
        s.position = i
    await session.flush()
    await session.refresh(p, ["stages"])
    audit(session, principal, "stage.archived", "pipeline", p.id, {"stage": str(stage.id)})
    return stage


def stage_of(p: Pipeline, stage_id: uuid.UUID) -> Stage:
    """An active stage of this pipeline."""
    for s in p.stages:
        if s.id == stage_id:
            return s
    raise NotFound("Stage not found.")
