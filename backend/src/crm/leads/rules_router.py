"""Scoring rules, the predictive model and assignment rules: admins change them, everyone reads."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from crm.auth.deps import AdminPrincipal, CurrentPrincipal
from crm.core import listing
from crm.core.errors import responses
from crm.db import SessionDep
from crm.leads import rules, scoring
from crm.leads.schemas import (
    AssignmentRuleCreate,
    AssignmentRuleRead,
    AssignmentRuleUpdate,
    RescoreResult,
    ScoringModelRead,
    ScoringRuleCreate,
    ScoringRuleRead,
    ScoringRuleUpdate,
)

scoring_router = APIRouter(prefix="/scoring", tags=["lead-scoring"])
assignment_router = APIRouter(prefix="/assignment-rules", tags=["lead-assignment"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


@scoring_router.get(
    "/rules",
    operation_id="scoring_rules_list",
    response_model=listing.Page[ScoringRuleRead],
    responses=responses(401, 422),
)
async def list_scoring_rules(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[ScoringRuleRead]:
    result = await listing.paginate(session, rules.SCORING_SPEC, params, search=False)
    return listing.respond(request, response, result, [rules.scoring_read(r) for r in result.rows])


@scoring_router.post(
    "/rules",
    operation_id="scoring_rules_create",
    status_code=status.HTTP_201_CREATED,
    response_model=ScoringRuleRead,
    responses=responses(401, 403, 422),
    description="A condition in the list filter language (`country in KR,JP`, `company_size gte 50`) and the "
    "points it adds (negative to subtract). Every lead is re-scored.",
)
async def create_scoring_rule(
    data: ScoringRuleCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> ScoringRuleRead:
    rule = await rules.create_scoring_rule(session, principal, data)
    response.headers["Location"] = f"/api/v1/scoring/rules/{rule.id}"
    return rules.scoring_read(rule)


@scoring_router.patch(
    "/rules/{rule_id}",
    operation_id="scoring_rules_update",
    response_model=ScoringRuleRead,
    responses=responses(401, 403, 404, 422),
)
async def update_scoring_rule(
    rule_id: uuid.UUID, data: ScoringRuleUpdate, principal: AdminPrincipal, session: SessionDep
) -> ScoringRuleRead:
    rule = await rules.get_scoring_rule(session, rule_id)
    return rules.scoring_read(await rules.update_scoring_rule(session, principal, rule, data))


@scoring_router.delete(
    "/rules/{rule_id}",
    operation_id="scoring_rules_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def delete_scoring_rule(rule_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    rule = await rules.get_scoring_rule(session, rule_id)
    await rules.delete_scoring_rule(session, principal, rule)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@scoring_router.get(
    "/model",
    operation_id="scoring_model_get",
    response_model=ScoringModelRead,
    responses=responses(401),
    description="The predictive model in use: training size, when, holdout AUC (and the rules' AUC on the same "
    "holdout), Brier score and calibration bins. With too little history it says so and scores use the rules.",
)
async def get_model(_: CurrentPrincipal, session: SessionDep) -> ScoringModelRead:
    return scoring.to_read(await scoring.latest_run(session))


@scoring_router.post(
    "/model/train",
    operation_id="scoring_model_train",
    response_model=ScoringModelRead,
    responses=responses(401, 403),
    description="Trains on converted vs unqualified leads now and re-scores every lead.",
)
async def train_model(principal: AdminPrincipal, session: SessionDep) -> ScoringModelRead:
    return scoring.to_read(await scoring.train(session, principal, trigger="manual"))


@scoring_router.post(
    "/rescore", operation_id="scoring_rescore", response_model=RescoreResult, responses=responses(401, 403)
)
async def rescore(_: AdminPrincipal, session: SessionDep) -> RescoreResult:
    return RescoreResult(rescored=await scoring.rescore_all(session))


@assignment_router.get(
    "",
    operation_id="assignment_rules_list",
    response_model=listing.Page[AssignmentRuleRead],
    responses=responses(401, 422),
)
async def list_assignment_rules(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[AssignmentRuleRead]:
    result = await listing.paginate(session, rules.ASSIGNMENT_SPEC, params, search=False)
    return listing.respond(request, response, result, [rules.assignment_read(r) for r in result.rows])


@assignment_router.post(
    "",
    operation_id="assignment_rules_create",
    status_code=status.HTTP_201_CREATED,
    response_model=AssignmentRuleRead,
    responses=responses(401, 403, 422),
    description="The first active rule by `position` whose conditions all match a new, ownerless lead gives it "
    "to the next of `user_ids` (or of the team manager's direct reports) in turn.",
)
async def create_assignment_rule(
    data: AssignmentRuleCreate, response: Response, principal: AdminPrincipal, session: SessionDep
) -> AssignmentRuleRead:
    rule = await rules.create_assignment_rule(session, principal, data)
    response.headers["Location"] = f"/api/v1/assignment-rules/{rule.id}"
    return rules.assignment_read(rule)


@assignment_router.patch(
    "/{rule_id}",
    operation_id="assignment_rules_update",
    response_model=AssignmentRuleRead,
    responses=responses(401, 403, 404, 422),
)
async def update_assignment_rule(
    rule_id: uuid.UUID, data: AssignmentRuleUpdate, principal: AdminPrincipal, session: SessionDep
) -> AssignmentRuleRead:
    rule = await rules.get_assignment_rule(session, rule_id)
    return rules.assignment_read(await rules.update_assignment_rule(session, principal, rule, data))


@assignment_router.delete(
    "/{rule_id}",
    operation_id="assignment_rules_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def delete_assignment_rule(rule_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    rule = await rules.get_assignment_rule(session, rule_id)
    await rules.delete_assignment_rule(session, principal, rule)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
