from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import responses
from crm.db import SessionDep
from crm.deals import service as deals_service
from crm.pipelines import service
from crm.pipelines.schemas import (
    PipelineCreate,
    PipelineRead,
    PipelineUpdate,
    StageCreate,
    StageOrder,
    StageRead,
    StageUpdate,
)

router = APIRouter(prefix="/pipelines", tags=["pipelines"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]


@router.get("", operation_id="pipelines_list", response_model=listing.Page[PipelineRead], responses=responses(401, 422))
async def list_pipelines(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[PipelineRead]:
    """Pipelines with their active stages in order; a default pipeline always exists."""
    result = await service.list_pipelines(session, params)
    return listing.respond(request, response, result, [PipelineRead.model_validate(p) for p in result.rows])


@router.post(
    "",
    operation_id="pipelines_create",
    status_code=status.HTTP_201_CREATED,
    response_model=PipelineRead,
    responses=responses(401, 403, 422),
)
async def create_pipeline(
    data: PipelineCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> PipelineRead:
    p = await service.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/pipelines/{p.id}"
    set_etag(response, p.version)
    return PipelineRead.model_validate(p)


@router.get("/{pipeline_id}", operation_id="pipelines_get", response_model=PipelineRead, responses=responses(401, 404))
async def get_pipeline(
    pipeline_id: uuid.UUID, response: Response, _: CurrentPrincipal, session: SessionDep
) -> PipelineRead:
    p = await service.get(session, pipeline_id)
    set_etag(response, p.version)
    return PipelineRead.model_validate(p)


@router.patch(
    "/{pipeline_id}",
    operation_id="pipelines_update",
    response_model=PipelineRead,
    responses=responses(401, 403, 404, 412, 422),
)
async def update_pipeline(
    pipeline_id: uuid.UUID,
    data: PipelineUpdate,
    response: Response,
    principal: AdminPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> PipelineRead:
    p = await service.get(session, pipeline_id)
    check_if_match(if_match, p.version)
    p = await service.update_pipeline(session, principal, p, data)
    set_etag(response, p.version)
    return PipelineRead.model_validate(p)


@router.post(
    "/{pipeline_id}/stages",
    operation_id="pipelines_add_stage",
    status_code=status.HTTP_201_CREATED,
    response_model=StageRead,
    responses=responses(401, 403, 404, 422),
)
async def add_stage(
    pipeline_id: uuid.UUID, data: StageCreate, principal: AdminPrincipal, session: SessionDep
) -> StageRead:
    p = await service.get(session, pipeline_id)
    return StageRead.model_validate(await service.add_stage(session, principal, p, data))


@router.patch(
    "/{pipeline_id}/stages/{stage_id}",
    operation_id="pipelines_update_stage",
    response_model=StageRead,
    responses=responses(401, 403, 404, 422),
)
async def update_stage(
    pipeline_id: uuid.UUID, stage_id: uuid.UUID, data: StageUpdate, principal: AdminPrincipal, session: SessionDep
) -> StageRead:
    p = await service.get(session, pipeline_id)
    stage = service.stage_of(p, stage_id)
    return StageRead.model_validate(await service.update_stage(session, principal, p, stage, data))


@router.put(
    "/{pipeline_id}/stage-order",
    operation_id="pipelines_reorder_stages",
    response_model=PipelineRead,
    responses=responses(401, 403, 404, 422),
)
async def reorder_stages(
    pipeline_id: uuid.UUID, data: StageOrder, principal: AdminPrincipal, session: SessionDep
) -> PipelineRead:
    p = await service.get(session, pipeline_id)
    return PipelineRead.model_validate(await service.reorder(session, principal, p, data))


@router.post(
    "/{pipeline_id}/stages/{stage_id}/archive",
    operation_id="pipelines_archive_stage",
    response_model=StageRead,
    responses=responses(401, 403, 404, 409),
)
async def archive_stage(
    pipeline_id: uuid.UUID, stage_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep
) -> StageRead:
    """Hides a stage from the pipeline; 409 while deals are still in it."""
    p = await service.get(session, pipeline_id)
    stage = service.stage_of(p, stage_id)
    count = await deals_service.deals_in_stage(session, stage.id)
    return StageRead.model_validate(await service.archive_stage(session, principal, p, stage, count))
